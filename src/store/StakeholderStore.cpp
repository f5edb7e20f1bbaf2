#include "store/StakeholderStore.hpp"

#include "core/Error.hpp"
#include "core/Json.hpp"
#include "core/Kpi.hpp"
#include "core/StakeholderTypes.hpp"
#include "store/Database.hpp"
#include "store/WriteScope.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>
#include <memory>
#include <sstream>
#include <unordered_map>

namespace mwangaza::store {

namespace {

std::string trim(const std::string& s)
{
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos)
        return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

// "fr, SW ,en" -> "fr,sw,en"; throws for a code that is not 2 or 3 letters.
std::string normalise_languages(const std::string& text)
{
    std::string out;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) {
        item = trim(item);
        if (item.empty())
            continue;
        std::transform(item.begin(), item.end(), item.begin(), [](unsigned char c) { return char(std::tolower(c)); });
        const bool letters = std::all_of(item.begin(), item.end(), [](unsigned char c) { return std::isalpha(c); });
        if (!letters || item.size() < 2 || item.size() > 3)
            throw InvalidInput("languages: '" + item + "' is not a language code (two or three letters, e.g. fr, sw)");
        out += (out.empty() ? "" : ",") + item;
    }
    return out;
}

void read_sites(SQLite::Database& db, Stakeholder& s)
{
    SQLite::Statement q(db, "SELECT si.code FROM stakeholder_site x JOIN site si ON si.id = x.site_id "
                            "WHERE x.stakeholder_id = ? ORDER BY si.code");
    q.bind(1, s.id);
    while (q.executeStep())
        s.site_codes.push_back(q.getColumn(0).getString());
}

Stakeholder from_row(SQLite::Statement& q)
{
    Stakeholder s;
    s.id = q.getColumn(0).getInt64();
    s.name = q.getColumn(1).getString();
    s.type = q.getColumn(2).getString();
    s.contact = q.getColumn(3).getString();
    s.languages = q.getColumn(4).getString();
    return s;
}

std::string to_json(const Stakeholder& s)
{
    std::string sites;
    for (const auto& c : s.site_codes)
        sites += (sites.empty() ? "" : ",") + core::json_string(c);
    return "{\"name\":" + core::json_string(s.name) + ",\"type\":" + core::json_string(s.type) +
           ",\"contact\":" + core::json_string(s.contact) + ",\"languages\":" + core::json_string(s.languages) +
           ",\"sites\":[" + sites + "]}";
}

constexpr const char* k_select = "SELECT id, name, type, coalesce(contact, ''), coalesce(languages, '') FROM stakeholder";

} // namespace

std::vector<Stakeholder> list_stakeholders(SQLite::Database& db)
{
    try {
        // The stakeholders and their site links in stakeholder id order (the tables' keys),
        // merged, then sorted here: SQLite's sorts of 139,500 names and 320,500 site
        // links were most of the time on x500.
        std::vector<Stakeholder> out;
        SQLite::Statement q(db, std::string(k_select) + " ORDER BY id");
        while (q.executeStep())
            out.push_back(from_row(q));
        std::unordered_map<std::int64_t, std::string> code_of;
        SQLite::Statement sites(db, "SELECT id, code FROM site");
        while (sites.executeStep())
            code_of.emplace(sites.getColumn(0).getInt64(), sites.getColumn(1).getString());
        SQLite::Statement links(db, "SELECT stakeholder_id, site_id FROM stakeholder_site ORDER BY stakeholder_id");
        auto next = out.begin();
        while (links.executeStep()) {
            const std::int64_t id = links.getColumn(0).getInt64();
            while (next != out.end() && next->id < id)
                ++next;
            if (next == out.end())
                break;
            if (next->id == id)
                if (auto it = code_of.find(links.getColumn(1).getInt64()); it != code_of.end())
                    next->site_codes.push_back(it->second);
        }
        for (auto& st : out)
            std::sort(st.site_codes.begin(), st.site_codes.end());
        std::sort(out.begin(), out.end(), [](const Stakeholder& x, const Stakeholder& y) {
            return x.name != y.name ? x.name < y.name : x.id < y.id;
        });
        return out;
    } catch (const SQLite::Exception& e) {
        throw StorageError(std::string("cannot read the stakeholders: ") + e.what());
    }
}

Stakeholder read_stakeholder(SQLite::Database& db, std::int64_t id)
{
    try {
        SQLite::Statement q(db, std::string(k_select) + " WHERE id = ?");
        q.bind(1, id);
        if (!q.executeStep())
            throw InvalidInput("no stakeholder has the id " + std::to_string(id));
        Stakeholder s = from_row(q);
        read_sites(db, s);
        return s;
    } catch (const SQLite::Exception& e) {
        throw StorageError("cannot read stakeholder " + std::to_string(id) + ": " + e.what());
    }
}

std::int64_t save_stakeholder(Database& database, const Stakeholder& input, const std::string& actor)
{
    Stakeholder s = input;
    s.name = trim(s.name);
    s.contact = trim(s.contact);
    if (s.name.empty())
        throw InvalidInput("name: a stakeholder needs a name");
    if (!core::find_stakeholder_type(s.type)) {
        std::string codes;
        for (const auto& t : core::stakeholder_types())
            codes += (codes.empty() ? "" : ", ") + std::string(t.code);
        throw InvalidInput("type: '" + s.type + "' is not a stakeholder type (expected one of: " + codes + ")");
    }
    if (trim(actor).empty())
        throw InvalidInput("saving a stakeholder needs the name of who does it");
    s.languages = normalise_languages(s.languages);
    auto& db = database.sql();
    try {
        WriteScope scope(db);
        std::vector<std::int64_t> site_ids;
        SQLite::Statement site(db, "SELECT id FROM site WHERE code = ?");
        for (auto& code : s.site_codes) {
            code = trim(code);
            site.reset();
            site.bind(1, code);
            if (!site.executeStep())
                throw InvalidInput("sites: no site has the code '" + code + "'");
            site_ids.push_back(site.getColumn(0).getInt64());
        }
        std::sort(s.site_codes.begin(), s.site_codes.end());
        s.site_codes.erase(std::unique(s.site_codes.begin(), s.site_codes.end()), s.site_codes.end());

        std::string before;
        if (s.id != 0) {
            before = to_json(read_stakeholder(db, s.id));
            SQLite::Statement u(db, "UPDATE stakeholder SET name = ?, type = ?, contact = ?, languages = ? WHERE id = ?");
            u.bind(1, s.name);
            u.bind(2, s.type);
            u.bind(3, s.contact);
            u.bind(4, s.languages);
            u.bind(5, s.id);
            u.exec();
            SQLite::Statement clear(db, "DELETE FROM stakeholder_site WHERE stakeholder_id = ?");
            clear.bind(1, s.id);
            clear.exec();
        } else {
            SQLite::Statement i(db, "INSERT INTO stakeholder(name, type, contact, languages) VALUES (?, ?, ?, ?)");
            i.bind(1, s.name);
            i.bind(2, s.type);
            i.bind(3, s.contact);
            i.bind(4, s.languages);
            i.exec();
            s.id = db.getLastInsertRowid();
        }
        SQLite::Statement link(db, "INSERT OR IGNORE INTO stakeholder_site(stakeholder_id, site_id) VALUES (?, ?)");
        for (auto id : site_ids) {
            link.reset();
            link.bind(1, s.id);
            link.bind(2, id);
            link.exec();
        }
        database.audit(trim(actor), "stakeholder", s.id, before.empty() ? "add" : "edit", before, to_json(s));
        scope.commit();
        return s.id;
    } catch (const SQLite::Exception& e) {
        throw StorageError("cannot save the stakeholder '" + s.name + "': " + e.what());
    }
}

double StakeholderWorkload::rate() const
{
    return core::implementation_rate(progressing, issued);
}

namespace {

// Finds a workload by stakeholder id in rows in id order: through a table indexed by id
// when the ids are dense (as SQLite gives them), else by binary search.
class WorkloadsById {
public:
    explicit WorkloadsById(std::vector<StakeholderWorkload>& rows) : m_rows(rows)
    {
        const std::int64_t max_id = rows.empty() ? 0 : rows.back().stakeholder_id;
        if (max_id > 0 && max_id <= std::int64_t(rows.size()) * 4 + 1024) {
            m_slot.assign(std::size_t(max_id) + 1, -1);
            for (std::size_t i = 0; i < rows.size(); ++i)
                if (rows[i].stakeholder_id > 0)
                    m_slot[std::size_t(rows[i].stakeholder_id)] = std::int32_t(i);
        }
    }
    std::vector<StakeholderWorkload>& rows() { return m_rows; }
    StakeholderWorkload* find(std::int64_t id)
    {
        if (!m_slot.empty()) {
            if (id <= 0 || std::size_t(id) >= m_slot.size() || m_slot[std::size_t(id)] < 0)
                return nullptr;
            return &m_rows[std::size_t(m_slot[std::size_t(id)])];
        }
        auto it = std::lower_bound(m_rows.begin(), m_rows.end(), id,
                                   [](const StakeholderWorkload& w, std::int64_t v) { return w.stakeholder_id < v; });
        return it != m_rows.end() && it->stakeholder_id == id ? &*it : nullptr;
    }

private:
    std::vector<StakeholderWorkload>& m_rows;
    std::vector<std::int32_t> m_slot; // id -> row, -1 for none
};

// Counts the overdue actions of every stakeholder in one role from a due-date index over
// the open actions: `from` names the rows ("FROM table INDEXED BY index WHERE ..."),
// `who` their stakeholder column. Reads the actions due before `on` when they are at most
// half of the `open_total`, otherwise those not yet due (due on or after `on`, or with no
// due date) and takes them from the open count: whichever side is smaller.
void count_overdue(SQLite::Database& db, WorkloadsById& by_id, const std::string& who, const std::string& from,
                   const std::string& on, std::int64_t open_total, std::int64_t StakeholderWorkload::*open,
                   std::int64_t StakeholderWorkload::*overdue)
{
    if (open_total == 0)
        return;
    SQLite::Statement probe(db, "SELECT count(*) FROM (SELECT 1 " + from + " AND due_on < ?1 LIMIT ?2)");
    probe.bind(1, on);
    probe.bind(2, open_total / 2 + 1);
    probe.executeStep();
    const bool before = probe.getColumn(0).getInt64() <= open_total / 2;
    const std::string select = "SELECT " + who + " " + from;
    const std::string sql =
        before ? select + " AND due_on < ?1" : select + " AND due_on >= ?1 UNION ALL " + select + " AND due_on IS NULL";
    // Up to 110,000 rows on x500: stepped through the C API, without SQLiteCpp's column
    // objects (x500 on 2022-03-31: 104 -> 72 ms median for the whole function).
    sqlite3_stmt* raw = nullptr;
    if (const int rc = sqlite3_prepare_v2(db.getHandle(), sql.c_str(), int(sql.size()), &raw, nullptr); rc != SQLITE_OK)
        throw SQLite::Exception(db.getHandle(), rc);
    const std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> stmt(raw, sqlite3_finalize);
    sqlite3_bind_text(raw, 1, on.c_str(), int(on.size()), SQLITE_TRANSIENT);
    if (!before)
        for (auto& w : by_id.rows())
            w.*overdue = w.*open;
    const std::int64_t step = before ? 1 : -1;
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(raw)) == SQLITE_ROW)
        if (auto* w = by_id.find(sqlite3_column_int64(raw, 0)))
            w->*overdue += step;
    if (rc != SQLITE_DONE)
        throw SQLite::Exception(db.getHandle(), rc);
}

} // namespace

std::vector<StakeholderWorkload> stakeholder_workloads(SQLite::Database& db, const std::string& on)
{
    if (!core::is_iso_date(on))
        throw InvalidInput("date: '" + on + "' is not a date (YYYY-MM-DD)");
    try {
        // As responsible: the tally of issued actions by responsible stakeholder and status
        // (migration 13); as supporter: the tally of open supported actions (migration 15).
        // Both in stakeholder id order (their primary key), merged.
        std::vector<StakeholderWorkload> responsible, out;
        std::int64_t responsible_open = 0, supporting_open = 0;
        SQLite::Statement r(db, "SELECT responsible_id, issued, still_issued + in_progress, in_progress + implemented "
                                "FROM action_responsible_tally WHERE responsible_id > 0 AND issued > 0 "
                                "ORDER BY responsible_id");
        while (r.executeStep()) {
            StakeholderWorkload w;
            w.stakeholder_id = r.getColumn(0).getInt64();
            w.issued = r.getColumn(1).getInt64();
            w.responsible_open = r.getColumn(2).getInt64();
            w.progressing = r.getColumn(3).getInt64();
            responsible_open += w.responsible_open;
            responsible.push_back(w);
        }
        out.reserve(responsible.size() * 2);
        auto next = responsible.begin();
        SQLite::Statement s(db, "SELECT stakeholder_id, open FROM supporter_open_tally WHERE open > 0 "
                                "ORDER BY stakeholder_id");
        while (s.executeStep()) {
            const std::int64_t id = s.getColumn(0).getInt64();
            while (next != responsible.end() && next->stakeholder_id < id)
                out.push_back(*next++);
            if (next == responsible.end() || next->stakeholder_id != id) {
                out.emplace_back();
                out.back().stakeholder_id = id;
            } else {
                out.push_back(*next++);
            }
            out.back().supporting_open = s.getColumn(1).getInt64();
            supporting_open += out.back().supporting_open;
        }
        out.insert(out.end(), next, responsible.end());

        WorkloadsById by_id(out);
        count_overdue(db, by_id, "responsible_id",
                      "FROM corrective_action INDEXED BY corrective_action_open_due "
                      "WHERE status IN ('issued', 'in_progress') AND responsible_id IS NOT NULL",
                      on, responsible_open, &StakeholderWorkload::responsible_open,
                      &StakeholderWorkload::responsible_overdue);
        count_overdue(db, by_id, "stakeholder_id",
                      "FROM open_action_supporter INDEXED BY open_action_supporter_due WHERE 1", on, supporting_open,
                      &StakeholderWorkload::supporting_open, &StakeholderWorkload::supporting_overdue);
        return out;
    } catch (const SQLite::Exception& e) {
        throw StorageError(std::string("cannot count the stakeholders' actions: ") + e.what());
    }
}

StakeholderWorkload stakeholder_workload(SQLite::Database& db, std::int64_t id, const std::string& on)
{
    if (!core::is_iso_date(on))
        throw InvalidInput("date: '" + on + "' is not a date (YYYY-MM-DD)");
    const Stakeholder s = read_stakeholder(db, id);
    try {
        StakeholderWorkload w;
        w.stakeholder_id = s.id;
        SQLite::Statement r(db, R"SQL(
SELECT count(*), sum(status IN ('issued', 'in_progress')), sum(status IN ('issued', 'in_progress') AND due_on < ?2),
       sum(status IN ('in_progress', 'implemented'))
FROM corrective_action WHERE responsible_id = ?1 AND issued_on IS NOT NULL)SQL");
        r.bind(1, id);
        r.bind(2, on);
        if (r.executeStep()) {
            w.issued = r.getColumn(0).getInt64();
            w.responsible_open = r.getColumn(1).getInt64();
            w.responsible_overdue = r.getColumn(2).getInt64();
            w.progressing = r.getColumn(3).getInt64();
        }
        SQLite::Statement x(db, R"SQL(
SELECT count(*), sum(a.due_on < ?2)
FROM action_supporter x JOIN corrective_action a ON a.id = x.action_id
WHERE x.stakeholder_id = ?1 AND a.status IN ('issued', 'in_progress'))SQL");
        x.bind(1, id);
        x.bind(2, on);
        if (x.executeStep()) {
            w.supporting_open = x.getColumn(0).getInt64();
            w.supporting_overdue = x.getColumn(1).getInt64();
        }
        return w;
    } catch (const SQLite::Exception& e) {
        throw StorageError("cannot count the actions of stakeholder " + std::to_string(id) + ": " + e.what());
    }
}

} // namespace mwangaza::store
