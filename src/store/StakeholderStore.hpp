#pragma once
// The stakeholder registry (types of core/StakeholderTypes.hpp, contact, languages, the
// sites they act on) and each stakeholder's workload: the open and overdue actions they
// are responsible for or support, and their implementation rate.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace SQLite {
class Database;
}

namespace mwangaza::store {

class Database;

struct Stakeholder {
    std::int64_t id = 0;
    std::string name;
    std::string type; // stakeholder type code
    std::string contact;
    std::string languages;               // comma-separated language codes, e.g. "fr,sw"
    std::vector<std::string> site_codes; // sorted
};

// Every stakeholder, by name.
std::vector<Stakeholder> list_stakeholders(SQLite::Database& db);
// Throws InvalidInput when no stakeholder has this id.
Stakeholder read_stakeholder(SQLite::Database& db, std::int64_t id);

// Adds (id 0) or edits (the given id) a stakeholder with its sites, and writes an audit
// entry. Throws InvalidInput naming the field: blank name, unknown type, a language code
// that is not two or three letters, an unknown site code, an unknown id. Returns the id.
std::int64_t save_stakeholder(Database& db, const Stakeholder& stakeholder, const std::string& actor);

struct StakeholderWorkload {
    std::int64_t stakeholder_id = 0;
    std::int64_t responsible_open = 0;    // issued or in progress, as the responsible one
    std::int64_t responsible_overdue = 0; // of those, past their due date on the given day
    std::int64_t supporting_open = 0;     // issued or in progress, as a supporter
    std::int64_t supporting_overdue = 0;
    std::int64_t issued = 0;      // actions ever issued with this stakeholder responsible
    std::int64_t progressing = 0; // of those, in progress or implemented
    double rate() const;          // core::implementation_rate(progressing, issued)
};

// The workloads on `on` (YYYY-MM-DD; decides what is overdue) of the stakeholders with
// any: an issued action as responsible or an open action as supporter (the others have
// none: every figure 0), in id order. Throws InvalidInput for a bad date.
// Reads two tallies kept by triggers (migrations 13 and 15) and counts overdue actions
// from due-date indexes over the open actions only.
std::vector<StakeholderWorkload> stakeholder_workloads(SQLite::Database& db, const std::string& on);
// One stakeholder's workload on `on`. Throws InvalidInput for an unknown id or a bad date.
StakeholderWorkload stakeholder_workload(SQLite::Database& db, std::int64_t id, const std::string& on);

} // namespace mwangaza::store
