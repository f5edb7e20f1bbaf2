// The triage page's filters on the demo programme, driven through the real controls
// (choices, date pickers, the site picker dialog, the site list of the main window), and
// the queue read in the background: the list must show exactly the incidents a SQL query
// of the test's own finds, and the event loop must keep running while a query is in flight.
#include "app/DemoProgramme.hpp"
#include "gui/Format.hpp"
#include "gui/IncidentListCtrl.hpp"
#include "gui/MainFrame.hpp"
#include "gui/SiteListCtrl.hpp"
#include "gui/TriageFilterBar.hpp"
#include "gui/TriagePanel.hpp"
#include "TempFolder.hpp"

#include <catch2/catch.hpp>

#include "TriageWindow.hpp"
#include "WxTestSupport.hpp"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/datectrl.h>
#include <wx/dateevt.h>
#include <wx/dialog.h>
#include <wx/notebook.h>
#include <wx/srchctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <vector>

using namespace mwangaza;

using test::pump_until;
using test::start_wx;

namespace {

using Ids = std::vector<std::int64_t>;

const char* const k_awaiting = "i.status IN ('new', 'in_review', 'needs_info')";

struct FilterWindow : test::TriageWindow {
    FilterWindow() : test::TriageWindow("mwangaza-triage-filter-test")
    {
        open();
        wait();
    }

    template <typename T>
    T* control(const char* name)
    {
        auto* w = dynamic_cast<T*>(wxWindow::FindWindowByName(name, triage));
        REQUIRE(w != nullptr);
        return w;
    }

    // Chooses an entry of a filter choice as a click would.
    void choose(const char* name, const wxString& label)
    {
        auto* choice = control<wxChoice>(name);
        const int index = choice->FindString(label);
        REQUIRE(index != wxNOT_FOUND);
        choice->SetSelection(index);
        wxCommandEvent event(wxEVT_CHOICE, choice->GetId());
        event.SetEventObject(choice);
        event.SetInt(index);
        choice->GetEventHandler()->ProcessEvent(event);
    }

    // Sets a date picker as the calendar would (an invalid date empties it).
    void date(const char* name, const wxDateTime& value)
    {
        auto* picker = control<wxDatePickerCtrl>(name);
        picker->SetValue(value);
        wxDateEvent event(picker, value, wxEVT_DATE_CHANGED);
        picker->GetEventHandler()->ProcessEvent(event);
    }

    void click(const char* name)
    {
        auto* button = control<wxButton>(name);
        wxCommandEvent event(wxEVT_BUTTON, button->GetId());
        event.SetEventObject(button);
        button->GetEventHandler()->ProcessEvent(event);
    }

    Ids expected(const std::string& where)
    {
        SQLite::Database sql(path.string(), SQLite::OPEN_READONLY);
        SQLite::Statement q(sql, "SELECT i.id FROM incident i LEFT JOIN site s ON s.id = i.site_id "
                                 "JOIN risk_area a ON a.code = i.risk_area WHERE " +
                                     where + " ORDER BY i.observed_on DESC, i.id DESC");
        Ids ids;
        while (q.executeStep())
            ids.push_back(q.getColumn(0).getInt64());
        return ids;
    }
    std::string text(const std::string& query)
    {
        SQLite::Database sql(path.string(), SQLite::OPEN_READONLY);
        return sql.execAndGet(query).getString();
    }

    const Ids& shown() const { return triage->list()->ids(); }
    wxString count_label() { return control<wxStaticText>("triage_count")->GetLabel(); }
};

} // namespace

TEST_CASE("triage filters by site, category and dates show exactly the matching incidents", "[gui][triage]")
{
    FilterWindow w;
    const Ids awaiting = w.expected(k_awaiting);
    REQUIRE(awaiting.size() > 20);
    CHECK(w.shown() == awaiting);
    CHECK(w.count_label() == wxString::Format("%s incidents awaiting triage", gui::format_count(std::int64_t(awaiting.size()))));

    // The site with the most incidents awaiting triage, its busiest category, and a date
    // range that leaves some of them out: chosen from the data, checked against SQL.
    const std::string site = w.text(std::string("SELECT s.code FROM incident i JOIN site s ON s.id = i.site_id WHERE ") +
                                    k_awaiting + " GROUP BY s.code ORDER BY count(*) DESC, s.code LIMIT 1");
    const std::string category =
        w.text(std::string("SELECT a.category_code FROM incident i JOIN site s ON s.id = i.site_id JOIN risk_area a "
                           "ON a.code = i.risk_area WHERE ") +
               k_awaiting + " AND s.code = '" + site + "' GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1");
    const std::string where_site = std::string(k_awaiting) + " AND s.code = '" + site + "'";
    const std::string where_category = where_site + " AND a.category_code = '" + category + "'";
    const Ids in_category = w.expected(where_category);
    REQUIRE(in_category.size() >= 2);

    // The site, picked in the main window's site list: the queue follows it.
    auto* sites = w.frame->site_list();
    const long item = sites->find_site(site);
    REQUIRE(item >= 0);
    sites->SetItemState(item, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
    w.wait();
    CHECK(w.shown() == w.expected(where_site));
    CHECK(w.control<wxButton>("triage_site")->GetLabel().StartsWith(wxString::FromUTF8(site)));
    CHECK(w.count_label() == wxString::Format("%s of %s awaiting triage",
                                              gui::format_count(std::int64_t(w.expected(where_site).size())),
                                              gui::format_count(std::int64_t(awaiting.size()))));

    // The category, then the area choice lists only that category's areas.
    w.choose("triage_category", gui::risk_category_label(category));
    w.wait();
    CHECK(w.shown() == in_category);
    auto* area = w.control<wxChoice>("triage_area");
    CHECK(area->GetCount() ==
          1 + unsigned(std::stoi(w.text("SELECT count(*) FROM risk_area WHERE category_code = '" + category + "'"))));

    // From the oldest date to the day before the newest: the newest leave.
    const std::string oldest = w.text("SELECT min(i.observed_on) FROM incident i WHERE i.id IN (" +
                                      [&] {
                                          std::string list;
                                          for (auto id : in_category)
                                              list += (list.empty() ? "" : ",") + std::to_string(id);
                                          return list;
                                      }() +
                                      ")");
    const std::string newest = w.text("SELECT observed_on FROM incident WHERE id = " + std::to_string(in_category[0]));
    wxDateTime from, to;
    REQUIRE(from.ParseISODate(wxString::FromUTF8(oldest)));
    REQUIRE(to.ParseISODate(wxString::FromUTF8(newest)));
    to -= wxDateSpan::Day();
    w.date("triage_from", from);
    w.date("triage_to", to);
    w.wait();
    const Ids dated = w.expected(where_category + " AND i.observed_on BETWEEN '" + oldest + "' AND '" +
                                 to.FormatISODate().utf8_string() + "'");
    CHECK(w.shown() == dated);
    CHECK(dated.size() < in_category.size());
    if (const char* file = std::getenv("MWANGAZA_TRIAGE_SCREENSHOT")) {
        pump_until([] { return false; }, 400);
        CHECK(std::system(("import -window root '" + std::string(file) + "-filters.png'").c_str()) == 0);
    }

    // Words narrow further; the list is empty when nothing matches, and says so.
    w.control<wxSearchCtrl>("triage_text")->SetValue("zzzqqq");
    REQUIRE(pump_until([&] { return w.shown().empty(); }, 3000)); // after the typing pause
    w.wait();
    CHECK(w.triage->detail()->GetValue().Contains("Nothing awaits triage"));

    // Clear filters: the whole queue again, every control back to "all".
    w.click("triage_clear");
    w.wait();
    CHECK(w.shown() == awaiting);
    CHECK(w.control<wxChoice>("triage_category")->GetSelection() == 0);
    CHECK(!w.control<wxDatePickerCtrl>("triage_from")->GetValue().IsValid());
    CHECK(w.control<wxSearchCtrl>("triage_text")->GetValue().empty());
    CHECK(w.control<wxButton>("triage_site")->GetLabel() == "All sites");

    // The site picker: type part of a code in its dialog.
    bool typed = false;
    wxTheApp->CallAfter([&typed, &site] {
        for (auto* window : wxTopLevelWindows) {
            auto* dialog = dynamic_cast<wxDialog*>(window);
            if (!dialog || !dialog->IsModal())
                continue;
            for (auto* child : dialog->GetChildren())
                if (auto* text = dynamic_cast<wxTextCtrl*>(child)) {
                    text->SetValue(wxString::FromUTF8(site).Lower());
                    typed = true;
                    break;
                }
            dialog->EndModal(wxID_OK);
        }
    });
    w.click("triage_site");
    CHECK(typed);
    w.wait();
    CHECK(w.shown() == w.expected(where_site));
}

TEST_CASE("the window keeps running while a queue query is in flight; a stale result is dropped",
          "[gui][triage]")
{
    FilterWindow w;
    const Ids awaiting = w.shown();
    REQUIRE(!awaiting.empty());

    // The next two queries wait on the test before they run, each until released.
    std::mutex mutex;
    std::condition_variable wake;
    int released = 0;
    std::atomic<int> entered{0};
    w.triage->set_query_hook([&] {
        std::unique_lock lock(mutex);
        const int turn = ++entered;
        wake.wait(lock, [&] { return released >= turn; });
    });
    auto release = [&] {
        {
            std::lock_guard lock(mutex);
            ++released;
        }
        wake.notify_all();
    };

    // A heartbeat on the UI thread: the longest gap between its ticks.
    test::EventLoopHeartbeat heartbeat;

    w.choose("triage_status", gui::incident_status_label("new"));
    REQUIRE(pump_until([&] { return entered == 1; }, 5000));
    pump_until([] { return false; }, 400);
    CHECK(w.triage->loading());
    CHECK(w.count_label() == "Searching...");
    CHECK(heartbeat.ticks() >= 10);
    CHECK(heartbeat.longest_gap_ms() < 250);
    CHECK(w.shown() == awaiting); // the previous result stays until the new one comes

    // The person changes their mind while the first query runs: its result is dropped.
    w.choose("triage_status", gui::incident_status_label("in_review"));
    release();
    REQUIRE(pump_until([&] { return entered == 2; }, 5000));
    pump_until([] { return false; }, 200); // the first result, if any, has arrived
    CHECK(w.triage->loading());
    CHECK(w.shown() == awaiting);
    release();
    w.wait();
    heartbeat.stop();
    CHECK(w.shown() == w.expected("i.status = 'in_review'"));
    CHECK(entered == 2);
    CHECK(heartbeat.longest_gap_ms() < 250);
    w.triage->set_query_hook({});
}

TEST_CASE("a decision updates the filtered list at once, keeping its place", "[gui][triage]")
{
    FilterWindow w;
    w.choose("triage_status", gui::incident_status_label("new"));
    w.wait();
    const Ids before = w.shown();
    REQUIRE(before.size() > 5);
    w.triage->select_item(2);
    const auto decided = before[2];

    // From now on every query waits: what the list shows after S comes from no query.
    std::mutex mutex;
    std::condition_variable wake;
    bool open = false;
    std::atomic<int> queries{0};
    w.triage->set_query_hook([&] {
        ++queries;
        std::unique_lock lock(mutex);
        wake.wait(lock, [&] { return open; });
    });
    CHECK(w.triage->handle_key('S', false));
    CHECK(!w.triage->loading());
    CHECK(queries == 0);
    Ids after = before;
    after.erase(after.begin() + 2);
    CHECK(w.shown() == after); // in review now: it left the "new" filter
    CHECK(w.triage->current_id() == before[3]);
    CHECK(w.text("SELECT status FROM incident WHERE id = " + std::to_string(decided)) == "in_review");
    CHECK(w.count_label().StartsWith(gui::format_count(std::int64_t(after.size()))));
    {
        std::lock_guard lock(mutex);
        open = true;
    }
    wake.notify_all();
    w.triage->set_query_hook({});
}
