#pragma once
// Site assignment: importing the programme's sites, the concessions (mining titles) and
// protected areas from vector files with a field mapping, and assigning incidents with
// coordinates to sites.
//
// Imports are idempotent: a record is found again by its code (site code, concession id,
// protected area name) and updated, or left alone when nothing changed. Every feature of
// the layer is counted: imported, updated, unchanged, merged (another feature of the same
// file has the same concession id or area name: its polygons are added to that one, as a
// title or park drawn in several parts) or skipped with a diagnostic naming the feature
// number and the field. All in one transaction; a dry run writes nothing.
//
// Sites: the code is the value of --code-field (which may be FID, the feature id in its
// file, for sources such as the IPIS mine sites that have no code), prefixed by
// --code-prefix. The country comes from --country-field (CD/RW, or the names DRC,
// Congo..., Rwanda) or --country; the province from --province-field, else "unknown";
// minerals from --minerals-field (comma-separated) else none.
//
// Assignment (every incident with coordinates):
//  - a verified or rejected incident keeps its site (its figures are published);
//  - a site chosen by a person (the field form's site, or an expert's "change site",
//    site_method 'manual') is kept: counted kept_manual;
//  - otherwise: inside a concession that holds sites -> the nearest of those sites;
//    else the nearest site within the radius (geodesic); else unassigned.
//  Every incident with coordinates also gets the concession and the protected area its
//  coordinates fall in (the area with the smallest id where they overlap).
#include "app/SiteAssign.hpp"
#include "store/SiteAssignmentStore.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace mwangaza::store {
class Database;
}

namespace mwangaza::app {

struct FeatureDiagnostic {
    std::int64_t feature = 0; // 1-based position in the layer
    std::string field;        // as the file names it; "" for the geometry
    std::string message;      // translated
};

struct FeatureImportReport {
    std::string layer;
    bool reprojected = false;
    bool dry_run = false;
    std::size_t features = 0;
    std::size_t imported = 0, updated = 0, unchanged = 0, merged = 0, skipped = 0;
    std::vector<FeatureDiagnostic> diagnostics;
};

struct SiteImportOptions {
    std::filesystem::path file;
    std::string layer;
    std::string code_field;
    std::string code_prefix;
    std::string name_field;
    std::string province_field;
    std::string country_field;
    std::string country; // CD or RW: for every site (when no country field)
    std::string minerals_field;
    std::string territory_field;
    bool dry_run = false;
    std::string actor;
};

struct ConcessionImportOptions {
    std::filesystem::path file;
    std::string layer;
    std::string id_field;
    std::string holder_field;
    std::string type_field;
    std::string status_field;
    bool dry_run = false;
    std::string actor;
};

struct ProtectedAreaImportOptions {
    std::filesystem::path file;
    std::string layer;
    std::string name_field;
    std::string designation_field;
    bool dry_run = false;
    std::string actor;
};

// Throw GeoError when the file cannot be read, lacks a named field or holds the wrong
// kind of geometry (nothing is written); InvalidInput for wrong options.
FeatureImportReport import_sites(store::Database& db, const SiteImportOptions& options);
FeatureImportReport import_concessions(store::Database& db, const ConcessionImportOptions& options);
FeatureImportReport import_protected_areas(store::Database& db, const ProtectedAreaImportOptions& options);

} // namespace mwangaza::app
