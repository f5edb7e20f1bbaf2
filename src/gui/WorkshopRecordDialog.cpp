#include "gui/WorkshopRecordDialog.hpp"

#include "core/Error.hpp"
#include "core/Lifecycle.hpp"
#include "gui/DialogButtons.hpp"
#include "gui/Format.hpp"
#include "store/Database.hpp"

#include <wx/button.h>
#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/msgdlg.h>
#include <wx/scrolwin.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/utils.h>

namespace mwangaza::gui {

namespace {

std::string actor()
{
    std::string user = wxGetUserId().utf8_string();
    return user.empty() ? std::string("expert") : user;
}

wxString status_text(const std::string& code)
{
    const auto s = core::action_status_from_code(code);
    return s ? wxGetTranslation(core::status_label(*s)) : from_utf8(code);
}

} // namespace

WorkshopRecordDialog::WorkshopRecordDialog(wxWindow* parent, store::Database& db, std::int64_t workshop_id)
    : wxDialog(parent, wxID_ANY, _("Record the workshop"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      m_db(db), m_workshop_id(workshop_id)
{
    SetName("workshop_record_dialog");
    const auto site = store::workshop_site(db, workshop_id);
    m_choices = store::workshop_choices(db, workshop_id);

    auto* top = new wxBoxSizer(wxVERTICAL);
    auto* title = new wxStaticText(this, wxID_ANY,
                                   wxString::Format(_("Workshop %lld at %s (%s)"), static_cast<long long>(workshop_id),
                                                    from_utf8(site.site_name), from_utf8(site.site_code)));
    title->SetFont(title->GetFont().Bold().Scaled(1.2f));
    top->Add(title, 0, wxALL, FromDIP(8));

    auto* day_row = new wxBoxSizer(wxHORIZONTAL);
    day_row->Add(new wxStaticText(this, wxID_ANY, _("Held on (YYYY-MM-DD):")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT,
                 FromDIP(6));
    m_day = new wxTextCtrl(this, wxID_ANY, from_utf8(site.held_on));
    m_day->SetName("workshop_day");
    day_row->Add(m_day, 0);
    top->Add(day_row, 0, wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8));

    auto* columns = new wxBoxSizer(wxHORIZONTAL);
    auto* left = new wxBoxSizer(wxVERTICAL);
    left->Add(new wxStaticText(this, wxID_ANY, _("Attendees: stakeholders of the site")), 0, wxBOTTOM, FromDIP(3));
    wxArrayString names;
    for (const auto& s : m_choices.stakeholders)
        names.Add(from_utf8(s.label));
    m_stakeholders = new wxCheckListBox(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(300, 160)), names);
    m_stakeholders->SetName("workshop_stakeholders");
    for (unsigned i = 0; i < m_stakeholders->GetCount(); ++i)
        for (const auto& [name, role] : m_choices.attendees)
            if (name == m_choices.stakeholders[i].label)
                m_stakeholders->Check(i);
    left->Add(m_stakeholders, 1, wxEXPAND | wxBOTTOM, FromDIP(6));
    left->Add(new wxStaticText(this, wxID_ANY, _("Other attendees, one a line (Name: role)")), 0, wxBOTTOM, FromDIP(3));
    m_others = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, FromDIP(wxSize(300, 70)), wxTE_MULTILINE);
    m_others->SetName("workshop_other_attendees");
    left->Add(m_others, 0, wxEXPAND | wxBOTTOM, FromDIP(6));
    left->Add(new wxStaticText(this, wxID_ANY, _("Draft actions to issue")), 0, wxBOTTOM, FromDIP(3));
    wxArrayString drafts;
    for (const auto& d : m_choices.drafts)
        drafts.Add(wxString::Format("%lld  %s", static_cast<long long>(d.id), from_utf8(d.label)) +
                   (d.detail.empty() ? wxString() : wxString::FromUTF8(" \u2013 ") + from_utf8(d.detail)));
    m_drafts = new wxCheckListBox(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(300, 130)), drafts);
    m_drafts->SetName("workshop_drafts");
    left->Add(m_drafts, 1, wxEXPAND);
    columns->Add(left, 1, wxEXPAND | wxRIGHT, FromDIP(10));

    auto* right = new wxBoxSizer(wxVERTICAL);
    right->Add(new wxStaticText(this, wxID_ANY, _("Progress of open actions (a note or a new status records an update)")), 0, wxBOTTOM,
               FromDIP(3));
    auto* scroll = new wxScrolledWindow(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(560, 300)), wxVSCROLL);
    scroll->SetName("workshop_progress");
    auto* grid = new wxFlexGridSizer(3, FromDIP(4), FromDIP(6));
    grid->AddGrowableCol(1);
    for (const auto& a : m_choices.open_actions) {
        wxString label = wxString::Format("%lld  %s", static_cast<long long>(a.id), from_utf8(a.label));
        label += "\n" + status_text(a.status);
        if (!a.due_on.empty())
            label += wxString::Format(_(", due %s"), from_utf8(a.due_on));
        auto* text = new wxStaticText(scroll, wxID_ANY, label);
        text->Wrap(FromDIP(230));
        grid->Add(text, 0, wxALIGN_CENTER_VERTICAL);
        auto* note = new wxTextCtrl(scroll, wxID_ANY);
        note->SetName(wxString::Format("progress_note_%lld", static_cast<long long>(a.id)));
        grid->Add(note, 1, wxEXPAND | wxALIGN_CENTER_VERTICAL);
        m_notes.push_back(note);
        wxArrayString statuses;
        statuses.Add(_("no change"));
        statuses.Add(wxGetTranslation(core::status_label(core::ActionStatus::InProgress)));
        statuses.Add(wxGetTranslation(core::status_label(core::ActionStatus::Implemented)));
        auto* status = new wxChoice(scroll, wxID_ANY, wxDefaultPosition, wxDefaultSize, statuses);
        status->SetSelection(0);
        status->SetName(wxString::Format("progress_status_%lld", static_cast<long long>(a.id)));
        grid->Add(status, 0, wxALIGN_CENTER_VERTICAL);
        m_statuses.push_back(status);
    }
    scroll->SetSizer(grid);
    scroll->SetScrollRate(0, FromDIP(10));
    right->Add(scroll, 1, wxEXPAND | wxBOTTOM, FromDIP(6));
    right->Add(new wxStaticText(this, wxID_ANY, _("Minutes")), 0, wxBOTTOM, FromDIP(3));
    m_minutes = new wxTextCtrl(this, wxID_ANY, from_utf8(site.minutes), wxDefaultPosition, FromDIP(wxSize(560, 110)),
                               wxTE_MULTILINE);
    m_minutes->SetName("workshop_minutes");
    right->Add(m_minutes, 0, wxEXPAND);
    columns->Add(right, 1, wxEXPAND);
    top->Add(columns, 1, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(8));

    auto* buttons = ok_cancel_buttons(this);
    if (auto* ok = FindWindow(wxID_OK))
        ok->SetLabel(_("Record"));
    top->Add(buttons, 0, wxEXPAND | wxALL, FromDIP(8));
    SetSizerAndFit(top);
    Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (save())
            EndModal(wxID_OK);
    }, wxID_OK);
}

bool WorkshopRecordDialog::save()
{
    store::WorkshopRecord record;
    record.workshop_id = m_workshop_id;
    record.held_on = m_day->GetValue().Strip(wxString::both).utf8_string();
    for (unsigned i = 0; i < m_stakeholders->GetCount(); ++i)
        if (m_stakeholders->IsChecked(i))
            record.attendees.push_back({m_choices.stakeholders[i].id, "", ""});
    const wxString others = m_others->GetValue();
    for (const auto& line : wxSplit(others, '\n', '\0')) {
        const wxString trimmed = wxString(line).Strip(wxString::both);
        if (trimmed.empty())
            continue;
        store::WorkshopAttendee a;
        a.name = trimmed.BeforeFirst(':').Strip(wxString::both).utf8_string();
        a.role = trimmed.Contains(":") ? trimmed.AfterFirst(':').Strip(wxString::both).utf8_string() : std::string();
        record.attendees.push_back(std::move(a));
    }
    for (unsigned i = 0; i < m_drafts->GetCount(); ++i)
        if (m_drafts->IsChecked(i))
            record.issue.push_back(m_choices.drafts[i].id);
    for (std::size_t i = 0; i < m_notes.size(); ++i) {
        const std::string note = m_notes[i]->GetValue().Strip(wxString::both).utf8_string();
        std::optional<core::ActionStatus> to;
        const int choice = m_statuses[i]->GetSelection();
        if (choice == 1 && m_choices.open_actions[i].status != "in_progress")
            to = core::ActionStatus::InProgress;
        else if (choice == 2)
            to = core::ActionStatus::Implemented;
        if (!note.empty() || to)
            record.progress.push_back({m_choices.open_actions[i].id, note, to, ""});
    }
    record.minutes = m_minutes->GetValue().utf8_string();
    record.actor = actor();
    try {
        m_result = store::record_workshop(m_db, record);
        return true;
    } catch (const Error& e) {
        message_box(from_utf8(e.what()), _("The workshop was not recorded"), wxOK | wxICON_WARNING, this);
        return false;
    }
}

} // namespace mwangaza::gui
