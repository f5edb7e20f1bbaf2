#include "store/IncidentImportWriter.hpp"

#include "core/Error.hpp"
#include "core/Json.hpp"
#include "store/Database.hpp"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <algorithm>

namespace mwangaza::store {

namespace {

constexpr std::size_t k_lookup_batch = 500;

void bind_text_or_null(SQLite::Statement& s, int index, const std::string& text)
{
    if (text.empty())
        s.bind(index);
    else
        s.bind(index, text);
}

template <class T>
void bind_optional(SQLite::Statement& s, int index, const std::optional<T>& value)
{
    if (value)
        s.bind(index, *value);
    else
        s.bind(index);
}

// Binds the mapped fields shared by INSERT and UPDATE, from parameter 1 on; returns the
// next free parameter index.
int bind_record(SQLite::Statement& s, const IncidentImportRecord& r, std::int64_t batch_id)
{
    int i = 1;
    bind_text_or_null(s, i++, r.submitted_at);
    s.bind(i++, r.observed_on);
    bind_text_or_null(s, i++, r.reporter);
    bind_optional(s, i++, r.site_id);
    bind_optional(s, i++, r.lat);
    bind_optional(s, i++, r.lon);
    s.bind(i++, r.risk_area);
    s.bind(i++, r.description);
    s.bind(i++, r.children);
    s.bind(i++, r.women);
    s.bind(i++, r.men);
    bind_text_or_null(s, i++, r.attachments);
    s.bind(i++, r.raw_source);
    s.bind(i++, r.source_hash);
    s.bind(i++, batch_id);
    return i;
}

} // namespace

std::unordered_map<std::string, ImportedIncident> find_incidents_by_source(Database& db,
                                                                          const std::vector<std::string>& source_ids)
{
    std::unordered_map<std::string, ImportedIncident> found;
    try {
        auto& sql = db.sql();
        std::size_t start = 0;
        while (start < source_ids.size()) {
            const std::size_t n = std::min(k_lookup_batch, source_ids.size() - start);
            std::string query = "SELECT source_id, id, status, COALESCE(source_hash, '') FROM incident "
                                "WHERE source_id IN (";
            for (std::size_t i = 0; i < n; ++i)
                query += i ? ",?" : "?";
            query += ")";
            SQLite::Statement s(sql, query);
            for (std::size_t i = 0; i < n; ++i)
                s.bind(int(i + 1), source_ids[start + i]);
            while (s.executeStep())
                found[s.getColumn(0).getString()] =
                    ImportedIncident{s.getColumn(1).getInt64(), s.getColumn(2).getString(), s.getColumn(3).getString()};
            start += n;
        }
    } catch (const SQLite::Exception& e) {
        throw StorageError(std::string("cannot look up imported incidents: ") + e.what());
    }
    return found;
}

std::unordered_map<std::string, std::int64_t> site_ids_by_code(Database& db)
{
    std::unordered_map<std::string, std::int64_t> sites;
    try {
        SQLite::Statement s(db.sql(), "SELECT code, id FROM site");
        while (s.executeStep())
            sites.emplace(s.getColumn(0).getString(), s.getColumn(1).getInt64());
    } catch (const SQLite::Exception& e) {
        throw StorageError(std::string("cannot read the sites: ") + e.what());
    }
    return sites;
}

std::int64_t write_incident_import(Database& db, const ImportBatchRecord& batch,
                                   const std::vector<IncidentImportRecord>& inserts,
                                   const std::vector<IncidentUpdate>& updates,
                                   const std::function<bool(double)>& progress)
{
    auto& sql = db.sql();
    const double total = double(inserts.size() + updates.size()) + 1.0;
    std::size_t done = 0;
    auto tick = [&] {
        ++done;
        if (progress && (done % 512) == 0 && !progress(double(done) / total))
            throw Cancelled();
    };
    try {
        SQLite::Transaction tx(sql, SQLite::TransactionBehavior::IMMEDIATE);
        const std::string now = utc_now();

        if (!batch.mapping_name.empty()) {
            SQLite::Statement save(sql, "INSERT INTO mapping_profile(name, definition, created_at, updated_at) "
                                        "VALUES (?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET "
                                        "definition = excluded.definition, updated_at = excluded.updated_at");
            save.bind(1, batch.mapping_name);
            save.bind(2, batch.mapping_definition);
            save.bind(3, now);
            save.bind(4, now);
            save.exec();
        }

        SQLite::Statement b(sql, "INSERT INTO import_batch(file_name, file_sha256, profile, imported_at, imported_by, "
                                 "rows_read, imported, updated, unchanged, skipped, conflicts) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        b.bind(1, batch.file_name);
        b.bind(2, batch.file_sha256);
        b.bind(3, batch.profile);
        b.bind(4, now);
        b.bind(5, batch.actor);
        b.bind(6, batch.rows_read);
        b.bind(7, batch.imported);
        b.bind(8, batch.updated);
        b.bind(9, batch.unchanged);
        b.bind(10, batch.skipped);
        b.bind(11, batch.conflicts);
        b.exec();
        const std::int64_t batch_id = sql.getLastInsertRowid();

        // A bulk load into a table smaller than itself indexes the descriptions once at
        // the end (FTS5 'rebuild') instead of row by row through the insert trigger;
        // the trigger is dropped and recreated inside this transaction.
        std::string fts_trigger;
        if (inserts.size() >= 10000) {
            const std::int64_t existing = sql.execAndGet("SELECT count(*) FROM incident").getInt64();
            if (std::int64_t(inserts.size()) > existing) {
                SQLite::Statement t(sql, "SELECT sql FROM sqlite_schema WHERE type = 'trigger' "
                                         "AND name = 'incident_fts_insert'");
                if (t.executeStep())
                    fts_trigger = t.getColumn(0).getString();
                t.reset();
                if (!fts_trigger.empty())
                    sql.exec("DROP TRIGGER incident_fts_insert");
            }
        }

        SQLite::Statement insert(
            sql, "INSERT INTO incident(submitted_at, observed_on, reporter, site_id, lat, lon, risk_area, description, "
                 "children, women, men, attachments, raw_source, source_hash, import_batch_id, source_id, status, "
                 "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'new', ?, ?)");
        SQLite::Statement history(sql, "INSERT INTO incident_status_history(incident_id, from_status, to_status, "
                                       "reason, changed_by, changed_at) VALUES (?, NULL, 'new', ?, ?, ?)");
        const std::string reason = "imported from " + batch.file_name;
        for (const auto& r : inserts) {
            insert.reset();
            insert.clearBindings();
            int i = bind_record(insert, r, batch_id);
            insert.bind(i++, r.source_id);
            insert.bind(i++, now);
            insert.bind(i++, now);
            insert.exec();
            history.reset();
            history.bind(1, sql.getLastInsertRowid());
            history.bind(2, reason);
            history.bind(3, batch.actor);
            history.bind(4, now);
            history.exec();
            tick();
        }

        if (!fts_trigger.empty()) {
            sql.exec(fts_trigger);
            sql.exec("INSERT INTO incident_fts(incident_fts) VALUES ('rebuild')");
        }

        SQLite::Statement update(
            sql, "UPDATE incident SET submitted_at = ?, observed_on = ?, reporter = ?, site_id = ?, lat = ?, lon = ?, "
                 "risk_area = ?, description = ?, children = ?, women = ?, men = ?, attachments = ?, raw_source = ?, "
                 "source_hash = ?, import_batch_id = ?, updated_at = ? WHERE id = ? AND status = 'new'");
        for (const auto& u : updates) {
            update.reset();
            update.clearBindings();
            int i = bind_record(update, u.record, batch_id);
            update.bind(i++, now);
            update.bind(i++, u.incident_id);
            if (update.exec() != 1)
                throw StorageError("incident " + std::to_string(u.incident_id) + " (source " + u.record.source_id +
                                   ") is no longer new; the import was not written");
            db.audit(batch.actor, "incident", u.incident_id, "import_update",
                     "{\"source_hash\":" + core::json_string(u.previous_hash) + "}",
                     "{\"source_hash\":" + core::json_string(u.record.source_hash) +
                         ",\"import_batch_id\":" + std::to_string(batch_id) + "}");
            tick();
        }

        db.audit(batch.actor, "import_batch", batch_id, "import", "{}",
                 "{\"file\":" + core::json_string(batch.file_name) + ",\"profile\":" + core::json_string(batch.profile) +
                     ",\"read\":" + std::to_string(batch.rows_read) + ",\"imported\":" + std::to_string(batch.imported) +
                     ",\"updated\":" + std::to_string(batch.updated) + ",\"unchanged\":" +
                     std::to_string(batch.unchanged) + ",\"skipped\":" + std::to_string(batch.skipped) +
                     ",\"conflicts\":" + std::to_string(batch.conflicts) + "}");
        if (progress && !progress(1.0))
            throw Cancelled();
        tx.commit();
        return batch_id;
    } catch (const SQLite::Exception& e) {
        throw StorageError("cannot write the import of " + batch.file_name + ": " + e.what());
    }
}

} // namespace mwangaza::store
