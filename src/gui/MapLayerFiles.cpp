#include "gui/MapLayerFiles.hpp"

#include "app/MapDocument.hpp"
#include "app/MapLayers.hpp"
#include "core/Error.hpp"
#include "geo/FileLayer.hpp"
#include "geo/MapRenderer.hpp"
#include "store/Database.hpp"

#include <wx/intl.h>

#include <algorithm>
#include <cctype>

namespace mwangaza::gui {

namespace {

geo::LayerOpener opener_for(const std::filesystem::path& db)
{
    return [db](const geo::LayerSource& source) { return app::open_map_layer(db, source); };
}

} // namespace

geo::MapDocument read_map_document(store::Database& db)
{
    geo::MapDocument doc = app::load_map_document(db, opener_for(db.path()));
    if (doc.empty())
        doc = app::default_map_document(db.path());
    return doc;
}

void write_map_document(store::Database& db, const geo::MapDocument& doc)
{
    app::save_map_document(db, doc);
}

geo::LayerEntry open_map_entry(store::Database& db, const geo::LayerSource& source)
{
    geo::LayerEntry entry;
    entry.source = source;
    try {
        entry.layer = app::open_map_layer(db.path(), source);
        if (entry.layer)
            entry.title = entry.layer->name();
    } catch (const std::exception& e) {
        entry.error = e.what();
    }
    return entry;
}

std::vector<std::string> layer_sublayers(const std::string& path)
{
    return geo::file_sublayers(std::filesystem::path(path));
}

wxString layer_file_wildcard()
{
    return _("Map layers|*.gpkg;*.shp;*.geojson;*.json;*.topojson;*.kml;*.csv;*.fgb;*.tif;*.tiff;*.mbtiles|All files|*");
}

bool write_map_view(const geo::MapDocument& doc, const geo::Viewport& view, const std::filesystem::path& file,
                    const std::atomic<bool>& cancel)
{
    std::string ext = file.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    if (ext == ".pdf")
        return geo::render_pdf(doc, view, file, cancel);
    return geo::render_png(doc, view, file, cancel);
}

} // namespace mwangaza::gui
