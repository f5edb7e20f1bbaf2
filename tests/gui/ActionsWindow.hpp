#pragma once
// The main window on the demo programme with its Actions page shown and loaded, on
// 2022-03-31: what the Actions page and stakeholder registry tests start from.
#include "TriageWindow.hpp"
#include "WxTestSupport.hpp"
#include "gui/ActionsPage.hpp"
#include "gui/Language.hpp"
#include "gui/MainFrame.hpp"

#include <SQLiteCpp/Database.h>
#include <wx/notebook.h>

#include <cstdint>
#include <cstdlib>
#include <string>

namespace mwangaza::test {

struct ActionsWindow : TriageWindow {
    gui::ActionsPage* page = nullptr;

    ActionsWindow(const char* folder, const std::string& lang) : TriageWindow(folder)
    {
        REQUIRE(gui::install_language(lang));
        open_frame(wxSize(1600, 1200));
        page = dynamic_cast<gui::ActionsPage*>(wxWindow::FindWindowByName("actions_page", frame));
        REQUIRE(page != nullptr);
        page->set_today("2022-03-31");
        frame->notebook()->SetSelection(std::size_t(frame->notebook()->FindPage(page)));
        REQUIRE(pump_until([&] { return !page->loading() && !page->list()->rows().empty(); }));
    }
    std::int64_t count(const std::string& sql)
    {
        SQLite::Database db(path.string(), SQLite::OPEN_READONLY);
        return db.execAndGet(sql).getInt64();
    }
    std::string text(const std::string& sql)
    {
        SQLite::Database db(path.string(), SQLite::OPEN_READONLY);
        return db.execAndGet(sql).getString();
    }
    // A picture of the screen as PREFIX-suffix.png when the environment variable
    // `variable` names a PREFIX; nothing otherwise.
    void screenshot(const char* variable, const std::string& suffix, int settle_ms)
    {
        const char* prefix = std::getenv(variable);
        if (!prefix)
            return;
        pump_until([] { return false; }, settle_ms);
        const std::string command = "import -window root '" + std::string(prefix) + "-" + suffix + ".png'";
        CHECK(std::system(command.c_str()) == 0);
    }
};

} // namespace mwangaza::test
