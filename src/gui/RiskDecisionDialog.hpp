#pragma once
// The small dialogs of a red-flagged (OECD Annex II) risk on the Risks page: an escalation
// decision (suspend, disengage, mitigate) with its date and rationale, recorded without a
// new assessment, and the review of a mitigation plan with its date and a note. OK hands
// the fields to `save`, which writes them and returns "" or the reason it refused; the
// dialog closes only on success and shows the reason otherwise.
#include <wx/dialog.h>

#include <functional>
#include <optional>
#include <string>

class wxChoice;
class wxStaticText;
class wxTextCtrl;

namespace mwangaza::store {
struct RiskRow;
}

namespace mwangaza::gui {

class RiskDecisionDialog : public wxDialog {
public:
    enum class Kind { Decision, Review };
    struct Fields {
        std::optional<int> decision; // Decision: 0 suspend, 1 disengage, 2 mitigate
        std::string on;              // YYYY-MM-DD as typed
        std::string note;            // rationale or review note
    };
    using Save = std::function<std::string(const Fields&)>;

    RiskDecisionDialog(wxWindow* parent, Kind kind, const store::RiskRow& risk, Save save);

    Kind kind() const { return m_kind; }
    wxChoice* decision() const { return m_decision; } // nullptr for a review
    wxTextCtrl* date() const { return m_date; }
    wxTextCtrl* note() const { return m_note; }
    wxStaticText* problem() const { return m_problem; }
    // What OK does (tests call it as the button would).
    void press_ok();

private:
    void update_hint();

    Kind m_kind;
    Save m_save;
    wxChoice* m_decision = nullptr;
    wxTextCtrl* m_date = nullptr;
    wxTextCtrl* m_note = nullptr;
    wxStaticText* m_hint = nullptr;
    wxStaticText* m_problem = nullptr;
};

} // namespace mwangaza::gui
