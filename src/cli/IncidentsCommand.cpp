#include "cli/IncidentsCommand.hpp"

#include "cli/ArgumentParser.hpp"
#include "cli/CommandSpec.hpp"
#include "cli/DuplicatesCommand.hpp"
#include "core/Error.hpp"
#include "core/I18n.hpp"
#include "core/Lifecycle.hpp"
#include "core/Taxonomy.hpp"
#include "store/Database.hpp"
#include "store/IncidentQuery.hpp"
#include "store/IncidentStatusChange.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>

namespace mwangaza::cli {

namespace {

using core::tr;
namespace fs = std::filesystem;

constexpr int k_default_limit = 50;

constexpr OptionSpec k_list_options[] = {
    {"status", "S[,S...]", N_("Only these statuses: new, in_review, verified, rejected, needs_info")},
    {"site", "CODE", N_("Only the site with this code")},
    {"province", "NAME", N_("Only sites in this province")},
    {"country", "CD|RW", N_("Only sites in this country")},
    {"area", "CODE[,CODE...]", N_("Only these risk areas (codes, comma-separated)")},
    {"category", "CODE", N_("Only risk areas of this category")},
    {"from", "YYYY-MM-DD", N_("Observed on or after this date")},
    {"to", "YYYY-MM-DD", N_("Observed on or before this date")},
    {"text", "WORDS", N_("Descriptions holding all these words (accents and case ignored; word* for a prefix)")},
    {"in-protected-area", nullptr, N_("Only incidents inside a protected area (flagged by assign)")},
    {"limit", "N", N_("Print at most N incidents, 0 for all (default: 50 in text, all in JSON)")},
    {"json", nullptr, N_("Print a JSON array")},
    {"help", nullptr, N_("Show this help")},
};
constexpr OptionSpec k_set_status_options[] = {
    {"to", "STATUS", N_("The new status: in_review, verified, rejected, needs_info")},
    {"reason", "TEXT", N_("Why (required to reject; kept in the status history)")},
    {"as", "NAME", N_("Who decides (default: the USER environment variable)")},
    {"help", nullptr, N_("Show this help")},
};

const CommandSpec k_list{"incidents list", "DB [OPTIONS]", N_("List incidents, newest observation first, with filters."),
                  k_list_options};
const CommandSpec k_set_status{"incidents set-status", "DB ID... --to STATUS [--reason TEXT] [--as NAME]",
                        N_("Move incidents along their lifecycle, all in one transaction or none."),
                        k_set_status_options};

core::IncidentStatus parse_status(const std::string& code, const char* option)
{
    if (auto s = core::incident_status_from_code(code))
        return *s;
    throw InvalidInput(format(tr("%1: unknown status '%2' (new, in_review, verified, rejected, needs_info)"),
                              {option, code}));
}

store::IncidentQuery list_query(const ParsedArguments& a)
{
    store::IncidentQuery q;
    if (auto statuses = a.value("status"))
        for (const auto& code : split_list(*statuses))
            q.statuses.push_back(parse_status(code, "--status"));
    q.site_code = a.value("site");
    q.province = a.value("province");
    if (auto country = a.value("country")) {
        std::string c = *country;
        std::transform(c.begin(), c.end(), c.begin(), [](unsigned char ch) { return char(std::toupper(ch)); });
        q.country = c;
    }
    if (auto areas = a.value("area")) {
        for (const auto& code : split_list(*areas)) {
            if (!core::find_risk_area(code))
                throw InvalidInput(format(tr("--area: unknown risk area code '%1'"), {code}));
            q.areas.push_back(code);
        }
    }
    if (auto category = a.value("category")) {
        if (!core::find_risk_category(*category))
            throw InvalidInput(format(tr("--category: unknown risk category code '%1'"), {*category}));
        q.category = *category;
    }
    q.from = a.value("from");
    q.to = a.value("to");
    for (const char* name : {"site", "province", "from", "to"})
        if (auto v = a.value(name); v && v->empty())
            throw InvalidInput(format(tr("--%1 needs a non-empty value"), {name}));
    q.text = a.value("text").value_or("");
    q.in_protected_area = a.has("in-protected-area");
    store::validate(q);
    return q;
}

int run_list(std::span<const std::string> args, std::ostream& out, const std::string& lang)
{
    const auto a = parse_arguments(args, k_list.options, k_list.path);
    if (a.has("help")) {
        print_help(out, k_list);
        return 0;
    }
    const fs::path path = database_argument(a, k_list);
    const bool json = a.has("json");
    std::size_t limit = json ? 0 : k_default_limit;
    if (auto text = a.value("limit")) {
        long long n = -1;
        const auto* end = text->data() + text->size();
        const auto r = std::from_chars(text->data(), end, n);
        if (text->empty() || r.ec != std::errc() || r.ptr != end || n < 0)
            throw UsageError(format(tr("%1: '%2' is not a whole number"), {"--limit", *text}), k_list.path);
        limit = std::size_t(n);
    }
    const auto query = list_query(a);

    auto db = store::Database::open(path, store::Database::Mode::OpenExisting);
    const auto ids = store::query_incident_ids(db.sql(), query);
    std::vector<std::int64_t> shown(ids.begin(), ids.begin() + std::ptrdiff_t(limit == 0 ? ids.size()
                                                                                          : std::min(limit, ids.size())));
    const auto rows = store::load_incident_details(db.sql(), shown);

    if (json) {
        auto number = [](const std::optional<double>& v) { return v ? json_number(*v) : std::string("null"); };
        out << "[";
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const auto& r = rows[i];
            out << (i ? ",\n " : "\n ") << "{\"id\": " << r.id << ", \"source_id\": "
                << (r.source_id.empty() ? std::string("null") : json_string(r.source_id))
                << ", \"site_code\": " << (r.site_code.empty() ? std::string("null") : json_string(r.site_code))
                << ", \"area\": " << json_string(r.risk_area) << ", \"status\": " << json_string(r.status)
                << ", \"observed_on\": " << json_string(r.observed_on) << ", \"lat\": " << number(r.lat)
                << ", \"lon\": " << number(r.lon) << ", \"annex_flag\": " << (r.annex_flag ? "true" : "false")
                << ", \"children\": " << r.children << ", \"women\": " << r.women << ", \"men\": " << r.men
                << ", \"reporter\": " << json_string(r.reporter) << ", \"description\": " << json_string(r.description)
                << ", \"site_method\": " << (r.site_method.empty() ? std::string("null") : json_string(r.site_method))
                << ", \"site_distance_m\": " << number(r.site_distance_m) << ", \"concession\": "
                << (r.concession_code.empty() ? std::string("null") : json_string(r.concession_code))
                << ", \"protected_area\": "
                << (r.protected_area.empty() ? std::string("null") : json_string(r.protected_area)) << "}";
        }
        out << (rows.empty() ? "]\n" : "\n]\n");
        return 0;
    }

    using A = TextTable::Align;
    TextTable table({A::Right, A::Left, A::Left, A::Left, A::Left, A::Left});
    table.add_row({tr("Id"), tr("Observed"), tr("Site"), tr("Risk area"), tr("Status"), tr("Description")});
    for (const auto& r : rows) {
        const auto* area = core::find_risk_area(r.risk_area);
        const auto status = core::incident_status_from_code(r.status);
        table.add_row({std::to_string(r.id), r.observed_on, r.site_code.empty() ? "-" : r.site_code,
                       area ? tr(area->label) : r.risk_area, status ? tr(core::status_label(*status)) : r.status,
                       one_line(r.description, 60)});
    }
    if (!rows.empty())
        table.print(out);
    const std::string total = group_digits(std::int64_t(ids.size()), lang);
    if (ids.empty())
        out << tr("No incident matches.") << '\n';
    else if (rows.size() == ids.size())
        out << '\n' << format(tr("%1 incidents match."), {total}) << '\n';
    else
        out << '\n'
            << format(tr("%1 incidents match; the first %2 are shown (--limit 0 shows all)."),
                      {total, group_digits(std::int64_t(rows.size()), lang)})
            << '\n';
    return 0;
}

int run_set_status(std::span<const std::string> args, std::ostream& out)
{
    const auto a = parse_arguments(args, k_set_status.options, k_set_status.path);
    if (a.has("help")) {
        print_help(out, k_set_status);
        return 0;
    }
    const fs::path path = database_argument(a, k_set_status, false);
    if (a.positionals.size() < 2)
        throw UsageError(tr("missing the incident ids (ID...)"), k_set_status.path);
    const auto to_text = a.value("to");
    if (!to_text)
        throw UsageError(tr("missing --to STATUS"), k_set_status.path);
    const auto to = parse_status(*to_text, "--to");
    const std::string reason = a.value("reason").value_or("");

    const std::string actor = decision_actor(a);

    std::vector<store::IncidentStatusChange> changes;
    for (std::size_t i = 1; i < a.positionals.size(); ++i) {
        const std::string& text = a.positionals[i];
        const std::int64_t id = parse_incident_id(text);
        if (std::any_of(changes.begin(), changes.end(), [&](const auto& c) { return c.incident_id == id; }))
            throw InvalidInput(format(tr("incident %1 is given twice"), {text}));
        changes.push_back({id, to, reason, actor});
    }

    auto db = store::Database::open(path, store::Database::Mode::OpenExisting);
    // Check every id first, so that the refusal names the incident in the user's language;
    // the store checks again inside its transaction.
    for (const auto& c : changes) {
        const auto rows = store::load_incident_details(db.sql(), {c.incident_id});
        if (rows.empty())
            throw InvalidInput(format(tr("no incident has the id %1; nothing was changed"),
                                      {std::to_string(c.incident_id)}));
        const auto from = core::incident_status_from_code(rows.front().status);
        if (!from)
            continue; // the store reports it
        const auto t = core::find_transition(*from, to);
        if (!t)
            throw InvalidInput(format(tr("incident %1 cannot go from %2 to %3; nothing was changed"),
                                      {std::to_string(c.incident_id), tr(core::status_label(*from)),
                                       tr(core::status_label(to))}));
        if (t->needs_reason && reason.find_first_not_of(" \t\r\n") == std::string::npos)
            throw InvalidInput(format(tr("incident %1: going to %2 needs a reason (--reason TEXT); nothing was changed"),
                                      {std::to_string(c.incident_id), tr(core::status_label(to))}));
    }
    const auto before = store::change_incident_statuses(db, changes);
    for (std::size_t i = 0; i < changes.size(); ++i)
        out << format(tr("Incident %1: %2 -> %3"), {std::to_string(changes[i].incident_id),
                                                    tr(core::status_label(before[i])), tr(core::status_label(to))})
            << '\n';
    return 0;
}

} // namespace

void add_incidents_summary(TextTable& table)
{
    for (const CommandSpec* c : {&k_list, &k_set_status})
        table.add_row({std::string("  ") + c->path + " DB", tr(c->summary)});
    add_duplicates_summary(table);
}

int run_incidents(std::span<const std::string> args, std::ostream& out, const std::string& lang)
{
    const Subcommand subcommands[] = {
        {"list", [&](auto rest) { return run_list(rest, out, lang); }},
        {"set-status", [&](auto rest) { return run_set_status(rest, out); }},
        {"duplicates", [&](auto rest) { return run_incidents_duplicates(rest, out, lang); }},
        {"merge", [&](auto rest) { return run_incidents_merge(rest, out); }},
    };
    return run_subcommand(args, "incidents", subcommands, [&] {
        print_helps(out, {&k_list, &k_set_status});
        print_duplicates_help(out);
    });
}

} // namespace mwangaza::cli
