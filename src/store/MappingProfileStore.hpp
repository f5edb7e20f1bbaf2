#pragma once
// Mapping profiles saved in the programme database (table mapping_profile): a name and
// its JSON definition, {"name": ..., "columns": {field: column}, "values": {field:
// {from: to}}}, or the same keys flattened ("columns/risk_area") as an import saves them.
// The store keeps the JSON as given; `mapping_profile_entries` reads either shape back as
// key paths, so callers need no JSON parser.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mwangaza::store {

class Database;

struct MappingProfileRecord {
    std::int64_t id = 0;
    std::string name;
    std::string definition; // JSON
    std::string created_at;
    std::string updated_at;
};

// Every saved profile, by name (case ignored).
std::vector<MappingProfileRecord> list_mapping_profiles(Database& db);

// The profile saved under `name` (exact), or nothing.
std::optional<MappingProfileRecord> find_mapping_profile(Database& db, const std::string& name);

// Inserts the profile, or replaces the definition of the one with that name (its
// creation time is kept). Throws InvalidInput when the name is empty or the definition
// is not a JSON object; StorageError when the database cannot be written.
void save_mapping_profile(Database& db, const std::string& name, const std::string& definition);

// Deletes the profile saved under `name`; false when there is none.
bool delete_mapping_profile(Database& db, const std::string& name);

// A profile definition as key paths and text values, nested keys joined with '/'
// ({"values": {"risk_area": {"TE": "child_labour"}}} gives "values/risk_area/TE" ->
// "child_labour"), in the order they appear. Throws InvalidInput when `definition` is not
// a JSON object.
std::vector<std::pair<std::string, std::string>> mapping_profile_entries(Database& db, const std::string& definition);

} // namespace mwangaza::store
