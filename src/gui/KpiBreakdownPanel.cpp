#include "gui/KpiBreakdownPanel.hpp"

#include "core/Kpi.hpp"
#include "gui/Format.hpp"

#include <wx/choice.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

namespace mwangaza::gui {

namespace {

using D = store::KpiDimension;
using M = store::KpiMeasure;

const D k_dimensions[] = {D::Site, D::Stakeholder, D::Area, D::Category, D::Month, D::Quarter};
const M k_measures[] = {M::Issued, M::Progressing, M::Implemented, M::InProgress, M::StillIssued, M::NotImplemented,
                        M::Cancelled};

} // namespace

KpiBreakdownPanel::KpiBreakdownPanel(wxWindow* parent) : wxPanel(parent, wxID_ANY)
{
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* bar = new wxBoxSizer(wxHORIZONTAL);
    bar->Add(new wxStaticText(this, wxID_ANY, _("Implementation rate by")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT,
             FromDIP(6));
    m_dimension = new wxChoice(this, wxID_ANY);
    m_dimension->SetName("kpi_dimension");
    for (const wxString& label : {_("Site"), _("Stakeholder"), _("Risk area"), _("Category"), _("Month"), _("Quarter")})
        m_dimension->Append(label);
    m_dimension->SetSelection(0);
    bar->Add(m_dimension, 0, wxRIGHT, FromDIP(16));
    bar->Add(new wxStaticText(this, wxID_ANY, _("Double-click opens")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT,
             FromDIP(6));
    m_measure = new wxChoice(this, wxID_ANY);
    m_measure->SetName("kpi_measure");
    for (const wxString& label : {_("the issued actions"), _("the actions in progress or implemented"),
                                  _("the implemented actions"), _("the actions in progress"),
                                  _("the actions not started"), _("the actions not implemented"),
                                  _("the cancelled actions")})
        m_measure->Append(label);
    m_measure->SetSelection(0);
    bar->Add(m_measure, 0);
    sizer->Add(bar, 0, wxALL, FromDIP(6));
    m_list = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL);
    m_list->SetName("kpi_breakdown_list");
    const std::pair<wxString, int> columns[] = {{_("Key"), 110},         {_("Name"), 280},
                                                {_("Issued"), 70},       {_("In progress"), 85},
                                                {_("Implemented"), 95},  {_("Rate"), 70},
                                                {_("Not started"), 85},  {_("Not implemented"), 115},
                                                {_("Cancelled"), 80}};
    int c = 0;
    for (const auto& [title, width] : columns) {
        m_list->InsertColumn(c, title, c >= 2 ? wxLIST_FORMAT_RIGHT : wxLIST_FORMAT_LEFT, FromDIP(width));
        ++c;
    }
    sizer->Add(m_list, 1, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(6));
    m_total = new wxStaticText(this, wxID_ANY, wxString());
    m_total->SetName("kpi_total");
    sizer->Add(m_total, 0, wxALL, FromDIP(6));
    SetSizer(sizer);

    m_dimension->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
        if (m_on_load)
            m_on_load(dimension());
    });
    m_list->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent& e) { drill(e.GetIndex()); });
}

store::KpiDimension KpiBreakdownPanel::dimension() const
{
    const int i = m_dimension->GetSelection();
    return k_dimensions[i < 0 ? 0 : i];
}

void KpiBreakdownPanel::set_rows(store::KpiDimension dimension, std::vector<store::KpiBreakdownRow> rows)
{
    m_shown = dimension;
    m_rows = std::move(rows);
    m_list->Freeze();
    m_list->DeleteAllItems();
    std::int64_t issued = 0, progressing = 0;
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        const auto& r = m_rows[i];
        issued += r.issued;
        progressing += r.progressing();
        const long item = m_list->InsertItem(long(i), r.key.empty() ? wxString("-") : from_utf8(r.key));
        m_list->SetItem(item, 1, from_utf8(r.label));
        m_list->SetItem(item, 2, format_count(r.issued));
        m_list->SetItem(item, 3, format_count(r.in_progress));
        m_list->SetItem(item, 4, format_count(r.implemented));
        m_list->SetItem(item, 5, format_percent(core::percent(r.progressing(), r.issued)));
        m_list->SetItem(item, 6, format_count(r.still_issued));
        m_list->SetItem(item, 7, format_count(r.not_implemented));
        m_list->SetItem(item, 8, format_count(r.cancelled));
    }
    m_list->Thaw();
    m_total->SetLabel(wxString::Format(_("Programme: %s of %s issued actions in progress or implemented (%s)."),
                                       format_count(progressing), format_count(issued),
                                       format_percent(core::percent(progressing, issued))));
}

void KpiBreakdownPanel::drill(long item)
{
    if (item < 0 || std::size_t(item) >= m_rows.size() || !m_on_drill)
        return;
    const auto& r = m_rows[std::size_t(item)];
    const int m = m_measure->GetSelection();
    m_on_drill(r.key, k_measures[m < 0 ? 0 : m],
               wxString::Format("%s - %s", from_utf8(r.label.empty() ? r.key : r.label), m_measure->GetStringSelection()));
}

} // namespace mwangaza::gui
