#include "store/MappingProfileStore.hpp"

#include "core/Error.hpp"
#include "core/I18n.hpp"
#include "store/Database.hpp"

#include <SQLiteCpp/Statement.h>

#include <unordered_map>

namespace mwangaza::store {

namespace {

using core::tr;

MappingProfileRecord read_record(SQLite::Statement& q)
{
    MappingProfileRecord r;
    r.id = q.getColumn(0).getInt64();
    r.name = q.getColumn(1).getString();
    r.definition = q.getColumn(2).getString();
    r.created_at = q.getColumn(3).getString();
    r.updated_at = q.getColumn(4).getString();
    return r;
}

bool is_json_object(Database& db, const std::string& definition)
{
    SQLite::Statement q(db.sql(), "SELECT CASE WHEN json_valid(?1) THEN json_type(?1) = 'object' ELSE 0 END");
    q.bind(1, definition);
    return q.executeStep() && q.getColumn(0).getInt() == 1;
}

} // namespace

std::vector<MappingProfileRecord> list_mapping_profiles(Database& db)
{
    try {
        SQLite::Statement q(db.sql(), "SELECT id, name, definition, created_at, updated_at FROM mapping_profile "
                                      "ORDER BY name COLLATE NOCASE, name");
        std::vector<MappingProfileRecord> out;
        while (q.executeStep())
            out.push_back(read_record(q));
        return out;
    } catch (const SQLite::Exception& e) {
        throw StorageError(std::string("cannot read the mapping profiles: ") + e.what());
    }
}

std::optional<MappingProfileRecord> find_mapping_profile(Database& db, const std::string& name)
{
    try {
        SQLite::Statement q(db.sql(),
                            "SELECT id, name, definition, created_at, updated_at FROM mapping_profile WHERE name = ?");
        q.bind(1, name);
        if (!q.executeStep())
            return std::nullopt;
        return read_record(q);
    } catch (const SQLite::Exception& e) {
        throw StorageError(std::string("cannot read the mapping profiles: ") + e.what());
    }
}

void save_mapping_profile(Database& db, const std::string& name, const std::string& definition)
{
    if (name.find_first_not_of(" \t\r\n") == std::string::npos)
        throw InvalidInput(tr("a mapping profile needs a name"));
    try {
        if (!is_json_object(db, definition))
            throw InvalidInput(core::format(tr("mapping profile %1: the definition is not a JSON object"), {name}));
        SQLite::Statement save(db.sql(), "INSERT INTO mapping_profile(name, definition, created_at, updated_at) "
                                         "VALUES (?1, json(?2), ?3, ?3) ON CONFLICT(name) DO UPDATE SET "
                                         "definition = excluded.definition, updated_at = excluded.updated_at");
        save.bind(1, name);
        save.bind(2, definition);
        save.bind(3, utc_now());
        save.exec();
    } catch (const SQLite::Exception& e) {
        throw StorageError(std::string("cannot save the mapping profile: ") + e.what());
    }
}

bool delete_mapping_profile(Database& db, const std::string& name)
{
    try {
        SQLite::Statement q(db.sql(), "DELETE FROM mapping_profile WHERE name = ?");
        q.bind(1, name);
        return q.exec() > 0;
    } catch (const SQLite::Exception& e) {
        throw StorageError(std::string("cannot delete the mapping profile: ") + e.what());
    }
}

std::vector<std::pair<std::string, std::string>> mapping_profile_entries(Database& db, const std::string& definition)
{
    try {
        if (!is_json_object(db, definition))
            throw InvalidInput(tr("the mapping profile is not a JSON object"));
        // json_tree lists parents before their children; a path is the parent's path
        // and the node's key (array elements by index).
        SQLite::Statement q(db.sql(), "SELECT id, parent, key, type, atom FROM json_tree(?)");
        q.bind(1, definition);
        std::unordered_map<std::int64_t, std::string> paths;
        std::vector<std::pair<std::string, std::string>> out;
        while (q.executeStep()) {
            const auto id = q.getColumn(0).getInt64();
            if (q.getColumn(1).isNull()) {
                paths[id] = std::string();
                continue;
            }
            const auto parent = paths.find(q.getColumn(1).getInt64());
            const std::string base = parent == paths.end() ? std::string() : parent->second;
            const std::string path = (base.empty() ? "" : base + "/") + q.getColumn(2).getString();
            const std::string type = q.getColumn(3).getString();
            if (type == "object" || type == "array") {
                paths[id] = path;
                continue;
            }
            if (type == "null")
                out.emplace_back(path, std::string());
            else if (type == "true" || type == "false")
                out.emplace_back(path, type);
            else
                out.emplace_back(path, q.getColumn(4).getString());
        }
        return out;
    } catch (const SQLite::Exception& e) {
        throw StorageError(std::string("cannot read the mapping profile: ") + e.what());
    }
}

} // namespace mwangaza::store
