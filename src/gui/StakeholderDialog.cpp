#include "gui/StakeholderDialog.hpp"

#include "core/StakeholderTypes.hpp"
#include "gui/DialogButtons.hpp"
#include "gui/Format.hpp"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <algorithm>
#include <cctype>

namespace mwangaza::gui {

namespace {

// The languages of the programme's sites and stakeholders, offered as check boxes.
struct Language {
    const char* code;
    const char* label; // English msgid
};
const Language k_languages[] = {
    {"fr", N_("French")}, {"en", N_("English")}, {"sw", N_("Swahili")}, {"rw", N_("Kinyarwanda")}, {"ln", N_("Lingala")},
};

// At most this many sites in the check list (24,000 on a large programme); typing narrows it.
constexpr std::size_t k_max_shown = 400;

std::vector<std::string> split_codes(const std::string& text)
{
    std::vector<std::string> out;
    std::string item;
    auto flush = [&] {
        const auto b = item.find_first_not_of(" \t");
        if (b != std::string::npos) {
            const auto e = item.find_last_not_of(" \t");
            std::string code = item.substr(b, e - b + 1);
            std::transform(code.begin(), code.end(), code.begin(), [](unsigned char c) { return char(std::tolower(c)); });
            out.push_back(code);
        }
        item.clear();
    };
    for (char c : text) {
        if (c == ',' || c == ';' || c == ' ')
            flush();
        else
            item += c;
    }
    flush();
    return out;
}

bool is_language_code(const std::string& code)
{
    return code.size() >= 2 && code.size() <= 3 &&
           std::all_of(code.begin(), code.end(), [](unsigned char c) { return c < 128 && std::isalpha(c); });
}

} // namespace

StakeholderDialog::StakeholderDialog(wxWindow* parent, const store::Stakeholder& initial, std::vector<Site> sites)
    : wxDialog(parent, wxID_ANY, initial.id ? _("Edit stakeholder") : _("Add a stakeholder"), wxDefaultPosition,
               wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      m_id(initial.id), m_all(std::move(sites)), m_chosen(initial.site_codes.begin(), initial.site_codes.end())
{
    SetName("stakeholder_dialog");
    const int gap = FromDIP(6);
    auto* top = new wxBoxSizer(wxVERTICAL);
    auto* grid = new wxFlexGridSizer(2, gap, FromDIP(10));
    grid->AddGrowableCol(1);
    auto label = [&](const wxString& text) {
        grid->Add(new wxStaticText(this, wxID_ANY, text), 0, wxALIGN_CENTER_VERTICAL);
    };

    label(_("Name"));
    m_name = new wxTextCtrl(this, wxID_ANY, from_utf8(initial.name));
    m_name->SetName("stakeholder_name");
    m_name->SetHint(_("e.g. COMAKAT cooperative"));
    grid->Add(m_name, 1, wxEXPAND);

    label(_("Type"));
    m_type = new wxChoice(this, wxID_ANY);
    m_type->SetName("stakeholder_type");
    int index = 0;
    for (const auto& t : core::stakeholder_types()) {
        m_type->Append(wxGetTranslation(t.label));
        if (t.code == initial.type)
            m_type->SetSelection(index);
        ++index;
    }
    grid->Add(m_type, 1, wxEXPAND);

    label(_("Contact"));
    m_contact = new wxTextCtrl(this, wxID_ANY, from_utf8(initial.contact));
    m_contact->SetName("stakeholder_contact");
    m_contact->SetHint(_("Person, telephone, e-mail"));
    grid->Add(m_contact, 1, wxEXPAND);

    label(_("Languages"));
    auto* languages = new wxBoxSizer(wxHORIZONTAL);
    std::string others;
    const auto codes = split_codes(initial.languages);
    for (const auto& l : k_languages) {
        auto* box = new wxCheckBox(this, wxID_ANY, wxGetTranslation(l.label));
        box->SetName(wxString("stakeholder_language_") + l.code);
        box->SetValue(std::find(codes.begin(), codes.end(), l.code) != codes.end());
        languages->Add(box, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(10));
        m_languages.emplace_back(l.code, box);
    }
    for (const auto& c : codes)
        if (std::none_of(std::begin(k_languages), std::end(k_languages), [&](const Language& l) { return c == l.code; }))
            others += (others.empty() ? "" : ", ") + c;
    languages->Add(new wxStaticText(this, wxID_ANY, _("Others:")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
    m_other_languages = new wxTextCtrl(this, wxID_ANY, from_utf8(others), wxDefaultPosition, FromDIP(wxSize(110, -1)));
    m_other_languages->SetName("stakeholder_other_languages");
    m_other_languages->SetHint(_("codes: kg, lu"));
    languages->Add(m_other_languages, 1, wxALIGN_CENTER_VERTICAL);
    grid->Add(languages, 1, wxEXPAND);
    top->Add(grid, 0, wxEXPAND | wxALL, FromDIP(12));

    top->Add(new wxStaticText(this, wxID_ANY, _("Sites they act on")), 0, wxLEFT | wxRIGHT, FromDIP(12));
    m_filter = new wxTextCtrl(this, wxID_ANY);
    m_filter->SetName("stakeholder_site_filter");
    m_filter->SetHint(_("Type part of a code or name"));
    top->Add(m_filter, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, FromDIP(12) / 2);
    m_sites = new wxCheckListBox(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(480, 260)));
    m_sites->SetName("stakeholder_sites");
    top->Add(m_sites, 1, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap);
    m_sites_note = new wxStaticText(this, wxID_ANY, wxString());
    top->Add(m_sites_note, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap);

    m_problem = new wxStaticText(this, wxID_ANY, wxString());
    m_problem->SetName("stakeholder_problem");
    m_problem->SetForegroundColour(wxColour(170, 30, 30));
    top->Add(m_problem, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, FromDIP(12));
    top->Add(ok_cancel_buttons(this), 0, wxEXPAND | wxALL, FromDIP(12));
    SetSizerAndFit(top);
    m_ok = dynamic_cast<wxButton*>(FindWindow(wxID_OK));

    std::sort(m_all.begin(), m_all.end(), [](const Site& a, const Site& b) { return a.code < b.code; });
    fill_sites();
    update();

    m_name->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { update(); });
    m_type->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { update(); });
    m_other_languages->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { update(); });
    m_filter->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { fill_sites(); });
    m_sites->Bind(wxEVT_CHECKLISTBOX, [this](wxCommandEvent& e) {
        const int i = e.GetInt();
        if (i >= 0 && std::size_t(i) < m_shown.size())
            set_site(m_shown[std::size_t(i)], m_sites->IsChecked(unsigned(i)));
    });
    Bind(wxEVT_BUTTON, [this](wxCommandEvent& e) {
        if (valid())
            e.Skip(); // the dialog closes with wxID_OK
        else
            update();
    }, wxID_OK);
    m_name->SetFocus();
}

wxCheckBox* StakeholderDialog::language(const std::string& code) const
{
    for (const auto& [c, box] : m_languages)
        if (c == code)
            return box;
    return nullptr;
}

void StakeholderDialog::set_site(const std::string& code, bool on)
{
    if (on)
        m_chosen.insert(code);
    else
        m_chosen.erase(code);
    for (std::size_t i = 0; i < m_shown.size(); ++i)
        if (m_shown[i] == code && m_sites->IsChecked(unsigned(i)) != on)
            m_sites->Check(unsigned(i), on);
    m_sites_note->SetLabel(wxString::Format(_("%s of %s sites chosen."), format_count(std::int64_t(m_chosen.size())),
                                            format_count(std::int64_t(m_all.size()))));
}

void StakeholderDialog::fill_sites()
{
    const wxString typed = m_filter->GetValue().Lower().Trim().Trim(false);
    auto matches = [&](const Site& s) {
        return typed.empty() || from_utf8(s.code).Lower().Contains(typed) || from_utf8(s.name).Lower().Contains(typed);
    };
    m_shown.clear();
    wxArrayString labels;
    std::vector<bool> checked;
    std::size_t matching = 0;
    for (int pass = 0; pass < 2; ++pass) // the chosen sites first, then the others
        for (const auto& s : m_all) {
            const bool chosen = m_chosen.count(s.code) > 0;
            if (chosen != (pass == 0) || !matches(s))
                continue;
            ++matching;
            if (m_shown.size() >= k_max_shown && !chosen)
                continue;
            m_shown.push_back(s.code);
            labels.Add(from_utf8(s.code) + wxString::FromUTF8(" \xE2\x80\x94 ") + from_utf8(s.name));
            checked.push_back(chosen);
        }
    m_sites->Freeze();
    m_sites->Set(labels);
    for (std::size_t i = 0; i < checked.size(); ++i)
        if (checked[i])
            m_sites->Check(unsigned(i));
    m_sites->Thaw();
    wxString note = wxString::Format(_("%s of %s sites chosen."), format_count(std::int64_t(m_chosen.size())),
                                     format_count(std::int64_t(m_all.size())));
    if (matching > m_shown.size())
        note += " " + wxString::Format(_("Showing %s of the %s matching sites: type to narrow the list."),
                                       format_count(std::int64_t(m_shown.size())), format_count(std::int64_t(matching)));
    m_sites_note->SetLabel(note);
}

wxString StakeholderDialog::problem() const
{
    if (m_name->GetValue().Trim().Trim(false).empty())
        return _("Name: give the stakeholder's name.");
    if (m_type->GetSelection() == wxNOT_FOUND)
        return _("Type: choose a stakeholder type.");
    for (const auto& code : split_codes(m_other_languages->GetValue().utf8_string()))
        if (!is_language_code(code))
            return wxString::Format(_("Languages: '%s' is not a language code (two or three letters, e.g. kg)."),
                                    from_utf8(code));
    return {};
}

void StakeholderDialog::update()
{
    const wxString text = problem();
    if (m_problem->GetLabel() != text) {
        m_problem->SetLabel(text);
        Layout();
    }
    if (m_ok)
        m_ok->Enable(text.empty());
}

void StakeholderDialog::show_problem(const wxString& text)
{
    m_problem->SetLabel(text);
    m_problem->Wrap(GetClientSize().x - FromDIP(24));
    Layout();
}

store::Stakeholder StakeholderDialog::result() const
{
    store::Stakeholder s;
    s.id = m_id;
    s.name = m_name->GetValue().Trim().Trim(false).utf8_string();
    if (const int i = m_type->GetSelection(); i != wxNOT_FOUND && std::size_t(i) < core::stakeholder_types().size())
        s.type = std::string(core::stakeholder_types()[std::size_t(i)].code);
    s.contact = m_contact->GetValue().Trim().Trim(false).utf8_string();
    std::vector<std::string> codes;
    for (const auto& [code, box] : m_languages)
        if (box->GetValue())
            codes.push_back(code);
    for (const auto& code : split_codes(m_other_languages->GetValue().utf8_string()))
        if (std::find(codes.begin(), codes.end(), code) == codes.end())
            codes.push_back(code);
    for (const auto& code : codes)
        s.languages += (s.languages.empty() ? "" : ",") + code;
    s.site_codes.assign(m_chosen.begin(), m_chosen.end());
    return s;
}

} // namespace mwangaza::gui
