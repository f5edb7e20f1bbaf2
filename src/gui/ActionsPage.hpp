#pragma once
// The Actions page: corrective actions (a virtual list with filters by site, stakeholder,
// status and overdue, the selected action's details with its history and evidence, status
// changes, progress updates with evidence files, drafting from a template), the
// stakeholder registry with each one's workload, and the KPI breakdowns whose numbers
// drill down to the actions behind them. Lists load on a background thread.
#include "store/ActionQuery.hpp"

#include <wx/listctrl.h>
#include <wx/panel.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

class wxButton;
class wxCheckBox;
class wxChoice;
class wxNotebook;
class wxStaticText;
class wxTextCtrl;
class wxListBox;

namespace mwangaza::store {
class Database;
}

namespace mwangaza::gui {

class DatabaseWorker;
class StakeholderPanel;
class KpiBreakdownPanel;

// The actions list: a virtual report list over rows loaded in the background.
class ActionListCtrl : public wxListCtrl {
public:
    explicit ActionListCtrl(wxWindow* parent);
    void set_rows(std::vector<store::ActionRow> rows, std::string today);
    const std::vector<store::ActionRow>& rows() const { return m_rows; }

protected:
    wxString OnGetItemText(long item, long column) const override;
    wxListItemAttr* OnGetItemAttr(long item) const override;

private:
    std::vector<store::ActionRow> m_rows;
    std::string m_today;
    mutable wxListItemAttr m_overdue_attr;
};

class ActionsPage : public wxPanel {
public:
    explicit ActionsPage(wxWindow* parent);
    ~ActionsPage() override;

    // The database the page reads and writes (nullptr: none open).
    void attach(store::Database* db);
    // Loads what is stale when the page is shown.
    void activate();
    void mark_stale()
    {
        m_stale = true;
        m_registry_stale = true;
    }

    // Shows the actions behind a KPI number (the drill-down), on the Actions tab.
    void show_actions(std::vector<std::int64_t> ids, const wxString& what);

    // For tests: the list, the detail text, and the date overdue is decided for.
    ActionListCtrl* list() const { return m_list; }
    wxString detail_text() const;
    void set_today(const std::string& date) { m_today = date; }
    bool loading() const { return m_loading; }
    std::int64_t selected_id() const;
    void select_action(std::int64_t id);
    // What the dialogs do once filled in (tests call them directly).
    bool apply_status(std::int64_t id, core::ActionStatus to, const std::string& reason);
    bool record_progress(std::int64_t id, const std::string& note, const std::vector<std::string>& files);
    KpiBreakdownPanel* kpi() const { return m_kpi; }
    StakeholderPanel* stakeholders() const { return m_stakeholders; }
    wxNotebook* book() const { return m_book; }

private:
    void reload();
    void show_rows(std::vector<store::ActionRow> rows);
    void show_detail();
    void fill_stakeholder_choice();
    // Filters the actions list on one stakeholder (0: any); the button shows `name`, or
    // the name the registry knows.
    void set_stakeholder_filter(std::int64_t id, const wxString& name = wxString());
    store::ActionFilter filter() const;
    void change_status();
    void add_progress();
    void draft_from_template();
    void save_evidence();
    void say(const wxString& text, bool error = false);

    store::Database* m_db = nullptr;
    std::unique_ptr<DatabaseWorker> m_worker;
    std::shared_ptr<bool> m_alive;
    int m_generation = 0;
    bool m_loading = false;
    bool m_stale = true;
    // The stakeholder registry and workloads are read again only after a write (not when
    // a filter changes: on the x500 demo they take a third of a second).
    bool m_registry_stale = true;
    std::string m_today;
    std::optional<std::vector<std::int64_t>> m_only_ids; // a drill-down
    // The registry for the stakeholder filter's picker (id, name), and the one chosen
    // (0: any).
    std::vector<std::pair<std::int64_t, wxString>> m_stakeholder_names;
    std::int64_t m_stakeholder_id = 0;
    std::vector<std::int64_t> m_evidence_ids;             // the detail's evidence list

    wxNotebook* m_book = nullptr;
    wxTextCtrl* m_site = nullptr;
    wxButton* m_stakeholder = nullptr; // opens the stakeholder picker
    wxChoice* m_status = nullptr;
    wxCheckBox* m_overdue = nullptr;
    wxStaticText* m_drill = nullptr;
    wxButton* m_clear_drill = nullptr;
    ActionListCtrl* m_list = nullptr;
    wxStaticText* m_count = nullptr;
    wxTextCtrl* m_detail = nullptr;
    wxListBox* m_evidence = nullptr;
    wxButton* m_status_button = nullptr;
    wxButton* m_progress_button = nullptr;
    wxButton* m_draft_button = nullptr;
    wxButton* m_save_evidence = nullptr;
    wxStaticText* m_message = nullptr;
    StakeholderPanel* m_stakeholders = nullptr;
    KpiBreakdownPanel* m_kpi = nullptr;
};

} // namespace mwangaza::gui
