#pragma once
// Dialogs of the Actions page: drafting an action from a template (type-ahead over the
// templates, the risk's area first) and a progress update with evidence files.
#include <wx/dialog.h>

#include <cstdint>
#include <string>
#include <vector>

class wxListBox;
class wxTextCtrl;
class wxStaticText;

namespace mwangaza::core {
struct ActionTemplate;
}

namespace mwangaza::gui {

class DraftActionDialog : public wxDialog {
public:
    // `area`: the risk's area code, whose templates come first.
    DraftActionDialog(wxWindow* parent, std::int64_t risk_id, const std::string& area);

    std::int64_t risk_id() const;
    std::string title() const;
    std::string description() const;
    std::string due_on() const;
    // The chosen template, or nullptr when the text was written from scratch.
    const core::ActionTemplate* chosen() const { return m_chosen; }

    // For tests: type in the search box, pick the first match.
    void search(const wxString& text);
    void pick(int index);
    int matches() const;

private:
    void filter();
    bool TransferDataFromWindow() override;

    std::string m_area;
    std::vector<const core::ActionTemplate*> m_shown;
    const core::ActionTemplate* m_chosen = nullptr;
    wxTextCtrl* m_risk = nullptr;
    wxTextCtrl* m_search = nullptr;
    wxListBox* m_templates = nullptr;
    wxTextCtrl* m_title = nullptr;
    wxTextCtrl* m_description = nullptr;
    wxTextCtrl* m_due = nullptr;
};

class ProgressDialog : public wxDialog {
public:
    ProgressDialog(wxWindow* parent, std::int64_t action_id, const wxString& title);

    std::string note() const;
    const std::vector<std::string>& files() const { return m_files; }

private:
    void add_files();
    bool TransferDataFromWindow() override;

    std::vector<std::string> m_files;
    wxTextCtrl* m_note = nullptr;
    wxListBox* m_list = nullptr;
};

} // namespace mwangaza::gui
