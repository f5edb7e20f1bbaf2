#pragma once
// Recording a workshop during the meeting: the day, attendees (the site's stakeholders
// ticked, free names one per line, with a role after a colon), the drafts to issue
// (ticked: issued in one step), a quick progress note per open action, and the minutes.
// OK writes everything in one transaction (store::record_workshop).
#include "store/WorkshopStore.hpp"

#include <wx/dialog.h>

#include <vector>

class wxCheckListBox;
class wxChoice;
class wxTextCtrl;

namespace mwangaza::store {
class Database;
}

namespace mwangaza::gui {

class WorkshopRecordDialog : public wxDialog {
public:
    WorkshopRecordDialog(wxWindow* parent, store::Database& db, std::int64_t workshop_id);

    wxCheckListBox* stakeholders() const { return m_stakeholders; }
    wxCheckListBox* drafts() const { return m_drafts; }
    wxTextCtrl* minutes() const { return m_minutes; }
    wxTextCtrl* others() const { return m_others; }
    const std::vector<wxTextCtrl*>& progress_notes() const { return m_notes; }
    // Per open action: 0 keeps its status, 1 in progress, 2 implemented.
    const std::vector<wxChoice*>& progress_statuses() const { return m_statuses; }
    const store::WorkshopChoices& choices() const { return m_choices; }

    // Writes the record; false (with the message shown) when the store refuses it.
    bool save();
    const store::WorkshopRecordResult& result() const { return m_result; }

private:
    store::Database& m_db;
    std::int64_t m_workshop_id;
    store::WorkshopChoices m_choices;
    wxTextCtrl* m_day = nullptr;
    wxCheckListBox* m_stakeholders = nullptr;
    wxTextCtrl* m_others = nullptr;
    wxCheckListBox* m_drafts = nullptr;
    std::vector<wxTextCtrl*> m_notes;
    std::vector<wxChoice*> m_statuses;
    wxTextCtrl* m_minutes = nullptr;
    store::WorkshopRecordResult m_result;
};

} // namespace mwangaza::gui
