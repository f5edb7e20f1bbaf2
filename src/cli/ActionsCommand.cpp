#include "cli/ActionsCommand.hpp"

#include "cli/ArgumentParser.hpp"
#include "cli/CommandSpec.hpp"
#include "core/ActionDue.hpp"
#include "core/ActionTemplates.hpp"
#include "core/Error.hpp"
#include "core/I18n.hpp"
#include "core/Kpi.hpp"
#include "core/Lifecycle.hpp"
#include "core/StakeholderTypes.hpp"
#include "core/Taxonomy.hpp"
#include "store/ActionQuery.hpp"
#include "store/ActionStore.hpp"
#include "store/Database.hpp"
#include "store/KpiBreakdown.hpp"
#include "store/StakeholderStore.hpp"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <map>

namespace mwangaza::cli {

namespace {

using core::tr;
namespace fs = std::filesystem;

constexpr OptionSpec k_list_options[] = {
    {"site", "CODE", N_("Only actions at the site with this code")},
    {"stakeholder", "ID", N_("Only actions this stakeholder is responsible for or supports")},
    {"status", "S", N_("Only this status: draft, issued, in_progress, implemented, not_implemented, cancelled")},
    {"area", "CODE", N_("Only actions on risks of this risk area")},
    {"overdue", nullptr, N_("Only overdue actions: issued or in progress, due before the day of --on")},
    {"on", "YYYY-MM-DD", N_("The day overdue is decided for (default: today)")},
    {"limit", "N", N_("Print at most N actions, 0 for all (default: 50 in text, all in JSON)")},
    {"json", nullptr, N_("Print a JSON array")},
    {"help", nullptr, N_("Show this help")},
};
constexpr OptionSpec k_set_status_options[] = {
    {"to", "STATUS", N_("The new status: issued, in_progress, implemented, not_implemented, cancelled")},
    {"reason", "TEXT", N_("Why (required for not_implemented and cancelled)")},
    {"note", "TEXT", N_("A remark kept with the history entry")},
    {"on", "YYYY-MM-DD", N_("The day of the decision (default: today)")},
    {"workshop", "ID", N_("The workshop where it was decided (issuing records it)")},
    {"as", "NAME", N_("Who decides (default: the USER environment variable)")},
    {"help", nullptr, N_("Show this help")},
};
constexpr OptionSpec k_draft_options[] = {
    {"risk", "ID", N_("The risk the action answers (required)")},
    {"template", "KEY", N_("Start from this template (see --list-templates)")},
    {"list-templates", nullptr, N_("Print the templates of the risk's area (or all without --risk) and stop")},
    {"title", "TEXT", N_("The title (required without --template)")},
    {"description", "TEXT", N_("What is to be done, by whom, how it is checked")},
    {"responsible", "ID", N_("The responsible stakeholder (a template suggests one of the site's)")},
    {"supporters", "ID[,ID...]", N_("Supporting stakeholders")},
    {"due", "YYYY-MM-DD", N_("The due date (a template counts it from today)")},
    {"priority", "P", N_("low, medium or high (default: the template's, else medium)")},
    {"as", "NAME", N_("Who drafts it (default: the USER environment variable)")},
    {"help", nullptr, N_("Show this help")},
};
constexpr OptionSpec k_progress_options[] = {
    {"note", "TEXT", N_("What was done (required)")},
    {"evidence", "FILE", N_("Evidence files (photos, letters; 10 MB each at most), kept in the database")},
    {"on", "YYYY-MM-DD", N_("The day of the update (default: today)")},
    {"workshop", "ID", N_("The workshop where it was reported")},
    {"as", "NAME", N_("Who records it (default: the USER environment variable)")},
    {"help", nullptr, N_("Show this help")},
};
constexpr OptionSpec k_show_options[] = {
    {"json", nullptr, N_("Print a JSON object")},
    {"help", nullptr, N_("Show this help")},
};
constexpr OptionSpec k_kpi_by_options[] = {
    {"actions", "KEY", N_("Print the actions behind the row with this key (site code, stakeholder id, area or "
                          "category code, YYYY-MM, YYYY-Qn)")},
    {"json", nullptr, N_("Print JSON")},
    {"help", nullptr, N_("Show this help")},
};

const CommandSpec k_list{"actions list", "DB [OPTIONS]", N_("List corrective actions, by site, with filters."),
                         k_list_options};
const CommandSpec k_set_status{"actions set-status", "DB ID --to STATUS [--reason TEXT]",
                               N_("Move an action along its lifecycle (history and audit trail kept)."),
                               k_set_status_options};
const CommandSpec k_draft{"actions draft", "DB --risk ID (--template KEY | --title TEXT) [OPTIONS]",
                          N_("Draft a corrective action on a risk, from a template or from scratch."), k_draft_options};
const CommandSpec k_progress{"actions progress", "DB ID --note TEXT [--evidence FILE...]",
                             N_("Record progress on an issued action, with evidence files."), k_progress_options};
const CommandSpec k_show{"actions show", "DB ID [--json]", N_("Show one action with its history and evidence."),
                         k_show_options};
const CommandSpec k_kpi_by{"kpi by", "DB site|stakeholder|area|category|month|quarter [--actions KEY] [--json]",
                           N_("Implementation rate by site, stakeholder, risk area, category, month or quarter."),
                           k_kpi_by_options};

std::string today()
{
    return store::utc_now().substr(0, 10);
}

std::string date_option(const ParsedArguments& a, const char* name, const std::string& fallback)
{
    auto v = a.value(name);
    if (!v)
        return fallback;
    if (!core::is_iso_date(*v))
        throw InvalidInput(format(tr("--%1: '%2' is not a date (YYYY-MM-DD)"), {name, *v}));
    return *v;
}

std::int64_t parse_id(const std::string& text, const char* what)
{
    std::int64_t n = 0;
    const auto* end = text.data() + text.size();
    const auto r = std::from_chars(text.data(), end, n);
    if (text.empty() || r.ec != std::errc() || r.ptr != end || n <= 0)
        throw InvalidInput(format(tr("%1: '%2' is not an id (a positive whole number)"), {what, text}));
    return n;
}

std::optional<std::int64_t> id_option(const ParsedArguments& a, const char* name)
{
    if (auto v = a.value(name))
        return parse_id(*v, (std::string("--") + name).c_str());
    return std::nullopt;
}

core::ActionStatus parse_status(const std::string& code, const char* option)
{
    if (auto s = core::action_status_from_code(code))
        return *s;
    throw InvalidInput(format(tr("%1: unknown status '%2' (draft, issued, in_progress, implemented, "
                                 "not_implemented, cancelled)"),
                              {option, code}));
}

std::string area_label(const std::string& code)
{
    const auto* a = core::find_risk_area(code);
    return a ? tr(a->label) : code;
}

std::string null_or(const std::string& text)
{
    return text.empty() ? std::string("null") : json_string(text);
}

std::string null_or(const std::optional<std::int64_t>& id)
{
    return id ? std::to_string(*id) : std::string("null");
}

// The action id: the second positional argument, the only one after the database.
std::int64_t action_argument(const ParsedArguments& a, const CommandSpec& c, bool more_allowed = false)
{
    if (a.positionals.size() < 2)
        throw UsageError(tr("missing the action id (ID)"), c.path);
    if (!more_allowed && a.positionals.size() > 2)
        throw UsageError(format(tr("unexpected argument '%1'"), {a.positionals[2]}), c.path);
    return parse_id(a.positionals[1], "ID");
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
    std::size_t limit = json ? 0 : 50;
    if (auto text = a.value("limit")) {
        long long n = -1;
        const auto* end = text->data() + text->size();
        const auto r = std::from_chars(text->data(), end, n);
        if (text->empty() || r.ec != std::errc() || r.ptr != end || n < 0)
            throw UsageError(format(tr("%1: '%2' is not a whole number"), {"--limit", *text}), k_list.path);
        limit = std::size_t(n);
    }
    const std::string on = date_option(a, "on", today());
    store::ActionFilter f;
    f.site_code = a.value("site");
    f.stakeholder_id = id_option(a, "stakeholder");
    if (auto s = a.value("status"))
        f.status = parse_status(*s, "--status");
    if (auto area = a.value("area")) {
        if (!core::find_risk_area(*area))
            throw InvalidInput(format(tr("--area: unknown risk area code '%1'"), {*area}));
        f.risk_area = *area;
    }
    if (a.has("overdue"))
        f.overdue_on = on;

    auto db = store::Database::open(path, store::Database::Mode::OpenExisting);
    const auto rows = store::list_actions(db.sql(), f);
    const std::size_t shown = limit == 0 ? rows.size() : std::min(limit, rows.size());
    if (json) {
        out << "[";
        for (std::size_t i = 0; i < shown; ++i) {
            const auto& r = rows[i];
            out << (i ? ",\n " : "\n ") << "{\"id\": " << r.id << ", \"site\": " << json_string(r.site_code)
                << ", \"area\": " << json_string(r.risk_area) << ", \"title\": " << json_string(r.title)
                << ", \"responsible_id\": " << null_or(r.responsible_id)
                << ", \"responsible\": " << null_or(r.responsible_name)
                << ", \"status\": " << json_string(core::status_code(r.status))
                << ", \"issued_on\": " << null_or(r.issued_on) << ", \"due_on\": " << null_or(r.due_on)
                << ", \"priority\": " << json_string(r.priority)
                << ", \"overdue\": " << (core::is_overdue(r.status, r.due_on, on) ? "true" : "false") << "}";
        }
        out << (shown == 0 ? "]\n" : "\n]\n");
        return 0;
    }
    using A = TextTable::Align;
    TextTable table({A::Right, A::Left, A::Left, A::Left, A::Left, A::Left, A::Left});
    table.add_row({tr("Id"), tr("Site"), tr("Risk area"), tr("Status"), tr("Due"), tr("Responsible"), tr("Title")});
    for (std::size_t i = 0; i < shown; ++i) {
        const auto& r = rows[i];
        std::string due = r.due_on.empty() ? "-" : r.due_on;
        if (core::is_overdue(r.status, r.due_on, on))
            due += " !";
        table.add_row({std::to_string(r.id), r.site_code, area_label(r.risk_area), tr(core::status_label(r.status)),
                       due, r.responsible_name.empty() ? "-" : one_line(r.responsible_name, 30),
                       one_line(r.title, 60)});
    }
    if (shown > 0)
        table.print(out);
    const std::string total = group_digits(std::int64_t(rows.size()), lang);
    if (rows.empty())
        out << tr("No action matches.") << '\n';
    else if (shown == rows.size())
        out << '\n' << format(tr("%1 actions match (! overdue on %2)."), {total, on}) << '\n';
    else
        out << '\n'
            << format(tr("%1 actions match (! overdue on %2); the first %3 are shown (--limit 0 shows all)."),
                      {total, on, group_digits(std::int64_t(shown), lang)})
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
    const std::int64_t id = action_argument(a, k_set_status);
    const auto to_text = a.value("to");
    if (!to_text)
        throw UsageError(tr("missing --to STATUS"), k_set_status.path);
    store::ActionStatusChange c;
    c.action_id = id;
    c.to = parse_status(*to_text, "--to");
    c.reason = a.value("reason").value_or("");
    c.note = a.value("note").value_or("");
    c.on = date_option(a, "on", "");
    c.workshop_id = id_option(a, "workshop");
    c.actor = decision_actor(a);

    auto db = store::Database::open(path, store::Database::Mode::OpenExisting);
    // Checked here first so that the refusal is in the user's language; the store checks
    // again inside its transaction.
    const auto before = store::read_action(db, id);
    const auto t = core::find_transition(before.status, c.to);
    if (!t)
        throw InvalidInput(format(tr("action %1 cannot go from %2 to %3; nothing was changed"),
                                  {std::to_string(id), tr(core::status_label(before.status)),
                                   tr(core::status_label(c.to))}));
    if (t->needs_reason && c.reason.find_first_not_of(" \t\r\n") == std::string::npos)
        throw InvalidInput(format(tr("action %1: going to %2 needs a reason (--reason TEXT); nothing was changed"),
                                  {std::to_string(id), tr(core::status_label(c.to))}));
    const auto from = store::change_action_status(db, c);
    out << format(tr("Action %1: %2 -> %3"),
                  {std::to_string(id), tr(core::status_label(from)), tr(core::status_label(c.to))})
        << '\n';
    return 0;
}

void print_templates(std::ostream& out, std::span<const core::ActionTemplate> templates)
{
    using A = TextTable::Align;
    TextTable table({A::Left, A::Left, A::Left, A::Right, A::Left});
    table.add_row({tr("Template"), tr("Responsible"), tr("Priority"), tr("Days"), tr("Title")});
    for (const auto& t : templates) {
        const auto* type = core::find_stakeholder_type(t.responsible);
        table.add_row({std::string(t.key), type ? tr(type->label) : std::string(t.responsible),
                       std::string(t.priority), std::to_string(t.due_days), tr(t.title)});
    }
    table.print(out);
}

int run_draft(std::span<const std::string> args, std::ostream& out)
{
    const auto a = parse_arguments(args, k_draft.options, k_draft.path);
    if (a.has("help")) {
        print_help(out, k_draft);
        return 0;
    }
    if (a.has("list-templates") && !a.has("risk")) {
        print_templates(out, core::action_templates());
        return 0;
    }
    const fs::path path = database_argument(a, k_draft);
    const auto risk = id_option(a, "risk");
    if (!risk)
        throw UsageError(tr("missing --risk ID"), k_draft.path);
    auto db = store::Database::open(path, store::Database::Mode::OpenExisting);
    if (a.has("list-templates")) {
        // The risk's area from the register.
        const auto area = store::risk_area_of(db, *risk);
        print_templates(out, core::action_templates(area));
        return 0;
    }

    store::ActionDraft d;
    d.risk_id = *risk;
    d.actor = decision_actor(a);
    const core::ActionTemplate* t = nullptr;
    if (auto key = a.value("template")) {
        t = core::find_action_template(*key);
        if (!t)
            throw InvalidInput(format(tr("--template: no template has the key '%1' (see --list-templates)"), {*key}));
        const std::string area = store::risk_area_of(db, *risk);
        if (t->risk_area != area)
            throw InvalidInput(format(tr("--template: '%1' is a template for %2, and risk %3 is in %4"),
                                      {*key, area_label(std::string(t->risk_area)), std::to_string(*risk),
                                       area_label(area)}));
        d.title = tr(t->title);
        d.description = tr(t->description);
        d.priority = std::string(t->priority);
        d.due_on = core::add_days(today(), t->due_days);
        d.responsible_id = store::suggest_responsible(db, *risk, std::string(t->responsible));
    }
    if (auto title = a.value("title"))
        d.title = *title;
    if (d.title.empty())
        throw UsageError(tr("missing --template KEY or --title TEXT"), k_draft.path);
    if (auto description = a.value("description"))
        d.description = *description;
    if (auto r = id_option(a, "responsible"))
        d.responsible_id = r;
    if (auto s = a.value("supporters"))
        for (const auto& item : split_list(*s))
            d.supporter_ids.push_back(parse_id(item, "--supporters"));
    d.due_on = date_option(a, "due", d.due_on);
    if (auto p = a.value("priority"))
        d.priority = *p;
    const auto id = store::draft_action(db, d);
    out << format(tr("Action %1 drafted: %2"), {std::to_string(id), d.title}) << '\n';
    return 0;
}

int run_progress(std::span<const std::string> args, std::ostream& out)
{
    const auto a = parse_arguments(args, k_progress.options, k_progress.path);
    if (a.has("help")) {
        print_help(out, k_progress);
        return 0;
    }
    const fs::path path = database_argument(a, k_progress, false);
    const std::int64_t id = action_argument(a, k_progress, true);
    // --evidence FILE, then any further files as arguments after the id: --evidence a.jpg b.pdf
    std::vector<std::string> files;
    if (auto e = a.value("evidence"))
        files.push_back(*e);
    if (a.positionals.size() > 2) {
        if (!a.has("evidence"))
            throw UsageError(format(tr("unexpected argument '%1'"), {a.positionals[2]}), k_progress.path);
        files.insert(files.end(), a.positionals.begin() + 2, a.positionals.end());
    }
    store::ProgressUpdate u;
    u.action_id = id;
    u.note = a.value("note").value_or("");
    if (u.note.find_first_not_of(" \t\r\n") == std::string::npos)
        throw UsageError(tr("missing --note TEXT"), k_progress.path);
    u.on = date_option(a, "on", "");
    u.workshop_id = id_option(a, "workshop");
    u.actor = decision_actor(a);
    for (const auto& f : files)
        u.evidence.push_back(store::read_evidence_file(f));
    auto db = store::Database::open(path, store::Database::Mode::OpenExisting);
    store::add_action_progress(db, u);
    out << format(tr("Progress recorded on action %1 (%2 evidence files)."), {std::to_string(id),
                                                                              std::to_string(u.evidence.size())})
        << '\n';
    return 0;
}

int run_show(std::span<const std::string> args, std::ostream& out)
{
    const auto a = parse_arguments(args, k_show.options, k_show.path);
    if (a.has("help")) {
        print_help(out, k_show);
        return 0;
    }
    const fs::path path = database_argument(a, k_show, false);
    const std::int64_t id = action_argument(a, k_show);
    auto db = store::Database::open(path, store::Database::Mode::ReadOnly);
    const auto x = store::read_action(db, id);
    if (a.has("json")) {
        std::string supporters;
        for (auto s : x.supporter_ids)
            supporters += (supporters.empty() ? "" : ", ") + std::to_string(s);
        out << "{\"id\": " << x.id << ", \"risk_id\": " << x.risk_id << ", \"site\": " << json_string(x.site_code)
            << ", \"area\": " << json_string(x.risk_area) << ", \"title\": " << json_string(x.title)
            << ", \"description\": " << json_string(x.description)
            << ", \"responsible_id\": " << null_or(x.responsible_id) << ", \"supporters\": [" << supporters << "]"
            << ", \"status\": " << json_string(core::status_code(x.status))
            << ", \"reason\": " << null_or(x.status_reason) << ", \"issued_on\": " << null_or(x.issued_on)
            << ", \"issued_workshop_id\": " << null_or(x.issued_workshop_id) << ", \"due_on\": " << null_or(x.due_on)
            << ", \"priority\": " << json_string(x.priority) << ", \"history\": [";
        for (std::size_t i = 0; i < x.history.size(); ++i) {
            const auto& h = x.history[i];
            out << (i ? ", " : "") << "{\"on\": " << json_string(h.recorded_on) << ", \"from\": "
                << null_or(h.from_status) << ", \"to\": " << json_string(h.to_status)
                << ", \"note\": " << json_string(h.note) << ", \"by\": " << json_string(h.recorded_by)
                << ", \"workshop_id\": " << null_or(h.workshop_id) << ", \"evidence\": [";
            for (std::size_t j = 0; j < h.evidence.size(); ++j) {
                const auto& e = h.evidence[j];
                out << (j ? ", " : "") << "{\"id\": " << e.id << ", \"file_name\": " << json_string(e.file_name)
                    << ", \"media_type\": " << json_string(e.media_type) << ", \"size\": " << e.size
                    << ", \"sha256\": " << json_string(e.sha256) << "}";
            }
            out << "]}";
        }
        out << "]}\n";
        return 0;
    }
    out << format(tr("Action %1: %2"), {std::to_string(x.id), x.title}) << '\n'
        << tr("Site") << ": " << x.site_code << " (" << x.site_name << ")\n"
        << tr("Risk") << ": " << x.risk_id << " - " << area_label(x.risk_area) << " - " << x.risk_title << '\n'
        << tr("Status") << ": " << tr(core::status_label(x.status))
        << (x.status_reason.empty() ? std::string() : " (" + x.status_reason + ")") << '\n'
        << tr("Responsible") << ": " << (x.responsible_name.empty() ? "-" : x.responsible_name) << '\n';
    if (!x.supporter_names.empty()) {
        std::string names;
        for (const auto& n : x.supporter_names)
            names += (names.empty() ? "" : ", ") + n;
        out << tr("Supporting") << ": " << names << '\n';
    }
    out << tr("Issued") << ": " << (x.issued_on.empty() ? "-" : x.issued_on) << "    " << tr("Due") << ": "
        << (x.due_on.empty() ? "-" : x.due_on) << "    " << tr("Priority") << ": " << x.priority << '\n';
    if (!x.description.empty())
        out << '\n' << x.description << '\n';
    if (!x.history.empty())
        out << '\n' << tr("History:") << '\n';
    for (const auto& h : x.history) {
        out << "  " << h.recorded_on << "  ";
        if (h.from_status != h.to_status) {
            const auto from = core::action_status_from_code(h.from_status);
            const auto to = core::action_status_from_code(h.to_status);
            out << (from ? tr(core::status_label(*from)) : h.from_status) << " -> "
                << (to ? tr(core::status_label(*to)) : h.to_status) << "  ";
        }
        out << one_line(h.note, 80) << "  (" << h.recorded_by << ")\n";
        for (const auto& e : h.evidence)
            out << "      " << e.file_name << "  " << e.media_type << "  " << e.size << "  " << e.sha256.substr(0, 12)
                << '\n';
        if (!h.evidence_text.empty())
            out << "      " << h.evidence_text << '\n';
    }
    return 0;
}

} // namespace

int run_actions(std::span<const std::string> args, std::ostream& out, const std::string& lang)
{
    const Subcommand subcommands[] = {
        {"list", [&](auto rest) { return run_list(rest, out, lang); }},
        {"set-status", [&](auto rest) { return run_set_status(rest, out); }},
        {"draft", [&](auto rest) { return run_draft(rest, out); }},
        {"progress", [&](auto rest) { return run_progress(rest, out); }},
        {"show", [&](auto rest) { return run_show(rest, out); }},
    };
    return run_subcommand(args, "actions", subcommands,
                          [&] { print_helps(out, {&k_list, &k_set_status, &k_draft, &k_progress, &k_show}); });
}

int run_kpi_by(std::span<const std::string> args, std::ostream& out, const std::string& lang)
{
    const auto a = parse_arguments(args, k_kpi_by.options, k_kpi_by.path);
    if (a.has("help")) {
        print_help(out, k_kpi_by);
        return 0;
    }
    const fs::path path = database_argument(a, k_kpi_by, false);
    if (a.positionals.size() < 2)
        throw UsageError(tr("missing the breakdown (site, stakeholder, area, category, month or quarter)"),
                         k_kpi_by.path);
    if (a.positionals.size() > 2)
        throw UsageError(format(tr("unexpected argument '%1'"), {a.positionals[2]}), k_kpi_by.path);
    const auto dimension = store::kpi_dimension_from_code(a.positionals[1]);
    if (!dimension)
        throw UsageError(format(tr("unknown breakdown '%1' (expected: site, stakeholder, area, category, month, "
                                   "quarter)"),
                                {a.positionals[1]}),
                         k_kpi_by.path);
    auto db = store::Database::open(path, store::Database::Mode::ReadOnly);
    const bool json = a.has("json");
    if (auto key = a.value("actions")) {
        const auto issued = store::kpi_breakdown_actions(db.sql(), *dimension, *key, store::KpiMeasure::Issued);
        const auto progressing =
            store::kpi_breakdown_actions(db.sql(), *dimension, *key, store::KpiMeasure::Progressing);
        auto list = [](const std::vector<std::int64_t>& ids, const char* sep) {
            std::string s;
            for (auto id : ids)
                s += (s.empty() ? "" : sep) + std::to_string(id);
            return s;
        };
        if (json) {
            out << "{\"key\": " << json_string(*key) << ", \"issued\": [" << list(issued, ", ")
                << "], \"progressing\": [" << list(progressing, ", ") << "]}\n";
        } else {
            out << format(tr("Issued (%1): %2"), {std::to_string(issued.size()), list(issued, " ")}) << '\n'
                << format(tr("In progress or implemented (%1): %2"),
                          {std::to_string(progressing.size()), list(progressing, " ")})
                << '\n';
        }
        return 0;
    }
    const auto rows = store::kpi_breakdown(db.sql(), *dimension);
    std::int64_t issued = 0, progressing = 0;
    for (const auto& r : rows) {
        issued += r.issued;
        progressing += r.progressing();
    }
    if (json) {
        out << "{\"by\": " << json_string(store::kpi_dimension_code(*dimension)) << ", \"issued\": " << issued
            << ", \"progressing\": " << progressing << ", \"rate\": "
            << json_number(core::implementation_rate(progressing, issued)) << ", \"rows\": [";
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const auto& r = rows[i];
            out << (i ? ",\n " : "\n ") << "{\"key\": " << json_string(r.key) << ", \"label\": " << json_string(r.label)
                << ", \"issued\": " << r.issued << ", \"in_progress\": " << r.in_progress
                << ", \"implemented\": " << r.implemented << ", \"progressing\": " << r.progressing()
                << ", \"not_implemented\": " << r.not_implemented << ", \"cancelled\": " << r.cancelled
                << ", \"still_issued\": " << r.still_issued << ", \"rate\": " << json_number(r.rate()) << "}";
        }
        out << (rows.empty() ? "]}\n" : "\n]}\n");
        return 0;
    }
    using A = TextTable::Align;
    TextTable table({A::Left, A::Left, A::Right, A::Right, A::Right});
    table.add_row({tr("Key"), tr("Name"), tr("Issued"), tr("In progress or implemented"), tr("Rate")});
    for (const auto& r : rows)
        table.add_row({r.key.empty() ? "-" : r.key, one_line(r.label, 50), group_digits(r.issued, lang),
                       group_digits(r.progressing(), lang), percent_text(r.rate(), lang)});
    table.add_row({tr("Total"), "", group_digits(issued, lang), group_digits(progressing, lang),
                   percent_text(core::implementation_rate(progressing, issued), lang)});
    table.print(out);
    return 0;
}

void add_actions_summary(TextTable& table)
{
    for (const CommandSpec* c : {&k_list, &k_set_status, &k_draft, &k_progress, &k_show, &k_kpi_by})
        table.add_row({std::string("  ") + c->path + " DB", tr(c->summary)});
}

} // namespace mwangaza::cli
