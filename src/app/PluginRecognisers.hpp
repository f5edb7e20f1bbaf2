#pragma once
// Reader plugins as format recognisers. The plugins are loaded once per process from the
// plugin folders (plugin::plugin_folders()); a file that is refused (another ABI
// version, no entry point, a name already taken) leaves a warning and the other readers
// work. A plugin that fails while scoring scores 0 and leaves a warning; one that fails
// or answers nonsense while binding throws plugin::PluginError (an InvalidInput), so the
// import is rejected as a whole and nothing is written.
#include "app/ImportProfile.hpp"

#include <memory>
#include <string>
#include <vector>

namespace mwangaza::app {

// One recogniser per plugin loaded; `taken` are the names of the built-in readers.
std::vector<std::unique_ptr<FormatRecogniser>> plugin_recognisers(const std::vector<std::string>& taken);

struct PluginInfo {
    std::string name;
    std::string label; // in the language asked for
    std::string version;
    std::string file;
    unsigned abi_version = 0;
};

// The plugins loaded (by recognisers()), in load order.
std::vector<PluginInfo> loaded_plugins(const std::string& language);

// Translated messages of plugin files refused and of plugin calls that failed while
// scoring, since the process started (loads the plugins if they are not yet).
std::vector<std::string> plugin_warnings();

// What --profile takes: "auto, kobo, odk, generic" (the plugins loaded in between).
std::string profile_choices();

// The reader a --profile value names: nullptr for "auto" (recognised from the columns);
// InvalidInput naming the value and the choices when no reader has that name.
const FormatRecogniser* recogniser_for_profile(const std::string& profile);

} // namespace mwangaza::app
