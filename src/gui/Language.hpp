#pragma once
// Interface language: wxTranslations reads <locale_dir>/<lang>/LC_MESSAGES/mwangaza.mo
// directly, so French works without a French system locale installed, and core::tr()
// (risk area and status labels) is routed through the same catalog.
#include <string>

namespace mwangaza::gui {

// "en" or "fr" (anything else falls back to English). Safe to call again to switch.
// Returns false when the catalog for a non-English language could not be loaded.
bool install_language(const std::string& lang);

// The language last installed ("en" before any call).
const std::string& current_language();

} // namespace mwangaza::gui
