#include "core/Error.hpp"
#include "core/RiskMatrix.hpp"
#include "core/Taxonomy.hpp"

#include <catch2/catch.hpp>

using namespace mwangaza;
using namespace mwangaza::core;

TEST_CASE("default matrix: every one of the 25 cells matches the programme table", "[matrix]")
{
    // domain.md, rows severity 5 down to 1, columns likelihood 1..5.
    const char* table[5][5] = {
        {"medium", "high", "high", "very_high", "very_high"}, // S5
        {"low", "medium", "high", "high", "very_high"},       // S4
        {"low", "medium", "medium", "high", "high"},          // S3
        {"low", "low", "medium", "medium", "high"},           // S2
        {"low", "low", "low", "medium", "medium"},            // S1
    };
    const auto m = RiskMatrix::programme_default();
    CHECK(m.version() == 1);
    int checked = 0;
    for (int s = 5; s >= 1; --s)
        for (int l = 1; l <= 5; ++l) {
            INFO("severity " << s << " likelihood " << l);
            CHECK(risk_level_code(m.level(s, l)) == table[5 - s][l - 1]);
            ++checked;
        }
    CHECK(checked == 25);
}

TEST_CASE("matrix refuses severity or likelihood outside 1..5", "[matrix]")
{
    const auto m = RiskMatrix::programme_default();
    for (auto [s, l] : {std::pair{0, 3}, {6, 3}, {3, 0}, {3, 6}, {-1, -1}})
        CHECK_THROWS_AS(m.level(s, l), InvalidInput);
    CHECK_THROWS_AS(RiskMatrix(0, "bad", m.cells()), InvalidInput);
}

TEST_CASE("Annex II serious abuse is never below high and raises a red flag", "[matrix][annex]")
{
    const auto m = RiskMatrix::programme_default();
    const auto* wfcl = find_risk_area("wfcl");
    const auto* child = find_risk_area("child_labour");
    const auto* armed = find_risk_area("non_state_armed_groups");
    const auto* gender = find_risk_area("gender");
    const auto* bribery = find_risk_area("corruption_bribery");
    REQUIRE((wfcl && child && armed && gender && bribery));

    auto a = m.assess(*wfcl, 1, 1);
    CHECK(a.level == RiskLevel::High);
    CHECK(a.red_flag);
    CHECK(m.assess(*armed, 5, 5).level == RiskLevel::VeryHigh);
    CHECK(m.assess(*armed, 5, 5).red_flag);

    auto c = m.assess(*child, 1, 1);
    CHECK(c.level == RiskLevel::Low);
    CHECK_FALSE(c.red_flag);

    // Gender is serious abuse only when the incident is flagged (widespread sexual violence).
    CHECK_FALSE(m.assess(*gender, 1, 1).red_flag);
    CHECK(m.assess(*gender, 1, 1, true).red_flag);
    CHECK(m.assess(*gender, 1, 1, true).level == RiskLevel::High);

    // Mitigate-class risks keep the matrix level and raise no red flag.
    CHECK(m.assess(*bribery, 1, 1).level == RiskLevel::Low);
    CHECK_FALSE(m.assess(*bribery, 1, 1).red_flag);
}

TEST_CASE("level codes round-trip and labels exist", "[matrix]")
{
    for (auto l : {RiskLevel::Low, RiskLevel::Medium, RiskLevel::High, RiskLevel::VeryHigh}) {
        CHECK(risk_level_from_code(risk_level_code(l)) == l);
        CHECK(std::string(risk_level_label(l)).size() > 0);
    }
    CHECK_FALSE(risk_level_from_code("extreme"));
    for (int i = 1; i <= 5; ++i) {
        CHECK(std::string(severity_label(i)).size() > 0);
        CHECK(std::string(likelihood_label(i)).size() > 0);
    }
    CHECK_THROWS_AS(severity_label(6), InvalidInput);
}
