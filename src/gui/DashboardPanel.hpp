#pragma once
// The dashboard page: KPI cards and the chart of verified incidents by risk category.
// Every value label is named (kpi_<figure>) so tests can read the figures back.
#include "core/Kpi.hpp"

#include <wx/scrolwin.h>

#include <map>
#include <string>

class wxStaticText;

namespace mwangaza::gui {

class CategoryChart;

class DashboardPanel : public wxScrolledWindow {
public:
    explicit DashboardPanel(wxWindow* parent);

    // `title` is the programme name, `scope` says what the figures cover.
    void show_figures(const core::KpiFigures& figures, const wxString& title, const wxString& scope);

    CategoryChart* chart() const { return m_chart; }

private:
    struct Card {
        wxWindow* panel = nullptr;
        wxStaticText* value = nullptr;
        wxStaticText* detail = nullptr;
        wxString detail_text;  // unwrapped
        int wrapped_width = 0; // the width detail_text was last wrapped to
    };
    void add_card(wxSizer* grid, const std::string& key, const wxString& caption, const wxColour& accent);
    void set_card(const std::string& key, const wxString& value, const wxString& detail);
    void wrap_detail(Card& card);

    wxStaticText* m_title = nullptr;
    wxStaticText* m_scope = nullptr;
    CategoryChart* m_chart = nullptr;
    std::map<std::string, Card> m_cards;
};

} // namespace mwangaza::gui
