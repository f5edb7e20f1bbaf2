#pragma once
// GDAL/OGR at the boundary: only the drivers the program needs are registered, files
// from outside are opened with an explicit list of allowed drivers and a size bound,
// and CPL errors become mwangaza::GeoError messages that name the file.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

class GDALDataset;

namespace mwangaza::geo {

// Registers GeoJSON, GeoPackage, CSV and XLSX once; safe to call from any thread.
void register_drivers();
// Registers, besides those, the formats map layers are read from: Shapefile, KML and
// LIBKML, TopoJSON, GeoJSONSeq, FlatGeobuf, GeoTIFF, MBTiles (and the SQLite driver it
// reads through), VRT and MEM, with the PNG, JPEG and WEBP codecs of tiled rasters. Once;
// safe from any thread. Files are still opened only with their caller's allowed drivers.
void register_map_drivers();

struct DatasetDeleter {
    void operator()(GDALDataset* ds) const;
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetDeleter>;

struct OpenLimits {
    std::vector<std::string> allowed_drivers{"GeoJSON", "GPKG", "CSV", "XLSX"};
    std::uintmax_t max_file_bytes = std::uintmax_t(512) << 20;
    std::vector<std::string> open_options; // driver open options, "NAME=VALUE"
};

// Opens a vector file read-only. Throws GeoError when the file is missing, too large,
// of a driver not allowed, or unreadable; the message names the file and the reason.
DatasetPtr open_vector(const std::filesystem::path& path, const OpenLimits& limits = {});

// The file's extension in lower case, with its dot (".shp"); empty when it has none.
std::string lower_extension(const std::filesystem::path& path);
// The same for a raster file (GDAL_OF_RASTER).
DatasetPtr open_raster(const std::filesystem::path& path, const OpenLimits& limits);

} // namespace mwangaza::geo
