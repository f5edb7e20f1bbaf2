#include "geo/TableReader.hpp"

#include "core/Error.hpp"
#include "core/I18n.hpp"
#include "core/ThreadPriority.hpp"
#include "geo/Gdal.hpp"

#include <cpl_json.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <future>

namespace mwangaza::geo {

namespace fs = std::filesystem;

namespace {

using core::tr;

// Length of the UTF-8 sequence starting at `p` (1..4), or 0 when it is not valid UTF-8.
// `n` is how many bytes are available.
std::size_t utf8_sequence(const unsigned char* p, std::size_t n)
{
    const unsigned char c = p[0];
    if (c < 0x80)
        return 1;
    std::size_t len = 0;
    if (c >= 0xC2 && c <= 0xDF)
        len = 2;
    else if (c >= 0xE0 && c <= 0xEF)
        len = 3;
    else if (c >= 0xF0 && c <= 0xF4)
        len = 4;
    else
        return 0;
    if (n < len)
        return n == 0 ? 0 : std::size_t(-1); // incomplete: needs more bytes
    for (std::size_t i = 1; i < len; ++i)
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    if (len == 3 && ((c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] >= 0xA0)))
        return 0;
    if (len == 4 && ((c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] >= 0x90)))
        return 0;
    return len;
}

struct CsvScan {
    char separator = ',';
    std::int64_t lines = 0;
    std::uintmax_t bytes = 0; // bytes scanned
    bool whole = true;        // the scan reached the end of the file
};

// Bytes of a CSV file checked before GDAL opens it; the rest is checked on a thread of
// its own while the rows are read (see TableReader::finish_check).
constexpr std::uintmax_t k_head_bytes = std::uintmax_t(1) << 20;

// Reads a CSV file, or its first `limit` bytes (to the end of the 64 KiB block where the
// limit falls), before GDAL does: refuses binary content, text that is not UTF-8 and
// lines longer than the bound, and finds the separator on the header line. Stops early,
// as a partial scan, when `stop` becomes true.
CsvScan scan_csv(const fs::path& path, const TableLimits& limits, std::uintmax_t limit = UINTMAX_MAX,
                 const std::atomic<bool>* stop = nullptr)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw GeoError(core::format(tr("cannot open %1: the file cannot be read"), {path.string()}));
    CsvScan scan;
    std::string header;
    bool header_done = false;
    bool in_quotes = false;
    std::size_t line_length = 0;
    std::int64_t line = 1;
    // A block read from the file, after the incomplete UTF-8 sequence (at most 3 bytes)
    // that ended the block before, moved to the front.
    constexpr std::size_t k_block = std::size_t(1) << 16;
    std::vector<char> buffer(k_block + 4);
    std::size_t carry = 0;
    bool first_chunk = true;
    while (in) {
        if (scan.bytes >= limit || (stop && *stop)) {
            scan.whole = false;
            break;
        }
        in.read(buffer.data() + carry, std::streamsize(k_block));
        const auto got = std::size_t(in.gcount());
        if (got == 0)
            break;
        scan.bytes += got;
        const std::string_view chunk(buffer.data(), carry + got);
        carry = 0;
        std::size_t i = 0;
        if (first_chunk) {
            first_chunk = false;
            if (chunk.rfind("\xEF\xBB\xBF", 0) == 0)
                i = 3;
        }
        const auto* bytes = reinterpret_cast<const unsigned char*>(chunk.data());
        while (i < chunk.size()) {
            if (header_done) {
                // Fast path over plain ASCII, which is most of a file.
                std::size_t j = i;
                while (j < chunk.size() && bytes[j] < 0x80 && bytes[j] != '"' && bytes[j] != '\n' && bytes[j] != 0)
                    ++j;
                line_length += j - i;
                if (line_length > limits.max_line_bytes)
                    throw GeoError(core::format(tr("cannot read %1: line %2 is longer than the limit of %3 bytes"),
                                        {path.string(), std::to_string(line), std::to_string(limits.max_line_bytes)}));
                i = j;
                if (i == chunk.size())
                    break;
            }
            const unsigned char c = bytes[i];
            if (c == 0)
                throw GeoError(core::format(tr("cannot read %1: line %2 holds a NUL byte; this is not a text (CSV) file"),
                                    {path.string(), std::to_string(line)}));
            const std::size_t len = utf8_sequence(bytes + i, chunk.size() - i);
            if (len == std::size_t(-1) && in) {
                carry = chunk.size() - i;
                std::memmove(buffer.data(), chunk.data() + i, carry);
                break;
            }
            if (len == 0 || len == std::size_t(-1)) {
                char hex[8];
                std::snprintf(hex, sizeof hex, "0x%02X", unsigned(c));
                throw GeoError(core::format(tr("cannot read %1: line %2 has the byte %3, which is not UTF-8 (the file is "
                                       "probably Latin-1 or Windows-1252); save it again as \"CSV UTF-8\" and "
                                       "import it again"),
                                    {path.string(), std::to_string(line), hex}));
            }
            if (c == '"')
                in_quotes = !in_quotes;
            if (c == '\n') {
                if (!header_done)
                    header_done = true;
                if (!in_quotes)
                    ++scan.lines;
                ++line;
                line_length = 0;
            } else {
                if (!header_done)
                    header.push_back(char(c));
                if (++line_length > limits.max_line_bytes)
                    throw GeoError(core::format(tr("cannot read %1: line %2 is longer than the limit of %3 bytes"),
                                        {path.string(), std::to_string(line), std::to_string(limits.max_line_bytes)}));
            }
            i += len;
        }
    }
    if (scan.whole && line_length > 0 && !in_quotes)
        ++scan.lines; // last line without a newline

    // The separator that splits the header line most often, outside quotes.
    std::size_t commas = 0, semicolons = 0, tabs = 0;
    bool quoted = false;
    for (char c : header) {
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && c == ',')
            ++commas;
        else if (!quoted && c == ';')
            ++semicolons;
        else if (!quoted && c == '\t')
            ++tabs;
    }
    if (semicolons > commas && semicolons >= tabs)
        scan.separator = ';';
    else if (tabs > commas && tabs > semicolons)
        scan.separator = '\t';
    return scan;
}

} // namespace

// Records of a CSV file split the way GDAL's CSV driver splits them (see the header).
struct TableReader::CsvRecords {
    std::ifstream in;
    char separator = ',';
    std::vector<char> buffer = std::vector<char>(std::size_t(1) << 20);
    std::size_t begin = 0, end = 0; // unread bytes in `buffer`
    std::string line, record;

    // One physical line without its end (\n or \r\n); false at the end of the file.
    bool read_line(std::string& out)
    {
        out.clear();
        bool any = false;
        for (;;) {
            if (begin == end) {
                in.read(buffer.data(), std::streamsize(buffer.size()));
                begin = 0;
                end = std::size_t(in.gcount());
                if (end == 0)
                    break;
            }
            any = true;
            const char* start = buffer.data() + begin;
            const auto* nl = static_cast<const char*>(std::memchr(start, '\n', end - begin));
            if (nl) {
                out.append(start, std::size_t(nl - start));
                begin += std::size_t(nl - start) + 1;
                if (!out.empty() && out.back() == '\r')
                    out.pop_back();
                return true;
            }
            out.append(start, end - begin);
            begin = end;
        }
        if (!out.empty() && out.back() == '\r')
            out.pop_back();
        return any;
    }

    // The next record's cells (the first `columns` of them, the others ""); false at the end.
    bool next(std::vector<std::string>& cells, std::size_t columns)
    {
        do {
            if (!read_line(record))
                return false;
        } while (record.empty()); // blank lines are no rows
        // A record goes on over the next lines while its quotes are unbalanced.
        auto quotes = std::count(record.begin(), record.end(), '"');
        while (quotes % 2 != 0 && read_line(line)) {
            record += '\n';
            record += line;
            quotes += std::count(line.begin(), line.end(), '"');
        }
        cells.resize(columns);
        for (auto& c : cells)
            c.clear();
        // Runs of plain characters are found with memchr, separators up to the next
        // quote and quotes up to the closing one: most cells are copied in one piece.
        std::size_t cell = 0;
        const char* p = record.data();
        const char* const stop = p + record.size();
        auto put = [&](const char* from, const char* to) {
            if (cell < columns)
                cells[cell].append(from, std::size_t(to - from));
        };
        auto find = [&](const char* from, char c, const char* to) {
            return static_cast<const char*>(std::memchr(from, c, std::size_t(to - from)));
        };
        const char* quote = find(p, '"', stop); // the next quote outside quotes
        for (;;) {
            const char* const plain_end = quote ? quote : stop;
            if (const char* sep = find(p, separator, plain_end)) {
                put(p, sep);
                ++cell;
                p = sep + 1;
                continue;
            }
            put(p, plain_end);
            if (!quote)
                break;
            // Inside quotes: "" is a quote, a single one ends them; the cell goes on after.
            p = quote + 1;
            for (;;) {
                const char* q = find(p, '"', stop);
                if (!q) {
                    put(p, stop);
                    p = stop;
                    break;
                }
                put(p, q);
                if (q + 1 < stop && q[1] == '"') {
                    if (cell < columns)
                        cells[cell] += '"';
                    p = q + 2;
                    continue;
                }
                p = q + 1;
                break;
            }
            quote = find(p, '"', stop);
        }
        return true;
    }
};

TableReader::TableReader(TableReader&&) noexcept = default;
TableReader& TableReader::operator=(TableReader&&) noexcept = default;
TableReader::~TableReader()
{
    if (m_stop_check)
        *m_stop_check = true; // a check still running ends at its next block
}

void TableReader::finish_check()
{
    if (!m_check.valid())
        return;
    const std::int64_t lines = m_check.get(); // throws the check's GeoError
    m_row_hint = std::max<std::int64_t>(0, lines - 1);
    if (m_row_hint > m_limits.max_rows)
        throw GeoError(core::format(tr("cannot read %1: it has %2 rows, more than the limit of %3"),
                                    {m_path.string(), std::to_string(m_row_hint), std::to_string(m_limits.max_rows)}));
}

std::int64_t TableReader::row_count()
{
    finish_check();
    return m_row_hint;
}

bool TableReader::next(TableRow& row)
{
    try {
        if (read_next(row))
            return true;
    } catch (const GeoError&) {
        finish_check(); // a file that fails the check is refused for that reason
        throw;
    }
    finish_check();
    return false;
}

TableReader TableReader::open(const fs::path& path, const TableLimits& limits, CsvRows csv_rows)
{
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        throw GeoError(core::format(tr("cannot open %1: no such file"), {path.string()}));
    const auto size = fs::file_size(path, ec);
    if (ec)
        throw GeoError("cannot open " + path.string() + ": " + ec.message());
    if (size > limits.max_file_bytes)
        throw GeoError(core::format(tr("cannot open %1: the file has %2 bytes, more than the limit of %3"),
                            {path.string(), std::to_string(size), std::to_string(limits.max_file_bytes)}));
    if (size == 0)
        throw GeoError(core::format(tr("cannot open %1: the file is empty"), {path.string()}));

    TableReader reader;
    reader.m_path = path;
    reader.m_limits = limits;
    OpenLimits open;
    open.max_file_bytes = limits.max_file_bytes;
    const std::string ext = lower_extension(path);
    if (ext == ".csv") {
        const auto scan = scan_csv(path, limits, k_head_bytes);
        reader.m_separator = scan.separator;
        if (scan.whole) {
            reader.m_row_hint = std::max<std::int64_t>(0, scan.lines - 1);
        } else {
            // The rows of the whole file estimated from those of its head (the count
            // becomes exact at the end of the reading, see finish_check), and the whole
            // file checked meanwhile on a thread of its own.
            reader.m_row_hint = std::max<std::int64_t>(
                1, std::int64_t(double(std::max<std::int64_t>(scan.lines - 1, 1)) * double(size) / double(scan.bytes)));
            auto stop = std::make_shared<std::atomic<bool>>(false);
            reader.m_stop_check = stop;
            reader.m_check = std::async(std::launch::async, [path, limits, stop] {
                core::lower_this_thread_priority(); // needed only at the end of the reading
                return scan_csv(path, limits, UINTMAX_MAX, stop.get()).lines;
            });
        }
        open.allowed_drivers = {"CSV"};
        const char* sep = scan.separator == ';' ? "SEMICOLON" : scan.separator == '\t' ? "TAB" : "COMMA";
        open.open_options = {std::string("SEPARATOR=") + sep, "AUTODETECT_TYPE=NO", "KEEP_GEOM_COLUMNS=YES",
                             "HEADERS=YES", "EMPTY_STRING_AS_NULL=NO"};
        reader.m_header_row = true;
    } else if (ext == ".xlsx") {
        open.allowed_drivers = {"XLSX"};
        reader.m_header_row = true;
    } else if (ext == ".geojson" || ext == ".json") {
        open.allowed_drivers = {"GeoJSON"};
    } else if (ext == ".gpkg") {
        open.allowed_drivers = {"GPKG"};
    } else {
        throw GeoError(core::format(tr("cannot open %1: unsupported file type (expected .csv, .xlsx, .geojson, .json or .gpkg)"),
                            {path.string()}));
    }
    // GDAL 3.6 reads the XLSX header and cell types from configuration options, when
    // the sheet is first parsed: set them for this thread only, while the table is set up.
    class ThreadConfig {
    public:
        // Sets `key` to `value` for this thread until restore(); a null value changes nothing.
        ThreadConfig(const char* key, const char* value) : m_key(key), m_active(value != nullptr)
        {
            if (!m_active)
                return;
            const char* p = CPLGetThreadLocalConfigOption(key, nullptr);
            m_had = p != nullptr;
            m_previous = p ? p : "";
            CPLSetThreadLocalConfigOption(key, value);
        }
        ~ThreadConfig() { restore(); }
        ThreadConfig(const ThreadConfig&) = delete;
        ThreadConfig& operator=(const ThreadConfig&) = delete;
        void restore()
        {
            if (m_active)
                CPLSetThreadLocalConfigOption(m_key, m_had ? m_previous.c_str() : nullptr);
            m_active = false;
        }

    private:
        const char* m_key;
        bool m_active;
        bool m_had = false;
        std::string m_previous;
    };
    const bool xlsx = ext == ".xlsx";
    ThreadConfig headers("OGR_XLSX_HEADERS", xlsx ? "FORCE" : nullptr);
    ThreadConfig types("OGR_XLSX_FIELD_TYPES", xlsx ? "STRING" : nullptr);
    reader.m_dataset = open_vector(path, open);
    reader.m_driver = reader.m_dataset->GetDriver() ? reader.m_dataset->GetDriver()->GetDescription() : "";
    if (reader.m_dataset->GetLayerCount() < 1)
        throw GeoError(core::format(tr("cannot read %1: the file holds no table"), {path.string()}));
    reader.m_layer = reader.m_dataset->GetLayer(0);
    OGRFeatureDefn* defn = reader.m_layer->GetLayerDefn();
    for (int i = 0; i < defn->GetFieldCount(); ++i)
        reader.m_columns.emplace_back(defn->GetFieldDefn(i)->GetNameRef());
    if (reader.m_columns.empty())
        throw GeoError(core::format(tr("cannot read %1: the table has no columns"), {path.string()}));
    if (reader.m_row_hint < 0) {
        const GIntBig n = reader.m_layer->GetFeatureCount(FALSE);
        reader.m_row_hint = n >= 0 ? std::int64_t(n) : -1;
    }
    if (!reader.m_check.valid() && reader.m_row_hint > limits.max_rows) // an exact count
        throw GeoError(core::format(tr("cannot read %1: it has %2 rows, more than the limit of %3"),
                            {path.string(), std::to_string(reader.m_row_hint), std::to_string(limits.max_rows)}));
    reader.m_layer->ResetReading();
    if (ext == ".csv" && csv_rows == CsvRows::Native && reader.m_layer->GetLayerDefn()->GetGeomFieldCount() == 0) {
        auto csv = std::make_unique<CsvRecords>();
        csv->in.open(path, std::ios::binary);
        csv->separator = reader.m_separator;
        std::string header;
        if (!csv->in || !csv->read_line(header))
            throw GeoError(core::format(tr("cannot open %1: the file cannot be read"), {path.string()}));
        // The header record may span lines too (a quoted line break in a column name).
        auto quotes = std::count(header.begin(), header.end(), '"');
        while (quotes % 2 != 0 && csv->read_line(csv->line))
            quotes += std::count(csv->line.begin(), csv->line.end(), '"');
        reader.m_csv = std::move(csv);
    }
    headers.restore();
    types.restore();
    return reader;
}

bool TableReader::read_next(TableRow& row)
{
    if (m_csv) {
        if (!m_csv->next(row.values, m_columns.size()))
            return false;
        ++m_read;
        if (m_read > m_limits.max_rows)
            throw GeoError(core::format(tr("cannot read %1: it has more rows than the limit of %2"),
                                        {m_path.string(), std::to_string(m_limits.max_rows)}));
        row.number = m_read + 1;
        row.lon.reset();
        row.lat.reset();
        return true;
    }
    std::unique_ptr<OGRFeature> feature(m_layer->GetNextFeature());
    if (!feature)
        return false;
    ++m_read;
    if (m_read > m_limits.max_rows)
        throw GeoError(core::format(tr("cannot read %1: it has more rows than the limit of %2"),
                            {m_path.string(), std::to_string(m_limits.max_rows)}));
    row.number = m_header_row ? m_read + 1 : m_read;
    row.values.assign(m_columns.size(), std::string());
    for (std::size_t i = 0; i < m_columns.size(); ++i) {
        const int field = int(i);
        if (feature->IsFieldSetAndNotNull(field))
            row.values[i] = feature->GetFieldAsString(field);
    }
    row.lon.reset();
    row.lat.reset();
    if (const OGRGeometry* g = feature->GetGeometryRef(); g && !g->IsEmpty() &&
                                                          wkbFlatten(g->getGeometryType()) == wkbPoint) {
        const auto* p = g->toPoint();
        row.lon = p->getX();
        row.lat = p->getY();
    }
    return true;
}

std::vector<std::pair<std::string, std::string>> read_flat_json(const fs::path& path, std::uintmax_t max_bytes)
{
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        throw GeoError(core::format(tr("cannot open %1: no such file"), {path.string()}));
    const auto size = fs::file_size(path, ec);
    if (ec || size > max_bytes)
        throw GeoError("cannot open " + path.string() + ": the file is larger than the limit of " +
                       std::to_string(max_bytes) + " bytes");
    std::ifstream in(path, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CPLJSONDocument doc;
    CPLPushErrorHandler(CPLQuietErrorHandler);
    const bool ok = doc.LoadMemory(text);
    CPLPopErrorHandler();
    if (!ok || doc.GetRoot().GetType() != CPLJSONObject::Type::Object)
        throw GeoError("cannot read " + path.string() + ": not a JSON object");
    std::vector<std::pair<std::string, std::string>> out;
    auto walk = [&](auto&& self, const CPLJSONObject& object, const std::string& prefix) -> void {
        for (const auto& child : object.GetChildren()) {
            const std::string key = prefix.empty() ? child.GetName() : prefix + "/" + child.GetName();
            if (child.GetType() == CPLJSONObject::Type::Object)
                self(self, child, key);
            else if (child.GetType() == CPLJSONObject::Type::String)
                out.emplace_back(key, child.ToString());
            else
                out.emplace_back(key, child.Format(CPLJSONObject::PrettyFormat::Plain));
        }
    };
    walk(walk, doc.GetRoot(), "");
    return out;
}

} // namespace mwangaza::geo
