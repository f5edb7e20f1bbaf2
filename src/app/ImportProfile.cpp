#include "app/ImportProfile.hpp"

#include "app/PluginRecognisers.hpp"

#include "core/Error.hpp"
#include "core/I18n.hpp"
#include "core/Json.hpp"
#include "core/Taxonomy.hpp"
#include "plugin/FormAliases.hpp"

#include <algorithm>
#include <unordered_map>

namespace mwangaza::app {

namespace {

using core::tr;

constexpr std::array<std::string_view, k_import_field_count> k_field_keys{
    "source_id", "submitted_at", "observed_on", "site_code", "risk_area", "description", "children", "women",
    "men",       "latitude",     "longitude",   "geopoint",  "reporter",  "photo_1",     "photo_2",  "photo_3"};


// The generic reader: the form's field names and labels, and the usual names of
// submission ids, times and reporters; it scores 1, so any format recognised by a
// plugin wins over it.
class GenericRecogniser : public FormatRecogniser {
public:
    GenericRecogniser()
    {
        m_aliases = {{MWANGAZA_FIELD_SOURCE_ID,
                      {"source id", "submission id", "uuid", "instanceid", "meta instanceid", "key"}},
                     {MWANGAZA_FIELD_SUBMITTED_AT,
                      {"submitted at", "submission time", "submissiondate", "date de soumission"}},
                     {MWANGAZA_FIELD_REPORTER, {"reporter id", "reporter", "submitted by", "submittername"}}};
        for (const auto& a : plugin::form_aliases())
            m_aliases.push_back(a);
    }
    std::string_view name() const override { return "generic"; }
    int score(const std::vector<std::string>&) const override { return 1; }
    ColumnBinding bind(const std::vector<std::string>& columns) const override
    {
        ColumnBinding binding(columns);
        const auto bound = plugin::bind_by_aliases(columns, m_aliases);
        for (std::size_t i = 0; i < bound.size(); ++i)
            if (const auto field = field_from_key(bound[i]))
                binding.bind(*field, int(i));
        return binding;
    }

private:
    std::vector<plugin::FieldAlias> m_aliases;
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
    return plugin::normalise_text(text);
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
    map(row, out);
    return out;
}

void ColumnBinding::map(const geo::TableRow& row, MappedRow& out) const
{
    out.number = row.number;
    out.geometry_lon = row.lon;
    out.geometry_lat = row.lat;
    for (std::size_t f = 0; f < k_import_field_count; ++f) {
        auto& slot = out.values[f];
        const int i = m_index[f];
        if (i < 0 || std::size_t(i) >= row.values.size()) {
            slot.reset();
            continue;
        }
        std::string_view v = row.values[std::size_t(i)];
        const auto first = v.find_first_not_of(" \t\r\n");
        v = first == std::string_view::npos ? std::string_view() : v.substr(first, v.find_last_not_of(" \t\r\n") - first + 1);
        if (!m_values.empty()) {
            if (auto it = m_values.find({f, normalise_text(v)}); it != m_values.end())
                v = it->second;
        }
        if (!slot)
            slot.emplace();
        slot->assign(v);
    }
}

const std::vector<std::unique_ptr<FormatRecogniser>>& recognisers()
{
    static const auto all = [] {
        auto r = plugin_recognisers({"auto", "generic"});
        r.push_back(std::make_unique<GenericRecogniser>());
        return r;
    }();
    return all;
}

const FormatRecogniser* find_recogniser(std::string_view name)
{
    for (const auto& r : recognisers())
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
    return mapping_profile_from_entries(entries, file.string(), file.stem().string());
}

MappingProfile mapping_profile_from_entries(const std::vector<std::pair<std::string, std::string>>& entries,
                                            const std::string& origin, const std::string& default_name)
{
    const std::filesystem::path file(origin); // named in messages
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
        p.name = default_name;
    return p;
}

void apply_profile(ColumnBinding& binding, const MappingProfile& profile)
{
    const auto& columns = binding.columns();
    for (const auto& [field, name] : profile.columns) {
        if (name.empty()) { // the field has no column in this table
            binding.bind(field, -1);
            continue;
        }
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
