#include "store/MatrixStore.hpp"

#include "core/Error.hpp"
#include "core/Json.hpp"
#include "store/Database.hpp"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <cctype>

namespace mwangaza::store {

namespace {

constexpr const char* k_columns =
    "SELECT v.id, v.version, v.name, v.created_at, v.created_by, v.is_current, "
    "(SELECT count(*) FROM risk_assessment a WHERE a.matrix_version_id = v.id) FROM matrix_version v ";

MatrixVersionInfo read_info(SQLite::Statement& q)
{
    MatrixVersionInfo i;
    i.id = q.getColumn(0).getInt64();
    i.version = q.getColumn(1).getInt();
    i.name = q.getColumn(2).getString();
    i.created_at = q.getColumn(3).getString();
    i.created_by = q.getColumn(4).getString();
    i.current = q.getColumn(5).getInt() != 0;
    i.assessments = q.getColumn(6).getInt64();
    return i;
}

std::array<core::RiskLevel, 25> read_cells(Database& db, const MatrixVersionInfo& info)
{
    std::array<core::RiskLevel, 25> cells{};
    std::array<bool, 25> seen{};
    SQLite::Statement c(db.sql(), "SELECT severity, likelihood, level FROM matrix_cell WHERE matrix_version_id = ?");
    c.bind(1, info.id);
    while (c.executeStep()) {
        const int s = c.getColumn(0).getInt();
        const int l = c.getColumn(1).getInt();
        const auto level = core::risk_level_from_code(c.getColumn(2).getString());
        if (s < 1 || s > 5 || l < 1 || l > 5 || !level)
            throw StorageError("risk matrix version " + std::to_string(info.version) + " has a bad cell (" +
                               std::to_string(s) + ", " + std::to_string(l) + ")");
        const auto i = std::size_t((s - 1) * 5 + (l - 1));
        cells[i] = *level;
        seen[i] = true;
    }
    for (bool b : seen)
        if (!b)
            throw StorageError("risk matrix version " + std::to_string(info.version) + " is incomplete");
    return cells;
}

bool blank(const std::string& s)
{
    return s.find_first_not_of(" \t\r\n") == std::string::npos;
}

} // namespace

StoredMatrix current_matrix(Database& db)
{
    try {
        SQLite::Statement q(db.sql(), std::string(k_columns) + "WHERE v.is_current = 1");
        if (!q.executeStep())
            throw StorageError(db.path().string() + " has no current risk matrix");
        auto info = read_info(q);
        auto cells = read_cells(db, info);
        return {info, core::RiskMatrix(info.version, info.name, cells)};
    } catch (const SQLite::Exception& e) {
        throw StorageError(std::string("cannot read the risk matrix: ") + e.what());
    }
}

StoredMatrix matrix_version(Database& db, int version)
{
    try {
        SQLite::Statement q(db.sql(), std::string(k_columns) + "WHERE v.version = ?");
        q.bind(1, version);
        if (!q.executeStep())
            throw InvalidInput("no risk matrix has the version " + std::to_string(version));
        auto info = read_info(q);
        auto cells = read_cells(db, info);
        return {info, core::RiskMatrix(info.version, info.name, cells)};
    } catch (const SQLite::Exception& e) {
        throw StorageError(std::string("cannot read the risk matrix: ") + e.what());
    }
}

std::vector<MatrixVersionInfo> list_matrix_versions(Database& db)
{
    try {
        std::vector<MatrixVersionInfo> out;
        SQLite::Statement q(db.sql(), std::string(k_columns) + "ORDER BY v.version");
        while (q.executeStep())
            out.push_back(read_info(q));
        return out;
    } catch (const SQLite::Exception& e) {
        throw StorageError(std::string("cannot read the risk matrix versions: ") + e.what());
    }
}

MatrixVersionInfo create_matrix_version(Database& db, const std::string& name,
                                        const std::array<core::RiskLevel, 25>& cells, const std::string& created_by)
{
    if (blank(name))
        throw InvalidInput("a new risk matrix version needs a name");
    if (blank(created_by))
        throw InvalidInput("a new risk matrix version needs the name of who makes it");
    auto& sql = db.sql();
    try {
        SQLite::Transaction tx(sql, SQLite::TransactionBehavior::IMMEDIATE);
        const int version = sql.execAndGet("SELECT coalesce(max(version), 0) + 1 FROM matrix_version").getInt();
        const std::string now = utc_now();
        sql.exec("UPDATE matrix_version SET is_current = 0 WHERE is_current = 1");
        SQLite::Statement v(sql, "INSERT INTO matrix_version(version, name, created_at, created_by, is_current) "
                                 "VALUES (?, ?, ?, ?, 1)");
        v.bind(1, version);
        v.bind(2, name);
        v.bind(3, now);
        v.bind(4, created_by);
        v.exec();
        const std::int64_t id = sql.getLastInsertRowid();
        SQLite::Statement c(sql, "INSERT INTO matrix_cell(matrix_version_id, severity, likelihood, level) "
                                 "VALUES (?, ?, ?, ?)");
        std::string levels;
        for (int s = 1; s <= 5; ++s)
            for (int l = 1; l <= 5; ++l) {
                const auto code = std::string(core::risk_level_code(cells[std::size_t((s - 1) * 5 + l - 1)]));
                c.bind(1, id);
                c.bind(2, s);
                c.bind(3, l);
                c.bind(4, code);
                c.exec();
                c.reset();
                levels += (levels.empty() ? "" : ",") + core::json_string(code);
            }
        db.audit(created_by, "matrix_version", id, "create", "",
                 "{\"version\":" + std::to_string(version) + ",\"name\":" + core::json_string(name) +
                     ",\"cells\":[" + levels + "]}");
        tx.commit();
        return {id, version, name, now, created_by, true, 0};
    } catch (const SQLite::Exception& e) {
        throw StorageError(std::string("cannot write the new risk matrix version: ") + e.what());
    }
}

std::array<core::RiskLevel, 25> parse_matrix_cells(const std::string& text)
{
    std::array<core::RiskLevel, 25> cells{};
    std::size_t n = 0;
    std::string token;
    auto flush = [&] {
        if (token.empty())
            return;
        if (n >= 25)
            throw InvalidInput("the matrix has 25 cells; found more");
        const auto level = core::risk_level_from_code(token);
        if (!level)
            throw InvalidInput("cell " + std::to_string(n + 1) + " (severity " + std::to_string(n / 5 + 1) +
                               ", likelihood " + std::to_string(n % 5 + 1) + "): unknown level '" + token +
                               "' (low, medium, high, very_high)");
        cells[n++] = *level;
        token.clear();
    };
    for (char ch : text) {
        if (ch == ',' || ch == ';' || std::isspace(static_cast<unsigned char>(ch)))
            flush();
        else
            token += ch;
    }
    flush();
    if (n != 25)
        throw InvalidInput("the matrix has 25 cells (severity 1 to 5, each likelihood 1 to 5); found " +
                           std::to_string(n));
    return cells;
}

} // namespace mwangaza::store
