#pragma once
// The workbench's main window: sites on the left; a notebook with the dashboard, the
// incidents list, the triage page and the map; File and Help menus; a status bar with the
// database, its schema version and counts (and the map's cursor position). Calls the
// store for figures and lists; holds no business rules.
#include "core/Kpi.hpp"
#include "gui/SiteListCtrl.hpp"
#include "store/Database.hpp"

#include <wx/filehistory.h>
#include <wx/frame.h>

#include <filesystem>
#include <memory>
#include <optional>

class wxNotebook;
class wxProgressDialog;
class wxTimer;
class wxSplitterWindow;
class wxStaticText;

namespace mwangaza::gui {

class DashboardPanel;
class DatabaseWorker;
class IncidentListCtrl;
class MapPanel;
class WorkshopPanel;
class RiskPanel;
class ActionsPage;
class TriagePanel;

class MainFrame : public wxFrame {
public:
    MainFrame();
    ~MainFrame() override;

    // Opens a programme database and shows it. Returns false (and tells the person why,
    // unless `quiet`) when it cannot be opened; the previous database stays open then.
    bool open_database(const std::filesystem::path& path, bool quiet = false);

    // Opens the demo programme in the user's data folder, creating it first if needed.
    bool open_default_demo();

    // Reads the figures, the incidents list and the triage queue again (after an import).
    void refresh_after_import();

    // Restricts the dashboard and incidents list to a scope.
    void apply_scope(const Scope& scope);

    bool has_database() const { return m_db.has_value(); }
    const std::filesystem::path& database_path() const;
    const core::KpiFigures& figures() const { return m_figures; }
    const Scope& scope() const { return m_scope; }

    DashboardPanel* dashboard() const { return m_dashboard; }
    IncidentListCtrl* incident_list() const { return m_incidents; }
    TriagePanel* triage() const { return m_triage; }
    MapPanel* map() const { return m_map; }
    RiskPanel* risks() const { return m_risks; }
    SiteListCtrl* site_list() const { return m_sites; }
    wxNotebook* notebook() const { return m_notebook; }

    // True while the sites or the incident ids are being loaded in the background.
    bool loading() const;
    // True once the dashboard has been painted with a database's figures.
    bool painted() const { return m_painted; }

private:
    // Opens a programme for writing; a file from an earlier version is upgraded on a
    // thread of its own, behind a progress window when that takes more than 400 ms.
    store::Database open_programme(const std::filesystem::path& path);
    void build_menus();
    void build_status_bar();
    void on_new(wxCommandEvent&);
    void on_open(wxCommandEvent&);
    void on_recent(wxCommandEvent&);
    void on_about(wxCommandEvent&);
    void on_refresh(wxCommandEvent&);
    void on_site_selected(wxListEvent&);
    void select_site_from_map(std::int64_t site_id); // a click on the map identified it
    void show_incident_from_map(std::int64_t incident_id);
    void on_export_map(wxCommandEvent&);
    // While a map export runs for more than a moment: a progress window with Cancel.
    void watch_export(const wxString& file_name);
    void on_first_dashboard_paint();
    void refresh_dashboard();
    void load_incident_ids();
    void load_sites();
    void update_status();
    void remember(const std::filesystem::path& path);
    void save_history(); // under /RecentFiles in the program's wxConfig, if there is one
    void show_error(const wxString& what, const std::string& detail);

    std::optional<store::Database> m_db;
    std::unique_ptr<DatabaseWorker> m_worker;
    std::unique_ptr<wxTimer> m_export_timer;
    std::unique_ptr<wxProgressDialog> m_export_progress;
    std::shared_ptr<bool> m_alive; // false once the frame is gone (for worker results)
    core::KpiFigures m_figures;           // for the current scope
    core::KpiFigures m_programme_figures; // for all sites (status bar)
    Scope m_scope;
    int m_ids_generation = 0;
    int m_sites_generation = 0;
    bool m_ids_loading = false;
    bool m_sites_loading = false;
    bool m_painted = false;
    bool m_background_started = false;

    wxFileHistory m_history;
    wxSplitterWindow* m_splitter = nullptr;
    SiteListCtrl* m_sites = nullptr;
    wxStaticText* m_sites_header = nullptr;
    wxNotebook* m_notebook = nullptr;
    DashboardPanel* m_dashboard = nullptr;
    IncidentListCtrl* m_incidents = nullptr;
    wxStaticText* m_incidents_header = nullptr;
    TriagePanel* m_triage = nullptr;
    MapPanel* m_map = nullptr;
    WorkshopPanel* m_workshops = nullptr;
    RiskPanel* m_risks = nullptr;
    ActionsPage* m_actions = nullptr;
    bool m_site_from_map = false; // the site list follows a map click: the map stays put
    std::optional<std::int64_t> m_pending_incident; // to select once the incidents list has loaded
};

} // namespace mwangaza::gui
