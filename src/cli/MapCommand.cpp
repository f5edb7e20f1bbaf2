#include "cli/MapCommand.hpp"

#include "app/MapDocument.hpp"
#include "app/MapLayers.hpp"
#include "cli/ArgumentParser.hpp"
#include "cli/CommandSpec.hpp"
#include "core/Error.hpp"
#include "geo/MapRenderer.hpp"
#include "store/Database.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <fstream>
#include <vector>

namespace mwangaza::cli {

namespace {

using core::tr;
namespace fs = std::filesystem;

constexpr const char* k_command = "map render";

constexpr OptionSpec k_options[] = {
    {"out", "FILE", N_("The image to write: FILE.png, or FILE.pdf for a vector PDF")},
    {"width", "W", N_("Width of the map in pixels (points in a PDF; default 1200)")},
    {"height", "H", N_("Height of the map in pixels (points in a PDF; default 800)")},
    {"bbox", "MINLON,MINLAT,MAXLON,MAXLAT", N_("The area to show, in degrees (default: every site)")},
    {"layer", "FILE", N_("A vector or raster file drawn over the basemap, under the sites and incidents; repeat for several")},
    {"help", nullptr, N_("Show this help")},
};

void print_help(std::ostream& out)
{
    out << tr("Usage:") << " mwangaza-cli map render DB --out FILE.png|FILE.pdf [--width W] [--height H]\n"
        << "         [--bbox MINLON,MINLAT,MAXLON,MAXLAT] [--layer FILE ...]\n\n"
        << tr(map_command_summary()) << "\n\n"
        << tr("Options:") << '\n';
    print_options(out, k_options);
    out << '\n' << tr("Exit status: 0 written, 1 usage error, 2 a file that cannot be read or written.") << '\n';
}

// A file that cannot be read or written: exit status 2.
class FileProblem : public Error {
public:
    using Error::Error;
};

int parse_size(const std::optional<std::string>& text, const char* option, int fallback)
{
    if (!text)
        return fallback;
    int value = 0;
    const char* end = text->data() + text->size();
    const auto [ptr, ec] = std::from_chars(text->data(), end, value);
    if (ec != std::errc() || ptr != end || value < 16 || value > 20000)
        throw UsageError(format(tr("--%1 must be a whole number of pixels from 16 to 20000, not '%2'"), {option, *text}),
                         k_command);
    return value;
}

geo::MapRect parse_bbox(const std::string& text)
{
    const auto parts = split_list(text);
    std::vector<double> v;
    for (const auto& p : parts) {
        double d = 0;
        const char* end = p.data() + p.size();
        const auto [ptr, ec] = std::from_chars(p.data(), end, d);
        if (p.empty() || ec != std::errc() || ptr != end || !std::isfinite(d)) {
            v.clear();
            break;
        }
        v.push_back(d);
    }
    if (v.size() != 4)
        throw UsageError(format(tr("--bbox takes four numbers MINLON,MINLAT,MAXLON,MAXLAT, not '%1'"), {text}),
                         k_command);
    if (v[0] < -180 || v[2] > 180 || v[1] < -geo::k_max_mercator_lat || v[3] > geo::k_max_mercator_lat ||
        !(v[0] < v[2]) || !(v[1] < v[3]))
        throw UsageError(format(tr("--bbox '%1' is not an area: longitudes from -180 to 180 and latitudes from -85 "
                                   "to 85, each minimum below its maximum"),
                                {text}),
                         k_command);
    return geo::MapRect::from_lonlat(v[0], v[1], v[2], v[3]);
}

std::string lower_extension(const fs::path& p)
{
    std::string ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext;
}

int run(std::span<const std::string> all_args, std::ostream& out, std::ostream& err)
{
    // --layer may be repeated: take those out before the parser, which refuses repeats.
    std::vector<std::string> args;
    std::vector<std::string> layers;
    for (std::size_t i = 0; i < all_args.size(); ++i) {
        const std::string& arg = all_args[i];
        if (arg == "--")
            break;
        if (arg == "--layer") {
            if (i + 1 >= all_args.size())
                throw UsageError(tr("--layer needs a file"), k_command);
            layers.push_back(all_args[++i]);
        } else if (arg.rfind("--layer=", 0) == 0) {
            layers.push_back(arg.substr(8));
        } else {
            args.push_back(arg);
        }
    }
    const auto a = parse_arguments(args, k_options, k_command);
    if (a.has("help")) {
        print_help(out);
        return 0;
    }
    if (a.positionals.empty() || a.positionals[0] != "render")
        throw UsageError(a.positionals.empty() ? tr("missing the action: render")
                                               : format(tr("unknown action '%1' (expected render)"), {a.positionals[0]}),
                         k_command);
    if (a.positionals.size() < 2)
        throw UsageError(tr("missing the database file argument (DB)"), k_command);
    if (a.positionals.size() > 2)
        throw UsageError(format(tr("unexpected argument '%1'"), {a.positionals[2]}), k_command);
    const fs::path db_path = a.positionals[1];
    const auto out_value = a.value("out");
    if (!out_value || out_value->empty())
        throw UsageError(tr("missing --out FILE.png or --out FILE.pdf"), k_command);
    const fs::path out_path = *out_value;
    const std::string ext = lower_extension(out_path);
    if (ext != ".png" && ext != ".pdf")
        throw UsageError(format(tr("--out %1: unknown extension '%2' (expected .png or .pdf)"),
                                {out_path.string(), out_path.extension().string()}),
                         k_command);
    const int width = parse_size(a.value("width"), "width", 1200);
    const int height = parse_size(a.value("height"), "height", 800);
    std::optional<geo::MapRect> bbox;
    if (auto b = a.value("bbox"))
        bbox = parse_bbox(*b);
    for (const auto& layer : layers) {
        std::error_code ec;
        if (!fs::is_regular_file(layer, ec))
            throw FileProblem(format(tr("--layer %1: no such file"), {layer}));
        std::ifstream probe(layer, std::ios::binary);
        if (!probe)
            throw FileProblem(format(tr("--layer %1: the file cannot be read"), {layer}));
    }

    // The map saved with the database, else the map a new one starts with.
    geo::MapDocument doc;
    {
        auto database = store::Database::open(db_path, store::Database::Mode::ReadOnly);
        doc = app::load_map_document(
            database, [&](const geo::LayerSource& source) { return app::open_map_layer(db_path, source); });
    }
    if (doc.empty())
        doc = app::default_map_document(db_path);
    for (const auto& entry : doc) {
        if (entry.layer || !entry.visible)
            continue;
        if (entry.source.uri == "builtin:sites" || entry.source.uri == "builtin:incidents")
            throw FileProblem(entry.error);
        err << "mwangaza-cli: " << format(tr("warning: the map layer %1 is left out: %2"),
                                                 {entry.title.empty() ? entry.source.uri : entry.title, entry.error})
            << '\n';
    }
    for (const auto& layer : layers) {
        geo::LayerEntry entry;
        std::error_code ec;
        entry.source.uri = fs::absolute(layer, ec).string();
        try {
            entry.layer = app::open_map_layer(db_path, entry.source);
        } catch (const Error& e) {
            throw FileProblem(format(tr("--layer %1: %2"), {layer, e.what()}));
        }
        entry.title = entry.layer->name();
        app::add_file_layer(doc, std::move(entry));
    }

    geo::MapRect area;
    if (bbox) {
        area = *bbox;
    } else {
        for (const auto& entry : doc)
            if (entry.layer && entry.layer->kind() == "sites")
                area.expand(entry.layer->extent());
        if (area.empty())
            for (const auto& entry : doc)
                if (entry.layer && entry.layer->kind() != "basemap")
                    area.expand(entry.layer->extent());
        if (area.empty())
            area = geo::MapRect::from_lonlat(-180, -60, 180, 75);
    }
    const geo::Viewport view = geo::Viewport::fit(area, width, height, bbox ? 0.0 : 0.06, 2.0);
    try {
        if (ext == ".png")
            geo::render_png(doc, view, out_path);
        else
            geo::render_pdf(doc, view, out_path);
    } catch (const GeoError& e) {
        throw FileProblem(e.what());
    }
    double min_lon = 0, min_lat = 0, max_lon = 0, max_lat = 0;
    const geo::MapRect shown = view.extent();
    geo::map_to_lonlat({shown.min_x, shown.min_y}, min_lon, min_lat);
    geo::map_to_lonlat({shown.max_x, shown.max_y}, max_lon, max_lat);
    char box[128];
    std::snprintf(box, sizeof box, "%.5f,%.5f,%.5f,%.5f", min_lon, min_lat, max_lon, max_lat);
    out << format(tr("Wrote %1 (%2 x %3, area %4)"),
                  {out_path.string(), std::to_string(width), std::to_string(height), box})
        << '\n';
    return 0;
}

} // namespace

int run_map(std::span<const std::string> args, std::ostream& out, std::ostream& err, const std::string&)
{
    try {
        return run(args, out, err);
    } catch (const UsageError& e) {
        err << "mwangaza-cli: " << e.what() << '\n'
            << format(tr("Try '%1 --help'."), {"mwangaza-cli map render"}) << '\n';
        return 1;
    } catch (const Cancelled&) {
        err << "mwangaza-cli: " << tr("cancelled; nothing was written") << '\n';
        return 130;
    } catch (const Error& e) {
        err << "mwangaza-cli: " << e.what() << '\n';
        return 2;
    }
}

} // namespace mwangaza::cli
