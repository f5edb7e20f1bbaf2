#include "gui/MainFrame.hpp"

#include "core/Error.hpp"
#include "gui/CategoryChart.hpp"
#include "gui/ActionsPage.hpp"
#include "gui/DashboardPanel.hpp"
#include "gui/DatabaseWorker.hpp"
#include "gui/DemoSetup.hpp"
#include "gui/DialogButtons.hpp"
#include "gui/Format.hpp"
#include "gui/ImportDialog.hpp"
#include "gui/IncidentListCtrl.hpp"
#include "gui/Language.hpp"
#include "gui/MapPanel.hpp"
#include "gui/StartTimer.hpp"
#include "gui/RiskPanel.hpp"
#include "gui/TriagePanel.hpp"
#include "gui/WorkshopPanel.hpp"
#include "store/Browse.hpp"
#include "store/KpiQuery.hpp"

#include <wx/aboutdlg.h>
#include <wx/app.h>
#include <wx/config.h>
#include <wx/filedlg.h>
#include <wx/filename.h>
#include <wx/menu.h>
#include <wx/msgdlg.h>
#include <wx/notebook.h>
#include <wx/progdlg.h>
#include <wx/timer.h>
#include <wx/panel.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/splitter.h>
#include <wx/stattext.h>
#include <wx/statusbr.h>
#include <wx/stdpaths.h>
#include <wx/iconbndl.h>
#include <wx/image.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <thread>
#include <tuple>
#include <utility>

namespace mwangaza::gui {

namespace {

enum { ID_OPEN_DEMO = wxID_HIGHEST + 1, ID_REFRESH, ID_IMPORT, ID_EXPORT_MAP };

// <exe dir>/../share/icons/hicolor/<size>x<size>/apps/mwangaza.png, in the build tree as
// once installed.
wxString icon_file(int size)
{
    wxFileName file(wxStandardPaths::Get().GetExecutablePath());
    file.RemoveLastDir();
    file.AppendDir("share");
    file.AppendDir("icons");
    file.AppendDir("hicolor");
    file.AppendDir(wxString::Format("%dx%d", size, size));
    file.AppendDir("apps");
    file.SetFullName("mwangaza.png");
    return file.GetFullPath();
}

wxIconBundle application_icons()
{
    if (!wxImage::FindHandler(wxBITMAP_TYPE_PNG))
        wxImage::AddHandler(new wxPNGHandler);
    wxIconBundle icons;
    for (int size : {16, 24, 32, 48, 64, 128, 256})
        if (wxFileName::FileExists(icon_file(size)))
            icons.AddIcon(icon_file(size), wxBITMAP_TYPE_PNG);
    return icons;
}

// A header strip above a list: bold title and a muted note on the right.
wxStaticText* add_header(wxWindow* parent, wxSizer* sizer, const wxString& title)
{
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    auto* label = new wxStaticText(parent, wxID_ANY, wxString());
    label->SetFont(parent->GetFont().Bold());
    label->SetLabel(title);
    label->SetMinSize(wxSize(label->GetTextExtent(title).x + parent->FromDIP(4), -1)); // sized for bold text
    auto* note = new wxStaticText(parent, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                                  wxALIGN_RIGHT | wxST_NO_AUTORESIZE | wxST_ELLIPSIZE_START);
    note->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT).ChangeLightness(150));
    row->Add(label, 0, wxALIGN_CENTER_VERTICAL);
    row->AddSpacer(parent->FromDIP(12));
    row->Add(note, 1, wxALIGN_CENTER_VERTICAL);
    const int pad = parent->FromDIP(10);
    sizer->Add(row, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP | wxBOTTOM, pad);
    return note;
}

// "11.66420° S  27.48110° E" (decimal comma in French), for the status bar.
wxString format_map_position(geo::MapPoint point)
{
    double lon = 0, lat = 0;
    geo::map_to_lonlat(point, lon, lat);
    auto number = [](double value) {
        wxString text = wxString::Format("%.5f", std::abs(value));
        if (current_language() == "fr")
            text.Replace(".", ",");
        return text + wxString::FromUTF8("\u00B0");
    };
    // TRANSLATORS: a latitude or longitude: %s is the number of degrees, the letter its direction.
    const wxString ns = lat < 0 ? wxString::Format(_("%s S"), number(lat)) : wxString::Format(_("%s N"), number(lat));
    const wxString ew = lon < 0 ? wxString::Format(_("%s W"), number(lon)) : wxString::Format(_("%s E"), number(lon));
    return ns + "  " + ew;
}

} // namespace

MainFrame::MainFrame()
    : wxFrame(nullptr, wxID_ANY, _("Mwangaza"), wxDefaultPosition, wxDefaultSize),
      m_worker(std::make_unique<DatabaseWorker>()), m_alive(std::make_shared<bool>(true)), m_history(9)
{
    SetName("main_frame");
    if (const wxIconBundle icons = application_icons(); !icons.IsEmpty())
        SetIcons(icons);
    build_menus();
    build_status_bar();

    m_splitter = new wxSplitterWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                      wxSP_LIVE_UPDATE | wxSP_3DSASH | wxSP_NO_XP_THEME);
    m_splitter->SetMinimumPaneSize(FromDIP(280));

    // Left: the sites.
    auto* left = new wxPanel(m_splitter);
    auto* left_sizer = new wxBoxSizer(wxVERTICAL);
    m_sites_header = add_header(left, left_sizer, _("Sites"));
    m_sites = new SiteListCtrl(left);
    left_sizer->Add(m_sites, 1, wxEXPAND);
    left->SetSizer(left_sizer);

    // Right: dashboard and incidents.
    m_notebook = new wxNotebook(m_splitter, wxID_ANY);
    m_notebook->SetName("main_notebook");
    m_dashboard = new DashboardPanel(m_notebook);
    m_notebook->AddPage(m_dashboard, _("Dashboard"), true);
    auto* incidents_page = new wxPanel(m_notebook);
    auto* incidents_sizer = new wxBoxSizer(wxVERTICAL);
    m_incidents_header = add_header(incidents_page, incidents_sizer, _("Incidents, newest first"));
    m_incidents_header->SetName("incidents_note");
    m_incidents = new IncidentListCtrl(incidents_page);
    incidents_sizer->Add(m_incidents, 1, wxEXPAND);
    incidents_page->SetSizer(incidents_sizer);
    m_notebook->AddPage(incidents_page, _("Incidents"));
    m_triage = new TriagePanel(m_notebook);
    m_notebook->AddPage(m_triage, _("Triage"));
    m_risks = new RiskPanel(m_notebook);
    m_notebook->AddPage(m_risks, _("Risks"));
    m_map = new MapPanel(m_notebook);
    m_notebook->AddPage(m_map, _("Map"));
    m_workshops = new WorkshopPanel(m_notebook);
    m_notebook->AddPage(m_workshops, _("Workshops"));
    m_actions = new ActionsPage(m_notebook);
    m_notebook->AddPage(m_actions, _("Actions"));
    m_map->set_site_listener([this](std::int64_t site_id) { select_site_from_map(site_id); });
    m_map->set_incident_listener([this](std::int64_t incident_id) { show_incident_from_map(incident_id); });
    m_map->set_cursor_listener([this](std::optional<geo::MapPoint> point) {
        SetStatusText(point ? format_map_position(*point) : wxString(), 3);
    });
    // The triage page reads the queue again when shown, and takes the keyboard.
    m_notebook->Bind(wxEVT_NOTEBOOK_PAGE_CHANGED, [this](wxBookCtrlEvent& e) {
        e.Skip();
        if (m_notebook->GetPage(std::size_t(e.GetSelection())) == m_triage) {
            m_triage->reload();
            m_triage->list()->SetFocus();
        }
        if (m_notebook->GetPage(std::size_t(e.GetSelection())) == m_risks)
            m_risks->activate();
        if (m_notebook->GetPage(std::size_t(e.GetSelection())) == m_actions)
            m_actions->activate();
        if (m_notebook->GetPage(std::size_t(e.GetSelection())) == m_workshops)
            m_workshops->activate();
        if (m_notebook->GetPage(std::size_t(e.GetSelection())) == m_map)
            m_map->activate(); // the layers are opened the first time the map is shown
        else
            SetStatusText(wxString(), 3);
    });
    m_triage->set_changed_listener([this] {
        m_risks->mark_stale(); // a verified incident may have opened a risk
        m_actions->mark_stale();
        refresh_dashboard();
        if (m_background_started)
            load_incident_ids();
        update_status();
    });

    m_splitter->SplitVertically(left, m_notebook, FromDIP(585));
    m_splitter->SetSashGravity(0.0);

    m_sites->Bind(wxEVT_LIST_ITEM_SELECTED, &MainFrame::on_site_selected, this);
    m_dashboard->chart()->set_paint_listener([this] { on_first_dashboard_paint(); });

    if (auto* config = wxConfigBase::Get(false)) {
        wxConfigPathChanger in_group(config, "/RecentFiles/");
        m_history.Load(*config);
    }

    SetMinSize(FromDIP(wxSize(960, 640)));
    SetSize(FromDIP(wxSize(1400, 900)));
    Centre();
    m_dashboard->show_figures({}, _("No programme open"), _("Use File > Open or File > New to start."));
    update_status();
}

MainFrame::~MainFrame()
{
    *m_alive = false;
    m_worker.reset(); // joins the worker before the connections go away
    m_dashboard->chart()->set_paint_listener({});
    m_incidents->attach(nullptr);
    m_triage->attach(nullptr);
    m_risks->attach(nullptr);
    m_actions->attach(nullptr);
    m_map->attach(nullptr);
    m_workshops->attach(nullptr);
    save_history();
}

void MainFrame::build_menus()
{
    auto* file = new wxMenu;
    file->Append(wxID_NEW, _("&New Programme...\tCtrl+N"), _("Create an empty programme database"));
    file->Append(wxID_OPEN, _("&Open...\tCtrl+O"), _("Open a programme database"));
    auto* recent = new wxMenu;
    file->AppendSubMenu(recent, _("Open &Recent"), _("Open a programme database used recently"));
    file->Append(ID_OPEN_DEMO, _("Open &Demo Programme"), _("Open the demo programme, creating it first if needed"));
    file->AppendSeparator();
    file->Append(ID_IMPORT, _("&Import Incidents...\tCtrl+I"),
                 _("Import incidents from a field export (KoboToolbox, ODK Central, CSV, XLSX, GeoJSON, GeoPackage)"));
    file->Append(ID_EXPORT_MAP, _("&Export Map View..."), _("Save the map as shown, as a PNG image or a PDF"));
    file->AppendSeparator();
    file->Append(wxID_EXIT, _("&Quit\tCtrl+Q"), _("Quit Mwangaza"));
    m_history.UseMenu(recent);

    auto* view = new wxMenu;
    view->Append(ID_REFRESH, _("&Refresh\tF5"), _("Read the figures and lists again from the database"));

    auto* help = new wxMenu;
    help->Append(wxID_ABOUT, _("&About Mwangaza"), _("Version and credits"));

    auto* bar = new wxMenuBar;
    bar->Append(file, _("&File"));
    bar->Append(view, _("&View"));
    bar->Append(help, _("&Help"));
    SetMenuBar(bar);

    Bind(wxEVT_MENU, &MainFrame::on_new, this, wxID_NEW);
    Bind(wxEVT_MENU, &MainFrame::on_open, this, wxID_OPEN);
    Bind(wxEVT_MENU, &MainFrame::on_recent, this, wxID_FILE1, wxID_FILE9);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { open_default_demo(); }, ID_OPEN_DEMO);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { Close(); }, wxID_EXIT);
    Bind(wxEVT_MENU, &MainFrame::on_refresh, this, ID_REFRESH);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) {
        if (!m_db) {
            show_error(_("Open a programme first: incidents are imported into the open programme."), {});
            return;
        }
        ImportDialog dialog(this, m_db->path(), [this] { refresh_after_import(); });
        dialog.ShowModal();
    }, ID_IMPORT);
    Bind(wxEVT_MENU, &MainFrame::on_about, this, wxID_ABOUT);
    Bind(wxEVT_MENU, &MainFrame::on_export_map, this, ID_EXPORT_MAP);
}

void MainFrame::build_status_bar()
{
    auto* bar = CreateStatusBar(4);
    const int widths[] = {-3, -1, -2, FromDIP(230)}; // the last: the map's cursor position
    bar->SetStatusWidths(4, widths);
}

const std::filesystem::path& MainFrame::database_path() const
{
    static const std::filesystem::path none;
    return m_db ? m_db->path() : none;
}

bool MainFrame::loading() const
{
    return m_ids_loading || m_sites_loading;
}

void MainFrame::show_error(const wxString& what, const std::string& detail)
{
    wxMessageDialog dialog(this, what, _("Mwangaza"), wxOK | wxICON_ERROR);
    label_stock_buttons(dialog);
    if (!detail.empty())
        dialog.SetExtendedMessage(from_utf8(detail));
    dialog.ShowModal();
}

store::Database MainFrame::open_programme(const std::filesystem::path& path)
{
    if (!store::Database::needs_upgrade(path))
        return store::Database::open(path, store::Database::Mode::OpenExisting);
    // An upgrade may make a table again: about 20 s for a million incidents.
    std::optional<store::Database> opened;
    std::exception_ptr error;
    std::atomic<bool> done{false};
    std::thread upgrade([&] {
        try {
            opened.emplace(store::Database::open(path, store::Database::Mode::OpenExisting));
        } catch (...) {
            error = std::current_exception();
        }
        done = true;
    });
    const auto shown_after = std::chrono::steady_clock::now() + std::chrono::milliseconds(400);
    while (!done && std::chrono::steady_clock::now() < shown_after)
        wxMilliSleep(10);
    if (!done) {
        wxProgressDialog progress(_("Open a programme"),
                                  wxString::Format(_("Upgrading \"%s\" to this version of Mwangaza..."),
                                                   from_utf8(path.filename().string())),
                                  100, this, wxPD_APP_MODAL | wxPD_ELAPSED_TIME);
        while (!done) {
            progress.Pulse();
            wxMilliSleep(50);
        }
    }
    upgrade.join();
    if (error)
        std::rethrow_exception(error);
    return std::move(*opened);
}

bool MainFrame::open_database(const std::filesystem::path& path, bool quiet)
{
    std::optional<store::Database> db;
    try {
        db.emplace(open_programme(path));
    } catch (const std::exception& e) {
        if (!quiet)
            show_error(wxString::Format(_("Cannot open \"%s\" as a programme database."),
                                        from_utf8(path.filename().string())),
                       e.what());
        return false;
    }

    m_worker->clear();
    ++m_ids_generation;
    ++m_sites_generation;
    m_incidents->attach(nullptr);
    m_triage->attach(nullptr);
    m_risks->attach(nullptr);
    m_actions->attach(nullptr);
    m_map->attach(nullptr);
    m_workshops->attach(nullptr);
    m_sites->set_sites({});
    m_db = std::move(db);
    m_incidents->attach(&m_db->sql());
    m_triage->set_scope(Scope{});
    m_triage->attach(&*m_db);
    m_risks->attach(&*m_db);
    m_actions->attach(&*m_db);
    m_map->attach(&*m_db);
    m_workshops->attach(&*m_db);
    m_scope = {};
    m_sites_loading = true;
    m_ids_loading = true;

    SetTitle(wxString::Format(_("%s - Mwangaza"), from_utf8(path.filename().string())));
    refresh_dashboard();
    remember(path);
    update_status();
    m_incidents_header->SetLabel(_("Loading incidents..."));
    m_sites_header->SetLabel(_("Loading sites..."));
    // The long reads start once the dashboard has painted, so they never delay it.
    if (m_background_started) {
        load_sites();
        load_incident_ids();
    }
    return true;
}

bool MainFrame::open_default_demo()
{
    const auto path = default_demo_path();
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        try {
            if (!create_demo_with_progress(IsShown() ? this : nullptr, path))
                return false;
        } catch (const std::exception& e) {
            show_error(_("The demo programme could not be created."), e.what());
            return false;
        }
    }
    return open_database(path);
}

void MainFrame::on_first_dashboard_paint()
{
    if (m_painted || !m_db)
        return;
    m_painted = true;
    if (exit_after_first_paint()) {
        std::printf("first-dashboard-paint-ms %.1f\n", ms_since_launch());
        std::fflush(stdout);
        CallAfter([this] { Close(true); });
        return;
    }
    CallAfter([this] {
        m_background_started = true;
        if (m_db) {
            load_sites();
            load_incident_ids();
        }
    });
}

void MainFrame::refresh_dashboard()
{
    if (!m_db)
        return;
    core::KpiFilter filter;
    wxString scope_text;
    switch (m_scope.kind) {
    case Scope::Kind::All:
        scope_text = _("All sites");
        break;
    case Scope::Kind::Country:
        filter.country = m_scope.country;
        scope_text = wxString::Format(_("Country: %s"), country_label(m_scope.country));
        break;
    case Scope::Kind::Province:
        filter.country = m_scope.country;
        filter.province = m_scope.province;
        scope_text = wxString::Format(_("Province: %s, %s"), from_utf8(m_scope.province), country_label(m_scope.country));
        break;
    case Scope::Kind::Site:
        filter.site_code = m_scope.site_code;
        scope_text = wxString::Format(_("Site: %s (%s), %s, %s"), from_utf8(m_scope.site_name),
                                      from_utf8(m_scope.site_code), from_utf8(m_scope.province),
                                      country_label(m_scope.country));
        break;
    }
    try {
        m_figures = store::compute_kpis(m_db->sql(), filter);
        if (m_scope.kind == Scope::Kind::All)
            m_programme_figures = m_figures;
    } catch (const std::exception& e) {
        m_figures = {};
        if (m_scope.kind == Scope::Kind::All)
            m_programme_figures = {};
        show_error(_("The dashboard figures could not be computed."), e.what());
    }
    const std::string from = m_db->setting("period_start");
    const std::string to = m_db->setting("period_end");
    if (!from.empty() && !to.empty())
        scope_text += wxString::FromUTF8("  \u00B7  ") +
                      wxString::Format(_("period %s to %s"), from_utf8(from), from_utf8(to));
    const wxString name = from_utf8(m_db->setting("name"));
    m_dashboard->show_figures(m_figures, name.empty() ? _("Untitled programme") : name, scope_text);
}

void MainFrame::load_sites()
{
    if (!m_db)
        return;
    const int generation = ++m_sites_generation;
    m_sites_loading = true;
    auto alive = m_alive;
    m_worker->post(
        m_db->path(),
        [this, alive, generation](store::Database& db) {
            auto sites = std::make_shared<std::vector<store::SiteRow>>(store::list_sites(db.sql()));
            wxTheApp->CallAfter([this, alive, generation, sites] {
                if (!*alive || generation != m_sites_generation)
                    return;
                m_sites_loading = false;
                m_sites->set_sites(std::move(*sites));
                m_incidents->fit_site_column(m_sites->longest_code());
                if (m_scope.kind == Scope::Kind::Site) {
                    const long item = m_sites->find_site(m_scope.site_code);
                    if (item >= 0) {
                        m_sites->SetItemState(item, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                                              wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
                        m_sites->EnsureVisible(item);
                    }
                }
                update_status();
            });
        },
        [this, alive, generation](const std::string& message) {
            wxTheApp->CallAfter([this, alive, generation, message] {
                if (!*alive || generation != m_sites_generation)
                    return;
                m_sites_loading = false;
                m_sites_header->SetLabel(_("The sites could not be read."));
                m_sites_header->SetToolTip(from_utf8(message));
            });
        });
}

void MainFrame::load_incident_ids()
{
    if (!m_db)
        return;
    const int generation = ++m_ids_generation;
    m_ids_loading = true;
    m_incidents->set_ids({});
    m_incidents_header->SetLabel(_("Loading incidents..."));
    auto alive = m_alive;
    const Scope scope = m_scope;
    m_worker->post(
        m_db->path(),
        [this, alive, generation, scope](store::Database& db) {
            auto ids = std::make_shared<std::vector<std::int64_t>>();
            if (scope.kind == Scope::Kind::Site) {
                *ids = store::incident_ids(db.sql(), scope.site_id);
            } else if (scope.kind == Scope::Kind::Country || scope.kind == Scope::Kind::Province) {
                // Newest first across the group's sites.
                std::vector<std::tuple<std::string, std::int64_t>> keyed;
                for (auto site : scope.group_site_ids) {
                    const auto site_ids = store::incident_ids(db.sql(), site);
                    for (const auto& row : store::load_incidents(db.sql(), site_ids))
                        keyed.emplace_back(row.observed_on, row.id);
                }
                std::sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a > b; });
                ids->reserve(keyed.size());
                for (const auto& k : keyed)
                    ids->push_back(std::get<1>(k));
            } else {
                *ids = store::incident_ids(db.sql());
            }
            wxTheApp->CallAfter([this, alive, generation, ids] {
                if (!*alive || generation != m_ids_generation)
                    return;
                m_ids_loading = false;
                m_incidents->set_ids(std::move(*ids));
                update_status();
                if (const auto pending = std::exchange(m_pending_incident, std::nullopt))
                    show_incident_from_map(*pending);
            });
        },
        [this, alive, generation](const std::string& message) {
            wxTheApp->CallAfter([this, alive, generation, message] {
                if (!*alive || generation != m_ids_generation)
                    return;
                m_ids_loading = false;
                m_incidents_header->SetLabel(_("The incidents could not be read."));
                m_incidents_header->SetToolTip(from_utf8(message));
            });
        });
}

void MainFrame::apply_scope(const Scope& scope)
{
    m_scope = scope;
    refresh_dashboard();
    if (m_background_started)
        load_incident_ids();
    m_triage->set_scope(scope); // the triage queue follows the site list too
    m_risks->set_site_scope(scope.kind == Scope::Kind::Site ? scope.site_code : std::string());
    update_status();
}

void MainFrame::on_site_selected(wxListEvent& event)
{
    const Scope scope = m_sites->scope_of(event.GetIndex());
    apply_scope(scope);
    // The map centres on the site (unless the site was clicked on the map) and marks it;
    // a country or province shows all its sites.
    std::optional<geo::MapPoint> location;
    geo::MapRect group;
    for (const auto& site : m_sites->sites()) {
        if (!site.lat || !site.lon)
            continue;
        if (scope.kind == Scope::Kind::Site && scope.site_id && site.id == *scope.site_id)
            location = geo::lonlat_to_map(*site.lon, *site.lat);
        else if ((scope.kind == Scope::Kind::Country || scope.kind == Scope::Kind::Province) &&
                 std::find(scope.group_site_ids.begin(), scope.group_site_ids.end(), site.id) !=
                     scope.group_site_ids.end())
            group.expand(geo::lonlat_to_map(*site.lon, *site.lat));
    }
    m_map->show_site(location, !m_site_from_map);
    if (!group.empty())
        m_map->zoom_to(group);
}

void MainFrame::select_site_from_map(std::int64_t site_id)
{
    const auto& sites = m_sites->sites();
    const auto it = std::find_if(sites.begin(), sites.end(), [&](const auto& s) { return s.id == site_id; });
    if (it == sites.end())
        return;
    const long item = m_sites->find_site(it->code);
    if (item < 0)
        return;
    m_site_from_map = true;
    for (long other = m_sites->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED); other >= 0;
         other = m_sites->GetNextItem(other, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED))
        if (other != item)
            m_sites->SetItemState(other, 0, wxLIST_STATE_SELECTED);
    m_sites->SetItemState(item, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                          wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    m_sites->EnsureVisible(item);
    if (m_scope.kind != Scope::Kind::Site || m_scope.site_id != site_id) { // no selection event was sent
        apply_scope(m_sites->scope_of(item));
        if (it->lat && it->lon)
            m_map->show_site(geo::lonlat_to_map(*it->lon, *it->lat), false);
    }
    m_site_from_map = false;
}

void MainFrame::show_incident_from_map(std::int64_t incident_id)
{
    // The incidents list shows the current scope; the incident may lie outside it.
    auto find = [&] {
        const auto& ids = m_incidents->ids();
        const auto it = std::find(ids.begin(), ids.end(), incident_id);
        return it == ids.end() ? -1L : long(it - ids.begin());
    };
    long item = find();
    if (item < 0 && m_scope.kind != Scope::Kind::All && !m_ids_loading) {
        m_sites->SetItemState(0, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
        apply_scope(Scope{});
    }
    m_notebook->SetSelection(std::size_t(m_notebook->FindPage(m_incidents->GetParent())));
    m_pending_incident.reset();
    auto select = [this, find] {
        const long found = find();
        if (found < 0)
            return false;
        for (long other = m_incidents->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED); other >= 0;
             other = m_incidents->GetNextItem(other, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED))
            m_incidents->SetItemState(other, 0, wxLIST_STATE_SELECTED);
        m_incidents->SetItemState(found, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                                  wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
        m_incidents->EnsureVisible(found);
        m_incidents->SetFocus();
        return true;
    };
    if (item >= 0 || !m_ids_loading)
        select();
    else
        m_pending_incident = incident_id; // selected once the list has loaded
}

void MainFrame::on_export_map(wxCommandEvent&)
{
    if (!m_db) {
        show_error(_("Open a programme first: the map shows the open programme."), {});
        return;
    }
    if (m_map->exporting()) {
        show_error(_("The map view is still being written; wait for it to finish."), {});
        return;
    }
    if (m_notebook->GetCurrentPage() != m_map) {
        m_notebook->SetSelection(std::size_t(m_notebook->FindPage(m_map)));
        m_map->activate();
    }
    wxFileDialog dialog(this, _("Export the map view"), wxString(), "map.png",
                        _("PNG image (*.png)|*.png|PDF document (*.pdf)|*.pdf"), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (dialog.ShowModal() != wxID_OK)
        return;
    wxFileName name(dialog.GetPath());
    if (!name.HasExt())
        name.SetExt(dialog.GetFilterIndex() == 1 ? "pdf" : "png");
    const wxString file = name.GetFullPath();
    SetStatusText(wxString::Format(_("Writing %s..."), name.GetFullName()), 0);
    m_map->export_view(std::filesystem::path(file.utf8_string()),
                       [this, file](const std::string& error, bool cancelled) {
                           m_export_timer.reset();
                           m_export_progress.reset();
                           update_status();
                           if (!error.empty())
                               show_error(_("The map view could not be exported."), error);
                           else if (cancelled)
                               SetStatusText(_("Map export cancelled; nothing was written."), 0);
                           else
                               SetStatusText(wxString::Format(_("Map view saved as %s"), file), 0);
                       });
    watch_export(name.GetFullName());
}

void MainFrame::watch_export(const wxString& file_name)
{
    // Most views are written in a fraction of a second: the window shows only after 400 ms.
    m_export_timer = std::make_unique<wxTimer>();
    int ticks = 0;
    m_export_timer->Bind(wxEVT_TIMER, [this, file_name, ticks](wxTimerEvent&) mutable {
        if (!m_map->exporting())
            return;
        if (++ticks < 4)
            return;
        if (!m_export_progress)
            m_export_progress = std::make_unique<wxProgressDialog>(
                _("Export the map view"), wxString::Format(_("Writing %s..."), file_name), 100, this,
                wxPD_CAN_ABORT | wxPD_ELAPSED_TIME);
        if (!m_export_progress->Pulse()) {
            m_map->cancel_export();
            m_export_progress->Update(0, _("Cancelling..."));
        }
    });
    m_export_timer->Start(100);
}

void MainFrame::update_status()
{
    if (!m_db) {
        SetStatusText(_("No programme open"), 0);
        SetStatusText(wxString(), 1);
        SetStatusText(wxString(), 2);
        return;
    }
    // The database, with the home folder written ~ as people read it.
    wxString path = from_utf8(std::filesystem::absolute(m_db->path()).string());
    const wxString home = wxFileName::GetHomeDir();
    if (!home.empty() && home != "/" && path.StartsWith(home + "/"))
        path = "~" + path.Mid(home.length());
    SetStatusText(path, 0);
    SetStatusText(wxString::Format(_("Schema version %d"), m_db->schema_version()), 1);

    if (!m_sites_loading) {
        const auto count = std::int64_t(m_sites->sites().size());
        m_sites_header->SetLabel(wxString::Format(_("%s sites by country and province"), format_count(count)));
    }
    wxString incidents;
    if (!m_ids_loading) {
        const auto count = std::int64_t(m_incidents->ids().size());
        switch (m_scope.kind) {
        case Scope::Kind::All: incidents = wxString::Format(_("%s incidents, all sites"), format_count(count)); break;
        case Scope::Kind::Country:
            // TRANSLATORS: the second %s is a country name.
            incidents = wxString::Format(_("%s incidents in all of %s"), format_count(count),
                                         country_label(m_scope.country));
            break;
        case Scope::Kind::Province:
            // TRANSLATORS: the second %s is a province name.
            incidents = wxString::Format(_("%s incidents in %s province"), format_count(count),
                                         from_utf8(m_scope.province));
            break;
        case Scope::Kind::Site:
            incidents = wxString::Format(_("%s incidents at %s"), format_count(count), from_utf8(m_scope.site_code));
            break;
        }
        m_incidents_header->SetLabel(incidents);
        m_incidents_header->UnsetToolTip();
    }
    SetStatusText(wxString::Format(_("Programme: %s sites, %s verified incidents"),
                                   format_count(m_programme_figures.sites_total),
                                   format_count(m_programme_figures.incidents_verified)),
                  2);
    m_sites_header->GetParent()->Layout();
    m_incidents_header->GetParent()->Layout();
}

void MainFrame::save_history()
{
    if (auto* config = wxConfigBase::Get(false)) {
        {
            wxConfigPathChanger in_group(config, "/RecentFiles/");
            m_history.Save(*config);
        }
        config->Flush();
    }
}

void MainFrame::remember(const std::filesystem::path& path)
{
    m_history.AddFileToHistory(from_utf8(std::filesystem::absolute(path).string()));
    save_history();
}

void MainFrame::on_new(wxCommandEvent&)
{
    wxFileDialog dialog(this, _("Create a programme database"), wxString(), "programme.mwz",
                        _("Mwangaza programmes (*.mwz)|*.mwz|All files|*"), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (dialog.ShowModal() != wxID_OK)
        return;
    wxFileName name(dialog.GetPath());
    if (!name.HasExt())
        name.SetExt("mwz");
    const std::filesystem::path path(name.GetFullPath().utf8_string());
    std::error_code ec;
    if (m_db && std::filesystem::equivalent(path, m_db->path(), ec)) {
        show_error(_("This programme is open: choose another file name."), path.string());
        return;
    }
    try {
        if (std::filesystem::exists(path)) {
            // The person confirmed replacing it in the file dialog.
            for (const char* suffix : {"", "-wal", "-shm"})
                std::filesystem::remove(path.string() + suffix);
        }
        store::Database::open(path, store::Database::Mode::Create);
    } catch (const std::exception& e) {
        show_error(_("The programme database could not be created."), e.what());
        return;
    }
    open_database(path);
}

void MainFrame::on_open(wxCommandEvent&)
{
    wxFileDialog dialog(this, _("Open a programme database"), wxString(), wxString(),
                        _("Mwangaza programmes (*.mwz)|*.mwz|All files|*"), wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (dialog.ShowModal() != wxID_OK)
        return;
    open_database(std::filesystem::path(dialog.GetPath().utf8_string()));
}

void MainFrame::on_recent(wxCommandEvent& event)
{
    const std::size_t index = std::size_t(event.GetId() - wxID_FILE1);
    const wxString file = m_history.GetHistoryFile(index);
    const std::filesystem::path path(file.utf8_string());
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        show_error(wxString::Format(_("\"%s\" no longer exists; it is removed from the recent files."), file), {});
        m_history.RemoveFileFromHistory(index);
        save_history();
        return;
    }
    open_database(path);
}

void MainFrame::on_refresh(wxCommandEvent&)
{
    if (!m_db)
        return;
    refresh_dashboard();
    if (m_background_started) {
        load_sites();
        load_incident_ids();
    }
    update_status();
}

void MainFrame::refresh_after_import()
{
    if (!m_db)
        return;
    refresh_dashboard();
    if (m_background_started)
        load_incident_ids();
    if (m_notebook->GetCurrentPage() == m_triage)
        m_triage->reload();
    update_status();
}

void MainFrame::on_about(wxCommandEvent&)
{
    wxAboutDialogInfo info;
    info.SetName("Mwangaza");
    if (wxFileName::FileExists(icon_file(128)))
        info.SetIcon(wxIcon(icon_file(128), wxBITMAP_TYPE_PNG));
    info.SetVersion(MWANGAZA_VERSION);
    info.SetDescription(_("Risk workbench for responsible-minerals assurance in artisanal mining: incidents, "
                          "risks, corrective actions and workshops at mine sites in the DRC and Rwanda."));
    info.SetCopyright(_("(C) The Mwangaza developers"));
    info.AddDeveloper(_("The Mwangaza developers"));
    info.AddDeveloper(_("Built with wxWidgets, SQLite, GDAL and Boost.Graph"));
    wxAboutBox(info, this);
}

} // namespace mwangaza::gui
