#pragma once
// Progress of a long command on stderr (when `show`, e.g. stderr is a terminal), and
// Ctrl-C turned into a clean cancel: while a TerminalProgress lives, SIGINT sets its
// cancel flag instead of killing the process; the previous handler comes back after.
#include "app/Progress.hpp"

#include <string>

namespace mwangaza::cli {

class TerminalProgress : public app::Progress {
public:
    explicit TerminalProgress(bool show);
    ~TerminalProgress() override;
    TerminalProgress(const TerminalProgress&) = delete;
    TerminalProgress& operator=(const TerminalProgress&) = delete;

    void report(double fraction, const std::string& stage) override;
    bool cancelled() const override;

private:
    bool m_show;
    bool m_shown = false;
    int m_last = -1;
    std::string m_stage;
    void (*m_previous_handler)(int) = nullptr;
};

} // namespace mwangaza::cli
