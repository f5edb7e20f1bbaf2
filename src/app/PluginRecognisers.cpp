#include "app/PluginRecognisers.hpp"

#include "core/Error.hpp"
#include "core/I18n.hpp"
#include "plugin/PluginLoader.hpp"

#include <algorithm>
#include <mutex>

namespace mwangaza::app {

namespace {

struct Registry {
    plugin::PluginSet set;
    std::mutex mutex; // guards the warnings added after loading
};

Registry& registry(const std::vector<std::string>& taken = {})
{
    static Registry r{plugin::load_plugins(plugin::plugin_folders(), taken), {}};
    return r;
}

void add_warning(const std::string& message)
{
    auto& r = registry();
    std::lock_guard lock(r.mutex);
    if (std::find(r.set.warnings.begin(), r.set.warnings.end(), message) == r.set.warnings.end())
        r.set.warnings.push_back(message);
}

class PluginRecogniser : public FormatRecogniser {
public:
    explicit PluginRecogniser(const plugin::Plugin& plugin) : m_plugin(plugin) {}

    std::string_view name() const override { return m_plugin.name(); }

    int score(const std::vector<std::string>& columns) const override
    {
        try {
            return m_plugin.score(columns);
        } catch (const plugin::PluginError& e) {
            add_warning(e.what());
            return 0;
        }
    }

    ColumnBinding bind(const std::vector<std::string>& columns) const override
    {
        const auto b = m_plugin.bind(columns); // checked by the loader: indices and keys are valid
        ColumnBinding binding(columns);
        for (const auto& [column, key] : b.columns)
            if (const auto field = field_from_key(key))
                binding.bind(*field, int(column));
        for (const auto& [key, from, to] : b.values)
            if (const auto field = field_from_key(key))
                binding.map_value(*field, from, to);
        return binding;
    }

private:
    const plugin::Plugin& m_plugin;
};

} // namespace

std::vector<std::unique_ptr<FormatRecogniser>> plugin_recognisers(const std::vector<std::string>& taken)
{
    std::vector<std::unique_ptr<FormatRecogniser>> out;
    for (const auto& p : registry(taken).set.plugins)
        out.push_back(std::make_unique<PluginRecogniser>(*p));
    return out;
}

std::vector<PluginInfo> loaded_plugins(const std::string& language)
{
    recognisers();
    std::vector<PluginInfo> out;
    for (const auto& p : registry().set.plugins)
        out.push_back({p->name(), p->label(language), p->version(), p->file().string(), p->abi_version()});
    return out;
}

std::string profile_choices()
{
    std::string out = "auto";
    for (const auto& r : recognisers())
        out += ", " + std::string(r->name());
    return out;
}

const FormatRecogniser* recogniser_for_profile(const std::string& profile)
{
    if (profile == "auto")
        return nullptr;
    if (const auto* r = find_recogniser(profile))
        return r;
    throw InvalidInput(core::format(core::tr("unknown profile '%1' (expected one of %2)"), {profile, profile_choices()}));
}

std::vector<std::string> plugin_warnings()
{
    recognisers();
    auto& r = registry();
    std::lock_guard lock(r.mutex);
    return r.set.warnings;
}

} // namespace mwangaza::app
