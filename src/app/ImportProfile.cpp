#include "app/ImportProfile.hpp"

#include "core/Error.hpp"
#include "core/I18n.hpp"
#include "core/Json.hpp"
#include "core/Taxonomy.hpp"

#include <algorithm>
#include <unordered_map>

namespace mwangaza::app {

namespace {

using core::tr;

constexpr std::array<std::string_view, k_import_field_count> k_field_keys{
    "source_id", "submitted_at", "observed_on", "site_code", "risk_area", "description", "children", "women",
    "men",       "latitude",     "longitude",   "geopoint",  "reporter",  "photo_1",     "photo_2",  "photo_3"};


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

struct Alias {
    ImportField field;
    std::vector<std::string_view> names; // normalised, most specific first
};

// Field names of the programme's XLSForm and their English and French labels.
const std::vector<Alias>& form_aliases()
{
    static const std::vector<Alias> aliases{
        {ImportField::ObservedOn,
         {"observed on", "date of observation", "observation date", "date observed", "date d observation",
          "date de l observation"}},
        {ImportField::SiteCode, {"site code", "code du site", "code site", "site"}},
        {ImportField::RiskArea, {"risk area", "domaine de risque", "area of risk", "risk"}},
        {ImportField::Description, {"description"}},
        {ImportField::Children,
         {"children involved", "children", "enfants concernes", "enfants impliques", "nombre d enfants", "enfants"}},
        {ImportField::Women,
         {"women involved", "women", "femmes concernees", "femmes impliquees", "nombre de femmes", "femmes"}},
        {ImportField::Men,
         {"men involved", "men", "hommes concernes", "hommes impliques", "nombre d hommes", "hommes"}},
        {ImportField::Latitude, {"location latitude", "localisation latitude", "latitude", "lat"}},
        {ImportField::Longitude, {"location longitude", "localisation longitude", "longitude", "lon", "lng"}},
        {ImportField::Geopoint, {"location", "localisation", "geopoint", "gps"}},
        {ImportField::Reporter, {"reporter id", "reporter", "id de l agent", "agent"}},
        {ImportField::Photo1, {"photo 1"}},
        {ImportField::Photo2, {"photo 2"}},
        {ImportField::Photo3, {"photo 3"}},
    };
    return aliases;
}

bool has_column(const std::vector<std::string>& columns, std::string_view name)
{
    return std::find(columns.begin(), columns.end(), name) != columns.end();
}

// Binds, for each alias in turn, the first column answering to one of its names.
ColumnBinding bind_by_aliases(const std::vector<std::string>& columns, const std::vector<Alias>& aliases)
{
    ColumnBinding binding(columns);
    std::vector<std::vector<std::string>> keys;
    keys.reserve(columns.size());
    for (const auto& c : columns)
        keys.push_back(column_keys(c));
    std::vector<bool> used(columns.size(), false);
    for (const auto& alias : aliases) {
        if (binding.column(alias.field) >= 0)
            continue;
        bool done = false;
        for (const auto& name : alias.names) {
            // Whole name first (so "incident location latitude" beats a bare "location"),
            // then the last two segments, then the last one.
            for (std::size_t k = 0; k < 3 && !done; ++k) {
                for (std::size_t i = 0; i < columns.size(); ++i) {
                    if (used[i] || keys[i].size() <= k)
                        continue;
                    const std::size_t which = k == 0 ? 0 : (k == 1 ? keys[i].size() - 1 : 1);
                    if (keys[i][which] == name) {
                        binding.bind(alias.field, int(i));
                        used[i] = true;
                        done = true;
                        break;
                    }
                }
            }
            if (done)
                break;
        }
    }
    return binding;
}

class AliasRecogniser : public FormatRecogniser {
public:
    AliasRecogniser(std::string_view name, std::vector<Alias> metadata,
                    std::vector<std::pair<std::string_view, int>> markers)
        : m_name(name), m_markers(std::move(markers))
    {
        m_aliases = std::move(metadata);
        for (const auto& a : form_aliases())
            m_aliases.push_back(a);
    }
    std::string_view name() const override { return m_name; }
    int score(const std::vector<std::string>& columns) const override
    {
        int s = 0;
        for (const auto& [column, weight] : m_markers)
            if (has_column(columns, column))
                s += weight;
        return std::min(s, 100);
    }
    ColumnBinding bind(const std::vector<std::string>& columns) const override
    {
        return bind_by_aliases(columns, m_aliases);
    }

private:
    std::string_view m_name;
    std::vector<std::pair<std::string_view, int>> m_markers;
    std::vector<Alias> m_aliases;
};

class GenericRecogniser : public AliasRecogniser {
public:
    GenericRecogniser()
        : AliasRecogniser("generic",
                          {{ImportField::SourceId,
                            {"source id", "submission id", "uuid", "instanceid", "meta instanceid", "key"}},
                           {ImportField::SubmittedAt,
                            {"submitted at", "submission time", "submissiondate", "date de soumission"}},
                           {ImportField::Reporter, {"reporter id", "reporter", "submitted by", "submittername"}}},
                          {})
    {
    }
    int score(const std::vector<std::string>&) const override { return 1; }
};

} // namespace

std::string_view field_key(ImportField field)
{
    return k_field_keys[std::size_t(field)];
}

std::optional<ImportField> field_from_key(std::string_view key)
{
    for (std::size_t i = 0; i < k_field_keys.size(); ++i)
        if (k_field_keys[i] == key)
            return ImportField(i);
    return std::nullopt;
}

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

std::optional<std::string> risk_area_from_text(std::string_view text)
{
    // French labels of the risk areas (those of the French catalog), so that exports with
    // French labels are read whatever language the program speaks.
    static const std::unordered_map<std::string, std::string> table = [] {
        static const std::pair<std::string_view, std::string_view> french[] = {
            {"child_labour", "Travail des enfants"},
            {"wfcl", "Pires formes de travail des enfants (PFTE)"},
            {"wfcl", "Pires formes de travail des enfants"},
            {"wfcl", "PFTE"},
            {"discrimination", "Discrimination"},
            {"forced_labour", "Travail forcé"},
            {"gender", "Genre"},
            {"torture", "Torture, traitements cruels et inhumains"},
            {"ihl", "Droit international humanitaire"},
            {"non_state_armed_groups", "Groupes armés non étatiques"},
            {"security_forces", "Forces de sécurité publiques ou privées"},
            {"general_security", "Sécurité générale"},
            {"ohs", "Santé et sécurité au travail"},
            {"worker_rights", "Droits des travailleurs"},
            {"business_conflict", "Conflits commerciaux"},
            {"community_development", "Engagement et développement communautaires"},
            {"indigenous_fpic", "Peuples autochtones, CLIP et patrimoine"},
            {"corruption_bribery", "Corruption et pots-de-vin"},
            {"tax_eiti", "Paiement légal et transparent des taxes (ITIE)"},
            {"money_laundering", "Blanchiment d'argent"},
            {"transparency_reporting", "Transparence et rapportage"},
            {"company_governance", "Gouvernance d'entreprise"},
            {"traceability", "Traçabilité"},
            {"chain_of_custody", "Chaîne de possession"},
            {"emissions_waste", "Émissions et déchets"},
            {"water", "Eau"},
            {"mine_closure", "Fermeture et réhabilitation des mines"},
            {"protected_flora_fauna", "Faune et flore protégées"},
        };
        std::unordered_map<std::string, std::string> t;
        for (const auto& a : core::risk_areas()) {
            t.emplace(normalise_text(a.code), std::string(a.code));
            t.emplace(normalise_text(a.label), std::string(a.code));
            t.emplace(normalise_text(tr(a.label)), std::string(a.code));
        }
        t.emplace("wfcl", "wfcl");
        for (const auto& [code, label] : french)
            t.emplace(normalise_text(label), std::string(code));
        return t;
    }();
    const auto it = table.find(normalise_text(text));
    if (it == table.end())
        return std::nullopt;
    return it->second;
}

ColumnBinding::ColumnBinding(std::vector<std::string> columns) : m_columns(std::move(columns))
{
    m_index.fill(-1);
}

std::string ColumnBinding::column_name(ImportField field) const
{
    const int i = column(field);
    return i >= 0 ? m_columns[std::size_t(i)] : std::string();
}

void ColumnBinding::map_value(ImportField field, const std::string& from, const std::string& to)
{
    m_values[{std::size_t(field), normalise_text(from)}] = to;
}

MappedRow ColumnBinding::map(const geo::TableRow& row) const
{
    MappedRow out;
    out.number = row.number;
    out.geometry_lon = row.lon;
    out.geometry_lat = row.lat;
    for (std::size_t f = 0; f < k_import_field_count; ++f) {
        const int i = m_index[f];
        if (i < 0 || std::size_t(i) >= row.values.size())
            continue;
        std::string v = row.values[std::size_t(i)];
        const auto first = v.find_first_not_of(" \t\r\n");
        v = first == std::string::npos ? std::string() : v.substr(first, v.find_last_not_of(" \t\r\n") - first + 1);
        if (!m_values.empty()) {
            if (auto it = m_values.find({f, normalise_text(v)}); it != m_values.end())
                v = it->second;
        }
        out.values[f] = std::move(v);
    }
    return out;
}

const std::vector<std::unique_ptr<FormatRecogniser>>& built_in_recognisers()
{
    static const auto recognisers = [] {
        std::vector<std::unique_ptr<FormatRecogniser>> r;
        r.push_back(std::make_unique<AliasRecogniser>(
            "kobo",
            std::vector<Alias>{{ImportField::SourceId, {"uuid", "meta instanceid", "instanceid"}},
                               {ImportField::SubmittedAt, {"submission time"}},
                               {ImportField::Reporter, {"reporter id", "reporter", "id de l agent", "submitted by"}}},
            std::vector<std::pair<std::string_view, int>>{
                {"_uuid", 50}, {"_submission_time", 40}, {"_index", 5}, {"_id", 5}}));
        r.push_back(std::make_unique<AliasRecogniser>(
            "odk",
            std::vector<Alias>{{ImportField::SourceId, {"meta instanceid", "instanceid", "key"}},
                               {ImportField::SubmittedAt, {"submissiondate"}},
                               {ImportField::Reporter, {"reporter id", "reporter", "submittername"}}},
            std::vector<std::pair<std::string_view, int>>{
                {"meta-instanceID", 40}, {"KEY", 20}, {"SubmissionDate", 30}, {"ReviewState", 10}}));
        r.push_back(std::make_unique<GenericRecogniser>());
        return r;
    }();
    return recognisers;
}

const FormatRecogniser* find_recogniser(std::string_view name)
{
    for (const auto& r : built_in_recognisers())
        if (r->name() == name)
            return r.get();
    return nullptr;
}

MappingProfile load_mapping_profile(const std::filesystem::path& file)
{
    std::vector<std::pair<std::string, std::string>> entries;
    try {
        entries = geo::read_flat_json(file);
    } catch (const GeoError& e) {
        throw InvalidInput(core::format(tr("mapping profile: %1"), {e.what()}));
    }
    MappingProfile p;
    std::string definition = "{";
    for (const auto& [key, value] : entries) {
        definition += (definition.size() > 1 ? "," : "") + core::json_string(key) + ":" + core::json_string(value);
        if (key == "name") {
            p.name = value;
            continue;
        }
        const auto slash = key.find('/');
        const std::string group = key.substr(0, slash);
        if (slash == std::string::npos || (group != "columns" && group != "values"))
            throw InvalidInput(core::format(tr("mapping profile %1: unknown key '%2' (expected name, columns, values)"),
                                    {file.string(), key}));
        const std::string rest = key.substr(slash + 1);
        const auto slash2 = rest.find('/');
        const std::string field_name = group == "columns" ? rest : rest.substr(0, slash2);
        const auto field = field_from_key(field_name);
        if (!field || (group == "values" && slash2 == std::string::npos))
            throw InvalidInput(core::format(tr("mapping profile %1: unknown field '%2' in '%3'"),
                                    {file.string(), field_name, key}));
        if (group == "columns")
            p.columns[*field] = value;
        else
            p.values[*field][rest.substr(slash2 + 1)] = value;
    }
    p.definition = definition + "}";
    if (p.name.empty())
        p.name = file.stem().string();
    return p;
}

void apply_profile(ColumnBinding& binding, const MappingProfile& profile)
{
    const auto& columns = binding.columns();
    for (const auto& [field, name] : profile.columns) {
        int found = -1;
        for (std::size_t i = 0; i < columns.size() && found < 0; ++i)
            if (columns[i] == name)
                found = int(i);
        for (std::size_t i = 0; i < columns.size() && found < 0; ++i)
            if (normalise_text(columns[i]) == normalise_text(name))
                found = int(i);
        if (found < 0)
            throw InvalidInput(core::format(tr("the mapping profile names the column '%1' for the field %2, but the file "
                                       "has no such column"),
                                    {name, std::string(field_key(field))}));
        // A column serves one field: unbind any other field that held it.
        for (std::size_t f = 0; f < k_import_field_count; ++f)
            if (binding.column(ImportField(f)) == found)
                binding.bind(ImportField(f), -1);
        binding.bind(field, found);
    }
    for (const auto& [field, values] : profile.values)
        for (const auto& [from, to] : values)
            binding.map_value(field, from, to);
}

} // namespace mwangaza::app
