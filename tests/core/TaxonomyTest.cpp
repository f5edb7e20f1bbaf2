#include "core/I18n.hpp"
#include "core/Taxonomy.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <string>

using namespace mwangaza::core;

TEST_CASE("taxonomy: 7 categories, 26 areas with unique stable codes", "[taxonomy]")
{
    CHECK(risk_categories().size() == 7);
    CHECK(risk_areas().size() == 26);
    std::set<std::string> codes;
    std::map<std::string, int> per_category;
    for (const auto& a : risk_areas()) {
        codes.insert(std::string(a.code));
        REQUIRE(find_risk_category(a.category));
        ++per_category[std::string(a.category)];
        CHECK(find_risk_area(a.code) == &a);
    }
    CHECK(codes.size() == 26);
    CHECK(per_category == std::map<std::string, int>{{"human_rights", 6}, {"security", 4},
        {"working_conditions", 2}, {"community", 3}, {"legality", 5}, {"traceability", 2}, {"environment", 4}});
    CHECK_FALSE(find_risk_area("unknown"));
}

TEST_CASE("taxonomy: OECD Annex II classes", "[taxonomy][annex]")
{
    std::set<std::string> serious, mitigate, per_incident;
    for (const auto& a : risk_areas()) {
        if (a.annex_ii == AnnexII::SeriousAbuse) serious.insert(std::string(a.code));
        if (a.annex_ii == AnnexII::Mitigate) mitigate.insert(std::string(a.code));
        if (a.annex_ii == AnnexII::PerIncident) per_incident.insert(std::string(a.code));
    }
    CHECK(serious == std::set<std::string>{"wfcl", "forced_labour", "torture", "ihl", "non_state_armed_groups"});
    CHECK(mitigate == std::set<std::string>{"security_forces", "corruption_bribery", "tax_eiti", "money_laundering"});
    CHECK(per_incident == std::set<std::string>{"gender", "chain_of_custody"});
    CHECK(find_risk_area("chain_of_custody")->flagged_class == AnnexII::Mitigate);
    CHECK(find_risk_area("gender")->flagged_class == AnnexII::SeriousAbuse);
    CHECK(is_child_labour("child_labour"));
    CHECK(is_child_labour("wfcl"));
    CHECK_FALSE(is_child_labour("forced_labour"));
    for (auto v : {AnnexII::None, AnnexII::SeriousAbuse, AnnexII::Mitigate, AnnexII::PerIncident})
        CHECK(annex_ii_from_code(annex_ii_code(v)) == v);
}

TEST_CASE("taxonomy: country and mineral labels, translated and capitalised", "[taxonomy][labels]")
{
    CHECK(country_label("CD") == "DR Congo");
    CHECK(country_label("RW") == "Rwanda");
    CHECK(country_label("UG") == "UG");
    CHECK(minerals_label("cobalt,copper") == "Cobalt, copper");
    CHECK(minerals_label(" tin , tantalum,") == "Tin, tantalum");
    CHECK(minerals_label("coltan") == "Coltan"); // an unknown code as it is
    CHECK(minerals_label("") == "");

    // Through a translator, as the programs set one: "tin" is "étain" in French.
    set_translator([](const char* msgid) {
        const std::string id = msgid;
        if (id == "tin")
            return std::string("\xC3\xA9tain");
        if (id == "gold")
            return std::string("or");
        if (id == "DR Congo")
            return std::string("RD Congo");
        return id;
    });
    CHECK(minerals_label("tin,gold") == "\xC3\x89tain, or");
    CHECK(country_label("CD") == "RD Congo");
    set_translator(nullptr);
    CHECK(minerals_label("tin,gold") == "Tin, gold");
}
