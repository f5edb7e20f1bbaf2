#include "geo/RegionIndex.hpp"

#include "core/Error.hpp"
#include "geo/Gdal.hpp"

#include <gdal_priv.h>
#include <ogr_geometry.h>
#include <ogrsf_frmts.h>

namespace mwangaza::geo {

struct RegionIndex::Region {
    std::string name;
    OGREnvelope envelope;
    std::unique_ptr<OGRGeometry> geometry;
};

RegionIndex::RegionIndex() = default;
RegionIndex::RegionIndex(RegionIndex&&) noexcept = default;
RegionIndex& RegionIndex::operator=(RegionIndex&&) noexcept = default;
RegionIndex::~RegionIndex() = default;

RegionIndex RegionIndex::load(const std::filesystem::path& path, const std::string& name_field)
{
    auto ds = open_vector(path);
    if (ds->GetLayerCount() < 1)
        throw GeoError(path.string() + " has no layer");
    OGRLayer* layer = ds->GetLayer(0);
    const int field = layer->GetLayerDefn()->GetFieldIndex(name_field.c_str());
    if (field < 0)
        throw GeoError(path.string() + " has no field '" + name_field + "'");
    RegionIndex index;
    for (auto& feature : *layer) {
        const OGRGeometry* g = feature->GetGeometryRef();
        if (!g || wkbFlatten(g->getGeometryType()) == wkbPoint)
            continue;
        auto region = std::make_unique<Region>();
        region->name = feature->GetFieldAsString(field);
        g->getEnvelope(&region->envelope);
        region->geometry.reset(g->clone());
        index.m_regions.push_back(std::move(region));
    }
    return index;
}

std::size_t RegionIndex::size() const
{
    return m_regions.size();
}

std::optional<std::string> RegionIndex::region_at(double lon, double lat) const
{
    const OGRPoint point(lon, lat);
    for (const auto& r : m_regions) {
        if (lon < r->envelope.MinX || lon > r->envelope.MaxX || lat < r->envelope.MinY || lat > r->envelope.MaxY)
            continue;
        if (r->geometry->Contains(&point))
            return r->name;
    }
    return std::nullopt;
}

} // namespace mwangaza::geo
