#pragma once
// Tables from outside (field exports) read through GDAL/OGR as rows of text: CSV (`,`,
// `;` or tab, found from the header line; UTF-8 with or without BOM), XLSX, GeoJSON and
// GeoPackage, opened with an explicit list of allowed drivers and bounded in file size,
// CSV line length and row count. Every value is kept as the text the file holds, so ids
// and codes keep their exact form.
//
// CSV rows are split by a reader of our own once GDAL has opened the file and read its
// header (GDAL's CSV driver costs several microseconds a row, more than the whole import
// of a row may take); it follows the driver's rules, checked against it by the tests:
// quotes anywhere in a field start and end quoted text, "" inside quotes is a quote, a
// quoted line break is kept (as "\n"), blank lines are no rows, missing cells are empty
// and cells beyond the header are ignored. A CSV whose header GDAL reads as geometry
// (a WKT column) is read through GDAL throughout.
//
// Encoding: a CSV file that is not valid UTF-8 (typically Latin-1 from an old
// spreadsheet) is rejected with a message naming the line and telling how to re-save it;
// it is not converted, so no accented name is ever silently mangled.
#include "geo/Gdal.hpp"

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

class OGRLayer;

namespace mwangaza::geo {

struct TableLimits {
    std::uintmax_t max_file_bytes = std::uintmax_t(2) << 30; // 2 GiB
    std::size_t max_line_bytes = std::size_t(1) << 20;       // one CSV line (1 MiB)
    std::int64_t max_rows = 5'000'000;                        // data rows (features)
};

struct TableRow {
    // Row number as a person sees it: CSV and XLSX count the header as row 1, so the
    // first data row is 2; GeoJSON and GeoPackage count features from 1.
    std::int64_t number = 0;
    std::vector<std::string> values; // one per column, "" for an empty cell
    std::optional<double> lon;       // point geometry, when the feature has one
    std::optional<double> lat;
};

class TableReader {
public:
    // Who splits CSV rows: our reader (Native), or GDAL's CSV driver (Ogr, for tests
    // that compare the two). Other formats are always read by GDAL.
    enum class CsvRows { Native, Ogr };

    // Throws GeoError naming the file and the reason (missing, empty, too large, line
    // too long, not UTF-8, not text, unreadable, no table in it).
    static TableReader open(const std::filesystem::path& path, const TableLimits& limits = {},
                            CsvRows csv_rows = CsvRows::Native);

    TableReader(TableReader&&) noexcept;
    TableReader& operator=(TableReader&&) noexcept;
    ~TableReader();

    const std::vector<std::string>& columns() const { return m_columns; }
    const std::string& driver() const { return m_driver; }
    // The CSV separator found (',' ';' or '\t'); 0 for other formats.
    char separator() const { return m_separator; }
    // Rows as counted before reading, -1 when unknown. Exact for GeoPackage, GeoJSON and
    // a CSV file of up to 1 MiB; a larger CSV file's count is estimated from its first
    // MiB until the file has been read (or row_count() is called).
    std::int64_t row_count_hint() const { return m_row_hint; }
    // The exact row count: for a large CSV file, waits for the whole-file check.
    // Throws GeoError as next() does when the check fails.
    std::int64_t row_count();

    // Reads the next row; false at the end. Throws GeoError when the row bound is passed
    // and, for a CSV file larger than 1 MiB, when the whole-file check (text, UTF-8, line
    // length, row count: run on a thread of its own while the rows are read) fails: at
    // the latest when the end is reached, so a reader that reads to the end before
    // writing anything writes nothing from a refused file.
    bool next(TableRow& row);

private:
    TableReader() = default;
    bool read_next(TableRow& row);
    void finish_check();
    std::filesystem::path m_path;
    TableLimits m_limits;
    DatasetPtr m_dataset;
    OGRLayer* m_layer = nullptr;
    std::vector<std::string> m_columns;
    std::string m_driver;
    char m_separator = 0;
    std::int64_t m_row_hint = -1;
    // The whole-file check of a large CSV file (its lines); while it is pending, the row
    // hint is an estimate.
    std::future<std::int64_t> m_check;
    std::shared_ptr<std::atomic<bool>> m_stop_check;
    std::int64_t m_read = 0;
    bool m_header_row = false;
    struct CsvRecords;
    std::unique_ptr<CsvRecords> m_csv; // CSV rows split by our reader

};

// A JSON file read through GDAL's JSON reader and flattened to key paths: nested object
// keys are joined with '/', values are given as text ({"a":{"b":"x"}} gives "a/b" -> "x").
// Throws GeoError naming the file when it is missing, too large or not a JSON object.
std::vector<std::pair<std::string, std::string>> read_flat_json(const std::filesystem::path& path,
                                                                std::uintmax_t max_bytes = 1 << 20);

} // namespace mwangaza::geo
