#pragma once
// Loads reader plugins (shared libraries speaking the C ABI of mwangaza_plugin.h) and
// calls them safely: every answer is checked (indices, strings, field keys, scores) and
// a failing or misbehaving plugin becomes a PluginError naming the plugin and its file,
// never a crash or an exception from inside the library. A file that is not a plugin of
// this ABI version, or whose name is taken, is refused with a translated message and the
// others load.
//
// Folders: the install's plugin folder, <prefix>/lib/mwangaza/plugins, found from the
// running program (bin/PROGRAM, libexec/mwangaza/PROGRAM or a build tree's tests/), then
// the folders of MWANGAZA_PLUGIN_PATH (colon-separated). No GDAL, SQLite or wx here, so
// mwangaza-cli lists plugins without loading them.
#include "core/Error.hpp"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

namespace mwangaza::plugin {

// A plugin failed or answered nonsense; the message names the plugin, its file and what
// was wrong.
class PluginError : public InvalidInput {
public:
    using InvalidInput::InvalidInput;
};

// The field keys a plugin may bind (MWANGAZA_FIELD_* of the header).
const std::vector<std::string_view>& plugin_field_keys();

struct PluginBinding {
    std::vector<std::pair<std::size_t, std::string>> columns;            // column index, field key
    std::vector<std::tuple<std::string, std::string, std::string>> values; // field key, from, to
};

class Plugin {
public:
    ~Plugin();
    Plugin(const Plugin&) = delete;
    Plugin& operator=(const Plugin&) = delete;

    const std::string& name() const { return m_name; }
    const std::string& version() const { return m_version; }
    const std::filesystem::path& file() const { return m_file; }
    std::uint32_t abi_version() const { return m_abi; }
    // The display label in `language`, else the English one, else the name.
    std::string label(const std::string& language) const;

    // Throw PluginError.
    int score(const std::vector<std::string>& columns) const;
    PluginBinding bind(const std::vector<std::string>& columns) const;

private:
    friend struct PluginOpener;
    Plugin() = default;
    std::string where() const; // "plugin 'kobo' (/…/kobo.so)"

    void* m_handle = nullptr;
    const void* m_descriptor = nullptr;
    std::filesystem::path m_file;
    std::string m_name;
    std::string m_version;
    std::uint32_t m_abi = 0;
};

struct PluginSet {
    std::vector<std::unique_ptr<Plugin>> plugins;
    std::vector<std::string> warnings; // translated, one per file refused
};

// The install's plugin folder, then MWANGAZA_PLUGIN_PATH's folders (those that exist).
std::vector<std::filesystem::path> plugin_folders();

// Opens every "*.so" of the folders (in name order within a folder). `taken` lists names
// already in use (the built-in readers and "auto"); a later plugin of a taken name is
// refused.
PluginSet load_plugins(const std::vector<std::filesystem::path>& folders, std::vector<std::string> taken);

} // namespace mwangaza::plugin
