#include "cli/Commands.hpp"

#include "app/DemoProgramme.hpp"
#include "cli/ActionsCommand.hpp"
#include "cli/ArgumentParser.hpp"
#include "cli/AssignCommand.hpp"
#include "cli/CommandSpec.hpp"
#include "cli/ImportCommand.hpp"
#include "cli/MapCommand.hpp"
#include "cli/ProfilesCommand.hpp"
#include "cli/SiteCommands.hpp"
#include "cli/StakeholdersCommand.hpp"
#include "cli/IntakeTool.hpp"
#include "cli/WorkshopCommand.hpp"
#include "cli/WorkshopPackCommand.hpp"
#include "cli/TerminalProgress.hpp"
#include "cli/IncidentsCommand.hpp"
#include "cli/Output.hpp"
#include "cli/PluginsCommand.hpp"
#include "cli/RisksCommand.hpp"
#include "core/Error.hpp"
#include "core/I18n.hpp"
#include "core/Kpi.hpp"
#include "core/Taxonomy.hpp"
#include "store/Browse.hpp"
#include "store/Database.hpp"
#include "store/KpiQuery.hpp"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <filesystem>

#ifndef MWANGAZA_VERSION
#define MWANGAZA_VERSION "0.0.0"
#endif

namespace mwangaza::cli {

namespace {

using core::tr;
namespace fs = std::filesystem;

// ---- command descriptions --------------------------------------------------------

constexpr OptionSpec k_no_options[] = {{"help", nullptr, N_("Show this help")}};
constexpr OptionSpec k_demo_options[] = {
    {"scale", "N", N_("Copies of every site and its records, 1 to 1000 (default 1)")},
    {"force", nullptr, N_("Replace the file if it exists")},
    {"help", nullptr, N_("Show this help")},
};
constexpr OptionSpec k_kpi_options[] = {
    {"site", "CODE", N_("Only the site with this code")},
    {"province", "NAME", N_("Only sites in this province")},
    {"country", "CD|RW", N_("Only sites in this country")},
    {"area", "CODE[,CODE...]", N_("Only these risk areas (codes, comma-separated)")},
    {"from", "YYYY-MM-DD", N_("Incidents observed, actions issued and workshops held on or after this date")},
    {"to", "YYYY-MM-DD", N_("... on or before this date")},
    {"json", nullptr, N_("Print one JSON object")},
    {"help", nullptr, N_("Show this help")},
};
constexpr OptionSpec k_sites_options[] = {
    {"json", nullptr, N_("Print a JSON array")},
    {"help", nullptr, N_("Show this help")},
};

const CommandSpec k_init{"init", "DB", N_("Create an empty programme database (schema and risk taxonomy only)."),
                         k_no_options};
const CommandSpec k_demo{"demo create", "DB [--scale N] [--force]",
                         N_("Write the demo programme (2021-04-01 to 2022-03-31) into a new database."),
                         k_demo_options};
const CommandSpec k_kpi{"kpi", "DB [OPTIONS]", N_("Print the programme's key figures, computed from the raw records."),
                        k_kpi_options};
const CommandSpec k_sites{"sites list", "DB [--json]", N_("List the mine sites."), k_sites_options};

void print_top_help(std::ostream& out)
{
    out << tr("Usage:") << ' ' << k_program << " [--lang en|fr] COMMAND [ARGS...]\n\n"
        << tr("Command-line tool of the Mwangaza risk workbench.") << "\n\n"
        << tr("Commands:") << '\n';
    TextTable table({TextTable::Align::Left, TextTable::Align::Left});
    for (const CommandSpec* c : {&k_init, &k_demo, &k_kpi, &k_sites})
        table.add_row({std::string("  ") + c->path + " DB", tr(c->summary)});
    table.add_row({std::string("  ") + import_command_usage(), tr(import_command_summary())});
    table.add_row({std::string("  ") + profiles_command_usage(), tr(profiles_command_summary())});
    for (const auto& [usage, summary] : site_assignment_summaries())
        table.add_row({"  " + usage, tr(summary)});
    table.add_row({std::string("  ") + map_command_usage(), tr(map_command_summary())});
    table.add_row({std::string("  ") + workshop_pack_usage(), tr(workshop_pack_summary())});
    add_workshop_summary(table);
    add_incidents_summary(table);
    add_actions_summary(table);
    add_stakeholders_summary(table);
    add_plugins_summary(table);
    add_risks_summary(table);
    table.print(out);
    out << '\n' << tr("Options:") << '\n';
    TextTable options({TextTable::Align::Left, TextTable::Align::Left});
    options.add_row({"  --lang en|fr", tr("Language of the output (default: from the environment)")});
    options.add_row({"  --version", tr("Print the version and exit")});
    options.add_row({"  -h, --help", tr("Show this help")});
    options.print(out);
    out << '\n' << format(tr("Run '%1 COMMAND --help' for the options of a command."), {k_program}) << '\n';
}

// ---- init ---------------------------------------------------------------------------

int run_init(std::span<const std::string> args, std::ostream& out)
{
    const auto a = parse_arguments(args, k_init.options, k_init.path);
    if (a.has("help")) {
        print_help(out, k_init);
        return 0;
    }
    const fs::path path = database_argument(a, k_init);
    std::error_code ec;
    if (fs::exists(path, ec))
        throw InvalidInput(format(tr("%1 already exists: init only creates new databases"), {path.string()}));
    auto db = store::Database::open(path, store::Database::Mode::Create);
    out << format(tr("Created an empty programme database: %1 (schema version %2)"),
                  {path.string(), std::to_string(db.schema_version())})
        << '\n';
    return 0;
}

// ---- demo create --------------------------------------------------------------------


int parse_int(const std::string& text, const char* option, const char* command)
{
    int value = 0;
    const auto* end = text.data() + text.size();
    const auto result = std::from_chars(text.data(), end, value);
    if (text.empty() || result.ec != std::errc() || result.ptr != end)
        throw UsageError(format(tr("%1: '%2' is not a whole number"), {option, text}), command);
    return value;
}

int run_demo(std::span<const std::string> args, std::ostream& out, const std::string& lang)
{
    if (args.empty())
        throw UsageError(tr("missing the subcommand (create)"), "demo");
    if (args[0] == "-h" || args[0] == "--help") {
        print_help(out, k_demo);
        return 0;
    }
    if (args[0] != "create")
        throw UsageError(format(tr("unknown subcommand '%1' (expected: create)"), {args[0]}), "demo");
    const auto a = parse_arguments(args.subspan(1), k_demo.options, k_demo.path);
    if (a.has("help")) {
        print_help(out, k_demo);
        return 0;
    }
    const fs::path path = database_argument(a, k_demo);
    app::DemoOptions options;
    if (auto scale = a.value("scale"))
        options.scale = parse_int(*scale, "--scale", k_demo.path);
    options.force = a.has("force");

    const auto started = std::chrono::steady_clock::now();
    app::DemoSummary summary;
    {
        TerminalProgress progress(::isatty(STDERR_FILENO) == 1);
        summary = app::create_demo(path, options, progress);
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    out << format(tr("Demo programme written to %1"), {path.string()}) << '\n';
    TextTable table({TextTable::Align::Left, TextTable::Align::Right});
    auto row = [&](const char* label, std::int64_t v) { table.add_row({"  " + tr(label), group_digits(v, lang)}); };
    row(N_("Scale"), options.scale);
    row(N_("Sites"), summary.sites);
    row(N_("Incidents (all statuses)"), summary.incidents);
    row(N_("Corrective actions (drafts included)"), summary.actions);
    row(N_("Workshops"), summary.workshops);
    row(N_("Stakeholders"), summary.stakeholders);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f s", seconds);
    std::string time_text = buf;
    if (lang == "fr")
        std::replace(time_text.begin(), time_text.end(), '.', ',');
    table.add_row({"  " + tr("Time"), time_text});
    table.print(out);
    return 0;
}

// ---- kpi ----------------------------------------------------------------------------

core::KpiFilter kpi_filter(const ParsedArguments& a)
{
    core::KpiFilter f;
    f.site_code = a.value("site");
    f.province = a.value("province");
    if (auto country = a.value("country")) {
        std::string c = *country;
        std::transform(c.begin(), c.end(), c.begin(), [](unsigned char ch) { return char(std::toupper(ch)); });
        f.country = c;
    }
    if (auto areas = a.value("area")) {
        for (auto& code : split_list(*areas)) {
            if (code.empty())
                throw InvalidInput(format(tr("--area: empty risk area code in '%1'"), {*areas}));
            if (std::find(f.areas.begin(), f.areas.end(), code) == f.areas.end())
                f.areas.push_back(code);
        }
    }
    f.from = a.value("from");
    f.to = a.value("to");
    for (const char* name : {"site", "province"})
        if (auto v = a.value(name); v && v->empty())
            throw InvalidInput(format(tr("--%1 needs a non-empty value"), {name}));
    core::validate(f);
    return f;
}

std::string filter_text(const core::KpiFilter& f)
{
    std::vector<std::string> parts;
    if (f.site_code)
        parts.push_back(format(tr("site %1"), {*f.site_code}));
    if (f.province)
        parts.push_back(format(tr("province %1"), {*f.province}));
    if (f.country)
        parts.push_back(format(tr("country %1"), {*f.country}));
    if (f.restricts_areas()) {
        std::string areas;
        for (const auto& code : f.areas)
            areas += (areas.empty() ? "" : ", ") + tr(core::find_risk_area(code)->label);
        parts.push_back(format(tr("risk areas %1"), {areas}));
    }
    if (f.from)
        parts.push_back(format(tr("from %1"), {*f.from}));
    if (f.to)
        parts.push_back(format(tr("to %1"), {*f.to}));
    std::string out;
    for (const auto& p : parts)
        out += (out.empty() ? "" : "; ") + p;
    return out;
}

void print_kpi_json(std::ostream& out, const core::KpiFigures& k, const core::KpiFilter& f, const std::string& name,
                    const std::string& start, const std::string& end)
{
    const double rate = core::implementation_rate(k.actions_progressing, k.actions_issued);
    char rate_text[32];
    std::snprintf(rate_text, sizeof rate_text, "%.4f", rate);
    auto opt = [](const std::optional<std::string>& v) { return v ? json_string(*v) : std::string("null"); };
    out << "{\n";
    out << "  \"programme\": {\"name\": " << json_string(name) << ", \"period_start\": " << json_string(start)
        << ", \"period_end\": " << json_string(end) << "},\n";
    out << "  \"filter\": {\"site\": " << opt(f.site_code) << ", \"province\": " << opt(f.province)
        << ", \"country\": " << opt(f.country) << ", \"areas\": [";
    for (std::size_t i = 0; i < f.areas.size(); ++i)
        out << (i ? ", " : "") << json_string(f.areas[i]);
    out << "], \"from\": " << opt(f.from) << ", \"to\": " << opt(f.to) << "},\n";
    for (const auto& count : core::kpi_counts())
        out << "  \"" << count.key << "\": " << k.*count.member << ",\n";
    out << "  \"implementation_rate\": " << rate_text << ",\n";
    out << "  \"verified_by_category\": {";
    bool first = true;
    for (const auto& c : core::risk_categories()) {
        auto it = k.verified_by_category.find(std::string(c.code));
        out << (first ? "" : ", ") << json_string(c.code) << ": " << (it == k.verified_by_category.end() ? 0 : it->second);
        first = false;
    }
    out << "},\n  \"verified_by_area\": {";
    first = true;
    for (const auto& a : core::risk_areas()) {
        auto it = k.verified_by_area.find(std::string(a.code));
        if (it == k.verified_by_area.end())
            continue;
        out << (first ? "" : ", ") << json_string(a.code) << ": " << it->second;
        first = false;
    }
    out << "}\n}\n";
}

void print_kpi_text(std::ostream& out, const core::KpiFigures& k, const core::KpiFilter& f, const std::string& lang,
                    const std::string& name, const std::string& start, const std::string& end)
{
    if (!name.empty()) {
        out << name;
        if (!start.empty() && !end.empty())
            out << ", " << format(tr("%1 to %2"), {start, end});
        out << '\n';
    }
    if (const auto filters = filter_text(f); !filters.empty())
        out << tr("Filters:") << ' ' << filters << '\n';
    out << '\n';

    using A = TextTable::Align;
    TextTable table({A::Left, A::Right});
    auto row = [&](const char* label, const std::string& value, bool indent = false) {
        table.add_row({(indent ? "  " : "") + tr(label), value});
    };
    auto num = [&](std::int64_t v) { return group_digits(v, lang); };
    row(N_("Sites"), num(k.sites_total));
    row(N_("Active sites"), num(k.sites_active), true);
    row(N_("Verified incidents"), num(k.incidents_verified));
    row(N_("Risk areas covered"), num(k.risk_areas_covered), true);
    row(N_("Child labour incidents (child labour and WFCL)"), num(k.child_labour_incidents), true);
    row(N_("Worst forms of child labour (WFCL)"), num(k.wfcl_incidents), true);
    row(N_("Incidents awaiting triage"), num(k.incidents_awaiting_triage));
    row(N_("Actions issued"), num(k.actions_issued));
    row(N_("Actions in progress or implemented"), num(k.actions_progressing), true);
    row(N_("Implementation rate"),
        percent_text(core::implementation_rate(k.actions_progressing, k.actions_issued), lang), true);
    row(N_("Child labour actions issued"), num(k.child_labour_actions_issued));
    row(N_("Child labour actions in progress or implemented"), num(k.child_labour_actions_progressing), true);
    row(N_("Workshops"), num(k.workshops));
    table.print(out);

    out << '\n' << tr("Verified incidents by risk category") << '\n';
    TextTable categories({A::Left, A::Right});
    for (const auto& c : core::risk_categories()) {
        auto it = k.verified_by_category.find(std::string(c.code));
        categories.add_row({"  " + tr(c.label), num(it == k.verified_by_category.end() ? 0 : it->second)});
    }
    categories.print(out);

    if (f.restricts_areas()) {
        out << '\n' << tr("Verified incidents by risk area") << '\n';
        TextTable areas({A::Left, A::Right});
        for (const auto& code : f.areas) {
            auto it = k.verified_by_area.find(code);
            areas.add_row({"  " + tr(core::find_risk_area(code)->label),
                           num(it == k.verified_by_area.end() ? 0 : it->second)});
        }
        areas.print(out);
    }
}

int run_kpi(std::span<const std::string> args, std::ostream& out, const std::string& lang)
{
    const auto a = parse_arguments(args, k_kpi.options, k_kpi.path);
    if (a.has("help")) {
        print_help(out, k_kpi);
        return 0;
    }
    const fs::path path = database_argument(a, k_kpi);
    const auto filter = kpi_filter(a);
    auto db = store::Database::open(path, store::Database::Mode::OpenExisting);
    const auto figures = store::compute_kpis(db.sql(), filter);
    const std::string name = db.setting("name");
    const std::string start = db.setting("period_start");
    const std::string end = db.setting("period_end");
    if (a.has("json"))
        print_kpi_json(out, figures, filter, name, start, end);
    else
        print_kpi_text(out, figures, filter, lang, name, start, end);
    return 0;
}

// ---- sites list ---------------------------------------------------------------------

int run_sites(std::span<const std::string> args, std::ostream& out)
{
    if (args.empty())
        throw UsageError(tr("missing the subcommand (list)"), "sites");
    if (args[0] == "-h" || args[0] == "--help") {
        print_help(out, k_sites);
        return 0;
    }
    if (args[0] != "list")
        throw UsageError(format(tr("unknown subcommand '%1' (expected: list)"), {args[0]}), "sites");
    const auto a = parse_arguments(args.subspan(1), k_sites.options, k_sites.path);
    if (a.has("help")) {
        print_help(out, k_sites);
        return 0;
    }
    const fs::path path = database_argument(a, k_sites);
    auto db = store::Database::open(path, store::Database::Mode::OpenExisting);
    const auto sites = store::list_sites(db.sql());
    auto coordinate = [](const std::optional<double>& v) {
        if (!v)
            return std::string();
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.4f", *v);
        return std::string(buf);
    };

    if (a.has("json")) {
        out << "[";
        for (std::size_t i = 0; i < sites.size(); ++i) {
            const auto& s = sites[i];
            out << (i ? ",\n " : "\n ") << "{\"code\": " << json_string(s.code) << ", \"name\": " << json_string(s.name)
                << ", \"country\": " << json_string(s.country) << ", \"province\": " << json_string(s.province)
                << ", \"territory\": " << json_string(s.territory) << ", \"minerals\": [";
            bool first = true;
            for (const auto& m : split_list(s.minerals)) {
                if (m.empty())
                    continue;
                out << (first ? "" : ", ") << json_string(m);
                first = false;
            }
            out << "], \"active\": " << (s.active ? "true" : "false")
                << ", \"lat\": " << (s.lat ? json_number(*s.lat) : "null")
                << ", \"lon\": " << (s.lon ? json_number(*s.lon) : "null")
                << ", \"verified_incidents\": " << s.verified_incidents << "}";
        }
        out << (sites.empty() ? "]\n" : "\n]\n");
        return 0;
    }

    using A = TextTable::Align;
    TextTable table({A::Left, A::Left, A::Left, A::Left, A::Left, A::Left, A::Right, A::Right, A::Right});
    table.add_row({tr("Code"), tr("Name"), tr("Country"), tr("Province"), tr("Minerals"), tr("Active"), tr("Latitude"),
                   tr("Longitude"), tr("Verified incidents")});
    for (const auto& s : sites)
        table.add_row({s.code, s.name, s.country, s.province, s.minerals, s.active ? tr("yes") : tr("no"),
                       coordinate(s.lat), coordinate(s.lon), std::to_string(s.verified_incidents)});
    table.print(out);
    return 0;
}

} // namespace

int run(const std::vector<std::string>& all_args, std::ostream& out, std::ostream& err)
{
    // --lang is global and may appear anywhere before "--".
    std::vector<std::string> args;
    std::optional<std::string> lang_option;
    bool lang_error = false;
    for (std::size_t i = 0; i < all_args.size(); ++i) {
        const std::string& arg = all_args[i];
        if (arg == "--") {
            args.insert(args.end(), all_args.begin() + std::ptrdiff_t(i), all_args.end());
            break;
        }
        if (arg == "--lang") {
            if (i + 1 < all_args.size())
                lang_option = all_args[++i];
            else
                lang_error = true;
        } else if (arg.rfind("--lang=", 0) == 0) {
            lang_option = arg.substr(7);
        } else {
            args.push_back(arg);
        }
    }
    std::string lang = lang_option && core::is_supported_language(*lang_option) ? *lang_option
                                                                                : core::language_from_environment();
    if (!core::install_catalog(lang))
        lang = "en";

    std::string command;
    try {
        if (lang_error)
            throw UsageError(tr("option '--lang' needs a value (en or fr)"), "");
        if (lang_option && !core::is_supported_language(*lang_option))
            throw UsageError(format(tr("unsupported language '%1' (en or fr)"), {*lang_option}), "");
        if (args.empty())
            throw UsageError(tr("missing command"), "");
        command = args[0];
        const std::span<const std::string> rest(args.data() + 1, args.size() - 1);
        if (command == "--version") {
            out << k_program << ' ' << MWANGAZA_VERSION << '\n';
            return 0;
        }
        if (command == "-h" || command == "--help") {
            print_top_help(out);
            return 0;
        }
        if (command == "help") {
            if (rest.empty()) {
                print_top_help(out);
                return 0;
            }
            std::vector<std::string> again(rest.begin(), rest.end());
            again.push_back("--help");
            command = again[0];
            return run(again, out, err);
        }
        if (command == "init")
            return run_init(rest, out);
        if (command == "demo")
            return run_demo(rest, out, lang);
        if (command == "kpi") {
            if (!rest.empty() && rest[0] == "by")
                return run_kpi_by(rest.subspan(1), out, lang);
            return run_kpi(rest, out, lang);
        }
        if (command == "actions")
            return run_actions(rest, out, lang);
        if (command == "stakeholders")
            return run_stakeholders(rest, out, lang);
        if (command == "assign")
            return run_assign(rest, out, lang);
        if (is_site_assignment_command(args)) {
            std::vector<std::string> intake_args{site_assignment_intake_marker()};
            intake_args.insert(intake_args.end(), args.begin(), args.end());
            return exec_intake_tool(intake_args, lang, err);
        }
        if (command == "sites")
            return run_sites(rest, out);
        if (command == "import")
            return exec_intake_tool(rest, lang, err);
        if (command == "profiles") {
            std::vector<std::string> intake_args{profiles_intake_marker()};
            intake_args.insert(intake_args.end(), rest.begin(), rest.end());
            return exec_intake_tool(intake_args, lang, err);
        }
        if (command == "map") {
            std::vector<std::string> intake_args{map_intake_marker()};
            intake_args.insert(intake_args.end(), rest.begin(), rest.end());
            return exec_intake_tool(intake_args, lang, err);
        }
        if (command == "workshop" && !rest.empty() && rest[0] == "pack") {
            std::vector<std::string> intake_args{workshop_pack_intake_marker()};
            if (lang_option) // --lang also chooses the pack's language
                intake_args.insert(intake_args.end(), {"--pack-lang", lang});
            intake_args.insert(intake_args.end(), rest.begin() + 1, rest.end());
            return exec_intake_tool(intake_args, lang, err);
        }
        if (command == "workshop")
            return run_workshop(rest, out, lang);
        if (command == "incidents")
            return run_incidents(rest, out, lang);
        if (command == "plugins")
            return run_plugins(rest, out, err, lang);
        if (command == "risks")
            return run_risks(rest, out, lang);
        if (command == "matrix")
            return run_matrix(rest, out, lang);
        if (command.rfind("-", 0) == 0) {
            command.clear();
            throw UsageError(format(tr("unknown option '%1'"), {args[0]}), "");
        }
        const std::string unknown = command;
        command.clear();
        throw UsageError(format(tr("unknown command '%1'"), {unknown}), "");
    } catch (const UsageError& e) {
        err << k_program << ": " << e.what() << '\n';
        const std::string where = e.command().empty() ? k_program : std::string(k_program) + " " + e.command();
        err << format(tr("Try '%1 --help'."), {where}) << '\n';
        return 1;
    } catch (const Cancelled&) {
        err << k_program << ": " << tr("cancelled; nothing was written") << '\n';
        return 130;
    } catch (const InvalidInput& e) {
        err << k_program << ": " << e.what() << '\n';
        return 2;
    } catch (const Error& e) {
        err << k_program << ": " << e.what() << '\n';
        return 1;
    } catch (const std::exception& e) {
        err << k_program << ": " << tr("unexpected error:") << ' ' << e.what() << '\n';
        return 1;
    }
}

} // namespace mwangaza::cli
