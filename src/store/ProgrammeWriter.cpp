#include "store/ProgrammeWriter.hpp"

#include "core/Error.hpp"
#include "store/Database.hpp"
#include "store/SqlStatement.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

#include <array>
#include <string>
#include <utility>
#include <vector>

namespace mwangaza::store {

namespace {

// The tables a programme load fills, in an order that respects foreign keys.
constexpr std::array<const char*, 13> k_tables{
    "site",          "stakeholder", "stakeholder_site", "incident",          "incident_status_history",
    "risk",          "risk_incident", "risk_assessment", "workshop",         "workshop_attendee",
    "corrective_action", "action_supporter", "action_progress",
};

// A prepared INSERT into `table`; its errors name the table, and the row being written.
class Insert : public SqlStatement<Insert> {
public:
    Insert(SQLite::Database& db, const char* table, const char* sql)
        : SqlStatement(db.getHandle(), sql, [this, table](Phase phase, int rc, sqlite3* h) { fail(table, phase, rc, h); },
                       true)
    {
    }
    void exec(std::int64_t row_id)
    {
        m_row = row_id;
        run();
    }

private:
    void fail(const char* table, Phase phase, int rc, sqlite3* h) const
    {
        switch (phase) {
        case Phase::Prepare:
            throw StorageError(std::string("cannot prepare writing ") + table + ": " + sqlite3_errmsg(h));
        case Phase::Bind:
            throw StorageError(std::string("cannot bind a value for ") + table + ": " + sqlite3_errstr(rc));
        case Phase::Step:
            break;
        }
        throw StorageError(std::string("cannot write ") + table + " row " + std::to_string(m_row) + ": " +
                           sqlite3_errmsg(h));
    }

    std::int64_t m_row = 0; // the row being written (set before the statement runs)
};

} // namespace

CurrentMatrix load_current_matrix(Database& db)
{
    try {
        SQLite::Statement v(db.sql(), "SELECT id, version, name FROM matrix_version WHERE is_current = 1");
        if (!v.executeStep())
            throw StorageError(db.path().string() + " has no current risk matrix");
        const std::int64_t id = v.getColumn(0).getInt64();
        const int version = v.getColumn(1).getInt();
        const std::string name = v.getColumn(2).getString();

        std::array<core::RiskLevel, 25> cells{};
        std::array<bool, 25> seen{};
        SQLite::Statement c(db.sql(), "SELECT severity, likelihood, level FROM matrix_cell WHERE matrix_version_id = ?");
        c.bind(1, id);
        while (c.executeStep()) {
            const int s = c.getColumn(0).getInt();
            const int l = c.getColumn(1).getInt();
            const auto level = core::risk_level_from_code(c.getColumn(2).getString());
            if (s < 1 || s > 5 || l < 1 || l > 5 || !level)
                throw StorageError("risk matrix version " + std::to_string(version) + " has a bad cell (" +
                                   std::to_string(s) + ", " + std::to_string(l) + ")");
            const auto i = std::size_t((s - 1) * 5 + (l - 1));
            cells[i] = *level;
            seen[i] = true;
        }
        for (bool b : seen)
            if (!b)
                throw StorageError("risk matrix version " + std::to_string(version) + " is incomplete");
        return {id, core::RiskMatrix(version, name, cells)};
    } catch (const SQLite::Exception& e) {
        throw StorageError(std::string("cannot read the risk matrix: ") + e.what());
    }
}

struct ProgrammeWriter::Impl {
    Database& db;
    Mode mode;
    bool in_transaction = false;
    bool committed = false;
    // CREATE statements of the indexes and full-text triggers dropped for a bulk load,
    // run again at commit; the full-text index is then rebuilt in one pass.
    std::vector<std::string> dropped_schema;
    bool rebuild_fulltext = false;

    Insert setting, site, stakeholder, stakeholder_site, incident, status_change, risk, risk_incident, assessment,
        workshop, attendee, action, supporter, progress;

    Impl(Database& d, Mode m)
        : db(d), mode(m), setting(d.sql(), "programme",
                                  "INSERT INTO programme(key, value) VALUES (?, ?) "
                                  "ON CONFLICT(key) DO UPDATE SET value = excluded.value"),
          site(d.sql(), "site",
               "INSERT INTO site(id, code, name, country, province, territory, minerals, active, lat, lon, "
               "operator, miners) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
          stakeholder(d.sql(), "stakeholder",
                      "INSERT INTO stakeholder(id, name, type, contact, languages) VALUES (?, ?, ?, ?, ?)"),
          stakeholder_site(d.sql(), "stakeholder_site",
                           "INSERT INTO stakeholder_site(stakeholder_id, site_id) VALUES (?, ?)"),
          incident(d.sql(), "incident",
                   "INSERT INTO incident(id, source_id, submitted_at, observed_on, reporter, site_id, lat, lon, "
                   "risk_area, annex_flag, description, language, children, women, men, attachments, status, "
                   "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
          status_change(d.sql(), "incident_status_history",
                        "INSERT INTO incident_status_history(incident_id, from_status, to_status, reason, "
                        "changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?)"),
          risk(d.sql(), "risk",
               "INSERT INTO risk(id, site_id, risk_area, title, status, opened_on, closed_on) "
               "VALUES (?, ?, ?, ?, ?, ?, ?)"),
          risk_incident(d.sql(), "risk_incident", "INSERT INTO risk_incident(risk_id, incident_id) VALUES (?, ?)"),
          assessment(d.sql(), "risk_assessment",
                     "INSERT INTO risk_assessment(risk_id, matrix_version_id, severity, likelihood, level, "
                     "red_flag, escalation_decision, escalation_on, rationale, assessor, assessed_on) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
          workshop(d.sql(), "workshop",
                   "INSERT INTO workshop(id, site_id, held_on, facilitator, minutes) VALUES (?, ?, ?, ?, ?)"),
          attendee(d.sql(), "workshop_attendee",
                   "INSERT INTO workshop_attendee(workshop_id, stakeholder_id, name, role) VALUES (?, ?, ?, ?)"),
          action(d.sql(), "corrective_action",
                 "INSERT INTO corrective_action(id, risk_id, site_id, title, description, responsible_id, "
                 "issued_workshop_id, issued_on, due_on, priority, status, status_reason, created_at, updated_at) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
          supporter(d.sql(), "action_supporter",
                    "INSERT INTO action_supporter(action_id, stakeholder_id) VALUES (?, ?)"),
          progress(d.sql(), "action_progress",
                   "INSERT INTO action_progress(action_id, workshop_id, recorded_on, from_status, to_status, note, "
                   "evidence, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
    {
    }
};

ProgrammeWriter::ProgrammeWriter(Database& db, Mode mode)
{
    auto& sql = db.sql();
    try {
        if (mode == Mode::FreshFile) {
            // Pragmas that change the journal must run outside a transaction.
            sql.exec("PRAGMA journal_mode = OFF");
            sql.exec("PRAGMA synchronous = OFF");
            sql.exec("PRAGMA cache_size = -262144"); // 256 MiB
            sql.exec("PRAGMA temp_store = MEMORY");
        }
        sql.exec("BEGIN IMMEDIATE");
        m_impl = std::make_unique<Impl>(db, mode);
        m_impl->in_transaction = true;
        if (mode == Mode::FreshFile) {
            std::string in;
            for (const char* t : k_tables)
                in += std::string(in.empty() ? "'" : ",'") + t + "'";
            std::vector<std::pair<std::string, std::string>> indexes;
            SQLite::Statement q(sql, "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL "
                                     "AND tbl_name IN (" + in + ") ORDER BY name");
            while (q.executeStep())
                indexes.emplace_back(q.getColumn(0).getString(), q.getColumn(1).getString());
            q.reset();
            for (const auto& [name, create] : indexes) {
                sql.exec("DROP INDEX \"" + name + "\"");
                m_impl->dropped_schema.push_back(create);
            }
            std::vector<std::pair<std::string, std::string>> triggers;
            SQLite::Statement t(sql, "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' "
                                     "AND name LIKE 'incident\\_fts\\_%' ESCAPE '\\' ORDER BY name");
            while (t.executeStep())
                triggers.emplace_back(t.getColumn(0).getString(), t.getColumn(1).getString());
            t.reset();
            for (const auto& [name, create] : triggers) {
                sql.exec("DROP TRIGGER \"" + name + "\"");
                m_impl->dropped_schema.push_back(create);
                m_impl->rebuild_fulltext = true;
            }
        }
    } catch (const SQLite::Exception& e) {
        if (!sqlite3_get_autocommit(sql.getHandle()))
            sql.exec("ROLLBACK");
        m_impl.reset();
        throw StorageError("cannot start writing the programme into " + db.path().string() + ": " + e.what());
    }
}

ProgrammeWriter::~ProgrammeWriter()
{
    if (m_impl && m_impl->in_transaction && !m_impl->committed) {
        // Statements must be finalised before the rollback can release the write lock.
        Database& db = m_impl->db;
        m_impl.reset();
        if (!sqlite3_get_autocommit(db.sql().getHandle()))
            sqlite3_exec(db.sql().getHandle(), "ROLLBACK", nullptr, nullptr, nullptr);
    }
}

void ProgrammeWriter::set_setting(std::string_view key, std::string_view value)
{
    m_impl->setting.text(1, key).text(2, value).exec(0);
}

void ProgrammeWriter::add_site(const SiteRecord& r)
{
    m_impl->site.integer(1, r.id)
        .text(2, r.code)
        .text(3, r.name)
        .text(4, r.country)
        .text(5, r.province)
        .text_or_null(6, r.territory)
        .text(7, r.minerals)
        .integer(8, r.active ? 1 : 0)
        .real(9, r.lat)
        .real(10, r.lon)
        .text_or_null(11, r.operator_name)
        .integer(12, r.miners)
        .exec(r.id);
}

void ProgrammeWriter::add_stakeholder(const StakeholderRecord& r)
{
    m_impl->stakeholder.integer(1, r.id)
        .text(2, r.name)
        .text(3, r.type)
        .text_or_null(4, r.contact)
        .text_or_null(5, r.languages)
        .exec(r.id);
}

void ProgrammeWriter::link_stakeholder_site(std::int64_t stakeholder_id, std::int64_t site_id)
{
    m_impl->stakeholder_site.integer(1, stakeholder_id).integer(2, site_id).exec(stakeholder_id);
}

void ProgrammeWriter::add_incident(const IncidentRecord& r)
{
    m_impl->incident.integer(1, r.id)
        .text_or_null(2, r.source_id)
        .text_or_null(3, r.submitted_at)
        .text(4, r.observed_on)
        .text_or_null(5, r.reporter)
        .integer(6, r.site_id)
        .real(7, r.lat)
        .real(8, r.lon)
        .text(9, r.risk_area)
        .integer(10, r.annex_flag ? 1 : 0)
        .text(11, r.description)
        .text_or_null(12, r.language)
        .integer(13, r.children)
        .integer(14, r.women)
        .integer(15, r.men)
        .text_or_null(16, r.attachments)
        .text(17, r.status)
        .text(18, r.created_at)
        .text(19, r.updated_at)
        .exec(r.id);
}

void ProgrammeWriter::add_status_change(const StatusChangeRecord& r)
{
    m_impl->status_change.integer(1, r.incident_id)
        .text_or_null(2, r.from_status)
        .text(3, r.to_status)
        .text_or_null(4, r.reason)
        .text(5, r.changed_by)
        .text(6, r.changed_at)
        .exec(r.incident_id);
}

void ProgrammeWriter::add_risk(const RiskRecord& r)
{
    m_impl->risk.integer(1, r.id)
        .integer(2, r.site_id)
        .text(3, r.risk_area)
        .text(4, r.title)
        .text(5, r.status)
        .text(6, r.opened_on)
        .text_or_null(7, r.closed_on)
        .exec(r.id);
}

void ProgrammeWriter::link_risk_incident(std::int64_t risk_id, std::int64_t incident_id)
{
    m_impl->risk_incident.integer(1, risk_id).integer(2, incident_id).exec(risk_id);
}

void ProgrammeWriter::add_assessment(const AssessmentRecord& r)
{
    m_impl->assessment.integer(1, r.risk_id)
        .integer(2, r.matrix_version_id)
        .integer(3, r.severity)
        .integer(4, r.likelihood)
        .text(5, r.level)
        .integer(6, r.red_flag ? 1 : 0)
        .text_or_null(7, r.escalation_decision)
        .text_or_null(8, r.escalation_on)
        .text(9, r.rationale)
        .text(10, r.assessor)
        .text(11, r.assessed_on)
        .exec(r.risk_id);
}

void ProgrammeWriter::add_workshop(const WorkshopRecord& r)
{
    m_impl->workshop.integer(1, r.id)
        .integer(2, r.site_id)
        .text(3, r.held_on)
        .text_or_null(4, r.facilitator)
        .text_or_null(5, r.minutes)
        .exec(r.id);
}

void ProgrammeWriter::add_attendee(const AttendeeRecord& r)
{
    m_impl->attendee.integer(1, r.workshop_id)
        .optional(2, r.stakeholder_id)
        .text(3, r.name)
        .text_or_null(4, r.role)
        .exec(r.workshop_id);
}

void ProgrammeWriter::add_action(const ActionRecord& r)
{
    m_impl->action.integer(1, r.id)
        .integer(2, r.risk_id)
        .integer(3, r.site_id)
        .text(4, r.title)
        .text(5, r.description)
        .optional(6, r.responsible_id)
        .optional(7, r.issued_workshop_id)
        .text_or_null(8, r.issued_on)
        .text_or_null(9, r.due_on)
        .text(10, r.priority)
        .text(11, r.status)
        .text_or_null(12, r.status_reason)
        .text(13, r.created_at)
        .text(14, r.updated_at)
        .exec(r.id);
}

void ProgrammeWriter::add_supporter(std::int64_t action_id, std::int64_t stakeholder_id)
{
    m_impl->supporter.integer(1, action_id).integer(2, stakeholder_id).exec(action_id);
}

void ProgrammeWriter::add_progress(const ProgressRecord& r)
{
    m_impl->progress.integer(1, r.action_id)
        .optional(2, r.workshop_id)
        .text(3, r.recorded_on)
        .text_or_null(4, r.from_status)
        .text(5, r.to_status)
        .text(6, r.note)
        .text_or_null(7, r.evidence)
        .text(8, r.recorded_by)
        .exec(r.action_id);
}

void ProgrammeWriter::commit()
{
    if (!m_impl || m_impl->committed)
        throw StorageError("the programme writer has already committed");
    Database& db = m_impl->db;
    auto& sql = db.sql();
    const Mode mode = m_impl->mode;
    try {
        for (const auto& create : m_impl->dropped_schema)
            sql.exec(create);
        m_impl->dropped_schema.clear();
        if (m_impl->rebuild_fulltext)
            sql.exec("INSERT INTO incident_fts(incident_fts) VALUES ('rebuild')");
        sql.exec("COMMIT");
        m_impl->committed = true;
        if (mode == Mode::FreshFile) {
            sql.exec("PRAGMA journal_mode = WAL");
            sql.exec("PRAGMA synchronous = NORMAL");
            sql.exec("PRAGMA cache_size = -2000");
        }
    } catch (const SQLite::Exception& e) {
        throw StorageError("cannot finish writing the programme into " + db.path().string() + ": " + e.what());
    }
}

} // namespace mwangaza::store
