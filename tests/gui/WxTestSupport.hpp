#pragma once
// A real wxApp for a GUI test process, and an event pump that waits for a condition.
#include <catch2/catch.hpp>

#include <wx/app.h>
#include <wx/init.h>
#include <wx/log.h>
#include <wx/timer.h>
#include <wx/utils.h>

#include <algorithm>
#include <chrono>
#include <functional>

namespace mwangaza::test {

// One wxApp for the test process (ctest runs every test case in its own process).
inline void start_wx()
{
    static bool started = [] {
        wxApp::SetInstance(new wxApp);
        static int argc = 1;
        static char name[] = "mwangaza_gui_tests";
        static char* argv[] = {name, nullptr};
        if (!wxEntryStart(argc, argv))
            return false;
        // A wx error must fail a check, not wait behind a modal log window.
        delete wxLog::SetActiveTarget(new wxLogStderr);
        return wxTheApp->CallOnInit();
    }();
    REQUIRE(started);
}

// Processes events until `done()` holds (true) or `timeout_ms` passes (false).
template <typename Done>
bool pump_until(Done done, int timeout_ms = 15000)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline)
            return false;
        wxTheApp->Yield(true);
        wxTheApp->ProcessPendingEvents();
        wxMilliSleep(5);
    }
    wxTheApp->Yield(true);
    return true;
}

// Runs `fill` on the window named `name` (a dialog of type Window) once it shows, inside
// the modal loop that `open` starts; `fill` ends that loop. True when it ran.
template <typename Window>
bool with_modal(const char* name, const std::function<void()>& open, const std::function<void(Window&)>& fill)
{
    bool ran = false;
    int tries = 0;
    std::function<void()> poll = [&] {
        auto* w = dynamic_cast<Window*>(wxWindow::FindWindowByName(name));
        if ((!w || !w->IsShownOnScreen()) && ++tries < 500) {
            wxMilliSleep(10);
            wxTheApp->CallAfter(poll);
            return;
        }
        REQUIRE(w != nullptr);
        ran = true;
        fill(*w);
    };
    wxTheApp->CallAfter(poll);
    open();
    return ran;
}

// Ticks every 10 ms on the UI thread while it lives and keeps the longest gap between two
// ticks: the longest time the event loop was held (by a query, a frame, a file...).
class EventLoopHeartbeat {
public:
    EventLoopHeartbeat()
    {
        m_timer.Bind(wxEVT_TIMER, [this](wxTimerEvent&) {
            const auto now = std::chrono::steady_clock::now();
            m_longest_gap_ms =
                std::max(m_longest_gap_ms, std::chrono::duration<double, std::milli>(now - m_last).count());
            m_last = now;
            ++m_ticks;
        });
        m_timer.Start(10);
    }
    ~EventLoopHeartbeat() { stop(); }
    EventLoopHeartbeat(const EventLoopHeartbeat&) = delete;
    EventLoopHeartbeat& operator=(const EventLoopHeartbeat&) = delete;

    void stop() { m_timer.Stop(); }
    // Starts measuring again from now.
    void reset()
    {
        m_longest_gap_ms = 0;
        m_last = std::chrono::steady_clock::now();
    }
    double longest_gap_ms() const { return m_longest_gap_ms; }
    int ticks() const { return m_ticks; }

private:
    wxTimer m_timer;
    std::chrono::steady_clock::time_point m_last = std::chrono::steady_clock::now();
    double m_longest_gap_ms = 0;
    int m_ticks = 0;
};

} // namespace mwangaza::test
