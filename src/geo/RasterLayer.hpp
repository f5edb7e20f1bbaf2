#pragma once
// A raster file (GeoTIFF, MBTiles, GeoPackage tiles) as a map layer: warped to Web
// Mercator through a GDAL warped VRT, read for each frame at the frame's resolution (GDAL
// picks the overview), drawn as an image. GDAL datasets are not thread-safe: one mutex
// guards the layer's datasets.
#include "geo/MapLayer.hpp"

#include <memory>

namespace mwangaza::geo {

// Opens source.uri; source.sublayer names a tile table of a GeoPackage (empty: the first).
// Throws GeoError naming the file and the reason.
std::shared_ptr<const MapLayer> open_raster_layer(const LayerSource& source);

// True when the file holds raster data that open_raster_layer reads (by its extension, or
// for a GeoPackage, by its tile tables).
bool is_raster_file(const std::filesystem::path& path);

} // namespace mwangaza::geo
