#include "store/SiteAssignmentStore.hpp"

#include "core/Error.hpp"
#include "store/Database.hpp"
#include "store/UncheckedWrites.hpp"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <sqlite3.h>

#include <cstring>
#include <memory>
#include <set>

namespace mwangaza::store {

namespace {

void bind_optional(SQLite::Statement& s, int i, const std::optional<std::string>& v)
{
    if (v)
        s.bind(i, *v);
    else
        s.bind(i);
}

std::optional<std::string> optional_text(const SQLite::Column& c)
{
    return c.isNull() ? std::nullopt : std::optional<std::string>(c.getString());
}

std::vector<std::uint8_t> blob(const SQLite::Column& c)
{
    const auto* p = static_cast<const std::uint8_t*>(c.getBlob());
    return std::vector<std::uint8_t>(p, p + c.getBytes());
}

std::string counts_json(std::span<const UpsertOutcome> outcomes)
{
    std::size_t imported = 0, updated = 0, unchanged = 0;
    for (auto o : outcomes)
        (o == UpsertOutcome::Imported ? imported : o == UpsertOutcome::Updated ? updated : unchanged)++;
    return "{\"imported\":" + std::to_string(imported) + ",\"updated\":" + std::to_string(updated) +
           ",\"unchanged\":" + std::to_string(unchanged) + "}";
}

bool changes(std::span<const UpsertOutcome> outcomes)
{
    for (auto o : outcomes)
        if (o != UpsertOutcome::Unchanged)
            return true;
    return false;
}

// Concessions and protected areas share their shape: a table with a unique key column,
// three optional text columns, the geometry and its box, and an R*Tree of the box.
struct AreaTable {
    const char* table;
    const char* key;
    const char* columns[3]; // nullptr when the table has fewer
    const char* rtree;
    const char* entity; // for the audit trail
};

std::vector<UpsertOutcome> upsert_areas(Database& db, const AreaTable& t, std::span<const AreaRecord> records,
                                        bool dry_run, const std::string& actor)
{
    auto& sql = db.sql();
    std::string cols, params, sets;
    for (const char* c : t.columns)
        if (c) {
            cols += std::string(", ") + c;
            params += ", ?";
        }
    const std::string select = std::string("SELECT id") + cols + ", wkb FROM " + t.table + " WHERE " + t.key + " = ?";
    const std::string insert = std::string("INSERT INTO ") + t.table + "(" + t.key + cols +
                               ", wkb, min_lon, min_lat, max_lon, max_lat) VALUES (?" + params + ", ?, ?, ?, ?, ?)";
    std::string update = std::string("UPDATE ") + t.table + " SET ";
    for (const char* c : t.columns)
        if (c)
            update += std::string(c) + " = ?, ";
    update += "wkb = ?, min_lon = ?, min_lat = ?, max_lon = ?, max_lat = ? WHERE id = ?";
    const std::string rtree = std::string("INSERT OR REPLACE INTO ") + t.rtree +
                              "(id, min_lon, max_lon, min_lat, max_lat) VALUES (?, ?, ?, ?, ?)";
    const int ncols = t.columns[2] ? 3 : t.columns[1] ? 2 : t.columns[0] ? 1 : 0;
    std::vector<UpsertOutcome> outcomes;
    outcomes.reserve(records.size());
    std::string current;
    try {
        SQLite::Transaction tx(sql, SQLite::TransactionBehavior::IMMEDIATE);
        SQLite::Statement sel(sql, select), ins(sql, insert), upd(sql, update), box(sql, rtree);
        for (const auto& r : records) {
            current = r.code;
            const std::optional<std::string> values[3] = {r.holder, r.type, r.status};
            sel.bind(1, r.code);
            std::int64_t id = 0;
            bool same = false, found = false;
            if (sel.executeStep()) {
                found = true;
                id = sel.getColumn(0).getInt64();
                same = true;
                for (int k = 0; k < ncols && same; ++k)
                    same = optional_text(sel.getColumn(1 + k)) == values[k];
                const auto stored = sel.getColumn(1 + ncols);
                same = same && std::size_t(stored.getBytes()) == r.wkb.size() &&
                       std::memcmp(stored.getBlob(), r.wkb.data(), r.wkb.size()) == 0;
            }
            sel.reset();
            if (found && same) {
                outcomes.push_back(UpsertOutcome::Unchanged);
                continue;
            }
            SQLite::Statement& w = found ? upd : ins;
            int i = 1;
            if (!found)
                w.bind(i++, r.code);
            for (int k = 0; k < ncols; ++k)
                bind_optional(w, i++, values[k]);
            w.bind(i++, r.wkb.data(), int(r.wkb.size()));
            w.bind(i++, r.min_lon);
            w.bind(i++, r.min_lat);
            w.bind(i++, r.max_lon);
            w.bind(i++, r.max_lat);
            if (found)
                w.bind(i++, id);
            w.exec();
            w.reset();
            if (!found)
                id = sql.getLastInsertRowid();
            box.bind(1, id);
            box.bind(2, r.min_lon);
            box.bind(3, r.max_lon);
            box.bind(4, r.min_lat);
            box.bind(5, r.max_lat);
            box.exec();
            box.reset();
            outcomes.push_back(found ? UpsertOutcome::Updated : UpsertOutcome::Imported);
        }
        if (!dry_run) {
            if (changes(outcomes))
                db.audit(actor, t.entity, 0, "import", "", counts_json(outcomes));
            tx.commit();
        }
        return outcomes;
    } catch (const SQLite::Exception& e) {
        throw StorageError(std::string("cannot store ") + t.table + " '" + current + "': " + e.what());
    }
}

} // namespace

std::vector<UpsertOutcome> upsert_sites(Database& db, std::span<const SiteRecord> sites, bool dry_run,
                                        const std::string& actor)
{
    auto& sql = db.sql();
    std::vector<UpsertOutcome> outcomes;
    outcomes.reserve(sites.size());
    std::string current;
    try {
        SQLite::Transaction tx(sql, SQLite::TransactionBehavior::IMMEDIATE);
        SQLite::Statement sel(sql, "SELECT id, name, country, province, territory, minerals, lat, lon "
                                   "FROM site WHERE code = ?");
        SQLite::Statement ins(sql, "INSERT INTO site(code, name, country, province, territory, minerals, lat, lon) "
                                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        SQLite::Statement upd(sql, "UPDATE site SET name = ?, country = ?, province = ?, territory = ?, "
                                   "minerals = ?, lat = ?, lon = ? WHERE id = ?");
        for (const auto& s : sites) {
            current = s.code;
            sel.bind(1, s.code);
            std::int64_t id = 0;
            bool found = false, same = false;
            if (sel.executeStep()) {
                found = true;
                id = sel.getColumn(0).getInt64();
                same = sel.getColumn(1).getString() == s.name && sel.getColumn(2).getString() == s.country &&
                       sel.getColumn(3).getString() == s.province &&
                       optional_text(sel.getColumn(4)) == s.territory && sel.getColumn(5).getString() == s.minerals &&
                       !sel.getColumn(6).isNull() && sel.getColumn(6).getDouble() == s.lat &&
                       !sel.getColumn(7).isNull() && sel.getColumn(7).getDouble() == s.lon;
            }
            sel.reset();
            if (found && same) {
                outcomes.push_back(UpsertOutcome::Unchanged);
                continue;
            }
            SQLite::Statement& w = found ? upd : ins;
            int i = 1;
            if (!found)
                w.bind(i++, s.code);
            w.bind(i++, s.name);
            w.bind(i++, s.country);
            w.bind(i++, s.province);
            bind_optional(w, i++, s.territory);
            w.bind(i++, s.minerals);
            w.bind(i++, s.lat);
            w.bind(i++, s.lon);
            if (found)
                w.bind(i++, id);
            w.exec();
            w.reset();
            outcomes.push_back(found ? UpsertOutcome::Updated : UpsertOutcome::Imported);
        }
        if (!dry_run) {
            if (changes(outcomes))
                db.audit(actor, "site", 0, "import", "", counts_json(outcomes));
            tx.commit();
        }
        return outcomes;
    } catch (const SQLite::Exception& e) {
        throw StorageError("cannot store site '" + current + "': " + e.what());
    }
}

std::vector<UpsertOutcome> upsert_concessions(Database& db, std::span<const AreaRecord> concessions, bool dry_run,
                                              const std::string& actor)
{
    static const AreaTable t{"concession", "code", {"holder", "type", "status"}, "concession_bbox", "concession"};
    return upsert_areas(db, t, concessions, dry_run, actor);
}

std::vector<UpsertOutcome> upsert_protected_areas(Database& db, std::span<const AreaRecord> areas, bool dry_run,
                                                  const std::string& actor)
{
    static const AreaTable t{"protected_area", "name", {"designation", nullptr, nullptr}, "protected_area_bbox",
                             "protected_area"};
    return upsert_areas(db, t, areas, dry_run, actor);
}

std::vector<StoredSiteLocation> site_locations(Database& db)
{
    std::vector<StoredSiteLocation> out;
    SQLite::Statement q(db.sql(), "SELECT id, lat, lon FROM site WHERE lat IS NOT NULL AND lon IS NOT NULL ORDER BY id");
    while (q.executeStep())
        out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getDouble(), q.getColumn(2).getDouble()});
    return out;
}

namespace {

// (id, name, WKB) rows of an area query.
std::vector<StoredArea> stored_areas(Database& db, const char* query)
{
    std::vector<StoredArea> out;
    SQLite::Statement q(db.sql(), query);
    while (q.executeStep())
        out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(), blob(q.getColumn(2))});
    return out;
}

} // namespace

std::vector<StoredArea> stored_concessions(Database& db)
{
    return stored_areas(db, "SELECT id, code, wkb FROM concession ORDER BY id");
}

std::vector<StoredArea> stored_protected_areas(Database& db)
{
    return stored_areas(db, "SELECT id, name, wkb FROM protected_area ORDER BY id");
}

std::vector<IncidentPlacement> placed_incidents(Database& db)
{
    // Read through the C interface: a run reads every placed incident, and the wrapper's
    // column objects cost more than the reading itself.
    sqlite3* h = db.sql().getHandle();
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(h,
                           "SELECT id, lat, lon, status IN ('verified', 'rejected'), site_id, site_method, "
                           "site_distance_m, concession_id, protected_area FROM incident "
                           "WHERE lat IS NOT NULL AND lon IS NOT NULL ORDER BY id",
                           -1, &raw, nullptr) != SQLITE_OK)
        throw StorageError(std::string("cannot read the incidents' positions: ") + sqlite3_errmsg(h));
    const std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> statement(raw, sqlite3_finalize);
    sqlite3_stmt* s = raw;
    const auto null = [s](int c) { return sqlite3_column_type(s, c) == SQLITE_NULL; };
    const auto text = [&](int c) -> std::optional<std::string> {
        if (null(c))
            return std::nullopt;
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s, c));
        return std::string(p, std::size_t(sqlite3_column_bytes(s, c)));
    };
    std::vector<IncidentPlacement> out;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        IncidentPlacement& p = out.emplace_back();
        p.id = sqlite3_column_int64(s, 0);
        p.lat = sqlite3_column_double(s, 1);
        p.lon = sqlite3_column_double(s, 2);
        p.decided = sqlite3_column_int(s, 3) != 0;
        if (!null(4))
            p.site_id = sqlite3_column_int64(s, 4);
        p.site_method = text(5);
        if (!null(6))
            p.site_distance_m = sqlite3_column_double(s, 6);
        if (!null(7))
            p.concession_id = sqlite3_column_int64(s, 7);
        p.protected_area = text(8);
    }
    if (rc != SQLITE_DONE)
        throw StorageError(std::string("cannot read the incidents' positions: ") + sqlite3_errmsg(h));
    return out;
}

namespace {

// The whole-table indexes of `incident` over a column an assignment writes, as (name,
// CREATE statement). Partial indexes (those of verified incidents) are left out: an
// assignment never changes a decided incident, so it only tests their WHERE.
std::vector<std::pair<std::string, std::string>> placement_indexes(SQLite::Database& sql)
{
    SQLite::Statement q(sql, "SELECT m.name, m.sql FROM sqlite_master AS m "
                             "JOIN pragma_index_list('incident') AS l ON l.name = m.name "
                             "WHERE m.type = 'index' AND m.sql IS NOT NULL AND l.partial = 0 AND EXISTS ("
                             "SELECT 1 FROM pragma_index_info(m.name) AS c WHERE c.name IN ('site_id', "
                             "'site_method', 'site_distance_m', 'concession_id', 'protected_area', 'updated_at')) "
                             "ORDER BY m.name");
    std::vector<std::pair<std::string, std::string>> out;
    while (q.executeStep())
        out.emplace_back(q.getColumn(0).getString(), q.getColumn(1).getString());
    return out;
}

} // namespace

void write_placements(Database& db, std::span<const IncidentPlacement> placements)
{
    auto& sql = db.sql();
    // The updates touch the site indexes at random: with SQLite's default 2 MiB page cache,
    // dirty pages spill to the WAL again and again (660,000 writes for 60,000 updates).
    // A cache large enough for the transaction writes each page once.
    const int cache_before = sql.execAndGet("PRAGMA cache_size").getInt();
    sql.exec("PRAGMA cache_size = -262144"); // KiB: up to 256 MiB, only as pages are used
    struct RestoreCache {
        SQLite::Database& sql;
        int size;
        ~RestoreCache()
        {
            try {
                sql.exec("PRAGMA cache_size = " + std::to_string(size));
            } catch (...) {
            }
        }
    } restore{sql, cache_before};
    try {
        // The rows are written without SQLite's per-row tests (its CHECK on site_method
        // builds a temporary table for every row): the method is tested here, and the
        // sites and concessions named are checked once before COMMIT.
        UncheckedWrites unchecked(sql);
        unchecked.foreign_keys_off();
        SQLite::Transaction tx(sql, SQLite::TransactionBehavior::IMMEDIATE);
        unchecked.checks_off();
        // When a large share of the incidents moves (a first assignment, a new radius), each
        // row would move an entry in every index over the site at a random place: building
        // those indexes again once, sorted, costs a fraction of that.
        std::vector<std::pair<std::string, std::string>> rebuilt;
        const std::int64_t rows = sql.execAndGet("SELECT count(*) FROM incident").getInt64();
        if (placements.size() * 4 >= std::size_t(rows)) {
            rebuilt = placement_indexes(sql);
            for (const auto& index : rebuilt)
                sql.exec("DROP INDEX \"" + index.first + "\"");
        }
        // Bound through the C interface without copies: the texts live in `placements`
        // until the statement is done with them.
        sqlite3* h = sql.getHandle();
        sqlite3_stmt* raw = nullptr;
        if (sqlite3_prepare_v2(h, "UPDATE incident SET site_id = ?, site_method = ?, site_distance_m = ?, "
                                  "concession_id = ?, protected_area = ?, updated_at = ? WHERE id = ?",
                               -1, &raw, nullptr) != SQLITE_OK)
            throw StorageError(std::string("cannot record the site assignment: ") + sqlite3_errmsg(h));
        const std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> statement(raw, sqlite3_finalize);
        sqlite3_stmt* upd = raw;
        const std::string now = utc_now();
        const auto bind_text = [upd](int i, const std::optional<std::string>& v) {
            if (v)
                sqlite3_bind_text(upd, i, v->data(), int(v->size()), SQLITE_STATIC);
            else
                sqlite3_bind_null(upd, i);
        };
        sqlite3_bind_text(upd, 6, now.data(), int(now.size()), SQLITE_STATIC);
        std::set<std::int64_t> sites, concessions;
        for (const auto& p : placements) {
            if (p.site_method && *p.site_method != "manual" && *p.site_method != "inside_concession" &&
                *p.site_method != "nearest_within_radius")
                throw StorageError("incident " + std::to_string(p.id) + ": unknown site method " + *p.site_method);
            if (p.site_id) {
                sites.insert(*p.site_id);
                sqlite3_bind_int64(upd, 1, *p.site_id);
            } else {
                sqlite3_bind_null(upd, 1);
            }
            bind_text(2, p.site_method);
            if (p.site_distance_m)
                sqlite3_bind_double(upd, 3, *p.site_distance_m);
            else
                sqlite3_bind_null(upd, 3);
            if (p.concession_id) {
                concessions.insert(*p.concession_id);
                sqlite3_bind_int64(upd, 4, *p.concession_id);
            } else {
                sqlite3_bind_null(upd, 4);
            }
            bind_text(5, p.protected_area);
            sqlite3_bind_int64(upd, 7, p.id);
            if (sqlite3_step(upd) != SQLITE_DONE)
                throw StorageError("cannot record the site of incident " + std::to_string(p.id) + ": " +
                                   sqlite3_errmsg(h));
            sqlite3_reset(upd);
        }
        const auto check_ids = [&](const char* query, const std::set<std::int64_t>& ids, const char* what) {
            SQLite::Statement exists(sql, query);
            for (const std::int64_t id : ids) {
                exists.bind(1, id);
                if (!exists.executeStep())
                    throw StorageError(std::string(what) + " #" + std::to_string(id) + " is not in the database");
                exists.reset();
            }
        };
        check_ids("SELECT 1 FROM site WHERE id = ?", sites, "site");
        check_ids("SELECT 1 FROM concession WHERE id = ?", concessions, "concession");
        for (const auto& index : rebuilt)
            sql.exec(index.second);
        unchecked.restore();
        tx.commit();
    } catch (const SQLite::Exception& e) {
        throw StorageError(std::string("cannot record the site assignment: ") + e.what());
    }
}

} // namespace mwangaza::store
