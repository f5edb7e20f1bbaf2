// The map page of the real main window on the demo programme: its first frame comes from
// the render thread, a drag pans, the wheel and keys zoom, a click on a site's pixel
// identifies that site (and selects it in the site list), and rendering never holds the
// event loop.
#include "TriageWindow.hpp"
#include "app/MapLayers.hpp"
#include "core/Lifecycle.hpp"
#include "core/Taxonomy.hpp"
#include "gui/Format.hpp"
#include "gui/Language.hpp"
#include "gui/MapCanvas.hpp"
#include "gui/MapPanel.hpp"
#include "gui/SiteListCtrl.hpp"
#include "gui/TriageFilterBar.hpp"
#include "store/Browse.hpp"

#include <SQLiteCpp/Database.h>
#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/image.h>
#include <wx/stattext.h>
#include <wx/utils.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

using namespace mwangaza;
using mwangaza::test::pump_until;

namespace {

struct MapWindow : test::TriageWindow {
    gui::MapPanel* map = nullptr;
    gui::MapCanvas* canvas = nullptr;

    MapWindow() : TriageWindow("mwangaza-gui-map")
    {
        open();
        map = frame->map();
        REQUIRE(map != nullptr);
        frame->notebook()->SetSelection(std::size_t(frame->notebook()->FindPage(map)));
        canvas = map->canvas();
        const bool ready = pump_until([&] { return map->loaded() && canvas->frame_current(); }, 30000);
        INFO("loaded " << map->loaded() << " frames " << canvas->frames_shown() << " busy " << canvas->view().width);
        REQUIRE(ready);
    }

    void mouse(wxEventType type, int x, int y, bool left_down)
    {
        wxMouseEvent event(type);
        event.SetEventObject(canvas);
        event.SetId(canvas->GetId());
        event.m_x = x;
        event.m_y = y;
        event.m_leftDown = left_down;
        canvas->GetEventHandler()->ProcessEvent(event);
    }

    void drag(wxPoint from, wxPoint to, int steps = 8)
    {
        mouse(wxEVT_LEFT_DOWN, from.x, from.y, true);
        for (int i = 1; i <= steps; ++i) {
            mouse(wxEVT_MOTION, from.x + (to.x - from.x) * i / steps, from.y + (to.y - from.y) * i / steps, true);
            wxTheApp->Yield(true);
        }
        mouse(wxEVT_LEFT_UP, to.x, to.y, false);
    }

    void click(double x, double y)
    {
        const int px = int(std::lround(x)), py = int(std::lround(y));
        mouse(wxEVT_LEFT_DOWN, px, py, true);
        mouse(wxEVT_LEFT_UP, px, py, false);
    }

    void wheel(int x, int y, int rotation)
    {
        wxMouseEvent event(wxEVT_MOUSEWHEEL);
        event.SetEventObject(canvas);
        event.m_x = x;
        event.m_y = y;
        event.m_wheelRotation = rotation;
        event.m_wheelDelta = 120;
        canvas->GetEventHandler()->ProcessEvent(event);
    }

    void key(int code)
    {
        wxKeyEvent event(wxEVT_KEY_DOWN);
        event.SetEventObject(canvas);
        event.m_keyCode = code;
        canvas->GetEventHandler()->ProcessEvent(event);
    }

    void wait_frame() { REQUIRE(pump_until([&] { return canvas->frame_current(); }, 15000)); }
};

} // namespace

TEST_CASE("the map page pans, zooms and identifies a site by clicking it", "[gui][map]")
{
    MapWindow w;
    // The default document: the basemap, the programme's sites and its incidents.
    const auto& doc = w.map->document();
    REQUIRE(doc.size() >= 2);
    CHECK(w.map->layer_list()->GetCount() == doc.size());
    const auto sites_layer = std::find_if(doc.begin(), doc.end(), [](const auto& e) {
        return e.layer && e.layer->kind() == "sites";
    });
    REQUIRE(sites_layer != doc.end());

    // A heartbeat on the UI thread measures the longest time the event loop was held.
    test::EventLoopHeartbeat heartbeat;

    const geo::Viewport start = w.canvas->view();
    REQUIRE(start.width > 200);
    REQUIRE(start.height > 200);
    const std::uint64_t frames = w.canvas->frames_shown();

    SECTION("a drag pans by the distance dragged, and a new frame follows")
    {
        const wxPoint from(start.width / 2, start.height / 2);
        const wxPoint to = from + wxPoint(120, -70);
        w.drag(from, to);
        const geo::Viewport& v = w.canvas->view();
        CHECK(v.resolution == Approx(start.resolution));
        CHECK(v.center_x == Approx(start.center_x - 120 * start.resolution));
        CHECK(v.center_y == Approx(start.center_y - 70 * start.resolution));
        w.wait_frame();
        CHECK(w.canvas->frames_shown() > frames);
        CHECK(w.canvas->frame_view().center_x == Approx(v.center_x));
        // A drag is no click: nothing was identified.
        CHECK(w.map->identified().empty());
    }

    SECTION("the wheel zooms about the cursor; + and - zoom by two; Home shows everything again")
    {
        const int px = start.width * 3 / 10, py = start.height * 7 / 10;
        const geo::MapPoint anchor = start.to_map(px, py);
        w.wheel(px, py, 120);
        geo::Viewport v = w.canvas->view();
        CHECK(v.resolution == Approx(start.resolution / 1.5));
        const geo::MapPoint still = v.to_map(px, py);
        CHECK(std::abs(still.x - anchor.x) < v.resolution);
        CHECK(std::abs(still.y - anchor.y) < v.resolution);
        w.wheel(px, py, -120);
        CHECK(w.canvas->view().resolution == Approx(start.resolution));

        w.key('+');
        CHECK(w.canvas->view().resolution == Approx(start.resolution / 2));
        w.key('+');
        CHECK(w.canvas->view().resolution == Approx(start.resolution / 4));
        w.key('-');
        CHECK(w.canvas->view().resolution == Approx(start.resolution / 2));
        w.key(WXK_LEFT);
        CHECK(w.canvas->view().center_x < start.center_x);
        w.key(WXK_HOME);
        CHECK(w.canvas->view().resolution == Approx(start.resolution));
        CHECK(w.canvas->view().center_x == Approx(start.center_x));
        w.wait_frame();
        // The scale bar measures the view: a round length of at most 130 pixels.
        const auto bar = w.canvas->scale_bar();
        CHECK(bar.pixels > 20);
        CHECK(bar.pixels <= 130);
        CHECK(bar.label.EndsWith("km"));
    }

    SECTION("a click on a known site's pixel identifies that site and selects it in the site list")
    {
        const auto sites = store::list_sites(store::Database::open(w.path, store::Database::Mode::ReadOnly).sql(), false);
        const auto site = std::find_if(sites.begin(), sites.end(), [](const auto& s) { return s.lat && s.lon; });
        REQUIRE(site != sites.end());
        // Close in on the site so that no neighbour is within the click's tolerance.
        w.canvas->set_view(geo::Viewport{geo::lonlat_to_map(*site->lon, *site->lat).x,
                                         geo::lonlat_to_map(*site->lon, *site->lat).y, 20.0, start.width,
                                         start.height});
        w.wait_frame();
        double x = 0, y = 0;
        w.canvas->view().to_pixel(geo::lonlat_to_map(*site->lon, *site->lat), x, y);
        w.click(x, y);
        pump_until([] { return false; }, 100);
        const auto& hits = w.map->identified();
        REQUIRE_FALSE(hits.empty());
        const auto hit = std::find_if(hits.begin(), hits.end(), [](const auto& h) { return h.kind == "site"; });
        REQUIRE(hit != hits.end());
        CHECK(hit->id == site->id);
        CHECK(hit->title.find(site->code) != std::string::npos);
        CHECK(w.frame->scope().kind == gui::Scope::Kind::Site);
        CHECK(w.frame->scope().site_code == site->code);
        // The map stayed where it was and marks the site.
        CHECK(w.canvas->view().center_x == Approx(geo::lonlat_to_map(*site->lon, *site->lat).x));
        REQUIRE(w.canvas->highlight().has_value());

        // A click on empty ground far from any site finds no site.
        w.canvas->set_view(geo::Viewport{geo::lonlat_to_map(-30.0, -40.0).x, geo::lonlat_to_map(-30.0, -40.0).y, 20.0,
                                         start.width, start.height});
        w.click(start.width / 2.0, start.height / 2.0);
        CHECK(std::none_of(w.map->identified().begin(), w.map->identified().end(),
                           [](const auto& h) { return h.kind == "site"; }));
    }

    SECTION("selecting a site in the site list centres the map on it")
    {
        const auto& sites = w.frame->site_list()->sites();
        const auto site = std::find_if(sites.begin(), sites.end(), [](const auto& s) { return s.lat && s.lon; });
        REQUIRE(site != sites.end());
        const long item = w.frame->site_list()->find_site(site->code);
        REQUIRE(item >= 0);
        w.frame->site_list()->SetItemState(item, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
        pump_until([&] { return w.frame->scope().kind == gui::Scope::Kind::Site; }, 2000);
        const geo::MapPoint at = geo::lonlat_to_map(*site->lon, *site->lat);
        CHECK(w.canvas->view().center_x == Approx(at.x));
        CHECK(w.canvas->view().center_y == Approx(at.y));
        REQUIRE(w.canvas->highlight().has_value());
        CHECK(w.canvas->highlight()->x == Approx(at.x));
    }

    // The heartbeat ticks when the loop runs: a section that never waited lets it tick now.
    pump_until([&] { return heartbeat.ticks() > 0; }, 2000);
    heartbeat.stop();
    std::printf("longest event-loop gap: %.0f ms\n", heartbeat.longest_gap_ms());
    CHECK(heartbeat.ticks() > 0);
    CHECK(heartbeat.longest_gap_ms() < 250);
}

TEST_CASE("a file layer is added, identified, styled, reordered and saved with the programme", "[gui][map]")
{
    MapWindow w;
    // A GeoJSON file with one well, written here, about 40 km from any demo site.
    const auto file = w.dir / "wells.geojson";
    {
        std::ofstream out(file);
        out << R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":)"
            << R"({"name":"Puits Mabanga","depth_m":42},"geometry":{"type":"Point","coordinates":[25.5,-3.9]}}]})";
    }
    auto* add = w.frame->FindWindow("map_add");
    REQUIRE(add != nullptr);
    CHECK(add->IsEnabled());
    const std::size_t before = w.map->document().size();
    w.map->add_layer(geo::LayerSource{file.string(), ""});
    REQUIRE(pump_until([&] { return w.map->document().size() == before + 1; }, 15000));
    const auto is_wells = [&](const geo::LayerEntry& e) { return e.source.uri == file.string(); };
    const auto& doc = w.map->document();
    const std::size_t at = std::size_t(std::find_if(doc.begin(), doc.end(), is_wells) - doc.begin());
    REQUIRE(at < doc.size());
    REQUIRE(doc[at].layer != nullptr);
    CHECK(doc[at].layer->kind() == "vector");
    // The new layer lies over the basemap and under the programme's incidents and sites,
    // ticked and selected in the list (top first), in the palette's first colour.
    REQUIRE(at + 1 < doc.size());
    CHECK(doc[at - 1].source.uri == "builtin:basemap");
    CHECK(doc[at + 1].source.uri == "builtin:incidents");
    CHECK(doc[at].style.fill != geo::LayerStyle().fill);
    const int row = int(doc.size() - 1 - at);
    CHECK(w.map->layer_list()->GetString(unsigned(row)).Contains("wells"));
    CHECK(w.map->layer_list()->IsChecked(unsigned(row)));
    CHECK(w.map->layer_list()->GetSelection() == row);

    // A click on the well lists its attributes.
    const geo::MapPoint well = geo::lonlat_to_map(25.5, -3.9);
    w.canvas->set_view(geo::Viewport{well.x, well.y, 50.0, w.canvas->view().width, w.canvas->view().height});
    w.wait_frame();
    double x = 0, y = 0;
    w.canvas->view().to_pixel(well, x, y);
    w.click(x + 2, y - 1);
    REQUIRE_FALSE(w.map->identified().empty());
    const auto& hit = w.map->identified().front();
    CHECK(hit.kind == "feature");
    const auto name = std::find_if(hit.attributes.begin(), hit.attributes.end(),
                                   [](const auto& a) { return a.first == "name"; });
    REQUIRE(name != hit.attributes.end());
    CHECK(name->second == "Puits Mabanga");

    // Style, opacity, order and visibility change, and are saved with the programme.
    geo::LayerStyle style = w.map->document()[at].style;
    style.fill = 0xd62728ff;
    style.symbol = geo::PointSymbol::Diamond;
    style.label_field = "name";
    w.map->set_style(at, style);
    w.map->set_opacity(at, 0.5);
    w.map->move_layer(at, +1); // above the incidents
    CHECK(is_wells(w.map->document()[at + 1]));
    CHECK(w.map->layer_list()->GetString(unsigned(row - 1)).Contains("wells"));
    w.map->set_visible(at, false); // the incidents, now under it
    CHECK_FALSE(w.map->layer_list()->IsChecked(unsigned(row)));
    auto* note = dynamic_cast<wxStaticText*>(w.frame->FindWindow("map_layers_note"));
    REQUIRE(note != nullptr);
    w.map->layer_list()->SetSelection(wxNOT_FOUND);
    w.map->set_opacity(at + 1, 0.5); // refreshes the list with no layer selected
    CHECK(note->GetLabel() == wxString::Format("%zu of %zu shown", w.map->document().size() - 1,
                                               w.map->document().size()));
    const geo::MapDocument shown = w.map->document();
    w.wait_frame();

    // Open the programme again: the same layers, in the same order, with the same settings.
    REQUIRE(w.frame->open_database(w.path, true));
    w.map->activate();
    REQUIRE(pump_until([&] { return w.map->loaded() && w.canvas->frame_current(); }, 30000));
    const auto& again = w.map->document();
    REQUIRE(again.size() == shown.size());
    for (std::size_t i = 0; i < shown.size(); ++i) {
        CHECK(again[i].source == shown[i].source);
        CHECK(again[i].visible == shown[i].visible);
        CHECK(again[i].opacity == Approx(shown[i].opacity));
        CHECK(again[i].style == shown[i].style);
        CHECK(again[i].layer != nullptr);
    }

    // Removed, it stays removed.
    w.map->remove_layer(at + 1);
    CHECK(w.map->document().size() == before);
    CHECK(std::none_of(w.map->document().begin(), w.map->document().end(),
                       [&](const auto& e) { return e.source.uri == file.string(); }));
}

TEST_CASE("the map view is exported as PNG and PDF", "[gui][map]")
{
    MapWindow w;
    for (const char* name : {"view.png", "view.pdf"}) {
        const auto out = w.dir / name;
        std::string error = "not finished";
        w.map->export_view(out, [&](const std::string& e, bool) { error = e; });
        CHECK(w.map->exporting());
        REQUIRE(pump_until([&] { return !w.map->exporting(); }, 30000));
        CHECK(error.empty());
        REQUIRE(std::filesystem::exists(out));
        CHECK(std::filesystem::file_size(out) > 1000);
    }
    wxImage png;
    REQUIRE(png.LoadFile(wxString((w.dir / "view.png").string()), wxBITMAP_TYPE_PNG));
    CHECK(png.GetWidth() == w.canvas->view().width);
    CHECK(png.GetHeight() == w.canvas->view().height);
    std::ifstream pdf(w.dir / "view.pdf", std::ios::binary);
    std::string magic(5, '\0');
    pdf.read(magic.data(), 5);
    CHECK(magic == "%PDF-");
}

namespace {

std::size_t incidents_on_map(const gui::MapPanel& map)
{
    for (const auto& entry : map.document())
        if (const auto* layer = dynamic_cast<const app::IncidentsLayer*>(entry.layer.get()))
            return layer->size();
    return std::size_t(-1);
}

std::size_t count_rows(const std::filesystem::path& db, const std::string& where)
{
    SQLite::Database sql(db.string());
    return std::size_t(sql.execAndGet("SELECT count(*) FROM incident i JOIN risk_area a ON a.code = i.risk_area "
                                      "WHERE i.lat IS NOT NULL AND i.lon IS NOT NULL AND " + where)
                           .getInt64());
}

} // namespace

TEST_CASE("the incidents on the map follow the map's filters", "[gui][map]")
{
    MapWindow w;
    auto* filters = w.map->filters();
    REQUIRE(filters != nullptr);
    const std::size_t all = count_rows(w.path, "1");
    REQUIRE(all > 100);
    CHECK(incidents_on_map(*w.map) == all);
    auto* note = dynamic_cast<wxStaticText*>(wxWindow::FindWindowByName("map_filter_note", w.map));
    REQUIRE(note != nullptr);
    CHECK(note->GetLabel().Contains(gui::format_count(std::int64_t(all))));

    auto choose = [&](const char* name, int index) {
        auto* choice = dynamic_cast<wxChoice*>(wxWindow::FindWindowByName(name, filters));
        REQUIRE(choice != nullptr);
        choice->SetSelection(index);
        wxCommandEvent event(wxEVT_CHOICE, choice->GetId());
        event.SetEventObject(choice);
        event.SetInt(index);
        choice->GetEventHandler()->ProcessEvent(event);
        REQUIRE(w.map->filtering());
        REQUIRE(pump_until([&] { return !w.map->filtering(); }, 30000));
        w.wait_frame();
    };
    // The status choice lists every status after "All statuses", in lifecycle order.
    const auto statuses = core::all_incident_statuses();
    const auto verified = std::size_t(std::find(statuses.begin(), statuses.end(), core::IncidentStatus::Verified) -
                                      statuses.begin());
    choose("map_filter_status", int(verified) + 1);
    const std::size_t verified_count = count_rows(w.path, "i.status = 'verified'");
    CHECK(verified_count < all);
    CHECK(incidents_on_map(*w.map) == verified_count);
    CHECK(note->GetLabel().Contains(gui::format_count(std::int64_t(verified_count))));

    // Then the human rights category too (the first category of the taxonomy).
    choose("map_filter_category", 1);
    const std::string category(core::risk_categories()[0].code);
    const std::size_t both = count_rows(w.path, "i.status = 'verified' AND a.category_code = '" + category + "'");
    CHECK(both < verified_count);
    CHECK(incidents_on_map(*w.map) == both);

    // Back to every incident; the other layers were left as they were.
    const auto layers = w.map->document().size();
    choose("map_filter_status", 0);
    choose("map_filter_category", 0);
    CHECK(incidents_on_map(*w.map) == all);
    CHECK(w.map->document().size() == layers);
}

// Not run by ctest (hidden tag): MWANGAZA_SCREENSHOT=FILE.png [MWANGAZA_LANG=fr] saves the
// screen with the map page showing a site identified, to look at the page as a person does.
TEST_CASE("map page screenshot", "[.screenshot]")
{
    const char* out = std::getenv("MWANGAZA_SCREENSHOT");
    if (!out)
        return;
    test::start_wx();
    if (const char* lang = std::getenv("MWANGAZA_LANG"))
        gui::install_language(lang);
    MapWindow w;
    w.frame->SetSize(0, 0, 1600, 1200);
    pump_until([] { return false; }, 300);
    w.wait_frame();
    const auto& sites = w.frame->site_list()->sites();
    const auto site = std::find_if(sites.begin(), sites.end(), [](const auto& s) { return s.lat && s.lon; });
    if (site != sites.end()) {
        double x = 0, y = 0;
        w.canvas->view().to_pixel(geo::lonlat_to_map(*site->lon, *site->lat), x, y);
        w.click(x, y);
        w.mouse(wxEVT_MOTION, int(x) + 40, int(y) + 20, false);
    }
    pump_until([] { return false; }, 300);
    w.wait_frame();
    pump_until([] { return false; }, 300);
    wxExecute(wxString::Format("import -window root %s", out), wxEXEC_SYNC);
}

// Not run by ctest (hidden tag): MWANGAZA_MAP_DB=FILE (a copy of the x500 demo: it is
// opened for writing) pans and zooms the map page on a large programme and prints the
// longest gap of the event loop and the frame times.
TEST_CASE("map page on a large programme", "[.large]")
{
    const char* db = std::getenv("MWANGAZA_MAP_DB");
    if (!db)
        return;
    test::start_wx();
    auto* frame = new gui::MainFrame;
    REQUIRE(frame->open_database(db, true));
    frame->SetSize(frame->FromDIP(wxSize(1580, 1150)));
    frame->Show();
    REQUIRE(pump_until([&] { return frame->painted() && !frame->loading(); }, 120000));
    auto* map = frame->map();
    auto* canvas = map->canvas();
    const auto opened = std::chrono::steady_clock::now();
    frame->notebook()->SetSelection(std::size_t(frame->notebook()->FindPage(map)));

    test::EventLoopHeartbeat heartbeat;
    REQUIRE(pump_until([&] { return map->loaded() && canvas->frame_current(); }, 120000));
    const double load_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - opened).count();
    std::printf("layers opened and first frame: %.0f ms (longest event-loop gap %.0f ms)\n", load_ms,
                heartbeat.longest_gap_ms());

    heartbeat.reset();
    std::vector<double> frame_ms;
    const geo::Viewport start = canvas->view();
    for (int i = 0; i < 40; ++i) {
        wxMouseEvent down(wxEVT_LEFT_DOWN), move(wxEVT_MOTION), up(wxEVT_LEFT_UP);
        down.m_x = move.m_x = up.m_x = start.width / 2;
        down.m_y = move.m_y = up.m_y = start.height / 2;
        down.m_leftDown = move.m_leftDown = true;
        canvas->GetEventHandler()->ProcessEvent(down);
        for (int step = 1; step <= 5; ++step) {
            move.m_x = start.width / 2 + (i % 2 ? -12 : 12) * step;
            canvas->GetEventHandler()->ProcessEvent(move);
            pump_until([] { return false; }, 16);
        }
        up.m_x = move.m_x;
        canvas->GetEventHandler()->ProcessEvent(up);
        if (i % 8 == 4) {
            wxMouseEvent wheel(wxEVT_MOUSEWHEEL);
            wheel.m_x = start.width / 3;
            wheel.m_y = start.height / 3;
            wheel.m_wheelDelta = 120;
            wheel.m_wheelRotation = i < 20 ? 120 : -120;
            canvas->GetEventHandler()->ProcessEvent(wheel);
        }
        REQUIRE(pump_until([&] { return canvas->frame_current(); }, 30000));
        frame_ms.push_back(canvas->last_render_ms());
    }
    heartbeat.stop();
    std::sort(frame_ms.begin(), frame_ms.end());
    std::printf("pan/zoom: %zu frames, render median %.1f ms, max %.1f ms; longest event-loop gap %.0f ms\n",
                frame_ms.size(), frame_ms[frame_ms.size() / 2], frame_ms.back(), heartbeat.longest_gap_ms());
    if (const char* out = std::getenv("MWANGAZA_SCREENSHOT"))
        wxExecute(wxString::Format("import -window root %s", out), wxEXEC_SYNC);
    frame->Destroy();
    pump_until([] { return true; });
}
