#pragma once
// The stakeholder registry: every stakeholder with its type, languages, sites, contact,
// and its workload (open and overdue actions as responsible and as supporter) and
// implementation rate. "Add..." and "Edit..." (or double-click, or Enter) open the
// stakeholder dialog; "Show actions" lists the actions of the selected stakeholder.
#include "store/StakeholderStore.hpp"

#include <wx/listctrl.h>
#include <wx/panel.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

class wxButton;
class wxStaticText;

namespace mwangaza::store {
class Database;
}

namespace mwangaza::gui {

// The registry as a virtual list (139,500 stakeholders on a large programme).
class StakeholderListCtrl : public wxListCtrl {
public:
    struct Row {
        store::Stakeholder stakeholder;
        store::StakeholderWorkload load;
    };
    explicit StakeholderListCtrl(wxWindow* parent);
    void set_rows(std::vector<Row> rows);
    const std::vector<Row>& rows() const { return m_rows; }

protected:
    wxString OnGetItemText(long item, long column) const override;
    wxListItemAttr* OnGetItemAttr(long item) const override;

private:
    std::vector<Row> m_rows;
    mutable wxListItemAttr m_overdue_attr;
};

class StakeholderPanel : public wxPanel {
public:
    explicit StakeholderPanel(wxWindow* parent);

    // The database the dialogs save to (nullptr: none open).
    void attach(store::Database* db);
    void set_data(std::vector<store::Stakeholder> registry, std::vector<store::StakeholderWorkload> loads,
                  const std::string& on);
    // Called with a stakeholder id by "Show actions".
    void set_open_listener(std::function<void(std::int64_t id, const wxString& name)> f) { m_on_open = std::move(f); }
    // Called with the stakeholder's id after the dialog saved it: the owner reads the
    // registry and workloads again (in the background) and calls set_data, which selects it.
    void set_saved_listener(std::function<void(std::int64_t id)> f) { m_on_saved = std::move(f); }

    // Open the dialog (modal) on a new stakeholder or the selected one; true when saved.
    bool add();
    bool edit_selected();

    wxListCtrl* list() const { return m_list; }
    const std::vector<StakeholderListCtrl::Row>& rows() const { return m_list->rows(); }
    std::int64_t selected_id() const;
    void select(std::int64_t id);

private:
    bool edit(const store::Stakeholder& initial);
    void update_buttons();

    store::Database* m_db = nullptr;
    StakeholderListCtrl* m_list = nullptr;
    wxStaticText* m_summary = nullptr;
    wxButton* m_add = nullptr;
    wxButton* m_edit = nullptr;
    wxButton* m_actions = nullptr;
    std::int64_t m_select_after = 0; // the stakeholder just saved, selected when the list comes back
    std::function<void(std::int64_t, const wxString&)> m_on_open;
    std::function<void(std::int64_t)> m_on_saved;
};

} // namespace mwangaza::gui
