#include "store/Browse.hpp"

#include "core/Error.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <unordered_map>

namespace mwangaza::store {

std::vector<SiteRow> list_sites(SQLite::Database& db, bool with_counts)
{
    try {
        std::unordered_map<std::int64_t, std::int64_t> counts;
        if (with_counts) {
            SQLite::Statement c(db, "SELECT site_id, count(*) FROM incident WHERE status = 'verified' GROUP BY site_id");
            while (c.executeStep())
                if (!c.getColumn(0).isNull())
                    counts[c.getColumn(0).getInt64()] = c.getColumn(1).getInt64();
        }

        SQLite::Statement q(db, "SELECT id, code, name, country, province, coalesce(territory, ''), minerals, active, "
                                "lat, lon FROM site ORDER BY country, province, code");
        std::vector<SiteRow> rows;
        while (q.executeStep()) {
            SiteRow r;
            r.id = q.getColumn(0).getInt64();
            r.code = q.getColumn(1).getString();
            r.name = q.getColumn(2).getString();
            r.country = q.getColumn(3).getString();
            r.province = q.getColumn(4).getString();
            r.territory = q.getColumn(5).getString();
            r.minerals = q.getColumn(6).getString();
            r.active = q.getColumn(7).getInt() != 0;
            if (!q.getColumn(8).isNull())
                r.lat = q.getColumn(8).getDouble();
            if (!q.getColumn(9).isNull())
                r.lon = q.getColumn(9).getDouble();
            if (auto it = counts.find(r.id); it != counts.end())
                r.verified_incidents = it->second;
            rows.push_back(std::move(r));
        }
        return rows;
    } catch (const SQLite::Exception& e) {
        throw StorageError(std::string("cannot read the sites: ") + e.what());
    }
}

std::vector<std::int64_t> incident_ids(SQLite::Database& db, std::optional<std::int64_t> site_id)
{
    try {
        std::vector<std::int64_t> ids;
        if (site_id) {
            SQLite::Statement q(db, "SELECT id FROM incident WHERE site_id = ? ORDER BY observed_on DESC, id DESC");
            q.bind(1, *site_id);
            while (q.executeStep())
                ids.push_back(q.getColumn(0).getInt64());
        } else {
            ids.reserve(std::size_t(db.execAndGet("SELECT max(id) FROM incident").getInt64()));
            SQLite::Statement q(db, "SELECT id FROM incident ORDER BY observed_on DESC, id DESC");
            while (q.executeStep())
                ids.push_back(q.getColumn(0).getInt64());
        }
        return ids;
    } catch (const SQLite::Exception& e) {
        throw StorageError(std::string("cannot list the incidents: ") + e.what());
    }
}

std::vector<IncidentRow> load_incidents(SQLite::Database& db, std::span<const std::int64_t> ids)
{
    try {
        SQLite::Statement q(db, "SELECT i.id, i.observed_on, coalesce(s.code, ''), i.risk_area, i.status, "
                                "coalesce(i.reporter, ''), i.description, i.children, i.women, i.men "
                                "FROM incident i LEFT JOIN site s ON s.id = i.site_id WHERE i.id = ?");
        std::vector<IncidentRow> rows;
        rows.reserve(ids.size());
        for (auto id : ids) {
            q.bind(1, id);
            if (q.executeStep()) {
                IncidentRow r;
                r.id = q.getColumn(0).getInt64();
                r.observed_on = q.getColumn(1).getString();
                r.site_code = q.getColumn(2).getString();
                r.risk_area = q.getColumn(3).getString();
                r.status = q.getColumn(4).getString();
                r.reporter = q.getColumn(5).getString();
                r.description = q.getColumn(6).getString();
                r.children = q.getColumn(7).getInt();
                r.women = q.getColumn(8).getInt();
                r.men = q.getColumn(9).getInt();
                rows.push_back(std::move(r));
            }
            q.reset();
        }
        return rows;
    } catch (const SQLite::Exception& e) {
        throw StorageError(std::string("cannot read incidents: ") + e.what());
    }
}

} // namespace mwangaza::store
