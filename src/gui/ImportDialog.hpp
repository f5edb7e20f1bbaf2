#pragma once
// File > Import incidents: choose a field export (CSV, XLSX, GeoJSON, GeoPackage); the
// intake helper describes it off the UI thread (format recognised, columns, first rows);
// the mapping editor shows and changes the binding and value mappings, which can be saved
// as named mapping profiles in the database; "Check" runs a dry run and lists what would
// happen (counts and every diagnostic, sortable, copied or exported as CSV); "Import"
// runs the import in the helper with a progress gauge and Cancel. The workbench never
// loads GDAL: every read of the file happens in the helper process.
#include "gui/IntakeProcess.hpp"

#include <wx/dialog.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

class wxButton;
class wxChoice;
class wxGauge;
class wxListCtrl;
class wxListEvent;
class wxNotebook;
class wxStaticText;
class wxTextCtrl;

namespace mwangaza::gui {

class MappingEditor;

struct ImportDiagnosticRow {
    std::int64_t row = 0;
    std::string column;
    std::string severity;
    std::string message;
};

// What the last check or import run ended with.
struct ImportRunResult {
    bool finished = false; // a run ended (check or import)
    bool dry_run = false;
    int status = -1;       // helper exit status: 0 processed, 2 rejected, 130 cancelled
    std::int64_t read = 0, imported = 0, updated = 0, unchanged = 0, skipped = 0, conflicts = 0;
    std::string profile;
    std::vector<ImportDiagnosticRow> diagnostics;
    std::string error; // rejected or failed: why
};

class ImportDialog : public wxDialog {
public:
    // `database`: the programme the incidents go into. `on_imported` runs (on the UI
    // thread) after an import that wrote something, so the main window can refresh.
    ImportDialog(wxWindow* parent, std::filesystem::path database, std::function<void()> on_imported = {});
    ~ImportDialog() override;

    // Describes `file` in the helper (asynchronous; see busy()).
    void open_file(const std::filesystem::path& file);
    // Runs a dry run, or the import (asynchronous).
    void check();
    void run_import();
    // Stops a running check or import (the helper writes nothing).
    void cancel();

    // Mapping profiles saved in the database.
    void save_profile(const std::string& name);
    // Describes the file again with the saved profile applied ("" for none).
    void use_profile(const std::string& name);
    bool delete_profile(const std::string& name);
    std::vector<std::string> profile_names() const;

    bool busy() const { return m_busy; }
    bool described() const { return m_described; }
    const ImportRunResult& result() const { return m_result; }
    // The message shown in the error strip ("" when none).
    wxString error_text() const;
    // The stage text beside the gauge.
    wxString progress_text() const;
    // The recognised format line.
    wxString format_text() const;
    MappingEditor* editor() const { return m_editor; }
    wxListCtrl* diagnostics_list() const { return m_diagnostics; }
    // Sorts the diagnostics list by a column (0 row, 1 column, 2 severity, 3 message).
    void sort_diagnostics(int column, bool ascending);
    // The diagnostics as CSV (header row; the current order).
    std::string diagnostics_csv() const;

private:
    void build();
    void describe(const std::string& profile_name);
    void start_run(bool dry_run);
    std::vector<std::string> common_arguments() const;
    std::string forced_format() const;
    void set_busy(bool busy, const wxString& stage = {});
    void show_error(const wxString& message);
    wxString missing_message() const;
    void on_described(IntakeOutcome outcome);
    void on_run_done(IntakeOutcome outcome, bool dry_run);
    void show_result();
    void fill_diagnostics();
    void reload_profiles(const std::string& select = {});
    void update_buttons();
    void on_choose_file(wxCommandEvent&);
    void on_diagnostic_column(wxListEvent& event);
    void copy_diagnostics();
    void export_diagnostics();

    std::filesystem::path m_database;
    std::function<void()> m_on_imported;
    std::filesystem::path m_file;
    std::filesystem::path m_mapping_file; // temporary profile handed to the helper
    IntakeProcess m_process;
    std::shared_ptr<bool> m_alive;
    bool m_busy = false;
    bool m_cancel_requested = false;
    bool m_described = false;
    bool m_file_readable = false;
    std::string m_profile_name; // the saved profile in use ("" for none)
    std::string m_recognised;   // the recogniser the helper chose
    ImportRunResult m_result;
    int m_sort_column = 0;
    bool m_sort_ascending = true;

    wxTextCtrl* m_file_text = nullptr;
    wxButton* m_choose = nullptr;
    wxChoice* m_format = nullptr;
    wxStaticText* m_format_info = nullptr;
    wxChoice* m_profiles = nullptr;
    wxButton* m_save_profile = nullptr;
    wxButton* m_delete_profile = nullptr;
    wxStaticText* m_error = nullptr;
    wxNotebook* m_pages = nullptr;
    MappingEditor* m_editor = nullptr;
    wxStaticText* m_summary_title = nullptr;
    std::vector<wxStaticText*> m_figures; // read, imported, updated, unchanged, skipped, conflicts
    std::vector<wxStaticText*> m_figure_labels;
    wxListCtrl* m_diagnostics = nullptr;
    wxButton* m_copy = nullptr;
    wxButton* m_export = nullptr;
    wxGauge* m_gauge = nullptr;
    wxStaticText* m_stage = nullptr;
    wxButton* m_check = nullptr;
    wxButton* m_import = nullptr;
    wxButton* m_cancel = nullptr;
    wxButton* m_close = nullptr;
};

} // namespace mwangaza::gui
