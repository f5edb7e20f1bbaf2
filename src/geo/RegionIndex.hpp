#pragma once
// Named polygons (countries, provinces, concessions) read from a vector layer, answering
// "which region contains this point?" with a bounding-box prefilter.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mwangaza::geo {

class RegionIndex {
public:
    // Reads every polygon feature of the first layer; `name_field` names each region.
    // Throws GeoError when the file cannot be read or has no such field.
    static RegionIndex load(const std::filesystem::path& path, const std::string& name_field);

    RegionIndex(RegionIndex&&) noexcept;
    RegionIndex& operator=(RegionIndex&&) noexcept;
    ~RegionIndex();

    std::size_t size() const;
    // The first region containing (lon, lat) in WGS84, if any.
    std::optional<std::string> region_at(double lon, double lat) const;

private:
    struct Region;
    RegionIndex();
    std::vector<std::unique_ptr<Region>> m_regions;
};

} // namespace mwangaza::geo
