#include "core/I18n.hpp"

#include "core/Error.hpp"
#include "core/InstallPaths.hpp"

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>
#include <vector>

namespace mwangaza::core {

namespace {

Translator& current_translator()
{
    static Translator translator;
    return translator;
}

std::uint32_t read_u32(const std::vector<char>& data, std::size_t offset, bool swap)
{
    if (offset + 4 > data.size())
        throw InvalidInput("catalog is truncated");
    auto b = reinterpret_cast<const unsigned char*>(data.data() + offset);
    if (swap)
        return std::uint32_t(b[3]) | std::uint32_t(b[2]) << 8 | std::uint32_t(b[1]) << 16 | std::uint32_t(b[0]) << 24;
    return std::uint32_t(b[0]) | std::uint32_t(b[1]) << 8 | std::uint32_t(b[2]) << 16 | std::uint32_t(b[3]) << 24;
}

std::string read_string(const std::vector<char>& data, std::uint32_t length, std::uint32_t offset)
{
    if (std::size_t(offset) + length > data.size())
        throw InvalidInput("catalog string lies outside the file");
    return std::string(data.data() + offset, length);
}

} // namespace

void set_translator(Translator translator)
{
    current_translator() = std::move(translator);
}

std::string tr(const char* msgid)
{
    const auto& translator = current_translator();
    if (translator)
        return translator(msgid);
    return msgid;
}

std::string format(std::string_view text, std::initializer_list<std::string> values)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 1 < text.size() && text[i + 1] >= '1' && text[i + 1] <= '9') {
            const std::size_t n = std::size_t(text[i + 1] - '1');
            if (n < values.size()) {
                out += *(values.begin() + n);
                ++i;
                continue;
            }
        }
        out += text[i];
    }
    return out;
}

MoCatalog MoCatalog::load(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw InvalidInput("cannot read catalog " + file.string());
    std::vector<char> data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (data.size() < 28)
        throw InvalidInput("not a gettext catalog: " + file.string());
    const std::uint32_t magic = read_u32(data, 0, false);
    bool swap = false;
    if (magic == 0xde120495u)
        swap = true;
    else if (magic != 0x950412deu)
        throw InvalidInput("not a gettext catalog: " + file.string());
    const std::uint32_t count = read_u32(data, 8, swap);
    const std::uint32_t originals = read_u32(data, 12, swap);
    const std::uint32_t translations = read_u32(data, 16, swap);
    MoCatalog catalog;
    catalog.m_entries.reserve(count);
    for (std::uint32_t i = 0; i < count; ++i) {
        const auto o_len = read_u32(data, originals + 8 * i, swap);
        const auto o_off = read_u32(data, originals + 8 * i + 4, swap);
        const auto t_len = read_u32(data, translations + 8 * i, swap);
        const auto t_off = read_u32(data, translations + 8 * i + 4, swap);
        std::string original = read_string(data, o_len, o_off);
        if (original.empty())
            continue; // the header entry
        std::string translated = read_string(data, t_len, t_off);
        // Plural forms keep their singular; contexts (msgctxt) are not used here.
        if (auto nul = translated.find('\0'); nul != std::string::npos)
            translated.resize(nul);
        if (auto nul = original.find('\0'); nul != std::string::npos)
            original.resize(nul);
        if (!translated.empty())
            catalog.m_entries.emplace(std::move(original), std::move(translated));
    }
    return catalog;
}

const std::string* MoCatalog::find(const std::string& msgid) const
{
    auto it = m_entries.find(msgid);
    return it == m_entries.end() ? nullptr : &it->second;
}

bool is_supported_language(const std::string& code)
{
    return code == "en" || code == "fr";
}

std::string language_from_environment()
{
    for (const char* name : {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"}) {
        const char* value = std::getenv(name);
        if (!value || !*value)
            continue;
        std::string v(value);
        if (v.rfind("fr", 0) == 0)
            return "fr";
        return "en";
    }
    return "en";
}

std::filesystem::path locale_dir()
{
    if (const char* dir = std::getenv("MWANGAZA_LOCALEDIR"); dir && *dir)
        return dir;
    return install_path("share/locale");
}

bool install_catalog(const std::string& lang)
{
    if (lang == "en") {
        set_translator({});
        return true;
    }
    Translator translator = catalog_translator(lang);
    if (!translator)
        return false;
    set_translator(std::move(translator));
    return true;
}

Translator catalog_translator(const std::string& lang)
{
    if (lang == "en")
        return {};
    const auto file = locale_dir() / lang / "LC_MESSAGES" / "mwangaza.mo";
    std::error_code ec;
    if (!std::filesystem::exists(file, ec))
        return {};
    auto catalog = std::make_shared<MoCatalog>(MoCatalog::load(file));
    return [catalog](const char* msgid) {
        if (const std::string* t = catalog->find(msgid))
            return *t;
        return std::string(msgid);
    };
}

std::string tr(const Translator& translator, const char* msgid)
{
    return translator ? translator(msgid) : std::string(msgid);
}

} // namespace mwangaza::core
