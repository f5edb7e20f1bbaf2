#pragma once
// Reading the risk register: one row per risk (programme-wide, per site, filtered), the
// programme-wide view by risk area (from tallies the database keeps: a few hundred rows
// read whatever the programme's size), and one risk's detail: assessment history with
// the matrix version used, verified incidents per month, its incidents.
#include "core/RiskMatrix.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <optional>
#include <string>
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
    std::string decision;    // suspend, disengage, mitigate or empty
    std::string decided_on;
    bool decision_needed = false;          // red flag without a decision
    std::optional<std::string> review_due; // mitigate decision + 6 months
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

struct RiskDetail {
    RiskRow risk;
    std::vector<AssessmentRecordRow> history; // oldest first
    std::vector<MonthCount> trend;           // verified incidents per month of observation, every
                                             // month from the first to the last (zeros included)
    std::vector<RiskIncidentRow> incidents;  // newest first
};

// Throws InvalidInput for an unknown risk id.
RiskDetail risk_detail(SQLite::Database& db, std::int64_t id, const std::string& on = {});

// Today's date (UTC), YYYY-MM-DD.
std::string utc_today();

} // namespace mwangaza::store
