#include "gui/StakeholderPanel.hpp"

#include "core/Error.hpp"
#include "core/Kpi.hpp"
#include "core/StakeholderTypes.hpp"
#include "gui/DialogButtons.hpp"
#include "gui/Format.hpp"
#include "gui/StakeholderDialog.hpp"
#include "store/Browse.hpp"
#include "store/Database.hpp"

#include <wx/button.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/utils.h>

#include <unordered_map>

namespace mwangaza::gui {

namespace {

std::string actor()
{
    const wxString user = wxGetUserId();
    return user.empty() ? std::string("workbench") : user.utf8_string();
}

} // namespace

// ---- the list -------------------------------------------------------------------------

StakeholderListCtrl::StakeholderListCtrl(wxWindow* parent)
    : wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_VIRTUAL | wxLC_SINGLE_SEL)
{
    SetName("stakeholder_list");
    const std::pair<wxString, int> columns[] = {
        {_("Name"), 260}, {_("Type"), 170},       {_("Open"), 60},  {_("Overdue"), 70}, {_("Supporting"), 80},
        {_("Supporting, overdue"), 150}, {_("Rate"), 70}, {_("Languages"), 80}, {_("Sites"), 160}, {_("Contact"), 160}};
    int c = 0;
    for (const auto& [title, width] : columns) {
        InsertColumn(c, title, c >= 2 && c <= 6 ? wxLIST_FORMAT_RIGHT : wxLIST_FORMAT_LEFT, FromDIP(width));
        ++c;
    }
    m_overdue_attr.SetTextColour(wxColour(170, 30, 30));
}

void StakeholderListCtrl::set_rows(std::vector<Row> rows)
{
    m_rows = std::move(rows);
    SetItemCount(long(m_rows.size()));
    Refresh();
}

wxString StakeholderListCtrl::OnGetItemText(long item, long column) const
{
    if (item < 0 || std::size_t(item) >= m_rows.size())
        return {};
    const auto& s = m_rows[std::size_t(item)].stakeholder;
    const auto& w = m_rows[std::size_t(item)].load;
    switch (column) {
    case 0:
        return from_utf8(s.name);
    case 1: {
        const auto* type = core::find_stakeholder_type(s.type);
        return type ? wxGetTranslation(type->label) : from_utf8(s.type);
    }
    case 2:
        return format_count(w.responsible_open);
    case 3:
        return format_count(w.responsible_overdue);
    case 4:
        return format_count(w.supporting_open);
    case 5:
        return format_count(w.supporting_overdue);
    case 6:
        return w.issued ? format_percent(core::percent(w.progressing, w.issued)) : wxString("-");
    case 7:
        return from_utf8(s.languages);
    case 8: {
        std::string sites;
        for (const auto& code : s.site_codes)
            sites += (sites.empty() ? "" : ", ") + code;
        return from_utf8(sites);
    }
    case 9:
        return from_utf8(s.contact);
    default:
        return {};
    }
}

wxListItemAttr* StakeholderListCtrl::OnGetItemAttr(long item) const
{
    if (item < 0 || std::size_t(item) >= m_rows.size())
        return nullptr;
    return m_rows[std::size_t(item)].load.responsible_overdue > 0 ? &m_overdue_attr : nullptr;
}

// ---- the panel ------------------------------------------------------------------------

StakeholderPanel::StakeholderPanel(wxWindow* parent) : wxPanel(parent, wxID_ANY)
{
    SetName("stakeholder_panel");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* bar = new wxBoxSizer(wxHORIZONTAL);
    m_add = new wxButton(this, wxID_ANY, _("Add..."));
    m_add->SetName("stakeholder_add");
    m_edit = new wxButton(this, wxID_ANY, _("Edit..."));
    m_edit->SetName("stakeholder_edit");
    m_actions = new wxButton(this, wxID_ANY, _("Show actions"));
    m_actions->SetName("stakeholder_actions");
    for (auto* b : {m_add, m_edit, m_actions})
        bar->Add(b, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(4));
    m_summary = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxST_ELLIPSIZE_END);
    bar->Add(m_summary, 1, wxALIGN_CENTER_VERTICAL | wxLEFT, FromDIP(8));
    sizer->Add(bar, 0, wxEXPAND | wxALL, FromDIP(6));
    m_list = new StakeholderListCtrl(this);
    sizer->Add(m_list, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6));
    SetSizer(sizer);

    m_list->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent&) { edit_selected(); });
    m_list->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { update_buttons(); });
    m_list->Bind(wxEVT_LIST_ITEM_DESELECTED, [this](wxListEvent&) { update_buttons(); });
    m_add->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { add(); });
    m_edit->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { edit_selected(); });
    m_actions->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        const long i = m_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
        if (m_on_open && i >= 0 && std::size_t(i) < rows().size())
            m_on_open(rows()[std::size_t(i)].stakeholder.id, from_utf8(rows()[std::size_t(i)].stakeholder.name));
    });
    update_buttons();
}

void StakeholderPanel::attach(store::Database* db)
{
    m_db = db;
    m_select_after = 0;
    if (!db)
        m_list->set_rows({});
    update_buttons();
}

void StakeholderPanel::update_buttons()
{
    const bool selected = selected_id() != 0;
    m_add->Enable(m_db != nullptr);
    m_edit->Enable(m_db != nullptr && selected);
    m_actions->Enable(selected);
}

void StakeholderPanel::set_data(std::vector<store::Stakeholder> registry, std::vector<store::StakeholderWorkload> loads,
                                const std::string& on)
{
    const std::int64_t keep = m_select_after ? m_select_after : selected_id();
    m_select_after = 0;
    std::unordered_map<std::int64_t, std::size_t> load_of;
    load_of.reserve(loads.size());
    for (std::size_t i = 0; i < loads.size(); ++i)
        load_of[loads[i].stakeholder_id] = i;
    std::vector<StakeholderListCtrl::Row> rows;
    rows.reserve(registry.size());
    std::int64_t open = 0, overdue = 0;
    for (auto& s : registry) {
        StakeholderListCtrl::Row row;
        if (auto it = load_of.find(s.id); it != load_of.end())
            row.load = std::move(loads[it->second]);
        row.stakeholder = std::move(s);
        open += row.load.responsible_open;
        overdue += row.load.responsible_overdue;
        rows.push_back(std::move(row));
    }
    const long previous = m_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (previous >= 0)
        m_list->SetItemState(previous, 0, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    m_list->set_rows(std::move(rows));
    m_summary->SetLabel(wxString::Format(_("%s stakeholders; %s open actions as responsible, %s of them overdue on %s. "
                                           "Double-click a stakeholder to edit it."),
                                         format_count(std::int64_t(m_list->rows().size())), format_count(open),
                                         format_count(overdue), from_utf8(on)));
    if (keep)
        select(keep);
    update_buttons();
}

std::int64_t StakeholderPanel::selected_id() const
{
    const long i = m_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (i < 0 || std::size_t(i) >= rows().size())
        return 0;
    return rows()[std::size_t(i)].stakeholder.id;
}

void StakeholderPanel::select(std::int64_t id)
{
    for (std::size_t i = 0; i < rows().size(); ++i)
        if (rows()[i].stakeholder.id == id) {
            m_list->SetItemState(long(i), wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                                 wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
            m_list->EnsureVisible(long(i));
            break;
        }
    update_buttons();
}

bool StakeholderPanel::add()
{
    store::Stakeholder s;
    return edit(s);
}

bool StakeholderPanel::edit_selected()
{
    const std::int64_t id = selected_id();
    if (!id || !m_db)
        return false;
    try {
        return edit(store::read_stakeholder(m_db->sql(), id));
    } catch (const Error& e) {
        message_box(from_utf8(e.what()), _("Stakeholders"), wxOK | wxICON_ERROR, this);
        return false;
    }
}

bool StakeholderPanel::edit(const store::Stakeholder& initial)
{
    if (!m_db)
        return false;
    std::vector<StakeholderDialog::Site> sites;
    try {
        for (auto& row : store::list_sites(m_db->sql(), false))
            sites.push_back({std::move(row.code), std::move(row.name)});
    } catch (const Error& e) {
        message_box(from_utf8(e.what()), _("Stakeholders"), wxOK | wxICON_ERROR, this);
        return false;
    }
    StakeholderDialog dialog(this, initial, std::move(sites));
    while (dialog.ShowModal() == wxID_OK) {
        try {
            const std::int64_t id = store::save_stakeholder(*m_db, dialog.result(), actor());
            m_select_after = id;
            if (m_on_saved)
                m_on_saved(id);
            return true;
        } catch (const Error& e) {
            dialog.show_problem(from_utf8(e.what()));
        }
    }
    return false;
}

} // namespace mwangaza::gui
