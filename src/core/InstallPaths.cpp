#include "core/InstallPaths.hpp"

#include <cstdlib>

namespace mwangaza::core {

std::filesystem::path install_path(const std::filesystem::path& relative)
{
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec)
        return std::filesystem::path("/usr") / relative;
    const auto one_up = exe.parent_path().parent_path() / relative;
    const auto two_up = exe.parent_path().parent_path().parent_path() / relative;
    if (!std::filesystem::exists(one_up, ec) && std::filesystem::exists(two_up, ec))
        return two_up;
    return one_up;
}

std::filesystem::path intake_tool_path()
{
    if (const char* path = std::getenv("MWANGAZA_INTAKE_TOOL"); path && *path)
        return path;
    return install_path("libexec/mwangaza/mwangaza-intake");
}

} // namespace mwangaza::core
