#pragma once
// The triage page: the queue of incidents awaiting a decision (new, in review, needs
// information) in a virtual list with filters, a detail pane, and single keys for the
// decisions so an expert works through the queue without the mouse:
//   J / Down next, K / Up previous, S start review, V verify, R reject (asks the reason),
//   N needs information (asks a note), A change the risk area (type-ahead over codes and
//   translated labels), T change the site (type-ahead over codes and names), D show or
//   hide a possible duplicate side by side, C the next candidate, M merge the two shown,
//   Ctrl+Z undo of the last decision, correction or merge.
// Decisions apply to every selected incident, in one transaction. A decision that needs
// the intermediate review step (V, R or N on a new incident) records both steps, so the
// expert presses once. Undo restores the statuses the decision replaced, through
// store::undo_incident_statuses (its own history and audit entries, marked as an undo).
#include "core/Lifecycle.hpp"
#include "store/IncidentEdit.hpp"
#include "store/IncidentStatusChange.hpp"

#include <wx/panel.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

class wxKeyEvent;
class wxStaticText;
class wxTextCtrl;

namespace mwangaza::store {
class Database;
}

namespace mwangaza::gui {

class DatabaseWorker;
class DuplicatePane;
class IncidentListCtrl;
class TriageFilterBar;
struct Scope;

class TriagePanel : public wxPanel {
public:
    explicit TriagePanel(wxWindow* parent);
    ~TriagePanel() override;

    // The programme the queue reads and writes; nullptr detaches.
    void attach(store::Database* db);

    // Reads the queue again with the current filters, keeping the selected incident. The
    // query runs on a background thread (the page says "Searching..." meanwhile); a newer
    // reload makes an older one's result be dropped (and interrupts its query).
    void reload();
    // True from a reload until its result is shown.
    bool loading() const { return m_loading; }

    // Filters: status choice 0 is "awaiting triage" (new, in review, needs information),
    // then one status each; area "" is every area. Reloads.
    void set_filters(int status_choice, const std::string& area, const wxString& text);
    // Follows the main window's site list (a site, province, country or all). Reloads
    // when the page is shown.
    void set_scope(const Scope& scope);
    TriageFilterBar* filters() const { return m_filters; }
    // Runs on the background thread before each queue query: tests hold a query in
    // flight with it to see the window stay responsive.
    void set_query_hook(std::function<void()> hook) { m_query_hook = std::move(hook); }

    // Asks a person for a reason or note; nullopt when they cancel. Tests replace it.
    using Prompt = std::function<std::optional<wxString>(const wxString& title, const wxString& message)>;
    void set_prompt(Prompt prompt) { m_prompt = std::move(prompt); }

    // Ask for a risk area or site code (the current one given); nullopt when cancelled.
    using CodePrompt = std::function<std::optional<std::string>(const std::string& current)>;
    void set_area_prompt(CodePrompt prompt) { m_area_prompt = std::move(prompt); }
    void set_site_prompt(CodePrompt prompt) { m_site_prompt = std::move(prompt); }

    // Called after every decision or undo (the main window refreshes its figures).
    void set_changed_listener(std::function<void()> listener) { m_changed = std::move(listener); }

    // Keyboard entry point (the list forwards its key presses here). True when handled.
    bool handle_key(int key_code, bool control);

    // Moves the selection to one item (clears the others) and shows its details.
    void select_item(long item);

    IncidentListCtrl* list() const { return m_list; }
    const wxTextCtrl* detail() const { return m_detail; }
    const wxStaticText* feedback() const { return m_feedback; }
    // The side-by-side view of the current incident and a possible duplicate (D, C, M).
    DuplicatePane* duplicates() const { return m_duplicates; }
    std::int64_t current_id() const { return m_current_id; }

private:
    struct Decision {
        std::vector<store::IncidentStatusUndo> undo;
        std::vector<store::IncidentAreaChange> restore_areas; // for a risk area correction
        std::vector<store::IncidentSiteChange> restore_sites; // for a site correction
        wxString summary;
    };

    void build_filters(wxSizer* sizer);
    void show_queue(std::vector<std::int64_t> ids, std::int64_t total);
    void show_count();
    // After a change made here: these incidents leave the list (the others show their
    // new values), the selection moves to `next` (or stays), no query runs again.
    void update_in_place(const std::vector<std::int64_t>& leaving, std::int64_t next);
    void on_key(wxKeyEvent& event);
    void on_selection();
    void show_detail(std::int64_t id);
    void decide(core::IncidentStatus to);
    void change_area();
    void change_site();
    // Gives every incident of `ids` the same area or site through `apply` (a store
    // correction returning the values it replaced); the changes that restore them, or
    // nullopt when nothing was changed (the reason is said).
    template <typename Change, typename Apply>
    std::optional<std::vector<Change>> correct(const std::vector<std::int64_t>& ids, const std::string& value,
                                               Apply apply);
    // Duplicates (TriageDuplicates.cpp): the view follows the current incident; M merges
    // the two shown (one kept, the other rejected as its duplicate), undone by Ctrl+Z.
    void build_duplicates(wxWindow* holder, wxSizer* holder_sizer);
    void show_duplicates_of(std::int64_t id);
    void toggle_duplicates();
    void merge_duplicate();
    std::vector<std::int64_t> selected_ids(std::string* area, std::string* site_code) const;
    void record(Decision decision, const std::vector<std::int64_t>& leaving, bool read_again);
    void undo();
    void say(const wxString& text, bool problem = false);
    std::vector<long> selected_items() const;
    std::string actor() const;

    store::Database* m_db = nullptr;
    IncidentListCtrl* m_list = nullptr;
    wxTextCtrl* m_detail = nullptr;
    TriageFilterBar* m_filters = nullptr;
    wxStaticText* m_count = nullptr;
    wxStaticText* m_feedback = nullptr;
    std::unique_ptr<DatabaseWorker> m_worker;  // the queue queries
    std::shared_ptr<bool> m_alive;             // false once the panel is gone
    int m_generation = 0;                      // of the latest reload
    bool m_loading = false;
    std::int64_t m_total = 0;                  // incidents with the filter's statuses, whole programme
    std::function<void()> m_query_hook;
    std::vector<Decision> m_undo;
    std::int64_t m_current_id = 0;
    Prompt m_prompt;
    CodePrompt m_area_prompt;
    CodePrompt m_site_prompt;
    std::function<void()> m_changed;
    DuplicatePane* m_duplicates = nullptr;
    bool m_show_duplicates = true; // shown when the current incident has candidates
};

} // namespace mwangaza::gui
