#include "store/IncidentQuery.hpp"

#include "core/Error.hpp"
#include "core/Taxonomy.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <cctype>

namespace mwangaza::store {

namespace {

bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// A letter or digit in ASCII, or any byte of a non-ASCII UTF-8 character (the tokenizer
// decides what those are; better keep a word than drop it).
bool has_token_character(std::string_view word)
{
    return std::any_of(word.begin(), word.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u >= 0x80 || std::isalnum(u);
    });
}

bool is_date(const std::string& s)
{
    if (s.size() != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
        if (!std::isdigit(static_cast<unsigned char>(s[i])))
            return false;
    const int month = std::stoi(s.substr(5, 2));
    const int day = std::stoi(s.substr(8, 2));
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

// The area codes the query allows; nullopt when it does not restrict areas. An empty
// vector means no area can match (a category and a list of areas that do not meet).
std::optional<std::vector<std::string>> allowed_areas(const IncidentQuery& q)
{
    if (q.areas.empty() && !q.category)
        return std::nullopt;
    std::vector<std::string> codes;
    if (q.category) {
        for (const auto& a : core::risk_areas())
            if (a.category == *q.category &&
                (q.areas.empty() || std::find(q.areas.begin(), q.areas.end(), a.code) != q.areas.end()))
                codes.emplace_back(a.code);
    } else {
        for (const auto& code : q.areas)
            if (std::find(codes.begin(), codes.end(), code) == codes.end())
                codes.push_back(code);
    }
    return codes;
}

} // namespace

bool IncidentQuery::restricts() const
{
    return !statuses.empty() || site_code || province || country || !areas.empty() || category || from || to ||
           in_protected_area || !fts_match_expression(text).empty();
}

std::string fts_match_expression(std::string_view words)
{
    std::string out;
    std::size_t i = 0;
    while (i < words.size()) {
        while (i < words.size() && is_space(words[i]))
            ++i;
        const std::size_t start = i;
        while (i < words.size() && !is_space(words[i]))
            ++i;
        std::string_view word = words.substr(start, i - start);
        bool prefix = false;
        if (word.size() > 1 && word.back() == '*') {
            word.remove_suffix(1);
            while (!word.empty() && word.back() == '*')
                word.remove_suffix(1);
            prefix = true;
        }
        if (word.empty() || !has_token_character(word))
            continue;
        if (!out.empty())
            out += " AND ";
        out += '"';
        for (char c : word) {
            if (c == '"')
                out += '"';
            out += c;
        }
        out += '"';
        if (prefix)
            out += " *";
    }
    return out;
}

void validate(const IncidentQuery& q)
{
    for (const auto& code : q.areas)
        if (!core::find_risk_area(code))
            throw InvalidInput("unknown risk area code '" + code + "'");
    if (q.category && !core::find_risk_category(*q.category))
        throw InvalidInput("unknown risk category code '" + *q.category + "'");
    if (q.from && !is_date(*q.from))
        throw InvalidInput("the start date '" + *q.from + "' is not a date (YYYY-MM-DD)");
    if (q.to && !is_date(*q.to))
        throw InvalidInput("the end date '" + *q.to + "' is not a date (YYYY-MM-DD)");
}

std::vector<std::int64_t> query_incident_ids(SQLite::Database& db, const IncidentQuery& q)
{
    validate(q);
    std::string where;
    std::vector<std::string> values;
    auto add = [&](const std::string& clause) { where += (where.empty() ? " WHERE " : " AND ") + clause; };
    auto in_list = [&](std::size_t n) {
        std::string s = "(";
        for (std::size_t k = 0; k < n; ++k)
            s += k ? ", ?" : "?";
        return s + ")";
    };

    if (!q.statuses.empty()) {
        std::vector<std::string> codes;
        for (auto s : q.statuses)
            if (std::string c(core::status_code(s)); std::find(codes.begin(), codes.end(), c) == codes.end())
                codes.push_back(c);
        add("i.status IN " + in_list(codes.size()));
        values.insert(values.end(), codes.begin(), codes.end());
    }
    if (q.site_code || q.province || q.country) {
        std::string sites = "i.site_id IN (SELECT id FROM site WHERE 1";
        if (q.site_code) {
            sites += " AND code = ?";
            values.push_back(*q.site_code);
        }
        if (q.province) {
            sites += " AND province = ?";
            values.push_back(*q.province);
        }
        if (q.country) {
            sites += " AND country = ?";
            values.push_back(*q.country);
        }
        add(sites + ")");
    }
    if (auto areas = allowed_areas(q)) {
        if (areas->empty())
            return {};
        add("i.risk_area IN " + in_list(areas->size()));
        values.insert(values.end(), areas->begin(), areas->end());
    }
    if (q.in_protected_area)
        add("i.protected_area IS NOT NULL");
    if (q.from) {
        add("i.observed_on >= ?");
        values.push_back(*q.from);
    }
    if (q.to) {
        add("i.observed_on <= ?");
        values.push_back(*q.to);
    }
    if (const auto match = fts_match_expression(q.text); !match.empty()) {
        add("i.id IN (SELECT rowid FROM incident_fts WHERE incident_fts MATCH ?)");
        values.push_back(match);
    } else if (!q.text.empty() && q.text.find_first_not_of(" \t\r\n") != std::string::npos) {
        return {}; // only punctuation: no word can match
    }

    try {
        SQLite::Statement stmt(db, "SELECT i.id FROM incident i" + where + " ORDER BY i.observed_on DESC, i.id DESC");
        for (std::size_t k = 0; k < values.size(); ++k)
            stmt.bind(int(k + 1), values[k]);
        std::vector<std::int64_t> ids;
        while (stmt.executeStep())
            ids.push_back(stmt.getColumn(0).getInt64());
        return ids;
    } catch (const SQLite::Exception& e) {
        throw StorageError(std::string("cannot search the incidents: ") + e.what());
    }
}

std::int64_t count_incidents_with_status(SQLite::Database& db, const std::vector<core::IncidentStatus>& statuses)
{
    try {
        if (statuses.empty())
            return db.execAndGet("SELECT coalesce(sum(n), 0) FROM incident_tally").getInt64();
        std::vector<std::string> codes;
        for (auto s : statuses)
            if (std::string c(core::status_code(s)); std::find(codes.begin(), codes.end(), c) == codes.end())
                codes.push_back(c);
        std::string sql = "SELECT coalesce(sum(n), 0) FROM incident_tally WHERE status IN (";
        for (std::size_t k = 0; k < codes.size(); ++k)
            sql += k ? ", ?" : "?";
        SQLite::Statement stmt(db, sql + ")");
        for (std::size_t k = 0; k < codes.size(); ++k)
            stmt.bind(int(k + 1), codes[k]);
        stmt.executeStep();
        return stmt.getColumn(0).getInt64();
    } catch (const SQLite::Exception& e) {
        throw StorageError(std::string("cannot count the incidents: ") + e.what());
    }
}

std::vector<IncidentDetail> load_incident_details(SQLite::Database& db, const std::vector<std::int64_t>& ids)
{
    try {
        SQLite::Statement q(db, "SELECT i.id, coalesce(i.source_id, ''), i.observed_on, coalesce(i.submitted_at, ''), "
                                "coalesce(i.reporter, ''), coalesce(s.code, ''), coalesce(s.name, ''), i.risk_area, "
                                "i.annex_flag, i.status, i.description, coalesce(i.language, ''), i.lat, i.lon, "
                                "i.children, i.women, i.men, coalesce(i.attachments, ''), "
                                "coalesce((SELECT raw_source FROM incident_source_row r WHERE r.incident_id = i.id), ''), "
                                "coalesce(i.site_method, ''), i.site_distance_m, "
                                "coalesce((SELECT code FROM concession c WHERE c.id = i.concession_id), ''), "
                                "coalesce(i.protected_area, '') "
                                "FROM incident i LEFT JOIN site s ON s.id = i.site_id WHERE i.id = ?");
        std::vector<IncidentDetail> rows;
        rows.reserve(ids.size());
        for (auto id : ids) {
            q.bind(1, id);
            if (q.executeStep()) {
                IncidentDetail d;
                d.id = q.getColumn(0).getInt64();
                d.source_id = q.getColumn(1).getString();
                d.observed_on = q.getColumn(2).getString();
                d.submitted_at = q.getColumn(3).getString();
                d.reporter = q.getColumn(4).getString();
                d.site_code = q.getColumn(5).getString();
                d.site_name = q.getColumn(6).getString();
                d.risk_area = q.getColumn(7).getString();
                d.annex_flag = q.getColumn(8).getInt() != 0;
                d.status = q.getColumn(9).getString();
                d.description = q.getColumn(10).getString();
                d.language = q.getColumn(11).getString();
                if (!q.getColumn(12).isNull())
                    d.lat = q.getColumn(12).getDouble();
                if (!q.getColumn(13).isNull())
                    d.lon = q.getColumn(13).getDouble();
                d.children = q.getColumn(14).getInt();
                d.women = q.getColumn(15).getInt();
                d.men = q.getColumn(16).getInt();
                const std::string files = q.getColumn(17).getString();
                std::size_t start = 0;
                while (start < files.size()) {
                    auto end = files.find('\n', start);
                    if (end == std::string::npos)
                        end = files.size();
                    std::string name = files.substr(start, end - start);
                    if (!name.empty() && name.back() == '\r')
                        name.pop_back();
                    if (!name.empty())
                        d.attachments.push_back(std::move(name));
                    start = end + 1;
                }
                d.raw_source = q.getColumn(18).getString();
                d.site_method = q.getColumn(19).getString();
                if (!q.getColumn(20).isNull())
                    d.site_distance_m = q.getColumn(20).getDouble();
                d.concession_code = q.getColumn(21).getString();
                d.protected_area = q.getColumn(22).getString();
                rows.push_back(std::move(d));
            }
            q.reset();
        }
        return rows;
    } catch (const SQLite::Exception& e) {
        throw StorageError(std::string("cannot read incidents: ") + e.what());
    }
}

std::vector<StatusHistoryEntry> incident_status_history(SQLite::Database& db, std::int64_t incident_id)
{
    try {
        SQLite::Statement q(db, "SELECT coalesce(from_status, ''), to_status, coalesce(reason, ''), changed_by, "
                                "changed_at FROM incident_status_history WHERE incident_id = ? ORDER BY id");
        q.bind(1, incident_id);
        std::vector<StatusHistoryEntry> rows;
        while (q.executeStep())
            rows.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getString(),
                            q.getColumn(3).getString(), q.getColumn(4).getString()});
        return rows;
    } catch (const SQLite::Exception& e) {
        throw StorageError("cannot read the status history of incident " + std::to_string(incident_id) + ": " +
                           e.what());
    }
}

std::vector<AuditEntry> incident_audit_trail(SQLite::Database& db, std::int64_t incident_id)
{
    try {
        SQLite::Statement q(db, "SELECT at, actor, operation, coalesce(before, ''), coalesce(after, '') FROM audit_log "
                                "WHERE entity = 'incident' AND entity_id = ? ORDER BY id");
        q.bind(1, incident_id);
        std::vector<AuditEntry> rows;
        while (q.executeStep())
            rows.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getString(),
                            q.getColumn(3).getString(), q.getColumn(4).getString()});
        return rows;
    } catch (const SQLite::Exception& e) {
        throw StorageError("cannot read the audit trail of incident " + std::to_string(incident_id) + ": " + e.what());
    }
}

} // namespace mwangaza::store
