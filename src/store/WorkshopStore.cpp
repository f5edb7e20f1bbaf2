#include "store/WorkshopStore.hpp"

#include "core/Error.hpp"
#include "core/I18n.hpp"
#include "core/Json.hpp"
#include "core/Kpi.hpp"
#include "store/ActionStore.hpp"
#include "store/Database.hpp"
#include "store/WriteScope.hpp"

#include <SQLiteCpp/Statement.h>

#include <set>

namespace mwangaza::store {

namespace {

using core::format;
using core::tr;

bool blank(const std::string& s)
{
    return s.find_first_not_of(" \t\r\n") == std::string::npos;
}

std::string text(SQLite::Statement& q, int column)
{
    return q.getColumn(column).isNull() ? std::string() : q.getColumn(column).getString();
}

std::int64_t site_id_of(SQLite::Database& sql, const std::string& code)
{
    SQLite::Statement q(sql, "SELECT id FROM site WHERE code = ?");
    q.bind(1, code);
    if (!q.executeStep())
        throw InvalidInput(format(tr("no site has the code '%1'"), {code}));
    return q.getColumn(0).getInt64();
}

void check_date(const std::string& date, const char* field)
{
    if (!core::is_iso_date(date))
        throw InvalidInput(format(tr("%1: '%2' is not a date (YYYY-MM-DD)"), {field, date}));
}

// The summary columns of a workshop, for the queries below (w is the workshop, s the site).
constexpr const char* k_summary_columns = R"(
    w.id, s.code, s.name, w.held_on, w.facilitator,
    (SELECT count(*) FROM workshop_attendee t WHERE t.workshop_id = w.id),
    (SELECT count(*) FROM corrective_action a WHERE a.issued_workshop_id = w.id),
    (SELECT count(*) FROM action_progress p WHERE p.workshop_id = w.id),
    w.minutes IS NOT NULL AND w.minutes <> '')";

WorkshopSummary read_summary(SQLite::Statement& q, int first = 0)
{
    WorkshopSummary w;
    w.id = q.getColumn(first).getInt64();
    w.site_code = text(q, first + 1);
    w.site_name = text(q, first + 2);
    w.held_on = text(q, first + 3);
    w.facilitator = text(q, first + 4);
    w.attendees = q.getColumn(first + 5).getInt64();
    w.actions_issued = q.getColumn(first + 6).getInt64();
    w.progress_updates = q.getColumn(first + 7).getInt64();
    w.recorded = q.getColumn(first + 8).getInt() != 0 || w.attendees > 0;
    return w;
}

} // namespace

std::int64_t plan_workshop(Database& db, const WorkshopPlan& plan)
{
    check_date(plan.held_on, "--on");
    if (blank(plan.actor))
        throw InvalidInput(tr("who plans the workshop is not known (give --as NAME)"));
    auto& sql = db.sql();
    try {
        WriteScope scope(sql);
        const std::int64_t site = site_id_of(sql, plan.site_code);
        SQLite::Statement same(sql, "SELECT id FROM workshop WHERE site_id = ? AND held_on = ?");
        same.bind(1, site);
        same.bind(2, plan.held_on);
        if (same.executeStep())
            throw InvalidInput(format(tr("site %1 already has a workshop on %2 (number %3)"),
                                      {plan.site_code, plan.held_on, std::to_string(same.getColumn(0).getInt64())}));
        SQLite::Statement insert(sql, "INSERT INTO workshop (site_id, held_on, facilitator) VALUES (?, ?, ?)");
        insert.bind(1, site);
        insert.bind(2, plan.held_on);
        if (blank(plan.facilitator))
            insert.bind(3);
        else
            insert.bind(3, plan.facilitator);
        insert.exec();
        const std::int64_t id = sql.getLastInsertRowid();
        db.audit(plan.actor, "workshop", id, "plan", "",
                 "{\"site\":" + core::json_string(plan.site_code) + ",\"held_on\":" + core::json_string(plan.held_on) +
                     ",\"facilitator\":" + core::json_string(plan.facilitator) + "}");
        scope.commit();
        return id;
    } catch (const SQLite::Exception& e) {
        throw StorageError(format(tr("cannot plan the workshop: %1"), {e.what()}));
    }
}

std::vector<WorkshopSummary> list_workshops(Database& db, const std::optional<std::string>& site_code)
{
    auto& sql = db.sql();
    try {
        std::vector<WorkshopSummary> out;
        std::string query = std::string("SELECT ") + k_summary_columns +
                            " FROM workshop w JOIN site s ON s.id = w.site_id";
        std::int64_t site = 0;
        if (site_code) {
            site = site_id_of(sql, *site_code);
            query += " WHERE w.site_id = ?";
        }
        query += " ORDER BY w.held_on DESC, w.id DESC";
        SQLite::Statement q(sql, query);
        if (site_code)
            q.bind(1, site);
        while (q.executeStep())
            out.push_back(read_summary(q));
        return out;
    } catch (const SQLite::Exception& e) {
        throw StorageError(format(tr("cannot list the workshops: %1"), {e.what()}));
    }
}

std::vector<SiteWorkshops> list_site_workshops(Database& db, const std::string& today)
{
    auto& sql = db.sql();
    try {
        std::vector<SiteWorkshops> out;
        SQLite::Statement sites(sql, "SELECT id, code, name, country, active FROM site ORDER BY code");
        SQLite::Statement last(sql, std::string("SELECT ") + k_summary_columns +
                                        " FROM workshop w JOIN site s ON s.id = w.site_id WHERE w.site_id = ? "
                                        "AND w.held_on <= ? ORDER BY w.held_on DESC, w.id DESC LIMIT 1");
        SQLite::Statement next(sql, std::string("SELECT ") + k_summary_columns +
                                        " FROM workshop w JOIN site s ON s.id = w.site_id WHERE w.site_id = ? "
                                        "AND w.held_on > ? ORDER BY w.held_on, w.id LIMIT 1");
        while (sites.executeStep()) {
            SiteWorkshops s;
            s.site_id = sites.getColumn(0).getInt64();
            s.code = text(sites, 1);
            s.name = text(sites, 2);
            s.country = text(sites, 3);
            s.active = sites.getColumn(4).getInt() != 0;
            for (auto* q : {&last, &next}) {
                q->reset();
                q->bind(1, s.site_id);
                q->bind(2, today);
                if (q->executeStep())
                    (q == &last ? s.last : s.next) = read_summary(*q);
            }
            out.push_back(std::move(s));
        }
        return out;
    } catch (const SQLite::Exception& e) {
        throw StorageError(format(tr("cannot list the workshops: %1"), {e.what()}));
    }
}

WorkshopSite workshop_site(Database& db, std::int64_t workshop_id)
{
    SQLite::Statement q(db.sql(), "SELECT w.id, s.id, s.code, s.name, w.held_on, w.facilitator, w.minutes "
                                  "FROM workshop w JOIN site s ON s.id = w.site_id WHERE w.id = ?");
    q.bind(1, workshop_id);
    if (!q.executeStep())
        throw InvalidInput(format(tr("no workshop has the number %1"), {std::to_string(workshop_id)}));
    return WorkshopSite{q.getColumn(0).getInt64(), q.getColumn(1).getInt64(), text(q, 2), text(q, 3),
                        text(q, 4),             text(q, 5),                text(q, 6)};
}

WorkshopChoices workshop_choices(Database& db, std::int64_t workshop_id)
{
    const WorkshopSite w = workshop_site(db, workshop_id);
    auto& sql = db.sql();
    WorkshopChoices c;
    SQLite::Statement st(sql, "SELECT k.id, k.name, k.type FROM stakeholder k JOIN stakeholder_site ks "
                              "ON ks.stakeholder_id = k.id WHERE ks.site_id = ? ORDER BY k.name");
    st.bind(1, w.site_id);
    while (st.executeStep())
        c.stakeholders.push_back({st.getColumn(0).getInt64(), text(st, 1), text(st, 2), "", ""});
    SQLite::Statement ac(sql, "SELECT a.id, a.title, k.name, a.status, a.due_on FROM corrective_action a "
                              "LEFT JOIN stakeholder k ON k.id = a.responsible_id "
                              "WHERE a.site_id = ? AND a.status IN ('draft', 'issued', 'in_progress') "
                              "ORDER BY a.status <> 'draft', a.due_on IS NULL, a.due_on, a.id");
    ac.bind(1, w.site_id);
    while (ac.executeStep()) {
        WorkshopChoice a{ac.getColumn(0).getInt64(), text(ac, 1), text(ac, 2), text(ac, 3), text(ac, 4)};
        (a.status == "draft" ? c.drafts : c.open_actions).push_back(std::move(a));
    }
    SQLite::Statement at(sql, "SELECT name, coalesce(role, '') FROM workshop_attendee WHERE workshop_id = ? ORDER BY id");
    at.bind(1, workshop_id);
    while (at.executeStep())
        c.attendees.emplace_back(text(at, 0), text(at, 1));
    return c;
}

WorkshopRecordResult record_workshop(Database& db, const WorkshopRecord& record)
{
    if (blank(record.actor))
        throw InvalidInput(tr("who records the workshop is not known (give --as NAME)"));
    if (!record.held_on.empty())
        check_date(record.held_on, "--on");
    auto& sql = db.sql();
    const std::string id_text = std::to_string(record.workshop_id);
    try {
        WriteScope scope(sql);
        const WorkshopSite w = workshop_site(db, record.workshop_id);
        const std::string held_on = record.held_on.empty() ? w.held_on : record.held_on;

        SQLite::Statement update(sql, "UPDATE workshop SET held_on = ?, minutes = ? WHERE id = ?");
        update.bind(1, held_on);
        if (blank(record.minutes))
            update.bind(2, w.minutes);
        else
            update.bind(2, record.minutes);
        update.bind(3, record.workshop_id);
        update.exec();

        WorkshopRecordResult result;
        if (!record.attendees.empty()) {
            SQLite::Statement clear(sql, "DELETE FROM workshop_attendee WHERE workshop_id = ?");
            clear.bind(1, record.workshop_id);
            clear.exec();
            SQLite::Statement name_of(sql, "SELECT name FROM stakeholder WHERE id = ?");
            SQLite::Statement insert(sql, "INSERT INTO workshop_attendee (workshop_id, stakeholder_id, name, role) "
                                          "VALUES (?, ?, ?, ?)");
            for (const auto& a : record.attendees) {
                std::string name = a.name;
                if (a.stakeholder_id) {
                    name_of.reset();
                    name_of.bind(1, *a.stakeholder_id);
                    if (!name_of.executeStep())
                        throw InvalidInput(format(tr("attendee: no stakeholder has the number %1"),
                                                  {std::to_string(*a.stakeholder_id)}));
                    if (blank(name))
                        name = text(name_of, 0);
                }
                if (blank(name))
                    throw InvalidInput(tr("attendee: a name is needed"));
                insert.reset();
                insert.bind(1, record.workshop_id);
                if (a.stakeholder_id)
                    insert.bind(2, *a.stakeholder_id);
                else
                    insert.bind(2);
                insert.bind(3, name);
                if (blank(a.role))
                    insert.bind(4);
                else
                    insert.bind(4, a.role);
                insert.exec();
                ++result.attendees;
            }
        }

        // Actions of this site only.
        SQLite::Statement site_of(sql, "SELECT site_id, status FROM corrective_action WHERE id = ?");
        auto check_action = [&](std::int64_t action) {
            site_of.reset();
            site_of.bind(1, action);
            if (!site_of.executeStep())
                throw InvalidInput(format(tr("no corrective action has the number %1"), {std::to_string(action)}));
            if (site_of.getColumn(0).getInt64() != w.site_id)
                throw InvalidInput(format(tr("action %1 is not at site %2, where workshop %3 is held"),
                                          {std::to_string(action), w.site_code, id_text}));
            return text(site_of, 1);
        };
        std::set<std::int64_t> seen;
        for (std::int64_t action : record.issue) {
            if (!seen.insert(action).second)
                continue;
            const std::string status = check_action(action);
            if (status != "draft")
                throw InvalidInput(format(tr("action %1 cannot be issued: it is %2, not a draft"),
                                          {std::to_string(action), status}));
            ActionStatusChange change;
            change.action_id = action;
            change.to = core::ActionStatus::Issued;
            change.note = format(tr("Issued at the CAP workshop of %1"), {held_on});
            change.on = held_on;
            change.workshop_id = record.workshop_id;
            change.actor = record.actor;
            change_action_status(db, change);
            ++result.issued;
        }
        for (const auto& p : record.progress) {
            check_action(p.action_id);
            if (p.to) {
                ActionStatusChange change;
                change.action_id = p.action_id;
                change.to = *p.to;
                change.reason = p.reason;
                change.note = p.note;
                change.on = held_on;
                change.workshop_id = record.workshop_id;
                change.actor = record.actor;
                change_action_status(db, change);
            } else {
                ProgressUpdate update;
                update.action_id = p.action_id;
                update.note = p.note;
                update.on = held_on;
                update.workshop_id = record.workshop_id;
                update.actor = record.actor;
                add_action_progress(db, update);
            }
            ++result.progress_updates;
        }
        db.audit(record.actor, "workshop", record.workshop_id, "record",
                 "{\"held_on\":" + core::json_string(w.held_on) + "}",
                 "{\"held_on\":" + core::json_string(held_on) + ",\"attendees\":" + std::to_string(result.attendees) +
                     ",\"issued\":" + std::to_string(result.issued) +
                     ",\"progress\":" + std::to_string(result.progress_updates) + "}");
        scope.commit();
        return result;
    } catch (const SQLite::Exception& e) {
        throw StorageError(format(tr("cannot record workshop %1: %2"), {id_text, e.what()}));
    }
}

} // namespace mwangaza::store
