#pragma once
// The incidents list: a virtual wxListCtrl over a vector of incident ids. Rows are read
// from the database a page at a time when they are first shown and kept in a small
// cache, so a million incidents scroll smoothly.
#include "store/Browse.hpp"

#include <wx/listctrl.h>

#include <cstdint>
#include <deque>
#include <functional>
#include <span>
#include <unordered_map>
#include <vector>

namespace SQLite {
class Database;
}

namespace mwangaza::gui {

class IncidentListCtrl : public wxListCtrl {
public:
    // `multiple`: several rows can be selected (the triage queue's batch decisions).
    explicit IncidentListCtrl(wxWindow* parent, bool multiple = false);

    // The connection rows are read from (UI thread only); nullptr detaches.
    void attach(SQLite::Database* db);

    // Shows these incidents, in this order.
    void set_ids(std::vector<std::int64_t> ids);
    const std::vector<std::int64_t>& ids() const { return m_ids; }

    // Shows these incidents without scrolling back to the top, and reads the rows again
    // (after a decision changed some: they leave the list or show their new values).
    void update_ids(std::vector<std::int64_t> ids);

    // A count per row shown before its description ("≈ 2": the triage queue's possible
    // duplicates), computed for each page of rows when it is read. Empty: no marks.
    using Marks = std::function<std::vector<int>(std::span<const std::int64_t> ids)>;
    void set_marks(Marks marks) { m_marks = std::move(marks); }

    // Widens the site column to fit codes as long as `longest_code`.
    void fit_site_column(const wxString& longest_code);

    // The row behind a list item (loads its page if needed); nullptr out of range.
    const store::IncidentRow* row(long item) const;

protected:
    wxString OnGetItemText(long item, long column) const override;

private:
    void fit_last_column();

    static constexpr std::size_t k_page_size = 200;
    static constexpr std::size_t k_max_pages = 48;

    SQLite::Database* m_db = nullptr;
    std::vector<std::int64_t> m_ids;
    mutable std::unordered_map<std::size_t, std::vector<store::IncidentRow>> m_pages;
    mutable std::deque<std::size_t> m_page_order; // oldest first
    mutable std::unordered_map<std::string, wxString> m_labels;
    Marks m_marks;
    mutable std::unordered_map<std::int64_t, int> m_mark_of; // by incident id, for the pages read
};

} // namespace mwangaza::gui
