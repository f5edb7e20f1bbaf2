#include "app/IncidentImport.hpp"

#include "app/Sha256.hpp"
#include "core/I18n.hpp"
#include "core/Json.hpp"
#include "store/Database.hpp"
#include "store/IncidentImportWriter.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <unordered_map>

namespace mwangaza::app {

namespace {

using core::tr;
namespace fs = std::filesystem;


bool is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

bool valid_day(int y, int m, int d)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1)
        return false;
    return d <= days[m - 1] + (m == 2 && is_leap(y) ? 1 : 0);
}

int digits(std::string_view s, std::size_t pos, std::size_t n)
{
    int v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (i >= s.size() || s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

// YYYY-MM-DD (or YYYY/MM/DD), possibly followed by a time; or DD/MM/YYYY as French
// spreadsheets write it. Returns YYYY-MM-DD.
std::optional<std::string> parse_date(std::string_view s)
{
    int y = -1, m = -1, d = -1;
    if (s.size() >= 10 && (s[4] == '-' || s[4] == '/') && s[7] == s[4] &&
        (s.size() == 10 || s[10] == 'T' || s[10] == ' ')) {
        y = digits(s, 0, 4);
        m = digits(s, 5, 2);
        d = digits(s, 8, 2);
    } else if (s.size() == 10 && s[2] == '/' && s[5] == '/') {
        d = digits(s, 0, 2);
        m = digits(s, 3, 2);
        y = digits(s, 6, 4);
    }
    if (!valid_day(y, m, d))
        return std::nullopt;
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return std::string(buf);
}

std::optional<double> parse_double(std::string_view s)
{
    if (s.empty())
        return std::nullopt;
    std::string text(s);
    for (auto& c : text)
        if (c == ',')
            c = '.'; // decimal comma
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (end != text.c_str() + text.size() || !std::isfinite(v))
        return std::nullopt;
    return v;
}

std::optional<std::int64_t> parse_count(std::string_view s)
{
    std::int64_t v = 0;
    // Spreadsheets may write whole numbers as "3.0".
    std::string_view body = s;
    if (const auto dot = s.find('.'); dot != std::string_view::npos &&
                                      s.find_first_not_of('0', dot + 1) == std::string_view::npos)
        body = s.substr(0, dot);
    const auto r = std::from_chars(body.data(), body.data() + body.size(), v);
    if (body.empty() || r.ec != std::errc() || r.ptr != body.data() + body.size())
        return std::nullopt;
    return v;
}

// A row ready to be written, or the reason it is skipped.
struct Candidate {
    std::int64_t row = 0;
    store::IncidentImportRecord record;
};

class RowRejected {
public:
    RowRejected(std::string column, std::string message) : column(std::move(column)), message(std::move(message)) {}
    std::string column;
    std::string message;
};

std::string raw_source_json(const std::vector<std::string>& columns, const geo::TableRow& row)
{
    std::string json = "{";
    for (std::size_t i = 0; i < columns.size(); ++i)
        json += (i ? "," : "") + core::json_string(columns[i]) + ":" + core::json_string(row.values[i]);
    if (row.lon && row.lat)
        json += ",\"_geometry\":[" + core::json_number(*row.lon) + "," + core::json_number(*row.lat) + "]";
    return json + "}";
}

class RowMapper {
public:
    RowMapper(const ColumnBinding& binding, const std::unordered_map<std::string, std::int64_t>& sites)
        : m_binding(binding), m_sites(sites)
    {
    }

    store::IncidentImportRecord map(const MappedRow& m) const
    {
        store::IncidentImportRecord r;
        r.source_id = value(m, ImportField::SourceId);
        if (r.source_id.empty())
            throw RowRejected(col(ImportField::SourceId), tr("no submission id"));

        const std::string area = value(m, ImportField::RiskArea);
        if (area.empty())
            throw RowRejected(col(ImportField::RiskArea), tr("no risk area"));
        const auto code = risk_area_from_text(area);
        if (!code)
            throw RowRejected(col(ImportField::RiskArea),
                              core::format(tr("unknown risk area '%1' (neither a code nor a label of the taxonomy)"), {area}));
        r.risk_area = *code;

        const std::string observed = value(m, ImportField::ObservedOn);
        if (observed.empty())
            throw RowRejected(col(ImportField::ObservedOn), tr("no observation date"));
        const auto date = parse_date(observed);
        if (!date)
            throw RowRejected(col(ImportField::ObservedOn),
                              core::format(tr("'%1' is not a date (expected YYYY-MM-DD)"), {observed}));
        r.observed_on = *date;

        r.submitted_at = value(m, ImportField::SubmittedAt);
        r.reporter = value(m, ImportField::Reporter);
        r.description = value(m, ImportField::Description);

        const std::pair<ImportField, std::int64_t*> counts[] = {
            {ImportField::Children, &r.children}, {ImportField::Women, &r.women}, {ImportField::Men, &r.men}};
        for (const auto& [field, target] : counts) {
            const std::string text = value(m, field);
            if (text.empty())
                continue;
            const auto n = parse_count(text);
            if (!n || *n < 0)
                throw RowRejected(col(field), core::format(tr("'%1' is not a count (a whole number, 0 or more)"), {text}));
            *target = *n;
        }

        // Coordinates: latitude/longitude columns, else a geopoint column, else the
        // feature's point geometry.
        const std::string lat_text = value(m, ImportField::Latitude);
        const std::string lon_text = value(m, ImportField::Longitude);
        const std::string point = value(m, ImportField::Geopoint);
        if (!lat_text.empty() || !lon_text.empty()) {
            const auto lat = parse_double(lat_text);
            const auto lon = parse_double(lon_text);
            if (!lat || *lat < -90 || *lat > 90)
                throw RowRejected(col(ImportField::Latitude),
                                  core::format(tr("'%1' is not a latitude (a number from -90 to 90)"), {lat_text}));
            if (!lon || *lon < -180 || *lon > 180)
                throw RowRejected(col(ImportField::Longitude),
                                  core::format(tr("'%1' is not a longitude (a number from -180 to 180)"), {lon_text}));
            r.lat = lat;
            r.lon = lon;
        } else if (!point.empty()) {
            const auto space = point.find(' ');
            const auto lat = parse_double(point.substr(0, space));
            std::optional<double> lon;
            if (space != std::string::npos) {
                const auto rest = point.substr(space + 1);
                lon = parse_double(rest.substr(0, rest.find(' ')));
            }
            if (!lat || !lon || *lat < -90 || *lat > 90 || *lon < -180 || *lon > 180)
                throw RowRejected(col(ImportField::Geopoint),
                                  core::format(tr("'%1' is not a geopoint (latitude longitude [altitude accuracy])"), {point}));
            r.lat = lat;
            r.lon = lon;
        } else if (m.geometry_lat && m.geometry_lon) {
            if (*m.geometry_lat < -90 || *m.geometry_lat > 90 || *m.geometry_lon < -180 || *m.geometry_lon > 180)
                throw RowRejected("geometry", tr("the point geometry is not a longitude/latitude"));
            r.lat = m.geometry_lat;
            r.lon = m.geometry_lon;
        }

        const std::string site = value(m, ImportField::SiteCode);
        if (!site.empty()) {
            const auto it = m_sites.find(site);
            if (it == m_sites.end())
                throw RowRejected(col(ImportField::SiteCode), core::format(tr("unknown site code '%1'"), {site}));
            r.site_id = it->second;
        } else if (!r.lat) {
            throw RowRejected(col(ImportField::SiteCode), tr("neither a site code nor coordinates"));
        }

        for (ImportField photo : {ImportField::Photo1, ImportField::Photo2, ImportField::Photo3}) {
            const std::string name = value(m, photo);
            if (!name.empty())
                r.attachments += (r.attachments.empty() ? "" : "\n") + name;
        }

        // The fingerprint of what the row says once mapped: an edited resubmission
        // changes it, a re-export with other column order or labels does not.
        Sha256 h;
        auto part = [&h](std::string_view s) {
            h.update(s);
            h.update("\x1f", 1);
        };
        part(r.source_id);
        part(r.submitted_at);
        part(r.observed_on);
        part(r.reporter);
        part(site);
        part(r.lat ? core::json_number(*r.lat) : "");
        part(r.lon ? core::json_number(*r.lon) : "");
        part(r.risk_area);
        part(r.description);
        part(std::to_string(r.children));
        part(std::to_string(r.women));
        part(std::to_string(r.men));
        part(r.attachments);
        r.source_hash = h.hex();
        return r;
    }

private:
    std::string value(const MappedRow& m, ImportField f) const
    {
        const auto& v = m[f];
        return v ? *v : std::string();
    }
    std::string col(ImportField f) const
    {
        auto name = m_binding.column_name(f);
        return name.empty() ? std::string(field_key(f)) : name;
    }

    const ColumnBinding& m_binding;
    const std::unordered_map<std::string, std::int64_t>& m_sites;
};

void check_cancel(Progress& progress)
{
    if (progress.cancelled())
        throw Cancelled();
}

} // namespace

ImportSummary import_incidents(store::Database& db, const fs::path& file, const ImportOptions& options,
                               Progress& progress)
{
    const FormatRecogniser* forced = nullptr;
    if (options.profile != "auto") {
        forced = find_recogniser(options.profile);
        if (!forced)
            throw InvalidInput(
                core::format(tr("unknown profile '%1' (expected auto, kobo, odk or generic)"), {options.profile}));
    }
    std::optional<MappingProfile> mapping;
    if (options.mapping)
        mapping = load_mapping_profile(*options.mapping);

    progress.report(0.0, tr("Reading the file"));
    std::optional<geo::TableReader> reader;
    try {
        reader.emplace(geo::TableReader::open(file, options.limits));
    } catch (const GeoError& e) {
        throw ImportRejected(e.what());
    }
    const auto& columns = reader->columns();

    const FormatRecogniser* recogniser = forced;
    if (!recogniser) {
        int best = -1;
        for (const auto& r : built_in_recognisers()) {
            const int s = r->score(columns);
            if (s > best) {
                best = s;
                recogniser = r.get();
            }
        }
    }
    ColumnBinding binding = recogniser->bind(columns);
    if (mapping) {
        try {
            apply_profile(binding, *mapping);
        } catch (const InvalidInput& e) {
            throw ImportRejected(e.what());
        }
    }
    for (ImportField required : {ImportField::SourceId, ImportField::RiskArea, ImportField::ObservedOn})
        if (binding.column(required) < 0)
            throw ImportRejected(core::format(tr("%1: no column for the required field %2 (profile %3); name it in a mapping "
                                         "profile"),
                                      {file.filename().string(), std::string(field_key(required)),
                                       std::string(recogniser->name())}),
                                 std::string(field_key(required)));

    ImportSummary summary;
    summary.profile = mapping ? std::string(recogniser->name()) + "+" + mapping->name : std::string(recogniser->name());
    const auto sites = store::site_ids_by_code(db);
    const RowMapper mapper(binding, sites);

    // 1. Read and validate every row.
    std::vector<Candidate> candidates;
    std::unordered_map<std::string, std::int64_t> first_row; // source id -> row
    const double hint = reader->row_count_hint() > 0 ? double(reader->row_count_hint()) : 0.0;
    geo::TableRow row;
    try {
        while (reader->next(row)) {
            ++summary.read;
            if ((summary.read & 255) == 0) {
                check_cancel(progress);
                if (hint > 0)
                    progress.report(0.7 * std::min(1.0, double(summary.read) / hint), tr("Reading the file"));
            }
            try {
                auto record = mapper.map(binding.map(row));
                const auto [it, fresh] = first_row.emplace(record.source_id, row.number);
                if (!fresh)
                    throw RowRejected(binding.column_name(ImportField::SourceId),
                                      core::format(tr("submission %1 already appears on row %2; the first one is kept"),
                                           {record.source_id, std::to_string(it->second)}));
                record.raw_source = raw_source_json(columns, row);
                candidates.push_back({row.number, std::move(record)});
            } catch (const RowRejected& r) {
                ++summary.skipped;
                summary.diagnostics.push_back({row.number, r.column, "error", r.message});
            }
        }
    } catch (const GeoError& e) {
        throw ImportRejected(e.what());
    }
    check_cancel(progress);

    // 2. Compare with what earlier imports wrote.
    progress.report(0.7, tr("Comparing with earlier imports"));
    std::vector<std::string> ids;
    ids.reserve(candidates.size());
    for (const auto& c : candidates)
        ids.push_back(c.record.source_id);
    const auto existing = store::find_incidents_by_source(db, ids);

    std::vector<store::IncidentImportRecord> inserts;
    std::vector<store::IncidentUpdate> updates;
    const std::string id_column = binding.column_name(ImportField::SourceId);
    for (auto& c : candidates) {
        const auto it = existing.find(c.record.source_id);
        if (it == existing.end()) {
            ++summary.imported;
            inserts.push_back(std::move(c.record));
        } else if (it->second.source_hash == c.record.source_hash) {
            ++summary.unchanged;
        } else if (it->second.status == "new") {
            ++summary.updated;
            summary.diagnostics.push_back(
                {c.row, id_column, "info",
                 core::format(tr("submission %1 was edited: incident #%2 is updated"),
                      {c.record.source_id, std::to_string(it->second.id)})});
            updates.push_back({it->second.id, it->second.source_hash, std::move(c.record)});
        } else {
            ++summary.conflicts;
            summary.diagnostics.push_back(
                {c.row, id_column, "warning",
                 core::format(tr("submission %1 was edited, but incident #%2 is already %3: not overwritten"),
                      {c.record.source_id, std::to_string(it->second.id), it->second.status})});
        }
    }
    std::stable_sort(summary.diagnostics.begin(), summary.diagnostics.end(),
                     [](const ImportDiagnostic& a, const ImportDiagnostic& b) { return a.row < b.row; });
    check_cancel(progress);
    if (options.dry_run) {
        progress.report(1.0, tr("Dry run: nothing written"));
        return summary;
    }

    // 3. Write everything in one transaction. A run that changes no incident (the same
    //    file again, or only skipped rows and conflicts) leaves the database as it was.
    if (inserts.empty() && updates.empty()) {
        progress.report(1.0, tr("Nothing to write"));
        return summary;
    }
    progress.report(0.75, tr("Writing the incidents"));
    store::ImportBatchRecord batch;
    batch.file_name = file.filename().string();
    try {
        batch.file_sha256 = file_sha256_hex(file);
    } catch (const InvalidInput& e) {
        throw ImportRejected(e.what());
    }
    batch.profile = summary.profile;
    batch.actor = options.actor;
    batch.rows_read = summary.read;
    batch.imported = summary.imported;
    batch.updated = summary.updated;
    batch.unchanged = summary.unchanged;
    batch.skipped = summary.skipped;
    batch.conflicts = summary.conflicts;
    if (mapping) {
        batch.mapping_name = mapping->name;
        batch.mapping_definition = mapping->definition;
    }
    summary.batch_id = store::write_incident_import(db, batch, inserts, updates, [&](double fraction) {
        progress.report(0.75 + 0.25 * fraction, tr("Writing the incidents"));
        return !progress.cancelled();
    });
    return summary;
}

} // namespace mwangaza::app
