#pragma once
// The Workshops page: every site with its last and next monthly CAP workshop; plan the
// next one, record one (WorkshopRecordDialog), and export the workshop pack (PDF or
// HTML) on a background thread with a progress gauge and a cancel button.
#include <wx/panel.h>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

class wxButton;
class wxGauge;
class wxListCtrl;
class wxStaticText;

namespace mwangaza::store {
class Database;
struct SiteWorkshops;
} // namespace mwangaza::store

namespace mwangaza::gui {

class WorkshopPanel : public wxPanel {
public:
    explicit WorkshopPanel(wxWindow* parent);
    ~WorkshopPanel() override;

    void attach(store::Database* db);
    // Reloads the sites when the page is shown and something changed.
    void activate();
    void mark_stale() { m_stale = true; }

    // For tests and the buttons: the site shown in row `row`, its code.
    wxListCtrl* sites() const { return m_list; }
    std::optional<std::string> selected_site() const;
    void select_site(const std::string& code);
    // The workshop the Record button records: the next planned, else the last held.
    std::optional<std::int64_t> workshop_to_record() const;

    // Plans a workshop at the selected site; shows errors to the person.
    bool plan(const std::string& day, const std::string& facilitator);
    // Starts writing the pack of the selected site's workshop month to `file`.
    bool export_pack(const std::filesystem::path& file, const std::string& month);
    bool exporting() const { return m_export_running.load(); }
    const wxString& last_message() const { return m_message; }

private:
    void reload();
    void update_buttons();
    void on_plan();
    void on_record();
    void on_export();
    void on_cancel_export();
    void show_message(const wxString& text, bool error);

    store::Database* m_db = nullptr;
    bool m_stale = true;
    wxListCtrl* m_list = nullptr;
    wxButton* m_plan = nullptr;
    wxButton* m_record = nullptr;
    wxButton* m_export = nullptr;
    wxButton* m_cancel = nullptr;
    wxGauge* m_gauge = nullptr;
    wxStaticText* m_status = nullptr;
    wxString m_message;
    std::vector<store::SiteWorkshops> m_rows;

    std::thread m_export_thread;
    std::atomic<bool> m_export_running{false};
    std::shared_ptr<std::atomic<bool>> m_export_cancel;
    std::shared_ptr<bool> m_alive;
};

} // namespace mwangaza::gui
