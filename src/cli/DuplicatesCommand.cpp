#include "cli/DuplicatesCommand.hpp"

#include "cli/ArgumentParser.hpp"
#include "cli/CommandSpec.hpp"
#include "core/Error.hpp"
#include "core/I18n.hpp"
#include "core/Lifecycle.hpp"
#include "core/Taxonomy.hpp"
#include "store/Database.hpp"
#include "store/IncidentDuplicates.hpp"
#include "store/IncidentQuery.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>

namespace mwangaza::cli {

namespace {

using core::tr;
namespace fs = std::filesystem;


constexpr OptionSpec k_duplicates_options[] = {
    {"id", "ID", N_("The candidates for this incident only")},
    {"site", "CODE", N_("Only the groups at the site with this code")},
    {"json", nullptr, N_("Print JSON")},
    {"help", nullptr, N_("Show this help")},
};
constexpr OptionSpec k_merge_options[] = {
    {"reason", "TEXT", N_("A note added to the reason \"duplicate of #N\"")},
    {"force", nullptr, N_("Merge even incidents at another site or in another risk area")},
    {"as", "NAME", N_("Who decides (default: the USER environment variable)")},
    {"help", nullptr, N_("Show this help")},
};

const CommandSpec k_duplicates{"incidents duplicates", "DB [--id ID] [--site CODE] [--json]",
                        N_("Possible duplicates: the same site and risk area within 7 days, similar reports."),
                        k_duplicates_options};
const CommandSpec k_merge{"incidents merge", "DB KEEP_ID DUP_ID... [--reason TEXT] [--force] [--as NAME]",
                   N_("Keep one incident and reject the others as its duplicates, all in one transaction."),
                   k_merge_options};

std::string score_text(double score)
{
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%.2f", score);
    return buffer;
}

std::string optional_number(const std::optional<double>& v) { return v ? json_number(*v) : std::string("null"); }

std::string status_text(const std::string& code)
{
    const auto s = core::incident_status_from_code(code);
    return s ? tr(core::status_label(*s)) : code;
}

std::string area_text(const std::string& code)
{
    const auto* area = core::find_risk_area(code);
    return area ? tr(area->label) : code;
}

int run_candidates(store::Database& db, std::int64_t id, bool json, std::ostream& out)
{
    const auto self = store::load_incident_details(db.sql(), {id});
    if (self.empty())
        throw InvalidInput(format(tr("no incident has the id %1"), {std::to_string(id)}));
    const auto candidates = store::duplicate_candidates(db.sql(), id);
    std::vector<std::int64_t> ids;
    for (const auto& c : candidates)
        ids.push_back(c.id);
    const auto details = store::load_incident_details(db.sql(), ids);
    if (json) {
        out << "{\"id\": " << id << ", \"candidates\": [";
        for (std::size_t i = 0; i < candidates.size(); ++i) {
            const auto& c = candidates[i];
            const auto& s = c.similarity;
            out << (i ? ",\n " : "\n ") << "{\"id\": " << c.id << ", \"status\": " << json_string(c.status)
                << ", \"observed_on\": " << json_string(c.observed_on) << ", \"score\": " << json_number(s.score)
                << ", \"text\": " << optional_number(s.text) << ", \"numbers\": " << optional_number(s.numbers)
                << ", \"people\": " << optional_number(s.people) << ", \"description\": "
                << json_string(i < details.size() ? details[i].description : std::string()) << "}";
        }
        out << (candidates.empty() ? "]}\n" : "\n]}\n");
        return 0;
    }
    const auto& d = self.front();
    out << format(tr("Incident %1: %2, %3, observed on %4, %5"),
                  {std::to_string(id), d.site_code.empty() ? "-" : d.site_code, area_text(d.risk_area), d.observed_on,
                   status_text(d.status)})
        << "\n  " << one_line(d.description, 90) << "\n\n";
    if (candidates.empty()) {
        out << tr("No possible duplicate.") << '\n';
        return 0;
    }
    using A = TextTable::Align;
    TextTable table({A::Right, A::Left, A::Left, A::Right, A::Left});
    table.add_row({tr("Id"), tr("Observed"), tr("Status"), tr("Score"), tr("Description")});
    for (std::size_t i = 0; i < candidates.size(); ++i)
        table.add_row({std::to_string(candidates[i].id), candidates[i].observed_on, status_text(candidates[i].status),
                       score_text(candidates[i].similarity.score),
                       i < details.size() ? one_line(details[i].description, 60) : std::string()});
    table.print(out);
    return 0;
}

int run_groups(store::Database& db, const std::optional<std::string>& site, bool json, std::ostream& out,
               const std::string& lang)
{
    const auto groups = store::duplicate_groups(db.sql(), site);
    std::vector<std::int64_t> ids;
    for (const auto& g : groups)
        ids.insert(ids.end(), g.ids.begin(), g.ids.end());
    std::map<std::int64_t, store::IncidentDetail> details;
    for (auto& d : store::load_incident_details(db.sql(), ids))
        details.emplace(d.id, std::move(d));
    if (json) {
        out << "[";
        for (std::size_t i = 0; i < groups.size(); ++i) {
            const auto& g = groups[i];
            out << (i ? ",\n " : "\n ") << "{\"site_code\": " << json_string(g.site_code)
                << ", \"area\": " << json_string(g.risk_area) << ", \"keep\": " << g.ids.front()
                << ", \"score\": " << json_number(g.best_score) << ", \"incidents\": [";
            for (std::size_t k = 0; k < g.ids.size(); ++k) {
                const auto it = details.find(g.ids[k]);
                if (it == details.end())
                    continue;
                const auto& d = it->second;
                out << (k ? ", " : "") << "{\"id\": " << d.id << ", \"status\": " << json_string(d.status)
                    << ", \"observed_on\": " << json_string(d.observed_on)
                    << ", \"reporter\": " << json_string(d.reporter)
                    << ", \"description\": " << json_string(d.description) << "}";
            }
            out << "]}";
        }
        out << (groups.empty() ? "]\n" : "\n]\n");
        return 0;
    }
    if (groups.empty()) {
        out << tr("No possible duplicates in the triage queue.") << '\n';
        return 0;
    }
    for (const auto& g : groups) {
        out << g.site_code << "  " << area_text(g.risk_area) << "  "
            << format(tr("(score %1)"), {score_text(g.best_score)}) << '\n';
        using A = TextTable::Align;
        TextTable table({A::Left, A::Left, A::Left, A::Left, A::Left});
        for (std::size_t k = 0; k < g.ids.size(); ++k) {
            const auto it = details.find(g.ids[k]);
            if (it == details.end())
                continue;
            const auto& d = it->second;
            table.add_row({"  #" + std::to_string(d.id), d.observed_on, status_text(d.status),
                           k == 0 ? tr("kept by default") : std::string(), one_line(d.description, 60)});
        }
        table.print(out);
        out << '\n';
    }
    out << format(tr("%1 groups of possible duplicates; merge with: %2 incidents merge DB KEEP_ID DUP_ID..."),
                  {group_digits(std::int64_t(groups.size()), lang), k_program})
        << '\n';
    return 0;
}

} // namespace

int run_incidents_duplicates(std::span<const std::string> args, std::ostream& out, const std::string& lang)
{
    const auto a = parse_arguments(args, k_duplicates.options, k_duplicates.path);
    if (a.has("help")) {
        print_help(out, k_duplicates);
        return 0;
    }
    const fs::path path = database_argument(a, k_duplicates);
    std::optional<std::int64_t> id;
    if (auto text = a.value("id"))
        id = parse_incident_id(*text);
    const auto site = a.value("site");
    if (site && site->empty())
        throw InvalidInput(format(tr("--%1 needs a non-empty value"), {"site"}));
    if (id && site)
        throw UsageError(tr("--id and --site cannot be combined"), k_duplicates.path);
    auto db = store::Database::open(path, store::Database::Mode::OpenExisting);
    if (id)
        return run_candidates(db, *id, a.has("json"), out);
    return run_groups(db, site, a.has("json"), out, lang);
}

int run_incidents_merge(std::span<const std::string> args, std::ostream& out)
{
    const auto a = parse_arguments(args, k_merge.options, k_merge.path);
    if (a.has("help")) {
        print_help(out, k_merge);
        return 0;
    }
    const fs::path path = database_argument(a, k_merge, false);
    if (a.positionals.size() < 3)
        throw UsageError(tr("missing the incident to keep and its duplicates (KEEP_ID DUP_ID...)"), k_merge.path);
    const std::int64_t keep = parse_incident_id(a.positionals[1]);
    std::vector<std::int64_t> duplicates;
    for (std::size_t i = 2; i < a.positionals.size(); ++i) {
        const auto id = parse_incident_id(a.positionals[i]);
        if (std::find(duplicates.begin(), duplicates.end(), id) != duplicates.end())
            throw InvalidInput(format(tr("incident %1 is given twice"), {a.positionals[i]}));
        duplicates.push_back(id);
    }
    const std::string actor = decision_actor(a);

    auto db = store::Database::open(path, store::Database::Mode::OpenExisting);
    store::MergeOptions options;
    options.note = a.value("reason").value_or("");
    options.allow_other_place = a.has("force");
    std::vector<store::IncidentStatusUndo> merged;
    try {
        merged = store::merge_incidents(db, keep, duplicates, actor, options);
    } catch (const IllegalTransition&) {
        throw;
    } catch (const InvalidInput& e) {
        throw InvalidInput(format(tr("nothing was merged: %1"), {e.what()}));
    }
    for (const auto& m : merged)
        out << format(tr("Incident %1: %2 -> %3 (duplicate of #%4)"),
                      {std::to_string(m.incident_id), tr(core::status_label(m.restore)),
                       tr(core::status_label(core::IncidentStatus::Rejected)), std::to_string(keep)})
            << '\n';
    return 0;
}

void print_duplicates_help(std::ostream& out)
{
    print_help(out, k_duplicates);
    out << '\n';
    print_help(out, k_merge);
}

void add_duplicates_summary(TextTable& table)
{
    for (const CommandSpec* c : {&k_duplicates, &k_merge})
        table.add_row({std::string("  ") + c->path + " DB", tr(c->summary)});
}

} // namespace mwangaza::cli
