#pragma once
// How the columns of a field export map onto incident fields. A format recogniser looks
// at the column names, says how sure it is that the file is its format (score), and
// binds columns to fields; the binding then maps each row. KoboToolbox and ODK Central
// exports are recognised by their metadata columns (`_uuid`, `_submission_time`;
// `meta-instanceID`, `KEY`, `SubmissionDate`), field names with group prefixes
// (`incident/risk_area`, `incident-risk_area`) or labels as headers, in English or
// French. A mapping profile (JSON) names columns and value mappings for anything else.
//
// The recogniser interface is small (name, score, bind): the KoboToolbox and ODK
// readers are plugins (plugins/kobo, plugins/odk) loaded at run time through the C ABI
// of plugin/mwangaza_plugin.h, and any other reader can be added the same way; only the
// generic reader is built in.
#include "geo/TableReader.hpp"

#include <array>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mwangaza::app {

enum class ImportField {
    SourceId,
    SubmittedAt,
    ObservedOn,
    SiteCode,
    RiskArea,
    Description,
    Children,
    Women,
    Men,
    Latitude,
    Longitude,
    Geopoint, // "lat lon [alt [accuracy]]" in one column
    Reporter,
    Photo1,
    Photo2,
    Photo3,
};
inline constexpr std::size_t k_import_field_count = 16;

// Stable key used in mapping profiles and diagnostics: "source_id", "risk_area" ...
std::string_view field_key(ImportField field);
std::optional<ImportField> field_from_key(std::string_view key);

// Lowercase, accents folded, '_' '-' and runs of spaces made one space, trimmed:
// " Travail_des  Enfants " and "travail des enfants" compare equal.
std::string normalise_text(std::string_view text);

// A risk area code from a code ("child_labour"), an English or French label
// ("Child labour", "Travail des enfants") with stray spaces, any case, accents or not.
std::optional<std::string> risk_area_from_text(std::string_view text);

// The values one row holds for the bound fields (nullopt: the file has no such column).
struct MappedRow {
    std::int64_t number = 0;
    std::array<std::optional<std::string>, k_import_field_count> values;
    std::optional<double> geometry_lon;
    std::optional<double> geometry_lat;

    const std::optional<std::string>& operator[](ImportField f) const { return values[std::size_t(f)]; }
};

class ColumnBinding {
public:
    explicit ColumnBinding(std::vector<std::string> columns);

    const std::vector<std::string>& columns() const { return m_columns; }
    // Column index bound to `field`, or -1.
    int column(ImportField field) const { return m_index[std::size_t(field)]; }
    // The column's name as the file spells it ("" when unbound), for diagnostics.
    std::string column_name(ImportField field) const;
    void bind(ImportField field, int column) { m_index[std::size_t(field)] = column; }
    // Values of `field` that are replaced before validation (keys compared normalised).
    void map_value(ImportField field, const std::string& from, const std::string& to);

    // Values trimmed of surrounding spaces; mapped values replaced.
    MappedRow map(const geo::TableRow& row) const;
    // The same into `out`, whose strings are reused (a row at a time, a large import
    // allocates nothing here).
    void map(const geo::TableRow& row, MappedRow& out) const;

private:
    std::vector<std::string> m_columns;
    std::array<int, k_import_field_count> m_index;
    std::map<std::pair<std::size_t, std::string>, std::string> m_values;
};

class FormatRecogniser {
public:
    virtual ~FormatRecogniser() = default;
    // "kobo", "odk", "generic".
    virtual std::string_view name() const = 0;
    // 0: not this format; up to 100: certainly this format.
    virtual int score(const std::vector<std::string>& columns) const = 0;
    // Binds the columns it recognises (required ones may stay unbound: the caller checks).
    virtual ColumnBinding bind(const std::vector<std::string>& columns) const = 0;
};

// Every reader: those of the plugins loaded (kobo, odk and any other, by folder and file
// name), then the built-in generic reader. Plugins load on the first call.
const std::vector<std::unique_ptr<FormatRecogniser>>& recognisers();
// The same list under its earlier name.
inline const std::vector<std::unique_ptr<FormatRecogniser>>& built_in_recognisers()
{
    return recognisers();
}
const FormatRecogniser* find_recogniser(std::string_view name);

// A mapping profile read from JSON:
//   {"name": "...", "columns": {"risk_area": "Domaine", "source_id": "No"},
//    "values": {"risk_area": {"TE": "child_labour"}}}
struct MappingProfile {
    std::string name;
    std::map<ImportField, std::string> columns;
    std::map<ImportField, std::map<std::string, std::string>> values;
    std::string definition; // the JSON as read (compact), to save in the database
};

// Throws InvalidInput naming the file and the key that is wrong.
MappingProfile load_mapping_profile(const std::filesystem::path& file);

// The same from key paths ("columns/risk_area" -> "Theme", "values/risk_area/TE" ->
// "child_labour"), as store::mapping_profile_entries reads a saved profile; `origin`
// names it in messages, `default_name` is used when it has no "name".
MappingProfile mapping_profile_from_entries(const std::vector<std::pair<std::string, std::string>>& entries,
                                            const std::string& origin, const std::string& default_name);

// Applies a profile on top of a binding: named columns (matched exactly, then ignoring
// case and spaces) override, an empty column name unbinds the field, value maps are
// added. Throws InvalidInput when a named
// column is not in the file.
void apply_profile(ColumnBinding& binding, const MappingProfile& profile);

} // namespace mwangaza::app
