#include "store/RiskRegister.hpp"

#include "core/Error.hpp"
#include "core/I18n.hpp"
#include "core/RiskEscalation.hpp"
#include "core/Taxonomy.hpp"
#include "store/Database.hpp"
#include "store/SqlStatement.hpp"

#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>

namespace mwangaza::store {

namespace {

// Every figure of a row is kept on the risk itself (migrations 12 and 14): no count or
// join per risk. The site's code and name come from the site table, read once.
constexpr const char* k_row_columns =
    "r.id, r.site_id, r.risk_area, r.title, r.status, r.opened_on, r.current_level, r.current_red_flag, "
    "r.current_severity, r.current_likelihood, r.decision, r.decided_on, r.assessed_on, r.assessor, r.matrix_version, "
    "r.open_actions, r.incidents, r.reviewed_on";

std::string text_or_empty(const SQLite::Column& c)
{
    return c.isNull() ? std::string() : c.getString();
}

// Column `c` of the current row as text, read in place (no SQLite::Column per value:
// the full register reads 242,500 rows of 18 columns).
std::string text(sqlite3_stmt* st, int c)
{
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st, c));
    return p ? std::string(p, std::size_t(sqlite3_column_bytes(st, c))) : std::string();
}

// A prepared statement read through the C API, so that a row's values are read in place;
// its errors are SQLiteCpp's exceptions, as the rest of the register's.
class RawStatement : public SqlStatement<RawStatement> {
public:
    RawStatement(SQLite::Database& db, const std::string& sql)
        : SqlStatement(db.getHandle(), sql, [](Phase, int rc, sqlite3* h) { throw SQLite::Exception(h, rc); })
    {
    }
    void bind(const char* name, std::int64_t v) { integer(parameter(name), v); }
    void bind(const char* name, const std::string& v) { text_copy(parameter(name), v); }
};

struct SiteNames {
    std::string code;
    std::string name;
};

struct AreaInfo {
    std::string category;
    std::size_t rank = 0; // taxonomy order
};

const std::map<std::string, AreaInfo, std::less<>>& area_infos()
{
    static const auto infos = [] {
        std::map<std::string, AreaInfo, std::less<>> m;
        for (const auto& a : core::risk_areas())
            m.emplace(std::string(a.code), AreaInfo{std::string(a.category), m.size()});
        return m;
    }();
    return infos;
}

// The risk columns of k_row_columns (0 to 17) of the current row; the site's names are
// filled by the caller.
RiskRow read_row(sqlite3_stmt* st, const std::string& on)
{
    RiskRow r;
    r.id = sqlite3_column_int64(st, 0);
    r.area = text(st, 2);
    const auto& areas = area_infos();
    if (const auto it = areas.find(r.area); it != areas.end())
        r.category = it->second.category;
    r.title = text(st, 3);
    r.status = text(st, 4);
    r.opened_on = text(st, 5);
    const auto* level = reinterpret_cast<const char*>(sqlite3_column_text(st, 6));
    r.level = core::risk_level_from_code(level ? level : "");
    r.red_flag = sqlite3_column_int(st, 7) != 0;
    r.severity = sqlite3_column_int(st, 8);
    r.likelihood = sqlite3_column_int(st, 9);
    r.decision = text(st, 10);
    r.decided_on = text(st, 11);
    r.assessed_on = text(st, 12);
    r.assessor = text(st, 13);
    r.matrix_version = sqlite3_column_int(st, 14);
    r.open_actions = sqlite3_column_int64(st, 15);
    r.incidents = sqlite3_column_int64(st, 16);
    r.reviewed_on = text(st, 17);
    r.decision_needed = r.red_flag && r.decision.empty();
    if (!r.decision.empty()) {
        // A mitigation plan is reviewed six months after the decision, then six months
        // after each review while the decision stays mitigate.
        const std::string& clock = r.reviewed_on > r.decided_on ? r.reviewed_on : r.decided_on;
        if (const auto d = core::escalation_from_code(r.decision); d && core::is_iso_date(clock))
            r.review_due = core::review_due(*d, clock);
        r.review_overdue = r.status == "open" && core::review_overdue(r.review_due, on);
    }
    return r;
}

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

std::string checked_date(const std::string& on)
{
    const std::string d = on.empty() ? utc_today() : on;
    if (!core::is_iso_date(d))
        throw InvalidInput(core::format(core::tr("'%1' is not a date (YYYY-MM-DD)"), {d}));
    return d;
}

} // namespace

std::string utc_today()
{
    return utc_now().substr(0, 10);
}

std::vector<RiskRow> list_risks(SQLite::Database& db, const RiskFilter& filter)
{
    const std::string on = checked_date(filter.on);
    try {
        // The sites once (24,000 on the x500 demo; one for a site's risks), by code.
        std::vector<std::int64_t> site_ids;
        std::vector<SiteNames> site_names;
        {
            RawStatement s(db, filter.site_code ? "SELECT id, code, name FROM site WHERE code = :code"
                                                : "SELECT id, code, name FROM site ORDER BY code");
            if (filter.site_code)
                s.bind(":code", *filter.site_code);
            auto* st = s.get();
            while (s.step()) {
                site_ids.push_back(sqlite3_column_int64(st, 0));
                site_names.push_back({text(st, 1), text(st, 2)});
            }
        }
        if (filter.site_code && site_ids.empty())
            throw InvalidInput(core::format(core::tr("no site has the code '%1'"), {*filter.site_code}));
        std::vector<std::int64_t> by_id(site_ids.size()); // positions sorted by site id
        for (std::size_t i = 0; i < by_id.size(); ++i)
            by_id[i] = std::int64_t(i);
        std::sort(by_id.begin(), by_id.end(),
                  [&](auto a, auto b) { return site_ids[std::size_t(a)] < site_ids[std::size_t(b)]; });
        auto site_rank = [&](std::int64_t id) -> std::int64_t {
            const auto it = std::lower_bound(by_id.begin(), by_id.end(), id, [&](std::int64_t pos, std::int64_t v) {
                return site_ids[std::size_t(pos)] < v;
            });
            return it != by_id.end() && site_ids[std::size_t(*it)] == id ? *it : -1;
        };
        // Room for every risk the tally counts, so the rows are never moved while read.
        std::size_t expected = 0;
        if (!filter.site_code) {
            RawStatement n(db, filter.include_closed ? "SELECT coalesce(sum(n), 0) FROM risk_tally"
                                                     : "SELECT coalesce(sum(n), 0) FROM risk_tally WHERE status = 'open'");
            if (n.step())
                expected = std::size_t(std::max<sqlite3_int64>(0, sqlite3_column_int64(n.get(), 0)));
        }

        std::string sql = std::string("SELECT ") + k_row_columns + " FROM risk r";
        std::vector<std::string> where;
        std::int64_t site_id = 0;
        if (filter.site_code) {
            site_id = site_ids.front();
            where.push_back("r.site_id = :site");
        }
        if (!filter.include_closed)
            where.push_back("r.status = 'open'");
        if (filter.level)
            where.push_back("r.current_level = :level");
        if (filter.red_flag_only)
            where.push_back("r.current_red_flag = 1");
        for (std::size_t i = 0; i < where.size(); ++i)
            sql += (i == 0 ? " WHERE " : " AND ") + where[i];
        // Sorted here rather than by SQL: without ORDER BY, SQLite reads the risks in
        // table order instead of through a temporary B-tree (x500: 1.1 s instead of 5 s).
        RawStatement q(db, sql);
        if (filter.site_code)
            q.bind(":site", site_id);
        if (filter.level)
            q.bind(":level", std::string(core::risk_level_code(*filter.level)));
        const std::string needle = lower(filter.text);
        auto* st = q.get();
        struct Key {
            std::int64_t site = 0;
            std::size_t area = 0;
        };
        std::vector<RiskRow> rows;
        std::vector<Key> keys;
        rows.reserve(expected);
        keys.reserve(expected);
        const auto& areas = area_infos();
        while (q.step()) {
            const std::int64_t rank = site_rank(sqlite3_column_int64(st, 1));
            const SiteNames* names = rank >= 0 ? &site_names[std::size_t(rank)] : nullptr;
            if (!needle.empty()) {
                // In the title, site code or name, area code (case-insensitive).
                const std::string hay = lower(text(st, 3) + ' ' + (names ? names->code + ' ' + names->name : " ") + ' ' +
                                              text(st, 2));
                if (hay.find(needle) == std::string::npos)
                    continue;
            }
            RiskRow r = read_row(st, on);
            if (names) {
                r.site_code = names->code;
                r.site_name = names->name;
            }
            const auto a = areas.find(r.area);
            keys.push_back({rank, a == areas.end() ? areas.size() : a->second.rank});
            rows.push_back(std::move(r));
        }
        std::vector<std::size_t> order(rows.size());
        for (std::size_t i = 0; i < order.size(); ++i)
            order[i] = i;
        std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
            if (keys[x].site != keys[y].site)
                return keys[x].site < keys[y].site;
            if (keys[x].area != keys[y].area)
                return keys[x].area < keys[y].area;
            const auto& a = rows[x];
            const auto& b = rows[y];
            if (a.opened_on != b.opened_on)
                return a.opened_on < b.opened_on;
            return a.id < b.id;
        });
        // The rows put in that order in place, each moved about once.
        for (std::size_t i = 0; i < order.size(); ++i) {
            if (order[i] == i)
                continue;
            RiskRow held = std::move(rows[i]);
            std::size_t at = i;
            for (;;) {
                const std::size_t from = order[at];
                order[at] = at;
                if (from == i) {
                    rows[at] = std::move(held);
                    break;
                }
                rows[at] = std::move(rows[from]);
                at = from;
            }
        }
        return rows;
    } catch (const SQLite::Exception& e) {
        throw StorageError(core::format(core::tr("Could not read the risk register: %1"), {e.what()}));
    }
}

namespace {

// "YYYY-MM-DD" -> YYYYMMDD; 0 for anything else.
std::int32_t day_number(const unsigned char* p, int n)
{
    if (!p || n != 10 || p[4] != '-' || p[7] != '-')
        return 0;
    std::int32_t v = 0;
    for (int i : {0, 1, 2, 3, 5, 6, 8, 9}) {
        if (p[i] < '0' || p[i] > '9')
            return 0;
        v = v * 10 + (p[i] - '0');
    }
    return v;
}

std::int32_t day_number(const std::string& s)
{
    return day_number(reinterpret_cast<const unsigned char*>(s.data()), int(s.size()));
}


// core::review_due on YYYYMMDD: six months later, the day kept or the last of a shorter
// month (2021-08-31 -> 2022-02-28).
std::int32_t six_months_after(std::int32_t ymd)
{
    int y = int(ymd / 10000), m = int(ymd / 100 % 100) + core::k_mitigation_review_months;
    const int d = int(ymd % 100);
    while (m > 12) {
        m -= 12;
        ++y;
    }
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    const int last = days[m - 1] + (m == 2 && leap ? 1 : 0);
    return std::int32_t(y * 10000 + m * 100 + std::min(d, last));
}

std::string_view column_view(sqlite3_stmt* st, int c)
{
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st, c));
    return p ? std::string_view(p) : std::string_view(); // codes hold no NUL
}

} // namespace

std::string register_date(std::int32_t d)
{
    if (d <= 0)
        return {};
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", int(d / 10000), int(d / 100 % 100), int(d % 100));
    return text;
}

const std::string& RegisterList::site_code(const RegisterRow& r) const
{
    static const std::string none;
    return r.site >= 0 && std::size_t(r.site) < sites.size() ? sites[std::size_t(r.site)].code : none;
}

std::string_view RegisterList::area_code(const RegisterRow& r) const
{
    const auto areas = core::risk_areas();
    return r.area < areas.size() ? areas[r.area].code : std::string_view();
}

RegisterList list_register(SQLite::Database& db, const RiskFilter& filter)
{
    const std::int32_t on = day_number(checked_date(filter.on));
    RegisterList out;
    try {
        // The sites by code (one for a site's risks); their position is the row's site.
        std::vector<std::pair<std::int64_t, std::int32_t>> site_of_id; // site id -> position, sorted by id
        {
            RawStatement s(db, filter.site_code ? "SELECT id, code, name FROM site WHERE code = :code"
                                                : "SELECT id, code, name FROM site ORDER BY code");
            if (filter.site_code)
                s.bind(":code", *filter.site_code);
            while (s.step()) {
                site_of_id.emplace_back(sqlite3_column_int64(s.get(), 0), std::int32_t(out.sites.size()));
                out.sites.push_back({text(s.get(), 1), text(s.get(), 2)});
            }
        }
        if (filter.site_code && out.sites.empty())
            throw InvalidInput(core::format(core::tr("no site has the code '%1'"), {*filter.site_code}));
        std::sort(site_of_id.begin(), site_of_id.end());
        // Site ids are dense in practice: a direct table from id to position then.
        std::vector<std::int32_t> site_at;
        if (!site_of_id.empty() && site_of_id.front().first >= 0 &&
            site_of_id.back().first < std::int64_t(4 * site_of_id.size() + 1024)) {
            site_at.assign(std::size_t(site_of_id.back().first) + 1, std::int32_t(out.sites.size()));
            for (const auto& [id, position] : site_of_id)
                site_at[std::size_t(id)] = position;
        }

        // The narrow rows of integers migration 14 keeps for this list (risk_list).
        // Pairs of values packed by SQLite into one integer: each value read through the C
        // API costs a call that locks the connection (242,500 rows).
        std::string sql = "SELECT l.risk_id, l.site_id, l.state, l.counts, l.opened_on | (l.assessed_on << 32), "
                          "l.decided_on | (l.review_from << 32)";
        const std::string needle = lower(filter.text);
        if (!needle.empty())
            sql += ", r.title, r.risk_area FROM risk_list l JOIN risk r ON r.id = l.risk_id"; // to search them
        else
            sql += " FROM risk_list l";
        std::vector<std::string> where;
        if (filter.site_code)
            where.push_back("l.site_id = :site");
        if (!filter.include_closed)
            where.push_back("(l.state >> 28) & 1 = 1");
        if (filter.level)
            where.push_back("(l.state >> 20) & 15 = :level");
        if (filter.red_flag_only)
            where.push_back("(l.state >> 16) & 1 = 1");
        for (std::size_t i = 0; i < where.size(); ++i)
            sql += (i == 0 ? " WHERE " : " AND ") + where[i];
        RawStatement q(db, sql);
        if (filter.site_code)
            q.bind(":site", site_of_id.front().first);
        if (filter.level)
            q.bind(":level", std::int64_t(*filter.level));
        // Area positions (risk_area.position) to taxonomy order.
        std::vector<std::uint8_t> area_of_position(256, std::uint8_t(core::risk_areas().size()));
        {
            const auto& areas = area_infos();
            RawStatement a(db, "SELECT position, code FROM risk_area");
            while (a.step()) {
                const auto position = sqlite3_column_int64(a.get(), 0);
                const auto it = areas.find(column_view(a.get(), 1));
                if (position >= 0 && position < 256 && it != areas.end())
                    area_of_position[std::size_t(position)] = std::uint8_t(it->second.rank);
            }
        }
        auto* st = q.get();
        std::vector<RegisterRow> rows;
        {
            RawStatement n(db, filter.include_closed ? "SELECT coalesce(sum(n), 0) FROM risk_tally"
                                                     : "SELECT coalesce(sum(n), 0) FROM risk_tally WHERE status = 'open'");
            if (!filter.site_code && n.step())
                rows.reserve(std::size_t(std::max<sqlite3_int64>(0, sqlite3_column_int64(n.get(), 0))));
        }
        std::vector<std::uint32_t> per_site(out.sites.size() + 1, 0); // the last: a site not found
        while (q.step()) {
            RegisterRow r;
            r.id = sqlite3_column_int64(st, 0);
            const std::int64_t site_id = sqlite3_column_int64(st, 1);
            if (site_id >= 0 && std::size_t(site_id) < site_at.size()) {
                r.site = site_at[std::size_t(site_id)];
            } else {
                const auto site = std::lower_bound(site_of_id.begin(), site_of_id.end(),
                                                   std::pair<std::int64_t, std::int32_t>(site_id, -1));
                r.site = site != site_of_id.end() && site->first == site_id ? site->second
                                                                           : std::int32_t(out.sites.size());
            }
            if (!needle.empty()) {
                // In the title, site code or name, area code (case-insensitive).
                std::string hay = text(st, 6);
                if (std::size_t(r.site) < out.sites.size())
                    hay += ' ' + out.sites[std::size_t(r.site)].code + ' ' + out.sites[std::size_t(r.site)].name;
                hay += ' ' + text(st, 7);
                if (lower(std::move(hay)).find(needle) == std::string::npos)
                    continue;
            }
            const std::int64_t state = sqlite3_column_int64(st, 2);
            r.area = area_of_position[std::size_t(state & 0xFF)];
            r.severity = std::uint8_t((state >> 8) & 0xF);
            r.likelihood = std::uint8_t((state >> 12) & 0xF);
            r.red_flag = (state >> 16) & 1;
            if (const int level = int((state >> 20) & 0xF); level >= 1 && level <= 4)
                r.level = core::RiskLevel(level);
            if (const int decision = int((state >> 24) & 0xF); decision >= 1 && decision <= 3)
                r.decision = core::EscalationDecision(decision - 1);
            r.open = (state >> 28) & 1;
            const std::int64_t counts = sqlite3_column_int64(st, 3);
            r.open_actions = counts & 0xFFFFFFFF;
            r.incidents = counts >> 32;
            const std::int64_t opened_assessed = sqlite3_column_int64(st, 4);
            r.opened_on = std::int32_t(opened_assessed & 0xFFFFFFFF);
            r.assessed_on = std::int32_t(opened_assessed >> 32);
            const std::int64_t decided_review = sqlite3_column_int64(st, 5);
            r.decided_on = std::int32_t(decided_review & 0xFFFFFFFF);
            r.decision_needed = r.red_flag && !r.decision;
            if (r.decision == core::EscalationDecision::Mitigate && r.decided_on > 0) {
                // Six months after the decision, or after its latest review (as read_row).
                r.review_due = six_months_after(std::max(std::int32_t(decided_review >> 32), r.decided_on));
                r.review_overdue = r.open && r.review_due < on;
            }
            ++per_site[std::size_t(r.site)];
            rows.push_back(r);
        }
        // By site (a counting sort: the rows of a site are together in the table, so this
        // copies runs), then each site's few rows by taxonomy order, opening date, id.
        std::vector<std::uint32_t> start(per_site.size() + 1, 0);
        for (std::size_t i = 0; i < per_site.size(); ++i)
            start[i + 1] = start[i] + per_site[i];
        out.rows.resize(rows.size());
        std::vector<std::uint32_t> next(start.begin(), start.end() - 1);
        for (const auto& r : rows)
            out.rows[next[std::size_t(r.site)]++] = r;
        for (std::size_t i = 0; i < per_site.size(); ++i)
            std::sort(out.rows.begin() + start[i], out.rows.begin() + start[i + 1],
                      [](const RegisterRow& a, const RegisterRow& b) {
                          if (a.area != b.area)
                              return a.area < b.area;
                          if (a.opened_on != b.opened_on)
                              return a.opened_on < b.opened_on;
                          return a.id < b.id;
                      });
        return out;
    } catch (const SQLite::Exception& e) {
        throw StorageError(core::format(core::tr("Could not read the risk register: %1"), {e.what()}));
    }
}

std::optional<RiskRow> find_risk(SQLite::Database& db, std::int64_t id, const std::string& on)
{
    const std::string date = checked_date(on);
    try {
        RawStatement q(db, std::string("SELECT ") + k_row_columns +
                               ", s.code, s.name FROM risk r JOIN site s ON s.id = r.site_id WHERE r.id = :id");
        q.bind(":id", id);
        if (!q.step())
            return std::nullopt;
        auto* st = q.get();
        RiskRow r = read_row(st, date);
        r.site_code = text(st, 18);
        r.site_name = text(st, 19);
        return r;
    } catch (const SQLite::Exception& e) {
        throw StorageError(core::format(core::tr("Could not read the risk register: %1"), {e.what()}));
    }
}

RiskOverview risk_overview(SQLite::Database& db)
{
    RiskOverview out;
    std::map<std::string, std::size_t> index;
    for (const auto& area : core::risk_areas()) {
        index.emplace(std::string(area.code), out.areas.size());
        RiskAreaSummary s;
        s.area = std::string(area.code);
        s.category = std::string(area.category);
        out.areas.push_back(std::move(s));
    }
    auto at = [&](const std::string& code) -> RiskAreaSummary* {
        auto it = index.find(code);
        return it == index.end() ? nullptr : &out.areas[it->second];
    };
    try {
        SQLite::Statement risks(db, "SELECT risk_area, level, red_flag, n FROM risk_tally WHERE status = 'open' AND n > 0");
        while (risks.executeStep()) {
            auto* s = at(risks.getColumn(0).getString());
            if (!s)
                continue;
            const std::int64_t n = risks.getColumn(3).getInt64();
            s->open_risks += n;
            if (const auto level = core::risk_level_from_code(risks.getColumn(1).getString()))
                s->by_level[int(*level) - 1] += n;
            else
                s->unassessed += n;
            if (risks.getColumn(2).getInt() != 0)
                s->red_flags += n;
        }
        SQLite::Statement actions(db, "SELECT risk_area, sum(n) FROM action_tally "
                                      "WHERE status IN ('issued', 'in_progress') GROUP BY risk_area");
        while (actions.executeStep())
            if (auto* s = at(actions.getColumn(0).getString()))
                s->open_actions = actions.getColumn(1).getInt64();
        SQLite::Statement incidents(db, "SELECT risk_area, n FROM incident_tally WHERE status = 'verified'");
        while (incidents.executeStep())
            if (auto* s = at(incidents.getColumn(0).getString()))
                s->verified_incidents = incidents.getColumn(1).getInt64();
    } catch (const SQLite::Exception& e) {
        throw StorageError(core::format(core::tr("Could not read the risk register: %1"), {e.what()}));
    }
    for (const auto& s : out.areas) {
        out.total.open_risks += s.open_risks;
        out.total.unassessed += s.unassessed;
        for (int i = 0; i < 4; ++i)
            out.total.by_level[i] += s.by_level[i];
        out.total.red_flags += s.red_flags;
        out.total.open_actions += s.open_actions;
        out.total.verified_incidents += s.verified_incidents;
    }
    return out;
}

RiskDetail risk_detail(SQLite::Database& db, std::int64_t id, const std::string& on)
{
    auto row = find_risk(db, id, on);
    if (!row)
        throw InvalidInput(core::format(core::tr("no risk has the id %1"), {std::to_string(id)}));
    RiskDetail d;
    d.risk = std::move(*row);
    try {
        SQLite::Statement h(db, "SELECT a.id, mv.version, mv.name, a.severity, a.likelihood, a.level, a.red_flag, "
                                "a.escalation_decision, a.escalation_on, a.rationale, a.assessor, a.assessed_on "
                                "FROM risk_assessment a JOIN matrix_version mv ON mv.id = a.matrix_version_id "
                                "WHERE a.risk_id = ? ORDER BY a.assessed_on, a.id");
        h.bind(1, id);
        while (h.executeStep()) {
            AssessmentRecordRow a;
            a.id = h.getColumn(0).getInt64();
            a.matrix_version = h.getColumn(1).getInt();
            a.matrix_name = h.getColumn(2).getString();
            a.severity = h.getColumn(3).getInt();
            a.likelihood = h.getColumn(4).getInt();
            a.level = core::risk_level_from_code(h.getColumn(5).getString()).value_or(core::RiskLevel::Low);
            a.red_flag = h.getColumn(6).getInt() != 0;
            a.decision = text_or_empty(h.getColumn(7));
            a.decided_on = text_or_empty(h.getColumn(8));
            a.rationale = h.getColumn(9).getString();
            a.assessor = h.getColumn(10).getString();
            a.assessed_on = h.getColumn(11).getString();
            d.history.push_back(std::move(a));
        }
        SQLite::Statement dec(db, "SELECT id, kind, decision, dated_on, note, decided_by, coalesce(assessment_id, 0) "
                                  "FROM risk_decision WHERE risk_id = ? ORDER BY dated_on, id");
        dec.bind(1, id);
        while (dec.executeStep()) {
            RiskDecisionRow r;
            r.id = dec.getColumn(0).getInt64();
            r.review = dec.getColumn(1).getString() == "review";
            r.decision = dec.getColumn(2).getString();
            r.dated_on = dec.getColumn(3).getString();
            r.note = dec.getColumn(4).getString();
            r.decided_by = dec.getColumn(5).getString();
            r.assessment_id = dec.getColumn(6).getInt64();
            d.decisions.push_back(std::move(r));
        }
        SQLite::Statement inc(db, "SELECT i.id, i.observed_on, i.annex_flag, i.description, i.status "
                                  "FROM risk_incident ri JOIN incident i ON i.id = ri.incident_id "
                                  "WHERE ri.risk_id = ? ORDER BY i.observed_on DESC, i.id DESC");
        inc.bind(1, id);
        std::map<std::string, std::int64_t> months;
        while (inc.executeStep()) {
            RiskIncidentRow r;
            r.id = inc.getColumn(0).getInt64();
            r.observed_on = inc.getColumn(1).getString();
            r.annex_flag = inc.getColumn(2).getInt() != 0;
            r.description = inc.getColumn(3).getString();
            if (inc.getColumn(4).getString() == "verified" && r.observed_on.size() >= 7)
                ++months[r.observed_on.substr(0, 7)];
            d.incidents.push_back(std::move(r));
        }
        if (!months.empty()) {
            int y = std::stoi(months.begin()->first.substr(0, 4));
            int m = std::stoi(months.begin()->first.substr(5, 2));
            const std::string last = months.rbegin()->first;
            for (;;) {
                char key[32];
                std::snprintf(key, sizeof key, "%04d-%02d", y, m);
                auto it = months.find(key);
                d.trend.push_back({key, it == months.end() ? 0 : it->second});
                if (key == last || d.trend.size() > 600)
                    break;
                if (++m == 13) {
                    m = 1;
                    ++y;
                }
            }
        }
    } catch (const SQLite::Exception& e) {
        throw StorageError(core::format(core::tr("Could not read the risk register: %1"), {e.what()}));
    }
    return d;
}

} // namespace mwangaza::store
