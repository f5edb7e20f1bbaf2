#include "gui/SiteListCtrl.hpp"

#include "gui/Format.hpp"

#include <wx/settings.h>

namespace mwangaza::gui {

namespace {

enum Column { ColName, ColCode, ColMinerals, ColActive, ColVerified };

// Indents a row's first column under its header.
const wxString k_indent = wxString::FromUTF8("\u2003");

} // namespace

SiteListCtrl::SiteListCtrl(wxWindow* parent)
    : wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                 wxLC_REPORT | wxLC_VIRTUAL | wxLC_SINGLE_SEL | wxBORDER_NONE)
{
    SetName("site_list");
    // Countries and provinces are the header rows above their sites.
    AppendColumn(_("Site"), wxLIST_FORMAT_LEFT, FromDIP(190));
    AppendColumn(_("Code"), wxLIST_FORMAT_LEFT, FromDIP(95));
    AppendColumn(_("Minerals"), wxLIST_FORMAT_LEFT, FromDIP(125));
    AppendColumn(_("Active"), wxLIST_FORMAT_CENTRE, FromDIP(52));
    AppendColumn(_("Verified"), wxLIST_FORMAT_RIGHT, FromDIP(82));

    wxFont bold = GetFont();
    bold.MakeBold();
    const wxColour window = wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOW);
    const wxColour text = wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT);
    m_country_attr.SetFont(bold);
    m_country_attr.SetBackgroundColour(window.ChangeLightness(90));
    m_country_attr.SetTextColour(text);
    m_province_attr.SetFont(bold);
    m_province_attr.SetBackgroundColour(window.ChangeLightness(96));
    m_province_attr.SetTextColour(text);
    m_all_attr.SetFont(bold);
    m_inactive_attr.SetTextColour(text.ChangeLightness(170));
    Bind(wxEVT_SIZE, [this](wxSizeEvent& e) {
        e.Skip();
        CallAfter([this] { fit_name_column(); });
    });
    set_sites({});
}

void SiteListCtrl::fit_name_column()
{
    int others = 0;
    for (int c = ColCode; c <= ColVerified; ++c)
        others += GetColumnWidth(c);
    const int available = GetClientSize().x - others - FromDIP(4);
    SetColumnWidth(ColName, std::max(FromDIP(170), available));
}

void SiteListCtrl::set_sites(std::vector<store::SiteRow> sites)
{
    m_sites = std::move(sites);
    m_entries.clear();
    m_entries.push_back({Entry::Kind::All, 0, 0, 0});
    std::size_t country = 0;  // index in m_entries of the current country header
    std::size_t province = 0; // and province header
    for (std::size_t i = 0; i < m_sites.size(); ++i) {
        const auto& s = m_sites[i];
        const bool new_country = i == 0 || s.country != m_sites[i - 1].country;
        if (new_country) {
            country = m_entries.size();
            m_entries.push_back({Entry::Kind::Country, i, 0, 0});
        }
        if (new_country || s.province != m_sites[i - 1].province) {
            province = m_entries.size();
            m_entries.push_back({Entry::Kind::Province, i, 0, 0});
        }
        for (std::size_t header : {std::size_t(0), country, province}) {
            ++m_entries[header].count;
            m_entries[header].verified += s.verified_incidents;
        }
        m_entries.push_back({Entry::Kind::Site, i, 1, s.verified_incidents});
    }
    SetItemCount(long(m_entries.size()));
    // Fit the code column to the codes and the "N sites" of the header rows.
    const int pad = FromDIP(18);
    int width = std::max(GetTextExtent(longest_code()).x, GetTextExtent(_("Code")).x);
    wxFont bold = GetFont();
    bold.MakeBold();
    int bold_width = 0;
    GetTextExtent(wxString::Format(_("%s sites"), format_count(std::int64_t(m_sites.size()))), &bold_width, nullptr,
                  nullptr, nullptr, &bold);
    SetColumnWidth(ColCode, std::max(FromDIP(80), std::max(width, bold_width) + pad));
    fit_name_column();
    Refresh();
}

wxString SiteListCtrl::longest_code() const
{
    const store::SiteRow* longest = nullptr;
    for (const auto& s : m_sites)
        if (!longest || s.code.size() > longest->code.size())
            longest = &s;
    return longest ? from_utf8(longest->code) : wxString();
}

Scope SiteListCtrl::scope_of(long item) const
{
    Scope scope;
    if (item <= 0 || std::size_t(item) >= m_entries.size())
        return scope;
    const Entry& e = m_entries[std::size_t(item)];
    const auto& site = m_sites[e.first];
    scope.country = site.country;
    switch (e.kind) {
    case Entry::Kind::All: break;
    case Entry::Kind::Country:
    case Entry::Kind::Province:
        scope.kind = e.kind == Entry::Kind::Country ? Scope::Kind::Country : Scope::Kind::Province;
        if (e.kind == Entry::Kind::Province)
            scope.province = site.province;
        for (std::size_t i = e.first; i < e.first + e.count; ++i)
            scope.group_site_ids.push_back(m_sites[i].id);
        break;
    case Entry::Kind::Site:
        scope.kind = Scope::Kind::Site;
        scope.province = site.province;
        scope.site_id = site.id;
        scope.site_code = site.code;
        scope.site_name = site.name;
        break;
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
    if (e.kind == Entry::Kind::Site) {
        const auto& s = m_sites[e.first];
        switch (column) {
        case ColName: return k_indent + k_indent + from_utf8(s.name);
        case ColCode: return from_utf8(s.code);
        case ColMinerals: return minerals_label(s.minerals);
        case ColActive: return s.active ? _("Yes") : _("No");
        case ColVerified: return format_count(s.verified_incidents);
        default: return {};
        }
    }
    if (column == ColVerified)
        return format_count(e.verified);
    if (column == ColCode)
        return wxString::Format(_("%s sites"), format_count(std::int64_t(e.count)));
    if (column != ColName)
        return {};
    switch (e.kind) {
    case Entry::Kind::All: return _("All sites");
    case Entry::Kind::Country: return country_label(m_sites[e.first].country);
    case Entry::Kind::Province: return k_indent + from_utf8(m_sites[e.first].province);
    default: return {};
    }
}

wxListItemAttr* SiteListCtrl::OnGetItemAttr(long item) const
{
    if (item < 0 || std::size_t(item) >= m_entries.size())
        return nullptr;
    const Entry& e = m_entries[std::size_t(item)];
    switch (e.kind) {
    case Entry::Kind::All: return &m_all_attr;
    case Entry::Kind::Country: return &m_country_attr;
    case Entry::Kind::Province: return &m_province_attr;
    case Entry::Kind::Site: return m_sites[e.first].active ? nullptr : &m_inactive_attr;
    }
    return nullptr;
}

} // namespace mwangaza::gui
