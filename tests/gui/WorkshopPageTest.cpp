// The Workshops page under X (xvfb-run): a workshop planned at a demo site, then recorded
// in the record dialog with a draft action ticked (issued in one step), an attendee and a
// progress note; the database is read back. Then the pack is exported on the page's
// background thread. MWANGAZA_WORKSHOP_SCREENSHOT=prefix saves pictures of the screen.
#include "app/DemoProgramme.hpp"
#include "gui/Language.hpp"
#include "gui/WorkshopPanel.hpp"
#include "gui/WorkshopRecordDialog.hpp"
#include "store/Database.hpp"
#include "TempFolder.hpp"

#include <catch2/catch.hpp>

#include "WxTestSupport.hpp"

#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/frame.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/textctrl.h>

#include <SQLiteCpp/Statement.h>

#include <cstdlib>
#include <fstream>

using namespace mwangaza;
using test::pump_until;
using test::start_wx;

namespace {

void screenshot(const std::string& name)
{
    if (const char* prefix = std::getenv("MWANGAZA_WORKSHOP_SCREENSHOT")) {
        pump_until([] { return false; }, 400); // let the windows paint
        const std::string cmd = "import -window root '" + std::string(prefix) + "-" + name + ".png'";
        CHECK(std::system(cmd.c_str()) == 0);
    }
}

std::int64_t scalar(store::Database& db, const std::string& sql)
{
    SQLite::Statement q(db.sql(), sql);
    REQUIRE(q.executeStep());
    return q.getColumn(0).getInt64();
}

} // namespace

TEST_CASE("Workshops page: plan a workshop, issue a draft action at it, export its pack", "[gui][workshop]")
{
    start_wx();
    const char* lang_env = std::getenv("MWANGAZA_WORKSHOP_LANG");
    REQUIRE(gui::install_language(lang_env ? lang_env : "en"));
    test::TempFolder dir("mwangaza-workshop-gui");
    const auto path = dir / "demo.mwz";
    app::SilentProgress progress;
    app::create_demo(path, app::DemoOptions{}, progress);
    auto db = store::Database::open(path);

    // The site with the most drafts waiting.
    std::string site;
    {
        SQLite::Statement q(db.sql(), "SELECT s.code FROM corrective_action a JOIN site s ON s.id = a.site_id "
                                      "WHERE a.status = 'draft' GROUP BY s.id ORDER BY count(*) DESC, s.code LIMIT 1");
        REQUIRE(q.executeStep());
        site = q.getColumn(0).getString();
    }

    auto* frame = new wxFrame(nullptr, wxID_ANY, "Workshops", wxPoint(0, 0), wxSize(1400, 900));
    auto* panel = new gui::WorkshopPanel(frame);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(panel, 1, wxEXPAND);
    frame->SetSizer(sizer);
    frame->Show();
    panel->attach(&db);
    panel->activate();
    REQUIRE(panel->sites()->GetItemCount() == int(scalar(db, "SELECT count(*) FROM site")));

    panel->select_site(site);
    REQUIRE(panel->selected_site() == site);
    REQUIRE(panel->plan("2099-04-12", "Grace Kalenga"));
    const std::int64_t workshop = scalar(db, "SELECT max(id) FROM workshop");
    REQUIRE(panel->workshop_to_record() == workshop);
    const long row = panel->sites()->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    REQUIRE(row >= 0);
    CHECK(panel->sites()->GetItemText(row, 5) == "2099-04-12");
    screenshot("page");

    auto* dialog = new gui::WorkshopRecordDialog(frame, db, workshop);
    dialog->Show();
    REQUIRE(pump_until([&] { return dialog->IsShownOnScreen(); }));
    REQUIRE(dialog->drafts()->GetCount() > 0);
    REQUIRE(dialog->stakeholders()->GetCount() > 0);
    REQUIRE_FALSE(dialog->progress_notes().empty());
    const std::string first_draft_label = dialog->drafts()->GetString(0).utf8_string();
    const std::int64_t draft = std::stoll(first_draft_label.substr(0, first_draft_label.find(' ')));
    dialog->drafts()->Check(0);
    dialog->stakeholders()->Check(0);
    dialog->others()->SetValue("Mama Furaha: community representative");
    dialog->progress_notes()[0]->SetValue("Register shown at the meeting");
    dialog->minutes()->SetValue("One action issued; the register was shown.");
    // An action in progress is reported implemented at the meeting.
    std::int64_t implemented = 0;
    for (std::size_t i = 1; i < dialog->choices().open_actions.size() && !implemented; ++i)
        if (dialog->choices().open_actions[i].status == "in_progress") {
            dialog->progress_statuses()[i]->SetSelection(2);
            implemented = dialog->choices().open_actions[i].id;
        }
    REQUIRE(implemented > 0);
    wxTheApp->Yield(true);
    screenshot("record");
    REQUIRE(dialog->save());
    CHECK(dialog->result().issued == 1);
    const std::int64_t dialog_progress = dialog->result().progress_updates;
    dialog->Destroy();

    const std::string w = std::to_string(workshop);
    CHECK(scalar(db, "SELECT count(*) FROM corrective_action WHERE id = " + std::to_string(draft) +
                         " AND status = 'issued' AND issued_workshop_id = " + w + " AND issued_on = '2099-04-12'") == 1);
    CHECK(scalar(db, "SELECT count(*) FROM action_progress WHERE workshop_id = " + w +
                         " AND to_status = 'issued' AND action_id = " + std::to_string(draft)) == 1);
    CHECK(scalar(db, "SELECT count(*) FROM action_progress WHERE workshop_id = " + w +
                         " AND note = 'Register shown at the meeting'") == 1);
    CHECK(scalar(db, "SELECT count(*) FROM corrective_action WHERE id = " + std::to_string(implemented) +
                         " AND status = 'implemented'") == 1);
    CHECK(scalar(db, "SELECT count(*) FROM action_progress WHERE workshop_id = " + w + " AND action_id = " +
                         std::to_string(implemented) + " AND from_status = 'in_progress' AND to_status = 'implemented'") == 1);
    CHECK(dialog_progress == 2);
    CHECK(scalar(db, "SELECT count(*) FROM workshop_attendee WHERE workshop_id = " + w) == 2);
    CHECK(scalar(db, "SELECT count(*) FROM workshop_attendee WHERE workshop_id = " + w +
                         " AND name = 'Mama Furaha' AND role = 'community representative'") == 1);
    CHECK(scalar(db, "SELECT count(*) FROM workshop WHERE id = " + w +
                         " AND minutes = 'One action issued; the register was shown.'") == 1);

    // The pack of the site's last held workshop month, written off the UI thread.
    const auto pdf = dir / "pack.pdf";
    REQUIRE(panel->export_pack(pdf, "2022-03"));
    REQUIRE(pump_until([&] { return !panel->exporting(); }, 30000));
    INFO(panel->last_message().utf8_string());
    REQUIRE(std::filesystem::exists(pdf));
    std::ifstream in(pdf, std::ios::binary);
    std::string head(5, '\0');
    in.read(head.data(), 5);
    CHECK(head == "%PDF-");
    screenshot("exported");
    frame->Destroy();
    wxTheApp->Yield(true);
}
