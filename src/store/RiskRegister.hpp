#pragma once
// Reading the risk register: one row per risk (programme-wide, per site, filtered), the
// programme-wide view by risk area (from tallies the database keeps: a few hundred rows
// read whatever the programme's size), and one risk's detail: assessment history with
// the matrix version used, verified incidents per month, its incidents.
#include "core/RiskEscalation.hpp"
#include "core/RiskMatrix.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mwangaza::store {

struct RiskRow {
    std::int64_t id = 0;
    std::string site_code;
    std::string site_name;
    std::string area;     // risk area code
    std::string category; // category code
    std::string title;
    std::string status;   // open, closed
    std::string opened_on;
    std::optional<core::RiskLevel> level; // none: never assessed
    int severity = 0;    // 0: never assessed
    int likelihood = 0;
    bool red_flag = false;
    std::string decision;    // the current escalation decision: suspend, disengage, mitigate or empty
    std::string decided_on;
    std::string reviewed_on; // the latest review of a current mitigate decision, or empty
    bool decision_needed = false;          // red flag without a decision
    std::optional<std::string> review_due; // mitigate: 6 months after the decision or its latest review
    bool review_overdue = false;           // on the query's date
    std::string assessed_on;
    std::string assessor;
    int matrix_version = 0;
    std::int64_t open_actions = 0; // issued or in progress
    std::int64_t incidents = 0;    // attached (verified) incidents
};

struct RiskFilter {
    std::optional<std::string> site_code;
    std::optional<core::RiskLevel> level; // exactly this current level
    bool red_flag_only = false;
    bool include_closed = false;
    std::string text; // in the title, site code or site name, area code (case-insensitive)
    std::string on;   // YYYY-MM-DD for review_overdue; empty: today (UTC)
};

// Site code, then taxonomy order. Throws InvalidInput (unknown site code, bad date).
std::vector<RiskRow> list_risks(SQLite::Database& db, const RiskFilter& filter);
std::optional<RiskRow> find_risk(SQLite::Database& db, std::int64_t id, const std::string& on = {});

// The register as the Risks page lists it: what its columns show and sort by, a few dozen
// bytes a row with the sites' names once, so the full register (242,500 open risks on
// the x500 demo) reads in well under 100 ms. Same filter, rows and order as list_risks.
struct RegisterSite {
    std::string code;
    std::string name;
};

struct RegisterRow {
    std::int64_t id = 0;
    std::int64_t open_actions = 0;
    std::int64_t incidents = 0;
    std::int32_t site = 0;        // index into RegisterList::sites (sorted by code)
    std::int32_t opened_on = 0;   // dates as YYYYMMDD, 0 for none
    std::int32_t assessed_on = 0;
    std::int32_t decided_on = 0;
    std::int32_t review_due = 0;
    std::uint8_t area = 0;        // index into core::risk_areas() (taxonomy order)
    std::uint8_t severity = 0;    // 0: never assessed
    std::uint8_t likelihood = 0;
    std::optional<core::RiskLevel> level;
    std::optional<core::EscalationDecision> decision; // the current one
    bool red_flag = false;
    bool decision_needed = false;
    bool review_overdue = false;
    bool open = true;
};

struct RegisterList {
    std::vector<RegisterSite> sites;
    std::vector<RegisterRow> rows; // site code, taxonomy order, opening date, id

    const std::string& site_code(const RegisterRow& r) const;
    std::string_view area_code(const RegisterRow& r) const;
};

// Throws InvalidInput (unknown site code, bad date).
RegisterList list_register(SQLite::Database& db, const RiskFilter& filter);

// YYYYMMDD -> "YYYY-MM-DD"; "" for 0.
std::string register_date(std::int32_t yyyymmdd);

// The programme-wide view: per risk area, open risks by current level, red flags, open
// actions and verified incidents.
struct RiskAreaSummary {
    std::string area;
    std::string category;
    std::int64_t open_risks = 0;
    std::int64_t unassessed = 0;
    std::int64_t by_level[4] = {0, 0, 0, 0}; // low, medium, high, very high
    std::int64_t red_flags = 0;
    std::int64_t open_actions = 0;
    std::int64_t verified_incidents = 0;
};

struct RiskOverview {
    std::vector<RiskAreaSummary> areas; // the 26 areas in taxonomy order
    RiskAreaSummary total;              // area "" : the sums
};

RiskOverview risk_overview(SQLite::Database& db);

struct AssessmentRecordRow {
    std::int64_t id = 0;
    int matrix_version = 0;
    std::string matrix_name;
    int severity = 0;
    int likelihood = 0;
    core::RiskLevel level = core::RiskLevel::Low;
    bool red_flag = false;
    std::string decision;
    std::string decided_on;
    std::string rationale;
    std::string assessor;
    std::string assessed_on;
};

struct MonthCount {
    std::string month; // YYYY-MM
    std::int64_t n = 0;
};

struct RiskIncidentRow {
    std::int64_t id = 0;
    std::string observed_on;
    bool annex_flag = false;
    std::string description;
};

// An escalation decision (suspend, disengage, mitigate) or the review of a mitigation plan.
struct RiskDecisionRow {
    std::int64_t id = 0;
    bool review = false;       // false: a decision
    std::string decision;      // the decision taken, or the one reviewed
    std::string dated_on;      // YYYY-MM-DD
    std::string note;          // the rationale, or what the review found
    std::string decided_by;
    std::int64_t assessment_id = 0; // taken with this assessment, 0: on its own
};

struct RiskDetail {
    RiskRow risk;
    std::vector<AssessmentRecordRow> history; // oldest first
    std::vector<RiskDecisionRow> decisions;   // decisions and reviews, oldest first
    std::vector<MonthCount> trend;           // verified incidents per month of observation, every
                                             // month from the first to the last (zeros included)
    std::vector<RiskIncidentRow> incidents;  // newest first
};

// Throws InvalidInput for an unknown risk id.
RiskDetail risk_detail(SQLite::Database& db, std::int64_t id, const std::string& on = {});

// Today's date (UTC), YYYY-MM-DD.
std::string utc_today();

} // namespace mwangaza::store
