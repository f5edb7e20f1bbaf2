#pragma once
// Bulk writer for whole programmes (the demo generator, and later imports of complete
// programmes): one prepared statement per table, rows given with explicit ids so callers
// can link records without reading them back. Text fields are string views that only
// need to stay valid for the duration of the call; an empty view stores NULL in a
// nullable column.
#include "core/RiskMatrix.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

namespace mwangaza::store {

class Database;

struct SiteRecord {
    std::int64_t id = 0;
    std::string_view code;
    std::string_view name;
    std::string_view country; // CD or RW
    std::string_view province;
    std::string_view territory;
    std::string_view minerals; // comma-separated codes
    bool active = true;
    double lat = 0;
    double lon = 0;
    std::string_view operator_name;
    std::int64_t miners = 0;
};

struct StakeholderRecord {
    std::int64_t id = 0;
    std::string_view name;
    std::string_view type; // schema code: cooperative, state_service, media ...
    std::string_view contact;
    std::string_view languages; // comma-separated language codes
};

struct IncidentRecord {
    std::int64_t id = 0;
    std::string_view source_id;
    std::string_view submitted_at;
    std::string_view observed_on;
    std::string_view reporter;
    std::int64_t site_id = 0;
    double lat = 0;
    double lon = 0;
    std::string_view risk_area;
    bool annex_flag = false;
    std::string_view description;
    std::string_view language;
    int children = 0;
    int women = 0;
    int men = 0;
    std::string_view attachments;
    std::string_view status;
    std::string_view created_at;
    std::string_view updated_at;
};

struct StatusChangeRecord {
    std::int64_t incident_id = 0;
    std::string_view from_status; // empty for the creation entry
    std::string_view to_status;
    std::string_view reason;
    std::string_view changed_by;
    std::string_view changed_at;
};

struct RiskRecord {
    std::int64_t id = 0;
    std::int64_t site_id = 0;
    std::string_view risk_area;
    std::string_view title;
    std::string_view status; // open or closed
    std::string_view opened_on;
    std::string_view closed_on;
};

struct AssessmentRecord {
    std::int64_t risk_id = 0;
    std::int64_t matrix_version_id = 0;
    int severity = 1;
    int likelihood = 1;
    std::string_view level;
    bool red_flag = false;
    std::string_view escalation_decision; // suspend, disengage, mitigate or empty
    std::string_view escalation_on;
    std::string_view rationale;
    std::string_view assessor;
    std::string_view assessed_on;
};

struct WorkshopRecord {
    std::int64_t id = 0;
    std::int64_t site_id = 0;
    std::string_view held_on;
    std::string_view facilitator;
    std::string_view minutes;
};

struct AttendeeRecord {
    std::int64_t workshop_id = 0;
    std::optional<std::int64_t> stakeholder_id;
    std::string_view name;
    std::string_view role;
};

struct ActionRecord {
    std::int64_t id = 0;
    std::int64_t risk_id = 0;
    std::int64_t site_id = 0;
    std::string_view title;
    std::string_view description;
    std::optional<std::int64_t> responsible_id;
    std::optional<std::int64_t> issued_workshop_id;
    std::string_view issued_on;
    std::string_view due_on;
    std::string_view priority; // low, medium, high
    std::string_view status;
    std::string_view status_reason;
    std::string_view created_at;
    std::string_view updated_at;
};

struct ProgressRecord {
    std::int64_t action_id = 0;
    std::optional<std::int64_t> workshop_id;
    std::string_view recorded_on;
    std::string_view from_status;
    std::string_view to_status;
    std::string_view note;
    std::string_view evidence;
    std::string_view recorded_by;
};

// The matrix in force, as stored, with the id assessments refer to.
struct CurrentMatrix {
    std::int64_t id = 0;
    core::RiskMatrix matrix;
};

// Reads the current matrix version and its 25 cells. Throws StorageError when the
// database has no current matrix or an incomplete one.
CurrentMatrix load_current_matrix(Database& db);

class ProgrammeWriter {
public:
    enum class Mode {
        // Ordinary transaction on any programme database.
        Normal,
        // For a new file that the caller deletes if anything fails: no rollback journal,
        // no fsync, and the secondary indexes of the filled tables dropped during the
        // load and rebuilt (same definitions) by commit().
        FreshFile,
    };

    // Opens the transaction. Throws StorageError.
    explicit ProgrammeWriter(Database& db, Mode mode = Mode::Normal);
    ~ProgrammeWriter(); // rolls back unless committed
    ProgrammeWriter(const ProgrammeWriter&) = delete;
    ProgrammeWriter& operator=(const ProgrammeWriter&) = delete;

    void set_setting(std::string_view key, std::string_view value);
    void add_site(const SiteRecord& r);
    void add_stakeholder(const StakeholderRecord& r);
    void link_stakeholder_site(std::int64_t stakeholder_id, std::int64_t site_id);
    void add_incident(const IncidentRecord& r);
    void add_status_change(const StatusChangeRecord& r);
    void add_risk(const RiskRecord& r);
    void link_risk_incident(std::int64_t risk_id, std::int64_t incident_id);
    void add_assessment(const AssessmentRecord& r);
    void add_workshop(const WorkshopRecord& r);
    void add_attendee(const AttendeeRecord& r);
    void add_action(const ActionRecord& r);
    void add_supporter(std::int64_t action_id, std::int64_t stakeholder_id);
    void add_progress(const ProgressRecord& r);

    // Rebuilds the dropped indexes, commits, and (FreshFile) restores the database's
    // usual journal (WAL) and synchronous settings. Throws StorageError.
    void commit();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace mwangaza::store
