#pragma once
// The triage page's filter bar: status, site (or the province or country the main
// window's site list selects), risk category, risk area (narrowed to the category),
// observation dates (from, to; each may be left empty) and words in the description,
// with a "Clear filters" button. It turns the controls into a store::IncidentQuery and
// tells its owner when that query changes; typing words waits for a pause first.
#include "core/Lifecycle.hpp"
#include "gui/PickDialog.hpp"
#include "store/IncidentQuery.hpp"

#include <wx/panel.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

class wxButton;
class wxChoice;
class wxDatePickerCtrl;
class wxSearchCtrl;
class wxTimer;

namespace mwangaza::gui {

struct Scope;

class TriageFilterBar : public wxPanel {
public:
    // The statuses of status choice 0, "awaiting triage".
    static const std::vector<core::IncidentStatus>& awaiting_statuses();

    // Triage: the status choice is "awaiting triage" then each awaiting status. Map: "all
    // statuses" then every status; the controls are named map_filter_* instead of triage_*.
    enum class Purpose { Triage, Map };

    explicit TriageFilterBar(wxWindow* parent, Purpose purpose = Purpose::Triage);
    ~TriageFilterBar() override;

    // The query the controls describe.
    store::IncidentQuery query() const;

    // Status choice: 0 is "awaiting triage" (map: every status), then one per status listed.
    int status_choice() const;

    // Called when the query changes (after a pause in typing for the words).
    void set_changed_listener(std::function<void()> listener) { m_changed = std::move(listener); }
    // Called when Enter is pressed in the words, after the change is told.
    void set_enter_listener(std::function<void()> listener) { m_enter = std::move(listener); }

    // Picks a site for the filter; code "" is every site. nullopt when cancelled.
    using SiteChoice = PickedSite;
    using SitePicker = std::function<std::optional<SiteChoice>(const std::string& current_code)>;
    void set_site_picker(SitePicker picker) { m_site_picker = std::move(picker); }

    // Sets the controls without telling the listener.
    void set_filters(int status_choice, const std::string& area, const wxString& text);
    // Follows the main window's site list: a site, a province, a country or all sites.
    void set_scope(const Scope& scope);
    // Every filter back to its default (awaiting triage or every status, all sites, areas
    // and dates, no words).
    void clear();

    // True when a filter other than the status one restricts the queue.
    bool narrows() const;

private:
    void fill_areas(const std::string& select);
    void set_site(std::string code, std::string province, std::string country, wxString label);
    void changed();
    // The statuses the status choice lists after its first entry.
    const std::vector<core::IncidentStatus>& listed_statuses() const;

    Purpose m_purpose;
    wxChoice* m_status = nullptr;
    wxButton* m_site = nullptr;
    wxChoice* m_category = nullptr;
    wxChoice* m_area = nullptr;
    wxDatePickerCtrl* m_from = nullptr;
    wxDatePickerCtrl* m_to = nullptr;
    wxSearchCtrl* m_text = nullptr;
    wxButton* m_clear = nullptr;
    wxTimer* m_text_timer = nullptr;
    std::vector<std::string> m_category_codes; // by m_category index; "" for every category
    std::vector<std::string> m_area_codes;     // by m_area index; "" for every area (of the category)
    std::string m_site_code;
    std::string m_province;
    std::string m_country;
    SitePicker m_site_picker;
    std::function<void()> m_changed;
    std::function<void()> m_enter;
};

} // namespace mwangaza::gui
