#pragma once
// The map's layers and styles, saved with the programme database: a versioned JSON
// document in the `programme` key/value table (key "map.document"), one entry per layer,
// bottom first: its source (file path or built-in name, OGR layer), title, visibility,
// opacity and style.
//
// File paths are stored absolute, together with the path relative to the database's
// folder, so that a programme folder moved or copied to another computer (database and
// layer files together) still finds its layers.
#include "geo/MapLayer.hpp"

#include <cstddef>
#include <string>

namespace mwangaza::store {
class Database;
}

namespace mwangaza::app {

inline constexpr const char* k_map_document_key = "map.document";
inline constexpr int k_map_document_version = 1;

// The saved layers, each opened with `opener`. An entry whose file is gone, or which the
// opener refuses, keeps its place with `error` set and no layer, so that the person can
// relocate or remove it. Empty when nothing was saved. Throws InvalidInput when the saved
// document is not readable (written by a newer version, or damaged).
geo::MapDocument load_map_document(store::Database& db, const geo::LayerOpener& opener);

// Saves the entries (not the opened layers) in order.
void save_map_document(store::Database& db, const geo::MapDocument& document);

// Adds a file layer where a map reader expects it: above the basemap and the other file
// layers, under the programme's own sites and incidents, so that its polygons never hide
// them. A layer still in the default style gets the next colour of a small palette, so
// that titles, parks and lakes added one after the other can be told apart. Returns the
// entry's index (bottom first).
std::size_t add_file_layer(geo::MapDocument& document, geo::LayerEntry entry);

// The document as JSON, and back (entries without layers), for the two above and tests.
std::string map_document_json(const geo::MapDocument& document, const std::string& database_folder);
geo::MapDocument parse_map_document(const std::string& json, const std::string& database_folder);

} // namespace mwangaza::app
