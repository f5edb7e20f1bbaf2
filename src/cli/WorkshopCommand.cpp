#include "cli/WorkshopCommand.hpp"

#include "cli/ArgumentParser.hpp"
#include "cli/CommandSpec.hpp"
#include "core/Error.hpp"
#include "core/I18n.hpp"
#include "core/Json.hpp"
#include "store/Database.hpp"
#include "store/WorkshopStore.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace mwangaza::cli {

namespace {

using core::tr;
namespace fs = std::filesystem;

constexpr OptionSpec k_plan_options[] = {
    {"site", "CODE", N_("The site's code")},
    {"on", "YYYY-MM-DD", N_("The day of the workshop")},
    {"facilitator", "NAME", N_("Who runs the workshop")},
    {"as", "NAME", N_("Who decides (default: $USER)")},
    {"help", nullptr, N_("Show this help")},
};
constexpr OptionSpec k_list_options[] = {
    {"site", "CODE", N_("Only the site with this code")},
    {"json", nullptr, N_("Print a JSON array")},
    {"help", nullptr, N_("Show this help")},
};
constexpr OptionSpec k_record_options[] = {
    {"on", "YYYY-MM-DD", N_("The day it was held (default: the planned day)")},
    {"attendee", "NAME[:ROLE]", N_("Someone who attended; a stakeholder of the site by name, or a free name; repeat")},
    {"issue", "ACTION_ID", N_("A draft action of the site issued at the workshop; repeat")},
    {"progress", "ACTION_ID:NOTE", N_("Progress of an open action noted at the workshop; repeat")},
    {"minutes", "TEXT", N_("The minutes")},
    {"as", "NAME", N_("Who decides (default: $USER)")},
    {"help", nullptr, N_("Show this help")},
};

const CommandSpec k_plan{"workshop plan", "DB --site CODE --on YYYY-MM-DD [--facilitator NAME]",
                         N_("Plan a site's monthly CAP workshop."), k_plan_options};
const CommandSpec k_list{"workshop list", "DB [--site CODE] [--json]", N_("List the workshops, newest first."),
                         k_list_options};
const CommandSpec k_record{"workshop record",
                           "DB ID [--attendee NAME[:ROLE]]... [--issue ACTION_ID]... [--progress ACTION_ID:NOTE]... "
                           "[--minutes TEXT]",
                           N_("Record a workshop: attendees, actions issued, progress, minutes (all or nothing)."),
                           k_record_options};

std::int64_t parse_id(const std::string& text, const char* what)
{
    std::int64_t v = 0;
    const char* end = text.data() + text.size();
    const auto r = std::from_chars(text.data(), end, v);
    if (text.empty() || r.ec != std::errc() || r.ptr != end || v <= 0)
        throw InvalidInput(format(tr("%1: '%2' is not a number"), {what, text}));
    return v;
}

int run_plan(std::span<const std::string> args, std::ostream& out)
{
    const auto a = parse_arguments(args, k_plan.options, k_plan.path);
    if (a.has("help")) {
        print_help(out, k_plan);
        return 0;
    }
    auto db = store::Database::open(database_argument(a, k_plan));
    store::WorkshopPlan plan;
    if (!a.value("site") || !a.value("on"))
        throw UsageError(tr("--site and --on are needed"), k_plan.path);
    plan.site_code = *a.value("site");
    plan.held_on = *a.value("on");
    plan.facilitator = a.value("facilitator").value_or("");
    plan.actor = decision_actor(a);
    const auto id = store::plan_workshop(db, plan);
    out << format(tr("Workshop %1 planned at %2 on %3"), {std::to_string(id), plan.site_code, plan.held_on}) << '\n';
    return 0;
}

int run_list(std::span<const std::string> args, std::ostream& out)
{
    const auto a = parse_arguments(args, k_list.options, k_list.path);
    if (a.has("help")) {
        print_help(out, k_list);
        return 0;
    }
    auto db = store::Database::open(database_argument(a, k_list));
    const auto list = store::list_workshops(db, a.value("site"));
    if (a.has("json")) {
        out << '[';
        for (std::size_t i = 0; i < list.size(); ++i) {
            const auto& w = list[i];
            out << (i ? ",\n " : "\n ") << "{\"id\": " << w.id << ", \"site\": " << core::json_string(w.site_code)
                << ", \"held_on\": " << core::json_string(w.held_on)
                << ", \"facilitator\": " << core::json_string(w.facilitator) << ", \"attendees\": " << w.attendees
                << ", \"actions_issued\": " << w.actions_issued << ", \"progress_updates\": " << w.progress_updates
                << ", \"recorded\": " << (w.recorded ? "true" : "false") << "}";
        }
        out << (list.empty() ? "]\n" : "\n]\n");
        return 0;
    }
    using A = TextTable::Align;
    TextTable table({A::Right, A::Left, A::Left, A::Left, A::Left, A::Right, A::Right, A::Right});
    table.add_row({tr("Id"), tr("Site"), tr("Date"), tr("Facilitator"), tr("Recorded"), tr("Attendees"),
                   tr("Actions issued"), tr("Progress updates")});
    for (const auto& w : list)
        table.add_row({std::to_string(w.id), w.site_code, w.held_on, w.facilitator, w.recorded ? tr("yes") : tr("no"),
                       std::to_string(w.attendees), std::to_string(w.actions_issued),
                       std::to_string(w.progress_updates)});
    table.print(out);
    return 0;
}

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

int run_record(std::span<const std::string> all_args, std::ostream& out)
{
    // --attendee, --issue and --progress repeat: take them out before the parser.
    std::vector<std::string> args, attendees, issues, progress;
    for (std::size_t i = 0; i < all_args.size(); ++i) {
        const std::string& arg = all_args[i];
        bool taken = false;
        using Repeated = std::pair<const char*, std::vector<std::string>*>;
        for (auto [name, list] : std::initializer_list<Repeated>{
                 {"--attendee", &attendees}, {"--issue", &issues}, {"--progress", &progress}}) {
            const std::string n = name;
            if (arg == n) {
                if (i + 1 >= all_args.size())
                    throw UsageError(format(tr("option '%1' needs a value"), {n}), k_record.path);
                list->push_back(all_args[++i]);
                taken = true;
            } else if (arg.rfind(n + "=", 0) == 0) {
                list->push_back(arg.substr(n.size() + 1));
                taken = true;
            }
        }
        if (!taken)
            args.push_back(arg);
    }
    const auto a = parse_arguments(args, k_record.options, k_record.path);
    if (a.has("help")) {
        print_help(out, k_record);
        return 0;
    }
    const fs::path path = database_argument(a, k_record, false);
    if (a.positionals.size() != 2)
        throw UsageError(tr("give the database and the workshop's number"), k_record.path);
    auto db = store::Database::open(path);
    store::WorkshopRecord record;
    record.workshop_id = parse_id(a.positionals[1], "ID");
    record.held_on = a.value("on").value_or("");
    record.minutes = a.value("minutes").value_or("");
    record.actor = decision_actor(a);

    // Attendees named like a stakeholder of the site are recorded as that stakeholder.
    const auto choices = store::workshop_choices(db, record.workshop_id);
    for (const auto& text : attendees) {
        store::WorkshopAttendee attendee;
        const auto colon = text.rfind(':');
        attendee.name = colon == std::string::npos ? text : text.substr(0, colon);
        attendee.role = colon == std::string::npos ? std::string() : text.substr(colon + 1);
        for (const auto& s : choices.stakeholders)
            if (lower(s.label) == lower(attendee.name)) {
                attendee.stakeholder_id = s.id;
                attendee.name = s.label;
            }
        record.attendees.push_back(std::move(attendee));
    }
    for (const auto& id : issues)
        record.issue.push_back(parse_id(id, "--issue"));
    for (const auto& p : progress) {
        const auto colon = p.find(':');
        if (colon == std::string::npos)
            throw UsageError(format(tr("--progress takes ACTION_ID:NOTE, not '%1'"), {p}), k_record.path);
        record.progress.push_back({parse_id(p.substr(0, colon), "--progress"), p.substr(colon + 1), std::nullopt, ""});
    }
    const auto result = store::record_workshop(db, record);
    out << format(tr("Workshop %1 recorded: %2 attendees, %3 actions issued, %4 progress updates"),
                  {std::to_string(record.workshop_id), std::to_string(result.attendees), std::to_string(result.issued),
                   std::to_string(result.progress_updates)})
        << '\n';
    return 0;
}

} // namespace

void add_workshop_summary(TextTable& table)
{
    for (const CommandSpec* c : {&k_plan, &k_list, &k_record})
        table.add_row({std::string("  ") + c->path + " DB", tr(c->summary)});
}

int run_workshop(std::span<const std::string> args, std::ostream& out, const std::string&)
{
    const Subcommand subcommands[] = {
        {"plan", [&](auto rest) { return run_plan(rest, out); }},
        {"list", [&](auto rest) { return run_list(rest, out); }},
        {"record", [&](auto rest) { return run_record(rest, out); }},
    };
    const char* const elsewhere[] = {"pack"}; // run by the intake helper (WorkshopPackCommand)
    return run_subcommand(args, "workshop", subcommands, [&] { print_helps(out, {&k_plan, &k_list, &k_record}); },
                          elsewhere);
}

} // namespace mwangaza::cli
