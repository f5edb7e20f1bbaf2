// libFuzzer target over the row-mapping layer of import: the column binding of every
// reader (the built-in generic one and the Kobo and ODK plugins, loaded from the build
// tree), a mapping profile applied on top, ColumnBinding::map on rows of any width, the
// text normalisation and risk-area lookup, and the row validation of import (a dry run
// of app::import_incidents on the same rows written as a CSV file).
//
// Input: rows separated by '\n', cells by '\t'; the first row is the column names.
// Checked on every input: scores in 0..100, bound columns inside the table, mapped values
// trimmed, normalise_text idempotent, risk areas found only as taxonomy codes, and the
// import's counts reconciling (read = imported + updated + unchanged + skipped +
// conflicts) with a diagnostic naming each skipped row. Any exception other than the
// documented rejections is a finding.
#include "app/ImportProfile.hpp"
#include "app/IncidentImport.hpp"
#include "app/Progress.hpp"
#include "core/Taxonomy.hpp"
#include "store/Database.hpp"

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

using namespace mwangaza;
namespace fs = std::filesystem;

namespace {

[[noreturn]] void finding(const std::string& what)
{
    std::fprintf(stderr, "row-mapping fuzz finding: %s\n", what.c_str());
    std::abort();
}

std::vector<std::vector<std::string>> split_input(std::string_view text)
{
    std::vector<std::vector<std::string>> rows;
    std::size_t start = 0;
    while (start <= text.size() && rows.size() < 64) {
        const auto end = std::min(text.find('\n', start), text.size());
        const std::string_view line = text.substr(start, end - start);
        std::vector<std::string> cells;
        std::size_t c = 0;
        while (cells.size() < 64) {
            const auto tab = std::min(line.find('\t', c), line.size());
            cells.emplace_back(line.substr(c, tab - c));
            if (tab >= line.size())
                break;
            c = tab + 1;
        }
        rows.push_back(std::move(cells));
        if (end >= text.size())
            break;
        start = end + 1;
    }
    return rows;
}

bool is_trimmed(const std::string& v)
{
    return v.empty() || (v.find_first_of(" \t\r\n") != 0 && v.find_last_of(" \t\r\n") != v.size() - 1);
}

bool is_area_code(const std::string& code)
{
    for (const auto& a : core::risk_areas())
        if (a.code == code)
            return true;
    return false;
}

std::string csv_cell(const std::string& v)
{
    std::string q = "\"";
    for (char c : v)
        q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

struct Workspace {
    fs::path folder;
    fs::path db_path;
    std::optional<store::Database> db;

    Workspace()
    {
        const fs::path base = fs::is_directory("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
        folder = base / ("mwangaza-fuzz-" + std::to_string(::getpid()));
        fs::remove_all(folder);
        fs::create_directories(folder);
        db_path = folder / "p.mwz";
        db.emplace(store::Database::open(db_path, store::Database::Mode::Create));
        db->sql().exec("INSERT INTO site(code, name, country, province, minerals, lat, lon) VALUES "
                       "('CD-KOL-01', 'Kasulo', 'CD', 'Lualaba', 'cobalt', -10.71, 25.43), "
                       "('RW-NGO-01', 'Ngororero', 'RW', 'Western', 'tin', -1.86, 29.62)");
    }
    ~Workspace()
    {
        db.reset();
        std::error_code ec;
        fs::remove_all(folder, ec);
    }
};

Workspace& workspace()
{
    static Workspace w;
    return w;
}

void check_binding(const app::ColumnBinding& binding, const std::vector<std::string>& columns,
                   const std::vector<std::vector<std::string>>& rows)
{
    for (std::size_t f = 0; f < app::k_import_field_count; ++f) {
        const int i = binding.column(app::ImportField(f));
        if (i < -1 || i >= int(columns.size()))
            finding("field " + std::string(app::field_key(app::ImportField(f))) + " bound to column " +
                    std::to_string(i));
    }
    for (std::size_t r = 1; r < rows.size(); ++r) {
        geo::TableRow row;
        row.number = std::int64_t(r) + 1;
        row.values = rows[r];
        const auto mapped = binding.map(row);
        for (std::size_t f = 0; f < app::k_import_field_count; ++f) {
            const auto field = app::ImportField(f);
            const int i = binding.column(field);
            const bool present = i >= 0 && std::size_t(i) < row.values.size();
            if (mapped[field].has_value() != present)
                finding("a value for an unbound or missing cell");
            if (!present)
                continue;
            const auto& v = *mapped[field];
            if (field != app::ImportField::RiskArea && !is_trimmed(v))
                finding("value not trimmed: '" + v + "'");
            if (field == app::ImportField::RiskArea)
                if (const auto code = app::risk_area_from_text(v); code && !is_area_code(*code))
                    finding("risk area '" + v + "' gave the unknown code '" + *code + "'");
        }
    }
}

void check_import(const std::vector<std::vector<std::string>>& rows)
{
    auto& w = workspace();
    const fs::path file = w.folder / "input.csv";
    {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        for (const auto& row : rows) {
            for (std::size_t i = 0; i < row.size(); ++i)
                out << (i ? "," : "") << csv_cell(row[i]);
            out << "\n";
        }
    }
    app::ImportOptions options;
    options.dry_run = true;
    options.limits.max_file_bytes = 1 << 20;
    options.limits.max_rows = 1000;
    app::SilentProgress progress;
    try {
        const auto s = app::import_incidents(*w.db, file, options, progress);
        if (s.read != s.imported + s.updated + s.unchanged + s.skipped + s.conflicts)
            finding("counts do not reconcile");
        if (s.batch_id != 0)
            finding("a dry run wrote a batch");
        std::int64_t errors = 0;
        for (const auto& d : s.diagnostics) {
            if (d.message.empty() || d.row < 1)
                finding("a diagnostic without a message or a row");
            if (d.severity == "error")
                ++errors;
            else if (d.severity != "warning" && d.severity != "info")
                finding("unknown severity " + d.severity);
        }
        if (errors != s.skipped)
            finding("skipped rows and error diagnostics differ: " + std::to_string(s.skipped) + " vs " +
                    std::to_string(errors));
    } catch (const app::ImportRejected& e) {
        if (std::string_view(e.what()).empty())
            finding("a rejection without a message");
    } catch (const InvalidInput& e) {
        // A plugin that refuses the columns is reported this way (PluginError).
        if (std::string_view(e.what()).empty())
            finding("an InvalidInput without a message");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size > 64 * 1024)
        return 0;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto rows = split_input(text);
    const auto& columns = rows.front();

    for (const auto& cell : columns) {
        const auto once = app::normalise_text(cell);
        if (app::normalise_text(once) != once)
            finding("normalise_text is not idempotent on '" + cell + "'");
    }

    for (const auto& r : app::recognisers()) {
        const int score = r->score(columns);
        if (score < 0 || score > 100)
            finding(std::string(r->name()) + " scored " + std::to_string(score));
        try {
            auto binding = r->bind(columns);
            check_binding(binding, columns, rows);
            // A mapping profile naming the first column for the risk area, and a value map.
            if (!columns.empty() && rows.size() > 1 && !rows[1].empty()) {
                app::MappingProfile profile;
                profile.name = "fuzz";
                profile.columns[app::ImportField::RiskArea] = columns.front();
                profile.values[app::ImportField::RiskArea][rows[1].front()] = "child_labour";
                app::apply_profile(binding, profile);
                check_binding(binding, columns, rows);
            }
        } catch (const InvalidInput&) {
            // apply_profile: the named column is not found (a column name that normalises
            // to something else cannot be found again); a plugin refusing the columns.
        }
    }

    check_import(rows);
    return 0;
}
