#pragma once
// Writes the workshop pack of one site and one month to a PDF or HTML file (by the
// file's extension), in the site's language unless `lang` is given. Shared by
// `mwangaza-cli workshop pack` and the GUI's Workshops page.
#include "app/Progress.hpp"

#include <filesystem>
#include <optional>
#include <string>

namespace mwangaza::app {

struct WorkshopPackRequest {
    std::filesystem::path database;
    std::string site_code;
    std::string month; // YYYY-MM
    std::optional<std::string> lang; // "en" or "fr"; else the site's language
    std::filesystem::path out;       // .pdf or .html
};

struct WorkshopPackResult {
    std::string lang;
    int pages = 0; // PDF only
    std::int64_t incidents = 0, drafts = 0, open_actions = 0, overdue_actions = 0;
    std::int64_t actions_issued = 0, actions_progressing = 0;
    std::optional<std::string> workshop_on;
};

// Throws InvalidInput (bad month, unknown site, unsupported extension or language),
// StorageError, Error (file not written), Cancelled (nothing is left behind).
WorkshopPackResult export_workshop_pack(const WorkshopPackRequest& request, Progress& progress);

} // namespace mwangaza::app
