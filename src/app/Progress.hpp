#pragma once
// How long operations report progress and learn they should stop, without knowing who
// shows it (the CLI prints, the GUI updates a gauge from its worker thread).
#include <atomic>
#include <string>

namespace mwangaza::app {

class Progress {
public:
    virtual ~Progress() = default;
    // fraction in [0, 1]; `stage` is a translated, human-readable step name.
    virtual void report(double fraction, const std::string& stage) = 0;
    // Polled between units of work; an operation that sees true throws Cancelled and
    // leaves nothing behind.
    virtual bool cancelled() const = 0;
};

// Reports nowhere and can be cancelled from another thread.
class SilentProgress : public Progress {
public:
    void report(double, const std::string&) override {}
    bool cancelled() const override { return m_cancel.load(); }
    void cancel() { m_cancel = true; }

private:
    std::atomic<bool> m_cancel{false};
};

} // namespace mwangaza::app
