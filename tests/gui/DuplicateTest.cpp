// The triage page's duplicate hints: a second report of a queued incident is added to the
// demo programme, the page shows the two side by side, M merges them, Ctrl+Z undoes it;
// the database is read back each time. Needs an X display (xvfb-run).
// MWANGAZA_TRIAGE_SCREENSHOT=file saves pictures of the screen along the way.
#include "app/DemoProgramme.hpp"
#include "gui/DuplicatePane.hpp"
#include "gui/IncidentListCtrl.hpp"
#include "gui/MainFrame.hpp"
#include "gui/TriagePanel.hpp"
#include "store/IncidentDuplicates.hpp"
#include "TempFolder.hpp"

#include <catch2/catch.hpp>

#include "TriageWindow.hpp"
#include "WxTestSupport.hpp"

#include <wx/notebook.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

using namespace mwangaza;
using test::pump_until;

namespace {

struct DuplicateWindow : test::TriageWindow {
    std::int64_t first = 0;  // a new incident of the demo queue
    std::int64_t second = 0; // its second report, added here

    DuplicateWindow() : test::TriageWindow("mwangaza-duplicate-test")
    {
        add_second_report();
        open();
        REQUIRE(pump_until([&] { return item_of(second) >= 0; }));
    }

    // Another agent reports the same event in French a day later: same site, area, people.
    void add_second_report()
    {
        SQLite::Database sql(path.string(), SQLite::OPEN_READWRITE);
        first = sql.execAndGet("SELECT id FROM incident WHERE status = 'new' AND risk_area = 'child_labour' "
                               "AND site_id IS NOT NULL AND description LIKE '% children %' ORDER BY id LIMIT 1")
                    .getInt64();
        REQUIRE(first > 0);
        // The demo may already hold reports like it: the test's pair must be the only one.
        REQUIRE(store::duplicate_candidates(sql, first).empty());
        SQLite::Statement q(sql, "INSERT INTO incident(site_id, risk_area, observed_on, submitted_at, reporter, "
                                 "description, children, women, men, attachments, status, created_at, updated_at) "
                                 "SELECT site_id, risk_area, date(observed_on, '+1 day'), "
                                 "strftime('%Y-%m-%dT%H:%M:%SZ', submitted_at, '+1 day'), 'agent.second', "
                                 "?, children, women, men, 'IMG_second.jpg', 'new', created_at, updated_at "
                                 "FROM incident WHERE id = ?");
        const std::string description =
            sql.execAndGet("SELECT description FROM incident WHERE id = " + std::to_string(first)).getString();
        // "5 children seen washing ore at pit 12; ..." -> "Deuxieme rapport: 5 children ... pit 12"
        q.bind(1, "Second report by another agent: " + description.substr(0, description.find(';')));
        q.bind(2, first);
        q.exec();
        second = sql.getLastInsertRowid();
    }

    // A key press as the list receives it, then events until `done` holds (the queue may
    // be read again in the background).
    template <typename Done>
    bool press(int key, bool control, Done done)
    {
        wxKeyEvent event(wxEVT_KEY_DOWN);
        event.m_keyCode = key;
        event.SetControlDown(control);
        event.SetEventObject(triage->list());
        triage->list()->GetEventHandler()->ProcessEvent(event);
        return pump_until(done);
    }
    void press(int key)
    {
        press(key, false, [] { return true; });
    }

    long item_of(std::int64_t id) const
    {
        const auto& ids = triage->list()->ids();
        const auto it = std::find(ids.begin(), ids.end(), id);
        return it == ids.end() ? -1 : long(it - ids.begin());
    }

    std::string text(const std::string& query)
    {
        SQLite::Database sql(path.string(), SQLite::OPEN_READONLY);
        return sql.execAndGet(query).getString();
    }
    std::string status(std::int64_t id) { return text("SELECT status FROM incident WHERE id = " + std::to_string(id)); }
};

void screenshot(const char* step)
{
    const char* file = std::getenv("MWANGAZA_TRIAGE_SCREENSHOT");
    if (!file)
        return;
    pump_until([] { return false; }, 400);
    const std::string command = "import -window root '" + std::string(file) + "-" + step + ".png'";
    CHECK(std::system(command.c_str()) == 0);
}

} // namespace

TEST_CASE("a possible duplicate is shown side by side, M merges it, Ctrl+Z undoes the merge", "[gui][duplicates]")
{
    DuplicateWindow w;
    const long item = w.item_of(w.second);
    REQUIRE(item >= 0);
    w.triage->select_item(item);
    REQUIRE(w.triage->current_id() == w.second);

    // The queue marks the row, the view compares the two reports.
    CHECK(w.triage->list()->GetItemText(item, 5).StartsWith(wxString::FromUTF8("\u2248 1")));
    auto* pane = w.triage->duplicates();
    REQUIRE(pane->IsShown());
    CHECK_FALSE(w.triage->detail()->IsShown());
    CHECK(pane->incident_id() == w.second);
    CHECK(pane->candidate_id() == w.first);
    CHECK(pane->kept_id() == w.first); // reported first
    CHECK(pane->merged_id() == w.second);
    const auto* title = dynamic_cast<wxStaticText*>(wxWindow::FindWindowByName("duplicate_title", pane));
    REQUIRE(title != nullptr);
    CHECK(title->GetLabel().Contains(wxString::Format("#%lld", static_cast<long long>(w.second))));
    screenshot("duplicates");

    // D switches to the full details, which say there is a duplicate, and back.
    w.press('D');
    CHECK_FALSE(pane->IsShown());
    CHECK(w.triage->detail()->IsShown());
    CHECK(w.triage->detail()->GetValue().Contains(wxString::FromUTF8("\u2248")));
    w.press('M'); // nothing shown: nothing merged
    CHECK(w.status(w.second) == "new");
    w.press('D');
    REQUIRE(pane->IsShown());

    REQUIRE(w.press('M', false, [&] { return w.item_of(w.second) == -1 && w.triage->current_id() == w.first; }));
    CHECK(w.status(w.second) == "rejected");
    CHECK(w.status(w.first) == "new");
    CHECK(w.text("SELECT reason FROM incident_status_history WHERE incident_id = " + std::to_string(w.second) +
                 " AND to_status = 'rejected'") == "duplicate of #" + std::to_string(w.first));
    CHECK(w.text("SELECT count(*) FROM audit_log WHERE operation = 'merge' AND entity_id = " +
                 std::to_string(w.first)) == "1");
    CHECK(w.item_of(w.second) == -1); // left the queue
    CHECK(w.triage->current_id() == w.first);
    CHECK(w.triage->feedback()->GetLabel().Contains(wxString::Format("#%lld", static_cast<long long>(w.first))));
    screenshot("merged");

    REQUIRE(w.press('Z', true, [&] { return w.item_of(w.second) >= 0; }));
    CHECK(w.status(w.second) == "new");
    CHECK(w.text("SELECT count(*) FROM audit_log WHERE operation = 'status_undo' AND entity_id = " +
                 std::to_string(w.second)) == "1");
    CHECK(w.triage->current_id() == w.second);
    CHECK(w.triage->duplicates()->IsShown());

    // Filters that match nothing leave no incident to compare: the view gives way.
    w.triage->set_filters(0, "", "zzqx");
    CHECK(pump_until([&] { return w.triage->list()->GetItemCount() == 0 && !pane->IsShown(); }));
    CHECK(w.triage->detail()->IsShown());
}
