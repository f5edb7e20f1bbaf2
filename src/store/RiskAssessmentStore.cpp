#include "store/RiskAssessmentStore.hpp"

#include "core/Error.hpp"
#include "core/I18n.hpp"
#include "core/Json.hpp"
#include "core/Taxonomy.hpp"
#include "store/Database.hpp"
#include "store/MatrixStore.hpp"
#include "store/RiskRegister.hpp"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

namespace mwangaza::store {

namespace {

bool blank(const std::string& s)
{
    return s.find_first_not_of(" \t\r\n") == std::string::npos;
}

std::string id_text(std::int64_t id)
{
    return std::to_string(id);
}

} // namespace

RiskAssessmentResult assess_risk(Database& db, const RiskAssessmentInput& in)
{
    const std::string risk = id_text(in.risk_id);
    if (in.severity < 1 || in.severity > 5)
        throw InvalidInput(core::format(core::tr("risk %1: severity must be between 1 and 5, got %2"),
                                        {risk, std::to_string(in.severity)}));
    if (in.likelihood < 1 || in.likelihood > 5)
        throw InvalidInput(core::format(core::tr("risk %1: likelihood must be between 1 and 5, got %2"),
                                        {risk, std::to_string(in.likelihood)}));
    if (blank(in.rationale))
        throw InvalidInput(core::format(core::tr("risk %1: an assessment needs a rationale"), {risk}));
    if (blank(in.assessor))
        throw InvalidInput(core::format(core::tr("risk %1: an assessment needs the name of the assessor"), {risk}));
    const std::string assessed_on = in.assessed_on.empty() ? utc_today() : in.assessed_on;
    if (!core::is_iso_date(assessed_on))
        throw InvalidInput(core::format(core::tr("assessment date '%1' is not a date (YYYY-MM-DD)"), {assessed_on}));
    const std::string decided_on = in.decided_on.empty() ? assessed_on : in.decided_on;
    if (in.decision && !core::is_iso_date(decided_on))
        throw InvalidInput(core::format(core::tr("decision date '%1' is not a date (YYYY-MM-DD)"), {decided_on}));

    auto& sql = db.sql();
    try {
        SQLite::Transaction tx(sql, SQLite::TransactionBehavior::IMMEDIATE);
        SQLite::Statement r(sql, "SELECT risk_area, status FROM risk WHERE id = ?");
        r.bind(1, in.risk_id);
        if (!r.executeStep())
            throw InvalidInput(core::format(core::tr("no risk has the id %1"), {risk}));
        const std::string area_code = r.getColumn(0).getString();
        if (r.getColumn(1).getString() != "open")
            throw InvalidInput(core::format(core::tr("risk %1 is closed: it cannot be assessed"), {risk}));
        const core::RiskArea* area = core::find_risk_area(area_code);
        if (!area)
            throw StorageError("risk " + risk + " has an unknown risk area '" + area_code + "'");
        SQLite::Statement f(sql, "SELECT EXISTS (SELECT 1 FROM risk_incident ri JOIN incident i ON i.id = ri.incident_id "
                                 "WHERE ri.risk_id = ? AND i.annex_flag = 1)");
        f.bind(1, in.risk_id);
        f.executeStep();
        const bool flagged = f.getColumn(0).getInt() != 0;

        const StoredMatrix current = current_matrix(db);
        const auto assessment = current.matrix.assess(*area, in.severity, in.likelihood, flagged);
        if (in.decision && !assessment.red_flag)
            throw InvalidInput(core::format(
                core::tr("risk %1 has no Annex II red flag: an escalation decision applies only to serious abuse"),
                {risk}));

        RiskAssessmentResult result;
        result.matrix_version = current.info.version;
        result.matrix_level = current.matrix.level(in.severity, in.likelihood);
        result.level = assessment.level;
        result.red_flag = assessment.red_flag;
        result.decision_needed = assessment.red_flag && !in.decision;
        if (in.decision)
            result.review_due = core::review_due(*in.decision, decided_on);

        const std::string level(core::risk_level_code(assessment.level));
        SQLite::Statement insert(sql, "INSERT INTO risk_assessment(risk_id, matrix_version_id, severity, likelihood, "
                                      "level, red_flag, escalation_decision, escalation_on, rationale, assessor, "
                                      "assessed_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        insert.bind(1, in.risk_id);
        insert.bind(2, current.info.id);
        insert.bind(3, in.severity);
        insert.bind(4, in.likelihood);
        insert.bind(5, level);
        insert.bind(6, assessment.red_flag ? 1 : 0);
        if (in.decision) {
            insert.bind(7, std::string(core::escalation_code(*in.decision)));
            insert.bind(8, decided_on);
        } else {
            insert.bind(7);
            insert.bind(8);
        }
        insert.bind(9, in.rationale);
        insert.bind(10, in.assessor);
        insert.bind(11, assessed_on);
        insert.exec();
        result.assessment_id = sql.getLastInsertRowid();

        std::string after = "{\"assessment_id\":" + std::to_string(result.assessment_id) +
                            ",\"matrix_version\":" + std::to_string(current.info.version) +
                            ",\"severity\":" + std::to_string(in.severity) +
                            ",\"likelihood\":" + std::to_string(in.likelihood) + ",\"level\":" + core::json_string(level) +
                            ",\"red_flag\":" + (assessment.red_flag ? "true" : "false");
        if (in.decision)
            after += ",\"decision\":" + core::json_string(std::string(core::escalation_code(*in.decision))) +
                     ",\"decided_on\":" + core::json_string(decided_on);
        after += ",\"assessed_on\":" + core::json_string(assessed_on) + ",\"rationale\":" + core::json_string(in.rationale) +
                 "}";
        db.audit(in.assessor, "risk", in.risk_id, "assess", "", after);
        tx.commit();
        return result;
    } catch (const SQLite::Exception& e) {
        throw StorageError("cannot record the assessment of risk " + risk + ": " + e.what());
    }
}

namespace {

struct OpenRisk {
    bool red_flag = false;
    std::string decision;
    std::string decided_on;
    std::string reviewed_on;
};

// The risk, refused when unknown or closed (`what`: "decided", "reviewed").
OpenRisk open_risk(SQLite::Database& sql, std::int64_t id, const char* closed_message)
{
    SQLite::Statement r(sql, "SELECT status, current_red_flag, decision, decided_on, reviewed_on FROM risk WHERE id = ?");
    r.bind(1, id);
    if (!r.executeStep())
        throw InvalidInput(core::format(core::tr("no risk has the id %1"), {id_text(id)}));
    if (r.getColumn(0).getString() != "open")
        throw InvalidInput(core::format(core::tr(closed_message), {id_text(id)}));
    return {r.getColumn(1).getInt() != 0, r.getColumn(2).getString(), r.getColumn(3).getString(),
            r.getColumn(4).getString()};
}

std::string checked_day(const std::string& day, const char* what)
{
    const std::string d = day.empty() ? utc_today() : day;
    if (!core::is_iso_date(d))
        throw InvalidInput(core::format(core::tr(what), {d}));
    return d;
}

} // namespace

RiskDecisionResult record_risk_decision(Database& db, const RiskDecisionInput& in)
{
    const std::string risk = id_text(in.risk_id);
    if (blank(in.rationale))
        throw InvalidInput(core::format(core::tr("risk %1: an escalation decision needs a rationale"), {risk}));
    if (blank(in.decided_by))
        throw InvalidInput(core::format(core::tr("risk %1: an escalation decision needs the name of who decided"), {risk}));
    const std::string on = checked_day(in.decided_on, N_("decision date '%1' is not a date (YYYY-MM-DD)"));
    const std::string code(core::escalation_code(in.decision));
    auto& sql = db.sql();
    try {
        SQLite::Transaction tx(sql, SQLite::TransactionBehavior::IMMEDIATE);
        const OpenRisk before = open_risk(sql, in.risk_id, N_("risk %1 is closed: no escalation decision can be recorded"));
        if (!before.red_flag)
            throw InvalidInput(core::format(
                core::tr("risk %1 has no OECD Annex II red flag: an escalation decision (suspend, disengage, mitigate) "
                         "applies only to a red-flagged risk of serious abuse or armed support"),
                {risk}));
        SQLite::Statement insert(sql, "INSERT INTO risk_decision(risk_id, kind, decision, dated_on, note, decided_by) "
                                      "VALUES (?, 'decision', ?, ?, ?, ?)");
        insert.bind(1, in.risk_id);
        insert.bind(2, code);
        insert.bind(3, on);
        insert.bind(4, in.rationale);
        insert.bind(5, in.decided_by);
        insert.exec();
        RiskDecisionResult result;
        result.decision_id = sql.getLastInsertRowid();
        const OpenRisk after = open_risk(sql, in.risk_id, N_("risk %1 is closed: no escalation decision can be recorded"));
        result.current = after.decided_on == on && after.decision == code && after.decided_on >= before.decided_on;
        if (result.current)
            result.review_due = core::review_due(in.decision, on);
        std::string before_json = before.decision.empty()
                                      ? std::string()
                                      : "{\"decision\":" + core::json_string(before.decision) +
                                            ",\"decided_on\":" + core::json_string(before.decided_on) + "}";
        db.audit(in.decided_by, "risk", in.risk_id, "decide", before_json,
                 "{\"decision_id\":" + std::to_string(result.decision_id) + ",\"decision\":" + core::json_string(code) +
                     ",\"decided_on\":" + core::json_string(on) + ",\"rationale\":" + core::json_string(in.rationale) +
                     "}");
        tx.commit();
        return result;
    } catch (const SQLite::Exception& e) {
        throw StorageError("cannot record the escalation decision of risk " + risk + ": " + e.what());
    }
}

RiskReviewResult record_risk_review(Database& db, const RiskReviewInput& in)
{
    const std::string risk = id_text(in.risk_id);
    if (blank(in.note))
        throw InvalidInput(core::format(core::tr("risk %1: a review needs a note of what was found"), {risk}));
    if (blank(in.reviewed_by))
        throw InvalidInput(core::format(core::tr("risk %1: a review needs the name of the reviewer"), {risk}));
    const std::string on = checked_day(in.reviewed_on, N_("review date '%1' is not a date (YYYY-MM-DD)"));
    auto& sql = db.sql();
    try {
        SQLite::Transaction tx(sql, SQLite::TransactionBehavior::IMMEDIATE);
        const OpenRisk before = open_risk(sql, in.risk_id, N_("risk %1 is closed: no review can be recorded"));
        if (before.decision != "mitigate")
            throw InvalidInput(core::format(
                before.decision.empty()
                    ? core::tr("risk %1 has no escalation decision: only a mitigation plan (mitigate decision) is reviewed")
                    : core::tr("risk %1 is under a %2 decision: only a mitigation plan (mitigate decision) is reviewed"),
                {risk, before.decision}));
        if (on < before.decided_on)
            throw InvalidInput(core::format(
                core::tr("risk %1: the review date %2 is before the mitigate decision of %3 it reviews"),
                {risk, on, before.decided_on}));
        SQLite::Statement insert(sql, "INSERT INTO risk_decision(risk_id, kind, decision, dated_on, note, decided_by) "
                                      "VALUES (?, 'review', 'mitigate', ?, ?, ?)");
        insert.bind(1, in.risk_id);
        insert.bind(2, on);
        insert.bind(3, in.note);
        insert.bind(4, in.reviewed_by);
        insert.exec();
        RiskReviewResult result;
        result.review_id = sql.getLastInsertRowid();
        const OpenRisk after = open_risk(sql, in.risk_id, N_("risk %1 is closed: no review can be recorded"));
        const std::string& clock = after.reviewed_on > after.decided_on ? after.reviewed_on : after.decided_on;
        result.review_due = core::review_due(core::EscalationDecision::Mitigate, clock).value_or("");
        db.audit(in.reviewed_by, "risk", in.risk_id, "review",
                 before.reviewed_on.empty() ? std::string()
                                            : "{\"reviewed_on\":" + core::json_string(before.reviewed_on) + "}",
                 "{\"review_id\":" + std::to_string(result.review_id) + ",\"reviewed_on\":" + core::json_string(on) +
                     ",\"note\":" + core::json_string(in.note) + ",\"review_due\":" +
                     core::json_string(result.review_due) + "}");
        tx.commit();
        return result;
    } catch (const SQLite::Exception& e) {
        throw StorageError("cannot record the review of risk " + risk + ": " + e.what());
    }
}

std::int64_t attach_verified_incident(Database& db, std::int64_t incident_id, const std::string& actor)
{
    auto& sql = db.sql();
    const std::string incident = id_text(incident_id);
    SQLite::Statement linked(sql, "SELECT risk_id FROM risk_incident WHERE incident_id = ?");
    linked.bind(1, incident_id);
    if (linked.executeStep())
        return linked.getColumn(0).getInt64(); // already part of a risk

    SQLite::Statement i(sql, "SELECT i.site_id, i.risk_area, s.name FROM incident i LEFT JOIN site s ON s.id = i.site_id "
                             "WHERE i.id = ?");
    i.bind(1, incident_id);
    if (!i.executeStep())
        throw InvalidInput(core::format(core::tr("no incident has the id %1"), {incident}));
    if (i.getColumn(0).isNull())
        throw InvalidInput(core::format(
            core::tr("incident %1 has no site: assign a site first, then verify it (a verified incident feeds the risk "
                     "of its site)"),
            {incident}));
    const std::int64_t site_id = i.getColumn(0).getInt64();
    const std::string area = i.getColumn(1).getString();
    const std::string site_name = i.getColumn(2).getString();

    std::int64_t risk_id = 0;
    SQLite::Statement open(sql, "SELECT id FROM risk WHERE site_id = ? AND risk_area = ? AND status = 'open' "
                                "ORDER BY id DESC LIMIT 1");
    open.bind(1, site_id);
    open.bind(2, area);
    if (open.executeStep()) {
        risk_id = open.getColumn(0).getInt64();
    } else {
        const core::RiskArea* a = core::find_risk_area(area);
        const std::string title = std::string(a ? a->label : area.c_str()) + " at " + site_name;
        const std::string today = utc_today();
        SQLite::Statement create(sql, "INSERT INTO risk(site_id, risk_area, title, status, opened_on) "
                                      "VALUES (?, ?, ?, 'open', ?)");
        create.bind(1, site_id);
        create.bind(2, area);
        create.bind(3, title);
        create.bind(4, today);
        create.exec();
        risk_id = sql.getLastInsertRowid();
        db.audit(actor, "risk", risk_id, "create", "",
                 "{\"site_id\":" + std::to_string(site_id) + ",\"risk_area\":" + core::json_string(area) +
                     ",\"title\":" + core::json_string(title) + ",\"opened_on\":" + core::json_string(today) +
                     ",\"from_incident\":" + incident + "}");
    }
    SQLite::Statement link(sql, "INSERT INTO risk_incident(risk_id, incident_id) VALUES (?, ?)");
    link.bind(1, risk_id);
    link.bind(2, incident_id);
    link.exec();
    db.audit(actor, "risk", risk_id, "attach_incident", "", "{\"incident_id\":" + incident + "}");
    return risk_id;
}

void detach_unverified_incident(Database& db, std::int64_t incident_id, const std::string& actor)
{
    auto& sql = db.sql();
    const std::string incident = id_text(incident_id);
    SQLite::Statement linked(sql, "SELECT risk_id FROM risk_incident WHERE incident_id = ?");
    linked.bind(1, incident_id);
    std::vector<std::int64_t> risks;
    while (linked.executeStep())
        risks.push_back(linked.getColumn(0).getInt64());
    for (const std::int64_t risk_id : risks) {
        SQLite::Statement unlink(sql, "DELETE FROM risk_incident WHERE risk_id = ? AND incident_id = ?");
        unlink.bind(1, risk_id);
        unlink.bind(2, incident_id);
        unlink.exec();
        db.audit(actor, "risk", risk_id, "detach_incident", "{\"incident_id\":" + incident + "}", "");
        SQLite::Statement holds(sql, "SELECT EXISTS (SELECT 1 FROM risk_incident WHERE risk_id = ?1) "
                                     "OR EXISTS (SELECT 1 FROM risk_assessment WHERE risk_id = ?1) "
                                     "OR EXISTS (SELECT 1 FROM corrective_action WHERE risk_id = ?1)");
        holds.bind(1, risk_id);
        holds.executeStep();
        if (holds.getColumn(0).getInt() == 0) {
            SQLite::Statement del(sql, "DELETE FROM risk WHERE id = ?");
            del.bind(1, risk_id);
            del.exec();
            db.audit(actor, "risk", risk_id, "delete", "{\"reason\":\"its only incident is no longer verified\"}", "");
        }
    }
}

} // namespace mwangaza::store
