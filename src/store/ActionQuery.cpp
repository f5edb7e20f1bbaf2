#include "store/ActionQuery.hpp"

#include "core/Error.hpp"
#include "core/Kpi.hpp"
#include "core/Taxonomy.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <string>
#include <unordered_map>

namespace mwangaza::store {

std::vector<ActionRow> list_actions(SQLite::Database& db, const ActionFilter& f)
{
    if (f.overdue_on && !core::is_iso_date(*f.overdue_on))
        throw InvalidInput("--on: '" + *f.overdue_on + "' is not a date (YYYY-MM-DD)");
    if (f.risk_area && !core::find_risk_area(*f.risk_area))
        throw InvalidInput("--area: '" + *f.risk_area + "' is not a risk area code");
    try {
        std::string where;
        auto add = [&](const std::string& c) { where += (where.empty() ? " WHERE " : " AND ") + c; };
        std::optional<std::int64_t> site_id;
        if (f.site_code) {
            SQLite::Statement s(db, "SELECT id FROM site WHERE code = ?");
            s.bind(1, *f.site_code);
            if (!s.executeStep())
                throw InvalidInput("--site: no site has the code '" + *f.site_code + "'");
            site_id = s.getColumn(0).getInt64();
            add("a.site_id = :site");
        }
        if (f.stakeholder_id) {
            SQLite::Statement s(db, "SELECT 1 FROM stakeholder WHERE id = ?");
            s.bind(1, *f.stakeholder_id);
            if (!s.executeStep())
                throw InvalidInput("--stakeholder: no stakeholder has the id " + std::to_string(*f.stakeholder_id));
            add("(a.responsible_id = :sh OR a.id IN (SELECT action_id FROM action_supporter WHERE stakeholder_id = :sh))");
        }
        if (f.status)
            add("a.status = :status");
        if (f.risk_area)
            add("a.risk_id IN (SELECT id FROM risk WHERE risk_area = :area)");
        if (f.overdue_on)
            add("a.status IN ('issued', 'in_progress') AND a.due_on < :on");
        if (f.ids) {
            std::string list;
            for (auto id : *f.ids)
                list += (list.empty() ? "" : ",") + std::to_string(id);
            add("a.id IN (" + list + ")");
        }

        // Site codes, areas and stakeholder names are read once and joined here: the list
        // holds up to a million rows and each join per row would cost more than the scan.
        std::unordered_map<std::int64_t, std::string> sites, areas, names;
        {
            SQLite::Statement q(db, "SELECT id, code FROM site");
            while (q.executeStep())
                sites.emplace(q.getColumn(0).getInt64(), q.getColumn(1).getString());
            SQLite::Statement r(db, "SELECT id, risk_area FROM risk");
            while (r.executeStep())
                areas.emplace(r.getColumn(0).getInt64(), r.getColumn(1).getString());
            SQLite::Statement n(db, "SELECT id, name FROM stakeholder");
            while (n.executeStep())
                names.emplace(n.getColumn(0).getInt64(), n.getColumn(1).getString());
        }

        SQLite::Statement q(db, "SELECT a.id, a.site_id, a.risk_id, a.title, a.responsible_id, a.status, "
                                "coalesce(a.issued_on, ''), coalesce(a.due_on, ''), a.priority "
                                "FROM corrective_action a" +
                                    where + " ORDER BY a.site_id, a.id");
        if (site_id)
            q.bind(":site", *site_id);
        if (f.stakeholder_id)
            q.bind(":sh", *f.stakeholder_id);
        if (f.status)
            q.bind(":status", std::string(core::status_code(*f.status)));
        if (f.risk_area)
            q.bind(":area", *f.risk_area);
        if (f.overdue_on)
            q.bind(":on", *f.overdue_on);
        std::vector<ActionRow> rows;
        while (q.executeStep()) {
            ActionRow r;
            r.id = q.getColumn(0).getInt64();
            if (auto it = sites.find(q.getColumn(1).getInt64()); it != sites.end())
                r.site_code = it->second;
            if (auto it = areas.find(q.getColumn(2).getInt64()); it != areas.end())
                r.risk_area = it->second;
            r.title = q.getColumn(3).getString();
            if (!q.getColumn(4).isNull()) {
                r.responsible_id = q.getColumn(4).getInt64();
                if (auto it = names.find(*r.responsible_id); it != names.end())
                    r.responsible_name = it->second;
            }
            r.status = core::action_status_from_code(q.getColumn(5).getString()).value_or(core::ActionStatus::Draft);
            r.issued_on = q.getColumn(6).getString();
            r.due_on = q.getColumn(7).getString();
            r.priority = q.getColumn(8).getString();
            rows.push_back(std::move(r));
        }
        if (!f.site_code) // by site code rather than site id
            std::stable_sort(rows.begin(), rows.end(),
                             [](const ActionRow& a, const ActionRow& b) { return a.site_code < b.site_code; });
        return rows;
    } catch (const SQLite::Exception& e) {
        throw StorageError(std::string("cannot list the actions: ") + e.what());
    }
}

} // namespace mwangaza::store
