#include "store/WorkshopPackQuery.hpp"

#include "core/Error.hpp"
#include "core/I18n.hpp"
#include "core/Kpi.hpp"
#include "core/Taxonomy.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <cstdio>
#include <map>

namespace mwangaza::store {

namespace {

using core::format;
using core::tr;

std::string text(SQLite::Statement& q, int column)
{
    return q.getColumn(column).isNull() ? std::string() : q.getColumn(column).getString();
}

std::optional<std::string> optional_text(SQLite::Statement& q, int column)
{
    if (q.getColumn(column).isNull())
        return std::nullopt;
    return q.getColumn(column).getString();
}

// "2021-07" -> {2021, 7}; InvalidInput for anything else.
std::pair<int, int> parse_month(const std::string& month)
{
    if (month.size() == 7 && month[4] == '-' && core::is_iso_date(month + "-01"))
        return {std::stoi(month.substr(0, 4)), std::stoi(month.substr(5, 2))};
    throw InvalidInput(format(tr("the month must be written YYYY-MM, not '%1'"), {month}));
}

std::string month_text(int year, int month)
{
    while (month < 1) {
        month += 12;
        --year;
    }
    while (month > 12) {
        month -= 12;
        ++year;
    }
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
    return buf;
}

int days_in_month(int year, int month)
{
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

// A short summary of a free-text description: whitespace folded, cut at a word.
std::string summary(const std::string& description, std::size_t limit = 180)
{
    std::string s;
    for (char c : description) {
        const bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
        if (space) {
            if (!s.empty() && s.back() != ' ')
                s += ' ';
        } else {
            s += c;
        }
    }
    while (!s.empty() && s.back() == ' ')
        s.pop_back();
    if (s.size() <= limit)
        return s;
    std::size_t cut = s.rfind(' ', limit);
    if (cut == std::string::npos || cut < limit / 2)
        cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) // not inside a UTF-8 sequence
        --cut;
    return s.substr(0, cut) + "\u2026";
}

// The status of an action on `day`: its last recorded change on or before that day; an
// action issued by then with no change recorded is "issued".
constexpr const char* k_status_on = R"(
    COALESCE((SELECT p.to_status FROM action_progress p
              WHERE p.action_id = a.id AND p.recorded_on <= :day
              ORDER BY p.recorded_on DESC, p.id DESC LIMIT 1), 'issued'))";

void read_site(SQLite::Database& db, const std::string& code, WorkshopPackData& d)
{
    SQLite::Statement q(db, "SELECT id, code, name, country, province, territory, minerals, operator "
                            "FROM site WHERE code = ?");
    q.bind(1, code);
    if (!q.executeStep())
        throw InvalidInput(format(tr("no site has the code '%1'"), {code}));
    d.site.id = q.getColumn(0).getInt64();
    d.site.code = text(q, 1);
    d.site.name = text(q, 2);
    d.site.country = text(q, 3);
    d.site.province = text(q, 4);
    d.site.territory = text(q, 5);
    d.site.minerals = text(q, 6);
    d.site.operator_name = text(q, 7);
}

void read_workshops(SQLite::Database& db, WorkshopPackData& d, const std::string& first_day,
                    const std::string& last_day)
{
    SQLite::Statement q(db, "SELECT id, held_on, facilitator FROM workshop "
                            "WHERE site_id = ? AND held_on >= ? AND held_on <= ? ORDER BY held_on, id LIMIT 1");
    q.bind(1, d.site.id);
    q.bind(2, first_day);
    q.bind(3, last_day);
    if (q.executeStep())
        d.workshop = PackWorkshop{q.getColumn(0).getInt64(), text(q, 1), text(q, 2)};
    d.reference_date = d.workshop ? d.workshop->held_on : last_day;

    SQLite::Statement p(db, "SELECT id, held_on, facilitator FROM workshop "
                            "WHERE site_id = ? AND held_on < ? ORDER BY held_on DESC, id DESC LIMIT 1");
    p.bind(1, d.site.id);
    p.bind(2, d.workshop ? d.workshop->held_on : first_day);
    if (p.executeStep())
        d.previous = PackWorkshop{p.getColumn(0).getInt64(), text(p, 1), text(p, 2)};

    if (d.workshop) {
        SQLite::Statement a(db, "SELECT count(*) FROM workshop_attendee WHERE workshop_id = ?");
        a.bind(1, d.workshop->id);
        a.executeStep();
        d.attendees = a.getColumn(0).getInt64();
    }
}

// Verified incidents observed after the previous workshop, up to the reference date.
void read_incidents(SQLite::Database& db, WorkshopPackData& d, std::size_t limit)
{
    const std::string after = d.previous ? d.previous->held_on : std::string("0000-00-00");
    SQLite::Statement q(db, "SELECT risk_area, count(*), sum(children), sum(women), sum(men) FROM incident "
                            "WHERE site_id = ? AND status = 'verified' AND observed_on > ? AND observed_on <= ? "
                            "GROUP BY risk_area");
    q.bind(1, d.site.id);
    q.bind(2, after);
    q.bind(3, d.reference_date);
    while (q.executeStep()) {
        PackAreaCount c{text(q, 0), q.getColumn(1).getInt64(), q.getColumn(2).getInt64(), q.getColumn(3).getInt64(),
                        q.getColumn(4).getInt64()};
        d.incidents_total += c.incidents;
        d.incidents_by_area.push_back(std::move(c));
    }
    std::stable_sort(d.incidents_by_area.begin(), d.incidents_by_area.end(),
                     [](const PackAreaCount& a, const PackAreaCount& b) { return a.incidents > b.incidents; });

    SQLite::Statement l(db, "SELECT id, observed_on, risk_area, description, children, women, men FROM incident "
                            "WHERE site_id = ? AND status = 'verified' AND observed_on > ? AND observed_on <= ? "
                            "ORDER BY observed_on DESC, id DESC LIMIT ?");
    l.bind(1, d.site.id);
    l.bind(2, after);
    l.bind(3, d.reference_date);
    l.bind(4, static_cast<std::int64_t>(limit));
    while (l.executeStep())
        d.incidents.push_back(PackIncident{l.getColumn(0).getInt64(), text(l, 1), text(l, 2), summary(text(l, 3)),
                                           l.getColumn(4).getInt64(), l.getColumn(5).getInt64(),
                                           l.getColumn(6).getInt64()});
}

// Open risks at the site on the reference date whose level on that date differs from
// their level on the previous workshop's date (or that were first assessed since).
void read_risks(SQLite::Database& db, WorkshopPackData& d)
{
    const std::string before_day = d.previous ? d.previous->held_on : std::string("0000-00-00");
    // risk(risk_area, site_id) is the index: every area, then the site.
    SQLite::Statement q(db, R"(
        SELECT r.id, r.risk_area, r.title,
               (SELECT level FROM risk_assessment ra WHERE ra.risk_id = r.id AND ra.assessed_on <= :before
                ORDER BY ra.assessed_on DESC, ra.id DESC LIMIT 1),
               now.level, now.assessed_on, now.red_flag
        FROM risk r
        JOIN risk_assessment now ON now.id = (SELECT id FROM risk_assessment ra WHERE ra.risk_id = r.id
                                              AND ra.assessed_on <= :day ORDER BY ra.assessed_on DESC, ra.id DESC LIMIT 1)
        WHERE r.risk_area IN (SELECT code FROM risk_area) AND r.site_id = :site
          AND r.opened_on <= :day AND (r.closed_on IS NULL OR r.closed_on > :day)
        ORDER BY r.id)");
    q.bind(":before", before_day);
    q.bind(":day", d.reference_date);
    q.bind(":site", d.site.id);
    while (q.executeStep()) {
        ++d.open_risks;
        PackRiskChange c;
        c.risk_id = q.getColumn(0).getInt64();
        c.area = text(q, 1);
        c.title = text(q, 2);
        c.before = optional_text(q, 3);
        c.after = text(q, 4);
        c.assessed_on = text(q, 5);
        c.red_flag = q.getColumn(6).getInt() != 0;
        if (!c.before || *c.before != c.after)
            d.risk_changes.push_back(std::move(c));
    }
}

// An action's columns as both action queries of the pack read them (0..5), and its joins.
constexpr const char* k_action_columns = "SELECT a.id, a.title, r.risk_area, s.name, a.priority, a.due_on";
constexpr const char* k_action_joins = " FROM corrective_action a JOIN risk r ON r.id = a.risk_id "
                                       "LEFT JOIN stakeholder s ON s.id = a.responsible_id ";

PackAction action_row(SQLite::Statement& q)
{
    PackAction a;
    a.id = q.getColumn(0).getInt64();
    a.title = text(q, 1);
    a.area = text(q, 2);
    a.responsible = text(q, 3);
    a.priority = text(q, 4);
    a.due_on = optional_text(q, 5);
    return a;
}

void read_actions(SQLite::Database& db, WorkshopPackData& d)
{
    // The actions to issue at this workshop: drafted by its day and not issued before it
    // (still drafts, or issued at it or later), so a past month's pack lists what was to
    // be issued then.
    SQLite::Statement drafts(db, std::string(k_action_columns) + k_action_joins + R"(
        WHERE a.site_id = :site AND substr(a.created_at, 1, 10) <= :day
          AND (a.status = 'draft' OR (a.issued_on IS NOT NULL AND a.issued_on >= :day))
        ORDER BY CASE a.priority WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, a.id)");
    drafts.bind(":site", d.site.id);
    drafts.bind(":day", d.reference_date);
    while (drafts.executeStep()) {
        PackAction a = action_row(drafts);
        a.status = "draft";
        d.drafts.push_back(std::move(a));
    }

    // Every action issued at the site by the reference date, with its status on that day.
    SQLite::Statement q(db, std::string(k_action_columns) + ", a.issued_on, " + k_status_on + k_action_joins + R"(
        WHERE a.site_id = :site AND a.issued_on IS NOT NULL AND a.issued_on <= :day
        ORDER BY a.due_on IS NULL, a.due_on, a.id)");
    q.bind(":site", d.site.id);
    q.bind(":day", d.reference_date);
    std::map<std::string, PackStakeholderActions> by_stakeholder;
    while (q.executeStep()) {
        PackAction a = action_row(q);
        a.issued_on = optional_text(q, 6);
        a.status = text(q, 7);
        ++d.actions_issued;
        if (a.status == "in_progress" || a.status == "implemented")
            ++d.actions_progressing;
        if (a.status != "issued" && a.status != "in_progress")
            continue;
        a.overdue = a.due_on && *a.due_on < d.reference_date;
        auto& group = by_stakeholder[a.responsible];
        group.stakeholder = a.responsible;
        ++group.open;
        if (a.overdue)
            ++group.overdue;
        group.actions.push_back(std::move(a));
    }
    for (auto& [name, group] : by_stakeholder)
        d.open_by_stakeholder.push_back(std::move(group));
    std::stable_sort(d.open_by_stakeholder.begin(), d.open_by_stakeholder.end(),
                     [](const PackStakeholderActions& a, const PackStakeholderActions& b) {
                         if (a.overdue != b.overdue)
                             return a.overdue > b.overdue;
                         return a.open > b.open;
                     });
}

void read_months(SQLite::Database& db, WorkshopPackData& d, int year, int month)
{
    const auto categories = core::risk_categories();
    std::map<std::string, std::size_t> category_index;
    for (std::size_t i = 0; i < categories.size(); ++i)
        category_index[std::string(categories[i].code)] = i;
    std::map<std::string, std::size_t> month_index;
    for (int k = 5; k >= 0; --k) {
        month_index[month_text(year, month - k)] = d.months.size();
        d.months.push_back(PackMonth{month_text(year, month - k), std::vector<std::int64_t>(categories.size(), 0)});
    }
    SQLite::Statement q(db, "SELECT substr(i.observed_on, 1, 7), ra.category_code, count(*) "
                            "FROM incident i JOIN risk_area ra ON ra.code = i.risk_area "
                            "WHERE i.site_id = ? AND i.status = 'verified' AND i.observed_on >= ? AND i.observed_on <= ? "
                            "GROUP BY 1, 2");
    q.bind(1, d.site.id);
    q.bind(2, d.months.front().month + "-01");
    q.bind(3, d.months.back().month + "-31");
    while (q.executeStep()) {
        const auto m = month_index.find(text(q, 0));
        const auto c = category_index.find(text(q, 1));
        if (m != month_index.end() && c != category_index.end())
            d.months[m->second].by_category[c->second] = q.getColumn(2).getInt64();
    }
}

} // namespace

WorkshopPackData query_workshop_pack(SQLite::Database& db, const std::string& site_code, const std::string& month,
                                     std::size_t incident_limit)
{
    const auto [year, mon] = parse_month(month);
    WorkshopPackData d;
    d.month = month;
    const std::string first_day = month + "-01";
    const std::string last_day = month + "-" + std::to_string(days_in_month(year, mon));
    try {
        read_site(db, site_code, d);
        read_workshops(db, d, first_day, last_day);
        read_incidents(db, d, incident_limit);
        read_risks(db, d);
        read_actions(db, d);
        read_months(db, d, year, mon);
    } catch (const SQLite::Exception& e) {
        throw StorageError(format(tr("cannot read the workshop pack of site %1: %2"), {site_code, e.what()}));
    }
    return d;
}

} // namespace mwangaza::store
