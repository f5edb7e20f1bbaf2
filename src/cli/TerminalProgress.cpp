#include "cli/TerminalProgress.hpp"

#include <atomic>
#include <csignal>
#include <cstdio>

namespace mwangaza::cli {

namespace {

std::atomic<bool> g_interrupted{false};

extern "C" void on_interrupt(int)
{
    g_interrupted = true;
}

} // namespace

TerminalProgress::TerminalProgress(bool show) : m_show(show)
{
    g_interrupted = false;
    m_previous_handler = std::signal(SIGINT, on_interrupt);
}

TerminalProgress::~TerminalProgress()
{
    std::signal(SIGINT, m_previous_handler == SIG_ERR ? SIG_DFL : m_previous_handler);
    if (m_shown)
        std::fputs("\n", stderr);
}

void TerminalProgress::report(double fraction, const std::string& stage)
{
    if (!m_show)
        return;
    const int pct = int(fraction * 100.0 + 0.5);
    if (pct == m_last && stage == m_stage)
        return;
    m_last = pct;
    m_stage = stage;
    std::fprintf(stderr, "\r%s... %3d%%\x1b[K", stage.c_str(), pct);
    std::fflush(stderr);
    m_shown = true;
}

bool TerminalProgress::cancelled() const
{
    return g_interrupted.load();
}

} // namespace mwangaza::cli
