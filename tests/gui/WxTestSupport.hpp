#pragma once
// A real wxApp for a GUI test process, and an event pump that waits for a condition.
#include <catch2/catch.hpp>

#include <wx/app.h>
#include <wx/init.h>
#include <wx/log.h>
#include <wx/utils.h>

#include <chrono>

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

} // namespace mwangaza::test
