#include "plugin/FormAliases.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <exception>

namespace mwangaza::plugin {

namespace {

// Two-byte UTF-8 Latin letters with accents folded to ASCII (enough for French and
// the names in field forms); other characters are kept as they are.
char fold_latin(unsigned char lead, unsigned char next)
{
    if (lead != 0xC3)
        return 0;
    static const char* upper = "AAAAAAACEEEEIIIIDNOOOOOxOUUUUYTs"; // U+00C0..U+00DF
    static const char* lower = "aaaaaaaceeeeiiiidnooooo/ouuuuyty"; // U+00E0..U+00FF
    if (next >= 0x80 && next <= 0x9F)
        return char(std::tolower(static_cast<unsigned char>(upper[next - 0x80])));
    if (next >= 0xA0 && next <= 0xBF)
        return lower[next - 0xA0];
    return 0;
}

// Column name as segments: group separators '/' and '-' split it, a leading '_' goes.
std::vector<std::string> name_segments(std::string_view column)
{
    std::vector<std::string> segments;
    std::string current;
    for (char c : column) {
        if (c == '/' || c == '-') {
            segments.push_back(current);
            current.clear();
        } else {
            current.push_back(c);
        }
    }
    segments.push_back(current);
    std::vector<std::string> out;
    for (auto& s : segments) {
        auto n = normalise_text(s);
        if (!n.empty())
            out.push_back(n);
    }
    return out;
}

// Keys a column answers to: its whole name, its last segment, its last two segments.
std::vector<std::string> column_keys(std::string_view column)
{
    const auto seg = name_segments(column);
    std::vector<std::string> keys;
    if (seg.empty())
        return keys;
    std::string whole;
    for (const auto& s : seg)
        whole += (whole.empty() ? "" : " ") + s;
    keys.push_back(whole);
    keys.push_back(seg.back());
    if (seg.size() >= 2)
        keys.push_back(seg[seg.size() - 2] + " " + seg.back());
    return keys;
}

std::vector<std::string> to_strings(const char* const* columns, std::size_t count)
{
    std::vector<std::string> out;
    out.reserve(count);
    for (std::size_t i = 0; i < count; ++i)
        out.emplace_back(columns && columns[i] ? columns[i] : "");
    return out;
}

std::vector<FieldAlias> with_form(const AliasFormat& format)
{
    std::vector<FieldAlias> all = format.metadata;
    for (const auto& a : form_aliases())
        all.push_back(a);
    return all;
}

} // namespace

std::string normalise_text(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    bool space = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        char folded = 0;
        if (c >= 0x80 && i + 1 < text.size()) {
            folded = fold_latin(c, static_cast<unsigned char>(text[i + 1]));
            if (folded) {
                ++i;
            } else if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
                       (static_cast<unsigned char>(text[i + 2]) == 0x99 ||
                        static_cast<unsigned char>(text[i + 2]) == 0x98)) {
                folded = ' '; // typographic apostrophes
                i += 2;
            } else if (c == 0xC2 && static_cast<unsigned char>(text[i + 1]) == 0xA0) {
                folded = ' '; // no-break space
                ++i;
            }
        } else if (c < 0x80) {
            folded = char(std::tolower(c));
        }
        if (!folded) {
            out.push_back(char(c));
            space = false;
            continue;
        }
        if (folded == '_' || folded == '-' || folded == '\'' || folded == ' ' || folded == '\t' || folded == '\r' ||
            folded == '\n') {
            if (!out.empty() && !space)
                out.push_back(' ');
            space = true;
            continue;
        }
        out.push_back(folded);
        space = false;
    }
    while (!out.empty() && out.back() == ' ')
        out.pop_back();
    return out;
}

const std::vector<FieldAlias>& form_aliases()
{
    static const std::vector<FieldAlias> aliases{
        {MWANGAZA_FIELD_OBSERVED_ON,
         {"observed on", "date of observation", "observation date", "date observed", "date d observation",
          "date de l observation"}},
        {MWANGAZA_FIELD_SITE_CODE, {"site code", "code du site", "code site", "site"}},
        {MWANGAZA_FIELD_RISK_AREA, {"risk area", "domaine de risque", "area of risk", "risk"}},
        {MWANGAZA_FIELD_DESCRIPTION, {"description"}},
        {MWANGAZA_FIELD_CHILDREN,
         {"children involved", "children", "enfants concernes", "enfants impliques", "nombre d enfants", "enfants"}},
        {MWANGAZA_FIELD_WOMEN,
         {"women involved", "women", "femmes concernees", "femmes impliquees", "nombre de femmes", "femmes"}},
        {MWANGAZA_FIELD_MEN, {"men involved", "men", "hommes concernes", "hommes impliques", "nombre d hommes", "hommes"}},
        {MWANGAZA_FIELD_LATITUDE, {"location latitude", "localisation latitude", "latitude", "lat"}},
        {MWANGAZA_FIELD_LONGITUDE, {"location longitude", "localisation longitude", "longitude", "lon", "lng"}},
        {MWANGAZA_FIELD_GEOPOINT, {"location", "localisation", "geopoint", "gps"}},
        {MWANGAZA_FIELD_REPORTER, {"reporter id", "reporter", "id de l agent", "agent"}},
        {MWANGAZA_FIELD_PHOTO_1, {"photo 1"}},
        {MWANGAZA_FIELD_PHOTO_2, {"photo 2"}},
        {MWANGAZA_FIELD_PHOTO_3, {"photo 3"}},
    };
    return aliases;
}

std::vector<std::string_view> bind_by_aliases(const std::vector<std::string>& columns,
                                              const std::vector<FieldAlias>& aliases)
{
    std::vector<std::string_view> bound(columns.size());
    std::vector<std::vector<std::string>> keys;
    keys.reserve(columns.size());
    for (const auto& c : columns)
        keys.push_back(column_keys(c));
    std::vector<std::string_view> done_fields;
    for (const auto& alias : aliases) {
        if (std::find(done_fields.begin(), done_fields.end(), alias.field_key) != done_fields.end())
            continue;
        bool done = false;
        for (const auto& name : alias.names) {
            // Whole name first, then the last two segments, then the last one.
            for (std::size_t k = 0; k < 3 && !done; ++k) {
                for (std::size_t i = 0; i < columns.size(); ++i) {
                    if (!bound[i].empty() || keys[i].size() <= k)
                        continue;
                    const std::size_t which = k == 0 ? 0 : (k == 1 ? keys[i].size() - 1 : 1);
                    if (keys[i][which] == name) {
                        bound[i] = alias.field_key;
                        done_fields.push_back(alias.field_key);
                        done = true;
                        break;
                    }
                }
            }
            if (done)
                break;
        }
    }
    return bound;
}

int marker_score(const std::vector<std::string>& columns, const AliasFormat& format)
{
    int s = 0;
    for (const auto& [column, weight] : format.markers)
        if (std::find(columns.begin(), columns.end(), column) != columns.end())
            s += weight;
    return std::min(s, 100);
}

void write_error(char* error, std::size_t error_size, std::string_view message) noexcept
{
    if (!error || error_size == 0)
        return;
    const std::size_t n = std::min(message.size(), error_size - 1);
    std::memcpy(error, message.data(), n);
    error[n] = '\0';
}

int alias_score(const AliasFormat& format, const char* const* columns, std::size_t count, int* score, char* error,
                std::size_t error_size) noexcept
{
    try {
        if (!score || (!columns && count > 0)) {
            write_error(error, error_size, "score: null argument");
            return MWANGAZA_PLUGIN_ERROR;
        }
        *score = marker_score(to_strings(columns, count), format);
        return MWANGAZA_PLUGIN_OK;
    } catch (const std::exception& e) {
        write_error(error, error_size, e.what());
    } catch (...) {
        write_error(error, error_size, "score: unknown exception");
    }
    return MWANGAZA_PLUGIN_ERROR;
}

int alias_bind(const AliasFormat& format, const char* const* columns, std::size_t count,
               const mwangaza_binding_sink* sink, char* error, std::size_t error_size) noexcept
{
    try {
        if (!sink || !sink->bind_column || (!columns && count > 0)) {
            write_error(error, error_size, "bind: null argument");
            return MWANGAZA_PLUGIN_ERROR;
        }
        const auto bound = bind_by_aliases(to_strings(columns, count), with_form(format));
        for (std::size_t i = 0; i < bound.size(); ++i) {
            if (bound[i].empty())
                continue;
            const std::string key(bound[i]);
            if (sink->bind_column(sink->context, i, key.c_str()) != MWANGAZA_PLUGIN_OK) {
                write_error(error, error_size, "bind: the host refused column " + std::to_string(i) + " for " + key);
                return MWANGAZA_PLUGIN_ERROR;
            }
        }
        return MWANGAZA_PLUGIN_OK;
    } catch (const std::exception& e) {
        write_error(error, error_size, e.what());
    } catch (...) {
        write_error(error, error_size, "bind: unknown exception");
    }
    return MWANGAZA_PLUGIN_ERROR;
}

} // namespace mwangaza::plugin
