#pragma once
// What the workshop pack of one site and one month shows, read from the records:
// the month's workshop (the first held or planned at the site in that month) and the one
// before it, the verified incidents since that previous workshop (no reporter identity),
// the risks whose level changed, the drafts to issue, the open and overdue actions by
// responsible stakeholder, the site's implementation rate and six months of incidents.
// Statuses are taken as they stood on the reference date (the workshop's date, else the
// month's last day) from the actions' progress history. Codes and dates, not labels:
// report/WorkshopPack turns them into a document in the site's language.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace SQLite {
class Database;
}

namespace mwangaza::store {

struct PackSite {
    std::int64_t id = 0;
    std::string code, name, country, province, territory, minerals, operator_name;
};

struct PackWorkshop {
    std::int64_t id = 0;
    std::string held_on; // YYYY-MM-DD
    std::string facilitator;
};

struct PackAreaCount {
    std::string area; // risk area code
    std::int64_t incidents = 0, children = 0, women = 0, men = 0;
};

struct PackIncident {
    std::int64_t id = 0;
    std::string observed_on, area, description; // description cut to a short summary
    std::int64_t children = 0, women = 0, men = 0;
};

struct PackRiskChange {
    std::int64_t risk_id = 0;
    std::string area, title;
    std::optional<std::string> before; // level code at the previous workshop, if assessed
    std::string after;                 // level code on the reference date
    std::string assessed_on;
    bool red_flag = false;
};

struct PackAction {
    std::int64_t id = 0;
    std::string title, area, responsible, priority;
    std::string status; // as on the reference date
    std::optional<std::string> due_on, issued_on;
    bool overdue = false;
};

struct PackStakeholderActions {
    std::string stakeholder; // empty: no responsible stakeholder
    std::int64_t open = 0, overdue = 0;
    std::vector<PackAction> actions;
};

struct PackMonth {
    std::string month;                  // YYYY-MM
    std::vector<std::int64_t> by_category; // verified incidents, in core::risk_categories() order
};

struct WorkshopPackData {
    PackSite site;
    std::string month;          // YYYY-MM
    std::string reference_date; // the workshop's date, else the month's last day
    std::optional<PackWorkshop> workshop, previous;
    std::int64_t attendees = 0; // recorded at the month's workshop
    std::int64_t incidents_total = 0;
    std::vector<PackAreaCount> incidents_by_area; // most incidents first
    std::vector<PackIncident> incidents;          // newest first, at most `incident_limit`
    std::vector<PackRiskChange> risk_changes;
    std::int64_t open_risks = 0;
    std::vector<PackAction> drafts;
    std::vector<PackStakeholderActions> open_by_stakeholder; // most open first
    std::int64_t actions_issued = 0, actions_progressing = 0; // implementation rate
    std::vector<PackMonth> months; // the six months ending with `month`
};

// Throws InvalidInput for a bad month or an unknown site code, StorageError when the
// database cannot be read.
WorkshopPackData query_workshop_pack(SQLite::Database& db, const std::string& site_code, const std::string& month,
                                     std::size_t incident_limit = 60);

} // namespace mwangaza::store
