#include "gui/SiteListCtrl.hpp"

#include "gui/Format.hpp"

#include <wx/settings.h>

namespace mwangaza::gui {

namespace {

enum Column { ColName, ColCode, ColMinerals, ColActive, ColVerified };

} // namespace

SiteListCtrl::SiteListCtrl(wxWindow* parent)
    : wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                 wxLC_REPORT | wxLC_VIRTUAL | wxLC_SINGLE_SEL | wxBORDER_NONE)
{
    SetName("site_list");
    // The province is the group header above its sites.
    AppendColumn(_("Site"), wxLIST_FORMAT_LEFT, FromDIP(205));
    AppendColumn(_("Code"), wxLIST_FORMAT_LEFT, FromDIP(80));
    AppendColumn(_("Minerals"), wxLIST_FORMAT_LEFT, FromDIP(140));
    AppendColumn(_("Active"), wxLIST_FORMAT_CENTRE, FromDIP(58));
    AppendColumn(_("Verified"), wxLIST_FORMAT_RIGHT, FromDIP(72));

    wxFont bold = GetFont();
    bold.MakeBold();
    const wxColour window = wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOW);
    const wxColour text = wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT);
    m_group_attr.SetFont(bold);
    m_group_attr.SetBackgroundColour(window.ChangeLightness(94));
    m_group_attr.SetTextColour(text);
    m_all_attr.SetFont(bold);
    m_inactive_attr.SetTextColour(text.ChangeLightness(170));
    set_sites({});
}

void SiteListCtrl::set_sites(std::vector<store::SiteRow> sites)
{
    m_sites = std::move(sites);
    m_entries.clear();
    std::int64_t total = 0;
    for (const auto& s : m_sites)
        total += s.verified_incidents;
    m_entries.push_back({Entry::Kind::All, 0, m_sites.size(), total});
    std::size_t group = 0; // index of the current group header in m_entries
    for (std::size_t i = 0; i < m_sites.size(); ++i) {
        const auto& s = m_sites[i];
        if (i == 0 || s.country != m_sites[i - 1].country || s.province != m_sites[i - 1].province) {
            group = m_entries.size();
            m_entries.push_back({Entry::Kind::Group, i, 0, 0});
        }
        ++m_entries[group].count;
        m_entries[group].verified += s.verified_incidents;
        m_entries.push_back({Entry::Kind::Site, i, 1, s.verified_incidents});
    }
    SetItemCount(long(m_entries.size()));
    Refresh();
}

Scope SiteListCtrl::scope_of(long item) const
{
    Scope scope;
    if (item <= 0 || std::size_t(item) >= m_entries.size())
        return scope;
    const Entry& e = m_entries[std::size_t(item)];
    const auto& site = m_sites[e.first];
    scope.country = site.country;
    scope.province = site.province;
    if (e.kind == Entry::Kind::Group) {
        scope.kind = Scope::Kind::Province;
        for (std::size_t i = e.first; i < e.first + e.count; ++i)
            scope.province_site_ids.push_back(m_sites[i].id);
    } else {
        scope.kind = Scope::Kind::Site;
        scope.site_id = site.id;
        scope.site_code = site.code;
        scope.site_name = site.name;
    }
    return scope;
}

long SiteListCtrl::find_site(const std::string& code) const
{
    for (std::size_t i = 0; i < m_entries.size(); ++i)
        if (m_entries[i].kind == Entry::Kind::Site && m_sites[m_entries[i].first].code == code)
            return long(i);
    return -1;
}

wxString SiteListCtrl::OnGetItemText(long item, long column) const
{
    if (item < 0 || std::size_t(item) >= m_entries.size())
        return {};
    const Entry& e = m_entries[std::size_t(item)];
    switch (e.kind) {
    case Entry::Kind::All:
        if (column == ColName)
            return _("All sites");
        if (column == ColCode)
            return wxString::Format(_("%s sites"), format_count(std::int64_t(e.count)));
        if (column == ColVerified)
            return format_count(e.verified);
        return {};
    case Entry::Kind::Group: {
        const auto& s = m_sites[e.first];
        if (column == ColName)
            return country_label(s.country) + wxString::FromUTF8(" \u203A ") + from_utf8(s.province);
        if (column == ColVerified)
            return format_count(e.verified);
        return {};
    }
    case Entry::Kind::Site: {
        const auto& s = m_sites[e.first];
        switch (column) {
        case ColName: return from_utf8(s.name);
        case ColCode: return from_utf8(s.code);
        case ColMinerals: return minerals_label(s.minerals);
        case ColActive: return s.active ? _("Yes") : _("No");
        case ColVerified: return format_count(s.verified_incidents);
        default: return {};
        }
    }
    }
    return {};
}

wxListItemAttr* SiteListCtrl::OnGetItemAttr(long item) const
{
    if (item < 0 || std::size_t(item) >= m_entries.size())
        return nullptr;
    const Entry& e = m_entries[std::size_t(item)];
    if (e.kind == Entry::Kind::Group)
        return &m_group_attr;
    if (e.kind == Entry::Kind::All)
        return &m_all_attr;
    if (!m_sites[e.first].active)
        return &m_inactive_attr;
    return nullptr;
}

} // namespace mwangaza::gui
