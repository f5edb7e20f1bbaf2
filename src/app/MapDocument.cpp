#include "app/MapDocument.hpp"

#include "core/Error.hpp"
#include "core/I18n.hpp"
#include "core/Json.hpp"
#include "core/JsonReader.hpp"
#include "store/Database.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>

namespace mwangaza::app {

namespace fs = std::filesystem;

namespace {

constexpr std::array<std::pair<geo::PointSymbol, const char*>, 5> k_symbols{{
    {geo::PointSymbol::Circle, "circle"},
    {geo::PointSymbol::Square, "square"},
    {geo::PointSymbol::Triangle, "triangle"},
    {geo::PointSymbol::Diamond, "diamond"},
    {geo::PointSymbol::Cross, "cross"},
}};

std::string colour_text(std::uint32_t rgba)
{
    char text[10];
    std::snprintf(text, sizeof text, "#%08x", static_cast<unsigned>(rgba));
    return text;
}

std::uint32_t colour_value(const core::JsonValue& value, std::uint32_t fallback)
{
    const auto text = value.as_string();
    if (text.size() != 9 || text[0] != '#')
        return fallback;
    try {
        std::size_t used = 0;
        const auto v = std::stoul(text.substr(1), &used, 16);
        return used == 8 ? static_cast<std::uint32_t>(v) : fallback;
    } catch (const std::exception&) {
        return fallback;
    }
}

bool is_builtin(const std::string& uri)
{
    return uri.rfind("builtin:", 0) == 0;
}

std::string folder_of(const store::Database& db)
{
    std::error_code ec;
    auto absolute = fs::absolute(db.path(), ec);
    return (ec ? db.path() : absolute).parent_path().string();
}

} // namespace

std::string map_document_json(const geo::MapDocument& document, const std::string& database_folder)
{
    std::string out = "{\"version\":" + std::to_string(k_map_document_version) + ",\"layers\":[";
    bool first = true;
    for (const auto& e : document) {
        out += first ? "\n" : ",\n";
        first = false;
        std::string uri = e.source.uri;
        std::string relative;
        if (!uri.empty() && !is_builtin(uri)) {
            std::error_code ec;
            const auto absolute = fs::absolute(uri, ec);
            if (!ec)
                uri = absolute.lexically_normal().string();
            if (!database_folder.empty())
                relative = fs::path(uri).lexically_relative(database_folder).string();
        }
        const auto& s = e.style;
        const char* symbol = "circle";
        for (const auto& [value, name] : k_symbols)
            if (value == s.symbol)
                symbol = name;
        out += "{\"uri\":" + core::json_string(uri);
        if (!relative.empty())
            out += ",\"relative\":" + core::json_string(relative);
        out += ",\"sublayer\":" + core::json_string(e.source.sublayer) + ",\"title\":" + core::json_string(e.title) +
               ",\"visible\":" + (e.visible ? "true" : "false") + ",\"opacity\":" + core::json_number(e.opacity) +
               ",\"style\":{\"fill\":" + core::json_string(colour_text(s.fill)) +
               ",\"stroke\":" + core::json_string(colour_text(s.stroke)) +
               ",\"stroke_width\":" + core::json_number(s.stroke_width) + ",\"symbol\":" + core::json_string(symbol) +
               ",\"symbol_size\":" + core::json_number(s.symbol_size) +
               ",\"label_field\":" + core::json_string(s.label_field) + "}}";
    }
    out += "\n]}";
    return out;
}

geo::MapDocument parse_map_document(const std::string& json, const std::string& database_folder)
{
    const auto root = core::parse_json(json);
    if (!root.is_object() || !root["layers"].is_array())
        throw InvalidInput(core::tr("the saved map is damaged: it has no list of layers"));
    const auto version = root["version"].as_int(0);
    if (version < 1 || version > k_map_document_version)
        throw InvalidInput(core::format(core::tr("the saved map is of version %1, which this program does not read"),
                                        {std::to_string(version)}));
    geo::MapDocument document;
    for (const auto& item : root["layers"].items()) {
        geo::LayerEntry e;
        e.source.uri = item["uri"].as_string();
        e.source.sublayer = item["sublayer"].as_string();
        if (!e.source.uri.empty() && !is_builtin(e.source.uri)) {
            std::error_code ec;
            const auto relative = item["relative"].as_string();
            if (!fs::exists(e.source.uri, ec) && !relative.empty() && !database_folder.empty()) {
                const auto moved = (fs::path(database_folder) / relative).lexically_normal();
                if (fs::exists(moved, ec))
                    e.source.uri = moved.string();
            }
        }
        e.title = item["title"].as_string();
        e.visible = item["visible"].as_bool(true);
        e.opacity = std::clamp(item["opacity"].as_number(1.0), 0.0, 1.0);
        const auto& style = item["style"];
        geo::LayerStyle defaults;
        e.style.fill = colour_value(style["fill"], defaults.fill);
        e.style.stroke = colour_value(style["stroke"], defaults.stroke);
        e.style.stroke_width = style["stroke_width"].as_number(defaults.stroke_width);
        e.style.symbol_size = style["symbol_size"].as_number(defaults.symbol_size);
        e.style.label_field = style["label_field"].as_string();
        const auto symbol = style["symbol"].as_string();
        for (const auto& [value, name] : k_symbols)
            if (symbol == name)
                e.style.symbol = value;
        document.push_back(std::move(e));
    }
    return document;
}

geo::MapDocument load_map_document(store::Database& db, const geo::LayerOpener& opener)
{
    const auto json = db.setting(k_map_document_key);
    if (json.empty())
        return {};
    auto document = parse_map_document(json, folder_of(db));
    for (auto& e : document) {
        std::error_code ec;
        if (!is_builtin(e.source.uri) && !fs::exists(e.source.uri, ec)) {
            e.error = core::format(core::tr("file not found: %1"), {e.source.uri});
            continue;
        }
        try {
            e.layer = opener(e.source);
            if (!e.layer)
                e.error = core::format(core::tr("cannot open %1"), {e.source.uri});
            else if (e.title.empty())
                e.title = e.layer->name();
        } catch (const Error& error) {
            e.error = error.what();
        }
    }
    return document;
}

void save_map_document(store::Database& db, const geo::MapDocument& document)
{
    db.set_setting(k_map_document_key, map_document_json(document, folder_of(db)));
}

std::size_t add_file_layer(geo::MapDocument& document, geo::LayerEntry entry)
{
    // Fill and outline pairs (0xRRGGBBAA): blue, amber, green, purple, teal, red.
    static constexpr std::uint32_t palette[][2] = {
        {0x3388ff55, 0x1f4e8cff}, {0xf0a50055, 0x9a6700ff}, {0x4caf5055, 0x2e7d32ff},
        {0x9c6ade55, 0x5e35b1ff}, {0x26a69a55, 0x00695cff}, {0xe5737355, 0xb71c1cff},
    };
    std::size_t at = document.size();
    std::size_t files = 0;
    for (std::size_t i = 0; i < document.size(); ++i) {
        const auto& uri = document[i].source.uri;
        if (uri == "builtin:sites" || uri == "builtin:incidents")
            at = std::min(at, i);
        else if (uri.rfind("builtin:", 0) != 0)
            ++files;
    }
    if (entry.style == geo::LayerStyle()) {
        const auto& colours = palette[files % (sizeof palette / sizeof palette[0])];
        entry.style.fill = colours[0];
        entry.style.stroke = colours[1];
    }
    document.insert(document.begin() + std::ptrdiff_t(at), std::move(entry));
    return at;
}

} // namespace mwangaza::app
