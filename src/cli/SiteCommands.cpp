#include "cli/SiteCommands.hpp"

#include "app/SiteAssignment.hpp"
#include "cli/ArgumentParser.hpp"
#include "cli/CommandSpec.hpp"
#include "cli/Output.hpp"
#include "core/Error.hpp"
#include "store/Database.hpp"

#include <cstdlib>

namespace mwangaza::cli {

namespace {

using core::tr;

constexpr OptionSpec k_sites_options[] = {
    {"code-field", "F", N_("Field holding the site code (FID: the feature id in its file)")},
    {"code-prefix", "P", N_("Text put before every code (e.g. IPIS-)")},
    {"name-field", "F", N_("Field holding the site name")},
    {"province-field", "F", N_("Field holding the province (default: \"unknown\")")},
    {"country-field", "F", N_("Field holding the country (CD, RW, DRC, Rwanda...)")},
    {"country", "CD|RW", N_("The country of every site (instead of a country field)")},
    {"minerals-field", "F", N_("Field holding the minerals (comma-separated)")},
    {"territory-field", "F", N_("Field holding the territory")},
    {"layer", "NAME", N_("Layer of the file to read (default: the first)")},
    {"dry-run", nullptr, N_("Count what an import would do, write nothing")},
    {"json", nullptr, N_("Print one JSON object")},
    {"help", nullptr, N_("Show this help")},
};
constexpr OptionSpec k_concessions_options[] = {
    {"id-field", "F", N_("Field holding the concession (title) id (FID: the feature id in its file)")},
    {"holder-field", "F", N_("Field holding the holder")},
    {"type-field", "F", N_("Field holding the title type")},
    {"status-field", "F", N_("Field holding the title status")},
    {"layer", "NAME", N_("Layer of the file to read (default: the first)")},
    {"dry-run", nullptr, N_("Count what an import would do, write nothing")},
    {"json", nullptr, N_("Print one JSON object")},
    {"help", nullptr, N_("Show this help")},
};
constexpr OptionSpec k_protected_options[] = {
    {"name-field", "F", N_("Field holding the name of the protected area")},
    {"designation-field", "F", N_("Field holding its designation or source")},
    {"layer", "NAME", N_("Layer of the file to read (default: the first)")},
    {"dry-run", nullptr, N_("Count what an import would do, write nothing")},
    {"json", nullptr, N_("Print one JSON object")},
    {"help", nullptr, N_("Show this help")},
};
const CommandSpec k_sites_import{
    "sites import", "DB FILE --code-field F --name-field F [OPTIONS]",
    N_("Import mine sites (points) from a vector file (GeoPackage, Shapefile, GeoJSON, KML, CSV)."), k_sites_options};
const CommandSpec k_concessions_import{
    "concessions import", "DB FILE --id-field F [OPTIONS]",
    N_("Import concessions (mining titles, polygons) from a vector file."), k_concessions_options};
const CommandSpec k_protected_import{"protected-areas import", "DB FILE --name-field F [OPTIONS]",
                                     N_("Import protected areas (polygons) from a vector file."), k_protected_options};

std::string actor()
{
    const char* user = std::getenv("USER");
    return user && *user ? user : "mwangaza-cli";
}

std::string option(const ParsedArguments& a, const char* name)
{
    return a.value(name).value_or("");
}

std::string required(const ParsedArguments& a, const char* name, const CommandSpec& spec)
{
    auto v = a.value(name);
    if (!v || v->empty())
        throw UsageError(format(tr("missing the option --%1"), {name}), spec.path);
    return *v;
}

// DB and FILE.
std::pair<std::filesystem::path, std::filesystem::path> database_and_file(const ParsedArguments& a,
                                                                          const CommandSpec& spec)
{
    if (a.positionals.empty())
        throw UsageError(tr("missing the database file argument (DB)"), spec.path);
    if (a.positionals.size() < 2)
        throw UsageError(tr("missing the vector file argument (FILE)"), spec.path);
    if (a.positionals.size() > 2)
        throw UsageError(format(tr("unexpected argument '%1'"), {a.positionals[2]}), spec.path);
    return {a.positionals[0], a.positionals[1]};
}

void print_report(std::ostream& out, const app::FeatureImportReport& r, bool json, const std::string& lang)
{
    if (json) {
        out << "{\"layer\": " << json_string(r.layer) << ", \"reprojected\": " << (r.reprojected ? "true" : "false")
            << ", \"dry_run\": " << (r.dry_run ? "true" : "false") << ", \"features\": " << r.features
            << ", \"imported\": " << r.imported << ", \"updated\": " << r.updated << ", \"unchanged\": " << r.unchanged
            << ", \"merged\": " << r.merged << ", \"skipped\": " << r.skipped << ", \"diagnostics\": [";
        for (std::size_t i = 0; i < r.diagnostics.size(); ++i) {
            const auto& d = r.diagnostics[i];
            out << (i ? ", " : "") << "{\"feature\": " << d.feature << ", \"field\": " << json_string(d.field)
                << ", \"message\": " << json_string(d.message) << "}";
        }
        out << "]}\n";
        return;
    }
    for (const auto& d : r.diagnostics)
        out << d.message << '\n';
    auto n = [&](std::size_t v) { return group_digits(std::int64_t(v), lang); };
    out << format(r.dry_run ? tr("Layer '%1', %2 features (dry run, nothing written): %3 to import, %4 to update, "
                                 "%5 unchanged, %6 merged, %7 skipped.")
                            : tr("Layer '%1', %2 features: %3 imported, %4 updated, %5 unchanged, %6 merged, "
                                 "%7 skipped."),
                  {r.layer, n(r.features), n(r.imported), n(r.updated), n(r.unchanged), n(r.merged), n(r.skipped)})
        << '\n';
}

int run_sites_import(std::span<const std::string> args, std::ostream& out, const std::string& lang)
{
    const auto a = parse_arguments(args, k_sites_import.options, k_sites_import.path);
    if (a.has("help")) {
        print_help(out, k_sites_import);
        return 0;
    }
    const auto [db_path, file] = database_and_file(a, k_sites_import);
    app::SiteImportOptions o;
    o.file = file;
    o.layer = option(a, "layer");
    o.code_field = required(a, "code-field", k_sites_import);
    o.name_field = required(a, "name-field", k_sites_import);
    o.code_prefix = option(a, "code-prefix");
    o.province_field = option(a, "province-field");
    o.country_field = option(a, "country-field");
    o.country = option(a, "country");
    o.minerals_field = option(a, "minerals-field");
    o.territory_field = option(a, "territory-field");
    o.dry_run = a.has("dry-run");
    o.actor = actor();
    auto db = store::Database::open(db_path);
    print_report(out, app::import_sites(db, o), a.has("json"), lang);
    return 0;
}

int run_concessions_import(std::span<const std::string> args, std::ostream& out, const std::string& lang)
{
    const auto a = parse_arguments(args, k_concessions_import.options, k_concessions_import.path);
    if (a.has("help")) {
        print_help(out, k_concessions_import);
        return 0;
    }
    const auto [db_path, file] = database_and_file(a, k_concessions_import);
    app::ConcessionImportOptions o;
    o.file = file;
    o.layer = option(a, "layer");
    o.id_field = required(a, "id-field", k_concessions_import);
    o.holder_field = option(a, "holder-field");
    o.type_field = option(a, "type-field");
    o.status_field = option(a, "status-field");
    o.dry_run = a.has("dry-run");
    o.actor = actor();
    auto db = store::Database::open(db_path);
    print_report(out, app::import_concessions(db, o), a.has("json"), lang);
    return 0;
}

int run_protected_import(std::span<const std::string> args, std::ostream& out, const std::string& lang)
{
    const auto a = parse_arguments(args, k_protected_import.options, k_protected_import.path);
    if (a.has("help")) {
        print_help(out, k_protected_import);
        return 0;
    }
    const auto [db_path, file] = database_and_file(a, k_protected_import);
    app::ProtectedAreaImportOptions o;
    o.file = file;
    o.layer = option(a, "layer");
    o.name_field = required(a, "name-field", k_protected_import);
    o.designation_field = option(a, "designation-field");
    o.dry_run = a.has("dry-run");
    o.actor = actor();
    auto db = store::Database::open(db_path);
    print_report(out, app::import_protected_areas(db, o), a.has("json"), lang);
    return 0;
}

} // namespace

int run_site_assignment(std::span<const std::string> args, std::ostream& out, std::ostream& err,
                        const std::string& lang)
{
    std::string command = args.empty() ? "" : args[0];
    try {
        auto words = args.size() > 1 ? args[1] : std::string();
        if (command == "sites" && words == "import")
            return run_sites_import(args.subspan(2), out, lang);
        const CommandSpec* spec = command == "concessions" ? &k_concessions_import : &k_protected_import;
        if (words == "--help" || words == "-h" || words.empty()) {
            print_help(out, *spec);
            return words.empty() ? 1 : 0;
        }
        if (words != "import")
            throw UsageError(format(tr("unknown action '%1' (expected import)"), {words}), spec->path);
        if (command == "concessions")
            return run_concessions_import(args.subspan(2), out, lang);
        return run_protected_import(args.subspan(2), out, lang);
    } catch (const UsageError& e) {
        err << k_program << ": " << e.what() << '\n';
        const std::string where = e.command().empty() ? command : e.command();
        err << format(tr("Try '%1 --help'."), {std::string(k_program) + " " + where}) << '\n';
        return 1;
    } catch (const Error& e) {
        err << k_program << ": " << e.what() << '\n';
        return 2;
    } catch (const std::exception& e) {
        err << k_program << ": " << tr("unexpected error:") << ' ' << e.what() << '\n';
        return 1;
    }
}

} // namespace mwangaza::cli
