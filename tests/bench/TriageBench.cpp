// Triage at 1M incidents (issue 3, point 9): how long each queue filter takes, cold and
// warm, in the store; then the real main window on the same database, where each filter
// is applied through the triage page's controls while a 5 ms heartbeat timer measures the
// longest gap in the UI event loop.
//
//   triage_bench DB [--store-only] [--runs N]
//
// DB is written to (one decision is taken and undone in the window): give it a copy.
// "Cold" drops the database file from the page cache first (posix_fadvise DONTNEED),
// then opens a new connection. Prints one line per measure, tab-separated.
#include "gui/Format.hpp"
#include "gui/IncidentListCtrl.hpp"
#include "gui/MainFrame.hpp"
#include "gui/SiteListCtrl.hpp"
#include "gui/TriageFilterBar.hpp"
#include "gui/TriagePanel.hpp"
#include "store/Database.hpp"
#include "store/IncidentQuery.hpp"

#include <wx/app.h>
#include <wx/button.h>
#include <wx/choice.h>
#include <wx/datectrl.h>
#include <wx/dateevt.h>
#include <wx/init.h>
#include <wx/log.h>
#include <wx/notebook.h>
#include <wx/srchctrl.h>
#include <wx/timer.h>

#include <SQLiteCpp/Database.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

using namespace mwangaza;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

void drop_from_page_cache(const std::string& file)
{
    const int fd = ::open(file.c_str(), O_RDONLY);
    if (fd < 0)
        return;
    ::fdatasync(fd);
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
    ::close(fd);
}

struct Filter {
    const char* name;
    store::IncidentQuery query;
};

std::vector<Filter> filters(const std::string& busy_site, const std::string& province)
{
    using I = core::IncidentStatus;
    const std::vector<I> awaiting{I::New, I::InReview, I::NeedsInfo};
    std::vector<Filter> list;
    auto add = [&](const char* name, auto set) {
        store::IncidentQuery q;
        q.statuses = awaiting;
        set(q);
        list.push_back({name, q});
    };
    add("awaiting triage (no other filter)", [](auto&) {});
    add("status new", [](auto& q) { q.statuses = {I::New}; });
    add("site (busiest site)", [&](auto& q) { q.site_code = busy_site; });
    add("province", [&](auto& q) { q.province = province; });
    add("category human_rights", [](auto& q) { q.category = "human_rights"; });
    add("area child_labour", [](auto& q) { q.areas = {"child_labour"}; });
    add("dates 2022-01-01..2022-03-31", [](auto& q) {
        q.from = "2022-01-01";
        q.to = "2022-03-31";
    });
    add("words \"enfants\"", [](auto& q) { q.text = "enfants"; });
    add("words \"mine*\" (prefix)", [](auto& q) { q.text = "mine*"; });
    add("site + category + dates + words", [&](auto& q) {
        q.site_code = busy_site;
        q.category = "human_rights";
        q.from = "2021-04-01";
        q.to = "2022-03-31";
        q.text = "enfants";
    });
    add("all statuses, words \"enfants\"", [](auto& q) {
        q.statuses.clear();
        q.text = "enfants";
    });
    return list;
}

void store_bench(const std::string& path, int runs, const std::string& site, const std::string& province)
{
    std::printf("store\tfilter\tmatches\tcold_ms\twarm_median_ms\n");
    for (const auto& f : filters(site, province)) {
        for (const char* suffix : {"", "-wal", "-shm"})
            drop_from_page_cache(path + suffix);
        auto db = store::Database::open(path, store::Database::Mode::ReadOnly);
        auto start = Clock::now();
        const auto ids = store::query_incident_ids(db.sql(), f.query);
        const double cold = ms_since(start);
        std::vector<double> warm;
        for (int r = 0; r < runs; ++r) {
            start = Clock::now();
            (void)store::query_incident_ids(db.sql(), f.query);
            warm.push_back(ms_since(start));
        }
        std::sort(warm.begin(), warm.end());
        std::printf("store\t%s\t%zu\t%.1f\t%.1f\n", f.name, ids.size(), cold, warm[warm.size() / 2]);
        std::fflush(stdout);
    }
}

// Runs the event loop until done() or the timeout; true when done.
bool pump_until(const std::function<bool()>& done, int timeout_ms = 60000)
{
    const auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
    while (!done()) {
        if (Clock::now() > deadline)
            return false;
        wxTheApp->Yield(true);
        wxTheApp->ProcessPendingEvents();
        wxMilliSleep(1);
    }
    wxTheApp->Yield(true);
    return true;
}

void pump_for(int ms)
{
    pump_until([] { return false; }, ms);
}

struct Heartbeat {
    wxTimer timer;
    Clock::time_point last = Clock::now();
    double longest = 0;
    Heartbeat()
    {
        timer.Bind(wxEVT_TIMER, [this](wxTimerEvent&) {
            longest = std::max(longest, ms_since(last));
            last = Clock::now();
        });
        timer.Start(5);
    }
    void reset()
    {
        last = Clock::now();
        longest = 0;
    }
};

int gui_bench(const std::string& path, const std::string& site_code, const std::string& province,
              const std::string& country)
{
    wxApp::SetInstance(new wxApp);
    int argc = 1;
    char name[] = "triage_bench";
    char* argv[] = {name, nullptr};
    if (!wxEntryStart(argc, argv) || !wxTheApp->CallOnInit()) {
        std::fprintf(stderr, "cannot start wxWidgets (no display?)\n");
        return 1;
    }
    delete wxLog::SetActiveTarget(new wxLogStderr);
    auto* frame = new gui::MainFrame;
    if (!frame->open_database(path, true)) {
        std::fprintf(stderr, "cannot open %s\n", path.c_str());
        return 1;
    }
    frame->Show();
    pump_until([&] { return frame->painted() && !frame->loading(); });
    pump_for(300);
    auto* triage = frame->triage();
    auto find = [&](const char* n) { return wxWindow::FindWindowByName(n, triage); };
    auto* text = dynamic_cast<wxSearchCtrl*>(find("triage_text"));
    auto* category = dynamic_cast<wxChoice*>(find("triage_category"));
    auto* area = dynamic_cast<wxChoice*>(find("triage_area"));
    auto* from = dynamic_cast<wxDatePickerCtrl*>(find("triage_from"));
    auto* to = dynamic_cast<wxDatePickerCtrl*>(find("triage_to"));
    if (!text || !category || !area || !from || !to) {
        std::fprintf(stderr, "triage filter controls not found\n");
        return 1;
    }

    Heartbeat heartbeat;
    double worst = 0;
    std::printf("gui\tstep\tshown\tms_to_list\tlongest_ui_gap_ms\n");
    Clock::time_point last_key{}; // set by a typing step: its time runs from the last key
    auto step = [&](const char* label, const std::function<void()>& act) {
        pump_for(150);
        heartbeat.reset();
        auto start = Clock::now();
        act();
        if (last_key != Clock::time_point{}) {
            start = last_key;
            last_key = {};
        }
        pump_until([&] { return !triage->loading(); });
        const double ms = ms_since(start);
        pump_for(50);
        worst = std::max(worst, heartbeat.longest);
        std::printf("gui\t%s\t%zu\t%.1f\t%.1f\n", label, triage->list()->ids().size(), ms, heartbeat.longest);
        std::fflush(stdout);
    };
    auto choose = [](wxChoice* c, int index) {
        c->SetSelection(index);
        wxCommandEvent e(wxEVT_CHOICE, c->GetId());
        e.SetEventObject(c);
        e.SetInt(index);
        c->GetEventHandler()->ProcessEvent(e);
    };
    auto set_date = [](wxDatePickerCtrl* p, const char* iso) {
        wxDateTime d;
        if (iso)
            d.ParseISODate(iso);
        p->SetValue(d);
        wxDateEvent e(p, d, wxEVT_DATE_CHANGED);
        p->GetEventHandler()->ProcessEvent(e);
    };

    auto clear = [&] {
        auto* button = dynamic_cast<wxButton*>(find("triage_clear"));
        wxCommandEvent e(wxEVT_BUTTON, button->GetId());
        e.SetEventObject(button);
        button->GetEventHandler()->ProcessEvent(e);
    };

    step("open the triage page (awaiting triage)", [&] {
        frame->notebook()->SetSelection(std::size_t(frame->notebook()->FindPage(triage)));
    });
    // Typing: the query starts after a pause; the time runs from the last key.
    step("type \"enfants\" (a key every 120 ms; time from the last key)", [&] {
        for (const char* c : {"e", "n", "f", "a", "n", "t", "s"}) {
            if (*c != 's')
                pump_for(120);
            text->AppendText(c);
        }
        last_key = Clock::now();
        pump_until([&] { return triage->loading(); }, 2000);
    });
    step("clear the words (cancel button)", [&] {
        wxCommandEvent e(wxEVT_SEARCHCTRL_CANCEL_BTN, text->GetId());
        e.SetEventObject(text);
        text->GetEventHandler()->ProcessEvent(e);
    });
    step("category: human rights", [&] { choose(category, category->FindString(gui::risk_category_label("human_rights"))); });
    step("risk area: first of the category", [&] { choose(area, 1); });
    step("dates 2022-01-01 to 2022-03-31", [&] {
        set_date(from, "2022-01-01");
        set_date(to, "2022-03-31");
    });
    step("site list: busiest site", [&] {
        const long item = frame->site_list()->find_site(site_code);
        frame->site_list()->SetItemState(item, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
    });
    step("clear filters", clear);
    step("province (site list)", [&] {
        gui::Scope scope;
        scope.kind = gui::Scope::Kind::Province;
        scope.province = province;
        scope.country = country;
        triage->set_scope(scope);
    });
    step("clear filters", clear);
    // A decision on the first row: the list changes in place, on the UI thread.
    triage->select_item(0);
    step("S on the first incident (in place, no query)", [&] { triage->handle_key('S', false); });
    step("Ctrl+Z (reads the queue again)", [&] { triage->handle_key('Z', true); });
    std::printf("gui\tlongest UI gap over all steps\t-\t-\t%.1f\n", worst);
    heartbeat.timer.Stop();
    frame->Destroy();
    pump_for(100);
    wxEntryCleanup();
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: triage_bench DB [--store-only] [--runs N]\n");
        return 2;
    }
    const std::string path = argv[1];
    bool store_only = false;
    int runs = 5;
    for (int i = 2; i < argc; ++i) {
        if (std::strcmp(argv[i], "--store-only") == 0)
            store_only = true;
        else if (std::strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
            runs = std::max(1, std::atoi(argv[++i]));
    }
    std::string site, province, country;
    {
        // The busiest site of the queue, and its province.
        auto db = store::Database::open(path, store::Database::Mode::OpenExisting); // upgrades an older file once
        SQLite::Statement q(db.sql(), "SELECT s.code, s.province, s.country FROM incident i INDEXED BY incident_status "
                                      "JOIN site s ON s.id = i.site_id WHERE i.status IN ('new', 'in_review', "
                                      "'needs_info') GROUP BY i.site_id ORDER BY count(*) DESC LIMIT 1");
        if (!q.executeStep()) {
            std::fprintf(stderr, "no incident awaits triage in %s\n", path.c_str());
            return 1;
        }
        site = q.getColumn(0).getString();
        province = q.getColumn(1).getString();
        country = q.getColumn(2).getString();
    }
    store_bench(path, runs, site, province);
    if (store_only)
        return 0;
    return gui_bench(path, site, province, country);
}
