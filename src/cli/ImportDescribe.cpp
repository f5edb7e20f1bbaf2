#include "cli/ImportDescribe.hpp"

#include "app/IncidentImport.hpp"
#include "app/PluginRecognisers.hpp"
#include "cli/Output.hpp"
#include "core/Error.hpp"
#include "core/I18n.hpp"
#include "store/Database.hpp"
#include "store/MappingProfileStore.hpp"

#include <algorithm>
#include <cmath>

namespace mwangaza::cli {

namespace {

using core::format;
using core::tr;
using app::ImportField;

// English msgids of the incident fields, in ImportField order.
constexpr const char* k_field_labels[app::k_import_field_count] = {
    N_("Submission id"), N_("Submitted at"),      N_("Observation date"),  N_("Site code"),
    N_("Risk area"),     N_("Description"),       N_("Children involved"), N_("Women involved"),
    N_("Men involved"),  N_("Latitude"),          N_("Longitude"),         N_("Geopoint (latitude longitude)"),
    N_("Reporter"),      N_("Photo 1"),           N_("Photo 2"),           N_("Photo 3"),
};

bool is_required(ImportField f)
{
    return f == ImportField::SourceId || f == ImportField::RiskArea || f == ImportField::ObservedOn;
}

struct Description {
    std::string driver;
    char separator = 0;
    std::int64_t rows = -1;
    std::vector<std::string> columns;
    std::vector<std::pair<std::string, int>> scores;
    std::string profile;
    std::optional<app::ColumnBinding> automatic;
    std::optional<app::ColumnBinding> binding;
    std::vector<geo::TableRow> preview;
    std::string error;
    std::string error_column;
    bool profile_failed = false; // the binding shown is then the recogniser's own
};

void print_json(std::ostream& out, const DescribeRequest& request, const Description& d)
{
    out << "{\"file\": " << json_string(request.file.filename().string());
    if (!d.error.empty())
        out << ", \"error\": " << json_string(d.error) << ", \"error_column\": " << json_string(d.error_column);
    if (d.columns.empty() && !d.automatic) {
        out << "}\n";
        return;
    }
    out << ", \"driver\": " << json_string(d.driver) << ", \"separator\": "
        << (d.separator ? json_string(std::string(1, d.separator)) : std::string("null"))
        << ", \"rows\": " << (d.rows >= 0 ? std::to_string(d.rows) : std::string("null")) << ",\n \"columns\": [";
    for (std::size_t i = 0; i < d.columns.size(); ++i)
        out << (i ? ", " : "") << json_string(d.columns[i]);
    out << "],\n \"recognisers\": [";
    for (std::size_t i = 0; i < d.scores.size(); ++i)
        out << (i ? ", " : "") << "{\"name\": " << json_string(d.scores[i].first) << ", \"score\": " << d.scores[i].second
            << "}";
    out << "],\n \"profile\": " << json_string(d.profile) << ", \"mapping\": "
        << (request.mapping ? json_string(request.mapping->name) : std::string("null")) << ",\n \"fields\": [";
    for (std::size_t f = 0; f < app::k_import_field_count; ++f) {
        const auto field = ImportField(f);
        out << (f ? ",\n  " : "\n  ") << "{\"key\": " << json_string(app::field_key(field))
            << ", \"label\": " << json_string(tr(k_field_labels[f]))
            << ", \"required\": " << (is_required(field) ? "true" : "false")
            << ", \"column\": " << json_string(d.binding ? d.binding->column_name(field) : std::string())
            << ", \"automatic\": " << json_string(d.automatic ? d.automatic->column_name(field) : std::string())
            << "}";
    }
    out << "],\n \"values\": {";
    if (request.mapping) {
        bool first_field = true;
        for (const auto& [field, values] : request.mapping->values) {
            out << (first_field ? "" : ", ") << json_string(app::field_key(field)) << ": {";
            first_field = false;
            bool first = true;
            for (const auto& [from, to] : values) {
                out << (first ? "" : ", ") << json_string(from) << ": " << json_string(to);
                first = false;
            }
            out << "}";
        }
    }
    out << "},\n \"preview\": [";
    for (std::size_t r = 0; r < d.preview.size(); ++r) {
        const auto& row = d.preview[r];
        out << (r ? ",\n  " : "\n  ") << "{\"row\": " << row.number << ", \"values\": [";
        for (std::size_t i = 0; i < row.values.size(); ++i)
            out << (i ? ", " : "") << json_string(row.values[i]);
        out << "]}";
    }
    out << (d.preview.empty() ? "]}\n" : "\n ]}\n");
}

void print_text(std::ostream& out, const DescribeRequest& request, const Description& d, const std::string& lang)
{
    if (d.columns.empty() && !d.automatic) {
        out << request.file.filename().string() << ": " << d.error << '\n';
        return;
    }
    out << format(tr("%1: %2 columns, %3 rows (%4)"),
                  {request.file.filename().string(), std::to_string(d.columns.size()),
                   d.rows >= 0 ? group_digits(d.rows, lang) : std::string("?"), d.driver})
        << '\n';
    std::string scores;
    for (const auto& [name, score] : d.scores)
        scores += (scores.empty() ? "" : ", ") + name + " " + std::to_string(score);
    out << format(tr("Recognised as %1 (scores: %2)"), {d.profile, scores}) << '\n';
    if (request.mapping)
        out << format(tr("Mapping profile: %1"), {request.mapping->name}) << '\n';
    if (!d.error.empty())
        out << d.error << '\n';
    out << '\n';
    TextTable table({TextTable::Align::Left, TextTable::Align::Left, TextTable::Align::Left});
    table.add_row({tr("Field"), tr("Column"), tr("First value")});
    const auto& b = d.binding ? *d.binding : *d.automatic;
    for (std::size_t f = 0; f < app::k_import_field_count; ++f) {
        const auto field = ImportField(f);
        std::string first;
        const int c = b.column(field);
        for (const auto& row : d.preview)
            if (c >= 0 && std::size_t(c) < row.values.size() && !row.values[std::size_t(c)].empty()) {
                first = row.values[std::size_t(c)];
                break;
            }
        table.add_row({std::string(app::field_key(field)) + (is_required(field) ? " *" : ""),
                       b.column(field) >= 0 ? b.column_name(field) : "-", first});
    }
    table.print(out);
}

} // namespace

int describe_import(const DescribeRequest& request, bool json, std::ostream& out, std::ostream& err,
                    const std::string& lang)
{
    Description d;
    const app::FormatRecogniser* forced = app::recogniser_for_profile(request.profile);
    try {
        auto reader = geo::TableReader::open(request.file);
        d.driver = reader.driver();
        d.separator = reader.separator();
        d.columns = reader.columns();
        geo::TableRow row;
        while (d.preview.size() < request.preview_rows && reader.next(row))
            d.preview.push_back(row);
        d.rows = reader.row_count();
        if (d.rows < 0 && d.preview.size() < request.preview_rows)
            d.rows = std::int64_t(d.preview.size()); // read to the end
    } catch (const GeoError& e) {
        d.error = e.what();
    }
    if (d.error.empty()) {
        const app::FormatRecogniser* chosen = forced;
        int best = -1;
        for (const auto& r : app::built_in_recognisers()) {
            const int s = r->score(d.columns);
            d.scores.emplace_back(std::string(r->name()), s);
            if (!forced && s > best) {
                best = s;
                chosen = r.get();
            }
        }
        d.profile = std::string(chosen->name());
        d.automatic = chosen->bind(d.columns);
        d.binding = d.automatic;
        if (request.mapping) {
            try {
                app::ColumnBinding applied = *d.binding;
                app::apply_profile(applied, *request.mapping);
                d.binding = std::move(applied);
            } catch (const InvalidInput& e) {
                d.error = e.what();
                d.profile_failed = true;
            }
        }
        if (d.error.empty()) {
            for (ImportField f : {ImportField::SourceId, ImportField::RiskArea, ImportField::ObservedOn})
                if (d.binding->column(f) < 0) {
                    d.error = format(tr("no column for the required field %1 (profile %2); choose one"),
                                     {std::string(app::field_key(f)), d.profile});
                    d.error_column = std::string(app::field_key(f));
                    break;
                }
        }
    }
    if (json)
        print_json(out, request, d);
    else
        print_text(out, request, d, lang);
    if (!d.error.empty()) {
        if (!json && d.columns.empty())
            err << "mwangaza-cli: " << d.error << '\n';
        // A required field without a column is something to choose, not a broken file.
        return d.binding && !d.profile_failed ? 0 : 2;
    }
    return 0;
}

app::MappingProfile mapping_profile_from_database(store::Database& db, const std::string& name)
{
    const auto saved = store::find_mapping_profile(db, name);
    if (!saved)
        throw InvalidInput(format(tr("no mapping profile named '%1' in this database"), {name}));
    auto entries = store::mapping_profile_entries(db, saved->definition);
    auto profile = app::mapping_profile_from_entries(entries, name, name);
    profile.name = name; // the name it is saved under
    return profile;
}

void JsonLinesProgress::report(double fraction, const std::string& stage)
{
    const int pct = int(std::lround(std::clamp(fraction, 0.0, 1.0) * 100.0));
    if (pct == m_last && stage == m_stage)
        return;
    m_last = pct;
    m_stage = stage;
    m_err << "{\"progress\": " << json_number(pct / 100.0) << ", \"stage\": " << json_string(stage) << "}\n";
    m_err.flush();
}

} // namespace mwangaza::cli
