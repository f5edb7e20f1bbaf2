#include "gui/IncidentListCtrl.hpp"

#include "core/Lifecycle.hpp"
#include "gui/Format.hpp"

#include <algorithm>
#include <span>

namespace mwangaza::gui {

namespace {

enum Column { ColDate, ColSite, ColArea, ColStatus, ColReporter, ColDescription };

} // namespace

IncidentListCtrl::IncidentListCtrl(wxWindow* parent, bool multiple)
    : wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                 wxLC_REPORT | wxLC_VIRTUAL | (multiple ? 0 : wxLC_SINGLE_SEL) | wxBORDER_NONE)
{
    SetName("incident_list");
    AppendColumn(_("Date"), wxLIST_FORMAT_LEFT, FromDIP(95));
    AppendColumn(_("Site"), wxLIST_FORMAT_LEFT, FromDIP(85));
    AppendColumn(_("Risk area"), wxLIST_FORMAT_LEFT, FromDIP(235));
    AppendColumn(_("Status"), wxLIST_FORMAT_LEFT, FromDIP(130));
    AppendColumn(_("Reporter"), wxLIST_FORMAT_LEFT, FromDIP(95));
    AppendColumn(_("Description"), wxLIST_FORMAT_LEFT, FromDIP(400));
    // Status labels are few: the column fits the longest in the interface language.
    int status_width = GetTextExtent(_("Status")).x;
    for (auto status : core::all_incident_statuses())
        status_width = std::max(status_width, GetTextExtent(incident_status_label(std::string(core::status_code(status)))).x);
    SetColumnWidth(ColStatus, status_width + FromDIP(18));
    EnableAlternateRowColours();
    Bind(wxEVT_SIZE, [this](wxSizeEvent& e) {
        e.Skip();
        CallAfter([this] { fit_last_column(); });
    });
}

void IncidentListCtrl::fit_last_column()
{
    int used = 0;
    for (int c = 0; c < ColDescription; ++c)
        used += GetColumnWidth(c);
    const int available = GetClientSize().x - used - FromDIP(4);
    SetColumnWidth(ColDescription, std::max(FromDIP(200), available));
}

void IncidentListCtrl::fit_site_column(const wxString& longest_code)
{
    const int width = std::max(GetTextExtent(longest_code).x, GetTextExtent(_("Site")).x) + FromDIP(18);
    SetColumnWidth(ColSite, std::max(FromDIP(70), width));
    fit_last_column();
}

void IncidentListCtrl::attach(SQLite::Database* db)
{
    m_db = db;
    set_ids({});
}

void IncidentListCtrl::set_ids(std::vector<std::int64_t> ids)
{
    m_ids = std::move(ids);
    m_pages.clear();
    m_page_order.clear();
    SetItemCount(long(m_ids.size()));
    if (!m_ids.empty()) {
        EnsureVisible(0);
        // Reporter ids have one length per programme: fit them from the first page.
        int width = GetTextExtent(_("Reporter")).x;
        for (long i = 0; i < std::min<long>(long(m_ids.size()), long(k_page_size)); ++i)
            if (const auto* r = row(i))
                width = std::max(width, GetTextExtent(from_utf8(r->reporter)).x);
        SetColumnWidth(ColReporter, std::min(width + FromDIP(18), FromDIP(160)));
        fit_last_column();
    }
    Refresh();
}

void IncidentListCtrl::update_ids(std::vector<std::int64_t> ids)
{
    m_ids = std::move(ids);
    m_pages.clear();
    m_page_order.clear();
    SetItemCount(long(m_ids.size()));
    Refresh();
}

const store::IncidentRow* IncidentListCtrl::row(long item) const
{
    if (item < 0 || std::size_t(item) >= m_ids.size() || !m_db)
        return nullptr;
    const std::size_t page = std::size_t(item) / k_page_size;
    auto it = m_pages.find(page);
    if (it == m_pages.end()) {
        const std::size_t first = page * k_page_size;
        const std::size_t count = std::min(k_page_size, m_ids.size() - first);
        std::vector<store::IncidentRow> rows;
        try {
            rows = store::load_incidents(*m_db, std::span<const std::int64_t>(m_ids.data() + first, count));
        } catch (const std::exception&) {
            // A read failure shows empty cells rather than failing a paint handler.
        }
        // load_incidents skips unknown ids: keep positions aligned with m_ids.
        std::vector<store::IncidentRow> aligned(count);
        std::size_t r = 0;
        for (std::size_t i = 0; i < count && r < rows.size(); ++i)
            if (rows[r].id == m_ids[first + i])
                aligned[i] = std::move(rows[r++]);
        if (m_page_order.size() >= k_max_pages) {
            m_pages.erase(m_page_order.front());
            m_page_order.pop_front();
        }
        it = m_pages.emplace(page, std::move(aligned)).first;
        m_page_order.push_back(page);
        if (m_marks) {
            if (m_mark_of.size() > k_max_pages * k_page_size)
                m_mark_of.clear();
            const std::span<const std::int64_t> page_ids(m_ids.data() + first, count);
            std::vector<int> marks;
            try {
                marks = m_marks(page_ids);
            } catch (const std::exception&) {
                // Marks are hints: none rather than a failed paint.
            }
            for (std::size_t i = 0; i < marks.size() && i < count; ++i)
                m_mark_of[page_ids[i]] = marks[i];
        }
    }
    const auto& r = it->second[std::size_t(item) % k_page_size];
    return r.id == 0 ? nullptr : &r;
}

wxString IncidentListCtrl::OnGetItemText(long item, long column) const
{
    const store::IncidentRow* r = row(item);
    if (!r)
        return {};
    auto cached_label = [this](const std::string& key, auto make) -> const wxString& {
        auto it = m_labels.find(key);
        if (it == m_labels.end())
            it = m_labels.emplace(key, make()).first;
        return it->second;
    };
    switch (column) {
    case ColDate: return from_utf8(r->observed_on);
    case ColSite: return from_utf8(r->site_code);
    case ColArea: return cached_label("area:" + r->risk_area, [&] { return risk_area_label(r->risk_area); });
    case ColStatus: return cached_label("status:" + r->status, [&] { return incident_status_label(r->status); });
    case ColReporter: return from_utf8(r->reporter);
    case ColDescription:
        if (m_marks)
            if (auto mark = m_mark_of.find(r->id); mark != m_mark_of.end() && mark->second > 0)
                return wxString::FromUTF8("\u2248 ") + wxString::Format("%d", mark->second) + "   " +
                       first_line(r->description);
        return first_line(r->description);
    default: return {};
    }
}

} // namespace mwangaza::gui
