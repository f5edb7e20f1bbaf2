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

std::vector<IncidentSiteChange> change_incident_sites(Database& db, std::span<const IncidentSiteChange> changes,
                                                      const std::string& actor)
{
    if (actor.find_first_not_of(" \t") == std::string::npos)
        throw InvalidInput("changing a site needs the name of who does it");
    auto& sql = db.sql();
    try {
        SQLite::Transaction tx(sql, SQLite::TransactionBehavior::IMMEDIATE);
        SQLite::Statement site(sql, "SELECT id FROM site WHERE code = ?");
        SQLite::Statement read(sql, "SELECT coalesce(s.code, ''), i.status, i.site_method, i.site_distance_m "
                                    "FROM incident i LEFT JOIN site s ON s.id = i.site_id WHERE i.id = ?");
        // An expert's choice is marked manual, so that `assign` never undoes it; an undo
        // puts back the method and distance recorded before.
        SQLite::Statement update(sql, "UPDATE incident SET site_id = ?, site_method = ?, site_distance_m = ?, "
                                      "updated_at = ? WHERE id = ?");
        std::vector<IncidentSiteChange> before;
        const std::string now = utc_now();
        for (const auto& change : changes) {
            const auto id = change.incident_id;
            const auto& code = change.site_code;
            std::optional<std::int64_t> site_id;
            if (!code.empty()) {
                site.bind(1, code);
                if (!site.executeStep())
                    throw InvalidInput("unknown site code '" + code + "'");
                site_id = site.getColumn(0).getInt64();
                site.reset();
            }
            const SiteChoiceRecord recorded = change.recorded.value_or(SiteChoiceRecord{"manual", std::nullopt});
            if (recorded.method && *recorded.method != "manual" && *recorded.method != "inside_concession" &&
                *recorded.method != "nearest_within_radius")
                throw InvalidInput("unknown site method '" + *recorded.method + "'");
            read.bind(1, id);
            if (!read.executeStep())
                throw InvalidInput("no incident has the id " + std::to_string(id));
            IncidentSiteChange old{id, read.getColumn(0).getString(), SiteChoiceRecord{}};
            const std::string status = read.getColumn(1).getString();
            if (!read.getColumn(2).isNull())
                old.recorded->method = read.getColumn(2).getString();
            if (!read.getColumn(3).isNull())
                old.recorded->distance_m = read.getColumn(3).getDouble();
            read.reset();
            if (status == "verified" || status == "rejected")
                throw InvalidInput("incident " + std::to_string(id) + " is " + status +
                                   ": a decided incident keeps its site");
            if (site_id)
                update.bind(1, *site_id);
            else
                update.bind(1);
            if (recorded.method)
                update.bind(2, *recorded.method);
            else
                update.bind(2);
            if (recorded.distance_m)
                update.bind(3, *recorded.distance_m);
            else
                update.bind(3);
            update.bind(4, now);
            update.bind(5, id);
            update.exec();
            update.reset();
            auto json = [](const std::string& c, const std::optional<std::string>& method) {
                return "{\"site\":" + (c.empty() ? std::string("null") : core::json_string(c)) +
                       ",\"method\":" + (method ? core::json_string(*method) : std::string("null")) + "}";
            };
            db.audit(actor, "incident", id, "site", json(old.site_code, old.recorded->method),
                     json(code, recorded.method));
            before.push_back(std::move(old));
        }
        tx.commit();
        return before;
    } catch (const SQLite::Exception& e) {
        throw StorageError(std::string("cannot change the site: ") + e.what());
    }
}

} // namespace mwangaza::store
