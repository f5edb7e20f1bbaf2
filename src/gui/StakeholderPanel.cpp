#include "gui/StakeholderPanel.hpp"

#include "core/Kpi.hpp"
#include "core/StakeholderTypes.hpp"
#include "gui/Format.hpp"

#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include <map>

namespace mwangaza::gui {

StakeholderPanel::StakeholderPanel(wxWindow* parent) : wxPanel(parent, wxID_ANY)
{
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    m_summary = new wxStaticText(this, wxID_ANY, wxString());
    sizer->Add(m_summary, 0, wxALL, FromDIP(6));
    m_list = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL);
    m_list->SetName("stakeholder_list");
    const std::pair<wxString, int> columns[] = {
        {_("Name"), 260}, {_("Type"), 170},       {_("Open"), 60},  {_("Overdue"), 70}, {_("Supporting"), 80},
        {_("Supporting, overdue"), 120}, {_("Rate"), 70}, {_("Languages"), 80}, {_("Sites"), 160}, {_("Contact"), 160}};
    int c = 0;
    for (const auto& [title, width] : columns) {
        m_list->InsertColumn(c, title, c >= 2 && c <= 6 ? wxLIST_FORMAT_RIGHT : wxLIST_FORMAT_LEFT, FromDIP(width));
        ++c;
    }
    sizer->Add(m_list, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6));
    SetSizer(sizer);
    m_list->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent& e) {
        const long i = e.GetIndex();
        if (m_on_open && i >= 0 && std::size_t(i) < m_registry.size())
            m_on_open(m_registry[std::size_t(i)].id, from_utf8(m_registry[std::size_t(i)].name));
    });
}

void StakeholderPanel::set_data(std::vector<store::Stakeholder> registry, std::vector<store::StakeholderWorkload> loads,
                                const std::string& on)
{
    m_registry = std::move(registry);
    std::map<std::int64_t, store::StakeholderWorkload> by_id;
    for (auto& w : loads)
        by_id[w.stakeholder_id] = w;
    m_list->Freeze();
    m_list->DeleteAllItems();
    std::int64_t open = 0, overdue = 0;
    for (std::size_t i = 0; i < m_registry.size(); ++i) {
        const auto& s = m_registry[i];
        const auto w = by_id.count(s.id) ? by_id[s.id] : store::StakeholderWorkload{};
        open += w.responsible_open;
        overdue += w.responsible_overdue;
        const auto* type = core::find_stakeholder_type(s.type);
        std::string sites;
        for (const auto& code : s.site_codes)
            sites += (sites.empty() ? "" : ", ") + code;
        const long item = m_list->InsertItem(long(i), from_utf8(s.name));
        m_list->SetItem(item, 1, type ? wxGetTranslation(type->label) : from_utf8(s.type));
        m_list->SetItem(item, 2, format_count(w.responsible_open));
        m_list->SetItem(item, 3, format_count(w.responsible_overdue));
        m_list->SetItem(item, 4, format_count(w.supporting_open));
        m_list->SetItem(item, 5, format_count(w.supporting_overdue));
        m_list->SetItem(item, 6, w.issued ? format_percent(core::percent(w.progressing, w.issued)) : wxString("-"));
        m_list->SetItem(item, 7, from_utf8(s.languages));
        m_list->SetItem(item, 8, from_utf8(sites));
        m_list->SetItem(item, 9, from_utf8(s.contact));
        if (w.responsible_overdue > 0)
            m_list->SetItemTextColour(item, wxColour(170, 30, 30));
    }
    m_list->Thaw();
    m_summary->SetLabel(wxString::Format(_("%s stakeholders; %s open actions as responsible, %s of them overdue on %s. "
                                           "Double-click a stakeholder to list its actions."),
                                         format_count(std::int64_t(m_registry.size())), format_count(open),
                                         format_count(overdue), from_utf8(on)));
}

} // namespace mwangaza::gui
