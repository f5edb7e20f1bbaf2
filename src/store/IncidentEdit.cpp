#include "store/IncidentEdit.hpp"

#include "core/Error.hpp"
#include "core/Json.hpp"
#include "core/Taxonomy.hpp"
#include "store/Database.hpp"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <optional>

namespace mwangaza::store {

std::vector<std::string> change_incident_risk_areas(Database& db, std::span<const IncidentAreaChange> changes,
                                                    const std::string& actor)
{
    if (actor.find_first_not_of(" \t") == std::string::npos)
        throw InvalidInput("changing a risk area needs the name of who does it");
    for (const auto& c : changes)
        if (!core::find_risk_area(c.area))
            throw InvalidInput("unknown risk area code '" + c.area + "'");
    auto& sql = db.sql();
    try {
        SQLite::Transaction tx(sql, SQLite::TransactionBehavior::IMMEDIATE);
        SQLite::Statement read(sql, "SELECT risk_area, status FROM incident WHERE id = ?");
        SQLite::Statement update(sql, "UPDATE incident SET risk_area = ?, updated_at = ? WHERE id = ?");
        std::vector<std::string> before;
        const std::string now = utc_now();
        for (const auto& [id, area] : changes) {
            read.bind(1, id);
            if (!read.executeStep())
                throw InvalidInput("no incident has the id " + std::to_string(id));
            const std::string old_area = read.getColumn(0).getString();
            const std::string status = read.getColumn(1).getString();
            read.reset();
            if (status == "verified" || status == "rejected")
                throw InvalidInput("incident " + std::to_string(id) + " is " + status +
                                   ": a decided incident keeps its risk area");
            update.bind(1, area);
            update.bind(2, now);
            update.bind(3, id);
            update.exec();
            update.reset();
            db.audit(actor, "incident", id, "risk_area", "{\"risk_area\":" + core::json_string(old_area) + "}",
                     "{\"risk_area\":" + core::json_string(area) + "}");
            before.push_back(old_area);
        }
        tx.commit();
        return before;
    } catch (const SQLite::Exception& e) {
        throw StorageError(std::string("cannot change the risk area: ") + e.what());
    }
}

std::vector<std::string> change_incident_sites(Database& db, std::span<const IncidentSiteChange> changes,
                                               const std::string& actor)
{
    if (actor.find_first_not_of(" \t") == std::string::npos)
        throw InvalidInput("changing a site needs the name of who does it");
    auto& sql = db.sql();
    try {
        SQLite::Transaction tx(sql, SQLite::TransactionBehavior::IMMEDIATE);
        SQLite::Statement site(sql, "SELECT id FROM site WHERE code = ?");
        SQLite::Statement read(sql, "SELECT coalesce(s.code, ''), i.status FROM incident i "
                                    "LEFT JOIN site s ON s.id = i.site_id WHERE i.id = ?");
        // An expert's choice: marked manual, so that `assign` never undoes it.
        SQLite::Statement update(sql, "UPDATE incident SET site_id = ?, site_method = 'manual', "
                                      "site_distance_m = NULL, updated_at = ? WHERE id = ?");
        std::vector<std::string> before;
        const std::string now = utc_now();
        for (const auto& [id, code] : changes) {
            std::optional<std::int64_t> site_id;
            if (!code.empty()) {
                site.bind(1, code);
                if (!site.executeStep())
                    throw InvalidInput("unknown site code '" + code + "'");
                site_id = site.getColumn(0).getInt64();
                site.reset();
            }
            read.bind(1, id);
            if (!read.executeStep())
                throw InvalidInput("no incident has the id " + std::to_string(id));
            const std::string old_code = read.getColumn(0).getString();
            const std::string status = read.getColumn(1).getString();
            read.reset();
            if (status == "verified" || status == "rejected")
                throw InvalidInput("incident " + std::to_string(id) + " is " + status +
                                   ": a decided incident keeps its site");
            if (site_id)
                update.bind(1, *site_id);
            else
                update.bind(1);
            update.bind(2, now);
            update.bind(3, id);
            update.exec();
            update.reset();
            auto json = [](const std::string& c) {
                return "{\"site\":" + (c.empty() ? std::string("null") : core::json_string(c)) + "}";
            };
            db.audit(actor, "incident", id, "site", json(old_code), json(code));
            before.push_back(old_code);
        }
        tx.commit();
        return before;
    } catch (const SQLite::Exception& e) {
        throw StorageError(std::string("cannot change the site: ") + e.what());
    }
}

} // namespace mwangaza::store
