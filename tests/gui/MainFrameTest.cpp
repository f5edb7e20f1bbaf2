// Opens the real main window on a demo database and reads the figures back from the
// widgets. Needs an X display (xvfb-run in the README's test command).
#include "app/DemoProgramme.hpp"
#include "core/I18n.hpp"
#include "core/Taxonomy.hpp"
#include "gui/CategoryChart.hpp"
#include "gui/DashboardPanel.hpp"
#include "gui/IncidentListCtrl.hpp"
#include "gui/Language.hpp"
#include "gui/MainFrame.hpp"
#include "gui/SiteListCtrl.hpp"
#include "store/Database.hpp"
#include "store/KpiQuery.hpp"
#include "TempFolder.hpp"

#include <catch2/catch.hpp>

#include "WxTestSupport.hpp"

#include <wx/app.h>
#include <wx/init.h>
#include <wx/log.h>
#include <wx/notebook.h>
#include <wx/stattext.h>
#include <wx/statusbr.h>
#include <wx/utils.h>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <unistd.h>

using namespace mwangaza;

using test::pump_until;
using test::start_wx;

namespace {

// The demo programme (scale 1) in a fresh temporary folder, removed afterwards.
struct DemoDatabase {
    test::TempFolder dir{"mwangaza-gui-test"};
    std::filesystem::path path = dir / "demo.mwz";
    DemoDatabase()
    {
        app::SilentProgress progress;
        app::create_demo(path, app::DemoOptions{}, progress);
    }
};

// Opens a main window on `db` and waits until it has painted and loaded its lists.
gui::MainFrame* open_window(const std::filesystem::path& db)
{
    auto* frame = new gui::MainFrame;
    REQUIRE(frame->open_database(db, true));
    frame->Show();
    REQUIRE(pump_until([&] { return frame->painted() && !frame->loading(); }));
    return frame;
}

void close_window(gui::MainFrame* frame)
{
    frame->Destroy();
    pump_until([] { return true; });
}

wxString widget_label(wxWindow* frame, const wxString& name)
{
    auto* text = dynamic_cast<wxStaticText*>(wxWindow::FindWindowByName(name, frame));
    REQUIRE(text != nullptr);
    return text->GetLabel();
}

// The whole numbers written in a label, digit grouping ignored: "32 / 48" -> {32, 48},
// "2,048" -> {2048}, "81 %" -> {81}.
std::vector<std::int64_t> numbers(const wxString& text)
{
    std::vector<std::int64_t> out;
    bool in_number = false;
    for (std::size_t i = 0; i < text.length(); ++i) {
        const wxUniChar c = text[i];
        if (c >= '0' && c <= '9') {
            if (!in_number)
                out.push_back(0);
            out.back() = out.back() * 10 + (c - '0');
            in_number = true;
        } else if (in_number && (c == ',' || c == 0x202F || c == 0xA0) && i + 1 < text.length() &&
                   text[i + 1] >= '0' && text[i + 1] <= '9') {
            continue; // a group separator inside a number
        } else {
            in_number = false;
        }
    }
    return out;
}

std::vector<std::int64_t> kpi(wxWindow* frame, const char* key)
{
    return numbers(widget_label(frame, wxString("kpi_") + key));
}

std::int64_t count_incidents(const std::filesystem::path& db, std::optional<std::int64_t> site = std::nullopt)
{
    SQLite::Database sql(db.string(), SQLite::OPEN_READONLY);
    SQLite::Statement q(sql, site ? "SELECT count(*) FROM incident WHERE site_id = ?" : "SELECT count(*) FROM incident");
    if (site)
        q.bind(1, *site);
    REQUIRE(q.executeStep());
    return q.getColumn(0).getInt64();
}

void check_dashboard_matches(wxWindow* frame, const core::KpiFigures& f)
{
    CHECK(kpi(frame, "sites") == std::vector<std::int64_t>{f.sites_active, f.sites_total});
    CHECK(kpi(frame, "incidents_verified") == std::vector<std::int64_t>{f.incidents_verified});
    CHECK(kpi(frame, "risk_areas") == std::vector<std::int64_t>{f.risk_areas_covered, 26});
    CHECK(kpi(frame, "child_labour") == std::vector<std::int64_t>{f.child_labour_incidents});
    CHECK(numbers(widget_label(frame, "kpi_detail_child_labour")) == std::vector<std::int64_t>{f.wfcl_incidents});
    CHECK(kpi(frame, "actions_issued") == std::vector<std::int64_t>{f.actions_issued});
    CHECK(kpi(frame, "actions_progressing") == std::vector<std::int64_t>{f.actions_progressing});
    if (f.actions_issued > 0)
        CHECK(kpi(frame, "implementation_rate") ==
              std::vector<std::int64_t>{core::percent(f.actions_progressing, f.actions_issued)});
    else
        CHECK(kpi(frame, "implementation_rate").empty()); // a dash: no rate without issued actions
    CHECK(kpi(frame, "workshops") == std::vector<std::int64_t>{f.workshops});
    CHECK(kpi(frame, "awaiting_triage") == std::vector<std::int64_t>{f.incidents_awaiting_triage});
}

} // namespace

TEST_CASE("The main window shows the demo programme's figures and incidents", "[gui]")
{
    start_wx();
    gui::install_language("en");
    DemoDatabase demo;
    auto* frame = open_window(demo.path);

    auto db = store::Database::open(demo.path, store::Database::Mode::ReadOnly);
    const auto expected = store::compute_kpis(db.sql(), {});
    check_dashboard_matches(frame, expected);

    // The figures of domain.md "Demo programme", as the window shows them.
    CHECK(kpi(frame, "sites") == std::vector<std::int64_t>{32, 48});
    CHECK(kpi(frame, "incidents_verified") == std::vector<std::int64_t>{2048});
    CHECK(kpi(frame, "risk_areas") == std::vector<std::int64_t>{26, 26});
    CHECK(kpi(frame, "child_labour") == std::vector<std::int64_t>{240});
    CHECK(kpi(frame, "actions_issued") == std::vector<std::int64_t>{1098});
    CHECK(kpi(frame, "actions_progressing") == std::vector<std::int64_t>{888});
    CHECK(kpi(frame, "implementation_rate") == std::vector<std::int64_t>{81});
    CHECK(kpi(frame, "workshops") == std::vector<std::int64_t>{140});
    CHECK(widget_label(frame, "kpi_implementation_rate") == "81%");
    CHECK(widget_label(frame, "kpi_incidents_verified") == "2,048");

    // The chart has one bar per category, with the verified counts per category.
    const auto& bars = frame->dashboard()->chart()->bars();
    REQUIRE(bars.size() == core::risk_categories().size());
    std::int64_t charted = 0;
    for (const auto& category : core::risk_categories()) {
        const wxString label = wxString::FromUTF8(core::tr(category.label));
        auto bar = std::find_if(bars.begin(), bars.end(), [&](const auto& b) { return b.label == label; });
        REQUIRE(bar != bars.end());
        CHECK(bar->value == expected.verified_by_category.at(std::string(category.code)));
        charted += bar->value;
    }
    CHECK(charted == 2048);

    // Every incident is in the (virtual) list, newest first, with readable labels.
    auto* list = frame->incident_list();
    CHECK(list->GetItemCount() == count_incidents(demo.path));
    const auto* first = list->row(0);
    const auto* last = list->row(list->GetItemCount() - 1);
    REQUIRE(first != nullptr);
    REQUIRE(last != nullptr);
    CHECK(first->observed_on >= last->observed_on);
    CHECK(list->GetItemText(0, 2) == wxString::FromUTF8(core::tr(core::find_risk_area(first->risk_area)->label)));
    CHECK(list->GetItemText(list->GetItemCount() - 1, 0) == wxString::FromUTF8(last->observed_on));

    // All sites, grouped under their provinces.
    auto* sites = frame->site_list();
    CHECK(sites->sites().size() == 48);
    CHECK(sites->GetItemText(0, 0) == "All sites");
    close_window(frame);
}

TEST_CASE("Selecting a site, a province or a country filters the dashboard and the incidents list", "[gui]")
{
    start_wx();
    gui::install_language("en");
    DemoDatabase demo;
    auto* frame = open_window(demo.path);
    auto db = store::Database::open(demo.path, store::Database::Mode::ReadOnly);
    auto* sites = frame->site_list();

    // The site with the most verified incidents.
    const auto& rows = sites->sites();
    const auto busiest = *std::max_element(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
        return a.verified_incidents < b.verified_incidents;
    });
    const long item = sites->find_site(busiest.code);
    REQUIRE(item > 0);
    sites->SetItemState(item, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
    REQUIRE(pump_until([&] { return frame->scope().site_id == busiest.id && !frame->loading(); }));

    core::KpiFilter by_site;
    by_site.site_code = busiest.code;
    const auto site_figures = store::compute_kpis(db.sql(), by_site);
    check_dashboard_matches(frame, site_figures);
    CHECK(kpi(frame, "incidents_verified") == std::vector<std::int64_t>{busiest.verified_incidents});
    CHECK(kpi(frame, "sites") == std::vector<std::int64_t>{busiest.active ? 1 : 0, 1});
    const auto site_incidents = count_incidents(demo.path, busiest.id);
    CHECK(frame->incident_list()->GetItemCount() == site_incidents);
    CHECK(site_incidents < count_incidents(demo.path));
    for (long i = 0; i < frame->incident_list()->GetItemCount(); ++i)
        CHECK(frame->incident_list()->GetItemText(i, 1) == wxString::FromUTF8(busiest.code));

    // The province header above the site: every site of the province.
    long header = item;
    while (header > 0 && sites->scope_of(header).kind != gui::Scope::Kind::Province)
        --header;
    REQUIRE(header > 0);
    sites->SetItemState(header, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
    REQUIRE(pump_until([&] { return frame->scope().kind == gui::Scope::Kind::Province && !frame->loading(); }));
    core::KpiFilter by_province;
    by_province.country = busiest.country;
    by_province.province = busiest.province;
    const auto province_figures = store::compute_kpis(db.sql(), by_province);
    check_dashboard_matches(frame, province_figures);
    std::int64_t province_incidents = 0;
    for (const auto& s : rows)
        if (s.province == busiest.province && s.country == busiest.country)
            province_incidents += count_incidents(demo.path, s.id);
    CHECK(frame->incident_list()->GetItemCount() == province_incidents);

    // The country header above the province.
    long country = header;
    while (country > 0 && sites->scope_of(country).kind != gui::Scope::Kind::Country)
        --country;
    REQUIRE(country > 0);
    sites->SetItemState(country, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
    REQUIRE(pump_until([&] { return frame->scope().kind == gui::Scope::Kind::Country && !frame->loading(); }));
    core::KpiFilter by_country;
    by_country.country = busiest.country;
    check_dashboard_matches(frame, store::compute_kpis(db.sql(), by_country));
    std::int64_t country_incidents = 0;
    for (const auto& s : rows)
        if (s.country == busiest.country)
            country_incidents += count_incidents(demo.path, s.id);
    CHECK(frame->incident_list()->GetItemCount() == country_incidents);

    // Back to all sites.
    sites->SetItemState(0, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
    REQUIRE(pump_until([&] { return frame->scope().kind == gui::Scope::Kind::All && !frame->loading(); }));
    CHECK(kpi(frame, "incidents_verified") == std::vector<std::int64_t>{2048});
    CHECK(frame->incident_list()->GetItemCount() == count_incidents(demo.path));
    close_window(frame);
}

TEST_CASE("In French the window shows French labels", "[gui]")
{
    start_wx();
    // The expected French comes from the compiled catalog, not from this file.
    const auto catalog = core::MoCatalog::load(core::locale_dir() / "fr" / "LC_MESSAGES" / "mwangaza.mo");
    auto french = [&](const char* msgid) {
        const std::string* t = catalog.find(msgid);
        REQUIRE(t != nullptr);
        return wxString::FromUTF8(*t);
    };
    REQUIRE(gui::install_language("fr"));
    DemoDatabase demo;
    auto* frame = open_window(demo.path);

    CHECK(french("Dashboard") != "Dashboard");
    CHECK(frame->notebook()->GetPageText(0) == french("Dashboard"));
    CHECK(frame->notebook()->GetPageText(1) == french("Incidents"));
    CHECK(widget_label(frame, "kpi_caption_incidents_verified") == french("Verified incidents"));
    CHECK(widget_label(frame, "chart_title") == french("Verified incidents by risk category"));
    CHECK(frame->site_list()->GetItemText(0, 0) == french("All sites"));
    // French digit grouping, same figure.
    CHECK(kpi(frame, "incidents_verified") == std::vector<std::int64_t>{2048});
    CHECK(widget_label(frame, "kpi_incidents_verified") != "2,048");

    // Risk area and status labels come from core through the same catalog.
    auto* list = frame->incident_list();
    REQUIRE(list->GetItemCount() > 0);
    const auto* row = list->row(0);
    REQUIRE(row != nullptr);
    CHECK(list->GetItemText(0, 2) == french(core::find_risk_area(row->risk_area)->label));
    const auto& bars = frame->dashboard()->chart()->bars();
    const wxString human_rights = french("Human rights");
    CHECK(std::any_of(bars.begin(), bars.end(), [&](const auto& b) { return b.label == human_rights; }));

    close_window(frame);
    gui::install_language("en");
}

TEST_CASE("A programme from an earlier version is upgraded on opening and shows its incidents", "[gui]")
{
    start_wx();
    gui::install_language("en");
    DemoDatabase demo;
    auto* frame = open_window(demo.path);

    // A schema-17 file: the upgrade makes the incident table again (migration 18), on a
    // thread of its own while the window keeps its events going.
    const auto older = demo.dir / "older.mwz";
    {
        auto db = store::Database::open(older, store::Database::Mode::Create, 17);
        db.sql().exec("INSERT INTO site(id, code, name, country, province, minerals) "
                      "VALUES (1, 'CD-KOL-01', 'Kasulo', 'CD', 'Lualaba', 'cobalt')");
        db.sql().exec("INSERT INTO incident(source_id, observed_on, site_id, risk_area, description, status, "
                      "created_at, updated_at) VALUES ('u-1', '2021-05-01', 1, 'water', 'Eaux boueuses', 'verified', "
                      "'x', 'x'), ('u-2', '2021-05-02', 1, 'child_labour', 'Enfants au puits', 'new', 'x', 'x')");
    }
    REQUIRE(store::Database::needs_upgrade(older));
    REQUIRE(frame->open_database(older, true));
    CHECK_FALSE(store::Database::needs_upgrade(older));
    CHECK(frame->database_path() == older);
    CHECK(pump_until([&] { return !frame->loading(); }));
    CHECK(kpi(frame, "incidents_verified") == std::vector<std::int64_t>{1});
    CHECK(frame->GetStatusBar()->GetStatusText(1) ==
          wxString::Format("Schema version %d", store::Database::latest_version()));
    SQLite::Database raw(older.string());
    CHECK(raw.execAndGet("SELECT count(*) FROM pragma_index_list('incident') WHERE name = 'incident_source_id'")
              .getInt() == 1);
    CHECK(raw.execAndGet("SELECT count(*) FROM incident").getInt() == 2);
    close_window(frame);
}

TEST_CASE("A file that is not a programme, or a newer one, is refused and the open programme stays", "[gui]")
{
    start_wx();
    gui::install_language("en");
    DemoDatabase demo;
    auto* frame = open_window(demo.path);

    const auto not_a_database = demo.dir / "notes.mwz";
    {
        std::ofstream out(not_a_database);
        out << "incident list, not a database\n";
    }
    CHECK_FALSE(frame->open_database(not_a_database, true));

    const auto newer = demo.dir / "newer.mwz";
    {
        SQLite::Database sql(newer.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        sql.exec("PRAGMA application_id = " + std::to_string(store::k_application_id));
        sql.exec("PRAGMA user_version = " + std::to_string(store::Database::latest_version() + 1));
    }
    CHECK_FALSE(frame->open_database(newer, true));
    CHECK_FALSE(frame->open_database(demo.dir / "missing.mwz", true));

    CHECK(frame->database_path() == demo.path);
    CHECK(kpi(frame, "incidents_verified") == std::vector<std::int64_t>{2048});
    close_window(frame);
}
