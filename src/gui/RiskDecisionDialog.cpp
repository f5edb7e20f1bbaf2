#include "gui/RiskDecisionDialog.hpp"

#include "core/RiskEscalation.hpp"
#include "core/Taxonomy.hpp"
#include "gui/DialogButtons.hpp"
#include "gui/Format.hpp"
#include "store/RiskRegister.hpp"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace mwangaza::gui {

namespace {

wxString decision_text(const std::string& code)
{
    const auto d = core::escalation_from_code(code);
    return d ? wxGetTranslation(core::escalation_label(*d)) : wxString();
}

} // namespace

RiskDecisionDialog::RiskDecisionDialog(wxWindow* parent, Kind kind, const store::RiskRow& risk, Save save)
    : wxDialog(parent, wxID_ANY, kind == Kind::Decision ? _("Record an escalation decision") : _("Record a review"),
               wxDefaultPosition, wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      m_kind(kind), m_save(std::move(save))
{
    SetName(kind == Kind::Decision ? "risk_decision_dialog" : "risk_review_dialog");
    const int gap = FromDIP(8);
    auto* top = new wxBoxSizer(wxVERTICAL);
    auto* title = new wxStaticText(this, wxID_ANY, from_utf8(risk.title));
    title->SetFont(title->GetFont().Bold());
    top->Add(title, 0, wxLEFT | wxRIGHT | wxTOP, gap);
    wxString state;
    if (risk.decision.empty())
        state = _("OECD Annex II red flag: no escalation decision yet.");
    else
        state = wxString::Format(_("Current decision: %s on %s."), decision_text(risk.decision),
                                 from_utf8(risk.decided_on));
    if (risk.review_due)
        state += " " + wxString::Format(risk.review_overdue ? _("Review overdue since %s.") : _("Review due by %s."),
                                        from_utf8(*risk.review_due));
    auto* facts = new wxStaticText(this, wxID_ANY, state);
    facts->Wrap(FromDIP(440));
    top->Add(facts, 0, wxLEFT | wxRIGHT | wxTOP, gap);

    auto* grid = new wxFlexGridSizer(2, gap / 2, gap);
    grid->AddGrowableCol(1);
    if (kind == Kind::Decision) {
        grid->Add(new wxStaticText(this, wxID_ANY, _("Decision:")), 0, wxALIGN_CENTER_VERTICAL);
        m_decision = new wxChoice(this, wxID_ANY);
        m_decision->SetName("decision_choice");
        for (auto d : {core::EscalationDecision::Suspend, core::EscalationDecision::Disengage,
                       core::EscalationDecision::Mitigate})
            m_decision->Append(wxGetTranslation(core::escalation_label(d)));
        grid->Add(m_decision, 0);
    }
    grid->Add(new wxStaticText(this, wxID_ANY, kind == Kind::Decision ? _("Decided on:") : _("Reviewed on:")), 0,
              wxALIGN_CENTER_VERTICAL);
    m_date = new wxTextCtrl(this, wxID_ANY, from_utf8(store::utc_today()), wxDefaultPosition, FromDIP(wxSize(110, -1)));
    m_date->SetName("decision_date");
    grid->Add(m_date, 0);
    top->Add(grid, 0, wxEXPAND | wxALL, gap);
    top->Add(new wxStaticText(this, wxID_ANY,
                              kind == Kind::Decision ? _("Rationale (required), e.g. what was agreed with the purchaser:")
                                                     : _("What the review found (required):")),
             0, wxLEFT | wxRIGHT, gap);
    m_note = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, FromDIP(wxSize(440, 90)), wxTE_MULTILINE);
    m_note->SetName("decision_note");
    top->Add(m_note, 1, wxEXPAND | wxLEFT | wxRIGHT, gap);
    m_hint = new wxStaticText(this, wxID_ANY, wxString());
    top->Add(m_hint, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap);
    m_problem = new wxStaticText(this, wxID_ANY, wxString());
    m_problem->SetName("decision_problem");
    m_problem->SetForegroundColour(wxColour(176, 32, 32));
    top->Add(m_problem, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap);
    top->Add(ok_cancel_buttons(this), 0, wxEXPAND | wxALL, gap);
    SetSizerAndFit(top);

    if (m_decision)
        m_decision->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { update_hint(); });
    Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { press_ok(); }, wxID_OK);
    update_hint();
    m_note->SetFocus();
}

void RiskDecisionDialog::update_hint()
{
    if (m_kind == Kind::Review)
        m_hint->SetLabel(_("The next review falls due six months after this one while the decision stays mitigate."));
    else if (!m_decision || m_decision->GetSelection() == wxNOT_FOUND)
        m_hint->SetLabel(_("Suspend or disengage stop trade with the supplier; mitigate continues it under a plan "
                           "reviewed every six months."));
    else if (m_decision->GetSelection() == 2)
        m_hint->SetLabel(_("A mitigation plan is reviewed six months after the decision."));
    else
        m_hint->SetLabel(_("Trade stops: there is no mitigation plan to review."));
    m_hint->Wrap(FromDIP(440));
    Layout();
}

void RiskDecisionDialog::press_ok()
{
    Fields f;
    if (m_decision) {
        if (m_decision->GetSelection() == wxNOT_FOUND) {
            m_problem->SetLabel(_("Choose the decision: suspend, disengage or mitigate."));
            m_problem->Wrap(FromDIP(440));
            Layout();
            m_decision->SetFocus();
            return;
        }
        f.decision = m_decision->GetSelection();
    }
    f.on = m_date->GetValue().Trim().Trim(false).utf8_string();
    f.note = m_note->GetValue().utf8_string();
    const std::string refused = m_save(f);
    if (refused.empty()) {
        if (IsModal())
            EndModal(wxID_OK);
        else
            Hide();
        return;
    }
    m_problem->SetLabel(from_utf8(refused));
    m_problem->Wrap(FromDIP(440));
    Fit();
    Layout();
}

} // namespace mwangaza::gui
