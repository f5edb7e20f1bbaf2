#include "cli/StakeholdersCommand.hpp"

#include "cli/ArgumentParser.hpp"
#include "cli/CommandSpec.hpp"
#include "core/Error.hpp"
#include "core/I18n.hpp"
#include "core/Kpi.hpp"
#include "core/StakeholderTypes.hpp"
#include "store/Database.hpp"
#include "store/StakeholderStore.hpp"

#include <charconv>
#include <filesystem>
#include <map>
#include <sstream>

namespace mwangaza::cli {

namespace {

using core::tr;
namespace fs = std::filesystem;

constexpr OptionSpec k_list_options[] = {
    {"on", "YYYY-MM-DD", N_("The day overdue is decided for (default: today)")},
    {"json", nullptr, N_("Print a JSON array")},
    {"help", nullptr, N_("Show this help")},
};
constexpr OptionSpec k_add_options[] = {
    {"name", "NAME", N_("The stakeholder's name (required)")},
    {"type", "TYPE", N_("The stakeholder type (required; see the list below)")},
    {"contact", "TEXT", N_("How to reach them: person, telephone, e-mail")},
    {"languages", "CODE[,CODE...]", N_("The languages they work in, e.g. fr,sw")},
    {"site", "CODE", N_("A site they act on; repeat, or separate codes with commas")},
    {"as", "NAME", N_("Who records it (default: the USER environment variable)")},
    {"json", nullptr, N_("Print the stakeholder as a JSON object")},
    {"help", nullptr, N_("Show this help")},
};
constexpr OptionSpec k_edit_options[] = {
    {"name", "NAME", N_("A new name")},
    {"type", "TYPE", N_("A new stakeholder type")},
    {"contact", "TEXT", N_("A new contact (empty to remove it)")},
    {"languages", "CODE[,CODE...]", N_("New languages (empty to remove them)")},
    {"site", "CODE", N_("The sites they act on, replacing the present ones; repeat, or separate codes with commas")},
    {"no-sites", nullptr, N_("Remove every site")},
    {"as", "NAME", N_("Who records it (default: the USER environment variable)")},
    {"json", nullptr, N_("Print the stakeholder as a JSON object")},
    {"help", nullptr, N_("Show this help")},
};
constexpr OptionSpec k_show_options[] = {
    {"on", "YYYY-MM-DD", N_("The day overdue is decided for (default: today)")},
    {"json", nullptr, N_("Print a JSON object")},
    {"help", nullptr, N_("Show this help")},
};

const CommandSpec k_list{"stakeholders list", "DB [--on YYYY-MM-DD] [--json]",
                         N_("List the stakeholders with their sites, workload and implementation rate."),
                         k_list_options};
const CommandSpec k_add{"stakeholders add", "DB --name NAME --type TYPE [--contact TEXT] [--languages fr,sw] "
                                            "[--site CODE]... [--json]",
                        N_("Add a stakeholder to the registry; prints its id."), k_add_options};
const CommandSpec k_edit{"stakeholders edit", "DB ID [--name NAME] [--type TYPE] [--contact TEXT] "
                                              "[--languages fr,sw] [--site CODE]... | [--no-sites]",
                         N_("Change a stakeholder: only the fields given change."), k_edit_options};
const CommandSpec k_show{"stakeholders show", "DB ID [--on YYYY-MM-DD] [--json]",
                         N_("Show one stakeholder with its sites, workload and implementation rate."),
                         k_show_options};

std::string today()
{
    return store::utc_now().substr(0, 10);
}

std::string on_option(const ParsedArguments& a)
{
    auto v = a.value("on");
    if (!v)
        return today();
    if (!core::is_iso_date(*v))
        throw InvalidInput(format(tr("--%1: '%2' is not a date (YYYY-MM-DD)"), {"on", *v}));
    return *v;
}

std::int64_t stakeholder_id(const ParsedArguments& a, const CommandSpec& spec)
{
    if (a.positionals.size() < 2)
        throw UsageError(tr("missing the stakeholder's id"), spec.path);
    if (a.positionals.size() > 2)
        throw UsageError(format(tr("unexpected argument '%1'"), {a.positionals[2]}), spec.path);
    const std::string& text = a.positionals[1];
    std::int64_t n = 0;
    const auto* end = text.data() + text.size();
    const auto r = std::from_chars(text.data(), end, n);
    if (text.empty() || r.ec != std::errc() || r.ptr != end || n <= 0)
        throw InvalidInput(format(tr("%1: '%2' is not an id (a positive whole number)"), {"ID", text}));
    return n;
}

// --site repeats: takes every --site out of the arguments before the parser.
std::vector<std::string> take_sites(std::span<const std::string> args, std::vector<std::string>& rest,
                                    const CommandSpec& spec, bool& given)
{
    std::vector<std::string> sites;
    given = false;
    auto add = [&](const std::string& value) {
        given = true;
        for (auto& code : split_list(value))
            if (!code.empty())
                sites.push_back(code);
    };
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--") {
            rest.insert(rest.end(), args.begin() + std::ptrdiff_t(i), args.end());
            break;
        }
        if (args[i] == "--site") {
            if (i + 1 >= args.size())
                throw UsageError(format(tr("option '%1' needs a value (%2)"), {"--site", "CODE"}), spec.path);
            add(args[++i]);
        } else if (args[i].rfind("--site=", 0) == 0) {
            add(args[i].substr(7));
        } else {
            rest.push_back(args[i]);
        }
    }
    return sites;
}

std::string type_text(const std::string& code)
{
    const auto* type = core::find_stakeholder_type(code);
    return type ? tr(type->label) : code;
}

std::string types_help()
{
    TextTable table({TextTable::Align::Left, TextTable::Align::Left});
    for (const auto& t : core::stakeholder_types())
        table.add_row({"  " + std::string(t.code), tr(t.label)});
    std::ostringstream text;
    text << tr("Stakeholder types:") << '\n';
    table.print(text);
    return text.str();
}

std::string sites_json(const std::vector<std::string>& codes)
{
    std::string sites;
    for (const auto& c : codes)
        sites += (sites.empty() ? "" : ", ") + json_string(c);
    return "[" + sites + "]";
}

std::string null_or_text(const std::string& s)
{
    return s.empty() ? "null" : json_string(s);
}

void print_json(std::ostream& out, const store::Stakeholder& s, const store::StakeholderWorkload* w,
                const std::string& on)
{
    out << "{\"id\": " << s.id << ", \"name\": " << json_string(s.name) << ", \"type\": " << json_string(s.type)
        << ", \"contact\": " << null_or_text(s.contact) << ", \"languages\": " << null_or_text(s.languages)
        << ", \"sites\": " << sites_json(s.site_codes);
    if (w)
        out << ", \"on\": " << json_string(on) << ", \"responsible_open\": " << w->responsible_open
            << ", \"responsible_overdue\": " << w->responsible_overdue
            << ", \"supporting_open\": " << w->supporting_open
            << ", \"supporting_overdue\": " << w->supporting_overdue << ", \"issued\": " << w->issued
            << ", \"progressing\": " << w->progressing << ", \"rate\": " << json_number(w->rate());
    out << "}";
}

int run_list(std::span<const std::string> args, std::ostream& out, const std::string& lang)
{
    const auto a = parse_arguments(args, k_list.options, k_list.path);
    if (a.has("help")) {
        print_help(out, k_list);
        return 0;
    }
    const fs::path path = database_argument(a, k_list);
    const std::string on = on_option(a);
    auto db = store::Database::open(path, store::Database::Mode::ReadOnly);
    const auto registry = store::list_stakeholders(db.sql());
    const auto loads = store::stakeholder_workloads(db.sql(), on);
    std::map<std::int64_t, const store::StakeholderWorkload*> load_of;
    for (const auto& w : loads)
        load_of[w.stakeholder_id] = &w;
    const store::StakeholderWorkload none;
    auto load = [&](std::int64_t id) -> const store::StakeholderWorkload& {
        auto it = load_of.find(id);
        return it == load_of.end() ? none : *it->second;
    };
    if (a.has("json")) {
        out << "[";
        for (std::size_t i = 0; i < registry.size(); ++i) {
            out << (i ? ",\n " : "\n ");
            print_json(out, registry[i], &load(registry[i].id), on);
        }
        out << (registry.empty() ? "]\n" : "\n]\n");
        return 0;
    }
    using A = TextTable::Align;
    TextTable table({A::Right, A::Left, A::Left, A::Right, A::Right, A::Right, A::Right, A::Left});
    table.add_row({tr("Id"), tr("Name"), tr("Type"), tr("Open"), tr("Overdue"), tr("Supporting"), tr("Rate"),
                   tr("Sites")});
    for (const auto& s : registry) {
        const auto& w = load(s.id);
        std::string sites;
        for (const auto& c : s.site_codes)
            sites += (sites.empty() ? "" : ",") + c;
        table.add_row({std::to_string(s.id), one_line(s.name, 40), type_text(s.type),
                       std::to_string(w.responsible_open), std::to_string(w.responsible_overdue),
                       std::to_string(w.supporting_open), w.issued ? percent_text(w.rate(), lang) : "-",
                       one_line(sites, 30)});
    }
    table.print(out);
    out << '\n' << format(tr("%1 stakeholders; open and overdue actions as responsible on %2."),
                          {group_digits(std::int64_t(registry.size()), lang), on})
        << '\n';
    return 0;
}

int run_save(std::span<const std::string> all_args, std::ostream& out, const CommandSpec& spec)
{
    const bool adding = &spec == &k_add;
    std::vector<std::string> args;
    bool sites_given = false;
    const auto sites = take_sites(all_args, args, spec, sites_given);
    const auto a = parse_arguments(args, spec.options, spec.path);
    if (a.has("help")) {
        print_help(out, spec);
        out << '\n' << types_help();
        return 0;
    }
    const fs::path path = database_argument(a, spec, adding);
    store::Stakeholder s;
    if (adding) {
        if (!a.has("name"))
            throw UsageError(tr("missing --name"), spec.path);
        if (!a.has("type"))
            throw UsageError(tr("missing --type"), spec.path);
    } else {
        s.id = stakeholder_id(a, spec);
        if (sites_given && a.has("no-sites"))
            throw UsageError(tr("give either --site or --no-sites, not both"), spec.path);
        if (!sites_given && !a.has("no-sites") &&
            !(a.has("name") || a.has("type") || a.has("contact") || a.has("languages")))
            throw UsageError(tr("nothing to change: give at least one of --name, --type, --contact, --languages, "
                                "--site, --no-sites"),
                             spec.path);
    }
    const std::string actor = decision_actor(a);
    if (sites_given && sites.empty())
        throw InvalidInput(tr("--site: no site code given"));
    auto db = store::Database::open(path);
    if (!adding)
        s = store::read_stakeholder(db.sql(), s.id);
    if (auto v = a.value("name"))
        s.name = *v;
    if (auto v = a.value("type"))
        s.type = *v;
    if (auto v = a.value("contact"))
        s.contact = *v;
    if (auto v = a.value("languages"))
        s.languages = *v;
    if (sites_given)
        s.site_codes = sites;
    else if (a.has("no-sites"))
        s.site_codes.clear();
    const std::int64_t id = store::save_stakeholder(db, s, actor);
    if (a.has("json")) {
        print_json(out, store::read_stakeholder(db.sql(), id), nullptr, "");
        out << '\n';
    } else if (adding) {
        out << id << '\n';
    } else {
        out << format(tr("Stakeholder %1 saved."), {std::to_string(id)}) << '\n';
    }
    return 0;
}

int run_show(std::span<const std::string> args, std::ostream& out, const std::string& lang)
{
    const auto a = parse_arguments(args, k_show.options, k_show.path);
    if (a.has("help")) {
        print_help(out, k_show);
        return 0;
    }
    const fs::path path = database_argument(a, k_show, false);
    const std::int64_t id = stakeholder_id(a, k_show);
    const std::string on = on_option(a);
    auto db = store::Database::open(path, store::Database::Mode::ReadOnly);
    const auto s = store::read_stakeholder(db.sql(), id);
    const auto w = store::stakeholder_workload(db.sql(), id, on);
    if (a.has("json")) {
        print_json(out, s, &w, on);
        out << '\n';
        return 0;
    }
    std::string sites;
    for (const auto& c : s.site_codes)
        sites += (sites.empty() ? "" : ", ") + c;
    TextTable table({TextTable::Align::Left, TextTable::Align::Left});
    table.add_row({tr("Id"), std::to_string(s.id)});
    table.add_row({tr("Name"), s.name});
    table.add_row({tr("Type"), type_text(s.type) + " (" + s.type + ")"});
    table.add_row({tr("Contact"), s.contact.empty() ? "-" : s.contact});
    table.add_row({tr("Languages"), s.languages.empty() ? "-" : s.languages});
    table.add_row({tr("Sites"), sites.empty() ? "-" : sites});
    table.add_row({format(tr("Open as responsible on %1"), {on}),
                   format(tr("%1 (%2 overdue)"), {group_digits(w.responsible_open, lang),
                                                  group_digits(w.responsible_overdue, lang)})});
    table.add_row({format(tr("Open as supporter on %1"), {on}),
                   format(tr("%1 (%2 overdue)"), {group_digits(w.supporting_open, lang),
                                                  group_digits(w.supporting_overdue, lang)})});
    table.add_row({tr("Issued as responsible"), group_digits(w.issued, lang)});
    table.add_row({tr("In progress or implemented"), group_digits(w.progressing, lang)});
    table.add_row({tr("Implementation rate"), w.issued ? percent_text(w.rate(), lang) : "-"});
    table.print(out);
    return 0;
}

} // namespace

int run_stakeholders(std::span<const std::string> args, std::ostream& out, const std::string& lang)
{
    const Subcommand subcommands[] = {
        {"list", [&](auto rest) { return run_list(rest, out, lang); }},
        {"add", [&](auto rest) { return run_save(rest, out, k_add); }},
        {"edit", [&](auto rest) { return run_save(rest, out, k_edit); }},
        {"show", [&](auto rest) { return run_show(rest, out, lang); }},
    };
    return run_subcommand(args, "stakeholders", subcommands, [&] {
        print_helps(out, {&k_list, &k_add, &k_edit, &k_show});
        out << types_help();
    });
}

void add_stakeholders_summary(TextTable& table)
{
    for (const CommandSpec* c : {&k_list, &k_add, &k_edit, &k_show})
        table.add_row({std::string("  ") + c->path + " DB", tr(c->summary)});
}

} // namespace mwangaza::cli
