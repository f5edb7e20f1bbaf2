// The table reader on real files written by the tests: CSV separators, BOM, encodings,
// bounds, XLSX, GeoJSON and GeoPackage through GDAL's drivers.
#include "Fixtures.hpp"

#include "core/Error.hpp"
#include "geo/TableReader.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

using namespace mwangaza;
using test::Submission;
using test::TempFolder;

namespace {

std::vector<geo::TableRow> all_rows(geo::TableReader& reader)
{
    std::vector<geo::TableRow> rows;
    geo::TableRow row;
    while (reader.next(row))
        rows.push_back(row);
    return rows;
}

} // namespace

TEST_CASE("a Kobo ';' CSV with BOM keeps exact text and counts rows as a person does", "[intake][table]")
{
    TempFolder dir("mwangaza-table");
    Submission a;
    a.uuid = "0042";
    a.description = "Ligne; avec \"guillemets\"";
    test::write_kobo_csv(dir / "kobo.csv", {a, a});
    auto reader = geo::TableReader::open(dir / "kobo.csv");
    CHECK(reader.separator() == ';');
    CHECK(reader.driver() == "CSV");
    REQUIRE(reader.columns() == test::kobo_columns()); // the BOM is not part of the first name
    const auto rows = all_rows(reader);
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].number == 2);
    CHECK(rows[1].number == 3);
    const auto uuid = std::find(reader.columns().begin(), reader.columns().end(), "_uuid") - reader.columns().begin();
    CHECK(rows[0].values[std::size_t(uuid)] == "0042"); // leading zeros kept: read as text
    const auto desc =
        std::find(reader.columns().begin(), reader.columns().end(), "incident/description") - reader.columns().begin();
    CHECK(rows[0].values[std::size_t(desc)] == "Ligne; avec \"guillemets\"");
}

TEST_CASE("a ',' CSV without BOM is read with commas", "[intake][table]")
{
    TempFolder dir("mwangaza-table");
    test::write_text(dir / "plain.csv", "a,b;c,d\n1,\"x;y\",3\n");
    auto reader = geo::TableReader::open(dir / "plain.csv");
    CHECK(reader.separator() == ',');
    REQUIRE(reader.columns() == std::vector<std::string>{"a", "b;c", "d"});
    const auto rows = all_rows(reader);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].values[1] == "x;y");
}

TEST_CASE("Latin-1 text is rejected with the line and how to fix it", "[intake][table]")
{
    TempFolder dir("mwangaza-table");
    test::write_text(dir / "latin1.csv", "site;description\nCD-KOL-01;ok\nCD-KOL-01;enfants \xE9vacu\xE9s\n");
    CHECK_THROWS_AS(geo::TableReader::open(dir / "latin1.csv"), GeoError);
    CHECK_THROWS_WITH(geo::TableReader::open(dir / "latin1.csv"),
                      Catch::Contains("latin1.csv") && Catch::Contains("line 3") && Catch::Contains("0xE9") &&
                          Catch::Contains("UTF-8"));
}

TEST_CASE("empty, binary, oversized and over-long files are refused naming the file and the limit", "[intake][table]")
{
    TempFolder dir("mwangaza-table");
    test::write_text(dir / "empty.csv", "");
    CHECK_THROWS_WITH(geo::TableReader::open(dir / "empty.csv"), Catch::Contains("empty.csv") && Catch::Contains("empty"));

    std::string garbage;
    for (int i = 0; i < 4096; ++i)
        garbage.push_back(char((i * 7919) % 256));
    test::write_text(dir / "garbage.csv", garbage);
    CHECK_THROWS_WITH(geo::TableReader::open(dir / "garbage.csv"), Catch::Contains("garbage.csv"));
    test::write_text(dir / "garbage.xlsx", garbage);
    CHECK_THROWS_WITH(geo::TableReader::open(dir / "garbage.xlsx"), Catch::Contains("garbage.xlsx"));
    test::write_text(dir / "garbage.gpkg", garbage);
    CHECK_THROWS_AS(geo::TableReader::open(dir / "garbage.gpkg"), GeoError);

    test::write_text(dir / "small.csv", "a;b\n1;2\n3;4\n");
    geo::TableLimits tiny;
    tiny.max_file_bytes = 8;
    CHECK_THROWS_WITH(geo::TableReader::open(dir / "small.csv", tiny),
                      Catch::Contains("small.csv") && Catch::Contains("limit of 8"));

    geo::TableLimits short_lines;
    short_lines.max_line_bytes = 2;
    CHECK_THROWS_WITH(geo::TableReader::open(dir / "small.csv", short_lines),
                      Catch::Contains("small.csv") && Catch::Contains("line 1") && Catch::Contains("limit of 2"));

    geo::TableLimits one_row;
    one_row.max_rows = 1;
    CHECK_THROWS_WITH(geo::TableReader::open(dir / "small.csv", one_row),
                      Catch::Contains("small.csv") && Catch::Contains("limit of 1"));

    // A 2 GB declared size (sparse file): refused from its size, without reading it.
    const auto sparse = dir / "huge.csv";
    test::write_text(sparse, "");
    REQUIRE(::truncate(sparse.c_str(), (off_t(2) << 30) + 1) == 0);
    CHECK_THROWS_WITH(geo::TableReader::open(sparse), Catch::Contains("huge.csv") && Catch::Contains("2147483649"));
}

TEST_CASE("XLSX, GeoJSON and GeoPackage exports give the same rows, with point geometry", "[intake][table]")
{
    TempFolder dir("mwangaza-table");
    Submission a;
    a.uuid = "007";
    test::write_with_gdal(dir / "kobo.xlsx", "XLSX", {a}, false);
    test::write_kobo_geojson(dir / "kobo.geojson", {a});
    test::write_with_gdal(dir / "kobo.gpkg", "GPKG", {a}, true);
    for (const char* name : {"kobo.xlsx", "kobo.geojson", "kobo.gpkg"}) {
        INFO(name);
        auto reader = geo::TableReader::open(dir / name);
        const auto& cols = reader.columns();
        const auto uuid = std::find(cols.begin(), cols.end(), "_uuid");
        REQUIRE(uuid != cols.end());
        const auto rows = all_rows(reader);
        REQUIRE(rows.size() == 1);
        CHECK(rows[0].values[std::size_t(uuid - cols.begin())] == "007");
        if (std::string(name) == "kobo.xlsx") {
            CHECK(rows[0].number == 2);
        } else {
            CHECK(rows[0].number == 1);
            REQUIRE(rows[0].lat);
            CHECK(*rows[0].lat == Approx(-10.7125));
            CHECK(*rows[0].lon == Approx(25.4301));
        }
    }
}
