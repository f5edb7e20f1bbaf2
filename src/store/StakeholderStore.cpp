#include "store/StakeholderStore.hpp"

#include "core/Error.hpp"
#include "core/Json.hpp"
#include "core/Kpi.hpp"
#include "core/StakeholderTypes.hpp"
#include "store/Database.hpp"
#include "store/WriteScope.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <sstream>

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
        std::vector<Stakeholder> out;
        std::map<std::int64_t, std::size_t> index;
        SQLite::Statement q(db, std::string(k_select) + " ORDER BY name, id");
        while (q.executeStep()) {
            index[q.getColumn(0).getInt64()] = out.size();
            out.push_back(from_row(q));
        }
        SQLite::Statement sites(db, "SELECT x.stakeholder_id, si.code FROM stakeholder_site x "
                                    "JOIN site si ON si.id = x.site_id ORDER BY si.code");
        while (sites.executeStep())
            if (auto it = index.find(sites.getColumn(0).getInt64()); it != index.end())
                out[it->second].site_codes.push_back(sites.getColumn(1).getString());
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
    if (!core::find_stakeholder_type(s.type))
        throw InvalidInput("type: '" + s.type + "' is not a stakeholder type");
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

std::vector<StakeholderWorkload> stakeholder_workloads(SQLite::Database& db, const std::string& on)
{
    if (!core::is_iso_date(on))
        throw InvalidInput("date: '" + on + "' is not a date (YYYY-MM-DD)");
    try {
        std::vector<StakeholderWorkload> out;
        std::map<std::int64_t, std::size_t> index;
        SQLite::Statement q(db, "SELECT id, name, type FROM stakeholder ORDER BY name, id");
        while (q.executeStep()) {
            StakeholderWorkload w;
            w.stakeholder_id = q.getColumn(0).getInt64();
            w.name = q.getColumn(1).getString();
            w.type = q.getColumn(2).getString();
            index[w.stakeholder_id] = out.size();
            out.push_back(std::move(w));
        }
        // As responsible: one pass over the (responsible, status, issued_on, due_on) index.
        SQLite::Statement r(db, R"SQL(
SELECT responsible_id,
       sum(status IN ('issued', 'in_progress')),
       sum(status IN ('issued', 'in_progress') AND due_on < ?1),
       count(*),
       sum(status IN ('in_progress', 'implemented'))
FROM corrective_action INDEXED BY corrective_action_responsible
WHERE responsible_id IS NOT NULL AND issued_on IS NOT NULL
GROUP BY responsible_id)SQL");
        r.bind(1, on);
        while (r.executeStep()) {
            auto it = index.find(r.getColumn(0).getInt64());
            if (it == index.end())
                continue;
            auto& w = out[it->second];
            w.responsible_open = r.getColumn(1).getInt64();
            w.responsible_overdue = r.getColumn(2).getInt64();
            w.issued = r.getColumn(3).getInt64();
            w.progressing = r.getColumn(4).getInt64();
        }
        SQLite::Statement s(db, R"SQL(
SELECT x.stakeholder_id, count(*), sum(a.due_on < ?1)
FROM action_supporter x JOIN corrective_action a ON a.id = x.action_id
WHERE a.status IN ('issued', 'in_progress')
GROUP BY x.stakeholder_id)SQL");
        s.bind(1, on);
        while (s.executeStep()) {
            auto it = index.find(s.getColumn(0).getInt64());
            if (it == index.end())
                continue;
            out[it->second].supporting_open = s.getColumn(1).getInt64();
            out[it->second].supporting_overdue = s.getColumn(2).getInt64();
        }
        return out;
    } catch (const SQLite::Exception& e) {
        throw StorageError(std::string("cannot count the stakeholders' actions: ") + e.what());
    }
}

} // namespace mwangaza::store
