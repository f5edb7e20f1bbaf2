#include "gui/ActionsPage.hpp"

#include "core/ActionDue.hpp"
#include "core/ActionTemplates.hpp"
#include "core/Error.hpp"
#include "core/Lifecycle.hpp"
#include "gui/ActionDialogs.hpp"
#include "gui/DatabaseWorker.hpp"
#include "gui/DialogButtons.hpp"
#include "gui/Format.hpp"
#include "gui/KpiBreakdownPanel.hpp"
#include "gui/PickDialog.hpp"
#include "gui/StakeholderPanel.hpp"
#include "store/ActionStore.hpp"
#include "store/Database.hpp"
#include "store/KpiBreakdown.hpp"
#include "store/StakeholderStore.hpp"

#include <wx/app.h>
#include <wx/artprov.h>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/choicdlg.h>
#include <wx/filedlg.h>
#include <wx/listbox.h>
#include <wx/msgdlg.h>
#include <wx/notebook.h>
#include <wx/sizer.h>
#include <wx/splitter.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/textdlg.h>
#include <wx/utils.h>

#include <algorithm>
#include <fstream>

namespace mwangaza::gui {

namespace {

using core::ActionStatus;

const ActionStatus k_statuses[] = {ActionStatus::Draft,       ActionStatus::Issued,         ActionStatus::InProgress,
                                   ActionStatus::Implemented, ActionStatus::NotImplemented, ActionStatus::Cancelled};

std::string actor()
{
    const wxString user = wxGetUserId();
    return user.empty() ? std::string("workbench") : user.utf8_string();
}

wxString status_text(ActionStatus s)
{
    return wxGetTranslation(core::status_label(s));
}

} // namespace

// ---- the list -------------------------------------------------------------------------

ActionListCtrl::ActionListCtrl(wxWindow* parent)
    : wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_VIRTUAL | wxLC_SINGLE_SEL)
{
    SetName("action_list");
    const std::pair<wxString, int> columns[] = {{_("Id"), 60},     {_("Site"), 90},         {_("Risk area"), 150},
                                                {_("Status"), 110}, {_("Due"), 100},          {_("Priority"), 70},
                                                {_("Responsible"), 200}, {_("Title"), 380}};
    int c = 0;
    for (const auto& [title, width] : columns) {
        InsertColumn(c, title, c == 0 ? wxLIST_FORMAT_RIGHT : wxLIST_FORMAT_LEFT, FromDIP(width));
        ++c;
    }
    m_overdue_attr.SetTextColour(wxColour(170, 30, 30));
}

void ActionListCtrl::set_rows(std::vector<store::ActionRow> rows, std::string today)
{
    m_rows = std::move(rows);
    m_today = std::move(today);
    SetItemCount(long(m_rows.size()));
    Refresh();
}

wxString ActionListCtrl::OnGetItemText(long item, long column) const
{
    if (item < 0 || std::size_t(item) >= m_rows.size())
        return {};
    const auto& r = m_rows[std::size_t(item)];
    switch (column) {
    case 0: return wxString::Format("%lld", (long long)r.id);
    case 1: return from_utf8(r.site_code);
    case 2: return risk_area_label(r.risk_area);
    case 3: return status_text(r.status);
    case 4:
        return r.due_on.empty() ? wxString("-")
                                : from_utf8(r.due_on) + (core::is_overdue(r.status, r.due_on, m_today) ? " !" : "");
    case 5: return wxGetTranslation(r.priority == "high" ? wxTRANSLATE("high") : r.priority == "low" ? wxTRANSLATE("low") : wxTRANSLATE("medium"));
    case 6: return r.responsible_name.empty() ? wxString("-") : from_utf8(r.responsible_name);
    case 7: return from_utf8(r.title);
    }
    return {};
}

wxListItemAttr* ActionListCtrl::OnGetItemAttr(long item) const
{
    if (item < 0 || std::size_t(item) >= m_rows.size())
        return nullptr;
    const auto& r = m_rows[std::size_t(item)];
    return core::is_overdue(r.status, r.due_on, m_today) ? &m_overdue_attr : nullptr;
}

// ---- the page -------------------------------------------------------------------------

ActionsPage::ActionsPage(wxWindow* parent)
    : wxPanel(parent, wxID_ANY), m_worker(std::make_unique<DatabaseWorker>()), m_alive(std::make_shared<bool>(true)),
      m_today(store::utc_now().substr(0, 10))
{
    SetName("actions_page");
    auto* outer = new wxBoxSizer(wxVERTICAL);
    m_book = new wxNotebook(this, wxID_ANY);
    m_book->SetName("actions_book");
    outer->Add(m_book, 1, wxEXPAND);
    SetSizer(outer);

    // Actions tab.
    auto* page = new wxPanel(m_book);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* bar = new wxBoxSizer(wxHORIZONTAL);
    bar->Add(new wxStaticText(page, wxID_ANY, _("Site")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(4));
    m_site = new wxTextCtrl(page, wxID_ANY, wxString(), wxDefaultPosition, FromDIP(wxSize(110, -1)), wxTE_PROCESS_ENTER);
    m_site->SetName("action_site");
    m_site->SetHint(_("site code"));
    bar->Add(m_site, 0, wxRIGHT, FromDIP(10));
    bar->Add(new wxStaticText(page, wxID_ANY, _("Stakeholder")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(4));
    // A picker rather than a drop-down list: a programme may have a hundred thousand
    // stakeholders (the x500 demo has 139,500).
    m_stakeholder = new wxButton(page, wxID_ANY, _("Any stakeholder"), wxDefaultPosition, FromDIP(wxSize(240, -1)),
                                 wxBU_LEFT);
    m_stakeholder->SetName("action_stakeholder");
    m_stakeholder->SetBitmap(wxArtProvider::GetBitmapBundle(wxART_FIND, wxART_MENU));
    m_stakeholder->SetToolTip(_("Choose a stakeholder by typing part of its name"));
    bar->Add(m_stakeholder, 0, wxRIGHT, FromDIP(10));
    bar->Add(new wxStaticText(page, wxID_ANY, _("Status")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(4));
    m_status = new wxChoice(page, wxID_ANY);
    m_status->SetName("action_status");
    m_status->Append(_("Any status"));
    for (auto s : k_statuses)
        m_status->Append(status_text(s));
    m_status->SetSelection(0);
    bar->Add(m_status, 0, wxRIGHT, FromDIP(10));
    m_overdue = new wxCheckBox(page, wxID_ANY, _("Overdue only"));
    m_overdue->SetName("action_overdue");
    bar->Add(m_overdue, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(10));
    sizer->Add(bar, 0, wxALL, FromDIP(6));
    auto* drill = new wxBoxSizer(wxHORIZONTAL);
    m_drill = new wxStaticText(page, wxID_ANY, wxString());
    m_drill->SetName("action_drill");
    drill->Add(m_drill, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(8));
    m_clear_drill = new wxButton(page, wxID_ANY, _("Show all actions"));
    drill->Add(m_clear_drill, 0);
    sizer->Add(drill, 0, wxLEFT | wxRIGHT, FromDIP(6));
    m_clear_drill->Hide();

    auto* splitter = new wxSplitterWindow(page, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxSP_LIVE_UPDATE);
    splitter->SetMinimumPaneSize(FromDIP(120));
    auto* top = new wxPanel(splitter);
    auto* top_sizer = new wxBoxSizer(wxVERTICAL);
    m_list = new ActionListCtrl(top);
    top_sizer->Add(m_list, 1, wxEXPAND);
    m_count = new wxStaticText(top, wxID_ANY, wxString());
    m_count->SetName("action_count");
    top_sizer->Add(m_count, 0, wxTOP, FromDIP(4));
    top->SetSizer(top_sizer);
    auto* bottom = new wxPanel(splitter);
    auto* bottom_sizer = new wxBoxSizer(wxHORIZONTAL);
    m_detail = new wxTextCtrl(bottom, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                              wxTE_MULTILINE | wxTE_READONLY | wxTE_RICH2);
    m_detail->SetName("action_detail");
    bottom_sizer->Add(m_detail, 3, wxEXPAND | wxRIGHT, FromDIP(6));
    auto* side = new wxBoxSizer(wxVERTICAL);
    m_status_button = new wxButton(bottom, wxID_ANY, _("Change status..."));
    m_progress_button = new wxButton(bottom, wxID_ANY, _("Record progress..."));
    side->Add(m_status_button, 0, wxEXPAND | wxBOTTOM, FromDIP(4));
    side->Add(m_progress_button, 0, wxEXPAND | wxBOTTOM, FromDIP(4));
    m_draft_button = new wxButton(bottom, wxID_ANY, _("Draft from template..."));
    side->Add(m_draft_button, 0, wxEXPAND | wxBOTTOM, FromDIP(10));
    side->Add(new wxStaticText(bottom, wxID_ANY, _("Evidence files")), 0, wxBOTTOM, FromDIP(2));
    m_evidence = new wxListBox(bottom, wxID_ANY);
    m_evidence->SetName("action_evidence");
    side->Add(m_evidence, 1, wxEXPAND | wxBOTTOM, FromDIP(4));
    m_save_evidence = new wxButton(bottom, wxID_ANY, _("Save evidence as..."));
    side->Add(m_save_evidence, 0, wxEXPAND);
    bottom_sizer->Add(side, 1, wxEXPAND);
    bottom->SetSizer(bottom_sizer);
    splitter->SplitHorizontally(top, bottom, -FromDIP(300)); // the details get 300 pixels at the bottom
    splitter->SetSashGravity(0.6);
    sizer->Add(splitter, 1, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(6));
    m_message = new wxStaticText(page, wxID_ANY, wxString());
    m_message->SetName("action_message");
    sizer->Add(m_message, 0, wxALL, FromDIP(6));
    page->SetSizer(sizer);
    m_book->AddPage(page, _("Actions"), true);

    m_stakeholders = new StakeholderPanel(m_book);
    m_book->AddPage(m_stakeholders, _("Stakeholders"));
    m_kpi = new KpiBreakdownPanel(m_book);
    m_book->AddPage(m_kpi, _("Implementation rate"));

    auto refilter = [this] {
        m_only_ids.reset();
        reload();
    };
    m_site->Bind(wxEVT_TEXT_ENTER, [refilter](wxCommandEvent&) { refilter(); });
    m_stakeholder->Bind(wxEVT_BUTTON, [this, refilter](wxCommandEvent&) {
        PickDialog::Items items;
        items.reserve(m_stakeholder_names.size() + 1);
        items.emplace_back(std::string(), _("Any stakeholder"));
        for (const auto& [id, name] : m_stakeholder_names)
            items.emplace_back(std::to_string(id), name);
        PickDialog pick(this, _("Show the actions of one stakeholder"), std::move(items),
                        m_stakeholder_id ? std::to_string(m_stakeholder_id) : std::string());
        if (pick.ShowModal() != wxID_OK || !pick.chosen())
            return;
        const std::string code = *pick.chosen();
        set_stakeholder_filter(code.empty() ? 0 : std::stoll(code));
        refilter();
    });
    m_status->Bind(wxEVT_CHOICE, [refilter](wxCommandEvent&) { refilter(); });
    m_overdue->Bind(wxEVT_CHECKBOX, [refilter](wxCommandEvent&) { refilter(); });
    m_clear_drill->Bind(wxEVT_BUTTON, [refilter](wxCommandEvent&) { refilter(); });
    m_list->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { show_detail(); });
    m_status_button->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { change_status(); });
    m_progress_button->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { add_progress(); });
    m_draft_button->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { draft_from_template(); });
    m_save_evidence->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save_evidence(); });
    m_stakeholders->set_open_listener([this](std::int64_t id, const wxString& name) {
        set_stakeholder_filter(id, name);
        m_only_ids.reset();
        m_book->SetSelection(0);
        say(wxString::Format(_("Actions of %s (responsible or supporting)."), name));
        reload();
    });
    m_stakeholders->set_saved_listener([this](std::int64_t id) {
        // The filter's picker offers the stakeholder under its new name, or the new one.
        if (m_db && !m_stakeholder_names.empty()) {
            try {
                const wxString name = from_utf8(store::read_stakeholder(m_db->sql(), id).name);
                const auto it = std::find_if(m_stakeholder_names.begin(), m_stakeholder_names.end(),
                                             [id](const auto& entry) { return entry.first == id; });
                if (it == m_stakeholder_names.end())
                    m_stakeholder_names.emplace_back(id, name);
                else
                    it->second = name;
                if (id == m_stakeholder_id)
                    set_stakeholder_filter(id, name);
            } catch (const Error& e) {
                say(from_utf8(e.what()), true);
            }
        }
        m_registry_stale = true;
        reload();
    });
    m_kpi->set_load_listener([this](store::KpiDimension) { reload(); });
    m_kpi->set_drill_listener([this](const std::string& key, store::KpiMeasure measure, const wxString& what) {
        if (!m_db)
            return;
        try {
            show_actions(store::kpi_breakdown_actions(m_db->sql(), m_kpi->dimension(), key, measure), what);
        } catch (const Error& e) {
            say(from_utf8(e.what()), true);
        }
    });
    show_detail();
}

ActionsPage::~ActionsPage()
{
    *m_alive = false;
    m_worker.reset();
}

void ActionsPage::attach(store::Database* db)
{
    m_db = db;
    m_stakeholders->attach(db);
    m_only_ids.reset();
    m_stale = true;
    m_registry_stale = true;
    m_stakeholder_names.clear(); // another programme's stakeholders
    set_stakeholder_filter(0);
    m_list->set_rows({}, m_today);
    show_detail();
    if (db && IsShownOnScreen())
        reload();
}

void ActionsPage::activate()
{
    if (m_stale)
        reload();
}

void ActionsPage::set_stakeholder_filter(std::int64_t id, const wxString& name)
{
    m_stakeholder_id = id;
    wxString label = _("Any stakeholder");
    if (id > 0) {
        label = name;
        if (label.empty())
            for (const auto& [known, known_name] : m_stakeholder_names)
                if (known == id)
                    label = known_name;
        if (label.empty())
            label = wxString::Format(_("Stakeholder #%lld"), static_cast<long long>(id));
    }
    m_stakeholder->SetLabel(label);
    m_stakeholder->SetToolTip(id > 0 ? label : _("Choose a stakeholder by typing part of its name"));
}

store::ActionFilter ActionsPage::filter() const
{
    store::ActionFilter f;
    const wxString site = m_site->GetValue().Trim().Trim(false);
    if (!site.empty())
        f.site_code = site.utf8_string();
    if (m_stakeholder_id > 0)
        f.stakeholder_id = m_stakeholder_id;
    if (const int i = m_status->GetSelection(); i > 0)
        f.status = k_statuses[i - 1];
    if (m_overdue->GetValue())
        f.overdue_on = m_today;
    f.ids = m_only_ids;
    return f;
}

void ActionsPage::reload()
{
    m_stale = false;
    if (!m_db)
        return;
    const int generation = ++m_generation;
    m_loading = true;
    m_count->SetLabel(_("Loading the actions..."));
    m_worker->clear();
    auto alive = m_alive;
    const auto f = filter();
    const auto dimension = m_kpi->dimension();
    const std::string today = m_today;
    const bool need_stakeholders = m_stakeholder_names.empty();
    const bool with_registry = m_registry_stale || need_stakeholders;
    m_worker->post(
        m_db->path(),
        [this, alive, generation, f, dimension, today, need_stakeholders, with_registry](store::Database& db) {
            auto rows = std::make_shared<std::vector<store::ActionRow>>(store::list_actions(db.sql(), f));
            auto registry = std::make_shared<std::vector<store::Stakeholder>>();
            auto loads = std::make_shared<std::vector<store::StakeholderWorkload>>();
            if (with_registry) {
                *registry = store::list_stakeholders(db.sql());
                *loads = store::stakeholder_workloads(db.sql(), today);
            }
            auto kpi = std::make_shared<std::vector<store::KpiBreakdownRow>>(store::kpi_breakdown(db.sql(), dimension));
            wxTheApp->CallAfter([this, alive, generation, rows, registry, loads, kpi, dimension, today,
                                 need_stakeholders, with_registry] {
                if (!*alive || generation != m_generation)
                    return; // a later load has the registry to read if this one had
                if (need_stakeholders) {
                    m_stakeholder_names.clear();
                    m_stakeholder_names.reserve(registry->size());
                    for (const auto& s : *registry)
                        m_stakeholder_names.emplace_back(s.id, from_utf8(s.name));
                }
                if (with_registry) {
                    m_registry_stale = false;
                    m_stakeholders->set_data(std::move(*registry), std::move(*loads), today);
                }
                m_kpi->set_rows(dimension, std::move(*kpi));
                show_rows(std::move(*rows));
            });
        },
        [this, alive, generation](const std::string& message) {
            wxTheApp->CallAfter([this, alive, generation, message] {
                if (!*alive || generation != m_generation)
                    return;
                m_loading = false;
                m_count->SetLabel(wxString());
                say(wxString::Format(_("The actions could not be read: %s"), from_utf8(message)), true);
            });
        });
}

void ActionsPage::show_rows(std::vector<store::ActionRow> rows)
{
    const std::int64_t keep = selected_id();
    m_loading = false;
    std::int64_t overdue = 0;
    for (const auto& r : rows)
        overdue += core::is_overdue(r.status, r.due_on, m_today);
    m_list->set_rows(std::move(rows), m_today);
    m_count->SetLabel(wxString::Format(_("%s actions, %s of them overdue on %s (shown in red)."),
                                       format_count(std::int64_t(m_list->rows().size())), format_count(overdue),
                                       from_utf8(m_today)));
    if (keep)
        select_action(keep);
    else if (!m_list->rows().empty())
        select_action(m_list->rows().front().id);
    show_detail();
}

void ActionsPage::show_actions(std::vector<std::int64_t> ids, const wxString& what)
{
    m_drill->SetLabel(wxString::Format(_("%s actions behind: %s"), format_count(std::int64_t(ids.size())), what));
    m_clear_drill->Show();
    m_site->ChangeValue(wxString());
    set_stakeholder_filter(0);
    m_status->SetSelection(0);
    m_overdue->SetValue(false);
    m_only_ids = std::move(ids);
    m_book->SetSelection(0);
    m_clear_drill->GetParent()->Layout();
    reload();
}

std::int64_t ActionsPage::selected_id() const
{
    const long item = m_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (item < 0 || std::size_t(item) >= m_list->rows().size())
        return 0;
    return m_list->rows()[std::size_t(item)].id;
}

void ActionsPage::select_action(std::int64_t id)
{
    const auto& rows = m_list->rows();
    for (std::size_t i = 0; i < rows.size(); ++i)
        if (rows[i].id == id) {
            const long prev = m_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
            if (prev >= 0 && prev != long(i))
                m_list->SetItemState(prev, 0, wxLIST_STATE_SELECTED);
            m_list->SetItemState(long(i), wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                                 wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
            m_list->EnsureVisible(long(i));
            return;
        }
}

wxString ActionsPage::detail_text() const
{
    return m_detail->GetValue();
}

void ActionsPage::show_detail()
{
    if (!m_only_ids && m_clear_drill->IsShown()) {
        m_clear_drill->Hide();
        m_drill->SetLabel(wxString());
        m_clear_drill->GetParent()->Layout();
    }
    m_evidence->Clear();
    m_evidence_ids.clear();
    const std::int64_t id = selected_id();
    const bool have = m_db && id != 0;
    m_status_button->Enable(have);
    m_progress_button->Enable(false);
    m_save_evidence->Enable(false);
    m_draft_button->Enable(m_db != nullptr);
    if (!have) {
        m_detail->ChangeValue(m_db ? _("Select an action to see its details and history.") : wxString());
        return;
    }
    try {
        const auto a = store::read_action(*m_db, id);
        wxString t;
        t << wxString::Format(_("Action %lld: %s"), (long long)a.id, from_utf8(a.title)) << "\n"
          << _("Site") << ": " << from_utf8(a.site_code) << " (" << from_utf8(a.site_name) << ")\n"
          << _("Risk") << ": " << a.risk_id << " - " << risk_area_label(a.risk_area) << " - " << from_utf8(a.risk_title)
          << "\n"
          << _("Status") << ": " << status_text(a.status)
          << (a.status_reason.empty() ? wxString() : " (" + from_utf8(a.status_reason) + ")");
        if (core::is_overdue(a.status, a.due_on, m_today))
            t << " - " << wxString::Format(_("overdue on %s"), from_utf8(m_today));
        t << "\n" << _("Responsible") << ": " << (a.responsible_name.empty() ? wxString("-") : from_utf8(a.responsible_name))
          << "\n";
        if (!a.supporter_names.empty()) {
            wxString names;
            for (const auto& n : a.supporter_names)
                names << (names.empty() ? "" : ", ") << from_utf8(n);
            t << _("Supporting") << ": " << names << "\n";
        }
        t << _("Issued") << ": " << (a.issued_on.empty() ? wxString("-") : from_utf8(a.issued_on)) << "    "
          << _("Due") << ": " << (a.due_on.empty() ? wxString("-") : from_utf8(a.due_on)) << "\n";
        if (!a.description.empty())
            t << "\n" << from_utf8(a.description) << "\n";
        if (!a.history.empty())
            t << "\n" << _("History:") << "\n";
        for (const auto& h : a.history) {
            t << "  " << from_utf8(h.recorded_on) << "  ";
            const auto from = core::action_status_from_code(h.from_status);
            const auto to = core::action_status_from_code(h.to_status);
            if (h.from_status != h.to_status && to)
                t << (from ? status_text(*from) : wxString("-")) << " -> " << status_text(*to) << "  ";
            t << from_utf8(h.note) << "  (" << from_utf8(h.recorded_by) << ")\n";
            for (const auto& e : h.evidence) {
                t << "      " << wxString::Format(_("evidence: %s (%s, %s bytes)"), from_utf8(e.file_name),
                                                  from_utf8(e.media_type), format_count(e.size))
                  << "\n";
                m_evidence_ids.push_back(e.id);
                m_evidence->Append(from_utf8(h.recorded_on + "  " + e.file_name));
            }
            if (!h.evidence_text.empty())
                t << "      " << from_utf8(h.evidence_text) << "\n";
        }
        m_detail->ChangeValue(t);
        m_progress_button->Enable(core::is_open(a.status));
        m_save_evidence->Enable(!m_evidence_ids.empty());
    } catch (const Error& e) {
        m_detail->ChangeValue(from_utf8(e.what()));
    }
}

void ActionsPage::say(const wxString& text, bool error)
{
    m_message->SetForegroundColour(error ? wxColour(170, 30, 30) : GetForegroundColour());
    m_message->SetLabel(text);
}

void ActionsPage::change_status()
{
    const std::int64_t id = selected_id();
    if (!m_db || !id)
        return;
    try {
        const auto a = store::read_action(*m_db, id);
        std::vector<core::Transition<ActionStatus>> moves;
        wxArrayString labels;
        for (const auto& t : core::action_transitions())
            if (t.from == a.status) {
                moves.push_back(t);
                labels.Add(status_text(t.to));
            }
        if (moves.empty()) {
            say(wxString::Format(_("Action %lld is %s: its lifecycle has ended."), (long long)id, status_text(a.status)),
                true);
            return;
        }
        wxSingleChoiceDialog choose(this, wxString::Format(_("Action %lld is %s. New status:"), (long long)id,
                                                           status_text(a.status)),
                                    _("Change status"), labels);
        label_stock_buttons(choose);
        if (choose.ShowModal() != wxID_OK)
            return;
        const auto& move = moves[std::size_t(choose.GetSelection())];
        std::string reason;
        if (move.needs_reason) {
            wxTextEntryDialog ask(this, wxString::Format(_("Why is the action %s? (required)"), status_text(move.to)),
                                  _("Change status"));
            label_stock_buttons(ask);
            if (ask.ShowModal() != wxID_OK)
                return;
            reason = ask.GetValue().utf8_string();
        }
        apply_status(id, move.to, reason);
    } catch (const Error& e) {
        say(from_utf8(e.what()), true);
    }
}

bool ActionsPage::apply_status(std::int64_t id, core::ActionStatus to, const std::string& reason)
{
    if (!m_db)
        return false;
    try {
        store::ActionStatusChange c;
        c.action_id = id;
        c.to = to;
        c.reason = reason;
        c.actor = actor();
        const auto from = store::change_action_status(*m_db, c);
        say(wxString::Format(_("Action %lld: %s -> %s"), (long long)id, status_text(from), status_text(to)));
        m_registry_stale = true; // workloads and rates move with the status
        reload();
        return true;
    } catch (const IllegalTransition& e) {
        say(wxString::Format(_("Not changed: %s"), from_utf8(e.what())), true);
    } catch (const Error& e) {
        say(from_utf8(e.what()), true);
    }
    return false;
}

void ActionsPage::add_progress()
{
    const std::int64_t id = selected_id();
    if (!m_db || !id)
        return;
    const auto& rows = m_list->rows();
    wxString title;
    for (const auto& r : rows)
        if (r.id == id)
            title = from_utf8(r.title);
    ProgressDialog dialog(this, id, title);
    if (dialog.ShowModal() != wxID_OK)
        return;
    record_progress(id, dialog.note(), dialog.files());
}

bool ActionsPage::record_progress(std::int64_t id, const std::string& note, const std::vector<std::string>& files)
{
    if (!m_db)
        return false;
    try {
        store::ProgressUpdate u;
        u.action_id = id;
        u.note = note;
        u.actor = actor();
        for (const auto& f : files)
            u.evidence.push_back(store::read_evidence_file(f));
        store::add_action_progress(*m_db, u);
        say(wxString::Format(_("Progress recorded on action %lld (%zu evidence files)."), (long long)id, files.size()));
        show_detail();
        return true;
    } catch (const Error& e) {
        say(from_utf8(e.what()), true);
    }
    return false;
}

void ActionsPage::draft_from_template()
{
    if (!m_db)
        return;
    std::int64_t risk = 0;
    std::string area;
    if (const std::int64_t id = selected_id()) {
        try {
            const auto a = store::read_action(*m_db, id);
            risk = a.risk_id;
            area = a.risk_area;
        } catch (const Error&) {
        }
    }
    DraftActionDialog dialog(this, risk, area);
    if (dialog.ShowModal() != wxID_OK)
        return;
    try {
        store::ActionDraft d;
        d.risk_id = dialog.risk_id();
        d.title = dialog.title();
        d.description = dialog.description();
        d.due_on = dialog.due_on();
        d.actor = actor();
        if (const auto* t = dialog.chosen()) {
            d.priority = std::string(t->priority);
            d.responsible_id = store::suggest_responsible(*m_db, d.risk_id, std::string(t->responsible));
        }
        const auto id = store::draft_action(*m_db, d);
        say(wxString::Format(_("Action %lld drafted: %s"), (long long)id, from_utf8(d.title)));
        m_only_ids.reset();
        m_registry_stale = true;
        reload();
    } catch (const Error& e) {
        say(from_utf8(e.what()), true);
    }
}

void ActionsPage::save_evidence()
{
    const int i = m_evidence->GetSelection() < 0 ? 0 : m_evidence->GetSelection();
    if (!m_db || std::size_t(i) >= m_evidence_ids.size())
        return;
    try {
        const auto file = store::read_evidence(*m_db, m_evidence_ids[std::size_t(i)]);
        wxFileDialog dialog(this, _("Save evidence as"), wxString(), from_utf8(file.file_name), "*",
                            wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
        if (dialog.ShowModal() != wxID_OK)
            return;
        std::ofstream out(std::filesystem::path(dialog.GetPath().utf8_string()), std::ios::binary);
        out.write(file.content.data(), std::streamsize(file.content.size()));
        if (!out)
            throw InvalidInput("cannot write " + dialog.GetPath().utf8_string());
        say(wxString::Format(_("Saved %s."), dialog.GetPath()));
    } catch (const Error& e) {
        say(from_utf8(e.what()), true);
    }
}

} // namespace mwangaza::gui
