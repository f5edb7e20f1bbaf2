#include "store/KpiQuery.hpp"

#include "core/Error.hpp"
#include "core/Lifecycle.hpp"
#include "core/Taxonomy.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <map>
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

// Risks in the given areas, as a condition on an action's risk_id column. The unary +
// keeps SQLite from driving an index with the (long) list of risk ids: the list is
// built once and each action row is checked against it.
void add_risk_area_filter(Where& w, const std::vector<std::string>& areas, const std::string& column)
{
    w.add("+" + column + " IN (SELECT id FROM risk WHERE risk_area IN (" + placeholders(areas.size()) + "))", areas);
}

bool has_site_filter(const core::KpiFilter& f)
{
    return f.site_code || f.province || f.country;
}

// The FROM clause for counting rows of `table` (aliased `alias`), and the site
// conditions. With a site, province or country filter, the matching sites drive the
// scan (CROSS JOIN keeps that order) and each site's rows come from `site_index`, whose
// leading column is site_id; without one, `plain_index` serves the scan. Naming the
// indexes keeps the plans independent of statistics a database may or may not have.
struct Source {
    std::string from;
    Where where;
};

Source source(const core::KpiFilter& f, const std::string& table, const std::string& alias,
              const std::string& site_index, const std::string& plain_index)
{
    Source s;
    if (has_site_filter(f)) {
        s.from = " FROM site s CROSS JOIN " + table + " " + alias + " INDEXED BY " + site_index + " ON " + alias +
                 ".site_id = s.id";
        if (f.site_code)
            s.where.add("s.code = ?", {*f.site_code});
        if (f.province)
            s.where.add("s.province = ?", {*f.province});
        if (f.country)
            s.where.add("s.country = ?", {*f.country});
    } else {
        s.from = " FROM " + table + " " + alias + (plain_index.empty() ? "" : " INDEXED BY " + plain_index);
    }
    return s;
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
    for (const auto& c : core::risk_categories())
        k.verified_by_category[std::string(c.code)] = 0;
    std::map<std::string, std::int64_t> by_area;
    if (has_site_filter(f)) {
        // Site by site, area by area, in index order: no sort of a million rows.
        auto verified = source(f, "incident", "i", "incident_verified_site", "");
        verified.where.add("i.status = 'verified'");
        if (f.restricts_areas())
            verified.where.add("i.risk_area IN (" + placeholders(f.areas.size()) + ")", f.areas);
        add_date_filter(verified.where, f, "i.observed_on");
        SQLite::Statement q(db, "SELECT i.risk_area, count(*)" + verified.from + verified.where.sql +
                                    " GROUP BY s.id, i.risk_area");
        verified.where.bind(q);
        while (q.executeStep())
            by_area[q.getColumn(0).getString()] += q.getColumn(1).getInt64();
    } else {
        // One area at a time: each count reads only that area's entries in the period.
        std::vector<std::string> areas;
        if (f.restricts_areas()) {
            for (const auto& a : f.areas)
                if (std::find(areas.begin(), areas.end(), a) == areas.end())
                    areas.push_back(a);
        } else {
            SQLite::Statement codes(db, "SELECT code FROM risk_area ORDER BY position");
            while (codes.executeStep())
                areas.push_back(codes.getColumn(0).getString());
        }
        Where w;
        w.add("status = 'verified'");
        w.add("risk_area = ?");
        add_date_filter(w, f, "observed_on");
        SQLite::Statement q(db, "SELECT count(*) FROM incident INDEXED BY incident_verified_observed" + w.sql);
        for (const auto& area : areas) {
            q.reset();
            q.bind(1, area);
            int i = 2;
            for (const auto& date : {f.from, f.to})
                if (date)
                    q.bind(i++, *date);
            q.executeStep();
            if (const std::int64_t n = q.getColumn(0).getInt64(); n > 0)
                by_area[area] = n;
        }
    }
    for (const auto& [area, n] : by_area)
        add_incident_area(k, area, n);

    auto triage = source(f, "incident", "i", "incident_status", "incident_status");
    triage.where.add("i.status IN ('new', 'in_review', 'needs_info')");
    if (f.restricts_areas())
        triage.where.add("i.risk_area IN (" + placeholders(f.areas.size()) + ")", f.areas);
    add_date_filter(triage.where, f, "i.observed_on");
    SQLite::Statement t(db, "SELECT count(*)" + triage.from + triage.where.sql);
    triage.where.bind(t);
    t.executeStep();
    k.incidents_awaiting_triage = t.getColumn(0).getInt64();
}

// Issued and progressing counts: `from` and `w` select the rows, `status` and `count`
// name the columns to group and add up; `group_prefix` groups by more columns first
// (a status then appears once per group).
void count_actions_where(SQLite::Database& db, const std::string& from, const Where& w, const std::string& status,
                         const std::string& count, std::int64_t& issued, std::int64_t& progressing,
                         const std::string& group_prefix = "")
{
    SQLite::Statement q(db, "SELECT " + status + ", " + count + from + w.sql + " GROUP BY " + group_prefix + status);
    w.bind(q);
    while (q.executeStep()) {
        const auto code = core::action_status_from_code(q.getColumn(0).getString());
        const std::int64_t n = q.getColumn(1).getInt64();
        issued += n;
        if (code && core::is_progressing(*code))
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
    count_actions_where(db, " FROM action_tally", w, "status", "sum(n)", issued, progressing);
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
    auto base = source(f, "corrective_action", "a", "corrective_action_site_kpi", "corrective_action_kpi");
    base.where.add("a.issued_on IS NOT NULL");
    add_date_filter(base.where, f, "a.issued_on");

    Where all = base.where;
    if (f.restricts_areas())
        add_risk_area_filter(all, f.areas, "a.risk_id");
    // With a site filter, group site by site in index order (no sort).
    const std::string by_site = has_site_filter(f) ? "s.id, " : "";
    count_actions_where(db, base.from, all, "a.status", "count(*)", k.actions_issued, k.actions_progressing, by_site);

    std::vector<std::string> child_areas;
    for (const char* code : {"child_labour", "wfcl"})
        if (!f.restricts_areas() || std::find(f.areas.begin(), f.areas.end(), code) != f.areas.end())
            child_areas.emplace_back(code);
    if (child_areas.empty())
        return;
    Where child = base.where;
    add_risk_area_filter(child, child_areas, "a.risk_id");
    count_actions_where(db, base.from, child, "a.status", "count(*)", k.child_labour_actions_issued,
                        k.child_labour_actions_progressing, by_site);
}

void count_workshops(SQLite::Database& db, const core::KpiFilter& f, core::KpiFigures& k)
{
    auto w = source(f, "workshop", "w", "workshop_site", "");
    add_date_filter(w.where, f, "w.held_on");
    if (f.restricts_areas()) {
        Where inner;
        add_risk_area_filter(inner, f.areas, "a.risk_id");
        w.where.add("EXISTS (SELECT 1 FROM corrective_action a INDEXED BY corrective_action_workshop" + inner.sql +
                        " AND a.issued_workshop_id = w.id)",
                    inner.params);
    }
    SQLite::Statement q(db, "SELECT count(*)" + w.from + w.where.sql);
    w.where.bind(q);
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
