#pragma once
// Adds or edits a stakeholder of the registry: name, type (the translated types of
// core/StakeholderTypes.hpp), contact, languages (the programme's usual ones as check
// boxes, others as codes) and the sites they act on (a check list filtered by code or
// name as one types). OK stays disabled, and a line in red names the field, while the
// input is not valid.
#include "store/StakeholderStore.hpp"

#include <wx/dialog.h>

#include <set>
#include <string>
#include <utility>
#include <vector>

class wxButton;
class wxCheckBox;
class wxCheckListBox;
class wxChoice;
class wxStaticText;
class wxTextCtrl;

namespace mwangaza::gui {

class StakeholderDialog : public wxDialog {
public:
    struct Site {
        std::string code;
        std::string name;
    };
    // `initial.id` 0: a new stakeholder. `sites`: every site of the programme.
    StakeholderDialog(wxWindow* parent, const store::Stakeholder& initial, std::vector<Site> sites);

    // The stakeholder as entered (valid when valid() holds).
    store::Stakeholder result() const;
    // "" when the input is valid, else what is wrong, naming the field.
    wxString problem() const;
    bool valid() const { return problem().empty(); }
    // Shows why saving failed (the store's message, naming the field).
    void show_problem(const wxString& text);

    // For tests and the keyboard: the controls.
    wxTextCtrl* name() const { return m_name; }
    wxChoice* type() const { return m_type; }
    wxTextCtrl* contact() const { return m_contact; }
    wxCheckBox* language(const std::string& code) const;
    wxTextCtrl* other_languages() const { return m_other_languages; }
    wxTextCtrl* site_filter() const { return m_filter; }
    wxCheckListBox* site_list() const { return m_sites; }
    // Ticks or unticks a site by code, whether or not the filter shows it.
    void set_site(const std::string& code, bool on);
    const std::set<std::string>& chosen_sites() const { return m_chosen; }
    // Shows the sites matching the filter (the chosen ones first).
    void fill_sites();

private:
    void update();

    std::int64_t m_id = 0;
    std::vector<Site> m_all;
    std::set<std::string> m_chosen;
    std::vector<std::string> m_shown; // the check list's codes
    wxTextCtrl* m_name = nullptr;
    wxChoice* m_type = nullptr;
    wxTextCtrl* m_contact = nullptr;
    std::vector<std::pair<std::string, wxCheckBox*>> m_languages;
    wxTextCtrl* m_other_languages = nullptr;
    wxTextCtrl* m_filter = nullptr;
    wxCheckListBox* m_sites = nullptr;
    wxStaticText* m_sites_note = nullptr;
    wxStaticText* m_problem = nullptr;
    wxButton* m_ok = nullptr;
};

} // namespace mwangaza::gui
