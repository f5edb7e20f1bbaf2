#include "gui/ActionDialogs.hpp"

#include "core/ActionDue.hpp"
#include "core/ActionTemplates.hpp"
#include "core/I18n.hpp"
#include "core/Kpi.hpp"
#include "core/Taxonomy.hpp"
#include "gui/DialogButtons.hpp"
#include "gui/Format.hpp"
#include "store/Database.hpp"

#include <wx/button.h>
#include <wx/filedlg.h>
#include <wx/listbox.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <algorithm>
#include <cctype>

namespace mwangaza::gui {

namespace {

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

} // namespace

DraftActionDialog::DraftActionDialog(wxWindow* parent, std::int64_t risk_id, const std::string& area)
    : wxDialog(parent, wxID_ANY, _("Draft an action"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      m_area(area)
{
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* grid = new wxFlexGridSizer(2, FromDIP(6), FromDIP(8));
    grid->AddGrowableCol(1);
    grid->Add(new wxStaticText(this, wxID_ANY, _("Risk")), 0, wxALIGN_CENTER_VERTICAL);
    m_risk = new wxTextCtrl(this, wxID_ANY, risk_id ? wxString::Format("%lld", (long long)risk_id) : wxString());
    m_risk->SetName("draft_risk");
    grid->Add(m_risk, 1, wxEXPAND);
    grid->Add(new wxStaticText(this, wxID_ANY, _("Find a template")), 0, wxALIGN_CENTER_VERTICAL);
    m_search = new wxTextCtrl(this, wxID_ANY);
    m_search->SetName("draft_search");
    m_search->SetHint(_("Type words of the title or the risk area"));
    grid->Add(m_search, 1, wxEXPAND);
    sizer->Add(grid, 0, wxEXPAND | wxALL, FromDIP(10));
    m_templates = new wxListBox(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(720, 220)));
    m_templates->SetName("draft_templates");
    sizer->Add(m_templates, 1, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(10));
    auto* fields = new wxFlexGridSizer(2, FromDIP(6), FromDIP(8));
    fields->AddGrowableCol(1);
    fields->AddGrowableRow(1);
    fields->Add(new wxStaticText(this, wxID_ANY, _("Title")), 0, wxALIGN_CENTER_VERTICAL);
    m_title = new wxTextCtrl(this, wxID_ANY);
    m_title->SetName("draft_title");
    fields->Add(m_title, 1, wxEXPAND);
    fields->Add(new wxStaticText(this, wxID_ANY, _("Description")), 0, wxALIGN_TOP);
    m_description = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, FromDIP(wxSize(-1, 80)),
                                   wxTE_MULTILINE);
    fields->Add(m_description, 1, wxEXPAND);
    fields->Add(new wxStaticText(this, wxID_ANY, _("Due date")), 0, wxALIGN_CENTER_VERTICAL);
    m_due = new wxTextCtrl(this, wxID_ANY);
    m_due->SetHint("YYYY-MM-DD");
    fields->Add(m_due, 0);
    sizer->Add(fields, 0, wxEXPAND | wxALL, FromDIP(10));
    sizer->Add(ok_cancel_buttons(this), 0, wxEXPAND | wxALL, FromDIP(10));
    SetSizerAndFit(sizer);

    m_search->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { filter(); });
    m_templates->Bind(wxEVT_LISTBOX, [this](wxCommandEvent& e) { pick(e.GetSelection()); });
    filter();
    m_search->SetFocus();
}

void DraftActionDialog::filter()
{
    // Every word typed must appear in the title, the description or the area's label.
    std::vector<std::string> words;
    std::string typed = lower(m_search->GetValue().utf8_string());
    for (std::size_t i = 0; i < typed.size();) {
        const auto end = typed.find(' ', i);
        const std::string w = typed.substr(i, end == std::string::npos ? std::string::npos : end - i);
        if (!w.empty())
            words.push_back(w);
        if (end == std::string::npos)
            break;
        i = end + 1;
    }
    m_shown.clear();
    m_templates->Clear();
    for (int pass = 0; pass < 2; ++pass) {
        for (const auto& t : core::action_templates()) {
            if ((t.risk_area == m_area) != (pass == 0))
                continue;
            const auto* area = core::find_risk_area(t.risk_area);
            const std::string hay = lower(core::tr(t.title) + " " + core::tr(t.description) + " " +
                                          (area ? core::tr(area->label) : std::string()) + " " + std::string(t.key));
            if (std::all_of(words.begin(), words.end(), [&](const std::string& w) { return hay.find(w) != std::string::npos; })) {
                m_shown.push_back(&t);
                m_templates->Append(from_utf8("[" + (area ? core::tr(area->label) : std::string(t.risk_area)) + "] " +
                                              core::tr(t.title)));
            }
        }
    }
}

void DraftActionDialog::search(const wxString& text)
{
    m_search->ChangeValue(text);
    filter();
}

int DraftActionDialog::matches() const
{
    return int(m_shown.size());
}

void DraftActionDialog::pick(int index)
{
    if (index < 0 || std::size_t(index) >= m_shown.size())
        return;
    m_templates->SetSelection(index);
    m_chosen = m_shown[std::size_t(index)];
    m_title->ChangeValue(from_utf8(core::tr(m_chosen->title)));
    m_description->ChangeValue(from_utf8(core::tr(m_chosen->description)));
    m_due->ChangeValue(from_utf8(core::add_days(store::utc_now().substr(0, 10), m_chosen->due_days)));
}

std::int64_t DraftActionDialog::risk_id() const
{
    long long id = 0;
    return m_risk->GetValue().ToLongLong(&id) ? id : 0;
}

std::string DraftActionDialog::title() const
{
    return m_title->GetValue().utf8_string();
}

std::string DraftActionDialog::description() const
{
    return m_description->GetValue().utf8_string();
}

std::string DraftActionDialog::due_on() const
{
    return m_due->GetValue().Trim().Trim(false).utf8_string();
}

bool DraftActionDialog::TransferDataFromWindow()
{
    if (risk_id() <= 0) {
        message_box(_("Give the id of the risk the action answers."), _("Draft an action"), wxOK | wxICON_WARNING, this);
        return false;
    }
    if (title().find_first_not_of(" \t") == std::string::npos) {
        message_box(_("The action needs a title: pick a template or write one."), _("Draft an action"),
                    wxOK | wxICON_WARNING, this);
        return false;
    }
    if (!due_on().empty() && !core::is_iso_date(due_on())) {
        message_box(_("The due date must be written YYYY-MM-DD."), _("Draft an action"), wxOK | wxICON_WARNING, this);
        return false;
    }
    return true;
}

ProgressDialog::ProgressDialog(wxWindow* parent, std::int64_t action_id, const wxString& title)
    : wxDialog(parent, wxID_ANY, wxString::Format(_("Progress on action %lld"), (long long)action_id),
               wxDefaultPosition, wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER)
{
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(new wxStaticText(this, wxID_ANY, title), 0, wxALL, FromDIP(10));
    sizer->Add(new wxStaticText(this, wxID_ANY, _("What was done")), 0, wxLEFT | wxRIGHT, FromDIP(10));
    m_note = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, FromDIP(wxSize(560, 100)), wxTE_MULTILINE);
    sizer->Add(m_note, 1, wxEXPAND | wxALL, FromDIP(10));
    sizer->Add(new wxStaticText(this, wxID_ANY, _("Evidence files (10 MB each at most)")), 0, wxLEFT | wxRIGHT,
               FromDIP(10));
    m_list = new wxListBox(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(-1, 80)));
    sizer->Add(m_list, 0, wxEXPAND | wxALL, FromDIP(10));
    auto* add = new wxButton(this, wxID_ANY, _("Add files..."));
    sizer->Add(add, 0, wxLEFT | wxRIGHT, FromDIP(10));
    sizer->Add(ok_cancel_buttons(this), 0, wxEXPAND | wxALL, FromDIP(10));
    SetSizerAndFit(sizer);
    add->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { add_files(); });
    m_note->SetFocus();
}

void ProgressDialog::add_files()
{
    wxFileDialog dialog(this, _("Evidence files"), wxString(), wxString(),
                        _("Photos and documents") + " (*.jpg;*.jpeg;*.png;*.pdf)|*.jpg;*.jpeg;*.JPG;*.png;*.pdf|" +
                            _("All files") + " (*)|*",
                        wxFD_OPEN | wxFD_MULTIPLE | wxFD_FILE_MUST_EXIST);
    if (dialog.ShowModal() != wxID_OK)
        return;
    wxArrayString paths;
    dialog.GetPaths(paths);
    for (const auto& p : paths) {
        m_files.push_back(p.utf8_string());
        m_list->Append(p);
    }
}

std::string ProgressDialog::note() const
{
    return m_note->GetValue().utf8_string();
}

bool ProgressDialog::TransferDataFromWindow()
{
    if (note().find_first_not_of(" \t\r\n") == std::string::npos) {
        message_box(_("Write what was done."), GetTitle(), wxOK | wxICON_WARNING, this);
        return false;
    }
    return true;
}

} // namespace mwangaza::gui
