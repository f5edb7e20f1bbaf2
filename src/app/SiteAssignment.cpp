#include "app/SiteAssignment.hpp"

#include "core/Error.hpp"
#include "core/I18n.hpp"
#include "geo/FeatureReader.hpp"
#include "store/Database.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <map>

namespace mwangaza::app {

namespace {

using core::format;
using core::tr;

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

std::optional<std::string> country_code(const std::string& text)
{
    const std::string t = lower(text);
    if (t == "cd" || t == "cod" || t == "drc" || t == "rdc" || t == "congo" || t == "dr congo" ||
        t == "democratic republic of the congo" || t == "république démocratique du congo" ||
        t == "republique democratique du congo")
        return "CD";
    if (t == "rw" || t == "rwa" || t == "rwanda")
        return "RW";
    return std::nullopt;
}

void count(FeatureImportReport& report, store::UpsertOutcome o)
{
    switch (o) {
    case store::UpsertOutcome::Imported:
        ++report.imported;
        break;
    case store::UpsertOutcome::Updated:
        ++report.updated;
        break;
    case store::UpsertOutcome::Unchanged:
        ++report.unchanged;
        break;
    }
}

void skip(FeatureImportReport& report, std::int64_t feature, const std::string& field, const std::string& message)
{
    ++report.skipped;
    report.diagnostics.push_back({feature, field, message});
}

geo::FeatureSet read(const std::filesystem::path& file, const std::string& layer, std::vector<std::string> fields,
                     geo::FeatureShape shape, FeatureImportReport& report)
{
    geo::FeatureReadOptions o;
    o.layer = layer;
    o.fields = std::move(fields);
    o.shape = shape;
    auto set = geo::read_features(file, o);
    report.layer = set.layer;
    report.reprojected = set.reprojected;
    report.features = set.features.size();
    return set;
}

// Appends the polygons of `more` (WKB) to `into` (WKB), as one MultiPolygon.
std::vector<std::uint8_t> merged_wkb(const std::vector<std::uint8_t>& into, const std::vector<std::uint8_t>& more)
{
    const auto a = geo::multipolygon_from_wkb(into);
    const auto b = geo::multipolygon_from_wkb(more);
    std::vector<std::uint8_t> out;
    auto u32 = [&](std::uint32_t v) {
        for (int i = 0; i < 4; ++i)
            out.push_back(std::uint8_t(v >> (8 * i)));
    };
    auto f64 = [&](double d) {
        std::uint64_t v;
        std::memcpy(&v, &d, 8);
        for (int i = 0; i < 8; ++i)
            out.push_back(std::uint8_t(v >> (8 * i)));
    };
    out.push_back(1);
    u32(6);
    u32(std::uint32_t(a.polygons.size() + b.polygons.size()));
    for (const auto* mp : {&a, &b})
        for (const auto& polygon : mp->polygons) {
            out.push_back(1);
            u32(3);
            u32(std::uint32_t(polygon.rings.size()));
            for (const auto& ring : polygon.rings) {
                u32(std::uint32_t(ring.size()));
                for (const auto& p : ring) {
                    f64(p.lon);
                    f64(p.lat);
                }
            }
        }
    return out;
}

// Reads polygon features keyed by the first field; the others are optional values.
// Features with the same key are merged.
std::vector<store::AreaRecord> read_areas(const std::filesystem::path& file, const std::string& layer,
                                          const std::vector<std::string>& fields, const std::string& key_label,
                                          FeatureImportReport& report)
{
    const auto set = read(file, layer, fields, geo::FeatureShape::Polygon, report);
    std::vector<store::AreaRecord> records;
    std::map<std::string, std::pair<std::size_t, std::int64_t>> seen; // key -> record position, feature
    for (const auto& f : set.features) {
        if (!f.values[0]) {
            skip(report, f.number, fields[0], format(tr("feature %1: no %2 in field '%3'"),
                                                     {std::to_string(f.number), key_label, fields[0]}));
            continue;
        }
        if (!f.problem.empty()) {
            skip(report, f.number, "",
                 format(tr("feature %1 (%2): the geometry is %3"), {std::to_string(f.number), *f.values[0], f.problem}));
            continue;
        }
        const std::string key = *f.values[0];
        if (auto it = seen.find(key); it != seen.end()) {
            auto& r = records[it->second.first];
            r.wkb = merged_wkb(r.wkb, f.wkb);
            r.min_lon = std::min(r.min_lon, f.box.min_lon);
            r.min_lat = std::min(r.min_lat, f.box.min_lat);
            r.max_lon = std::max(r.max_lon, f.box.max_lon);
            r.max_lat = std::max(r.max_lat, f.box.max_lat);
            ++report.merged;
            report.diagnostics.push_back(
                {f.number, fields[0],
                 format(tr("feature %1: %2 '%3' is also that of feature %4: its polygons are added to it"),
                        {std::to_string(f.number), key_label, key, std::to_string(it->second.second)})});
            continue;
        }
        store::AreaRecord r;
        r.code = key;
        if (fields.size() > 1)
            r.holder = f.values[1];
        if (fields.size() > 2)
            r.type = f.values[2];
        if (fields.size() > 3)
            r.status = f.values[3];
        r.wkb = f.wkb;
        r.min_lon = f.box.min_lon;
        r.min_lat = f.box.min_lat;
        r.max_lon = f.box.max_lon;
        r.max_lat = f.box.max_lat;
        seen.emplace(key, std::make_pair(records.size(), f.number));
        records.push_back(std::move(r));
    }
    return records;
}

} // namespace

FeatureImportReport import_sites(store::Database& db, const SiteImportOptions& o)
{
    if (o.code_field.empty() || o.name_field.empty())
        throw InvalidInput(tr("a site import needs the code field and the name field"));
    if (!o.country.empty() && !o.country_field.empty())
        throw InvalidInput(tr("give either a country for every site or a country field, not both"));
    if (o.country.empty() && o.country_field.empty())
        throw InvalidInput(tr("a site import needs a country (CD or RW) or a country field"));
    if (!o.country.empty() && o.country != "CD" && o.country != "RW")
        throw InvalidInput(format(tr("unknown country '%1' (CD or RW)"), {o.country}));

    std::vector<std::string> fields{o.code_field, o.name_field};
    auto optional_field = [&](const std::string& f) -> int {
        if (f.empty())
            return -1;
        fields.push_back(f);
        return int(fields.size()) - 1;
    };
    const int province = optional_field(o.province_field);
    const int country = optional_field(o.country_field);
    const int minerals = optional_field(o.minerals_field);
    const int territory = optional_field(o.territory_field);

    FeatureImportReport report;
    report.dry_run = o.dry_run;
    const auto set = read(o.file, o.layer, fields, geo::FeatureShape::Point, report);
    std::vector<store::SiteRecord> records;
    std::map<std::string, std::int64_t> seen;
    for (const auto& f : set.features) {
        const std::string n = std::to_string(f.number);
        if (!f.values[0]) {
            skip(report, f.number, o.code_field, format(tr("feature %1: no site code in field '%2'"), {n, o.code_field}));
            continue;
        }
        store::SiteRecord s;
        s.code = o.code_prefix + *f.values[0];
        if (auto it = seen.find(s.code); it != seen.end()) {
            skip(report, f.number, o.code_field,
                 format(tr("feature %1: the site code '%2' is also that of feature %3"),
                        {n, s.code, std::to_string(it->second)}));
            continue;
        }
        if (!f.values[1]) {
            skip(report, f.number, o.name_field, format(tr("feature %1 (%2): no name in field '%3'"), {n, s.code, o.name_field}));
            continue;
        }
        if (!f.problem.empty()) {
            skip(report, f.number, "", format(tr("feature %1 (%2): the geometry is %3"), {n, s.code, f.problem}));
            continue;
        }
        s.name = *f.values[1];
        if (country >= 0) {
            const auto& text = f.values[std::size_t(country)];
            const auto code = text ? country_code(*text) : std::nullopt;
            if (!code) {
                skip(report, f.number, o.country_field,
                     format(tr("feature %1 (%2): '%3' in field '%4' is not a programme country (CD or RW)"),
                            {n, s.code, text.value_or(""), o.country_field}));
                continue;
            }
            s.country = *code;
        } else {
            s.country = o.country;
        }
        s.province = province >= 0 && f.values[std::size_t(province)] ? *f.values[std::size_t(province)] : "unknown";
        if (minerals >= 0 && f.values[std::size_t(minerals)])
            s.minerals = *f.values[std::size_t(minerals)];
        if (territory >= 0)
            s.territory = f.values[std::size_t(territory)];
        s.lon = f.point.lon;
        s.lat = f.point.lat;
        seen.emplace(s.code, f.number);
        records.push_back(std::move(s));
    }
    for (auto outcome : store::upsert_sites(db, records, o.dry_run, o.actor))
        count(report, outcome);
    return report;
}

FeatureImportReport import_concessions(store::Database& db, const ConcessionImportOptions& o)
{
    if (o.id_field.empty())
        throw InvalidInput(tr("a concession import needs the id field"));
    FeatureImportReport report;
    report.dry_run = o.dry_run;
    std::vector<std::string> fields{o.id_field};
    // Positions 1..3 are holder, type, status; a field not given reads as no value.
    for (const auto* f : {&o.holder_field, &o.type_field, &o.status_field})
        fields.push_back(f->empty() ? std::string(geo::k_fid_field) : *f);
    auto records = read_areas(o.file, o.layer, fields, tr("concession id"), report);
    for (auto& r : records) {
        if (o.holder_field.empty())
            r.holder.reset();
        if (o.type_field.empty())
            r.type.reset();
        if (o.status_field.empty())
            r.status.reset();
    }
    for (auto outcome : store::upsert_concessions(db, records, o.dry_run, o.actor))
        count(report, outcome);
    return report;
}

FeatureImportReport import_protected_areas(store::Database& db, const ProtectedAreaImportOptions& o)
{
    if (o.name_field.empty())
        throw InvalidInput(tr("a protected area import needs the name field"));
    FeatureImportReport report;
    report.dry_run = o.dry_run;
    std::vector<std::string> fields{o.name_field};
    if (!o.designation_field.empty())
        fields.push_back(o.designation_field);
    auto records = read_areas(o.file, o.layer, fields, tr("name"), report);
    for (auto outcome : store::upsert_protected_areas(db, records, o.dry_run, o.actor))
        count(report, outcome);
    return report;
}

} // namespace mwangaza::app
