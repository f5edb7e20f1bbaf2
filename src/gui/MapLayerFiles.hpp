#pragma once
// Where the map page's layers come from and go to: the programme's saved map document
// (or the default one: basemap, sites, incidents), layers opened from files, and the
// current view written to PNG or PDF. Run on worker threads, with their own connection.
#include "geo/MapLayer.hpp"

#include <wx/string.h>

#include <atomic>
#include <filesystem>
#include <string>
#include <vector>

namespace mwangaza::store {
class Database;
}

namespace mwangaza::gui {

// The programme's map document as saved, or the default document when none was saved.
geo::MapDocument read_map_document(store::Database& db);
// Saves the layers, their order and settings with the programme.
void write_map_document(store::Database& db, const geo::MapDocument& doc);
// Opens one layer; an entry without a layer (and with the reason in `error`) when it cannot.
geo::LayerEntry open_map_entry(store::Database& db, const geo::LayerSource& source);
// The layers of a multi-layer file (empty or one: nothing to choose).
std::vector<std::string> layer_sublayers(const std::string& path);
// The file dialog's filter over the formats a layer may be read from.
wxString layer_file_wildcard();
// The view as the canvas shows it, as PNG or PDF by the file's extension.
bool write_map_view(const geo::MapDocument& doc, const geo::Viewport& view, const std::filesystem::path& file,
                    const std::atomic<bool>& cancel);

} // namespace mwangaza::gui
