#include "geo/Gdal.hpp"

#include "core/Error.hpp"

#include <cctype>
#include <gdal_frmts.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <mutex>

namespace mwangaza::geo {

namespace {

// Collects the last CPL error raised on this thread while it is alive.
class CplErrorCapture {
public:
    CplErrorCapture() { CPLPushErrorHandlerEx(&CplErrorCapture::handler, this); }
    ~CplErrorCapture() { CPLPopErrorHandler(); }
    CplErrorCapture(const CplErrorCapture&) = delete;
    CplErrorCapture& operator=(const CplErrorCapture&) = delete;

    const std::string& message() const { return m_message; }

private:
    static void CPL_STDCALL handler(CPLErr level, CPLErrorNum, const char* msg)
    {
        auto* self = static_cast<CplErrorCapture*>(CPLGetErrorHandlerUserData());
        if (self && level >= CE_Failure && msg)
            self->m_message = msg;
    }
    std::string m_message;
};

} // namespace

void register_drivers()
{
    static std::once_flag once;
    std::call_once(once, [] {
        RegisterOGRGeoJSON();
        RegisterOGRGeoPackage();
        RegisterOGRCSV();
        RegisterOGRXLSX();
    });
}

void register_map_drivers()
{
    register_drivers();
    static std::once_flag once;
    std::call_once(once, [] {
        RegisterOGRShape();
        RegisterOGRKML();
        RegisterOGRLIBKML();
        RegisterOGRTopoJSON();
        RegisterOGRGeoJSONSeq();
        RegisterOGRFlatGeobuf();
        RegisterOGRMEM();
        RegisterOGRSQLite(); // MBTiles reads its tiles through it
        GDALRegister_GTiff();
        GDALRegister_MBTiles();
        GDALRegister_VRT();
        GDALRegister_MEM();
        GDALRegister_PNG();
        GDALRegister_JPEG();
        GDALRegister_WEBP();
    });
}

void DatasetDeleter::operator()(GDALDataset* ds) const
{
    GDALClose(GDALDataset::ToHandle(ds));
}

namespace {

DatasetPtr open_dataset(const std::filesystem::path& path, const OpenLimits& limits, unsigned kind)
{
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        throw GeoError("cannot open " + path.string() + ": no such file");
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > limits.max_file_bytes)
        throw GeoError("cannot open " + path.string() + ": the file has " + std::to_string(size) +
                       " bytes, more than the limit of " + std::to_string(limits.max_file_bytes));

    std::vector<const char*> drivers;
    for (const auto& d : limits.allowed_drivers)
        drivers.push_back(d.c_str());
    drivers.push_back(nullptr);

    std::vector<const char*> options;
    for (const auto& o : limits.open_options)
        options.push_back(o.c_str());
    options.push_back(nullptr);

    CplErrorCapture errors;
    auto* ds = GDALDataset::Open(path.c_str(), kind | GDAL_OF_READONLY, drivers.data(), options.data());
    if (!ds) {
        std::string allowed;
        for (const auto& d : limits.allowed_drivers)
            allowed += (allowed.empty() ? "" : ", ") + d;
        throw GeoError("cannot open " + path.string() + ": " +
                       (errors.message().empty() ? "not a readable file of an allowed format (" + allowed + ")"
                                                 : errors.message()));
    }
    return DatasetPtr(ds);
}

} // namespace

DatasetPtr open_vector(const std::filesystem::path& path, const OpenLimits& limits)
{
    register_drivers();
    return open_dataset(path, limits, GDAL_OF_VECTOR);
}

DatasetPtr open_raster(const std::filesystem::path& path, const OpenLimits& limits)
{
    register_map_drivers();
    return open_dataset(path, limits, GDAL_OF_RASTER);
}

std::string lower_extension(const std::filesystem::path& path)
{
    auto ext = path.extension().string();
    for (auto& c : ext)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext;
}

} // namespace mwangaza::geo
