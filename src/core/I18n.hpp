#pragma once
// Translation for layers that know no toolkit. The GUI plugs wxTranslations in through
// set_translator(); the CLI loads the gettext catalog itself with MoCatalog, which needs
// no system locale to be installed.
#include <filesystem>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_map>

namespace mwangaza::core {

using Translator = std::function<std::string(const char* msgid)>;

// Installs the function tr() calls; an empty function restores the identity.
void set_translator(Translator translator);

// Translates a UTF-8 msgid (English source text). Marked for xgettext with keyword tr.
std::string tr(const char* msgid);

// Puts values in place of %1, %2 ... %9 in a (translated) message, in one pass, so a
// value that itself contains "%2" is left as it is. Unmatched markers stay.
std::string format(std::string_view text, std::initializer_list<std::string> values);

// Marks a string for extraction without translating it here (keyword N_). wxWidgets
// defines the same macro; whichever header comes first defines it.
#ifndef N_
#define N_(text) (text)
#endif

// A gettext .mo file read into memory (format revision 0, either byte order).
class MoCatalog {
public:
    // Throws InvalidInput if the file cannot be read or is not a .mo file.
    static MoCatalog load(const std::filesystem::path& file);

    // The translation, or nullptr when the catalog has none.
    const std::string* find(const std::string& msgid) const;
    std::size_t size() const { return m_entries.size(); }

private:
    std::unordered_map<std::string, std::string> m_entries;
};

// Languages with a catalog; English is the source language.
bool is_supported_language(const std::string& code);

// "fr" or "en" from LANGUAGE, LC_ALL, LC_MESSAGES and LANG, in that order.
std::string language_from_environment();

// Where catalogs are: <exe dir>/../share/locale (or <exe dir>/../../share/locale for a
// helper program in libexec/mwangaza), which holds in the build tree and once installed.
// MWANGAZA_LOCALEDIR overrides it.
std::filesystem::path locale_dir();

// Loads <locale_dir>/<lang>/LC_MESSAGES/mwangaza.mo and installs it as the translator.
// English installs the identity. Returns false when the catalog is missing.
bool install_catalog(const std::string& lang);

// A translator for `lang` that is not installed: for a document written in a language
// other than the user's (a site's workshop pack). English, or a missing catalog, gives
// the identity (an empty function); tr(translator, msgid) applies it.
Translator catalog_translator(const std::string& lang);
std::string tr(const Translator& translator, const char* msgid);

} // namespace mwangaza::core
