#pragma once
// The implementation rate broken down by site, stakeholder, risk area, category, month or
// quarter. Every number drills down: double-click a row for the actions it counts as
// issued, or choose which of its numbers to open.
#include "store/KpiBreakdown.hpp"

#include <wx/panel.h>

#include <functional>
#include <vector>

class wxChoice;
class wxListCtrl;
class wxStaticText;

namespace mwangaza::gui {

class KpiBreakdownPanel : public wxPanel {
public:
    explicit KpiBreakdownPanel(wxWindow* parent);

    store::KpiDimension dimension() const;
    void set_rows(store::KpiDimension dimension, std::vector<store::KpiBreakdownRow> rows);
    const std::vector<store::KpiBreakdownRow>& rows() const { return m_rows; }
    wxListCtrl* list() const { return m_list; }

    // Asked to load a dimension (the choice changed).
    void set_load_listener(std::function<void(store::KpiDimension)> f) { m_on_load = std::move(f); }
    // A number to drill into: the row's key, which of its numbers, and a description.
    void set_drill_listener(std::function<void(const std::string& key, store::KpiMeasure, const wxString&)> f)
    {
        m_on_drill = std::move(f);
    }
    // Drills into row `item` (as a double-click does), with the measure chosen.
    void drill(long item);

private:
    store::KpiDimension m_shown = store::KpiDimension::Site;
    std::vector<store::KpiBreakdownRow> m_rows;
    wxChoice* m_dimension = nullptr;
    wxChoice* m_measure = nullptr;
    wxListCtrl* m_list = nullptr;
    wxStaticText* m_total = nullptr;
    std::function<void(store::KpiDimension)> m_on_load;
    std::function<void(const std::string&, store::KpiMeasure, const wxString&)> m_on_drill;
};

} // namespace mwangaza::gui
