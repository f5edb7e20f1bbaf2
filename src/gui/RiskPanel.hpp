#pragma once
// The Risks page: the programme-wide view by level (from the tallies the database keeps),
// the risk register in a sortable virtual list with filters (site code, level, red flag,
// text), and the selected risk's detail: verified incidents per month, assessment history
// with the matrix version used, and a new assessment on the 5x5 matrix of the current
// version (click a cell, or arrows and Enter), with its rationale and, for a red-flagged
// risk, the escalation decision and its date. A red-flagged risk also gets a decision on
// its own ("Record decision...") and the review of its mitigation plan ("Record
// review..."), each in a small dialog; the detail lists its decisions and reviews, and the
// register shows the current decision and an overdue review. "Edit matrix..." writes a new
// matrix version. Reads run on a background thread; an assessment is written at once.
#include "core/RiskMatrix.hpp"
#include "gui/RiskDecisionDialog.hpp"
#include "store/RiskRegister.hpp"

#include <wx/panel.h>
#include <wx/string.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

class wxButton;
class wxCheckBox;
class wxChoice;
class wxListCtrl;
class wxListEvent;
class wxStaticText;
class wxTextCtrl;

namespace mwangaza::store {
class Database;
}

namespace mwangaza::gui {

class DatabaseWorker;
class RiskListCtrl;
class RiskMatrixCtrl;
class RiskTrendChart;

class RiskPanel : public wxPanel {
public:
    explicit RiskPanel(wxWindow* parent);
    ~RiskPanel() override;

    // The programme read and written; nullptr detaches. Nothing is read until the page is
    // activated (shown).
    void attach(store::Database* db);
    // The page is shown: reads the view and the register if they are not read yet or
    // stale (after triage verified incidents).
    void activate();
    void mark_stale() { m_stale = true; }
    // Follows the main window's site list: a site's code, or "" for all sites (a country
    // or province shows every site). Reads again now if the page is shown, else when it is.
    void set_site_scope(const std::string& site_code);
    // Reads the view and the register again (background), keeping the selected risk.
    void reload();
    bool loading() const { return m_loading || m_detail_loading; }

    // Shows the risk with this id (selects its row when the list holds it).
    void select_risk(std::int64_t id);
    std::optional<std::int64_t> selected_risk() const { return m_selected; }
    // The register as listed (the filter applied), in the store's order.
    const store::RegisterList& rows() const { return m_register; }

    // Records the assessment the form holds; false (and says why on the page) when refused.
    bool save_assessment();

    // Opens the dialog of an escalation decision or a review for the selected risk (modal);
    // true when one was recorded.
    bool record_decision();
    bool record_review();

    // Called after an assessment, a decision or review, or a new matrix version was written.
    void set_changed_listener(std::function<void()> listener) { m_changed = std::move(listener); }

    RiskListCtrl* list() const { return m_list; }
    wxListCtrl* register_list() const; // the same, as a list control
    RiskMatrixCtrl* matrix_ctrl() const { return m_matrix; }
    wxTextCtrl* rationale() const { return m_rationale; }
    wxChoice* decision() const { return m_decision; }
    wxTextCtrl* decision_date() const { return m_decision_date; }
    wxButton* save_button() const { return m_save; }
    wxButton* decide_button() const { return m_decide; }
    wxButton* review_button() const { return m_review; }
    wxListCtrl* decisions_list() const { return m_decisions; }
    wxStaticText* feedback() const { return m_feedback; }

private:
    // The decision or review dialog for the selected risk: `write` records what it holds
    // (its errors are shown in the dialog, which stays open); then the page is read again.
    bool run_decision_dialog(RiskDecisionDialog::Kind kind,
                             const std::function<void(const store::RiskRow&, const RiskDecisionDialog::Fields&)>& write);
    void build();
    void on_selected(wxListEvent&);
    void load_detail(std::int64_t id);
    void show_detail();
    void update_preview();
    void edit_matrix();
    void say(const wxString& text, bool problem = false);
    void wrap_texts();
    std::string actor() const;
    store::RiskFilter current_filter() const;

    store::Database* m_db = nullptr;
    std::unique_ptr<DatabaseWorker> m_worker;
    std::shared_ptr<bool> m_alive;
    int m_generation = 0;
    int m_detail_generation = 0;
    bool m_loading = false;
    bool m_detail_loading = false;
    bool m_stale = true;
    int m_wrap_width = 0;
    wxString m_facts_text;
    store::RegisterList m_register;
    std::optional<std::int64_t> m_selected;
    std::optional<store::RiskDetail> m_detail;
    std::optional<core::RiskMatrix> m_current_matrix;
    std::function<void()> m_changed;

    wxStaticText* m_overview = nullptr;
    wxTextCtrl* m_site_filter = nullptr;
    wxChoice* m_level_filter = nullptr;
    wxCheckBox* m_red_filter = nullptr;
    wxTextCtrl* m_text_filter = nullptr;
    wxStaticText* m_count = nullptr;
    RiskListCtrl* m_list = nullptr;
    wxStaticText* m_title = nullptr;
    wxStaticText* m_facts = nullptr;
    RiskTrendChart* m_trend = nullptr;
    wxListCtrl* m_history = nullptr;
    RiskMatrixCtrl* m_matrix = nullptr;
    wxStaticText* m_preview = nullptr;
    wxTextCtrl* m_rationale = nullptr;
    wxChoice* m_decision = nullptr;
    wxTextCtrl* m_decision_date = nullptr;
    wxButton* m_save = nullptr;
    wxButton* m_decide = nullptr;
    wxButton* m_review = nullptr;
    wxListCtrl* m_decisions = nullptr;
    wxButton* m_edit_matrix = nullptr;
    wxStaticText* m_feedback = nullptr;
};

} // namespace mwangaza::gui
