#include "gui/TriagePanel.hpp"

#include "core/Taxonomy.hpp"
#include "gui/DatabaseWorker.hpp"
#include "gui/DialogButtons.hpp"
#include "gui/DuplicatePane.hpp"
#include "gui/Format.hpp"
#include "gui/IncidentListCtrl.hpp"
#include "gui/PickDialog.hpp"
#include "gui/SiteListCtrl.hpp"
#include "gui/TriageFilterBar.hpp"
#include "store/Database.hpp"
#include "store/Browse.hpp"
#include "store/IncidentQuery.hpp"

#include <wx/app.h>
#include <wx/dialog.h>
#include <wx/listbox.h>
#include <wx/msgdlg.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/splitter.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/textdlg.h>
#include <wx/utils.h>

#include <algorithm>
#include <set>
#include <span>
#include <type_traits>

namespace mwangaza::gui {

namespace {

using I = core::IncidentStatus;

const wxString k_dot = wxString::FromUTF8("  \u00B7  ");
const wxString k_dash = wxString::FromUTF8(" \u2014 ");
const wxString k_arrow = wxString::FromUTF8(" \u2192 ");
const wxString k_bullet = wxString::FromUTF8("\u2022 ");

// The steps from `from` to `to`: the transition itself, or through "in review" when the
// lifecycle asks for that step first (a new incident is reviewed, then verified).
std::optional<std::vector<I>> steps(I from, I to)
{
    if (core::find_transition(from, to))
        return std::vector<I>{to};
    if (to != I::InReview && core::find_transition(from, I::InReview) && core::find_transition(I::InReview, to))
        return std::vector<I>{I::InReview, to};
    return std::nullopt;
}

wxString status_text(I s)
{
    return incident_status_label(std::string(core::status_code(s)));
}

std::optional<wxString> ask_with_dialog(wxWindow* parent, const wxString& title, const wxString& message)
{
    wxTextEntryDialog dialog(parent, message, title, wxString(), wxOK | wxCANCEL | wxTE_MULTILINE);
    label_stock_buttons(dialog);
    dialog.SetSize(parent->FromDIP(wxSize(520, 260)));
    if (dialog.ShowModal() != wxID_OK)
        return std::nullopt;
    return dialog.GetValue();
}

} // namespace

TriagePanel::TriagePanel(wxWindow* parent)
    : wxPanel(parent, wxID_ANY), m_worker(std::make_unique<DatabaseWorker>()), m_alive(std::make_shared<bool>(true))
{
    SetName("triage_panel");
    const int pad = FromDIP(10);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    build_filters(sizer);

    auto* splitter = new wxSplitterWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                          wxSP_LIVE_UPDATE | wxSP_3DSASH | wxSP_NO_XP_THEME);
    splitter->SetMinimumPaneSize(FromDIP(260));
    m_list = new IncidentListCtrl(splitter, true);
    m_list->SetName("triage_list");
    // The detail pane: read-only rich text on the window colour, with a margin.
    auto* holder = new wxPanel(splitter);
    holder->SetBackgroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOW));
    m_detail = new wxTextCtrl(holder, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                              wxTE_MULTILINE | wxTE_READONLY | wxTE_RICH2 | wxTE_WORDWRAP | wxBORDER_NONE);
    m_detail->SetName("triage_detail");
    auto* holder_sizer = new wxBoxSizer(wxVERTICAL);
    holder_sizer->Add(m_detail, 1, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, FromDIP(12));
    build_duplicates(holder, holder_sizer);
    holder->SetSizer(holder_sizer);
    splitter->SetMinimumPaneSize(FromDIP(160));
    splitter->SplitHorizontally(m_list, holder, FromDIP(330));
    splitter->SetSashGravity(0.45);
    // The list takes a little less than half the height once the page has its size.
    splitter->Bind(wxEVT_SIZE, [splitter, placed = false](wxSizeEvent& e) mutable {
        e.Skip();
        if (!placed && e.GetSize().y > 400) {
            placed = true;
            const int position = e.GetSize().y * 45 / 100;
            splitter->CallAfter([splitter, position] { splitter->SetSashPosition(position); });
        }
    });
    sizer->Add(splitter, 1, wxEXPAND);

    m_feedback = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                                  wxST_NO_AUTORESIZE | wxST_ELLIPSIZE_END);
    m_feedback->SetName("triage_feedback");
    sizer->Add(m_feedback, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, pad);
    auto* keys = new wxStaticText(
        this, wxID_ANY,
        _("J/K or Down/Up: next/previous   S: review   V: verify   R: reject   N: needs information   "
          "A: risk area   T: site   D: duplicates (C: next, M: merge)   Ctrl+Z: undo"),
        wxDefaultPosition, wxDefaultSize, wxST_NO_AUTORESIZE | wxST_ELLIPSIZE_END);
    keys->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT).ChangeLightness(150));
    sizer->Add(keys, 0, wxEXPAND | wxALL, pad);
    SetSizer(sizer);

    m_list->Bind(wxEVT_KEY_DOWN, &TriagePanel::on_key, this);
    m_list->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent& e) {
        e.Skip();
        on_selection();
    });
    m_list->Bind(wxEVT_LIST_ITEM_FOCUSED, [this](wxListEvent& e) {
        e.Skip();
        on_selection();
    });
    m_prompt = [this](const wxString& title, const wxString& message) { return ask_with_dialog(this, title, message); };
    m_area_prompt = [this](const std::string& current) -> std::optional<std::string> {
        PickDialog::Items items;
        for (const auto& a : core::risk_areas())
            items.emplace_back(std::string(a.code), risk_area_label(std::string(a.code)));
        PickDialog dialog(this, _("Change the risk area"), std::move(items), current);
        if (dialog.ShowModal() != wxID_OK)
            return std::nullopt;
        return dialog.chosen();
    };
    m_site_prompt = [this](const std::string& current) -> std::optional<std::string> {
        if (!m_db)
            return std::nullopt;
        PickDialog::Items items;
        try {
            for (const auto& site : store::list_sites(m_db->sql(), false))
                items.emplace_back(site.code, from_utf8(site.name) + ", " + from_utf8(site.province));
        } catch (const std::exception& e) {
            say(wxString::Format(_("The sites could not be read: %s"), from_utf8(e.what())), true);
            return std::nullopt;
        }
        PickDialog dialog(this, _("Change the site"), std::move(items), current);
        if (dialog.ShowModal() != wxID_OK)
            return std::nullopt;
        return dialog.chosen();
    };
    say(_("No programme open"));
}

TriagePanel::~TriagePanel()
{
    *m_alive = false;
    m_worker->interrupt();
    m_worker.reset(); // joins the worker before the list lets go of the connection
    m_list->attach(nullptr);
}

void TriagePanel::build_filters(wxSizer* sizer)
{
    const int pad = FromDIP(10);
    auto* head = new wxBoxSizer(wxHORIZONTAL);
    auto* title = new wxStaticText(this, wxID_ANY, wxString());
    title->SetFont(GetFont().Bold());
    title->SetLabel(_("Triage queue"));
    title->SetMinSize(wxSize(title->GetTextExtent(title->GetLabel()).x + FromDIP(4), -1)); // sized for bold text
    head->Add(title, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, pad * 2);
    m_count = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                               wxALIGN_RIGHT | wxST_NO_AUTORESIZE);
    m_count->SetName("triage_count");
    m_count->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT).ChangeLightness(150));
    head->Add(m_count, 1, wxALIGN_CENTER_VERTICAL);
    sizer->Add(head, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, pad);

    m_filters = new TriageFilterBar(this);
    sizer->Add(m_filters, 0, wxEXPAND | wxALL, pad);
    m_filters->set_changed_listener([this] { reload(); });
    m_filters->set_enter_listener([this] { m_list->SetFocus(); });
    // The site filter: type part of a site's code or name, or "All sites".
    m_filters->set_site_picker([this](const std::string& current) -> std::optional<TriageFilterBar::SiteChoice> {
        if (!m_db)
            return std::nullopt;
        try {
            return pick_site(this, *m_db, _("Show the queue of one site"), current);
        } catch (const std::exception& e) {
            say(wxString::Format(_("The sites could not be read: %s"), from_utf8(e.what())), true);
            return std::nullopt;
        }
    });
}

void TriagePanel::attach(store::Database* db)
{
    m_db = db;
    m_undo.clear();
    // A queue still being read belongs to the programme before: its result is dropped.
    ++m_generation;
    m_loading = false;
    m_worker->clear();
    m_worker->interrupt();
    m_list->attach(db ? &db->sql() : nullptr);
    m_duplicates->attach(db ? &db->sql() : nullptr);
    m_current_id = 0;
    if (db) {
        say(wxString());
        // The queue is read when the page is shown (MainFrame reloads it then), so that
        // opening a large programme does not delay the first painted dashboard.
        if (IsShownOnScreen())
            reload();
        else
            m_count->SetLabel(wxString());
    } else {
        m_detail->Clear();
        m_count->SetLabel(wxString());
        say(_("No programme open"));
    }
}

void TriagePanel::set_filters(int status_choice, const std::string& area, const wxString& text)
{
    m_filters->set_filters(status_choice, area, text);
    reload();
}

void TriagePanel::set_scope(const Scope& scope)
{
    m_filters->set_scope(scope);
    if (m_db && IsShownOnScreen())
        reload();
}

void TriagePanel::reload()
{
    if (!m_db)
        return;
    const store::IncidentQuery query = m_filters->query();
    const int generation = ++m_generation;
    m_loading = true;
    show_count();
    // A query still running for older filters is no longer wanted.
    m_worker->clear();
    m_worker->interrupt();
    auto alive = m_alive;
    m_worker->post(
        m_db->path(),
        [this, alive, generation, query, keep = m_current_id, hook = m_query_hook](store::Database& db) {
            if (hook)
                hook();
            auto ids = std::make_shared<std::vector<std::int64_t>>(store::query_incident_ids(db.sql(), query));
            const std::int64_t total = store::count_incidents_with_status(db.sql(), query.statuses);
            // Read here what the window reads first (the top rows, the selected incident)
            // so that those reads on the UI thread find their pages in the system cache:
            // on a million incidents a cold read of them stalls the window for 0.1-0.5 s.
            const std::size_t top = std::min<std::size_t>(ids->size(), 200);
            (void)store::load_incidents(db.sql(), std::span<const std::int64_t>(ids->data(), top));
            const bool kept = keep != 0 && std::find(ids->begin(), ids->end(), keep) != ids->end();
            if (const std::int64_t shown = kept ? keep : ids->empty() ? 0 : ids->front(); shown != 0) {
                (void)store::load_incident_details(db.sql(), {shown});
                (void)store::incident_status_history(db.sql(), shown);
                (void)store::incident_audit_trail(db.sql(), shown);
            }
            wxTheApp->CallAfter([this, alive, generation, ids, total] {
                if (*alive && generation == m_generation)
                    show_queue(std::move(*ids), total);
            });
        },
        [this, alive, generation](const std::string& message) {
            wxTheApp->CallAfter([this, alive, generation, message] {
                if (!*alive || generation != m_generation)
                    return;
                m_loading = false;
                show_count();
                say(wxString::Format(_("The queue could not be read: %s"), from_utf8(message)), true);
            });
        });
}

void TriagePanel::show_queue(std::vector<std::int64_t> ids, std::int64_t total)
{
    m_loading = false;
    m_total = total;
    // The incident selected when the result arrives stays selected if it is still listed.
    const std::int64_t keep = m_current_id;
    long item = 0;
    if (keep != 0)
        if (auto it = std::find(ids.begin(), ids.end(), keep); it != ids.end())
            item = long(it - ids.begin());
    const bool empty = ids.empty();
    m_list->set_ids(std::move(ids));
    show_count();
    if (empty) {
        m_current_id = 0;
        m_detail->Clear();
        m_detail->AppendText(_("Nothing awaits triage with these filters."));
    } else {
        select_item(item);
    }
}

void TriagePanel::show_count()
{
    if (m_loading) {
        m_count->SetLabel(_("Searching..."));
    } else {
        const auto shown = std::int64_t(m_list->ids().size());
        const int status = m_filters->status_choice();
        const wxString status_name =
            status > 0 ? status_text(TriageFilterBar::awaiting_statuses()[std::size_t(status - 1)]) : wxString();
        if (shown == m_total && !m_filters->narrows())
            m_count->SetLabel(status == 0 ? wxString::Format(_("%s incidents awaiting triage"), format_count(shown))
                                          : wxString::Format(_("%s incidents (%s)"), format_count(shown), status_name));
        else
            m_count->SetLabel(status == 0 ? wxString::Format(_("%s of %s awaiting triage"), format_count(shown),
                                                             format_count(m_total))
                                          : wxString::Format(_("%s of %s incidents (%s)"), format_count(shown),
                                                             format_count(m_total), status_name));
    }
    Layout();
}

void TriagePanel::update_in_place(const std::vector<std::int64_t>& leaving, std::int64_t next)
{
    const std::set<std::int64_t> out(leaving.begin(), leaving.end());
    const auto& old_ids = m_list->ids();
    std::int64_t select = next;
    if (select == 0 && m_current_id != 0) {
        // The current incident, or the first one after it that stays.
        auto it = std::find(old_ids.begin(), old_ids.end(), m_current_id);
        for (; it != old_ids.end(); ++it)
            if (!out.count(*it)) {
                select = *it;
                break;
            }
    }
    std::vector<std::int64_t> ids;
    ids.reserve(old_ids.size());
    for (auto id : old_ids)
        if (!out.count(id))
            ids.push_back(id);
    // Selections are kept by position in a virtual list: clear them before positions move.
    for (long i = m_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED); i != -1;
         i = m_list->GetNextItem(i, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED))
        m_list->SetItemState(i, 0, wxLIST_STATE_SELECTED);
    long item = ids.empty() ? -1 : long(ids.size()) - 1;
    if (auto it = std::find(ids.begin(), ids.end(), select); it != ids.end())
        item = long(it - ids.begin());
    m_list->update_ids(std::move(ids));
    try {
        m_total = store::count_incidents_with_status(m_db->sql(), m_filters->query().statuses);
    } catch (const std::exception&) {
        // The count stays as it was; the list itself is right.
    }
    m_current_id = 0;
    m_detail->Clear();
    if (item < 0)
        m_detail->AppendText(_("Nothing awaits triage with these filters."));
    else
        select_item(item);
    if (m_loading)
        reload(); // the query in flight started before this change
    else
        show_count();
}

void TriagePanel::select_item(long item)
{
    if (m_list->GetItemCount() == 0)
        return;
    item = std::clamp(item, 0L, long(m_list->GetItemCount()) - 1);
    for (long i = m_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED); i != -1; i = m_list->GetNextItem(i, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED))
        if (i != item)
            m_list->SetItemState(i, 0, wxLIST_STATE_SELECTED);
    m_list->SetItemState(item, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                         wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    m_list->EnsureVisible(item);
    on_selection();
}

std::vector<long> TriagePanel::selected_items() const
{
    std::vector<long> items;
    for (long i = m_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED); i != -1; i = m_list->GetNextItem(i, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED))
        items.push_back(i);
    if (items.empty() && m_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_FOCUSED) != -1)
        items.push_back(m_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_FOCUSED));
    return items;
}

void TriagePanel::on_selection()
{
    const long focused = m_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_FOCUSED);
    const long item = focused != -1 ? focused : m_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (item < 0 || std::size_t(item) >= m_list->ids().size())
        return;
    const std::int64_t id = m_list->ids()[std::size_t(item)];
    if (id == m_current_id && !m_detail->IsEmpty())
        return;
    m_current_id = id;
    show_detail(id);
}

void TriagePanel::show_detail(std::int64_t id)
{
    if (!m_db)
        return;
    std::vector<store::IncidentDetail> rows;
    std::vector<store::StatusHistoryEntry> history;
    std::vector<store::AuditEntry> audit;
    try {
        rows = store::load_incident_details(m_db->sql(), {id});
        history = store::incident_status_history(m_db->sql(), id);
        audit = store::incident_audit_trail(m_db->sql(), id);
    } catch (const std::exception& e) {
        say(wxString::Format(_("The incident could not be read: %s"), from_utf8(e.what())), true);
        return;
    }
    m_detail->Freeze();
    m_detail->Clear();
    if (rows.empty()) {
        m_detail->Thaw();
        return;
    }
    const auto& d = rows.front();
    const wxColour muted = wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT).ChangeLightness(140);
    wxTextAttr normal(wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT));
    normal.SetFont(GetFont());
    wxTextAttr bold = normal;
    bold.SetFont(GetFont().Bold());
    wxTextAttr title = normal;
    title.SetFont(GetFont().Bold().Scaled(1.3f));
    wxTextAttr label(muted);
    label.SetFont(GetFont());

    auto put = [this](const wxTextAttr& style, const wxString& text) {
        m_detail->SetDefaultStyle(style);
        m_detail->AppendText(text);
    };
    auto field = [&](const wxString& name, const wxString& value) {
        put(label, name + ":  ");
        put(normal, value + "\n");
    };
    auto heading = [&](const wxString& text) { put(bold, "\n" + text + "\n"); };

    put(title, wxString::Format(_("Incident #%lld"), static_cast<long long>(d.id)) + k_dot +
                   incident_status_label(d.status) + "\n\n");
    field(_("Observed on"), from_utf8(d.observed_on));
    field(_("Site"), d.site_code.empty() ? _("not assigned yet")
                                         : from_utf8(d.site_code) + k_dash + from_utf8(d.site_name));
    // How the site was chosen (site assignment, `mwangaza-cli assign`).
    wxString method;
    if (d.site_method == "manual")
        method = _("chosen by an expert");
    else if (d.site_method == "inside_concession" && d.site_distance_m)
        method = wxString::Format(_("automatic: nearest site of the concession holding the incident, %.1f km"),
                                  *d.site_distance_m / 1000);
    else if (d.site_method == "nearest_within_radius" && d.site_distance_m)
        method = wxString::Format(_("automatic: nearest site within the radius, %.1f km"), *d.site_distance_m / 1000);
    else if (!d.site_code.empty())
        method = _("from the field form");
    if (!method.empty())
        field(_("Site chosen"), method);
    if (!d.concession_code.empty())
        field(_("Concession"), from_utf8(d.concession_code));
    if (!d.protected_area.empty())
        field(_("Protected area"), from_utf8(d.protected_area));
    wxString area = risk_area_label(d.risk_area);
    if (const auto* a = core::find_risk_area(d.risk_area))
        area += "  (" + risk_category_label(std::string(a->category)) + ")";
    if (d.annex_flag)
        area += k_dot + _("flagged as Annex II");
    field(_("Risk area"), area);
    field(_("Reporter"), d.reporter.empty() ? wxString("-") : from_utf8(d.reporter));
    if (!d.source_id.empty())
        field(_("Submission"), from_utf8(d.source_id));
    if (d.lat && d.lon)
        field(_("Coordinates"), wxString::Format("%.5f, %.5f", *d.lat, *d.lon));
    field(_("People affected"), wxString::Format(_("%d children, %d women, %d men"), d.children, d.women, d.men));

    heading(_("Description"));
    put(normal, from_utf8(d.description) + "\n");

    heading(_("Attachments"));
    if (d.attachments.empty())
        put(label, _("none") + "\n");
    for (const auto& file : d.attachments)
        put(normal, k_bullet + from_utf8(file) + "\n");

    heading(_("Status history"));
    if (history.empty())
        put(label, _("no decision yet") + "\n");
    for (const auto& h : history) {
        wxString line = from_utf8(h.changed_at) + "  ";
        line += h.from_status.empty() ? incident_status_label(h.to_status)
                                      : incident_status_label(h.from_status) + k_arrow +
                                            incident_status_label(h.to_status);
        put(normal, line);
        put(label, "  " + wxString::Format(_("by %s"), from_utf8(h.changed_by)));
        if (!h.reason.empty())
            put(label, k_dot +
                           (h.reason == store::k_undo_reason ? _("undo of the last decision") : from_utf8(h.reason)));
        put(normal, "\n");
    }

    heading(_("Audit trail"));
    if (audit.empty())
        put(label, _("no change recorded") + "\n");
    for (const auto& a : audit) {
        put(normal, from_utf8(a.at) + "  " + from_utf8(a.operation));
        put(label, "  " + wxString::Format(_("by %s"), from_utf8(a.actor)) + "  " + from_utf8(a.before) +
                       (a.before.empty() && a.after.empty() ? wxString() : k_arrow) + from_utf8(a.after) + "\n");
    }

    heading(_("Source row as imported"));
    put(label, d.raw_source.empty() ? _("entered by hand or generated (no source row)") : from_utf8(d.raw_source));
    show_duplicates_of(d.id);
    m_detail->SetInsertionPoint(0);
    m_detail->ShowPosition(0);
    m_detail->Thaw();
}

std::string TriagePanel::actor() const
{
    std::string user = wxGetUserId().utf8_string();
    return user.empty() ? std::string("expert") : user;
}

void TriagePanel::say(const wxString& text, bool problem)
{
    m_feedback->SetForegroundColour(problem ? wxColour(176, 32, 32)
                                            : wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT));
    m_feedback->SetLabel(text);
    m_feedback->SetToolTip(text);
}

void TriagePanel::on_key(wxKeyEvent& event)
{
    if (!handle_key(event.GetKeyCode(), event.ControlDown()))
        event.Skip();
}

bool TriagePanel::handle_key(int key_code, bool control)
{
    if (control) {
        if (key_code == 'Z') {
            undo();
            return true;
        }
        return false;
    }
    const long focused = m_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_FOCUSED);
    switch (key_code) {
    case 'J': select_item(focused + 1); return true;
    case 'K': select_item(std::max(0L, focused - 1)); return true;
    case 'S': decide(I::InReview); return true;
    case 'V': decide(I::Verified); return true;
    case 'R': decide(I::Rejected); return true;
    case 'N': decide(I::NeedsInfo); return true;
    case 'A': change_area(); return true;
    case 'T': change_site(); return true;
    case 'D': toggle_duplicates(); return true;
    case 'C': m_duplicates->next_candidate(); return true;
    case 'M': merge_duplicate(); return true;
    default: return false;
    }
}

void TriagePanel::decide(I to)
{
    if (!m_db)
        return;
    const auto items = selected_items();
    if (items.empty())
        return;
    struct Target {
        std::int64_t id;
        I from;
        std::vector<I> steps;
    };
    std::vector<Target> targets;
    for (long item : items) {
        const auto* row = m_list->row(item);
        if (!row)
            continue;
        const auto from = core::incident_status_from_code(row->status);
        if (!from)
            continue;
        const auto path = steps(*from, to);
        if (!path) {
            say(wxString::Format(_("Incident #%lld is %s; it cannot go to %s. Nothing was changed."),
                                 static_cast<long long>(row->id), status_text(*from), status_text(to)),
                true);
            wxBell();
            return;
        }
        targets.push_back({row->id, *from, *path});
    }
    if (targets.empty())
        return;

    std::string reason;
    const wxString count = targets.size() == 1 ? wxString::Format(_("incident #%lld"), static_cast<long long>(targets[0].id))
                                               : wxString::Format(_("%zu incidents"), targets.size());
    if (to == I::Rejected) {
        const auto text = m_prompt(_("Reject"), wxString::Format(_("Reason for rejecting %s (required):"), count));
        if (!text)
            return;
        reason = wxString(*text).Trim().Trim(false).utf8_string();
        if (reason.empty()) {
            say(_("A rejection needs a reason. Nothing was changed."), true);
            return;
        }
    } else if (to == I::NeedsInfo) {
        const auto text = m_prompt(_("Needs information"),
                                   wxString::Format(_("What is missing for %s? (a note for the field agent)"), count));
        if (!text)
            return;
        reason = wxString(*text).Trim().Trim(false).utf8_string();
    }

    std::vector<store::IncidentStatusChange> changes;
    Decision decision;
    const std::string who = actor();
    for (const auto& t : targets) {
        for (std::size_t k = 0; k < t.steps.size(); ++k)
            changes.push_back({t.id, t.steps[k], k + 1 == t.steps.size() ? reason : std::string(), who});
        decision.undo.push_back({t.id, to, t.from, who});
    }
    try {
        store::change_incident_statuses(*m_db, changes);
    } catch (const std::exception& e) {
        say(wxString::Format(_("Nothing was changed: %s"), from_utf8(e.what())), true);
        return;
    }
    decision.summary = targets.size() == 1
                           ? wxString::Format(_("Incident #%lld: %s to %s."), static_cast<long long>(targets[0].id),
                                              status_text(targets[0].from), status_text(to))
                           : wxString::Format(_("%zu incidents to %s."), targets.size(), status_text(to));
    say(decision.summary + "  " + _("Ctrl+Z undoes it."));
    m_undo.push_back(std::move(decision));

    // Carry on with the incident after the last one decided.
    std::set<std::int64_t> decided;
    for (const auto& t : targets)
        decided.insert(t.id);
    const long last = *std::max_element(items.begin(), items.end());
    std::int64_t next = 0;
    for (std::size_t i = std::size_t(last) + 1; i < m_list->ids().size(); ++i)
        if (!decided.count(m_list->ids()[i])) {
            next = m_list->ids()[i];
            break;
        }
    const auto& statuses = m_filters->query().statuses;
    std::vector<std::int64_t> leaving;
    if (std::find(statuses.begin(), statuses.end(), to) == statuses.end())
        leaving.assign(decided.begin(), decided.end());
    update_in_place(leaving, next);
    if (m_changed)
        m_changed();
}

void TriagePanel::undo()
{
    if (!m_db)
        return;
    if (m_undo.empty()) {
        say(_("Nothing to undo."));
        wxBell();
        return;
    }
    const Decision& last = m_undo.back();
    try {
        if (!last.restore_areas.empty())
            store::change_incident_risk_areas(*m_db, last.restore_areas, actor());
        else if (!last.restore_sites.empty())
            store::change_incident_sites(*m_db, last.restore_sites, actor());
        else
            store::undo_incident_statuses(*m_db, last.undo);
    } catch (const std::exception& e) {
        say(wxString::Format(_("The decision cannot be undone: %s"), from_utf8(e.what())), true);
        m_undo.pop_back();
        return;
    }
    say(wxString::Format(_("Undone: %s"), last.summary));
    m_current_id = !last.restore_areas.empty()   ? last.restore_areas.front().incident_id
                   : !last.restore_sites.empty() ? last.restore_sites.front().incident_id
                                                 : last.undo.front().incident_id;
    m_undo.pop_back();
    // The incidents come back where the filters place them: read the queue again (the
    // detail pane shows the incident at once).
    show_detail(m_current_id);
    reload();
    if (m_changed)
        m_changed();
}

std::vector<std::int64_t> TriagePanel::selected_ids(std::string* area, std::string* site_code) const
{
    std::vector<std::int64_t> ids;
    for (long item : selected_items())
        if (const auto* row = m_list->row(item)) {
            if (ids.empty()) {
                *area = row->risk_area;
                *site_code = row->site_code;
            }
            ids.push_back(row->id);
        }
    return ids;
}

void TriagePanel::record(Decision decision, const std::vector<std::int64_t>& leaving, bool read_again)
{
    say(decision.summary + "  " + _("Ctrl+Z undoes it."));
    m_undo.push_back(std::move(decision));
    if (read_again) {
        show_detail(m_current_id);
        reload();
    } else {
        update_in_place(leaving, 0);
    }
    if (m_changed)
        m_changed();
}

template <typename Change, typename Apply>
std::optional<std::vector<Change>> TriagePanel::correct(const std::vector<std::int64_t>& ids, const std::string& value,
                                                        Apply apply)
{
    std::vector<Change> changes;
    for (auto id : ids)
        changes.push_back({id, value});
    try {
        auto before = apply(changes);
        if constexpr (std::is_same_v<decltype(before), std::vector<Change>>) {
            return before; // the store returned the changes that restore
        } else {
            std::vector<Change> restore;
            for (std::size_t i = 0; i < ids.size(); ++i)
                restore.push_back({ids[i], before[i]});
            return restore;
        }
    } catch (const std::exception& e) {
        say(wxString::Format(_("Nothing was changed: %s"), from_utf8(e.what())), true);
        return std::nullopt;
    }
}

void TriagePanel::change_area()
{
    if (!m_db)
        return;
    std::string area, site;
    const auto ids = selected_ids(&area, &site);
    if (ids.empty())
        return;
    const auto chosen = m_area_prompt(area);
    if (!chosen)
        return;
    auto restore = correct<store::IncidentAreaChange>(ids, *chosen, [&](const auto& changes) {
        return store::change_incident_risk_areas(*m_db, changes, actor());
    });
    if (!restore)
        return;
    Decision decision;
    decision.restore_areas = std::move(*restore);
    decision.summary = ids.size() == 1
                           ? wxString::Format(_("Incident #%lld: risk area %s."), static_cast<long long>(ids[0]),
                                              risk_area_label(*chosen))
                           : wxString::Format(_("%zu incidents: risk area %s."), ids.size(), risk_area_label(*chosen));
    // They leave the list if the area filters no longer take them.
    const auto q = m_filters->query();
    const auto* a = core::find_risk_area(*chosen);
    const bool kept = (!q.category || (a && a->category == *q.category)) &&
                      (q.areas.empty() || std::find(q.areas.begin(), q.areas.end(), *chosen) != q.areas.end());
    record(std::move(decision), kept ? std::vector<std::int64_t>{} : ids, false);
}

void TriagePanel::change_site()
{
    if (!m_db)
        return;
    std::string area, site;
    const auto ids = selected_ids(&area, &site);
    if (ids.empty())
        return;
    const auto chosen = m_site_prompt(site);
    if (!chosen)
        return;
    auto restore = correct<store::IncidentSiteChange>(ids, *chosen, [&](const auto& changes) {
        return store::change_incident_sites(*m_db, changes, actor());
    });
    if (!restore)
        return;
    Decision decision;
    decision.restore_sites = std::move(*restore);
    decision.summary = ids.size() == 1 ? wxString::Format(_("Incident #%lld: site %s."),
                                                          static_cast<long long>(ids[0]), from_utf8(*chosen))
                                       : wxString::Format(_("%zu incidents: site %s."), ids.size(), from_utf8(*chosen));
    // They leave the list if the site filter no longer takes them; a province or country
    // filter is checked by reading the queue again.
    const auto q = m_filters->query();
    const bool kept = !q.site_code || *q.site_code == *chosen;
    record(std::move(decision), kept ? std::vector<std::int64_t>{} : ids, q.province || q.country);
}

} // namespace mwangaza::gui
