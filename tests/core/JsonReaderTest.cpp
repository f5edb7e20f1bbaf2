#include "core/Error.hpp"
#include "core/Json.hpp"
#include "core/JsonReader.hpp"

#include <catch2/catch.hpp>

using namespace mwangaza;

TEST_CASE("The JSON reader reads what the program's tools print", "[core][json]")
{
    const auto v = core::parse_json(R"( {"read": 12, "rate": -0.5e1, "ok": true, "none": null,
        "profile": "kobo", "diagnostics": [{"row": 4, "column": "incident/risk_area",
        "message": "unknown risk area 'TE' \u00e9\ud83d\ude00 \"q\"\\\n"}], "empty": {}, "list": []} )");
    REQUIRE(v.is_object());
    CHECK(v["read"].as_int() == 12);
    CHECK(v["rate"].as_number() == -5.0);
    CHECK(v["ok"].as_bool());
    CHECK(v["none"].is_null());
    CHECK(v.has("none"));
    CHECK_FALSE(v.has("missing"));
    CHECK(v["missing"].is_null());
    CHECK(v["profile"].as_string() == "kobo");
    REQUIRE(v["diagnostics"].items().size() == 1);
    const auto& d = v["diagnostics"].items()[0];
    CHECK(d["row"].as_int() == 4);
    CHECK(d["column"].as_string() == "incident/risk_area");
    CHECK(d["message"].as_string() == "unknown risk area 'TE' \xC3\xA9\xF0\x9F\x98\x80 \"q\"\\\n");
    CHECK(v["empty"].is_object());
    CHECK(v["empty"].members().empty());
    CHECK(v["list"].is_array());
    REQUIRE(v.members().size() == 8);
    CHECK(v.members()[0].first == "read"); // file order
}

TEST_CASE("The JSON reader reads back what json_string and json_number write", "[core][json]")
{
    const std::string text = "tab\there \"quoted\" back\\slash \x01 \xC3\xA9" "cole";
    const auto v = core::parse_json("[" + core::json_string(text) + ", " + core::json_number(0.1) + "]");
    REQUIRE(v.items().size() == 2);
    CHECK(v.items()[0].as_string() == text);
    CHECK(v.items()[1].as_number() == 0.1);
}

TEST_CASE("The JSON reader refuses what is not JSON, naming the offset", "[core][json]")
{
    for (const char* bad : {"", "{", "{\"a\": 1,}", "[1 2]", "{'a': 1}", "tru", "01", "1.", "\"open", "\"\\x\"",
                            "\"\\ud800\"", "{\"a\" 1}", "[1] [2]", "\"a\tb\""})
        CHECK_THROWS_AS(core::parse_json(bad), InvalidInput);
    CHECK_THROWS_WITH(core::parse_json("[1, 2,, 3]"), Catch::Contains("offset 6"));
    CHECK_THROWS_AS(core::parse_json(std::string(100, '[') + std::string(100, ']')), InvalidInput);
}
