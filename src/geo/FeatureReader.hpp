#pragma once
// Reads the features of one layer of a vector file (GeoPackage, Shapefile, GeoJSON, KML,
// CSV with coordinate columns) for an import with a field mapping: the values of the
// fields asked for and the geometry in WGS84 longitude/latitude (reprojected with PROJ
// when the layer has another CRS). A feature whose geometry cannot be used keeps a
// `problem` so that the import counts it as skipped and says why.
#include "geo/Polygons.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace mwangaza::geo {

// The field name that stands for the feature's id in its file (OGR's FID).
inline constexpr const char* k_fid_field = "FID";

enum class FeatureShape { Point, Polygon };

struct FeatureReadOptions {
    std::string layer;               // empty: the file's first layer
    std::vector<std::string> fields; // values to read, in this order; "FID" is the feature id
    FeatureShape shape = FeatureShape::Point;
};

struct ReadFeature {
    std::int64_t number = 0;                       // 1-based position in the layer
    std::vector<std::optional<std::string>> values; // one per field asked for; nullopt when null or blank
    std::string problem;                           // why the geometry is unusable, else empty
    LonLat point;                                  // Point
    std::vector<std::uint8_t> wkb;                 // Polygon: 2D ISO WKB, WGS84, little-endian
    LonLatBox box;                                 // Polygon: its bounding box
};

struct FeatureSet {
    std::string layer;
    std::string driver;
    bool reprojected = false;
    std::vector<ReadFeature> features;
};

// Throws GeoError naming the file when it cannot be opened (missing, unreadable, not of
// an allowed format), has no such layer, lacks one of the fields (the message names it
// and lists the layer's fields), or declares a geometry type of the wrong kind (lines
// or polygons for points, points or lines for polygons).
FeatureSet read_features(const std::filesystem::path& path, const FeatureReadOptions& options);

// The drivers read_features accepts.
const std::vector<std::string>& feature_drivers();

} // namespace mwangaza::geo
