#pragma once
// The demo programme in a temporary folder and a real main window on it, showing the
// triage page. A test prepares the file first (open() comes after), then drives the page.
#include "app/DemoProgramme.hpp"
#include "gui/MainFrame.hpp"
#include "gui/TriagePanel.hpp"
#include "gui/IncidentListCtrl.hpp"
#include "TempFolder.hpp"
#include "WxTestSupport.hpp"

#include <catch2/catch.hpp>

#include <wx/notebook.h>

#include <filesystem>
#include <optional>

namespace mwangaza::test {

struct TriageWindow {
    TempFolder dir;
    std::filesystem::path path = dir / "demo.mwz";
    gui::MainFrame* frame = nullptr;
    gui::TriagePanel* triage = nullptr;

    explicit TriageWindow(const char* folder) : dir(folder)
    {
        start_wx();
        app::SilentProgress progress;
        app::create_demo(path, app::DemoOptions{}, progress);
    }
    ~TriageWindow()
    {
        if (frame) {
            frame->Destroy();
            pump_until([] { return true; });
        }
    }
    TriageWindow(const TriageWindow&) = delete;
    TriageWindow& operator=(const TriageWindow&) = delete;

    // Opens the main window on the file (at `size` when given) and waits for its first paint.
    void open_frame(std::optional<wxSize> size = std::nullopt)
    {
        frame = new gui::MainFrame;
        if (size)
            frame->SetSize(0, 0, size->x, size->y);
        REQUIRE(frame->open_database(path, true));
        frame->Show();
        REQUIRE(pump_until([&] { return frame->painted() && !frame->loading(); }));
    }

    // Opens the main window on the file, waits for its first paint and shows the triage page.
    void open()
    {
        open_frame();
        triage = frame->triage();
        REQUIRE(triage != nullptr);
        frame->notebook()->SetSelection(std::size_t(frame->notebook()->FindPage(triage)));
        triage->list()->SetFocus();
    }

    // Waits for the queue read in the background.
    void wait() { REQUIRE(pump_until([&] { return !triage->loading(); })); }
};

} // namespace mwangaza::test
