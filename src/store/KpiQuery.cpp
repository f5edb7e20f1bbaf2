#include "store/KpiQuery.hpp"

#include "core/Error.hpp"
#include "core/Lifecycle.hpp"
#include "core/Taxonomy.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <string>
#include <vector>

namespace mwangaza::store {

namespace {

// A WHERE clause assembled from optional parts, with its parameters in order.
struct Where {
    std::string sql;
    std::vector<std::string> params;

    void add(const std::string& condition, std::vector<std::string> values = {})
    {
        sql += sql.empty() ? " WHERE " : " AND ";
        sql += condition;
        params.insert(params.end(), values.begin(), values.end());
    }

    void bind(SQLite::Statement& q) const
    {
        for (std::size_t i = 0; i < params.size(); ++i)
            q.bind(int(i + 1), params[i]);
    }
};

std::string placeholders(std::size_t n)
{
    std::string s;
    for (std::size_t i = 0; i < n; ++i)
        s += i ? ",?" : "?";
    return s;
}

// "site_id IN (SELECT id FROM site WHERE ...)" for the site and province filters.
void add_site_filter(Where& w, const core::KpiFilter& f, const std::string& column)
{
    if (f.site_code)
        w.add(column + " IN (SELECT id FROM site WHERE code = ?)", {*f.site_code});
    if (f.province)
        w.add(column + " IN (SELECT id FROM site WHERE province = ?)", {*f.province});
    if (f.country)
        w.add(column + " IN (SELECT id FROM site WHERE country = ?)", {*f.country});
}

void add_date_filter(Where& w, const core::KpiFilter& f, const std::string& column)
{
    if (f.from)
        w.add(column + " >= ?", {*f.from});
    if (f.to)
        w.add(column + " <= ?", {*f.to});
}

// Risks in the given areas, as a condition on an action's risk_id column.
void add_risk_area_filter(Where& w, const std::vector<std::string>& areas, const std::string& column)
{
    w.add(column + " IN (SELECT id FROM risk WHERE risk_area IN (" + placeholders(areas.size()) + "))", areas);
}

void check_site_filters(SQLite::Database& db, const core::KpiFilter& f)
{
    if (f.site_code) {
        SQLite::Statement q(db, "SELECT 1 FROM site WHERE code = ?");
        q.bind(1, *f.site_code);
        if (!q.executeStep())
            throw InvalidInput("--site: no site has the code '" + *f.site_code + "'");
    }
    if (f.province) {
        SQLite::Statement q(db, "SELECT 1 FROM site WHERE province = ? LIMIT 1");
        q.bind(1, *f.province);
        if (!q.executeStep()) {
            std::string known;
            SQLite::Statement all(db, "SELECT DISTINCT province FROM site ORDER BY province");
            while (all.executeStep())
                known += (known.empty() ? "" : ", ") + all.getColumn(0).getString();
            throw InvalidInput("--province: no site is in province '" + *f.province + "' (known: " + known + ")");
        }
    }
}

void count_sites(SQLite::Database& db, const core::KpiFilter& f, core::KpiFigures& k)
{
    Where w;
    add_site_filter(w, f, "id");
    SQLite::Statement q(db, "SELECT count(*), coalesce(sum(active), 0) FROM site" + w.sql);
    w.bind(q);
    q.executeStep();
    k.sites_total = q.getColumn(0).getInt64();
    k.sites_active = q.getColumn(1).getInt64();
}

// True when only the area filter (or none) applies: the figures then come from the
// programme-wide tallies the database keeps (migration 3) instead of a million rows.
bool whole_programme(const core::KpiFilter& f)
{
    return !f.site_code && !f.province && !f.country && !f.from && !f.to;
}

void add_incident_area(core::KpiFigures& k, const std::string& area, std::int64_t n)
{
    k.verified_by_area[area] = n;
    k.incidents_verified += n;
    ++k.risk_areas_covered;
    if (core::is_child_labour(area))
        k.child_labour_incidents += n;
    if (area == "wfcl")
        k.wfcl_incidents = n;
    if (const auto* a = core::find_risk_area(area))
        k.verified_by_category[std::string(a->category)] += n;
}

void count_incidents_from_tally(SQLite::Database& db, const core::KpiFilter& f, core::KpiFigures& k)
{
    Where w;
    w.add("n > 0");
    if (f.restricts_areas())
        w.add("risk_area IN (" + placeholders(f.areas.size()) + ")", f.areas);
    SQLite::Statement q(db, "SELECT risk_area, status, n FROM incident_tally" + w.sql + " ORDER BY risk_area");
    w.bind(q);
    for (const auto& c : core::risk_categories())
        k.verified_by_category[std::string(c.code)] = 0;
    while (q.executeStep()) {
        const std::string status = q.getColumn(1).getString();
        const std::int64_t n = q.getColumn(2).getInt64();
        if (status == "verified")
            add_incident_area(k, q.getColumn(0).getString(), n);
        else if (status == "new" || status == "in_review" || status == "needs_info")
            k.incidents_awaiting_triage += n;
    }
}

void count_incidents(SQLite::Database& db, const core::KpiFilter& f, core::KpiFigures& k)
{
    if (whole_programme(f))
        return count_incidents_from_tally(db, f, k);
    Where w;
    w.add("status = 'verified'");
    add_site_filter(w, f, "site_id");
    if (f.restricts_areas())
        w.add("risk_area IN (" + placeholders(f.areas.size()) + ")", f.areas);
    add_date_filter(w, f, "observed_on");
    SQLite::Statement q(db, "SELECT risk_area, count(*) FROM incident" + w.sql + " GROUP BY risk_area");
    w.bind(q);
    for (const auto& c : core::risk_categories())
        k.verified_by_category[std::string(c.code)] = 0;
    while (q.executeStep())
        add_incident_area(k, q.getColumn(0).getString(), q.getColumn(1).getInt64());

    Where t;
    t.add("status IN ('new', 'in_review', 'needs_info')");
    add_site_filter(t, f, "site_id");
    if (f.restricts_areas())
        t.add("risk_area IN (" + placeholders(f.areas.size()) + ")", f.areas);
    add_date_filter(t, f, "observed_on");
    SQLite::Statement triage(db, "SELECT count(*) FROM incident" + t.sql);
    t.bind(triage);
    triage.executeStep();
    k.incidents_awaiting_triage = triage.getColumn(0).getInt64();
}

// Issued and progressing counts of actions matching `w` (which restricts issued ones).
void count_actions_where(SQLite::Database& db, const Where& w, std::int64_t& issued, std::int64_t& progressing,
                         const char* count = "count(*)", const char* table = "corrective_action")
{
    SQLite::Statement q(db, std::string("SELECT status, ") + count + " FROM " + table + w.sql + " GROUP BY status");
    w.bind(q);
    while (q.executeStep()) {
        const auto status = core::action_status_from_code(q.getColumn(0).getString());
        const std::int64_t n = q.getColumn(1).getInt64();
        issued += n;
        if (status && core::is_progressing(*status))
            progressing += n;
    }
}

// Issued and progressing counts from the action tally, for actions on risks in `areas`
// (all actions when empty).
void count_tallied_actions(SQLite::Database& db, const std::vector<std::string>& areas, std::int64_t& issued,
                           std::int64_t& progressing)
{
    Where w;
    w.add("issued = 1");
    if (!areas.empty())
        w.add("risk_area IN (" + placeholders(areas.size()) + ")", areas);
    count_actions_where(db, w, issued, progressing, "sum(n)", "action_tally");
}

void count_actions(SQLite::Database& db, const core::KpiFilter& f, core::KpiFigures& k)
{
    if (whole_programme(f)) {
        count_tallied_actions(db, f.areas, k.actions_issued, k.actions_progressing);
        std::vector<std::string> child_areas;
        for (const char* code : {"child_labour", "wfcl"})
            if (!f.restricts_areas() || std::find(f.areas.begin(), f.areas.end(), code) != f.areas.end())
                child_areas.emplace_back(code);
        if (!child_areas.empty())
            count_tallied_actions(db, child_areas, k.child_labour_actions_issued, k.child_labour_actions_progressing);
        return;
    }
    Where base;
    base.add("issued_on IS NOT NULL");
    add_site_filter(base, f, "site_id");
    add_date_filter(base, f, "issued_on");

    Where all = base;
    if (f.restricts_areas())
        add_risk_area_filter(all, f.areas, "risk_id");
    count_actions_where(db, all, k.actions_issued, k.actions_progressing);

    std::vector<std::string> child_areas;
    for (const char* code : {"child_labour", "wfcl"})
        if (!f.restricts_areas() || std::find(f.areas.begin(), f.areas.end(), code) != f.areas.end())
            child_areas.emplace_back(code);
    if (child_areas.empty())
        return;
    Where child = base;
    add_risk_area_filter(child, child_areas, "risk_id");
    count_actions_where(db, child, k.child_labour_actions_issued, k.child_labour_actions_progressing);
}

void count_workshops(SQLite::Database& db, const core::KpiFilter& f, core::KpiFigures& k)
{
    Where w;
    add_site_filter(w, f, "site_id");
    add_date_filter(w, f, "held_on");
    if (f.restricts_areas()) {
        Where inner;
        add_risk_area_filter(inner, f.areas, "a.risk_id");
        w.add("EXISTS (SELECT 1 FROM corrective_action a" + inner.sql + " AND a.issued_workshop_id = workshop.id)",
              inner.params);
    }
    SQLite::Statement q(db, "SELECT count(*) FROM workshop" + w.sql);
    w.bind(q);
    q.executeStep();
    k.workshops = q.getColumn(0).getInt64();
}

} // namespace

core::KpiFigures compute_kpis(SQLite::Database& db, const core::KpiFilter& filter)
{
    core::validate(filter);
    try {
        check_site_filters(db, filter);
        core::KpiFigures k;
        count_sites(db, filter, k);
        count_incidents(db, filter, k);
        count_actions(db, filter, k);
        count_workshops(db, filter, k);
        return k;
    } catch (const SQLite::Exception& e) {
        throw StorageError(std::string("cannot compute the figures: ") + e.what());
    }
}

} // namespace mwangaza::store
