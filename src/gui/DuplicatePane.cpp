#include "gui/DuplicatePane.hpp"

#include "gui/Format.hpp"
#include "store/IncidentQuery.hpp"

#include <wx/button.h>
#include <wx/scrolwin.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace mwangaza::gui {

namespace {

const wxString k_dot = wxString::FromUTF8("  \u00B7  ");

wxString percent(double v) { return format_percent(int(std::lround(v * 100.0))); }

wxString people(const store::IncidentDetail& d)
{
    return wxString::Format(_("%d children, %d women, %d men"), d.children, d.women, d.men);
}

wxString photos(const store::IncidentDetail& d)
{
    if (d.attachments.empty())
        return _("none");
    wxString text;
    for (const auto& file : d.attachments)
        text += (text.empty() ? wxString() : wxString("\n")) + from_utf8(file);
    return text;
}

wxString site(const store::IncidentDetail& d)
{
    return d.site_code.empty() ? _("not assigned yet") : from_utf8(d.site_code) + " " + from_utf8(d.site_name);
}

} // namespace

DuplicatePane::DuplicatePane(wxWindow* parent) : wxPanel(parent, wxID_ANY)
{
    SetName("duplicate_pane");
    SetBackgroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOW));
    const int pad = FromDIP(8);
    auto* sizer = new wxBoxSizer(wxVERTICAL);

    // The title and the buttons on one line, the scores under them; both texts end in an
    // ellipsis when the pane is narrow (their tooltips hold them whole).
    auto* head = new wxBoxSizer(wxHORIZONTAL);
    m_title = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                               wxST_NO_AUTORESIZE | wxST_ELLIPSIZE_END);
    m_title->SetName("duplicate_title");
    m_title->SetFont(GetFont().Bold().Scaled(1.15f));
    m_title->SetMinSize(wxSize(FromDIP(120), m_title->GetTextExtent("Ag").y));
    m_scores = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                                wxST_NO_AUTORESIZE | wxST_ELLIPSIZE_END);
    m_scores->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT).ChangeLightness(140));
    m_scores->SetMinSize(wxSize(FromDIP(120), m_scores->GetTextExtent("Ag").y));
    head->Add(m_title, 1, wxALIGN_CENTER_VERTICAL);
    m_next = new wxButton(this, wxID_ANY, _("Next candidate (C)"));
    m_merge = new wxButton(this, wxID_ANY, _("Merge (M)"));
    m_merge->SetName("duplicate_merge");
    m_hide = new wxButton(this, wxID_ANY, _("Full details (D)"));
    for (auto* b : {m_next, m_merge, m_hide})
        head->Add(b, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, pad);
    sizer->Add(head, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, pad);
    sizer->Add(m_scores, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, pad);

    m_body = new wxScrolledWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxVSCROLL | wxBORDER_NONE);
    m_body->SetScrollRate(0, FromDIP(10));
    m_body->SetBackgroundColour(GetBackgroundColour());
    m_grid = new wxFlexGridSizer(3, FromDIP(6), FromDIP(18));
    m_grid->AddGrowableCol(1, 1);
    m_grid->AddGrowableCol(2, 1);
    m_body->SetSizer(m_grid);
    sizer->Add(m_body, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, pad);
    SetSizer(sizer);

    // Values wrap again when the width changes.
    Bind(wxEVT_SIZE, [this](wxSizeEvent& e) {
        e.Skip();
        if (candidate_id() != 0 && std::abs(e.GetSize().x - m_wrap_width) > FromDIP(40))
            CallAfter([this] { show_candidate(); });
    });
    m_merge->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (m_on_merge)
            m_on_merge();
    });
    m_next->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (m_on_next)
            m_on_next();
    });
    m_hide->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (m_on_hide)
            m_on_hide();
    });
}

void DuplicatePane::set_actions(std::function<void()> merge, std::function<void()> next, std::function<void()> hide)
{
    m_on_merge = std::move(merge);
    m_on_next = std::move(next);
    m_on_hide = std::move(hide);
}

std::int64_t DuplicatePane::candidate_id() const
{
    return m_shown < m_candidates.size() ? m_candidates[m_shown].id : 0;
}

const core::Similarity* DuplicatePane::similarity() const
{
    return m_shown < m_candidates.size() ? &m_candidates[m_shown].similarity : nullptr;
}

std::int64_t DuplicatePane::merged_id() const
{
    const std::int64_t other = candidate_id();
    return m_kept == m_id ? other : m_id;
}

std::size_t DuplicatePane::load(std::int64_t id)
{
    m_id = id;
    m_candidates.clear();
    m_shown = 0;
    m_kept = 0;
    if (m_db && id != 0) {
        try {
            m_candidates = store::duplicate_candidates(*m_db, id);
        } catch (const std::exception&) {
            m_candidates.clear(); // hints only: a read failure shows none
        }
    }
    show_candidate();
    return m_candidates.size();
}

void DuplicatePane::next_candidate()
{
    if (m_candidates.size() < 2)
        return;
    m_shown = (m_shown + 1) % m_candidates.size();
    show_candidate();
}

void DuplicatePane::show_candidate()
{
    Freeze();
    m_grid->Clear(true);
    const std::int64_t other = candidate_id();
    std::vector<store::IncidentDetail> rows;
    if (m_db && other != 0) {
        try {
            rows = store::load_incident_details(*m_db, {m_id, other});
            const std::int64_t pair[] = {m_id, other};
            m_kept = store::default_kept_incident(*m_db, pair);
        } catch (const std::exception&) {
            rows.clear();
        }
    }
    if (rows.size() != 2) {
        m_title->SetLabel(wxString());
        m_scores->SetLabel(wxString());
        m_next->Hide();
        Layout();
        Thaw();
        return;
    }
    const auto& a = rows[0];
    const auto& b = rows[1];
    const auto& s = m_candidates[m_shown].similarity;
    m_title->SetLabel(m_candidates.size() == 1
                          ? wxString::Format(_("Possible duplicate of incident #%lld"), static_cast<long long>(m_id))
                          : wxString::Format(_("Possible duplicate %zu of %zu for incident #%lld"), m_shown + 1,
                                             m_candidates.size(), static_cast<long long>(m_id)));
    wxString scores = wxString::Format(_("Similarity %s"), percent(s.score));
    if (s.text)
        scores += k_dot + wxString::Format(_("text %s"), percent(*s.text));
    if (s.numbers)
        scores += k_dot + wxString::Format(_("numbers %s"), percent(*s.numbers));
    if (s.people)
        scores += k_dot + wxString::Format(_("people %s"), percent(*s.people));
    m_scores->SetLabel(scores);
    for (auto* t : {m_title, m_scores})
        t->SetToolTip(t->GetLabel());
    m_next->Show(m_candidates.size() > 1);
    m_merge->SetLabel(wxString::Format(_("Merge: keep #%lld (M)"), static_cast<long long>(m_kept)));

    const wxColour text = wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT);
    const wxColour muted = text.ChangeLightness(140);
    const wxColour differs(179, 80, 0);
    // Values wrap to half the width left by the labels (the pane's parent when the pane
    // itself is not laid out yet).
    const int width = std::max(GetClientSize().x, GetParent()->GetClientSize().x);
    m_wrap_width = width;
    const int column = std::max(FromDIP(200), (width - FromDIP(200)) / 2);

    auto label = [&](const wxString& name, bool differ) {
        auto* t = new wxStaticText(m_body, wxID_ANY, differ ? name + wxString::FromUTF8("  \u2260") : name);
        t->SetForegroundColour(differ ? differs : muted);
        m_grid->Add(t, 0, wxALIGN_TOP);
    };
    auto value = [&](const wxString& v, bool differ) {
        auto* t = new wxStaticText(m_body, wxID_ANY, v);
        if (differ) {
            t->SetForegroundColour(differs);
            t->SetFont(GetFont().Bold());
        }
        t->Wrap(column);
        m_grid->Add(t, 0, wxEXPAND | wxALIGN_TOP);
    };
    auto row = [&](const wxString& name, const wxString& left, const wxString& right) {
        const bool differ = left != right;
        label(name, differ);
        value(left, differ);
        value(right, differ);
    };

    // Column heads: which is kept, which is rejected as its duplicate.
    m_grid->Add(new wxStaticText(m_body, wxID_ANY, wxString()));
    for (const auto* d : {&a, &b}) {
        auto* box = new wxBoxSizer(wxVERTICAL);
        auto* id = new wxStaticText(m_body, wxID_ANY,
                                    wxString::Format(_("Incident #%lld"), static_cast<long long>(d->id)) + k_dot +
                                        incident_status_label(d->status));
        id->SetFont(GetFont().Bold());
        id->SetMinSize(wxSize(id->GetTextExtent(id->GetLabel()).x + FromDIP(4), -1)); // sized for bold text
        const bool kept = d->id == m_kept;
        auto* role = new wxStaticText(
            m_body, wxID_ANY,
            kept ? _("kept")
                 : wxString::Format(_("rejected as a duplicate of #%lld"), static_cast<long long>(m_kept)));
        role->SetForegroundColour(kept ? wxColour(30, 120, 60) : wxColour(176, 32, 32));
        box->Add(id);
        box->Add(role);
        m_grid->Add(box, 0, wxEXPAND | wxBOTTOM, FromDIP(4));
    }
    row(_("Observed on"), from_utf8(a.observed_on), from_utf8(b.observed_on));
    row(_("Submitted"), from_utf8(a.submitted_at), from_utf8(b.submitted_at));
    row(_("Site"), site(a), site(b));
    row(_("Risk area"), risk_area_label(a.risk_area), risk_area_label(b.risk_area));
    row(_("Reporter"), from_utf8(a.reporter), from_utf8(b.reporter));
    row(_("People affected"), people(a), people(b));
    row(_("Photos"), photos(a), photos(b));
    // Descriptions differ nearly always: shown plainly, side by side.
    label(_("Description"), false);
    value(from_utf8(a.description), false);
    value(from_utf8(b.description), false);

    m_body->FitInside();
    m_body->Scroll(0, 0);
    Layout();
    Thaw();
}

} // namespace mwangaza::gui
