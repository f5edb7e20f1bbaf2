#include "gui/ImportDialog.hpp"

#include "core/JsonReader.hpp"
#include "gui/DialogButtons.hpp"
#include "gui/Format.hpp"
#include "gui/Language.hpp"
#include "gui/MappingEditor.hpp"
#include "store/Database.hpp"
#include "store/MappingProfileStore.hpp"

#include <wx/app.h>
#include <wx/button.h>
#include <wx/choice.h>
#include <wx/clipbrd.h>
#include <wx/filedlg.h>
#include <wx/gauge.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/notebook.h>
#include <wx/panel.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/textdlg.h>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <fstream>

namespace mwangaza::gui {

namespace {

// The recognisers the helper knows, as the format choice lists them.
const char* const k_formats[] = {"auto", "kobo", "odk", "generic"};

wxString format_name(const std::string& recogniser)
{
    if (recogniser == "kobo")
        return _("KoboToolbox export");
    if (recogniser == "odk")
        return _("ODK Central export");
    if (recogniser == "generic")
        return _("Other table (generic)");
    return from_utf8(recogniser);
}

wxString severity_label(const std::string& severity)
{
    if (severity == "error")
        return _("error");
    if (severity == "warning")
        return _("warning");
    return _("info");
}

std::string csv_cell(const std::string& v)
{
    if (v.find_first_of(",\"\r\n") == std::string::npos)
        return v;
    std::string q = "\"";
    for (char c : v)
        q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

// Bold text, sized for the bold font (a label sized before its font changes is cut).
wxStaticText* bold_label(wxWindow* parent, const wxString& text)
{
    auto* label = new wxStaticText(parent, wxID_ANY, wxString());
    label->SetFont(parent->GetFont().Bold());
    label->SetLabel(text);
    return label;
}

std::filesystem::path temporary_mapping_path()
{
    static std::atomic<int> counter{0};
    return std::filesystem::temp_directory_path() /
           ("mwangaza-mapping-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".json");
}

// The message of a helper run that printed no usable JSON: its stderr, first line
// without the program name.
wxString helper_message(const IntakeOutcome& o)
{
    if (!o.start_error.empty())
        return wxString::Format(_("The import helper could not be started (%s). Reinstall Mwangaza."),
                                from_utf8(o.start_error));
    std::string text = o.err;
    if (text.rfind("mwangaza-cli: ", 0) == 0)
        text = text.substr(14);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
        text.pop_back();
    if (text.empty())
        return wxString::Format(_("The import helper stopped unexpectedly (status %d)."), o.status);
    return from_utf8(text);
}

} // namespace

ImportDialog::ImportDialog(wxWindow* parent, std::filesystem::path database, std::function<void()> on_imported)
    : wxDialog(parent, wxID_ANY, _("Import incidents"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER | wxMAXIMIZE_BOX),
      m_database(std::move(database)), m_on_imported(std::move(on_imported)), m_alive(std::make_shared<bool>(true))
{
    SetName("import_dialog");
    build();
    show_result();
    reload_profiles();
    update_buttons();
    SetMinSize(FromDIP(wxSize(900, 640)));
    SetSize(FromDIP(wxSize(1180, 920)));
    CentreOnParent();
}

ImportDialog::~ImportDialog()
{
    *m_alive = false;
    m_process.interrupt();
    std::error_code ec;
    if (!m_mapping_file.empty())
        std::filesystem::remove(m_mapping_file, ec);
}

void ImportDialog::build()
{
    const int pad = FromDIP(10);
    auto* sizer = new wxBoxSizer(wxVERTICAL);

    auto* top = new wxFlexGridSizer(3, FromDIP(8), FromDIP(8));
    top->AddGrowableCol(1, 1);
    top->Add(new wxStaticText(this, wxID_ANY, _("Field export:")), 0, wxALIGN_CENTER_VERTICAL);
    m_file_text = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxTE_READONLY);
    m_file_text->SetHint(_("Choose a CSV, XLSX, GeoJSON or GeoPackage file exported from KoboToolbox, ODK Central or a spreadsheet"));
    top->Add(m_file_text, 1, wxEXPAND);
    m_choose = new wxButton(this, wxID_ANY, _("C&hoose File..."));
    top->Add(m_choose, 0, wxEXPAND);

    top->Add(new wxStaticText(this, wxID_ANY, _("Format:")), 0, wxALIGN_CENTER_VERTICAL);
    auto* format_row = new wxBoxSizer(wxHORIZONTAL);
    m_format = new wxChoice(this, wxID_ANY);
    m_format->Append(_("Recognise automatically"));
    m_format->Append(format_name("kobo"));
    m_format->Append(format_name("odk"));
    m_format->Append(format_name("generic"));
    m_format->SetSelection(0);
    format_row->Add(m_format, 0, wxALIGN_CENTER_VERTICAL);
    m_format_info = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                                     wxST_NO_AUTORESIZE | wxST_ELLIPSIZE_END);
    m_format_info->SetName("import_format_info");
    format_row->Add(m_format_info, 1, wxALIGN_CENTER_VERTICAL | wxLEFT, FromDIP(12));
    top->Add(format_row, 1, wxEXPAND);
    top->AddSpacer(0);

    top->Add(new wxStaticText(this, wxID_ANY, _("Mapping profile:")), 0, wxALIGN_CENTER_VERTICAL);
    auto* profile_row = new wxBoxSizer(wxHORIZONTAL);
    m_profiles = new wxChoice(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(320, -1)));
    profile_row->Add(m_profiles, 0, wxALIGN_CENTER_VERTICAL);
    m_save_profile = new wxButton(this, wxID_ANY, _("&Save Profile As..."));
    m_delete_profile = new wxButton(this, wxID_ANY, _("&Delete Profile"));
    profile_row->Add(m_save_profile, 0, wxLEFT, FromDIP(8));
    profile_row->Add(m_delete_profile, 0, wxLEFT, FromDIP(8));
    top->Add(profile_row, 1, wxEXPAND);
    top->AddSpacer(0);
    sizer->Add(top, 0, wxEXPAND | wxALL, pad);

    m_error = new wxStaticText(this, wxID_ANY, wxString());
    m_error->SetName("import_error");
    m_error->SetForegroundColour(wxColour(176, 0, 32));
    m_error->SetFont(GetFont().Bold());
    sizer->Add(m_error, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, pad);
    m_error->Hide();

    m_pages = new wxNotebook(this, wxID_ANY);
    m_editor = new MappingEditor(m_pages);
    m_pages->AddPage(m_editor, _("Mapping"), true);

    auto* result = new wxPanel(m_pages);
    auto* rs = new wxBoxSizer(wxVERTICAL);
    m_summary_title = new wxStaticText(result, wxID_ANY, _("Nothing checked yet: Check shows what the import would do, without writing."));
    m_summary_title->SetName("import_summary");
    m_summary_title->SetFont(GetFont().Bold().Larger());
    rs->Add(m_summary_title, 0, wxALL, pad);
    auto* cards = new wxGridSizer(6, FromDIP(8), FromDIP(8));
    const wxString labels[] = {_("Rows read"), _("Imported"), _("Updated"), _("Unchanged"), _("Skipped"), _("Conflicts")};
    for (const auto& label : labels) {
        auto* card = new wxPanel(result, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxBORDER_THEME);
        auto* cs = new wxBoxSizer(wxVERTICAL);
        auto* number = new wxStaticText(card, wxID_ANY, "-", wxDefaultPosition, wxDefaultSize, wxALIGN_CENTRE_HORIZONTAL);
        number->SetFont(GetFont().Bold().Scaled(1.8f));
        auto* caption = new wxStaticText(card, wxID_ANY, label, wxDefaultPosition, wxDefaultSize, wxALIGN_CENTRE_HORIZONTAL);
        cs->Add(number, 0, wxEXPAND | wxTOP | wxLEFT | wxRIGHT, FromDIP(8));
        cs->Add(caption, 0, wxEXPAND | wxALL, FromDIP(8));
        card->SetSizer(cs);
        cards->Add(card, 1, wxEXPAND);
        m_figures.push_back(number);
        m_figure_labels.push_back(caption);
    }
    rs->Add(cards, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, pad);
    auto* diag_title = bold_label(result, _("Diagnostics (click a column title to sort)"));
    rs->Add(diag_title, 0, wxEXPAND | wxLEFT | wxRIGHT, pad);
    m_diagnostics = new wxListCtrl(result, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT);
    m_diagnostics->SetName("import_diagnostics");
    m_diagnostics->AppendColumn(_("Row"), wxLIST_FORMAT_RIGHT, FromDIP(70));
    m_diagnostics->AppendColumn(_("Column"), wxLIST_FORMAT_LEFT, FromDIP(220));
    m_diagnostics->AppendColumn(_("Severity"), wxLIST_FORMAT_LEFT, FromDIP(100));
    m_diagnostics->AppendColumn(_("Message"), wxLIST_FORMAT_LEFT, FromDIP(700));
    rs->Add(m_diagnostics, 1, wxEXPAND | wxALL, pad);
    auto* diag_buttons = new wxBoxSizer(wxHORIZONTAL);
    m_copy = new wxButton(result, wxID_ANY, _("Cop&y Diagnostics"));
    m_export = new wxButton(result, wxID_ANY, _("&Export as CSV..."));
    diag_buttons->Add(m_copy, 0);
    diag_buttons->Add(m_export, 0, wxLEFT, FromDIP(8));
    rs->Add(diag_buttons, 0, wxLEFT | wxRIGHT | wxBOTTOM, pad);
    result->SetSizer(rs);
    m_pages->AddPage(result, _("Result"));
    sizer->Add(m_pages, 1, wxEXPAND | wxLEFT | wxRIGHT, pad);

    auto* bottom = new wxBoxSizer(wxHORIZONTAL);
    auto* progress = new wxBoxSizer(wxVERTICAL);
    m_gauge = new wxGauge(this, wxID_ANY, 1000, wxDefaultPosition, FromDIP(wxSize(-1, 14)));
    m_stage = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxST_NO_AUTORESIZE);
    m_stage->SetName("import_stage");
    progress->Add(m_gauge, 0, wxEXPAND);
    progress->Add(m_stage, 0, wxEXPAND | wxTOP, FromDIP(4));
    bottom->Add(progress, 1, wxALIGN_CENTER_VERTICAL | wxRIGHT, pad);
    m_check = new wxButton(this, wxID_ANY, _("&Check"));
    m_check->SetToolTip(_("Dry run: show what the import would do, write nothing"));
    m_import = new wxButton(this, wxID_ANY, _("&Import"));
    m_cancel = new wxButton(this, wxID_ANY, _("Cancel"));
    m_close = new wxButton(this, wxID_ANY, _("Close")); // not wxID_CLOSE: GTK would show its stock label
    for (auto* b : {m_check, m_import, m_cancel, m_close})
        bottom->Add(b, 0, wxLEFT | wxALIGN_CENTER_VERTICAL, FromDIP(6));
    sizer->Add(bottom, 0, wxEXPAND | wxALL, pad);
    SetSizer(sizer);
    SetEscapeId(m_close->GetId());

    m_choose->Bind(wxEVT_BUTTON, &ImportDialog::on_choose_file, this);
    m_format->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
        if (!m_file.empty())
            describe(m_profile_name);
    });
    m_profiles->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
        const int i = m_profiles->GetSelection();
        use_profile(i <= 0 ? std::string() : m_profiles->GetString(unsigned(i)).utf8_string());
    });
    m_save_profile->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        wxTextEntryDialog ask(this, _("Save the columns and value mappings under this name:"), _("Save Mapping Profile"),
                              from_utf8(m_profile_name));
        label_stock_buttons(ask);
        if (ask.ShowModal() != wxID_OK)
            return;
        const std::string name = ask.GetValue().Trim().Trim(false).utf8_string();
        if (!name.empty())
            save_profile(name);
    });
    m_delete_profile->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (m_profile_name.empty())
            return;
        wxMessageDialog ask(this, wxString::Format(_("Delete the mapping profile \"%s\"?"), from_utf8(m_profile_name)),
                            _("Delete Mapping Profile"), wxYES_NO | wxNO_DEFAULT | wxICON_QUESTION);
        label_stock_buttons(ask);
        if (ask.ShowModal() == wxID_YES)
            delete_profile(m_profile_name);
    });
    m_check->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { check(); });
    m_import->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { run_import(); });
    m_cancel->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { cancel(); });
    m_close->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (m_busy)
            cancel();
        if (IsModal())
            EndModal(wxID_CANCEL);
        else
            Close();
    });
    m_diagnostics->Bind(wxEVT_LIST_COL_CLICK, &ImportDialog::on_diagnostic_column, this);
    m_copy->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { copy_diagnostics(); });
    m_export->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { export_diagnostics(); });
    m_editor->set_changed_listener([this] {
        if (!m_editor->missing_required().empty()) {
            show_error(missing_message());
        } else if (m_file_readable) {
            show_error(wxString());
        }
        update_buttons();
    });
}

std::vector<std::string> ImportDialog::profile_names() const
{
    std::vector<std::string> names;
    try {
        auto db = store::Database::open(m_database, store::Database::Mode::ReadOnly);
        for (const auto& p : store::list_mapping_profiles(db))
            names.push_back(p.name);
    } catch (const std::exception&) {
    }
    return names;
}

void ImportDialog::reload_profiles(const std::string& select)
{
    m_profiles->Clear();
    m_profiles->Append(_("(no profile: columns as recognised)"));
    int selected = 0;
    for (const auto& name : profile_names()) {
        m_profiles->Append(from_utf8(name));
        if (name == select)
            selected = int(m_profiles->GetCount()) - 1;
    }
    m_profiles->SetSelection(selected);
    m_profile_name = selected > 0 ? select : std::string();
}

void ImportDialog::update_buttons()
{
    const bool ready = m_described && !m_busy && m_editor->missing_required().empty();
    m_check->Enable(ready);
    m_import->Enable(ready);
    m_cancel->Enable(m_busy);
    m_choose->Enable(!m_busy);
    m_format->Enable(!m_busy && !m_file.empty());
    m_profiles->Enable(!m_busy);
    m_save_profile->Enable(!m_busy && m_described);
    m_delete_profile->Enable(!m_busy && !m_profile_name.empty());
    m_editor->Enable(!m_busy);
}

void ImportDialog::set_busy(bool busy, const wxString& stage)
{
    m_busy = busy;
    if (busy) {
        m_cancel_requested = false;
        m_gauge->SetValue(0);
        m_stage->SetLabel(stage);
    }
    update_buttons();
}

void ImportDialog::show_error(const wxString& message)
{
    m_error->SetLabel(message);
    m_error->Wrap(GetClientSize().x - FromDIP(20));
    m_error->Show(!message.empty());
    Layout();
}

wxString ImportDialog::missing_message() const
{
    wxString names;
    for (const auto& key : m_editor->missing_required())
        names += (names.empty() ? "" : ", ") + m_editor->field_label(key);
    return wxString::Format(_("Choose a column for the required fields: %s."), names);
}

wxString ImportDialog::error_text() const
{
    return m_error->GetLabel();
}

wxString ImportDialog::progress_text() const
{
    return m_stage->GetLabel();
}

wxString ImportDialog::format_text() const
{
    return m_format_info->GetLabel();
}

std::string ImportDialog::forced_format() const
{
    const int i = m_format->GetSelection();
    return i > 0 && i < 4 ? k_formats[i] : "auto";
}

std::vector<std::string> ImportDialog::common_arguments() const
{
    return {"--lang", current_language(), m_database.string(), m_file.string(), "--json", "--profile", forced_format()};
}

void ImportDialog::on_choose_file(wxCommandEvent&)
{
    wxFileDialog dialog(this, _("Choose a field export"), wxString(), wxString(),
                        _("Field exports (*.csv;*.xlsx;*.geojson;*.json;*.gpkg)|*.csv;*.CSV;*.xlsx;*.XLSX;*.geojson;*.json;"
                          "*.gpkg|CSV (*.csv)|*.csv;*.CSV|Excel workbooks (*.xlsx)|*.xlsx;*.XLSX|GeoJSON "
                          "(*.geojson;*.json)|*.geojson;*.json|GeoPackage (*.gpkg)|*.gpkg|All files|*"),
                        wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (dialog.ShowModal() == wxID_OK)
        open_file(std::filesystem::path(dialog.GetPath().utf8_string()));
}

void ImportDialog::open_file(const std::filesystem::path& file)
{
    if (m_busy)
        return;
    m_file = file;
    m_file_text->SetValue(from_utf8(file.string()));
    m_result = {};
    show_result();
    m_pages->SetSelection(0);
    describe(m_profile_name);
}

void ImportDialog::use_profile(const std::string& name)
{
    if (m_busy)
        return;
    m_profile_name = name;
    for (unsigned i = 1; i < m_profiles->GetCount(); ++i)
        if (m_profiles->GetString(i).utf8_string() == name)
            m_profiles->SetSelection(int(i));
    if (name.empty())
        m_profiles->SetSelection(0);
    if (!m_file.empty())
        describe(name);
    update_buttons();
}

void ImportDialog::describe(const std::string& profile_name)
{
    auto args = common_arguments();
    args.push_back("--describe");
    if (!profile_name.empty()) {
        args.push_back("--mapping-name");
        args.push_back(profile_name);
    }
    m_described = false;
    set_busy(true, _("Reading the file..."));
    m_gauge->Pulse();
    auto alive = m_alive;
    m_process.start(
        args, {},
        [this, alive](IntakeOutcome outcome) {
            wxTheApp->CallAfter([this, alive, outcome = std::move(outcome)]() mutable {
                if (*alive)
                    on_described(std::move(outcome));
            });
        });
}

void ImportDialog::on_described(IntakeOutcome outcome)
{
    set_busy(false);
    m_gauge->SetValue(0);
    m_stage->SetLabel(wxString());
    core::JsonValue v;
    bool parsed = false;
    try {
        v = core::parse_json(outcome.out);
        parsed = v.is_object();
    } catch (const std::exception&) {
    }
    if (!parsed || !v.has("columns")) {
        m_file_readable = false;
        m_editor->clear();
        m_format_info->SetLabel(wxString());
        if (m_cancel_requested) {
            show_error(_("Cancelled: nothing was written."));
            update_buttons();
            return;
        }
        wxString message = helper_message(outcome);
        if (parsed && v.has("error"))
            message = from_utf8(v["error"].as_string());
        else if (parsed && !v["diagnostics"].items().empty())
            message = from_utf8(v["diagnostics"].items()[0]["message"].as_string());
        show_error(wxString::Format(_("This file cannot be imported: %s"), message));
        update_buttons();
        return;
    }
    m_file_readable = true;
    m_recognised = v["profile"].as_string();
    m_editor->set_description(v);
    m_described = true;
    wxString scores;
    for (const auto& r : v["recognisers"].items())
        scores += (scores.empty() ? "" : ", ") + from_utf8(r["name"].as_string()) + " " +
                  wxString::Format("%lld", static_cast<long long>(r["score"].as_int()));
    const wxString rows = v["rows"].is_null() ? wxString("?") : format_count(v["rows"].as_int());
    wxString driver = from_utf8(v["driver"].as_string());
    if (v["separator"].is_string())
        driver += wxString::Format(_(", separator %s"), from_utf8(v["separator"].as_string()));
    // TRANSLATORS: "KoboToolbox export: 120 rows, 28 columns (CSV, separator ;). Scores: kobo 95, odk 0, generic 1"
    m_format_info->SetLabel(wxString::Format(_("%s: %s rows, %zu columns (%s). Scores: %s"), format_name(m_recognised),
                                             rows, v["columns"].items().size(), driver, scores));
    m_format_info->SetToolTip(m_format_info->GetLabel());
    // A required field without a column is named by its label; a profile that does not
    // fit the file, with the helper's message (it names the column).
    if (v.has("error") && v["error_column"].as_string().empty())
        show_error(from_utf8(v["error"].as_string()));
    else if (!m_editor->missing_required().empty())
        show_error(missing_message());
    else
        show_error(wxString());
    Layout();
    update_buttons();
}

void ImportDialog::check()
{
    start_run(true);
}

void ImportDialog::run_import()
{
    start_run(false);
}

void ImportDialog::cancel()
{
    if (!m_busy)
        return;
    m_stage->SetLabel(_("Cancelling..."));
    m_cancel_requested = true;
    m_process.interrupt();
}

void ImportDialog::start_run(bool dry_run)
{
    if (m_busy || !m_described)
        return;
    m_editor->commit_edits();
    if (!m_editor->missing_required().empty()) {
        show_error(missing_message());
        update_buttons();
        return;
    }
    auto args = common_arguments();
    args.push_back("--progress-json");
    if (dry_run)
        args.push_back("--dry-run");
    std::error_code ec;
    if (!m_mapping_file.empty())
        std::filesystem::remove(m_mapping_file, ec);
    m_mapping_file.clear();
    if (m_editor->has_changes() || !m_profile_name.empty()) {
        // The mapping in use, named after the saved profile or else after the file; the
        // import keeps it in the database under that name.
        m_mapping_file = temporary_mapping_path();
        std::ofstream out(m_mapping_file, std::ios::binary);
        out << m_editor->profile_json(m_profile_name.empty() ? m_file.filename().string() : m_profile_name);
        out.close();
        if (!out) {
            show_error(_("The mapping could not be written to a temporary file."));
            return;
        }
        args.push_back("--mapping");
        args.push_back(m_mapping_file.string());
    }
    show_error(wxString());
    set_busy(true, dry_run ? _("Checking...") : _("Importing..."));
    auto alive = m_alive;
    m_process.start(
        args,
        [this, alive](double fraction, const std::string& stage) {
            wxTheApp->CallAfter([this, alive, fraction, stage] {
                if (!*alive || !m_busy)
                    return;
                m_gauge->SetValue(int(fraction * 1000.0));
                m_stage->SetLabel(wxString::Format("%s (%d%%)", from_utf8(stage), int(fraction * 100.0 + 0.5)));
            });
        },
        [this, alive, dry_run](IntakeOutcome outcome) {
            wxTheApp->CallAfter([this, alive, dry_run, outcome = std::move(outcome)]() mutable {
                if (*alive)
                    on_run_done(std::move(outcome), dry_run);
            });
        });
}

void ImportDialog::on_run_done(IntakeOutcome outcome, bool dry_run)
{
    std::error_code ec;
    if (!m_mapping_file.empty())
        std::filesystem::remove(m_mapping_file, ec);
    m_mapping_file.clear();
    ImportRunResult r;
    r.finished = true;
    r.dry_run = dry_run;
    r.status = outcome.status;
    core::JsonValue v;
    bool parsed = false;
    try {
        v = core::parse_json(outcome.out);
        parsed = v.is_object();
    } catch (const std::exception&) {
    }
    if (parsed) {
        r.read = v["read"].as_int();
        r.imported = v["imported"].as_int();
        r.updated = v["updated"].as_int();
        r.unchanged = v["unchanged"].as_int();
        r.skipped = v["skipped"].as_int();
        r.conflicts = v["conflicts"].as_int();
        r.profile = v["profile"].as_string();
        for (const auto& d : v["diagnostics"].items())
            r.diagnostics.push_back(
                {d["row"].as_int(), d["column"].as_string(), d["severity"].as_string(), d["message"].as_string()});
    }
    if (outcome.status == 130) {
        r.error = _("Cancelled: nothing was written.").utf8_string();
    } else if (outcome.status == 2) {
        std::string message = r.diagnostics.empty() ? helper_message(outcome).utf8_string() : r.diagnostics[0].message;
        const std::string column = r.diagnostics.empty() ? std::string() : r.diagnostics[0].column;
        r.error = column.empty() ? message
                                 : wxString::Format(_("%s (column %s)"), from_utf8(message), from_utf8(column)).utf8_string();
    } else if (outcome.status != 0 || !parsed) {
        r.error = helper_message(outcome).utf8_string();
    }
    m_result = std::move(r);
    set_busy(false);
    m_gauge->SetValue(m_result.status == 0 ? 1000 : 0);
    m_stage->SetLabel(m_result.status == 0 ? (dry_run ? _("Check done: nothing was written.") : _("Import done."))
                                           : wxString());
    if (m_result.status == 2)
        show_error(wxString::Format(_("The file was rejected as a whole; nothing was written: %s"),
                                    from_utf8(m_result.error)));
    else if (!m_result.error.empty())
        show_error(from_utf8(m_result.error));
    show_result();
    m_pages->SetSelection(1);
    if (!dry_run && m_result.status == 0) {
        reload_profiles(m_profile_name); // the import keeps its mapping
        if (m_on_imported)
            m_on_imported();
    }
}

void ImportDialog::show_result()
{
    const auto& r = m_result;
    wxString title;
    const wxString file = from_utf8(m_file.filename().string());
    if (!r.finished)
        title = _("Nothing checked yet: Check shows what the import would do, without writing.");
    else if (r.status == 130)
        title = wxString::Format(_("%s: cancelled, nothing was written."), file);
    else if (r.status != 0)
        title = wxString::Format(_("%s: rejected, nothing was written."), file);
    else if (r.dry_run)
        title = wxString::Format(_("Check of %s (dry run, nothing written): what the import would do"), file);
    else {
        // "kobo" or "kobo+NGO Lualaba": the recogniser, then the mapping profile used.
        const auto plus = r.profile.find('+');
        const wxString format = format_name(r.profile.substr(0, plus));
        title = plus == std::string::npos
                    ? wxString::Format(_("%s imported (%s)"), file, format)
                    : wxString::Format(_("%s imported (%s, mapping profile \"%s\")"), file, format,
                                       from_utf8(r.profile.substr(plus + 1)));
    }
    m_summary_title->SetLabel(title);
    const std::int64_t values[] = {r.read, r.imported, r.updated, r.unchanged, r.skipped, r.conflicts};
    const bool shown = r.finished && r.status == 0;
    for (std::size_t i = 0; i < m_figures.size(); ++i) {
        m_figures[i]->SetLabel(shown ? format_count(values[i]) : wxString("-"));
        if (shown && ((i == 4 && values[i] > 0) || (i == 5 && values[i] > 0)))
            m_figures[i]->SetForegroundColour(wxColour(176, 0, 32));
        else
            m_figures[i]->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT));
    }
    m_figure_labels[1]->SetLabel(r.dry_run ? _("To import") : _("Imported"));
    m_figure_labels[2]->SetLabel(r.dry_run ? _("To update") : _("Updated"));
    fill_diagnostics();
    m_copy->Enable(!r.diagnostics.empty());
    m_export->Enable(!r.diagnostics.empty());
    m_summary_title->GetParent()->Layout();
}

void ImportDialog::sort_diagnostics(int column, bool ascending)
{
    m_sort_column = column;
    m_sort_ascending = ascending;
    auto key_less = [column](const ImportDiagnosticRow& a, const ImportDiagnosticRow& b) {
        switch (column) {
        case 1: return std::tie(a.column, a.row) < std::tie(b.column, b.row);
        case 2: return std::tie(a.severity, a.row) < std::tie(b.severity, b.row);
        case 3: return std::tie(a.message, a.row) < std::tie(b.message, b.row);
        default: return a.row < b.row;
        }
    };
    auto& d = m_result.diagnostics;
    std::stable_sort(d.begin(), d.end(), [&](const auto& a, const auto& b) {
        return ascending ? key_less(a, b) : key_less(b, a);
    });
    fill_diagnostics();
}

void ImportDialog::on_diagnostic_column(wxListEvent& event)
{
    const int column = event.GetColumn();
    sort_diagnostics(column, column == m_sort_column ? !m_sort_ascending : true);
}

void ImportDialog::fill_diagnostics()
{
    m_diagnostics->Freeze();
    m_diagnostics->DeleteAllItems();
    long item = 0;
    for (const auto& d : m_result.diagnostics) {
        m_diagnostics->InsertItem(item, d.row > 0 ? wxString::Format("%lld", static_cast<long long>(d.row)) : "-");
        m_diagnostics->SetItem(item, 1, from_utf8(d.column));
        m_diagnostics->SetItem(item, 2, severity_label(d.severity));
        m_diagnostics->SetItem(item, 3, from_utf8(d.message));
        if (d.severity == "error")
            m_diagnostics->SetItemTextColour(item, wxColour(176, 0, 32));
        ++item;
    }
    m_diagnostics->Thaw();
}

std::string ImportDialog::diagnostics_csv() const
{
    std::string csv = csv_cell(_("Row").utf8_string()) + "," + csv_cell(_("Column").utf8_string()) + "," +
                      csv_cell(_("Severity").utf8_string()) + "," + csv_cell(_("Message").utf8_string()) + "\r\n";
    for (const auto& d : m_result.diagnostics)
        csv += std::to_string(d.row) + "," + csv_cell(d.column) + "," + csv_cell(severity_label(d.severity).utf8_string()) +
               "," + csv_cell(d.message) + "\r\n";
    return csv;
}

void ImportDialog::copy_diagnostics()
{
    wxString text;
    for (const auto& d : m_result.diagnostics)
        text += wxString::Format("%lld\t%s\t%s\t%s\n", static_cast<long long>(d.row), from_utf8(d.column),
                                 severity_label(d.severity), from_utf8(d.message));
    if (wxTheClipboard->Open()) {
        wxTheClipboard->SetData(new wxTextDataObject(text));
        wxTheClipboard->Close();
    }
}

void ImportDialog::export_diagnostics()
{
    wxFileDialog dialog(this, _("Export the diagnostics"), wxString(),
                        from_utf8(m_file.stem().string()) + "-diagnostics.csv", _("CSV (*.csv)|*.csv"),
                        wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (dialog.ShowModal() != wxID_OK)
        return;
    std::ofstream out(std::filesystem::path(dialog.GetPath().utf8_string()), std::ios::binary);
    out << "\xEF\xBB\xBF" << diagnostics_csv(); // with a BOM, so spreadsheets read it as UTF-8
    if (!out)
        message_box(_("The diagnostics could not be written."), _("Mwangaza"), wxOK | wxICON_ERROR, this);
}

void ImportDialog::save_profile(const std::string& name)
{
    m_editor->commit_edits();
    try {
        auto db = store::Database::open(m_database, store::Database::Mode::OpenExisting);
        store::save_mapping_profile(db, name, m_editor->profile_json(name));
    } catch (const std::exception& e) {
        show_error(wxString::Format(_("The mapping profile could not be saved: %s"), from_utf8(e.what())));
        return;
    }
    reload_profiles(name);
    update_buttons();
}

bool ImportDialog::delete_profile(const std::string& name)
{
    bool deleted = false;
    try {
        auto db = store::Database::open(m_database, store::Database::Mode::OpenExisting);
        deleted = store::delete_mapping_profile(db, name);
    } catch (const std::exception& e) {
        show_error(wxString::Format(_("The mapping profile could not be deleted: %s"), from_utf8(e.what())));
        return false;
    }
    const bool was_current = name == m_profile_name;
    reload_profiles(was_current ? std::string() : m_profile_name);
    if (was_current && !m_file.empty())
        describe(std::string());
    update_buttons();
    return deleted;
}

} // namespace mwangaza::gui
