#pragma once
// First launch: the demo programme is created in the user's data folder, on a worker
// thread, behind a progress dialog that can cancel it.
#include <filesystem>

class wxWindow;

namespace mwangaza::gui {

// <XDG data folder>/<app name>/demo.mwz, e.g. ~/.local/share/mwangaza/demo.mwz.
std::filesystem::path default_demo_path();

// Creates the demo database at `path` (scale 1) while showing progress. Returns false
// when the person cancelled (nothing is left at `path`); throws mwangaza::Error when
// creation failed.
bool create_demo_with_progress(wxWindow* parent, const std::filesystem::path& path, int scale = 1);

} // namespace mwangaza::gui
