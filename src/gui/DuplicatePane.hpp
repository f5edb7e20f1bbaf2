#pragma once
// The triage page's side-by-side view of an incident and one of its possible duplicates
// (store/IncidentDuplicates.hpp): date, submission, site, risk area, reporter, people
// affected, photos and description in two columns, the values that differ marked, and
// which of the two a merge keeps (by default the earliest reported, or the verified one).
// The triage panel owns the keys (D shows or hides the view, C the next candidate, M
// merges) and the merge itself, so that Ctrl+Z undoes it like any decision.
#include <wx/panel.h>

#include <cstdint>
#include <functional>
#include <vector>

#include "store/IncidentDuplicates.hpp"

class wxButton;
class wxFlexGridSizer;
class wxScrolledWindow;
class wxStaticText;
class wxTextCtrl;

namespace SQLite {
class Database;
}

namespace mwangaza::gui {

class DuplicatePane : public wxPanel {
public:
    explicit DuplicatePane(wxWindow* parent);

    // The connection candidates are read from (UI thread); nullptr detaches.
    void attach(SQLite::Database* db) { m_db = db; }

    // Reads the candidates of incident `id` and shows the best one; returns how many there
    // are (0: nothing to show). 0 clears the view.
    std::size_t load(std::int64_t id);

    std::size_t count() const { return m_candidates.size(); }
    std::int64_t incident_id() const { return m_id; }
    // The candidate shown, 0 when none.
    std::int64_t candidate_id() const;
    // The similarity of the candidate shown.
    const core::Similarity* similarity() const;
    // Of the two shown, the one a merge keeps, and the other.
    std::int64_t kept_id() const { return m_kept; }
    std::int64_t merged_id() const;

    // Shows the next candidate (wraps around).
    void next_candidate();

    // The buttons call these (the triage panel does the work).
    void set_actions(std::function<void()> merge, std::function<void()> next, std::function<void()> hide);

private:
    void show_candidate();

    SQLite::Database* m_db = nullptr;
    std::int64_t m_id = 0;
    std::int64_t m_kept = 0;
    std::size_t m_shown = 0;
    int m_wrap_width = 0; // the width values were wrapped for
    std::vector<store::DuplicateCandidate> m_candidates;
    wxStaticText* m_title = nullptr;
    wxStaticText* m_scores = nullptr;
    wxButton* m_merge = nullptr;
    wxButton* m_next = nullptr;
    wxButton* m_hide = nullptr;
    wxScrolledWindow* m_body = nullptr;
    wxFlexGridSizer* m_grid = nullptr;
    std::function<void()> m_on_merge, m_on_next, m_on_hide;
};

} // namespace mwangaza::gui
