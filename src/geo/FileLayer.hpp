#pragma once
// Map layers read from files with GDAL/OGR: any vector file OGR reads among the allowed
// formats (GeoPackage, Shapefile, GeoJSON, KML, CSV with coordinate columns, TopoJSON,
// FlatGeobuf), any raster GDAL reads among them (GeoTIFF, MBTiles, GeoPackage tiles), and
// the basemap shipped with the program. Vector layers are reprojected once, when opened,
// to the map CRS (Web Mercator) through PROJ and held in memory; raster layers are warped
// to the frame when drawn.
#include "geo/MapLayer.hpp"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace mwangaza::geo {

// Bounds on what a file layer may hold (a workstation's memory, a frame's time).
inline constexpr std::uintmax_t k_max_layer_file_bytes = std::uintmax_t(2) << 30;
inline constexpr std::size_t k_max_layer_features = 5'000'000;

// Opens source.uri (a file path) and, for multi-layer files, source.sublayer (an OGR layer
// name or a raster subdataset name; empty: the first). Throws GeoError naming the file and
// the reason: missing, of a format not allowed, unreadable, without geometry, of a CRS that
// cannot be transformed to the map's.
std::shared_ptr<const MapLayer> open_file_layer(const LayerSource& source);

// What a file holds that open_file_layer can open, for the "add layer" dialog: the OGR
// layer names of a vector file that have geometry, or the subdatasets of a raster file
// (empty for a single raster). Throws GeoError like open_file_layer.
std::vector<std::string> file_sublayers(const std::filesystem::path& path);

// The basemap shipped with the program (Natural Earth land and countries), kind
// "basemap": land, country borders, country names where they fit. Found through
// core::install_path("share/mwangaza/basemap/..."); MWANGAZA_BASEMAP names another file.
// Throws GeoError when the file is missing.
std::shared_ptr<const MapLayer> open_basemap_layer();

// Where the basemap file is looked for.
std::filesystem::path basemap_path();

} // namespace mwangaza::geo
