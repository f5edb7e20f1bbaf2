#include "core/Error.hpp"
#include "core/Kpi.hpp"

#include <catch2/catch.hpp>

using namespace mwangaza;
using namespace mwangaza::core;

TEST_CASE("implementation rate = (in progress + implemented) / issued", "[kpi]")
{
    CHECK(implementation_rate(888, 1098) == Approx(0.8087).epsilon(0.0001));
    CHECK(percent(888, 1098) == 81);
    CHECK(percent(97, 122) == 80);
    CHECK(implementation_rate(0, 0) == 0.0);
    CHECK(percent(1, 0) == 0);
}

TEST_CASE("ISO dates are checked against the calendar", "[kpi]")
{
    CHECK(is_iso_date("2021-04-01"));
    CHECK(is_iso_date("2024-02-29"));
    CHECK_FALSE(is_iso_date("2021-02-29"));
    CHECK_FALSE(is_iso_date("2021-13-01"));
    CHECK_FALSE(is_iso_date("2021-4-1"));
    CHECK_FALSE(is_iso_date("01/04/2021"));
    CHECK_FALSE(is_iso_date(""));
}

TEST_CASE("filter validation names the bad option", "[kpi]")
{
    KpiFilter f;
    CHECK_NOTHROW(validate(f));
    f.from = "2021-07-01";
    f.to = "2021-06-30";
    CHECK_THROWS_WITH(validate(f), Catch::Contains("--from"));
    f = {};
    f.to = "tomorrow";
    CHECK_THROWS_WITH(validate(f), Catch::Contains("--to"));
    f = {};
    f.areas = {"child_labour", "kids"};
    CHECK_THROWS_AS(validate(f), InvalidInput);
    CHECK_THROWS_WITH(validate(f), Catch::Contains("kids"));
    f = {};
    f.country = "UG";
    CHECK_THROWS_WITH(validate(f), Catch::Contains("--country"));
}
