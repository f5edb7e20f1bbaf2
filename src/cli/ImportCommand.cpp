#include "cli/ImportCommand.hpp"

#include "app/IncidentImport.hpp"
#include "app/PluginRecognisers.hpp"
#include "cli/ArgumentParser.hpp"
#include "cli/CommandSpec.hpp"
#include "cli/ImportDescribe.hpp"
#include "cli/Output.hpp"
#include "cli/TerminalProgress.hpp"
#include "core/I18n.hpp"
#include "store/Database.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>

namespace mwangaza::cli {

namespace {

using core::tr;
namespace fs = std::filesystem;

constexpr const char* k_command = "import";
constexpr const char* k_usage = "DB FILE [--profile auto|kobo|odk|generic] [--mapping FILE.json | --mapping-name NAME] "
                                "[--dry-run] [--describe] [--json] [--progress-json]";

constexpr OptionSpec k_options[] = {
    {"profile", "auto|kobo|odk|generic", N_("Format of the export (default: recognised from the columns)")},
    {"mapping", "FILE.json", N_("Mapping profile: which column is which field, value mappings")},
    {"mapping-name", "NAME", N_("Mapping profile saved in the database under this name")},
    {"dry-run", nullptr, N_("Show what the import would do and write nothing")},
    {"describe", nullptr, N_("Show the file's columns, first rows, recognised format and field binding; import nothing")},
    {"json", nullptr, N_("Print one JSON object")},
    {"progress-json", nullptr, N_("Report progress on stderr as one JSON object per line")},
    {"help", nullptr, N_("Show this help")},
};


void print_help(std::ostream& out)
{
    out << tr("Usage:") << " mwangaza-cli " << k_command << ' ' << k_usage << "\n\n"
        << tr(import_command_summary()) << "\n\n"
        << tr("Options:") << '\n';
    print_options(out, k_options);
    out << '\n'
        << tr("Exit status: 0 when the file was processed (even with skipped rows), 2 when it was rejected as a "
              "whole (nothing written), 1 on usage errors.")
        << '\n';
}

void print_json(std::ostream& out, const app::ImportSummary& s, bool dry_run)
{
    out << "{\"read\": " << s.read << ", \"imported\": " << s.imported << ", \"updated\": " << s.updated
        << ", \"unchanged\": " << s.unchanged << ", \"skipped\": " << s.skipped << ", \"conflicts\": " << s.conflicts
        << ", \"profile\": " << json_string(s.profile) << ", \"dry_run\": " << (dry_run ? "true" : "false")
        << ", \"batch_id\": " << (s.batch_id ? std::to_string(s.batch_id) : "null") << ",\n \"diagnostics\": [";
    for (std::size_t i = 0; i < s.diagnostics.size(); ++i) {
        const auto& d = s.diagnostics[i];
        out << (i ? ",\n  " : "\n  ") << "{\"row\": " << d.row << ", \"column\": " << json_string(d.column)
            << ", \"severity\": " << json_string(d.severity) << ", \"message\": " << json_string(d.message) << "}";
    }
    out << (s.diagnostics.empty() ? "]}\n" : "\n ]}\n");
}

std::string severity_text(const std::string& severity)
{
    if (severity == "error")
        return tr("error");
    if (severity == "warning")
        return tr("warning");
    return tr("info");
}

void print_text(std::ostream& out, const app::ImportSummary& s, const fs::path& file, bool dry_run,
                const std::string& lang)
{
    out << format(tr("%1: %2 rows read (profile %3)"), {file.filename().string(), group_digits(s.read, lang), s.profile})
        << '\n';
    if (dry_run)
        out << tr("Dry run: nothing was written.") << '\n';
    TextTable table({TextTable::Align::Left, TextTable::Align::Right});
    auto row = [&](const char* label, std::int64_t v) { table.add_row({"  " + tr(label), group_digits(v, lang)}); };
    row(N_("Imported"), s.imported);
    row(N_("Updated"), s.updated);
    row(N_("Unchanged"), s.unchanged);
    row(N_("Skipped"), s.skipped);
    row(N_("Conflicts"), s.conflicts);
    table.print(out);
    if (s.diagnostics.empty())
        return;
    out << '\n';
    TextTable diagnostics({TextTable::Align::Right, TextTable::Align::Left, TextTable::Align::Left, TextTable::Align::Left});
    diagnostics.add_row({tr("Row"), tr("Column"), tr("Severity"), tr("Message")});
    for (const auto& d : s.diagnostics)
        diagnostics.add_row({d.row ? std::to_string(d.row) : "-", d.column, severity_text(d.severity), d.message});
    diagnostics.print(out);
}

// Plugin files refused, and plugins that failed while recognising the file.
void print_plugin_warnings(std::ostream& err)
{
    for (const auto& w : app::plugin_warnings())
        err << "mwangaza-cli: " << tr("warning:") << ' ' << w << '\n';
}

// The same, first among the diagnostics (row 0: the file as a whole), so that a reader of
// the JSON or of the workbench's diagnostics list sees them too.
void add_plugin_warnings(app::ImportSummary& summary)
{
    const auto& warnings = app::plugin_warnings();
    std::vector<app::ImportDiagnostic> diagnostics;
    diagnostics.reserve(warnings.size() + summary.diagnostics.size());
    for (const auto& w : warnings)
        diagnostics.push_back({0, "", "warning", w});
    for (auto& d : summary.diagnostics)
        diagnostics.push_back(std::move(d));
    summary.diagnostics = std::move(diagnostics);
}

int run(std::span<const std::string> args, std::ostream& out, std::ostream& err, const std::string& lang)
{
    const auto a = parse_arguments(args, k_options, k_command);
    if (a.has("help")) {
        print_help(out);
        return 0;
    }
    if (a.positionals.size() < 2)
        throw UsageError(a.positionals.empty() ? tr("missing the database file argument (DB)")
                                               : tr("missing the file to import (FILE)"),
                         k_command);
    if (a.positionals.size() > 2)
        throw UsageError(format(tr("unexpected argument '%1'"), {a.positionals[2]}), k_command);
    app::ImportOptions options;
    if (auto p = a.value("profile")) {
        if (*p != "auto" && !app::find_recogniser(*p)) {
            print_plugin_warnings(err);
            throw UsageError(format(tr("--profile: '%1' is not one of %2"), {*p, app::profile_choices()}), k_command);
        }
        options.profile = *p;
    }
    if (auto m = a.value("mapping")) {
        if (m->empty())
            throw UsageError(tr("--mapping needs a file name"), k_command);
        options.mapping = fs::path(*m);
    }
    const auto mapping_name = a.value("mapping-name");
    if (mapping_name && (mapping_name->empty() || options.mapping))
        throw UsageError(mapping_name->empty() ? tr("--mapping-name needs a name")
                                               : tr("--mapping and --mapping-name cannot be used together"),
                         k_command);
    options.dry_run = a.has("dry-run");
    const char* user = std::getenv("USER");
    options.actor = user && *user ? std::string(user) : std::string("mwangaza-cli");
    const bool json = a.has("json");
    const fs::path db_path = a.positionals[0];
    const fs::path file = a.positionals[1];

    try {
        if (a.has("describe")) {
            DescribeRequest request;
            request.file = file;
            request.profile = options.profile;
            if (options.mapping)
                request.mapping = app::load_mapping_profile(*options.mapping);
            if (mapping_name) {
                auto db = store::Database::open(db_path, store::Database::Mode::ReadOnly);
                request.mapping = mapping_profile_from_database(db, *mapping_name);
            }
            return describe_import(request, json, out, err, lang);
        }
        auto db = store::Database::open(db_path, store::Database::Mode::OpenExisting);
        if (mapping_name)
            options.mapping_profile = mapping_profile_from_database(db, *mapping_name);
        app::ImportSummary summary;
        {
            std::unique_ptr<app::Progress> progress;
            if (a.has("progress-json"))
                progress = std::make_unique<JsonLinesProgress>(err);
            else
                progress = std::make_unique<TerminalProgress>(!json && ::isatty(STDERR_FILENO) == 1);
            summary = app::import_incidents(db, file, options, *progress);
        }
        print_plugin_warnings(err);
        if (json) {
            add_plugin_warnings(summary);
            print_json(out, summary, options.dry_run);
        } else {
            print_text(out, summary, file, options.dry_run, lang);
        }
        return 0;
    } catch (const Cancelled&) {
        throw;
    } catch (const Error& e) {
        // Rejected as a whole: nothing was written.
        print_plugin_warnings(err);
        err << "mwangaza-cli: " << e.what() << '\n' << tr("Nothing was imported.") << '\n';
        if (json) {
            app::ImportSummary empty;
            std::string column;
            if (const auto* r = dynamic_cast<const app::ImportRejected*>(&e))
                column = r->column();
            empty.diagnostics.push_back({0, column, "error", e.what()});
            add_plugin_warnings(empty);
            print_json(out, empty, options.dry_run);
        }
        return 2;
    }
}

} // namespace

int run_import(std::span<const std::string> args, std::ostream& out, std::ostream& err, const std::string& lang)
{
    try {
        return run(args, out, err, lang);
    } catch (const UsageError& e) {
        err << "mwangaza-cli: " << e.what() << '\n'
            << format(tr("Try '%1 --help'."), {"mwangaza-cli import"}) << '\n';
        return 1;
    } catch (const Cancelled&) {
        err << "mwangaza-cli: " << tr("cancelled; nothing was written") << '\n';
        return 130;
    }
}

} // namespace mwangaza::cli
