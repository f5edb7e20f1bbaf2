#include "app/IncidentImport.hpp"

#include "app/PluginRecognisers.hpp"
#include "app/Sha256.hpp"
#include "core/I18n.hpp"
#include "core/Json.hpp"
#include "core/ThreadPriority.hpp"
#include "store/Database.hpp"
#include "store/IncidentImportWriter.hpp"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <fstream>
#include <future>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <utility>

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
    // Written digit by digit: two dates a row, and snprintf cost a few percent of reading.
    std::string out = "0000-00-00";
    for (int i = 3, v = y; i >= 0; --i, v /= 10)
        out[std::size_t(i)] = char('0' + v % 10);
    out[5] = char('0' + m / 10);
    out[6] = char('0' + m % 10);
    out[8] = char('0' + d / 10);
    out[9] = char('0' + d % 10);
    return out;
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

// What becomes of a mapped row, once compared with the database and the rows before it.
enum class Outcome { Unknown, New, Unchanged, Update, Conflict, Duplicate };

// A row ready to be written, or the reason it is skipped.
struct Candidate {
    std::int64_t row = 0;
    store::IncidentImportRecord record;
    Outcome outcome = Outcome::Unknown;
    std::int64_t other = 0; // the incident (Update, Conflict) or the first row (Duplicate)
    std::string status;     // the incident's status (Conflict)
};

class RowRejected {
public:
    RowRejected(std::string column, std::string message) : column(std::move(column)), message(std::move(message)) {}
    std::string column;
    std::string message;
};

// Whether any of the 8 bytes of `v` is a control character, a quote or a backslash: the
// bytes JSON escapes (bit tricks on a 64-bit word, so that plain text is checked eight
// bytes at a time).
bool needs_escape(std::uint64_t v)
{
    constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    auto zero_byte = [](std::uint64_t x) { return (x - ones) & ~x & highs; };
    const std::uint64_t below_space = (v - ones * 0x20) & ~v & highs;
    return (below_space | zero_byte(v ^ (ones * '"')) | zero_byte(v ^ (ones * '\\'))) != 0;
}

void append_json_string(std::string& out, std::string_view text)
{
    out += '"';
    std::size_t plain = 0; // start of the run of characters copied as they are
    std::size_t i = 0;
    for (; i + 8 <= text.size(); i += 8) {
        std::uint64_t word;
        std::memcpy(&word, text.data() + i, 8);
        if (needs_escape(word))
            break; // escaped byte by byte from this word on
    }
    for (; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        out.append(text.data() + plain, i - plain);
        const std::string escaped = core::json_string(text.substr(i, 1)); // "\\n", "\\u0001" ... in quotes
        out.append(escaped, 1, escaped.size() - 2);
        plain = i + 1;
    }
    out.append(text.data() + plain, text.size() - plain);
    out += '"';
}

// The source row as stored: the array of its values in the file's column order, then
// [lon, lat] when the row has a geometry. The names are stored once, with the batch
// (source_columns_json); the store's view incident_source_row pairs them again.
void raw_source_json(const std::vector<std::string>& columns, const geo::TableRow& row, std::string& json)
{
    std::size_t size = 16;
    for (std::size_t i = 0; i < columns.size(); ++i)
        size += row.values[i].size() + 3;
    json.clear();
    json.reserve(size + 64);
    json += '[';
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (i)
            json += ',';
        append_json_string(json, row.values[i]);
    }
    if (row.lon && row.lat) {
        json += ",[";
        json += core::json_number(*row.lon);
        json += ',';
        json += core::json_number(*row.lat);
        json += ']';
    }
    json += ']'; // appended in place: `json + "]"` would copy the whole row once more
}

// The names of the stored values: the file's columns, then "_geometry".
std::string source_columns_json(const std::vector<std::string>& columns)
{
    std::string json = "[";
    for (const auto& column : columns) {
        append_json_string(json, column);
        json += ',';
    }
    return json + "\"_geometry\"]";
}

// Hashes std::string keys and finds them by std::string_view, without a copy.
struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};

class RowMapper {
public:
    RowMapper(const ColumnBinding& binding, const std::unordered_map<std::string, std::int64_t>& sites)
        : m_binding(binding), m_sites(sites)
    {
    }

    // Maps `m` into `r`, every field of which it sets. A record reused from an earlier
    // row keeps the memory of its strings: at a million rows, allocating them again and
    // again was a third of the reading.
    void map(const MappedRow& m, store::IncidentImportRecord& r) const
    {
        const std::string_view source_id = value(m, ImportField::SourceId);
        if (source_id.empty())
            throw RowRejected(col(ImportField::SourceId), tr("no submission id"));
        r.source_id.assign(source_id);

        const std::string_view area = value(m, ImportField::RiskArea);
        if (area.empty())
            throw RowRejected(col(ImportField::RiskArea), tr("no risk area"));
        r.risk_area.assign(area_code(area));

        const std::string_view observed = value(m, ImportField::ObservedOn);
        if (observed.empty())
            throw RowRejected(col(ImportField::ObservedOn), tr("no observation date"));
        const auto date = parse_date(observed);
        if (!date)
            throw RowRejected(col(ImportField::ObservedOn),
                              core::format(tr("'%1' is not a date (expected YYYY-MM-DD)"), {std::string(observed)}));
        r.observed_on.assign(*date);

        r.submitted_at.assign(value(m, ImportField::SubmittedAt));
        r.reporter.assign(value(m, ImportField::Reporter));
        r.description.assign(value(m, ImportField::Description));

        const std::pair<ImportField, std::int64_t*> counts[] = {
            {ImportField::Children, &r.children}, {ImportField::Women, &r.women}, {ImportField::Men, &r.men}};
        for (const auto& [field, target] : counts) {
            *target = 0;
            const std::string_view text = value(m, field);
            if (text.empty())
                continue;
            const auto n = parse_count(text);
            if (!n || *n < 0)
                throw RowRejected(col(field), core::format(tr("'%1' is not a count (a whole number, 0 or more)"),
                                                           {std::string(text)}));
            *target = *n;
        }

        // Coordinates: latitude/longitude columns, else a geopoint column, else the
        // feature's point geometry.
        r.lat.reset();
        r.lon.reset();
        const std::string_view lat_text = value(m, ImportField::Latitude);
        const std::string_view lon_text = value(m, ImportField::Longitude);
        const std::string_view point = value(m, ImportField::Geopoint);
        if (!lat_text.empty() || !lon_text.empty()) {
            const auto lat = parse_double(lat_text);
            const auto lon = parse_double(lon_text);
            if (!lat || *lat < -90 || *lat > 90)
                throw RowRejected(col(ImportField::Latitude),
                                  core::format(tr("'%1' is not a latitude (a number from -90 to 90)"), {std::string(lat_text)}));
            if (!lon || *lon < -180 || *lon > 180)
                throw RowRejected(col(ImportField::Longitude),
                                  core::format(tr("'%1' is not a longitude (a number from -180 to 180)"), {std::string(lon_text)}));
            r.lat = lat;
            r.lon = lon;
        } else if (!point.empty()) {
            const auto space = point.find(' ');
            const auto lat = parse_double(point.substr(0, space));
            std::optional<double> lon;
            if (space != std::string_view::npos) {
                const auto rest = point.substr(space + 1);
                lon = parse_double(rest.substr(0, rest.find(' ')));
            }
            if (!lat || !lon || *lat < -90 || *lat > 90 || *lon < -180 || *lon > 180)
                throw RowRejected(col(ImportField::Geopoint),
                                  core::format(tr("'%1' is not a geopoint (latitude longitude [altitude accuracy])"),
                                               {std::string(point)}));
            r.lat = lat;
            r.lon = lon;
        } else if (m.geometry_lat && m.geometry_lon) {
            if (*m.geometry_lat < -90 || *m.geometry_lat > 90 || *m.geometry_lon < -180 || *m.geometry_lon > 180)
                throw RowRejected("geometry", tr("the point geometry is not a longitude/latitude"));
            r.lat = m.geometry_lat;
            r.lon = m.geometry_lon;
        }

        const std::string_view site = value(m, ImportField::SiteCode);
        r.site_id.reset();
        if (!site.empty()) {
            const auto it = m_sites.find(std::string(site));
            if (it == m_sites.end())
                throw RowRejected(col(ImportField::SiteCode), core::format(tr("unknown site code '%1'"), {std::string(site)}));
            r.site_id = it->second;
        } else if (!r.lat) {
            throw RowRejected(col(ImportField::SiteCode), tr("neither a site code nor coordinates"));
        }

        r.attachments.clear();
        for (ImportField photo : {ImportField::Photo1, ImportField::Photo2, ImportField::Photo3}) {
            const std::string_view name = value(m, photo);
            if (name.empty())
                continue;
            if (!r.attachments.empty())
                r.attachments += '\n';
            r.attachments += name;
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
        h.hex(r.source_hash);
    }

private:
    static std::string_view value(const MappedRow& m, ImportField f)
    {
        const auto& v = m.values[std::size_t(f)];
        return v ? std::string_view(*v) : std::string_view();
    }
    std::string col(ImportField f) const
    {
        auto name = m_binding.column_name(f);
        return name.empty() ? std::string(field_key(f)) : name;
    }
    // The code of a risk area as the file writes it; the few different spellings of a
    // file are each looked up once.
    const std::string& area_code(std::string_view text) const
    {
        if (const auto it = m_area_codes.find(text); it != m_area_codes.end())
            return it->second;
        const auto code = risk_area_from_text(text);
        if (!code)
            throw RowRejected(col(ImportField::RiskArea),
                              core::format(tr("unknown risk area '%1' (neither a code nor a label of the taxonomy)"),
                                           {std::string(text)}));
        return m_area_codes.emplace(std::string(text), *code).first->second;
    }

    const ColumnBinding& m_binding;
    const std::unordered_map<std::string, std::int64_t>& m_sites;
    // Used by the reading thread only.
    mutable std::unordered_map<std::string, std::string, TextHash, std::equal_to<>> m_area_codes;
};

constexpr std::int64_t k_chunk_rows = 2048;

// The rows of a part of the file, mapped: candidates and skipped rows.
struct Chunk {
    std::int64_t rows = 0; // rows read
    std::vector<Candidate> candidates;
    std::vector<ImportDiagnostic> skipped;
};

// Chunks handed from the reading thread to the writing one; at most a few are held, so
// memory stays bounded whatever the file's size.
class ChunkQueue {
public:
    // False when the consumer has stopped (cancel or error): the producer should stop too.
    bool push(Chunk&& chunk)
    {
        std::unique_lock lock(m_mutex);
        m_space.wait(lock, [&] { return m_chunks.size() < k_capacity || m_stopped; });
        if (m_stopped)
            return false;
        m_chunks.push_back(std::move(chunk));
        m_ready.notify_one();
        return true;
    }
    // The producer is done; `error` (if any) is rethrown by pop() after the chunks.
    void finish(std::exception_ptr error)
    {
        std::lock_guard lock(m_mutex);
        m_done = true;
        m_error = std::move(error);
        m_ready.notify_one();
    }
    // The next chunk; false at the end.
    bool pop(Chunk& chunk)
    {
        std::unique_lock lock(m_mutex);
        m_ready.wait(lock, [&] { return !m_chunks.empty() || m_done; });
        if (m_chunks.empty()) {
            if (m_error)
                std::rethrow_exception(std::exchange(m_error, nullptr));
            return false;
        }
        chunk = std::move(m_chunks.front());
        m_chunks.pop_front();
        m_space.notify_one();
        return true;
    }
    void cancel()
    {
        std::lock_guard lock(m_mutex);
        m_stopped = true;
        m_chunks.clear();
        m_space.notify_all();
    }
    // A chunk the consumer is done with, handed back so that the producer frees it: its
    // strings were allocated on the producer's thread, and freeing them there keeps the
    // writing thread (the import's bottleneck) out of the allocator.
    void recycle(Chunk&& chunk)
    {
        std::lock_guard lock(m_mutex);
        m_spent.push_back(std::move(chunk));
    }
    std::vector<Chunk> take_spent()
    {
        std::lock_guard lock(m_mutex);
        return std::exchange(m_spent, {});
    }

private:
    static constexpr std::size_t k_capacity = 4;
    std::mutex m_mutex;
    std::condition_variable m_ready, m_space;
    std::deque<Chunk> m_chunks;
    std::vector<Chunk> m_spent;
    bool m_done = false, m_stopped = false;
    std::exception_ptr m_error;
};

// The first 64 bits of a hex digest (enough to tell an edited row from an unchanged one).
std::uint64_t hash_prefix(std::string_view hex)
{
    std::uint64_t v = 0;
    const auto n = std::min<std::size_t>(hex.size(), 16);
    std::from_chars(hex.data(), hex.data() + n, v, 16);
    return v ^ n; // an empty or short hash never equals a full one
}

// What the import knows of each submission id: the incident it already is (id 0: none),
// its status and row hash, and the row of the file that first holds it (0: not yet seen).
struct Known {
    std::int64_t id = 0;
    std::int64_t first_row = 0;
    std::uint64_t hash = 0;
    std::string status;
};

class KnownSubmissions {
public:
    void reserve(std::size_t n)
    {
        m_entries.reserve(n);
        if (n * 2 > m_slots.size())
            rehash(n * 2);
    }
    void add(std::string_view source_id, std::int64_t id, std::string_view status, std::string_view hash)
    {
        auto& k = entry(source_id);
        k.id = id;
        k.status = status;
        k.hash = hash_prefix(hash);
    }
    const Known* find(std::string_view source_id) const
    {
        if (m_slots.empty())
            return nullptr;
        const std::size_t slot = locate(source_id, std::hash<std::string_view>()(source_id));
        return m_slots[slot] ? &m_entries[m_slots[slot] - 1].known : nullptr;
    }
    // The submission's record, made empty on first sight. Valid until the next call.
    Known& entry(std::string_view source_id)
    {
        if ((m_entries.size() + 1) * 2 > m_slots.size())
            rehash(std::max<std::size_t>(1024, m_slots.size() * 2));
        const std::size_t hash = std::hash<std::string_view>()(source_id);
        const std::size_t slot = locate(source_id, hash);
        if (m_slots[slot])
            return m_entries[m_slots[slot] - 1].known;
        m_entries.push_back({keep(source_id), hash, Known()});
        m_slots[slot] = std::uint32_t(m_entries.size());
        return m_entries.back().known;
    }

    // Decides what becomes of `c` (its outcome and the incident or row it refers to);
    // rows must come in file order.
    void classify(Candidate& c)
    {
        auto& k = entry(c.record.source_id);
        if (k.first_row != 0) {
            c.outcome = Outcome::Duplicate;
            c.other = k.first_row;
            return;
        }
        k.first_row = c.row;
        if (k.id == 0) {
            c.outcome = Outcome::New;
        } else if (k.hash == hash_prefix(c.record.source_hash)) {
            c.outcome = Outcome::Unchanged;
        } else {
            c.outcome = k.status == "new" ? Outcome::Update : Outcome::Conflict;
            c.other = k.id;
            c.status = k.status;
        }
    }

private:
    // An open-addressing table (linear probing, at most half full) of indexes into
    // m_entries, and the ids packed in large blocks: a node and a string allocated for
    // each of a million submissions were a tenth of the reading, and freeing them a
    // third of a second at the end of the import.
    struct Entry {
        std::string_view id;
        std::size_t hash;
        Known known;
    };
    std::size_t locate(std::string_view id, std::size_t hash) const
    {
        const std::size_t mask = m_slots.size() - 1;
        for (std::size_t slot = hash & mask;; slot = (slot + 1) & mask) {
            const std::uint32_t e = m_slots[slot];
            if (e == 0 || (m_entries[e - 1].hash == hash && m_entries[e - 1].id == id))
                return slot;
        }
    }
    void rehash(std::size_t at_least)
    {
        std::size_t size = 1024;
        while (size < at_least)
            size *= 2;
        m_slots.assign(size, 0);
        const std::size_t mask = size - 1;
        for (std::size_t i = 0; i < m_entries.size(); ++i) {
            std::size_t slot = m_entries[i].hash & mask;
            while (m_slots[slot])
                slot = (slot + 1) & mask;
            m_slots[slot] = std::uint32_t(i + 1);
        }
    }
    // A copy of `text` that lives as long as this object.
    std::string_view keep(std::string_view text)
    {
        if (text.size() > m_left) {
            const std::size_t size = std::max(k_block, text.size());
            m_blocks.push_back(std::make_unique<char[]>(size));
            m_next = m_blocks.back().get();
            m_left = size;
        }
        std::copy(text.begin(), text.end(), m_next);
        const std::string_view kept(m_next, text.size());
        m_next += text.size();
        m_left -= text.size();
        return kept;
    }
    static constexpr std::size_t k_block = std::size_t(1) << 20;
    std::vector<std::unique_ptr<char[]>> m_blocks;
    char* m_next = nullptr;
    std::size_t m_left = 0;
    std::vector<Entry> m_entries;
    std::vector<std::uint32_t> m_slots; // 0: empty, else 1 + an index into m_entries
};

// SHA-256 of the file, on a thread of its own from start() on; stops early when the
// import ends without needing it.
class FileDigest {
public:
    explicit FileDigest(fs::path file) : m_file(std::move(file)) {}
    ~FileDigest()
    {
        m_stop = true;
        if (m_result.valid())
            m_result.wait();
    }
    void start()
    {
        if (m_result.valid())
            return;
        m_result = std::async(std::launch::async, [this] {
            core::lower_this_thread_priority(); // needed only at commit
            std::ifstream in(m_file, std::ios::binary);
            if (!in)
                throw InvalidInput(core::format(tr("cannot read %1"), {m_file.string()}));
            Sha256 h;
            std::vector<char> buffer(std::size_t(1) << 20);
            while (!m_stop && in) {
                in.read(buffer.data(), std::streamsize(buffer.size()));
                h.update(buffer.data(), std::size_t(in.gcount()));
            }
            return h.hex();
        });
    }
    std::string hex()
    {
        start();
        return m_result.get();
    }

private:
    fs::path m_file;
    std::atomic<bool> m_stop{false};
    std::future<std::string> m_result;
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
    const FormatRecogniser* forced = recogniser_for_profile(options.profile);
    std::optional<MappingProfile> mapping = options.mapping_profile;
    if (!mapping && options.mapping)
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

    // Submissions already in the database. When the table is not much larger than the
    // file, they are read in one pass; otherwise looked up chunk by chunk.
    const std::int64_t hint = reader->row_count_hint();
    const bool read_all_known = store::incident_count(db) <= 4 * std::max<std::int64_t>(hint, 1000);
    KnownSubmissions known;
    known.reserve(std::size_t(std::max<std::int64_t>(hint, 0)));
    if (read_all_known)
        store::for_each_imported_incident(db, [&](std::string_view source_id, std::int64_t id, std::string_view status,
                                                  std::string_view hash) { known.add(source_id, id, status, hash); });

    // The file's digest, for the import batch: computed beside the rows once the first
    // incident is written (a run that writes nothing does not need it).
    FileDigest file_digest(file);

    // Everything is written in one transaction, opened at the first incident to write
    // and committed at the end; a failure or a cancel on the way rolls it back. A run
    // that changes no incident (the same file again, or only skipped rows and conflicts)
    // never opens it and leaves the database as it was.
    store::ImportBatchRecord start;
    start.file_name = file.filename().string();
    start.profile = summary.profile;
    start.actor = options.actor;
    start.columns = source_columns_json(columns);
    if (mapping) {
        start.mapping_name = mapping->name;
        start.mapping_definition = mapping->definition;
    }
    std::optional<store::IncidentImportWriter> writer;
    auto open_writer = [&]() -> store::IncidentImportWriter& {
        if (!writer) {
            file_digest.start();
            writer.emplace(db, start, hint);
        }
        return *writer;
    };

    // Rows are read, mapped, validated and fingerprinted on a thread of their own, in
    // chunks, while this one compares them with earlier imports and writes them.
    // When every submission already imported is known beforehand, the reading thread
    // also decides what becomes of each row (new, unchanged, edited, repeated), so that
    // this thread only writes.
    ChunkQueue queue;
    std::thread reading([&] {
        try {
            geo::TableRow row;
            MappedRow mapped;
            Chunk chunk;
            // Candidates of the chunks the writing thread is done with, filled again: their
            // strings keep their memory, and are freed on the thread that allocated them.
            std::vector<Candidate> spare;
            while (reader->next(row)) {
                ++chunk.rows;
                if (spare.empty()) {
                    chunk.candidates.emplace_back();
                } else {
                    chunk.candidates.push_back(std::move(spare.back()));
                    spare.pop_back();
                }
                auto& c = chunk.candidates.back();
                c.row = row.number;
                c.outcome = Outcome::Unknown;
                c.other = 0;
                c.status.clear();
                try {
                    binding.map(row, mapped);
                    mapper.map(mapped, c.record);
                    raw_source_json(columns, row, c.record.raw_source);
                    if (read_all_known)
                        known.classify(c);
                } catch (const RowRejected& r) {
                    spare.push_back(std::move(c));
                    chunk.candidates.pop_back();
                    chunk.skipped.push_back({row.number, r.column, "error", r.message});
                }
                if (chunk.rows == k_chunk_rows) {
                    if (!queue.push(std::move(chunk)))
                        return;
                    chunk = Chunk();
                    chunk.candidates.reserve(std::size_t(k_chunk_rows));
                    for (auto& spent : queue.take_spent())
                        for (auto& used : spent.candidates)
                            spare.push_back(std::move(used));
                }
            }
            queue.push(std::move(chunk));
            queue.finish(nullptr);
        } catch (...) {
            queue.finish(std::current_exception());
        }
    });
    struct Join {
        ChunkQueue& queue;
        std::thread& thread;
        ~Join()
        {
            queue.cancel();
            thread.join();
        }
    } join{queue, reading};

    const std::string id_column = binding.column_name(ImportField::SourceId);
    const double total = hint > 0 ? double(hint) : 0.0;
    Chunk chunk;
    try {
        while (queue.pop(chunk)) {
            check_cancel(progress);
            summary.read += chunk.rows;
            summary.skipped += std::int64_t(chunk.skipped.size());
            for (auto& d : chunk.skipped)
                summary.diagnostics.push_back(std::move(d));
            if (!read_all_known) {
                std::vector<std::string> ids;
                for (const auto& c : chunk.candidates)
                    if (!known.find(c.record.source_id))
                        ids.push_back(c.record.source_id);
                for (const auto& [source_id, found] : store::find_incidents_by_source(db, ids))
                    known.add(source_id, found.id, found.status, found.source_hash);
            }
            for (auto& c : chunk.candidates) {
                if (c.outcome == Outcome::Unknown)
                    known.classify(c);
                switch (c.outcome) {
                case Outcome::Duplicate:
                    ++summary.skipped;
                    summary.diagnostics.push_back(
                        {c.row, id_column, "error",
                         core::format(tr("submission %1 already appears on row %2; the first one is kept"),
                                      {c.record.source_id, std::to_string(c.other)})});
                    break;
                case Outcome::New:
                    ++summary.imported;
                    if (!options.dry_run)
                        open_writer().insert(c.record);
                    break;
                case Outcome::Unchanged:
                    ++summary.unchanged;
                    break;
                case Outcome::Update:
                    ++summary.updated;
                    summary.diagnostics.push_back(
                        {c.row, id_column, "info",
                         core::format(tr("submission %1 was edited: incident #%2 is updated"),
                                      {c.record.source_id, std::to_string(c.other)})});
                    if (!options.dry_run)
                        open_writer().update(c.other, c.record);
                    break;
                case Outcome::Conflict:
                case Outcome::Unknown:
                    ++summary.conflicts;
                    summary.diagnostics.push_back(
                        {c.row, id_column, "warning",
                         core::format(tr("submission %1 was edited, but incident #%2 is already %3: not overwritten"),
                                      {c.record.source_id, std::to_string(c.other), c.status})});
                    break;
                }
            }
            if (total > 0)
                progress.report(0.9 * std::min(1.0, double(summary.read) / total), tr("Reading the file"));
            queue.recycle(std::move(chunk));
            chunk = Chunk();
        }
    } catch (const GeoError& e) {
        throw ImportRejected(e.what());
    }
    check_cancel(progress);
    std::stable_sort(summary.diagnostics.begin(), summary.diagnostics.end(),
                     [](const ImportDiagnostic& a, const ImportDiagnostic& b) { return a.row < b.row; });
    if (options.dry_run) {
        progress.report(1.0, tr("Dry run: nothing written"));
        return summary;
    }
    if (summary.imported == 0 && summary.updated == 0) {
        progress.report(1.0, tr("Nothing to write"));
        return summary;
    }

    progress.report(0.9, tr("Writing the incidents"));
    store::ImportBatchRecord batch;
    try {
        batch.file_sha256 = file_digest.hex();
    } catch (const InvalidInput& e) {
        throw ImportRejected(e.what());
    }
    batch.profile = summary.profile;
    batch.rows_read = summary.read;
    batch.imported = summary.imported;
    batch.updated = summary.updated;
    batch.unchanged = summary.unchanged;
    batch.skipped = summary.skipped;
    batch.conflicts = summary.conflicts;
    summary.batch_id = writer->commit(batch);
    progress.report(1.0, tr("Writing the incidents"));
    return summary;
}

} // namespace mwangaza::app
