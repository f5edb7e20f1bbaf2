#include "gui/RiskPanel.hpp"

#include "core/Error.hpp"
#include "core/RiskEscalation.hpp"
#include "core/Taxonomy.hpp"
#include "gui/DatabaseWorker.hpp"
#include "gui/DialogButtons.hpp"
#include "gui/Format.hpp"
#include "gui/RiskDecisionDialog.hpp"
#include "gui/RiskMatrixCtrl.hpp"
#include "store/Database.hpp"
#include "store/MatrixStore.hpp"
#include "store/RiskAssessmentStore.hpp"

#include <wx/app.h>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/dcbuffer.h>
#include <wx/dialog.h>
#include <wx/listctrl.h>
#include <wx/scrolwin.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/splitter.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/utils.h>

#include <algorithm>

namespace mwangaza::gui {

namespace {

wxString level_label(const std::optional<core::RiskLevel>& level)
{
    return level ? wxGetTranslation(core::risk_level_label(*level)) : _("Not assessed");
}

wxString decision_label(const std::string& code)
{
    const auto d = core::escalation_from_code(code);
    return d ? wxGetTranslation(core::escalation_label(*d)) : wxString();
}

wxString annex_text(const store::RegisterRow& r)
{
    if (!r.red_flag)
        return {};
    // Short enough for the column: the decision and an overdue review first.
    if (r.decision_needed)
        return _("Red flag: decision needed");
    if (r.decision && r.review_overdue)
        return wxString::Format(_("%s: review overdue"), wxGetTranslation(core::escalation_label(*r.decision)));
    if (r.decision)
        return wxString::Format(_("Red flag: %s"), wxGetTranslation(core::escalation_label(*r.decision)));
    return _("Red flag");
}

// The current escalation decision and its date: "Mitigate, 2021-09-03".
wxString decision_text(const store::RegisterRow& r)
{
    if (!r.decision)
        return {};
    return wxGetTranslation(core::escalation_label(*r.decision)) + ", " + from_utf8(store::register_date(r.decided_on));
}

wxString review_text(const store::RegisterRow& r)
{
    if (!r.review_due)
        return {};
    const wxString due = from_utf8(store::register_date(r.review_due));
    return r.review_overdue ? wxString::Format(_("%s OVERDUE"), due) : due;
}

} // namespace

// ---- the register list -------------------------------------------------------------------

class RiskListCtrl : public wxListCtrl {
public:
    enum Column { Site, Area, Level, Annex, Score, Decision, Review, Incidents, Actions, Assessed, Count };

    explicit RiskListCtrl(wxWindow* parent)
        : wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                     wxLC_REPORT | wxLC_VIRTUAL | wxLC_SINGLE_SEL | wxBORDER_NONE)
    {
        SetName("risk_list");
        AppendColumn(_("Site"), wxLIST_FORMAT_LEFT, FromDIP(85));
        AppendColumn(_("Risk area"), wxLIST_FORMAT_LEFT, FromDIP(140));
        AppendColumn(_("Level"), wxLIST_FORMAT_LEFT, FromDIP(75));
        AppendColumn(_("Annex II"), wxLIST_FORMAT_LEFT, FromDIP(205));
        AppendColumn(_("S x L"), wxLIST_FORMAT_CENTER, FromDIP(50));
        AppendColumn(_("Decision"), wxLIST_FORMAT_LEFT, FromDIP(140));
        AppendColumn(_("Review due"), wxLIST_FORMAT_LEFT, FromDIP(130));
        AppendColumn(_("Incidents"), wxLIST_FORMAT_RIGHT, FromDIP(70));
        AppendColumn(_("Open actions"), wxLIST_FORMAT_RIGHT, FromDIP(90));
        AppendColumn(_("Assessed"), wxLIST_FORMAT_LEFT, FromDIP(90));
        m_attr_overdue.SetTextColour(wxColour(176, 32, 32));
        Bind(wxEVT_LIST_COL_CLICK, [this](wxListEvent& e) { sort_by(e.GetColumn()); });
    }

    void set_rows(const store::RegisterList* list)
    {
        m_list = list;
        m_order.resize(list->rows.size());
        for (std::size_t i = 0; i < m_order.size(); ++i)
            m_order[i] = i;
        apply_sort();
        SetItemCount(long(m_order.size()));
        Refresh();
    }

    const store::RegisterRow* row(long item) const
    {
        if (!m_list || item < 0 || std::size_t(item) >= m_order.size())
            return nullptr;
        return &m_list->rows[m_order[std::size_t(item)]];
    }

    long item_of(std::int64_t id) const
    {
        for (std::size_t i = 0; i < m_order.size(); ++i)
            if (m_list->rows[m_order[i]].id == id)
                return long(i);
        return -1;
    }

    void sort_by(int column)
    {
        if (column == m_sort_column)
            m_ascending = !m_ascending;
        else {
            m_sort_column = column;
            // Levels, counts and flags: the highest first.
            m_ascending = !(column == Level || column == Incidents || column == Actions || column == Annex);
        }
        apply_sort();
        Refresh();
    }

protected:
    wxString OnGetItemText(long item, long column) const override
    {
        const auto* r = row(item);
        if (!r)
            return {};
        switch (column) {
        case Site: return from_utf8(m_list->site_code(*r));
        case Area: return risk_area_label(std::string(m_list->area_code(*r)));
        case Level: return level_label(r->level);
        case Score: return r->severity ? wxString::Format("%d x %d", r->severity, r->likelihood) : wxString("-");
        case Annex: return annex_text(*r);
        case Decision: return decision_text(*r);
        case Incidents: return format_count(r->incidents);
        case Actions: return format_count(r->open_actions);
        case Assessed: return from_utf8(store::register_date(r->assessed_on));
        case Review: return review_text(*r);
        default: return {};
        }
    }

    wxItemAttr* OnGetItemAttr(long item) const override
    {
        const auto* r = row(item);
        if (r && (r->review_overdue || r->decision_needed))
            return &m_attr_overdue;
        return nullptr;
    }

private:
    void apply_sort()
    {
        if (!m_list || m_sort_column < 0)
            return;
        const auto& rows = m_list->rows;
        auto key_less = [&](const store::RegisterRow& a, const store::RegisterRow& b) {
            switch (m_sort_column) {
            case Site: return a.site < b.site; // the sites are in code order
            case Area: return m_list->area_code(a) < m_list->area_code(b);
            case Level: return int(a.level.value_or(core::RiskLevel(0))) < int(b.level.value_or(core::RiskLevel(0)));
            case Score: return a.severity * 5 + a.likelihood < b.severity * 5 + b.likelihood;
            case Annex: return int(a.red_flag) * 2 + int(a.decision_needed) < int(b.red_flag) * 2 + int(b.decision_needed);
            case Decision: {
                const int da = a.decision ? int(*a.decision) + 1 : 0, db = b.decision ? int(*b.decision) + 1 : 0;
                return da < db || (da == db && a.decided_on < b.decided_on);
            }
            case Incidents: return a.incidents < b.incidents;
            case Actions: return a.open_actions < b.open_actions;
            case Assessed: return a.assessed_on < b.assessed_on;
            case Review:
                if (a.review_overdue != b.review_overdue) // overdue first when ascending
                    return a.review_overdue;
                return a.review_due < b.review_due;
            default: return false;
            }
        };
        std::stable_sort(m_order.begin(), m_order.end(), [&](std::size_t x, std::size_t y) {
            return m_ascending ? key_less(rows[x], rows[y]) : key_less(rows[y], rows[x]);
        });
    }

    const store::RegisterList* m_list = nullptr;
    std::vector<std::size_t> m_order;
    int m_sort_column = -1;
    bool m_ascending = true;
    mutable wxItemAttr m_attr_overdue;
};

// ---- verified incidents per month --------------------------------------------------------

class RiskTrendChart : public wxWindow {
public:
    explicit RiskTrendChart(wxWindow* parent) : wxWindow(parent, wxID_ANY)
    {
        SetName("risk_trend");
        SetBackgroundStyle(wxBG_STYLE_PAINT);
        SetMinSize(FromDIP(wxSize(200, 90)));
        Bind(wxEVT_PAINT, [this](wxPaintEvent&) { paint(); });
        Bind(wxEVT_SIZE, [this](wxSizeEvent& e) { Refresh(); e.Skip(); });
    }
    void set_months(std::vector<store::MonthCount> months)
    {
        m_months = std::move(months);
        Refresh();
    }

private:
    void paint()
    {
        wxAutoBufferedPaintDC dc(this);
        dc.SetBackground(wxBrush(GetParent()->GetBackgroundColour()));
        dc.Clear();
        const wxSize size = GetClientSize();
        wxFont small = GetFont();
        small.SetFractionalPointSize(small.GetFractionalPointSize() * 0.85);
        dc.SetFont(small);
        dc.SetTextForeground(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
        if (m_months.empty()) {
            dc.DrawText(_("No verified incident yet."), FromDIP(4), FromDIP(4));
            return;
        }
        std::int64_t most = 1;
        for (const auto& m : m_months)
            most = std::max(most, m.n);
        const int label_h = dc.GetCharHeight() + FromDIP(2);
        const int top = label_h, bottom = size.y - label_h;
        const int n = int(m_months.size());
        const int slot = std::max(1, (size.x - FromDIP(8)) / std::max(1, n));
        const int bar = std::max(1, slot * 7 / 10);
        dc.SetPen(*wxTRANSPARENT_PEN);
        dc.SetBrush(wxBrush(wxColour(0x3b, 0x6e, 0xa8)));
        for (int i = 0; i < n; ++i) {
            const auto& m = m_months[std::size_t(i)];
            const int h = int((bottom - top) * m.n / most);
            const int x = FromDIP(4) + i * slot + (slot - bar) / 2;
            dc.DrawRectangle(x, bottom - h, bar, h);
            if (m.n > 0 && slot >= dc.GetTextExtent("00").x) {
                const wxString v = wxString::Format("%lld", (long long)m.n);
                dc.DrawText(v, x + (bar - dc.GetTextExtent(v).x) / 2, bottom - h - label_h);
            }
        }
        dc.SetPen(wxPen(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT)));
        dc.DrawLine(FromDIP(2), bottom, size.x - FromDIP(2), bottom);
        // First and last month under the axis.
        dc.DrawText(from_utf8(m_months.front().month), FromDIP(4), bottom + FromDIP(1));
        const wxString last = from_utf8(m_months.back().month);
        dc.DrawText(last, size.x - dc.GetTextExtent(last).x - FromDIP(4), bottom + FromDIP(1));
    }

    std::vector<store::MonthCount> m_months;
};

// ---- matrix editor -----------------------------------------------------------------------

namespace {

class MatrixEditorDialog : public wxDialog {
public:
    MatrixEditorDialog(wxWindow* parent, const core::RiskMatrix& current)
        : wxDialog(parent, wxID_ANY, _("New risk matrix version"), wxDefaultPosition, wxDefaultSize,
                   wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER)
    {
        SetName("risk_matrix_editor");
        auto* top = new wxBoxSizer(wxVERTICAL);
        top->Add(new wxStaticText(this, wxID_ANY,
                                  wxString::Format(_("Starts from version %d (%s). Saving makes the new version "
                                                     "current; earlier assessments keep their version."),
                                                   current.version(), from_utf8(current.name()))),
                 0, wxALL, FromDIP(10));
        auto* name_row = new wxBoxSizer(wxHORIZONTAL);
        name_row->Add(new wxStaticText(this, wxID_ANY, _("Name:")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
        m_name = new wxTextCtrl(this, wxID_ANY);
        m_name->SetName("matrix_name");
        name_row->Add(m_name, 1);
        top->Add(name_row, 0, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(10));
        auto* grid = new wxFlexGridSizer(6, FromDIP(4), FromDIP(6));
        grid->Add(new wxStaticText(this, wxID_ANY, _("Severity \\ likelihood")));
        for (int l = 1; l <= 5; ++l)
            grid->Add(new wxStaticText(this, wxID_ANY,
                                       wxString::Format("%d %s", l, wxGetTranslation(core::likelihood_label(l)))));
        wxArrayString levels;
        for (auto level : {core::RiskLevel::Low, core::RiskLevel::Medium, core::RiskLevel::High, core::RiskLevel::VeryHigh})
            levels.Add(wxGetTranslation(core::risk_level_label(level)));
        for (int s = 5; s >= 1; --s) {
            grid->Add(new wxStaticText(this, wxID_ANY,
                                       wxString::Format("%d %s", s, wxGetTranslation(core::severity_label(s)))),
                      0, wxALIGN_CENTER_VERTICAL);
            for (int l = 1; l <= 5; ++l) {
                auto* c = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, levels);
                c->SetSelection(int(current.level(s, l)) - 1);
                c->SetName(wxString::Format("cell_%d_%d", s, l));
                m_cells[std::size_t((s - 1) * 5 + l - 1)] = c;
                grid->Add(c, 0, wxEXPAND);
            }
        }
        top->Add(grid, 0, wxALL, FromDIP(10));
        top->Add(ok_cancel_buttons(this), 0, wxEXPAND | wxALL, FromDIP(10));
        SetSizerAndFit(top);
    }

    wxString name() const { return m_name->GetValue(); }
    std::array<core::RiskLevel, 25> cells() const
    {
        std::array<core::RiskLevel, 25> out{};
        for (std::size_t i = 0; i < 25; ++i)
            out[i] = core::RiskLevel(m_cells[i]->GetSelection() + 1);
        return out;
    }

private:
    wxTextCtrl* m_name = nullptr;
    std::array<wxChoice*, 25> m_cells{};
};

} // namespace

// ---- the page ----------------------------------------------------------------------------

RiskPanel::RiskPanel(wxWindow* parent)
    : wxPanel(parent, wxID_ANY), m_worker(std::make_unique<DatabaseWorker>()), m_alive(std::make_shared<bool>(true))
{
    SetName("risk_panel");
    build();
}

RiskPanel::~RiskPanel()
{
    *m_alive = false;
    m_worker->interrupt();
    m_worker.reset();
}

void RiskPanel::build()
{
    const int gap = FromDIP(6);
    auto* top = new wxBoxSizer(wxVERTICAL);
    m_overview = new wxStaticText(this, wxID_ANY, wxString());
    m_overview->SetName("risk_overview");
    m_overview->SetFont(m_overview->GetFont().Bold());
    top->Add(m_overview, 0, wxEXPAND | wxALL, gap);

    auto* filters = new wxBoxSizer(wxHORIZONTAL);
    filters->Add(new wxStaticText(this, wxID_ANY, _("Site:")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap / 2);
    m_site_filter = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, FromDIP(wxSize(110, -1)),
                                   wxTE_PROCESS_ENTER);
    m_site_filter->SetName("risk_site_filter");
    m_site_filter->SetHint(_("code"));
    filters->Add(m_site_filter, 0, wxRIGHT, gap * 2);
    filters->Add(new wxStaticText(this, wxID_ANY, _("Level:")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap / 2);
    m_level_filter = new wxChoice(this, wxID_ANY);
    m_level_filter->SetName("risk_level_filter");
    m_level_filter->Append(_("All levels"));
    for (auto level : {core::RiskLevel::VeryHigh, core::RiskLevel::High, core::RiskLevel::Medium, core::RiskLevel::Low})
        m_level_filter->Append(wxGetTranslation(core::risk_level_label(level)));
    m_level_filter->SetSelection(0);
    filters->Add(m_level_filter, 0, wxRIGHT, gap * 2);
    m_red_filter = new wxCheckBox(this, wxID_ANY, _("Red flags only"));
    m_red_filter->SetName("risk_red_filter");
    filters->Add(m_red_filter, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap * 2);
    m_text_filter = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, FromDIP(wxSize(180, -1)),
                                   wxTE_PROCESS_ENTER);
    m_text_filter->SetName("risk_text_filter");
    m_text_filter->SetHint(_("Search title, site, area"));
    filters->Add(m_text_filter, 0, wxRIGHT, gap * 2);
    m_count = new wxStaticText(this, wxID_ANY, wxString());
    filters->Add(m_count, 1, wxALIGN_CENTER_VERTICAL);
    top->Add(filters, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, gap);

    auto* splitter = new wxSplitterWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                          wxSP_LIVE_UPDATE | wxSP_3DSASH);
    splitter->SetMinimumPaneSize(FromDIP(250));
    m_list = new RiskListCtrl(splitter);

    auto* detail = new wxScrolledWindow(splitter, wxID_ANY);
    detail->SetName("risk_detail");
    detail->SetScrollRate(0, FromDIP(10));
    auto* d = new wxBoxSizer(wxVERTICAL);
    m_title = new wxStaticText(detail, wxID_ANY, _("Select a risk in the list."), wxDefaultPosition, wxDefaultSize,
                               wxST_ELLIPSIZE_END);
    m_title->SetMinSize(FromDIP(wxSize(100, -1)));
    m_title->SetFont(m_title->GetFont().Bold().Larger());
    d->Add(m_title, 0, wxEXPAND | wxALL, gap);
    m_facts = new wxStaticText(detail, wxID_ANY, wxString());
    d->Add(m_facts, 0, wxEXPAND | wxLEFT | wxRIGHT, gap);
    d->Add(new wxStaticText(detail, wxID_ANY, _("Verified incidents per month")), 0, wxLEFT | wxTOP, gap);
    m_trend = new RiskTrendChart(detail);
    d->Add(m_trend, 0, wxEXPAND | wxLEFT | wxRIGHT, gap);
    d->Add(new wxStaticText(detail, wxID_ANY, _("Assessments")), 0, wxLEFT | wxTOP, gap);
    m_history = new wxListCtrl(detail, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(-1, 120)),
                               wxLC_REPORT | wxLC_SINGLE_SEL);
    m_history->SetName("risk_history");
    m_history->SetMinSize(FromDIP(wxSize(200, 120))); // the pane's width, not the columns', sets the page's
    m_history->AppendColumn(_("Date"), wxLIST_FORMAT_LEFT, FromDIP(85));
    m_history->AppendColumn(_("Level"), wxLIST_FORMAT_LEFT, FromDIP(80));
    m_history->AppendColumn(_("S x L"), wxLIST_FORMAT_CENTER, FromDIP(50));
    m_history->AppendColumn(_("Matrix"), wxLIST_FORMAT_CENTER, FromDIP(55));
    m_history->AppendColumn(_("Assessor"), wxLIST_FORMAT_LEFT, FromDIP(100));
    m_history->AppendColumn(_("Escalation"), wxLIST_FORMAT_LEFT, FromDIP(130));
    m_history->AppendColumn(_("Rationale"), wxLIST_FORMAT_LEFT, FromDIP(400));
    d->Add(m_history, 0, wxEXPAND | wxLEFT | wxRIGHT, gap);
    d->Add(new wxStaticText(detail, wxID_ANY, _("Escalation decisions and reviews")), 0, wxLEFT | wxTOP, gap);
    m_decisions = new wxListCtrl(detail, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(-1, 90)),
                                 wxLC_REPORT | wxLC_SINGLE_SEL);
    m_decisions->SetName("risk_decisions");
    m_decisions->SetMinSize(FromDIP(wxSize(200, 90)));
    m_decisions->AppendColumn(_("Date"), wxLIST_FORMAT_LEFT, FromDIP(85));
    m_decisions->AppendColumn(_("Decision or review"), wxLIST_FORMAT_LEFT, FromDIP(200));
    m_decisions->AppendColumn(_("By"), wxLIST_FORMAT_LEFT, FromDIP(100));
    m_decisions->AppendColumn(_("Rationale or note"), wxLIST_FORMAT_LEFT, FromDIP(400));
    d->Add(m_decisions, 0, wxEXPAND | wxLEFT | wxRIGHT, gap);
    auto* escalation = new wxBoxSizer(wxHORIZONTAL);
    m_decide = new wxButton(detail, wxID_ANY, _("Record decision..."));
    m_decide->SetName("risk_record_decision");
    m_decide->SetToolTip(_("An escalation decision (suspend, disengage, mitigate) without a new assessment"));
    escalation->Add(m_decide, 0, wxRIGHT, gap);
    m_review = new wxButton(detail, wxID_ANY, _("Record review..."));
    m_review->SetName("risk_record_review");
    m_review->SetToolTip(_("The six-monthly review of the mitigation plan"));
    escalation->Add(m_review, 0);
    d->Add(escalation, 0, wxLEFT | wxRIGHT | wxTOP, gap);

    auto* assess_title = new wxStaticText(detail, wxID_ANY, _("New assessment: pick severity and likelihood"));
    assess_title->SetFont(assess_title->GetFont().Bold());
    d->Add(assess_title, 0, wxLEFT | wxTOP, gap * 2);
    auto* assess = new wxBoxSizer(wxVERTICAL);
    m_matrix = new RiskMatrixCtrl(detail);
    m_matrix->SetMinSize(FromDIP(wxSize(360, 250)));
    assess->Add(m_matrix, 0, wxEXPAND | wxALL, gap);
    auto* form = new wxBoxSizer(wxVERTICAL);
    m_preview = new wxStaticText(detail, wxID_ANY, wxString());
    m_preview->SetName("risk_preview");
    m_preview->SetFont(m_preview->GetFont().Bold());
    form->Add(m_preview, 0, wxEXPAND | wxBOTTOM, gap);
    form->Add(new wxStaticText(detail, wxID_ANY, _("Rationale (required):")), 0);
    m_rationale = new wxTextCtrl(detail, wxID_ANY, wxString(), wxDefaultPosition, FromDIP(wxSize(-1, 70)),
                                 wxTE_MULTILINE);
    m_rationale->SetName("risk_rationale");
    form->Add(m_rationale, 0, wxEXPAND | wxBOTTOM, gap);
    auto* decision_row = new wxBoxSizer(wxHORIZONTAL);
    decision_row->Add(new wxStaticText(detail, wxID_ANY, _("Escalation decision:")), 0,
                      wxALIGN_CENTER_VERTICAL | wxRIGHT, gap / 2);
    m_decision = new wxChoice(detail, wxID_ANY);
    m_decision->SetName("risk_decision");
    m_decision->Append(_("(none yet)"));
    for (auto d2 : {core::EscalationDecision::Suspend, core::EscalationDecision::Disengage,
                    core::EscalationDecision::Mitigate})
        m_decision->Append(wxGetTranslation(core::escalation_label(d2)));
    m_decision->SetSelection(0);
    decision_row->Add(m_decision, 0, wxRIGHT, gap);
    decision_row->Add(new wxStaticText(detail, wxID_ANY, _("on")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap / 2);
    m_decision_date = new wxTextCtrl(detail, wxID_ANY, from_utf8(store::utc_today()), wxDefaultPosition,
                                     FromDIP(wxSize(100, -1)));
    m_decision_date->SetName("risk_decision_date");
    decision_row->Add(m_decision_date, 0);
    form->Add(decision_row, 0, wxBOTTOM, gap);
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    m_save = new wxButton(detail, wxID_ANY, _("Save assessment"));
    m_save->SetName("risk_save");
    buttons->Add(m_save, 0, wxRIGHT, gap);
    m_edit_matrix = new wxButton(detail, wxID_ANY, _("Edit matrix..."));
    m_edit_matrix->SetName("risk_edit_matrix");
    buttons->Add(m_edit_matrix, 0);
    form->Add(buttons, 0, wxBOTTOM, gap);
    m_feedback = new wxStaticText(detail, wxID_ANY, wxString());
    m_feedback->SetName("risk_feedback");
    form->Add(m_feedback, 0, wxEXPAND);
    assess->Add(form, 0, wxEXPAND | wxALL, gap);
    d->Add(assess, 0, wxEXPAND);
    detail->SetSizer(d);
    // Long texts wrap to the pane's width, so the pane never needs to scroll sideways.
    detail->Bind(wxEVT_SIZE, [this, detail](wxSizeEvent& e) {
        e.Skip();
        const int width = detail->GetClientSize().x - FromDIP(12);
        if (width > 0 && width != m_wrap_width) {
            m_wrap_width = width;
            wrap_texts();
        }
    });

    splitter->SplitVertically(m_list, detail, FromDIP(560));
    splitter->SetSashGravity(0.0); // the detail takes what the window gains
    top->Add(splitter, 1, wxEXPAND);
    SetSizer(top);

    m_list->Bind(wxEVT_LIST_ITEM_SELECTED, &RiskPanel::on_selected, this);
    m_site_filter->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { reload(); });
    m_text_filter->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { reload(); });
    m_level_filter->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { reload(); });
    m_red_filter->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { reload(); });
    m_matrix->set_changed_listener([this] { update_preview(); });
    m_matrix->set_activated_listener([this] { m_rationale->SetFocus(); });
    m_decision->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { update_preview(); });
    m_save->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save_assessment(); });
    m_decide->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { record_decision(); });
    m_review->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { record_review(); });
    m_edit_matrix->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { edit_matrix(); });
    update_preview();
}

void RiskPanel::attach(store::Database* db)
{
    m_worker->clear();
    m_worker->interrupt();
    ++m_generation;
    ++m_detail_generation;
    m_loading = m_detail_loading = false;
    m_db = db;
    m_register = {};
    m_list->set_rows(&m_register);
    m_selected.reset();
    m_detail.reset();
    show_detail();
    m_stale = true;
}

void RiskPanel::set_site_scope(const std::string& site_code)
{
    const wxString code = from_utf8(site_code);
    if (m_site_filter->GetValue() == code)
        return;
    m_site_filter->ChangeValue(code);
    m_stale = true;
    if (IsShownOnScreen())
        activate();
}

void RiskPanel::activate()
{
    if (m_db && m_stale)
        reload();
}

store::RiskFilter RiskPanel::current_filter() const
{
    store::RiskFilter f;
    const std::string site = m_site_filter->GetValue().Trim().Trim(false).utf8_string();
    if (!site.empty())
        f.site_code = site;
    static const core::RiskLevel levels[] = {core::RiskLevel::VeryHigh, core::RiskLevel::High, core::RiskLevel::Medium,
                                             core::RiskLevel::Low};
    const int l = m_level_filter->GetSelection();
    if (l >= 1 && l <= 4)
        f.level = levels[l - 1];
    f.red_flag_only = m_red_filter->GetValue();
    f.text = m_text_filter->GetValue().Trim().Trim(false).utf8_string();
    return f;
}

void RiskPanel::reload()
{
    if (!m_db)
        return;
    m_worker->clear();
    m_worker->interrupt();
    const int generation = ++m_generation;
    m_loading = true;
    m_stale = false;
    // A queued or running detail read is dropped; the register's arrival reads it again.
    ++m_detail_generation;
    m_detail_loading = false;
    m_count->SetLabel(_("Loading..."));
    auto alive = m_alive;
    const auto filter = current_filter();
    auto on_error = [this, alive, generation](const std::string& message) {
        wxTheApp->CallAfter([this, alive, generation, message] {
            if (!*alive || generation != m_generation)
                return;
            m_loading = false;
            m_count->SetLabel(wxString());
            say(from_utf8(message), true);
        });
    };
    // The programme-wide view first (a few hundred tally rows), then the register, which
    // on a large programme holds hundreds of thousands of risks.
    m_worker->post(
        m_db->path(),
        [this, alive, generation](store::Database& db) {
            auto overview = store::risk_overview(db.sql());
            auto matrix = store::current_matrix(db).matrix;
            wxTheApp->CallAfter([this, alive, generation, overview = std::move(overview),
                                 matrix = std::move(matrix)]() mutable {
                if (!*alive || generation != m_generation)
                    return;
                const auto& t = overview.total;
                wxString text = wxString::Format(
                    _("%s open risks: %s very high, %s high, %s medium, %s low"), format_count(t.open_risks),
                    format_count(t.by_level[3]), format_count(t.by_level[2]), format_count(t.by_level[1]),
                    format_count(t.by_level[0]));
                if (t.unassessed > 0)
                    text += ", " + wxString::Format(_("%s not assessed"), format_count(t.unassessed));
                text += "; " + wxString::Format(_("%s red flags; %s open actions"), format_count(t.red_flags),
                                                format_count(t.open_actions));
                m_overview->SetLabel(text);
                m_current_matrix = matrix;
                m_matrix->set_matrix(matrix);
                update_preview();
            });
        },
        on_error);
    m_worker->post(
        m_db->path(),
        [this, alive, generation, filter](store::Database& db) {
            auto list = store::list_register(db.sql(), filter);
            wxTheApp->CallAfter([this, alive, generation, list = std::move(list)]() mutable {
                if (!*alive || generation != m_generation)
                    return;
                m_loading = false;
                m_register = std::move(list);
                m_list->set_rows(&m_register);
                m_count->SetLabel(
                    wxString::Format(_("%s risks shown"), format_count(std::int64_t(m_register.rows.size()))));
                if (m_selected) {
                    const long item = m_list->item_of(*m_selected);
                    if (item >= 0) {
                        m_list->SetItemState(item, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                                             wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
                        m_list->EnsureVisible(item);
                    }
                    load_detail(*m_selected);
                }
                update_preview();
                Layout();
            });
        },
        on_error);
}

void RiskPanel::select_risk(std::int64_t id)
{
    const long item = m_list->item_of(id);
    if (item >= 0) {
        m_list->SetItemState(item, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                             wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
        m_list->EnsureVisible(item);
    }
    if (m_selected != id) {
        m_selected = id;
        load_detail(id);
    }
}

void RiskPanel::on_selected(wxListEvent& e)
{
    if (const auto* r = m_list->row(e.GetIndex()); r && m_selected != r->id) {
        m_selected = r->id;
        m_matrix->select(std::nullopt);
        m_rationale->Clear();
        m_decision->SetSelection(0);
        say(wxString());
        load_detail(r->id);
    }
}

void RiskPanel::load_detail(std::int64_t id)
{
    if (!m_db)
        return;
    const int generation = ++m_detail_generation;
    m_detail_loading = true;
    auto alive = m_alive;
    m_worker->post(
        m_db->path(),
        [this, alive, generation, id](store::Database& db) {
            auto detail = store::risk_detail(db.sql(), id);
            wxTheApp->CallAfter([this, alive, generation, detail = std::move(detail)]() mutable {
                if (!*alive || generation != m_detail_generation)
                    return;
                m_detail_loading = false;
                m_detail = std::move(detail);
                show_detail();
            });
        },
        [this, alive, generation](const std::string& message) {
            wxTheApp->CallAfter([this, alive, generation, message] {
                if (!*alive || generation != m_detail_generation)
                    return;
                m_detail_loading = false;
                say(from_utf8(message), true);
            });
        });
}

void RiskPanel::show_detail()
{
    m_history->DeleteAllItems();
    m_decisions->DeleteAllItems();
    if (!m_detail) {
        m_title->SetLabel(_("Select a risk in the list."));
        m_facts_text.clear();
        wrap_texts();
        m_trend->set_months({});
        update_preview();
        return;
    }
    const auto& r = m_detail->risk;
    m_title->SetLabel(from_utf8(r.title));
    wxString facts = wxString::Format(_("Site %s (%s), %s: %s"), from_utf8(r.site_code), from_utf8(r.site_name),
                                      risk_category_label(r.category), risk_area_label(r.area));
    facts += "\n" + wxString::Format(_("Level: %s. Opened on %s; %s verified incidents; %s open actions."),
                                     level_label(r.level), from_utf8(r.opened_on), format_count(r.incidents),
                                     format_count(r.open_actions));
    if (r.red_flag) {
        facts += "\n" + _("OECD Annex II red flag: serious abuse or armed support.") + " ";
        if (r.decision_needed)
            facts += _("An escalation decision is needed.");
        else
            facts += wxString::Format(_("Decision: %s on %s."), decision_label(r.decision), from_utf8(r.decided_on));
    }
    if (r.review_due) {
        facts += "\n" + wxString::Format(r.review_overdue ? _("Review overdue since %s.") : _("Review due by %s."),
                                         from_utf8(*r.review_due));
        if (!r.reviewed_on.empty())
            facts += " " + wxString::Format(_("Last reviewed on %s."), from_utf8(r.reviewed_on));
    }
    m_facts_text = facts;
    wrap_texts();
    m_facts->SetForegroundColour(r.review_overdue || r.decision_needed
                                     ? wxColour(176, 32, 32)
                                     : wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT));
    m_trend->set_months(m_detail->trend);
    for (auto it = m_detail->history.rbegin(); it != m_detail->history.rend(); ++it) {
        const long i = m_history->InsertItem(m_history->GetItemCount(), from_utf8(it->assessed_on));
        m_history->SetItem(i, 1, wxGetTranslation(core::risk_level_label(it->level)));
        m_history->SetItem(i, 2, wxString::Format("%d x %d", it->severity, it->likelihood));
        m_history->SetItem(i, 3, wxString::Format("v%d", it->matrix_version));
        m_history->SetItem(i, 4, from_utf8(it->assessor));
        if (!it->decision.empty())
            m_history->SetItem(i, 5, decision_label(it->decision) + " " + from_utf8(it->decided_on));
        m_history->SetItem(i, 6, first_line(it->rationale));
    }
    for (auto it = m_detail->decisions.rbegin(); it != m_detail->decisions.rend(); ++it) {
        const long i = m_decisions->InsertItem(m_decisions->GetItemCount(), from_utf8(it->dated_on));
        wxString what = it->review ? _("Review of the mitigation plan") : decision_label(it->decision);
        if (it->assessment_id)
            what += " " + _("(with an assessment)");
        m_decisions->SetItem(i, 1, what);
        m_decisions->SetItem(i, 2, from_utf8(it->decided_by));
        m_decisions->SetItem(i, 3, first_line(it->note));
    }
    if (!m_matrix->selection() && r.severity)
        m_matrix->select(std::pair{r.severity, r.likelihood});
    update_preview();
    GetSizer()->Layout();
    m_facts->GetParent()->Layout();
    if (auto* pane = dynamic_cast<wxScrolledWindow*>(m_facts->GetParent()))
        pane->FitInside();
}

void RiskPanel::update_preview()
{
    const bool has_risk = m_detail.has_value();
    m_save->Enable(has_risk && m_db);
    const bool open = has_risk && m_db && m_detail->risk.status == "open";
    m_decide->Enable(open && m_detail->risk.red_flag);
    m_review->Enable(open && m_detail->risk.decision == "mitigate");
    m_edit_matrix->Enable(m_current_matrix.has_value() && m_db);
    const auto cell = m_matrix->selection();
    if (!has_risk || !cell || !m_current_matrix) {
        m_preview->SetLabel(has_risk ? _("Click a cell of the matrix (or use the arrow keys).") : wxString());
        m_decision->Enable(false);
        m_decision_date->Enable(false);
        return;
    }
    const auto& r = m_detail->risk;
    const core::RiskArea* area = core::find_risk_area(r.area);
    bool flagged = false;
    for (const auto& i : m_detail->incidents)
        flagged = flagged || i.annex_flag;
    const auto a = area ? m_current_matrix->assess(*area, cell->first, cell->second, flagged)
                        : core::Assessment{m_current_matrix->level(cell->first, cell->second), false};
    wxString text = wxString::Format(_("Severity %d (%s) x likelihood %d (%s): %s"), cell->first,
                                     wxGetTranslation(core::severity_label(cell->first)), cell->second,
                                     wxGetTranslation(core::likelihood_label(cell->second)),
                                     wxGetTranslation(core::risk_level_label(a.level)));
    if (a.level != m_current_matrix->level(cell->first, cell->second))
        text += " " + _("(OECD Annex II floor)");
    if (a.red_flag)
        text += "\n" + _("Red flag: choose an escalation decision and its date.");
    m_preview->SetLabel(text);
    if (m_wrap_width > 0)
        m_preview->Wrap(m_wrap_width);
    m_decision->Enable(a.red_flag);
    m_decision_date->Enable(a.red_flag && m_decision->GetSelection() > 0);
    m_preview->GetParent()->Layout();
}

std::string RiskPanel::actor() const
{
    std::string user = wxGetUserId().utf8_string();
    return user.empty() ? std::string("expert") : user;
}

bool RiskPanel::save_assessment()
{
    if (!m_db || !m_detail)
        return false;
    const auto cell = m_matrix->selection();
    if (!cell) {
        say(_("Pick severity and likelihood on the matrix first."), true);
        m_matrix->SetFocus();
        return false;
    }
    store::RiskAssessmentInput in;
    in.risk_id = m_detail->risk.id;
    in.severity = cell->first;
    in.likelihood = cell->second;
    in.rationale = m_rationale->GetValue().utf8_string();
    in.assessor = actor();
    const int d = m_decision->IsEnabled() ? m_decision->GetSelection() : 0;
    static const core::EscalationDecision decisions[] = {core::EscalationDecision::Suspend,
                                                         core::EscalationDecision::Disengage,
                                                         core::EscalationDecision::Mitigate};
    if (d >= 1 && d <= 3) {
        in.decision = decisions[d - 1];
        in.decided_on = m_decision_date->GetValue().Trim().Trim(false).utf8_string();
    }
    try {
        const auto result = store::assess_risk(*m_db, in);
        wxString message = wxString::Format(_("Saved: %s (matrix version %d)."),
                                            wxGetTranslation(core::risk_level_label(result.level)),
                                            result.matrix_version);
        if (result.decision_needed)
            message += " " + _("An escalation decision is still needed.");
        if (result.review_due)
            message += " " + wxString::Format(_("Review due by %s."), from_utf8(*result.review_due));
        say(message, result.decision_needed);
        m_rationale->Clear();
        m_matrix->select(std::nullopt);
        reload();
        if (m_changed)
            m_changed();
        return true;
    } catch (const Error& e) {
        say(from_utf8(e.what()), true);
        if (std::string(e.what()).find("rationale") != std::string::npos)
            m_rationale->SetFocus();
        return false;
    }
}

wxListCtrl* RiskPanel::register_list() const
{
    return m_list;
}

bool RiskPanel::record_decision()
{
    return run_decision_dialog(RiskDecisionDialog::Kind::Decision,
                               [this](const store::RiskRow& risk, const RiskDecisionDialog::Fields& f) {
                                   static const core::EscalationDecision decisions[] = {
                                       core::EscalationDecision::Suspend, core::EscalationDecision::Disengage,
                                       core::EscalationDecision::Mitigate};
                                   store::RiskDecisionInput in;
                                   in.risk_id = risk.id;
                                   in.decision = decisions[std::clamp(f.decision.value_or(2), 0, 2)];
                                   in.decided_on = f.on;
                                   in.rationale = f.note;
                                   in.decided_by = actor();
                                   const auto r = store::record_risk_decision(*m_db, in);
                                   wxString message = wxString::Format(
                                       _("Decision recorded: %s on %s."),
                                       wxGetTranslation(core::escalation_label(in.decision)), from_utf8(f.on));
                                   if (!r.current)
                                       message += " " + _("A later decision stands; this one is kept in the history.");
                                   else if (r.review_due)
                                       message += " " + wxString::Format(_("Review due by %s."), from_utf8(*r.review_due));
                                   say(message);
                               });
}

bool RiskPanel::record_review()
{
    return run_decision_dialog(RiskDecisionDialog::Kind::Review,
                               [this](const store::RiskRow& risk, const RiskDecisionDialog::Fields& f) {
                                   store::RiskReviewInput in;
                                   in.risk_id = risk.id;
                                   in.reviewed_on = f.on;
                                   in.note = f.note;
                                   in.reviewed_by = actor();
                                   const auto r = store::record_risk_review(*m_db, in);
                                   say(wxString::Format(_("Review recorded; the next one is due by %s."),
                                                        from_utf8(r.review_due)));
                               });
}

bool RiskPanel::run_decision_dialog(
    RiskDecisionDialog::Kind kind,
    const std::function<void(const store::RiskRow&, const RiskDecisionDialog::Fields&)>& write)
{
    if (!m_db || !m_detail)
        return false;
    const auto risk = m_detail->risk;
    RiskDecisionDialog dialog(this, kind, risk, [&](const RiskDecisionDialog::Fields& f) -> std::string {
        try {
            write(risk, f);
            return {};
        } catch (const Error& e) {
            return e.what(); // shown in the dialog, which stays open
        }
    });
    if (dialog.ShowModal() != wxID_OK)
        return false;
    reload();
    if (m_changed)
        m_changed();
    return true;
}

void RiskPanel::edit_matrix()
{
    if (!m_db || !m_current_matrix)
        return;
    MatrixEditorDialog dialog(this, *m_current_matrix);
    if (dialog.ShowModal() != wxID_OK)
        return;
    try {
        const auto info =
            store::create_matrix_version(*m_db, dialog.name().Trim().Trim(false).utf8_string(), dialog.cells(), actor());
        say(wxString::Format(_("Risk matrix version %d is now current."), info.version));
        reload();
        if (m_changed)
            m_changed();
    } catch (const Error& e) {
        say(from_utf8(e.what()), true);
    }
}

void RiskPanel::wrap_texts()
{
    m_facts->SetLabel(m_facts_text);
    if (m_wrap_width > 0) {
        m_facts->Wrap(m_wrap_width);
        m_preview->Wrap(m_wrap_width);
    }
    m_facts->GetParent()->Layout();
}

void RiskPanel::say(const wxString& text, bool problem)
{
    m_feedback->SetForegroundColour(problem ? wxColour(176, 32, 32)
                                            : wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT));
    m_feedback->SetLabel(text);
    m_feedback->Wrap(m_wrap_width > 0 ? m_wrap_width : FromDIP(420));
    m_feedback->GetParent()->Layout();
    // The detail pane scrolls: its height follows what it holds.
    if (auto* pane = dynamic_cast<wxScrolledWindow*>(m_feedback->GetParent()))
        pane->FitInside();
}

} // namespace mwangaza::gui
