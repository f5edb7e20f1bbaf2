#include "core/Error.hpp"
#include "core/I18n.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdlib>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using namespace mwangaza;
using namespace mwangaza::core;

namespace {

void put_u32(std::string& out, std::uint32_t v)
{
    for (int i = 0; i < 4; ++i)
        out.push_back(char((v >> (8 * i)) & 0xff));
}

// A little-endian .mo file with the given pairs (already sorted), as msgfmt writes them.
std::filesystem::path write_mo(const std::vector<std::pair<std::string, std::string>>& pairs)
{
    const std::uint32_t n = std::uint32_t(pairs.size());
    const std::uint32_t originals = 28, translations = originals + 8 * n, strings = translations + 8 * n;
    std::string head, table_o, table_t, data;
    std::uint32_t offset = strings;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> o, t;
    for (auto& [k, v] : pairs) {
        o.emplace_back(std::uint32_t(k.size()), offset);
        data += k;
        data.push_back('\0');
        offset += std::uint32_t(k.size() + 1);
    }
    for (auto& [k, v] : pairs) {
        t.emplace_back(std::uint32_t(v.size()), offset);
        data += v;
        data.push_back('\0');
        offset += std::uint32_t(v.size() + 1);
    }
    put_u32(head, 0x950412de);
    put_u32(head, 0);
    put_u32(head, n);
    put_u32(head, originals);
    put_u32(head, translations);
    put_u32(head, 0);
    put_u32(head, 0);
    for (auto [len, off] : o) { put_u32(table_o, len); put_u32(table_o, off); }
    for (auto [len, off] : t) { put_u32(table_t, len); put_u32(table_t, off); }
    auto path = std::filesystem::temp_directory_path() / ("mwangaza-i18n-test-" + std::to_string(::getpid()) + ".mo");
    std::ofstream(path, std::ios::binary) << head << table_o << table_t << data;
    return path;
}

} // namespace

TEST_CASE("MoCatalog reads a gettext catalog and tr() uses the installed translator", "[i18n]")
{
    auto path = write_mo({{"", "Content-Type: text/plain; charset=UTF-8\n"},
                          {"Child labour", "Travail des enfants"},
                          {"Water", "Eau"}});
    auto catalog = MoCatalog::load(path);
    std::filesystem::remove(path);
    CHECK(catalog.size() == 2);
    REQUIRE(catalog.find("Child labour"));
    CHECK(*catalog.find("Child labour") == "Travail des enfants");
    CHECK_FALSE(catalog.find("Gender"));

    set_translator([&](const char* id) {
        const std::string* t = catalog.find(id);
        return t ? *t : std::string(id);
    });
    CHECK(tr("Water") == "Eau");
    CHECK(tr("Gender") == "Gender");
    set_translator({});
    CHECK(tr("Water") == "Water");
}

TEST_CASE("MoCatalog refuses files that are not catalogs", "[i18n]")
{
    auto path = std::filesystem::temp_directory_path() / "mwangaza-not-a-catalog.mo";
    std::ofstream(path) << "msgid \"x\"\nmsgstr \"y\"\n";
    CHECK_THROWS_AS(MoCatalog::load(path), InvalidInput);
    std::filesystem::remove(path);
    CHECK_THROWS_AS(MoCatalog::load("/nonexistent/mwangaza.mo"), InvalidInput);
}

TEST_CASE("language comes from LANGUAGE, LC_ALL, LC_MESSAGES, LANG in that order", "[i18n]")
{
    for (const char* v : {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"})
        ::unsetenv(v);
    CHECK(language_from_environment() == "en");
    ::setenv("LANG", "fr_CD.UTF-8", 1);
    CHECK(language_from_environment() == "fr");
    ::setenv("LC_ALL", "en_GB.UTF-8", 1);
    CHECK(language_from_environment() == "en");
    ::setenv("LANGUAGE", "fr", 1);
    CHECK(language_from_environment() == "fr");
    for (const char* v : {"LANGUAGE", "LC_ALL", "LANG"})
        ::unsetenv(v);
    CHECK(is_supported_language("fr"));
    CHECK_FALSE(is_supported_language("sw"));
}

TEST_CASE("format puts values in place of %1..%9 in one pass", "[i18n]")
{
    CHECK(format("row %1, column %2", {"12", "incident/risk_area"}) == "row 12, column incident/risk_area");
    CHECK(format("%2 before %1", {"a", "b"}) == "b before a");
    CHECK(format("%1 and %1", {"x"}) == "x and x");
    // A value holding a marker is not expanded again; a marker without a value stays.
    CHECK(format("%1 / %2", {"50%2", "y"}) == "50%2 / y");
    CHECK(format("%3 left, 100%", {"a"}) == "%3 left, 100%");
}
