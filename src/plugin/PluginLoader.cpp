#include "plugin/PluginLoader.hpp"

#include "core/I18n.hpp"
#include "core/InstallPaths.hpp"
#include "plugin/mwangaza_plugin.h"

#include <dlfcn.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <set>

#ifndef MWANGAZA_PLUGIN_RELDIR
#define MWANGAZA_PLUGIN_RELDIR "lib/mwangaza/plugins"
#endif

namespace mwangaza::plugin {

namespace fs = std::filesystem;
using core::tr;

namespace {

constexpr std::size_t k_error_size = 1024;

const mwangaza_plugin_v1& v1(const void* descriptor)
{
    return *static_cast<const mwangaza_plugin_v1*>(descriptor);
}

bool valid_name(const char* name)
{
    if (!name)
        return false;
    const std::size_t n = ::strnlen(name, 33);
    if (n == 0 || n > 32)
        return false;
    for (std::size_t i = 0; i < n; ++i) {
        const char c = name[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
            return false;
    }
    return true;
}

std::vector<const char*> c_columns(const std::vector<std::string>& columns)
{
    std::vector<const char*> out;
    out.reserve(columns.size() + 1);
    for (const auto& c : columns)
        out.push_back(c.c_str());
    out.push_back(nullptr);
    return out;
}

bool known_key(const char* key)
{
    if (!key)
        return false;
    const auto& keys = plugin_field_keys();
    return std::find(keys.begin(), keys.end(), std::string_view(key)) != keys.end();
}

// What bind() collects through the sink; the first problem wins.
struct BindCollector {
    std::size_t column_count = 0;
    PluginBinding binding;
    std::string problem;
};

int sink_bind_column(void* context, std::size_t column, const char* field_key) noexcept
{
    auto* c = static_cast<BindCollector*>(context);
    if (!c)
        return MWANGAZA_PLUGIN_ERROR;
    try {
        if (!c->problem.empty())
            return MWANGAZA_PLUGIN_ERROR;
        if (!field_key) {
            c->problem = core::format(tr("a null field key for column %1"), {std::to_string(column)});
            return MWANGAZA_PLUGIN_ERROR;
        }
        if (!known_key(field_key)) {
            c->problem = core::format(tr("the unknown field key '%1'"), {std::string(field_key, ::strnlen(field_key, 64))});
            return MWANGAZA_PLUGIN_ERROR;
        }
        if (column >= c->column_count) {
            c->problem = core::format(tr("column %1 for the field %2, but the file has %3 columns"),
                                      {std::to_string(column), field_key, std::to_string(c->column_count)});
            return MWANGAZA_PLUGIN_ERROR;
        }
        auto& cols = c->binding.columns;
        cols.erase(std::remove_if(cols.begin(), cols.end(),
                                  [&](const auto& b) { return b.first == column || b.second == field_key; }),
                   cols.end());
        cols.emplace_back(column, field_key);
        return MWANGAZA_PLUGIN_OK;
    } catch (...) {
        c->problem = "out of memory";
        return MWANGAZA_PLUGIN_ERROR;
    }
}

int sink_map_value(void* context, const char* field_key, const char* from, const char* to) noexcept
{
    auto* c = static_cast<BindCollector*>(context);
    if (!c)
        return MWANGAZA_PLUGIN_ERROR;
    try {
        if (!c->problem.empty())
            return MWANGAZA_PLUGIN_ERROR;
        if (!known_key(field_key)) {
            c->problem = field_key ? core::format(tr("the unknown field key '%1'"),
                                                  {std::string(field_key, ::strnlen(field_key, 64))})
                                   : tr("a value mapping without a field key");
            return MWANGAZA_PLUGIN_ERROR;
        }
        if (!from || !to) {
            c->problem = core::format(tr("a value mapping of the field %1 with a null value"), {field_key});
            return MWANGAZA_PLUGIN_ERROR;
        }
        c->binding.values.emplace_back(field_key, from, to);
        return MWANGAZA_PLUGIN_OK;
    } catch (...) {
        c->problem = "out of memory";
        return MWANGAZA_PLUGIN_ERROR;
    }
}

std::string error_text(const char* buffer)
{
    const std::size_t n = ::strnlen(buffer, k_error_size - 1);
    return n ? std::string(buffer, n) : tr("no reason given");
}

// Runs one call into a plugin: its status, MWANGAZA_PLUGIN_ERROR if an exception left
// it (the ABI forbids it; a plugin that does it anyway has failed the call); `error`
// (k_error_size bytes) always ends terminated.
template <typename Call>
int call_plugin(char* error, Call call)
{
    int status = MWANGAZA_PLUGIN_ERROR;
    try {
        status = call();
    } catch (...) {
        std::strncpy(error, "an exception left the plugin", k_error_size - 1);
        status = MWANGAZA_PLUGIN_ERROR;
    }
    error[k_error_size - 1] = '\0';
    return status;
}

fs::path install_folder()
{
    return core::install_path(MWANGAZA_PLUGIN_RELDIR);
}

} // namespace

const std::vector<std::string_view>& plugin_field_keys()
{
    static const std::vector<std::string_view> keys{
        MWANGAZA_FIELD_SOURCE_ID, MWANGAZA_FIELD_SUBMITTED_AT, MWANGAZA_FIELD_OBSERVED_ON, MWANGAZA_FIELD_SITE_CODE,
        MWANGAZA_FIELD_RISK_AREA, MWANGAZA_FIELD_DESCRIPTION,  MWANGAZA_FIELD_CHILDREN,    MWANGAZA_FIELD_WOMEN,
        MWANGAZA_FIELD_MEN,       MWANGAZA_FIELD_LATITUDE,     MWANGAZA_FIELD_LONGITUDE,   MWANGAZA_FIELD_GEOPOINT,
        MWANGAZA_FIELD_REPORTER,  MWANGAZA_FIELD_PHOTO_1,      MWANGAZA_FIELD_PHOTO_2,     MWANGAZA_FIELD_PHOTO_3};
    return keys;
}

Plugin::~Plugin()
{
    if (m_handle)
        ::dlclose(m_handle);
}

std::string Plugin::where() const
{
    return core::format(tr("plugin '%1' (%2)"), {m_name, m_file.string()});
}

std::string Plugin::label(const std::string& language) const
{
    const auto fn = v1(m_descriptor).label;
    if (fn) {
        try {
            for (const std::string& lang : {language, std::string("en")}) {
                const char* text = fn(lang.c_str());
                if (text && *text)
                    return std::string(text, ::strnlen(text, 200));
            }
        } catch (...) {
        }
    }
    return m_name;
}

int Plugin::score(const std::vector<std::string>& columns) const
{
    const auto cols = c_columns(columns);
    char error[k_error_size] = {};
    int score = -1;
    const int status = call_plugin(error, [&] {
        return v1(m_descriptor).score(cols.data(), columns.size(), &score, error, sizeof error);
    });
    if (status != MWANGAZA_PLUGIN_OK)
        throw PluginError(core::format(tr("%1 could not score the columns: %2"), {where(), error_text(error)}));
    if (score < 0 || score > 100)
        throw PluginError(
            core::format(tr("%1 gave the score %2 (expected 0 to 100)"), {where(), std::to_string(score)}));
    return score;
}

PluginBinding Plugin::bind(const std::vector<std::string>& columns) const
{
    const auto cols = c_columns(columns);
    BindCollector collector;
    collector.column_count = columns.size();
    const mwangaza_binding_sink sink{&collector, &sink_bind_column, &sink_map_value};
    char error[k_error_size] = {};
    const int status = call_plugin(error, [&] {
        return v1(m_descriptor).bind(cols.data(), columns.size(), &sink, error, sizeof error);
    });
    if (!collector.problem.empty())
        throw PluginError(core::format(tr("%1 bound the columns wrongly: %2"), {where(), collector.problem}));
    if (status != MWANGAZA_PLUGIN_OK)
        throw PluginError(core::format(tr("%1 could not bind the columns: %2"), {where(), error_text(error)}));
    return std::move(collector.binding);
}

// Opens one file; returns the plugin or the translated reason it is refused.
struct PluginOpener {
    static std::unique_ptr<Plugin> open(const fs::path& file, std::string& refusal)
    {
        ::dlerror();
        void* handle = ::dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (!handle) {
            const char* why = ::dlerror();
            refusal = core::format(tr("%1 cannot be loaded as a plugin: %2"), {file.string(), why ? why : ""});
            return nullptr;
        }
        std::unique_ptr<Plugin> p(new Plugin());
        p->m_handle = handle; // closed by ~Plugin from here on
        p->m_file = file;
        void* symbol = ::dlsym(handle, MWANGAZA_PLUGIN_ENTRY_SYMBOL);
        if (!symbol) {
            refusal = core::format(tr("%1 is not a Mwangaza plugin: it has no entry point %2"),
                                   {file.string(), MWANGAZA_PLUGIN_ENTRY_SYMBOL});
            return nullptr;
        }
        const auto entry = reinterpret_cast<mwangaza_plugin_entry_fn>(symbol);
        const void* descriptor = nullptr;
        try {
            descriptor = entry(MWANGAZA_PLUGIN_ABI_VERSION);
        } catch (...) {
            descriptor = nullptr;
        }
        if (!descriptor) {
            refusal = core::format(tr("%1 refuses to work with plugin ABI version %2 (this version of Mwangaza)"),
                                   {file.string(), std::to_string(MWANGAZA_PLUGIN_ABI_VERSION)});
            return nullptr;
        }
        const std::uint32_t abi = *static_cast<const std::uint32_t*>(descriptor);
        if (abi != MWANGAZA_PLUGIN_ABI_VERSION) {
            refusal = core::format(tr("%1 was built for plugin ABI version %2, but this version of Mwangaza loads "
                                      "plugins of ABI version %3"),
                                   {file.string(), std::to_string(abi), std::to_string(MWANGAZA_PLUGIN_ABI_VERSION)});
            return nullptr;
        }
        const auto& d = v1(descriptor);
        if (!valid_name(d.name)) {
            refusal = core::format(tr("%1: the plugin's name is missing or not 1 to 32 characters among a-z, 0-9, "
                                      "'_' and '-'"),
                                   {file.string()});
            return nullptr;
        }
        if (!d.score || !d.bind) {
            refusal = core::format(tr("%1: the plugin '%2' lacks its %3 function"),
                                   {file.string(), d.name, !d.score ? "score" : "bind"});
            return nullptr;
        }
        p->m_descriptor = descriptor;
        p->m_abi = abi;
        p->m_name = d.name;
        p->m_version = d.version ? std::string(d.version, ::strnlen(d.version, 64)) : std::string();
        return p;
    }
};

std::vector<fs::path> plugin_folders()
{
    std::vector<fs::path> folders;
    std::error_code ec;
    auto add = [&](const fs::path& folder) {
        if (folder.empty() || !fs::is_directory(folder, ec))
            return;
        const auto canonical = fs::weakly_canonical(folder, ec);
        const auto& key = ec ? folder : canonical;
        if (std::find(folders.begin(), folders.end(), key) == folders.end())
            folders.push_back(key);
    };
    add(install_folder());
    if (const char* path = std::getenv("MWANGAZA_PLUGIN_PATH"); path && *path) {
        std::string_view rest(path);
        while (true) {
            const auto colon = rest.find(':');
            add(fs::path(std::string(rest.substr(0, colon))));
            if (colon == std::string_view::npos)
                break;
            rest.remove_prefix(colon + 1);
        }
    }
    return folders;
}

PluginSet load_plugins(const std::vector<fs::path>& folders, std::vector<std::string> taken)
{
    PluginSet set;
    std::vector<std::pair<std::string, std::string>> owners; // name, file
    for (const auto& folder : folders) {
        std::vector<fs::path> files;
        std::error_code ec;
        for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec))
            if (it->path().extension() == ".so" && it->is_regular_file(ec))
                files.push_back(it->path());
        std::sort(files.begin(), files.end());
        for (const auto& file : files) {
            std::string refusal;
            auto plugin = PluginOpener::open(file, refusal);
            if (!plugin) {
                set.warnings.push_back(refusal);
                continue;
            }
            const auto owner = std::find_if(owners.begin(), owners.end(),
                                            [&](const auto& o) { return o.first == plugin->name(); });
            if (owner != owners.end()) {
                set.warnings.push_back(core::format(tr("%1: the plugin name '%2' is already taken by %3; not loaded"),
                                                    {file.string(), plugin->name(), owner->second}));
                continue;
            }
            if (std::find(taken.begin(), taken.end(), plugin->name()) != taken.end()) {
                set.warnings.push_back(
                    core::format(tr("%1: the plugin name '%2' is the name of a built-in reader; not loaded"),
                                 {file.string(), plugin->name()}));
                continue;
            }
            owners.emplace_back(plugin->name(), file.string());
            set.plugins.push_back(std::move(plugin));
        }
    }
    return set;
}

} // namespace mwangaza::plugin
