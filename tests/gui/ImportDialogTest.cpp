// The import dialog on the real main window, with the real intake helper as a child
// process: a Kobo export whose risk area column the recognisers do not know is described,
// remapped in the mapping editor (dropdown cell and value mapping), checked (dry run),
// imported; the database and the main window's figures are read back. A cancelled import
// writes nothing. Needs an X display (xvfb-run).
// MWANGAZA_IMPORT_SCREENSHOT=prefix saves pictures of the screen (prefix-<step>.png).
#include "CliRunner.hpp"
#include "Fixtures.hpp"
#include "gui/ImportDialog.hpp"
#include "gui/Language.hpp"
#include "gui/MainFrame.hpp"
#include "gui/MappingEditor.hpp"
#include "store/MappingProfileStore.hpp"
#include "TempFolder.hpp"

#include <catch2/catch.hpp>

#include "WxTestSupport.hpp"

#include <wx/grid.h>
#include <wx/listctrl.h>

#include <SQLiteCpp/Statement.h>

#include <cstdlib>

using namespace mwangaza;
using test::pump_until;
using test::start_wx;
using test::Submission;

namespace {

std::int64_t count(const std::filesystem::path& db, const std::string& sql)
{
    SQLite::Database d(db.string(), SQLite::OPEN_READONLY);
    SQLite::Statement s(d, sql);
    s.executeStep();
    return s.getColumn(0).getInt64();
}

// A Kobo export whose risk area question was renamed "theme" in the form: no recogniser
// binds it, and its values are the programme's short codes ("TE" child labour).
void write_themed_kobo_csv(const std::filesystem::path& path, std::vector<Submission> subs)
{
    test::write_kobo_csv(path, subs);
    std::string text = test::read_text(path);
    const std::string from = ";incident/risk_area;";
    text.replace(text.find(from), from.size(), ";incident/theme;");
    test::write_text(path, text);
}

void screenshot(const char* step)
{
    const char* prefix = std::getenv("MWANGAZA_IMPORT_SCREENSHOT");
    if (!prefix)
        return;
    pump_until([] { return false; }, 500);
    const std::string command = "import -window root '" + std::string(prefix) + "-" + step + ".png'";
    CHECK(std::system(command.c_str()) == 0);
}

struct Window {
    test::TempFolder dir{"mwangaza-import-dialog"};
    std::filesystem::path path = dir / "p.mwz";
    gui::MainFrame* frame = nullptr;
    gui::ImportDialog* dialog = nullptr;
    int refreshed = 0;

    Window()
    {
        start_wx();
        { auto db = test::programme_database(path); }
        frame = new gui::MainFrame;
        REQUIRE(frame->open_database(path, true));
        frame->Show();
        REQUIRE(pump_until([&] { return frame->painted() && !frame->loading(); }));
        dialog = new gui::ImportDialog(frame, path, [this] {
            frame->refresh_after_import();
            ++refreshed;
        });
        dialog->Show();
        pump_until([] { return true; });
    }
    ~Window()
    {
        dialog->Destroy();
        frame->Destroy();
        pump_until([] { return true; });
    }
    void wait()
    {
        pump_until([] { return true; });
        REQUIRE(pump_until([&] { return !dialog->busy(); }, 60000));
    }
};

// The grid row of a field, from its translated label.
int field_row(wxGrid* grid, const wxString& label)
{
    for (int r = 0; r < grid->GetNumberRows(); ++r)
        if (grid->GetCellValue(r, 0).StartsWith(label))
            return r;
    return -1;
}

} // namespace

TEST_CASE("import dialog: describe, remap a column and a value, check, import through the helper, and the window "
          "refreshes",
          "[gui][import]")
{
    Window w;
    std::vector<Submission> subs(12);
    for (std::size_t i = 0; i < subs.size(); ++i) {
        subs[i].uuid = "g-" + std::to_string(i);
        subs[i].area = i < 7 ? "TE" : "ohs";
    }
    subs[10].observed_on = "14/13/2021"; // not a date: skipped
    subs[11].area = "XX";                 // stays unknown: skipped
    write_themed_kobo_csv(w.dir / "kobo.csv", subs);
    const auto awaiting_before = w.frame->figures().incidents_awaiting_triage;

    w.dialog->open_file(w.dir / "kobo.csv");
    w.wait();
    REQUIRE(w.dialog->described());
    CHECK(w.dialog->format_text().Contains("KoboToolbox"));
    CHECK(w.dialog->format_text().Contains("12"));
    auto* editor = w.dialog->editor();
    CHECK(editor->column("source_id") == "_uuid");
    CHECK(editor->column("risk_area").empty());
    CHECK(w.dialog->error_text().Contains("Risk area"));
    screenshot("describe");

    // Choose the column in the grid as a person does: the cell's new value, then the
    // grid's cell-changed event.
    auto* grid = editor->columns_grid();
    const int row = field_row(grid, "Risk area");
    REQUIRE(row >= 0);
    grid->SetCellValue(row, 1, "incident/theme");
    wxGridEvent changed(grid->GetId(), wxEVT_GRID_CELL_CHANGED, grid, row, 1);
    grid->GetEventHandler()->ProcessEvent(changed);
    CHECK(editor->column("risk_area") == "incident/theme");
    CHECK(grid->GetCellValue(row, 2).StartsWith("TE"));
    CHECK(w.dialog->error_text().empty());
    editor->add_value_mapping({"risk_area", "TE", "child_labour"});
    CHECK(editor->values_grid()->GetCellValue(0, 2) == gui::risk_area_choice("child_labour"));
    screenshot("mapping");

    w.dialog->check();
    w.wait();
    auto r = w.dialog->result();
    INFO(r.error);
    REQUIRE(r.finished);
    CHECK(r.dry_run);
    CHECK(r.status == 0);
    CHECK(r.read == 12);
    CHECK(r.imported == 10);
    CHECK(r.skipped == 2);
    CHECK(count(w.path, "SELECT count(*) FROM incident") == 0);
    CHECK(w.refreshed == 0);

    w.dialog->run_import();
    w.wait();
    r = w.dialog->result();
    REQUIRE(r.status == 0);
    CHECK_FALSE(r.dry_run);
    CHECK(r.imported == 10);
    CHECK(r.skipped == 2);
    REQUIRE(r.diagnostics.size() == 2);
    CHECK(r.diagnostics[0].row == 12);
    CHECK(r.diagnostics[0].column == "incident/observed_on");
    CHECK(r.diagnostics[1].row == 13);
    CHECK(r.diagnostics[1].column == "incident/theme");
    auto* list = w.dialog->diagnostics_list();
    REQUIRE(list->GetItemCount() == 2);
    CHECK(list->GetItemText(0, 0) == "12");
    w.dialog->sort_diagnostics(1, false); // by column, descending
    CHECK(list->GetItemText(0, 1) == "incident/theme");
    CHECK(list->GetItemText(1, 1) == "incident/observed_on");
    const std::string csv = w.dialog->diagnostics_csv();
    CHECK(csv.rfind("Row,Column,Severity,Message\r\n13,incident/theme,error,", 0) == 0);
    CHECK(csv.find("12,incident/observed_on,error,") != std::string::npos);
    CHECK(count(w.path, "SELECT count(*) FROM incident") == 10);
    CHECK(count(w.path, "SELECT count(*) FROM incident WHERE risk_area = 'child_labour'") == 7);
    CHECK(count(w.path, "SELECT count(*) FROM incident WHERE risk_area = 'ohs'") == 3);
    CHECK(w.refreshed == 1);
    CHECK(w.frame->figures().incidents_awaiting_triage == awaiting_before + 10);
    screenshot("result");

    // The same file again changes nothing.
    w.dialog->run_import();
    w.wait();
    CHECK(w.dialog->result().unchanged == 10);
    CHECK(count(w.path, "SELECT count(*) FROM incident") == 10);

    // Saved as a named profile, it brings the column and value mapping back.
    w.dialog->save_profile("Kobo theme");
    const auto names = w.dialog->profile_names();
    CHECK(std::find(names.begin(), names.end(), "Kobo theme") != names.end());
    {
        auto db = store::Database::open(w.path);
        const auto saved = store::find_mapping_profile(db, "Kobo theme");
        REQUIRE(saved);
        const auto entries = store::mapping_profile_entries(db, saved->definition);
        using Entry = std::pair<std::string, std::string>;
        CHECK(std::find(entries.begin(), entries.end(), Entry{"columns/risk_area", "incident/theme"}) != entries.end());
        CHECK(std::find(entries.begin(), entries.end(), Entry{"values/risk_area/TE", "child_labour"}) != entries.end());
    }
    w.dialog->use_profile("");
    w.wait();
    CHECK(editor->column("risk_area").empty());
    w.dialog->use_profile("Kobo theme");
    w.wait();
    CHECK(editor->column("risk_area") == "incident/theme");
    const auto values = editor->value_mappings();
    REQUIRE(values.size() == 1);
    CHECK(values[0].from == "TE");
    CHECK(values[0].to == "child_labour");
    CHECK(w.dialog->delete_profile("Kobo theme"));
}

TEST_CASE("import dialog: a file rejected as a whole is said so and a cancelled import writes nothing", "[gui][import]")
{
    Window w;
    test::write_text(w.dir / "empty.csv", "");
    w.dialog->open_file(w.dir / "empty.csv");
    w.wait();
    CHECK_FALSE(w.dialog->described());
    CHECK(w.dialog->error_text().Contains("cannot be imported"));

    std::vector<Submission> subs(30000);
    for (std::size_t i = 0; i < subs.size(); ++i)
        subs[i].uuid = "c-" + std::to_string(i);
    test::write_kobo_csv(w.dir / "big.csv", subs);
    w.dialog->open_file(w.dir / "big.csv");
    w.wait();
    REQUIRE(w.dialog->described());
    w.dialog->run_import();
    // Cancel once the helper reports progress (its Ctrl-C handler is then in place).
    REQUIRE(pump_until([&] { return w.dialog->progress_text().Contains("%"); }, 30000));
    w.dialog->cancel();
    w.wait();
    const auto& r = w.dialog->result();
    CHECK(r.status == 130);
    CHECK(w.dialog->error_text().Contains("nothing was written"));
    CHECK(count(w.path, "SELECT count(*) FROM incident") == 0);
    CHECK(count(w.path, "SELECT count(*) FROM import_batch") == 0);
    CHECK(w.refreshed == 0);
}

TEST_CASE("import dialog in French: the helper answers in the window's language", "[gui][import]")
{
    start_wx();
    REQUIRE(gui::install_language("fr"));
    {
        Window w;
        std::vector<Submission> subs(3);
        for (std::size_t i = 0; i < subs.size(); ++i)
            subs[i].uuid = "f-" + std::to_string(i);
        subs[2].area = "Sorcellerie";
        test::write_kobo_csv(w.dir / "kobo.csv", subs);
        w.dialog->open_file(w.dir / "kobo.csv");
        w.wait();
        REQUIRE(w.dialog->described());
        CHECK(w.dialog->format_text().Contains("Export KoboToolbox"));
        CHECK(w.dialog->editor()->field_label("risk_area") == "Zone de risque");
        CHECK(w.dialog->editor()->columns_grid()->GetColLabelValue(1) == wxString::FromUTF8("Colonne du fichier"));
        w.dialog->check();
        w.wait();
        REQUIRE(w.dialog->result().status == 0);
        REQUIRE(w.dialog->result().diagnostics.size() == 1);
        CHECK(w.dialog->result().diagnostics[0].message.find("inconnu") != std::string::npos);
        screenshot("fr");
    }
    gui::install_language("en");
}
