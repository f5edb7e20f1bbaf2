#include "core/ActionTemplates.hpp"
#include "core/I18n.hpp"
#include "core/Taxonomy.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <set>
#include <string>

using namespace mwangaza::core;

TEST_CASE("every risk area has at least two action templates", "[core][actions]")
{
    for (const auto& area : risk_areas()) {
        INFO(std::string(area.code));
        CHECK(action_templates(area.code).size() >= 2);
    }
    CHECK(action_templates("no_such_area").empty());
    std::size_t total = 0;
    for (const auto& area : risk_areas())
        total += action_templates(area.code).size();
    CHECK(total == action_templates().size()); // every template belongs to a known area
}

TEST_CASE("action templates have unique keys and sensible defaults", "[core][actions]")
{
    const std::set<std::string> types{"asm_miners", "cooperative", "operator", "community_representative",
                                      "traditional_authority", "religious_leader", "upstream_industry", "ngo",
                                      "state_service", "government", "security_sector", "development_partner",
                                      "media"};
    std::set<std::string> keys;
    for (const auto& t : action_templates()) {
        INFO(std::string(t.key));
        CHECK(keys.insert(std::string(t.key)).second);
        CHECK(t.key.substr(0, t.risk_area.size() + 1) == std::string(t.risk_area) + ".");
        CHECK(find_action_template(t.key) == &t);
        CHECK(types.count(std::string(t.responsible)) == 1);
        CHECK((t.priority == "low" || t.priority == "medium" || t.priority == "high"));
        CHECK(t.due_days > 0);
        CHECK(t.due_days <= 180);
        CHECK(std::string(t.title).size() > 10);
        CHECK(std::string(t.description).size() > std::string(t.title).size());
    }
    CHECK(find_action_template("child_labour.register") != nullptr);
}

TEST_CASE("every action template is translated into French", "[core][actions][i18n]")
{
    const auto mo = std::filesystem::path(MWANGAZA_BINARY_DIR) / "share" / "locale" / "fr" / "LC_MESSAGES" /
                    "mwangaza.mo";
    REQUIRE(std::filesystem::exists(mo));
    const auto catalog = MoCatalog::load(mo);
    for (const auto& t : action_templates()) {
        INFO(std::string(t.key));
        for (const char* msgid : {t.title, t.description}) {
            const std::string* fr = catalog.find(msgid);
            REQUIRE(fr != nullptr);
            CHECK(!fr->empty());
            CHECK(*fr != msgid);
        }
    }
    CHECK(*catalog.find(find_action_template("child_labour.register")->title) ==
          "La coopérative tient un registre de chaque enfant trouvé sur le site");
}
