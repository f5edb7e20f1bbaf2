// Drives the triage page of the real main window with key presses on its list, then
// reads the database back. Needs an X display (xvfb-run in the README's test command).
// MWANGAZA_TRIAGE_SCREENSHOT=file.png saves a picture of the screen along the way.
#include "app/DemoProgramme.hpp"
#include "gui/IncidentListCtrl.hpp"
#include "gui/MainFrame.hpp"
#include "gui/TriagePanel.hpp"
#include "store/IncidentStatusChange.hpp"
#include "TempFolder.hpp"

#include <catch2/catch.hpp>

#include "TriageWindow.hpp"
#include "WxTestSupport.hpp"

#include <wx/app.h>
#include <wx/dialog.h>
#include <wx/init.h>
#include <wx/log.h>
#include <wx/notebook.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/utils.h>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>

using namespace mwangaza;

using test::pump_until;
using test::start_wx;

namespace {

// The demo programme and a main window on it, showing the triage page.
struct TriageWindow : test::TriageWindow {
    TriageWindow() : test::TriageWindow("mwangaza-triage-test")
    {
        open();
        wait();
    }

    // A key press as the list receives it from the keyboard.
    void press(int key, bool control = false)
    {
        wxKeyEvent event(wxEVT_KEY_DOWN);
        event.m_keyCode = key;
        event.SetControlDown(control);
        event.SetEventObject(triage->list());
        triage->list()->GetEventHandler()->ProcessEvent(event);
        pump_until([&] { return !triage->loading(); });
    }

    // Sets the filters and waits for the queue read in the background.
    void filter(int status_choice, const std::string& area, const wxString& text)
    {
        triage->set_filters(status_choice, area, text);
        REQUIRE(pump_until([&] { return !triage->loading(); }));
    }

    std::int64_t id_at(long item) const { return triage->list()->ids().at(std::size_t(item)); }

    std::string status(std::int64_t id)
    {
        SQLite::Database sql(path.string(), SQLite::OPEN_READONLY);
        return sql.execAndGet("SELECT status FROM incident WHERE id = " + std::to_string(id)).getString();
    }
    std::int64_t count(const std::string& query)
    {
        SQLite::Database sql(path.string(), SQLite::OPEN_READONLY);
        return sql.execAndGet(query).getInt64();
    }
    std::string text(const std::string& query)
    {
        SQLite::Database sql(path.string(), SQLite::OPEN_READONLY);
        return sql.execAndGet(query).getString();
    }
    void exec(const std::string& statement)
    {
        SQLite::Database sql(path.string(), SQLite::OPEN_READWRITE);
        sql.exec(statement);
    }
    std::int64_t history(std::int64_t id)
    {
        return count("SELECT count(*) FROM incident_status_history WHERE incident_id = " + std::to_string(id));
    }
};

void screenshot(const char* step)
{
    const char* file = std::getenv("MWANGAZA_TRIAGE_SCREENSHOT");
    if (!file)
        return;
    pump_until([] { return false; }, 400);
    const std::string target = std::string(file) + "-" + step + ".png";
    const std::string command = "import -window root '" + target + "'";
    CHECK(std::system(command.c_str()) == 0);
}

} // namespace

TEST_CASE("triage queue lists the incidents awaiting a decision, filters narrow it", "[gui][triage]")
{
    TriageWindow w;
    const auto awaiting = w.count("SELECT count(*) FROM incident WHERE status IN ('new', 'in_review', 'needs_info')");
    REQUIRE(awaiting > 10);
    CHECK(w.triage->list()->GetItemCount() == awaiting);
    CHECK(w.triage->current_id() == w.id_at(0));
    const wxString detail = w.triage->detail()->GetValue();
    CHECK(detail.Contains(wxString::Format("#%lld", static_cast<long long>(w.id_at(0)))));
    CHECK(detail.Contains(wxString::FromUTF8(
        w.text("SELECT description FROM incident WHERE id = " + std::to_string(w.id_at(0))))));
    screenshot("queue");

    w.filter(1, "", wxString());
    CHECK(w.triage->list()->GetItemCount() == w.count("SELECT count(*) FROM incident WHERE status = 'new'"));
    w.filter(0, "child_labour", wxString());
    CHECK(w.triage->list()->GetItemCount() ==
          w.count("SELECT count(*) FROM incident WHERE status IN ('new', 'in_review', 'needs_info') "
                  "AND risk_area = 'child_labour'"));
    // Accents and case folded: "ECOLE" finds "école".
    w.filter(0, "", "ECOLE");
    const auto ecole = w.count("SELECT count(*) FROM incident WHERE status IN ('new', 'in_review', 'needs_info') "
                               "AND description LIKE '%école%'");
    REQUIRE(ecole > 0);
    CHECK(w.triage->list()->GetItemCount() == ecole);

    // J and K move through the queue.
    w.filter(0, "", wxString());
    w.triage->select_item(0);
    w.press('J');
    CHECK(w.triage->current_id() == w.id_at(1));
    w.press('J');
    CHECK(w.triage->current_id() == w.id_at(2));
    w.press('K');
    CHECK(w.triage->current_id() == w.id_at(1));
}

TEST_CASE("V on a new incident reviews and verifies it; Ctrl+Z undoes it through the store", "[gui][triage]")
{
    TriageWindow w;
    w.filter(1, "", wxString()); // new only
    REQUIRE(w.triage->list()->GetItemCount() > 3);
    const auto a = w.id_at(0);
    const auto b = w.id_at(1);
    REQUIRE(w.status(a) == "new");
    const auto history0 = w.history(a);

    w.press('V');
    CHECK(w.status(a) == "verified");
    CHECK(w.history(a) == history0 + 2);
    CHECK(w.text("SELECT to_status FROM incident_status_history WHERE incident_id = " + std::to_string(a) +
                 " ORDER BY id DESC LIMIT 1 OFFSET 1") == "in_review");
    CHECK(w.count("SELECT count(*) FROM audit_log WHERE operation = 'status' AND entity_id = " + std::to_string(a)) == 2);
    // The verified incident left the queue; the next one is selected.
    CHECK(w.triage->current_id() == b);
    CHECK(w.id_at(0) == b);
    screenshot("verified");

    w.press('Z', true);
    CHECK(w.status(a) == "new");
    CHECK(w.history(a) == history0 + 3);
    CHECK(w.text("SELECT reason FROM incident_status_history WHERE incident_id = " + std::to_string(a) +
                 " ORDER BY id DESC LIMIT 1") == store::k_undo_reason);
    CHECK(w.count("SELECT count(*) FROM audit_log WHERE operation = 'status_undo' AND entity_id = " +
                  std::to_string(a)) == 1);
    CHECK(w.triage->current_id() == a);
    CHECK(w.triage->detail()->GetValue().Contains("#" + std::to_string(a)));
    CHECK(w.triage->detail()->GetValue().Contains("status_undo"));
    w.press('Z', true); // nothing left to undo
    CHECK(w.status(a) == "new");
}

TEST_CASE("R asks for the reason; no reason or a cancel changes nothing", "[gui][triage]")
{
    TriageWindow w;
    w.filter(1, "", wxString());
    const auto a = w.id_at(0);
    const auto history0 = w.history(a);

    w.triage->set_prompt([](const wxString&, const wxString&) { return std::optional<wxString>(); });
    w.press('R');
    w.triage->set_prompt([](const wxString&, const wxString&) { return std::optional<wxString>("   "); });
    w.press('R');
    CHECK(w.status(a) == "new");
    CHECK(w.history(a) == history0);
    CHECK(w.triage->feedback()->GetLabel().Contains("reason"));

    w.triage->set_prompt(
        [](const wxString&, const wxString&) { return std::optional<wxString>("photo taken at another site"); });
    w.press('R');
    CHECK(w.status(a) == "rejected");
    CHECK(w.history(a) == history0 + 2);
    CHECK(w.text("SELECT reason FROM incident_status_history WHERE incident_id = " + std::to_string(a) +
                 " ORDER BY id DESC LIMIT 1") == "photo taken at another site");
}

TEST_CASE("several selected incidents are decided in one batch; an illegal move changes none", "[gui][triage]")
{
    TriageWindow w;
    w.filter(1, "", wxString());
    auto* list = w.triage->list();
    const auto a = w.id_at(0), b = w.id_at(1), c = w.id_at(2);
    for (long item : {0L, 1L, 2L})
        list->SetItemState(item, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
    w.press('S');
    for (auto id : {a, b, c})
        CHECK(w.status(id) == "in_review");

    // The in-review filter shows them; N asks a note and moves all three.
    w.filter(2, "", wxString());
    w.triage->set_prompt([](const wxString&, const wxString&) { return std::optional<wxString>("GPS point missing"); });
    for (long item = 0; item < list->GetItemCount(); ++item) {
        const auto id = w.id_at(item);
        list->SetItemState(item, id == a || id == b || id == c ? wxLIST_STATE_SELECTED : 0, wxLIST_STATE_SELECTED);
    }
    w.press('N');
    for (auto id : {a, b, c}) {
        CHECK(w.status(id) == "needs_info");
        CHECK(w.text("SELECT reason FROM incident_status_history WHERE incident_id = " + std::to_string(id) +
                     " ORDER BY id DESC LIMIT 1") == "GPS point missing");
    }

    // An in-review incident cannot start review again: the batch is refused whole.
    w.filter(0, "", wxString());
    const auto history_a = w.history(a);
    long item_a = -1, item_review = -1;
    for (long item = 0; item < list->GetItemCount(); ++item) {
        const auto status = w.status(w.id_at(item));
        if (w.id_at(item) == a)
            item_a = item;
        else if (status == "in_review" && item_review < 0)
            item_review = item;
    }
    REQUIRE(item_a >= 0);
    REQUIRE(item_review >= 0);
    const auto review_id = w.id_at(item_review);
    const auto history_review = w.history(review_id);
    w.triage->select_item(item_a);
    list->SetItemState(item_review, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
    w.press('S');
    CHECK(w.status(a) == "needs_info");
    CHECK(w.history(a) == history_a);
    CHECK(w.history(review_id) == history_review);
    CHECK(w.triage->feedback()->GetLabel().Contains(wxString::Format("#%lld", static_cast<long long>(review_id))));
    screenshot("refused");
}

TEST_CASE("A changes the risk area by typing part of its name; Ctrl+Z puts it back", "[gui][triage]")
{
    TriageWindow w;
    w.filter(1, "", wxString());
    const auto a = w.id_at(0);
    const std::string before = w.text("SELECT risk_area FROM incident WHERE id = " + std::to_string(a));
    REQUIRE(before != "forced_labour");

    // The real dialog: type "forced" in its filter, then OK.
    bool typed = false;
    wxTheApp->CallAfter([&typed] {
        for (auto* window : wxTopLevelWindows) {
            auto* dialog = dynamic_cast<wxDialog*>(window);
            if (!dialog || !dialog->IsModal())
                continue;
            for (auto* child : dialog->GetChildren())
                if (auto* text = dynamic_cast<wxTextCtrl*>(child)) {
                    text->SetValue("forced");
                    typed = true;
                    break;
                }
            dialog->EndModal(wxID_OK);
        }
    });
    w.press('A');
    CHECK(typed);
    CHECK(w.text("SELECT risk_area FROM incident WHERE id = " + std::to_string(a)) == "forced_labour");
    CHECK(w.count("SELECT count(*) FROM audit_log WHERE operation = 'risk_area' AND entity_id = " +
                  std::to_string(a)) == 1);
    CHECK(w.status(a) == "new");

    w.press('Z', true);
    CHECK(w.text("SELECT risk_area FROM incident WHERE id = " + std::to_string(a)) == before);
    CHECK(w.count("SELECT count(*) FROM audit_log WHERE operation = 'risk_area' AND entity_id = " +
                  std::to_string(a)) == 2);

    // Several selected rows change together.
    auto* list = w.triage->list();
    const auto b = w.id_at(1), c = w.id_at(2);
    w.triage->select_item(1);
    list->SetItemState(2, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
    w.triage->set_area_prompt([](const std::string&) { return std::optional<std::string>("ohs"); });
    w.press('A');
    for (auto id : {b, c})
        CHECK(w.text("SELECT risk_area FROM incident WHERE id = " + std::to_string(id)) == "ohs");
}

TEST_CASE("T moves incidents to another site by typing part of its code; Ctrl+Z moves them back", "[gui][triage]")
{
    TriageWindow w;
    w.filter(1, "", wxString());
    const auto a = w.id_at(0);
    const auto site_of = [&](std::int64_t id) {
        return w.text("SELECT coalesce(s.code, '') FROM incident i LEFT JOIN site s ON s.id = i.site_id WHERE i.id = " +
                      std::to_string(id));
    };
    const std::string before = site_of(a);
    REQUIRE(before != "RW-RUT-01");
    // The site was found by the assignment, 812.4 m away.
    w.exec("UPDATE incident SET site_method = 'nearest_within_radius', site_distance_m = 812.4 WHERE id = " +
           std::to_string(a));

    bool typed = false;
    wxTheApp->CallAfter([&typed] {
        for (auto* window : wxTopLevelWindows) {
            auto* dialog = dynamic_cast<wxDialog*>(window);
            if (!dialog || !dialog->IsModal())
                continue;
            for (auto* child : dialog->GetChildren())
                if (auto* text = dynamic_cast<wxTextCtrl*>(child)) {
                    text->SetValue("rw-rut-01");
                    typed = true;
                    break;
                }
            dialog->EndModal(wxID_OK);
        }
    });
    w.press('T');
    CHECK(typed);
    CHECK(site_of(a) == "RW-RUT-01");
    CHECK(w.count("SELECT count(*) FROM audit_log WHERE operation = 'site' AND entity_id = " + std::to_string(a)) == 1);
    CHECK(w.triage->detail()->GetValue().Contains("RW-RUT-01"));
    // The expert's choice: recorded as manual, so that `assign` never undoes it.
    CHECK(w.text("SELECT site_method FROM incident WHERE id = " + std::to_string(a)) == "manual");
    CHECK(w.triage->detail()->GetValue().Contains("chosen by an expert"));

    w.press('Z', true);
    CHECK(site_of(a) == before);
    CHECK(w.count("SELECT count(*) FROM audit_log WHERE operation = 'site' AND entity_id = " + std::to_string(a)) == 2);
    // The undo puts back how the site had been chosen, not an expert's choice.
    CHECK(w.text("SELECT site_method || ' ' || site_distance_m FROM incident WHERE id = " + std::to_string(a)) ==
          "nearest_within_radius 812.4");
}

TEST_CASE("the details show how the site was chosen, the concession and the protected area", "[gui][triage]")
{
    test::TriageWindow w("mwangaza-triage-assign-test");
    {
        SQLite::Database sql(w.path.string(), SQLite::OPEN_READWRITE);
        sql.exec("INSERT INTO concession(id, code, holder, wkb, min_lon, min_lat, max_lon, max_lat) "
                 "VALUES (1, 'PE 4731', 'Coop', x'00', 0, 0, 0, 0)");
        sql.exec("UPDATE incident SET site_method = 'nearest_within_radius', site_distance_m = 1734.1, "
                 "concession_id = 1, protected_area = 'Parc National de Kahuzi-Biega' "
                 "WHERE status IN ('new', 'in_review', 'needs_info')");
    }
    w.open();
    w.wait();
    const wxString detail = w.triage->detail()->GetValue();
    CHECK(detail.Contains("automatic: nearest site within the radius, 1.7 km"));
    CHECK(detail.Contains("PE 4731"));
    CHECK(detail.Contains("Parc National de Kahuzi-Biega"));
    screenshot("assignment");
}
