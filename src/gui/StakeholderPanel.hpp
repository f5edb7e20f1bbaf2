#pragma once
// The stakeholder registry: every stakeholder with its type, languages, sites, contact,
// and its workload (open and overdue actions as responsible and as supporter) and
// implementation rate. Double-click lists the actions of the stakeholder.
#include "store/StakeholderStore.hpp"

#include <wx/panel.h>

#include <functional>
#include <string>
#include <vector>

class wxListCtrl;
class wxStaticText;

namespace mwangaza::gui {

class StakeholderPanel : public wxPanel {
public:
    explicit StakeholderPanel(wxWindow* parent);

    void set_data(std::vector<store::Stakeholder> registry, std::vector<store::StakeholderWorkload> loads,
                  const std::string& on);
    // Called with a stakeholder id on double-click.
    void set_open_listener(std::function<void(std::int64_t id, const wxString& name)> f) { m_on_open = std::move(f); }
    wxListCtrl* list() const { return m_list; }

private:
    std::vector<store::Stakeholder> m_registry;
    wxListCtrl* m_list = nullptr;
    wxStaticText* m_summary = nullptr;
    std::function<void(std::int64_t, const wxString&)> m_on_open;
};

} // namespace mwangaza::gui
