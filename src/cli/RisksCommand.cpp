#include "cli/RisksCommand.hpp"

#include "cli/ArgumentParser.hpp"
#include "cli/CommandSpec.hpp"
#include "core/Error.hpp"
#include "core/I18n.hpp"
#include "core/RiskEscalation.hpp"
#include "core/RiskMatrix.hpp"
#include "core/Taxonomy.hpp"
#include "store/Database.hpp"
#include "store/MatrixStore.hpp"
#include "store/RiskAssessmentStore.hpp"
#include "store/RiskRegister.hpp"

#include <charconv>
#include <cstdlib>
#include <filesystem>

namespace mwangaza::cli {

namespace {

using core::tr;
namespace fs = std::filesystem;

constexpr OptionSpec k_list_options[] = {
    {"site", "CODE", N_("Only the risks of the site with this code")},
    {"level", "LEVEL", N_("Only risks at this current level: low, medium, high, very_high")},
    {"red-flag", nullptr, N_("Only risks with an OECD Annex II red flag")},
    {"all", nullptr, N_("Closed risks too")},
    {"text", "WORDS", N_("Risks whose title, site or area holds this text")},
    {"on", "YYYY-MM-DD", N_("The date on which reviews are overdue (default: today)")},
    {"json", nullptr, N_("Print a JSON array")},
    {"help", nullptr, N_("Show this help")},
};
constexpr OptionSpec k_overview_options[] = {
    {"json", nullptr, N_("Print one JSON object")},
    {"help", nullptr, N_("Show this help")},
};
constexpr OptionSpec k_show_options[] = {
    {"on", "YYYY-MM-DD", N_("The date on which reviews are overdue (default: today)")},
    {"json", nullptr, N_("Print one JSON object")},
    {"help", nullptr, N_("Show this help")},
};
constexpr OptionSpec k_assess_options[] = {
    {"severity", "1-5", N_("Severity: 1 minimal, 2 minor, 3 moderate, 4 major, 5 severe")},
    {"likelihood", "1-5", N_("Likelihood: 1 rare, 2 unlikely, 3 possible, 4 likely, 5 almost certain")},
    {"rationale", "TEXT", N_("Why this severity and likelihood (required)")},
    {"assessor", "NAME", N_("Who assesses (default: the USER environment variable)")},
    {"on", "YYYY-MM-DD", N_("Date of the assessment (default: today)")},
    {"decision", "suspend|disengage|mitigate", N_("Escalation decision for a red-flagged (Annex II) risk")},
    {"decision-on", "YYYY-MM-DD", N_("Date of the decision (default: the assessment date)")},
    {"json", nullptr, N_("Print one JSON object")},
    {"help", nullptr, N_("Show this help")},
};
constexpr OptionSpec k_decide_options[] = {
    {"decision", "suspend|disengage|mitigate", N_("The escalation decision (required)")},
    {"on", "YYYY-MM-DD", N_("Date of the decision (default: today)")},
    {"rationale", "TEXT", N_("Why this decision (required)")},
    {"as", "NAME", N_("Who decides (default: the USER environment variable)")},
    {"json", nullptr, N_("Print one JSON object")},
    {"help", nullptr, N_("Show this help")},
};
constexpr OptionSpec k_review_options[] = {
    {"on", "YYYY-MM-DD", N_("Date of the review (default: today)")},
    {"note", "TEXT", N_("What the review of the mitigation plan found (required)")},
    {"as", "NAME", N_("Who reviews (default: the USER environment variable)")},
    {"json", nullptr, N_("Print one JSON object")},
    {"help", nullptr, N_("Show this help")},
};
constexpr OptionSpec k_matrix_show_options[] = {
    {"version", "N", N_("This version instead of the current one")},
    {"json", nullptr, N_("Print one JSON object")},
    {"help", nullptr, N_("Show this help")},
};
constexpr OptionSpec k_matrix_new_options[] = {
    {"name", "NAME", N_("Name of the new version")},
    {"cells", "LEVELS", N_("25 levels, comma-separated: severity 1 likelihood 1 to 5, then severity 2 ...")},
    {"as", "NAME", N_("Who makes it (default: the USER environment variable)")},
    {"help", nullptr, N_("Show this help")},
};

const CommandSpec k_list{"risks list", "DB [--site CODE] [OPTIONS] [--json]",
                         N_("List the risk register: open risks with their current level, red flag and open actions."),
                         k_list_options};
const CommandSpec k_overview{"risks overview", "DB [--json]",
                             N_("Programme-wide risk view: open risks by level per risk area, red flags, open actions."),
                             k_overview_options};
const CommandSpec k_show{"risks show", "DB ID [--json]",
                         N_("Show a risk: its assessments with the matrix version used, its incidents per month."),
                         k_show_options};
const CommandSpec k_assess{"risks assess", "DB ID --severity S --likelihood L --rationale TEXT [OPTIONS]",
                           N_("Assess a risk on the current matrix and print the resulting level (Annex II floors "
                              "applied)."),
                           k_assess_options};
const CommandSpec k_decide{"risks decide", "DB ID --decision suspend|disengage|mitigate --rationale TEXT [OPTIONS]",
                           N_("Record the escalation decision of a red-flagged (OECD Annex II) risk without a new "
                              "assessment; mitigate sets a review six months later."),
                           k_decide_options};
const CommandSpec k_review{"risks review", "DB ID --note TEXT [--on YYYY-MM-DD]",
                           N_("Record the review of a risk's mitigation plan; the next review is due six months "
                              "later."),
                           k_review_options};
const CommandSpec k_matrix_show{"matrix show", "DB [--version N] [--json]",
                                N_("Show the risk matrix (current version) and the list of versions."),
                                k_matrix_show_options};
const CommandSpec k_matrix_new{"matrix new", "DB --name NAME --cells LEVELS",
                               N_("Create a new risk matrix version, which becomes current."), k_matrix_new_options};

int parse_int(const std::string& text, const char* option, const char* command, int low, int high)
{
    int v = 0;
    const auto* end = text.data() + text.size();
    const auto r = std::from_chars(text.data(), end, v);
    if (text.empty() || r.ec != std::errc() || r.ptr != end || v < low || v > high)
        throw UsageError(format(tr("%1: '%2' is not a whole number from %3 to %4"),
                                {option, text, std::to_string(low), std::to_string(high)}),
                         command);
    return v;
}

std::int64_t risk_id_argument(const ParsedArguments& a, const CommandSpec& c)
{
    if (a.positionals.size() < 2)
        throw UsageError(tr("missing the risk id"), c.path);
    if (a.positionals.size() > 2)
        throw UsageError(format(tr("unexpected argument '%1'"), {a.positionals[2]}), c.path);
    const std::string& text = a.positionals[1];
    std::int64_t id = 0;
    const auto* end = text.data() + text.size();
    const auto r = std::from_chars(text.data(), end, id);
    if (text.empty() || r.ec != std::errc() || r.ptr != end || id <= 0)
        throw InvalidInput(format(tr("'%1' is not a risk id"), {text}));
    return id;
}

std::string null_or(const std::string& s)
{
    return s.empty() ? std::string("null") : json_string(s);
}

std::string level_code(const std::optional<core::RiskLevel>& l)
{
    return l ? std::string(core::risk_level_code(*l)) : std::string();
}

std::string level_text(const std::optional<core::RiskLevel>& l)
{
    return l ? tr(core::risk_level_label(*l)) : tr("not assessed");
}

std::string area_label(const std::string& code)
{
    const auto* a = core::find_risk_area(code);
    return a ? tr(a->label) : code;
}

std::string risk_json(const store::RiskRow& r)
{
    return "{\"id\": " + std::to_string(r.id) + ", \"site\": " + json_string(r.site_code) +
           ", \"site_name\": " + json_string(r.site_name) + ", \"area\": " + json_string(r.area) +
           ", \"category\": " + json_string(r.category) + ", \"title\": " + json_string(r.title) +
           ", \"status\": " + json_string(r.status) + ", \"opened_on\": " + json_string(r.opened_on) +
           ", \"level\": " + null_or(level_code(r.level)) +
           ", \"severity\": " + (r.severity ? std::to_string(r.severity) : "null") +
           ", \"likelihood\": " + (r.likelihood ? std::to_string(r.likelihood) : "null") +
           ", \"red_flag\": " + (r.red_flag ? "true" : "false") + ", \"decision\": " + null_or(r.decision) +
           ", \"decided_on\": " + null_or(r.decided_on) +
           ", \"decision_needed\": " + (r.decision_needed ? "true" : "false") +
           ", \"review_due\": " + null_or(r.review_due.value_or("")) +
           ", \"review_overdue\": " + (r.review_overdue ? "true" : "false") +
           ", \"assessed_on\": " + null_or(r.assessed_on) + ", \"assessor\": " + null_or(r.assessor) +
           ", \"matrix_version\": " + (r.matrix_version ? std::to_string(r.matrix_version) : "null") +
           ", \"open_actions\": " + std::to_string(r.open_actions) + ", \"incidents\": " + std::to_string(r.incidents) +
           "}";
}

std::string flag_text(const store::RiskRow& r)
{
    if (!r.red_flag)
        return "";
    std::string t = tr("red flag");
    if (r.decision_needed)
        t += ", " + tr("decision needed");
    else if (auto d = core::escalation_from_code(r.decision))
        t += ", " + tr(core::escalation_label(*d));
    if (r.review_overdue)
        t += ", " + tr("review overdue");
    return t;
}

// ---- risks list ----------------------------------------------------------------------

int run_list(std::span<const std::string> args, std::ostream& out, const std::string& lang)
{
    const auto a = parse_arguments(args, k_list.options, k_list.path);
    if (a.has("help")) {
        print_help(out, k_list);
        return 0;
    }
    const fs::path path = database_argument(a, k_list);
    store::RiskFilter f;
    f.site_code = a.value("site");
    if (auto level = a.value("level")) {
        f.level = core::risk_level_from_code(*level);
        if (!f.level)
            throw InvalidInput(format(tr("--level: unknown level '%1' (low, medium, high, very_high)"), {*level}));
    }
    f.red_flag_only = a.has("red-flag");
    f.include_closed = a.has("all");
    f.text = a.value("text").value_or("");
    f.on = a.value("on").value_or("");
    auto db = store::Database::open(path, store::Database::Mode::ReadOnly);
    const auto rows = store::list_risks(db.sql(), f);
    if (a.has("json")) {
        out << "[";
        for (std::size_t i = 0; i < rows.size(); ++i)
            out << (i ? ",\n " : "\n ") << risk_json(rows[i]);
        out << (rows.empty() ? "]\n" : "\n]\n");
        return 0;
    }
    if (rows.empty()) {
        out << tr("No risk matches.") << '\n';
        return 0;
    }
    TextTable table({TextTable::Align::Right, TextTable::Align::Left, TextTable::Align::Left, TextTable::Align::Left,
                     TextTable::Align::Left, TextTable::Align::Left, TextTable::Align::Right, TextTable::Align::Right,
                     TextTable::Align::Left});
    table.add_row({tr("Id"), tr("Site"), tr("Risk area"), tr("Level"), tr("S x L"), tr("Assessed"), tr("Incidents"),
                   tr("Open actions"), tr("Annex II")});
    for (const auto& r : rows)
        table.add_row({std::to_string(r.id), r.site_code, one_line(area_label(r.area), 40), level_text(r.level),
                       r.severity ? std::to_string(r.severity) + " x " + std::to_string(r.likelihood) : "-",
                       r.assessed_on.empty() ? "-" : r.assessed_on, group_digits(r.incidents, lang),
                       group_digits(r.open_actions, lang), flag_text(r)});
    table.print(out);
    out << '\n' << format(tr("%1 risks."), {group_digits(std::int64_t(rows.size()), lang)}) << '\n';
    return 0;
}

// ---- risks overview ------------------------------------------------------------------

int run_overview(std::span<const std::string> args, std::ostream& out, const std::string& lang)
{
    const auto a = parse_arguments(args, k_overview.options, k_overview.path);
    if (a.has("help")) {
        print_help(out, k_overview);
        return 0;
    }
    const fs::path path = database_argument(a, k_overview);
    auto db = store::Database::open(path, store::Database::Mode::ReadOnly);
    const auto view = store::risk_overview(db.sql());
    auto summary_json = [](const store::RiskAreaSummary& s) {
        return "\"open_risks\": " + std::to_string(s.open_risks) + ", \"unassessed\": " + std::to_string(s.unassessed) +
               ", \"low\": " + std::to_string(s.by_level[0]) + ", \"medium\": " + std::to_string(s.by_level[1]) +
               ", \"high\": " + std::to_string(s.by_level[2]) + ", \"very_high\": " + std::to_string(s.by_level[3]) +
               ", \"red_flags\": " + std::to_string(s.red_flags) + ", \"open_actions\": " +
               std::to_string(s.open_actions) + ", \"verified_incidents\": " + std::to_string(s.verified_incidents);
    };
    if (a.has("json")) {
        out << "{" << summary_json(view.total) << ",\n \"areas\": [";
        for (std::size_t i = 0; i < view.areas.size(); ++i)
            out << (i ? ",\n  " : "\n  ") << "{\"area\": " << json_string(view.areas[i].area)
                << ", \"category\": " << json_string(view.areas[i].category) << ", " << summary_json(view.areas[i])
                << "}";
        out << "]}\n";
        return 0;
    }
    using A = TextTable::Align;
    TextTable table({A::Left, A::Right, A::Right, A::Right, A::Right, A::Right, A::Right, A::Right, A::Right});
    table.add_row({tr("Risk area"), tr("Open risks"), tr("Low"), tr("Medium"), tr("High"), tr("Very high"),
                   tr("Red flags"), tr("Open actions"), tr("Verified incidents")});
    auto row = [&](const std::string& label, const store::RiskAreaSummary& s) {
        table.add_row({label, group_digits(s.open_risks, lang), group_digits(s.by_level[0], lang),
                       group_digits(s.by_level[1], lang), group_digits(s.by_level[2], lang),
                       group_digits(s.by_level[3], lang), group_digits(s.red_flags, lang),
                       group_digits(s.open_actions, lang), group_digits(s.verified_incidents, lang)});
    };
    for (const auto& s : view.areas)
        row(one_line(area_label(s.area), 40), s);
    row(tr("All risk areas"), view.total);
    table.print(out);
    return 0;
}

// ---- risks show ----------------------------------------------------------------------

int run_show(std::span<const std::string> args, std::ostream& out, const std::string& lang)
{
    const auto a = parse_arguments(args, k_show.options, k_show.path);
    if (a.has("help")) {
        print_help(out, k_show);
        return 0;
    }
    const fs::path path = database_argument(a, k_show, false);
    const std::int64_t id = risk_id_argument(a, k_show);
    auto db = store::Database::open(path, store::Database::Mode::ReadOnly);
    const auto d = store::risk_detail(db.sql(), id, a.value("on").value_or(""));
    if (a.has("json")) {
        std::string j = risk_json(d.risk);
        j.pop_back();
        out << j << ",\n \"assessments\": [";
        for (std::size_t i = 0; i < d.history.size(); ++i) {
            const auto& h = d.history[i];
            out << (i ? ",\n  " : "\n  ") << "{\"id\": " << h.id << ", \"assessed_on\": " << json_string(h.assessed_on)
                << ", \"assessor\": " << json_string(h.assessor) << ", \"matrix_version\": " << h.matrix_version
                << ", \"severity\": " << h.severity << ", \"likelihood\": " << h.likelihood
                << ", \"level\": " << json_string(std::string(core::risk_level_code(h.level)))
                << ", \"red_flag\": " << (h.red_flag ? "true" : "false") << ", \"decision\": " << null_or(h.decision)
                << ", \"decided_on\": " << null_or(h.decided_on) << ", \"rationale\": " << json_string(h.rationale)
                << "}";
        }
        out << "],\n \"reviewed_on\": " << null_or(d.risk.reviewed_on) << ",\n \"decisions\": [";
        for (std::size_t i = 0; i < d.decisions.size(); ++i) {
            const auto& x = d.decisions[i];
            out << (i ? ",\n  " : "\n  ") << "{\"id\": " << x.id << ", \"kind\": "
                << json_string(x.review ? "review" : "decision") << ", \"decision\": " << json_string(x.decision)
                << ", \"on\": " << json_string(x.dated_on) << ", \"by\": " << json_string(x.decided_by)
                << ", \"note\": " << json_string(x.note)
                << ", \"assessment_id\": " << (x.assessment_id ? std::to_string(x.assessment_id) : "null") << "}";
        }
        out << "],\n \"trend\": [";
        for (std::size_t i = 0; i < d.trend.size(); ++i)
            out << (i ? ", " : "") << "{\"month\": " << json_string(d.trend[i].month) << ", \"verified\": " << d.trend[i].n
                << "}";
        out << "],\n \"incident_ids\": [";
        for (std::size_t i = 0; i < d.incidents.size(); ++i)
            out << (i ? ", " : "") << d.incidents[i].id;
        out << "]}\n";
        return 0;
    }
    const auto& r = d.risk;
    out << format(tr("Risk %1: %2"), {std::to_string(r.id), r.title}) << '\n'
        << format(tr("Site: %1 (%2); risk area: %3"), {r.site_code, r.site_name, area_label(r.area)}) << '\n'
        << format(tr("Status: %1 since %2; level: %3"), {r.status, r.opened_on, level_text(r.level)}) << '\n';
    if (r.red_flag)
        out << format(tr("OECD Annex II: %1"), {flag_text(r)}) << '\n';
    if (r.review_due)
        out << (r.review_overdue ? format(tr("Review OVERDUE since %1"), {*r.review_due})
                                 : format(tr("Review due: %1"), {*r.review_due}))
            << (r.reviewed_on.empty() ? std::string() : " (" + format(tr("last reviewed on %1"), {r.reviewed_on}) + ")")
            << '\n';
    out << format(tr("Open actions: %1; incidents: %2"),
                  {group_digits(r.open_actions, lang), group_digits(r.incidents, lang)})
        << "\n\n"
        << tr("Assessments:") << '\n';
    if (d.history.empty())
        out << "  " << tr("none yet") << '\n';
    for (const auto& h : d.history) {
        out << "  " << h.assessed_on << "  " << tr(core::risk_level_label(h.level)) << "  "
            << format(tr("severity %1, likelihood %2, matrix version %3, by %4"),
                      {std::to_string(h.severity), std::to_string(h.likelihood), std::to_string(h.matrix_version),
                       h.assessor})
            << '\n';
        if (!h.decision.empty())
            out << "    " << format(tr("Escalation: %1 on %2"),
                                    {tr(core::escalation_label(*core::escalation_from_code(h.decision))), h.decided_on})
                << '\n';
        out << "    " << one_line(h.rationale, 100) << '\n';
    }
    if (!d.decisions.empty()) {
        out << '\n' << tr("Escalation decisions and reviews:") << '\n';
        for (const auto& x : d.decisions) {
            const auto decision = core::escalation_from_code(x.decision);
            const std::string label = decision ? tr(core::escalation_label(*decision)) : x.decision;
            out << "  " << x.dated_on << "  "
                << (x.review ? format(tr("review of the mitigation plan, by %1"), {x.decided_by})
                             : format(tr("decision: %1, by %2"), {label, x.decided_by}))
                << (x.assessment_id ? " " + format(tr("(with assessment %1)"), {std::to_string(x.assessment_id)})
                                    : std::string())
                << '\n'
                << "    " << one_line(x.note, 100) << '\n';
        }
    }
    if (!d.trend.empty()) {
        out << '\n' << tr("Verified incidents per month:") << '\n';
        for (const auto& m : d.trend)
            out << "  " << m.month << "  " << std::string(std::size_t(std::min<std::int64_t>(m.n, 60)), '#') << ' '
                << m.n << '\n';
    }
    return 0;
}

// ---- risks assess --------------------------------------------------------------------

int run_assess(std::span<const std::string> args, std::ostream& out)
{
    const auto a = parse_arguments(args, k_assess.options, k_assess.path);
    if (a.has("help")) {
        print_help(out, k_assess);
        return 0;
    }
    const fs::path path = database_argument(a, k_assess, false);
    store::RiskAssessmentInput in;
    in.risk_id = risk_id_argument(a, k_assess);
    const auto severity = a.value("severity");
    const auto likelihood = a.value("likelihood");
    if (!severity)
        throw UsageError(tr("missing --severity"), k_assess.path);
    if (!likelihood)
        throw UsageError(tr("missing --likelihood"), k_assess.path);
    in.severity = parse_int(*severity, "--severity", k_assess.path, 1, 5);
    in.likelihood = parse_int(*likelihood, "--likelihood", k_assess.path, 1, 5);
    in.rationale = a.value("rationale").value_or("");
    if (auto who = a.value("assessor"))
        in.assessor = *who;
    else if (const char* user = std::getenv("USER"))
        in.assessor = user;
    if (in.assessor.find_first_not_of(" \t") == std::string::npos)
        throw InvalidInput(tr("who assesses is unknown: give --assessor NAME (or set USER)"));
    in.assessed_on = a.value("on").value_or("");
    if (auto decision = a.value("decision")) {
        in.decision = core::escalation_from_code(*decision);
        if (!in.decision)
            throw InvalidInput(
                format(tr("--decision: unknown decision '%1' (suspend, disengage, mitigate)"), {*decision}));
    }
    in.decided_on = a.value("decision-on").value_or("");
    if (!in.decision && a.has("decision-on"))
        throw UsageError(tr("--decision-on needs --decision"), k_assess.path);
    auto db = store::Database::open(path);
    const auto r = store::assess_risk(db, in);
    const std::string level(core::risk_level_code(r.level));
    if (a.has("json")) {
        out << "{\"risk_id\": " << in.risk_id << ", \"assessment_id\": " << r.assessment_id
            << ", \"level\": " << json_string(level)
            << ", \"matrix_level\": " << json_string(std::string(core::risk_level_code(r.matrix_level)))
            << ", \"matrix_version\": " << r.matrix_version << ", \"red_flag\": " << (r.red_flag ? "true" : "false")
            << ", \"decision_needed\": " << (r.decision_needed ? "true" : "false")
            << ", \"review_due\": " << null_or(r.review_due.value_or("")) << "}\n";
        return 0;
    }
    out << format(tr("Risk %1 assessed: level %2 (%3), matrix version %4."),
                  {std::to_string(in.risk_id), level, tr(core::risk_level_label(r.level)),
                   std::to_string(r.matrix_version)})
        << '\n';
    if (r.level != r.matrix_level)
        out << format(tr("The matrix gives %1; OECD Annex II serious abuse keeps it at high or above."),
                      {std::string(core::risk_level_code(r.matrix_level))})
            << '\n';
    if (r.red_flag)
        out << tr("Red flag: OECD Annex II serious abuse or armed support.") << '\n';
    if (r.decision_needed)
        out << tr("Escalation decision needed: suspend, disengage or mitigate (risks assess ... --decision D).") << '\n';
    if (r.review_due)
        out << format(tr("Mitigation plan: review due by %1."), {*r.review_due}) << '\n';
    return 0;
}

// ---- risks decide, risks review -------------------------------------------------------

int run_decide(std::span<const std::string> args, std::ostream& out)
{
    const auto a = parse_arguments(args, k_decide.options, k_decide.path);
    if (a.has("help")) {
        print_help(out, k_decide);
        return 0;
    }
    const fs::path path = database_argument(a, k_decide, false);
    store::RiskDecisionInput in;
    in.risk_id = risk_id_argument(a, k_decide);
    const auto decision = a.value("decision");
    if (!decision)
        throw UsageError(tr("missing --decision (suspend, disengage, mitigate)"), k_decide.path);
    const auto d = core::escalation_from_code(*decision);
    if (!d)
        throw InvalidInput(format(tr("--decision: unknown decision '%1' (suspend, disengage, mitigate)"), {*decision}));
    in.decision = *d;
    in.decided_on = a.value("on").value_or("");
    in.rationale = a.value("rationale").value_or("");
    in.decided_by = decision_actor(a);
    auto db = store::Database::open(path);
    const auto r = store::record_risk_decision(db, in);
    const auto row = store::find_risk(db.sql(), in.risk_id);
    const std::string decided_on = in.decided_on.empty() ? store::utc_today() : in.decided_on;
    if (a.has("json")) {
        out << "{\"risk_id\": " << in.risk_id << ", \"decision_id\": " << r.decision_id
            << ", \"decision\": " << json_string(std::string(core::escalation_code(in.decision)))
            << ", \"current\": " << (r.current ? "true" : "false")
            << ", \"current_decision\": " << null_or(row ? row->decision : std::string())
            << ", \"decided_on\": " << null_or(row ? row->decided_on : std::string())
            << ", \"review_due\": " << null_or(row && row->review_due ? *row->review_due : std::string()) << "}\n";
        return 0;
    }
    out << format(tr("Risk %1: decision %2 recorded (%3)."),
                  {std::to_string(in.risk_id), tr(core::escalation_label(in.decision)),
                   decided_on})
        << '\n';
    if (!r.current && row)
        out << format(tr("A later decision stands: %1 on %2; this one is kept in the history."),
                      {row->decision, row->decided_on})
            << '\n';
    else if (r.review_due)
        out << format(tr("Mitigation plan: review due by %1."), {*r.review_due}) << '\n';
    return 0;
}

int run_review(std::span<const std::string> args, std::ostream& out)
{
    const auto a = parse_arguments(args, k_review.options, k_review.path);
    if (a.has("help")) {
        print_help(out, k_review);
        return 0;
    }
    const fs::path path = database_argument(a, k_review, false);
    store::RiskReviewInput in;
    in.risk_id = risk_id_argument(a, k_review);
    in.reviewed_on = a.value("on").value_or("");
    in.note = a.value("note").value_or("");
    in.reviewed_by = decision_actor(a);
    auto db = store::Database::open(path);
    const auto r = store::record_risk_review(db, in);
    if (a.has("json")) {
        out << "{\"risk_id\": " << in.risk_id << ", \"review_id\": " << r.review_id
            << ", \"review_due\": " << json_string(r.review_due) << "}\n";
        return 0;
    }
    out << format(tr("Risk %1: review of the mitigation plan recorded; next review due by %2."),
                  {std::to_string(in.risk_id), r.review_due})
        << '\n';
    return 0;
}

// ---- matrix --------------------------------------------------------------------------

int run_matrix_show(std::span<const std::string> args, std::ostream& out)
{
    const auto a = parse_arguments(args, k_matrix_show.options, k_matrix_show.path);
    if (a.has("help")) {
        print_help(out, k_matrix_show);
        return 0;
    }
    const fs::path path = database_argument(a, k_matrix_show);
    auto db = store::Database::open(path, store::Database::Mode::ReadOnly);
    const auto m = a.value("version")
                       ? store::matrix_version(db, parse_int(*a.value("version"), "--version", k_matrix_show.path, 1,
                                                             1000000))
                       : store::current_matrix(db);
    const auto versions = store::list_matrix_versions(db);
    if (a.has("json")) {
        out << "{\"version\": " << m.info.version << ", \"name\": " << json_string(m.info.name)
            << ", \"current\": " << (m.info.current ? "true" : "false") << ", \"created_at\": "
            << json_string(m.info.created_at) << ", \"created_by\": " << json_string(m.info.created_by)
            << ",\n \"cells\": [";
        for (int s = 1; s <= 5; ++s) {
            out << (s > 1 ? ",\n  [" : "\n  [");
            for (int l = 1; l <= 5; ++l)
                out << (l > 1 ? ", " : "") << json_string(std::string(core::risk_level_code(m.matrix.level(s, l))));
            out << "]";
        }
        out << "],\n \"versions\": [";
        for (std::size_t i = 0; i < versions.size(); ++i)
            out << (i ? ", " : "") << "{\"version\": " << versions[i].version << ", \"name\": "
                << json_string(versions[i].name) << ", \"current\": " << (versions[i].current ? "true" : "false")
                << ", \"assessments\": " << versions[i].assessments << "}";
        out << "]}\n";
        return 0;
    }
    out << format(tr("Risk matrix version %1: %2"), {std::to_string(m.info.version), m.info.name})
        << (m.info.current ? " (" + tr("current") + ")" : std::string()) << "\n\n";
    TextTable grid({TextTable::Align::Left, TextTable::Align::Left, TextTable::Align::Left, TextTable::Align::Left,
                    TextTable::Align::Left, TextTable::Align::Left});
    std::vector<std::string> header{tr("Severity \\ likelihood")};
    for (int l = 1; l <= 5; ++l)
        header.push_back(std::to_string(l) + " " + tr(core::likelihood_label(l)));
    grid.add_row(header);
    for (int s = 5; s >= 1; --s) {
        std::vector<std::string> row{std::to_string(s) + " " + tr(core::severity_label(s))};
        for (int l = 1; l <= 5; ++l)
            row.push_back(std::string(core::risk_level_code(m.matrix.level(s, l))));
        grid.add_row(row);
    }
    grid.print(out);
    out << '\n' << tr("Versions:") << '\n';
    for (const auto& v : versions)
        out << "  " << v.version << "  " << v.name << "  " << v.created_at.substr(0, 10) << "  " << v.created_by
            << "  " << format(tr("%1 assessments"), {std::to_string(v.assessments)})
            << (v.current ? "  (" + tr("current") + ")" : std::string()) << '\n';
    return 0;
}

int run_matrix_new(std::span<const std::string> args, std::ostream& out)
{
    const auto a = parse_arguments(args, k_matrix_new.options, k_matrix_new.path);
    if (a.has("help")) {
        print_help(out, k_matrix_new);
        return 0;
    }
    const fs::path path = database_argument(a, k_matrix_new);
    const auto name = a.value("name");
    const auto cells = a.value("cells");
    if (!name)
        throw UsageError(tr("missing --name"), k_matrix_new.path);
    if (!cells)
        throw UsageError(tr("missing --cells"), k_matrix_new.path);
    const auto parsed = store::parse_matrix_cells(*cells);
    const std::string actor = decision_actor(a);
    auto db = store::Database::open(path);
    const auto info = store::create_matrix_version(db, *name, parsed, actor);
    out << format(tr("Risk matrix version %1 (%2) is now current; earlier assessments keep their version."),
                  {std::to_string(info.version), info.name})
        << '\n';
    return 0;
}

} // namespace

int run_risks(std::span<const std::string> args, std::ostream& out, const std::string& lang)
{
    const Subcommand subcommands[] = {
        {"list", [&](auto rest) { return run_list(rest, out, lang); }},
        {"overview", [&](auto rest) { return run_overview(rest, out, lang); }},
        {"show", [&](auto rest) { return run_show(rest, out, lang); }},
        {"assess", [&](auto rest) { return run_assess(rest, out); }},
        {"decide", [&](auto rest) { return run_decide(rest, out); }},
        {"review", [&](auto rest) { return run_review(rest, out); }},
    };
    return run_subcommand(args, "risks", subcommands, [&] {
        print_helps(out, {&k_list, &k_overview, &k_show, &k_assess, &k_decide, &k_review});
    });
}

int run_matrix(std::span<const std::string> args, std::ostream& out, const std::string&)
{
    const Subcommand subcommands[] = {
        {"show", [&](auto rest) { return run_matrix_show(rest, out); }},
        {"new", [&](auto rest) { return run_matrix_new(rest, out); }},
    };
    return run_subcommand(args, "matrix", subcommands, [&] { print_helps(out, {&k_matrix_show, &k_matrix_new}); });
}

void add_risks_summary(TextTable& table)
{
    for (const CommandSpec* c : {&k_list, &k_overview, &k_show, &k_assess, &k_decide, &k_review, &k_matrix_show,
                                 &k_matrix_new})
        table.add_row({std::string("  ") + c->path + " DB", tr(c->summary)});
}

} // namespace mwangaza::cli
