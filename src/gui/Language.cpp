#include "gui/Language.hpp"

#include "core/Error.hpp"
#include "core/I18n.hpp"

#include <wx/filename.h>
#include <wx/intl.h>
#include <wx/thread.h>
#include <wx/translation.h>

#include <memory>

namespace mwangaza::gui {

namespace {

std::string& language_storage()
{
    static std::string language = "en";
    return language;
}

} // namespace

const std::string& current_language()
{
    return language_storage();
}

bool install_language(const std::string& requested)
{
    const std::string lang = core::is_supported_language(requested) ? requested : "en";
    static bool prefix_added = false;
    if (!prefix_added) {
        wxFileTranslationsLoader::AddCatalogLookupPathPrefix(wxString::FromUTF8(core::locale_dir().string()));
        prefix_added = true;
    }

    auto* translations = new wxTranslations;
    translations->SetLanguage(wxString::FromUTF8(lang));
    wxTranslations::Set(translations); // takes ownership, deletes the previous one
    translations->AddStdCatalog();      // wx's own strings, when the system has them
    bool loaded = translations->AddCatalog("mwangaza");

    // Worker threads (demo creation reports translated stage names) must not touch
    // wxTranslations, which is not thread-safe: they read the same .mo file through an
    // immutable core::MoCatalog instead.
    std::shared_ptr<const core::MoCatalog> catalog;
    if (lang != "en") {
        try {
            catalog = std::make_shared<core::MoCatalog>(
                core::MoCatalog::load(core::locale_dir() / lang / "LC_MESSAGES" / "mwangaza.mo"));
        } catch (const Error&) {
            loaded = false;
        }
    }
    if (lang == "en") {
        core::set_translator({});
    } else {
        core::set_translator([catalog](const char* msgid) -> std::string {
            if (wxThread::IsMain())
                return std::string(wxGetTranslation(wxString::FromUTF8(msgid)).utf8_str());
            if (catalog)
                if (const std::string* t = catalog->find(msgid))
                    return *t;
            return msgid;
        });
    }
    language_storage() = lang;
    return lang == "en" || loaded;
}

} // namespace mwangaza::gui
