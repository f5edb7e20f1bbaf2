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

TEST_CASE("a CSV larger than 1 MiB is checked whole while it is read, and refused at the end for a late fault",
          "[intake][table]")
{
    TempFolder dir("mwangaza-table");
    // 40,000 rows of about 50 bytes: 2 MB, so the check of all but the first MiB runs
    // while the rows are read.
    const int rows = 40000;
    auto text = [&](int bad_line, int long_line) {
        std::string csv = "site;description\n";
        for (int line = 2; line <= rows + 1; ++line) {
            csv += "CD-KOL-01;";
            csv += line == bad_line ? "enfants \xE9vacu\xE9s du puits" : "enfants \xC3\xA9vacu\xC3\xA9s du puits";
            if (line == long_line)
                csv += std::string(300, 'x');
            csv += ";" + std::to_string(line) + "\n";
        }
        return csv;
    };
    test::write_text(dir / "clean.csv", text(0, 0));
    {
        auto reader = geo::TableReader::open(dir / "clean.csv");
        // Estimated from the first MiB until the file has been read.
        CHECK(reader.row_count_hint() > rows * 9 / 10);
        CHECK(reader.row_count_hint() < rows * 11 / 10);
        CHECK(all_rows(reader).size() == std::size_t(rows));
        CHECK(reader.row_count_hint() == rows);
    }
    CHECK(geo::TableReader::open(dir / "clean.csv").row_count() == rows); // exact without reading

    // Latin-1 on line 35,000: the file opens (its head is UTF-8); reading it to the end
    // refuses it, naming the line, as the check before GDAL does for a small file.
    test::write_text(dir / "late-latin1.csv", text(35000, 0));
    auto late = geo::TableReader::open(dir / "late-latin1.csv");
    CHECK_THROWS_WITH(all_rows(late), Catch::Contains("late-latin1.csv") && Catch::Contains("line 35000") &&
                                          Catch::Contains("0xE9") && Catch::Contains("UTF-8"));
    CHECK_THROWS_WITH(geo::TableReader::open(dir / "late-latin1.csv").row_count(), Catch::Contains("line 35000"));

    // A line over the bound far into the file, and a row count over the bound.
    geo::TableLimits lines;
    lines.max_line_bytes = 200;
    test::write_text(dir / "late-long.csv", text(0, 30000));
    auto long_line = geo::TableReader::open(dir / "late-long.csv", lines);
    CHECK_THROWS_WITH(all_rows(long_line), Catch::Contains("line 30000") && Catch::Contains("limit of 200"));
    geo::TableLimits fewer;
    fewer.max_rows = rows - 1;
    CHECK_THROWS_WITH(geo::TableReader::open(dir / "clean.csv", fewer).row_count(),
                      Catch::Contains("clean.csv") && Catch::Contains(std::to_string(rows - 1)));
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

TEST_CASE("CSV rows split by our reader are exactly the rows GDAL's CSV driver reads", "[intake][table]")
{
    TempFolder dir("mwangaza-table");
    // Quotes around and inside cells, doubled quotes, a separator and a line break in
    // quotes, a blank line, a short and a long row, spaces kept, a quote opening in the
    // middle of a cell (it runs on to the next quote, as GDAL reads it), CRLF and LF,
    // accents, an empty last line, and a last record left open.
    const std::string text = "\xEF\xBB\xBF"
                             "id;name;note\r\n"
                             "1;\"x;y\";z\r\n"
                             "\r\n"
                             "2;\"multi\r\nline\";\"q\"\"uote\"\r\n"
                             "3;only\n"
                             "4;a;b;extra\r\n"
                             " 5 ; sp ;\"in\"side\r\n"
                             "6;Lemera \xC3\xA9\xC3\xA9;\"\"\r\n"
                             ";;\r\n"
                             "7;ab\"cd;e\r\n"
                             "8;f\"g;h\r\n"
                             "9;\"open;x\r\n";
    test::write_text(dir / "tricky.csv", text);
    auto ours = geo::TableReader::open(dir / "tricky.csv");
    auto gdal = geo::TableReader::open(dir / "tricky.csv", {}, geo::TableReader::CsvRows::Ogr);
    REQUIRE(ours.columns() == gdal.columns());
    const auto a = all_rows(ours);
    const auto b = all_rows(gdal);
    REQUIRE(a.size() == b.size());
    REQUIRE(a.size() == 9);
    for (std::size_t i = 0; i < a.size(); ++i) {
        INFO("row " << b[i].number);
        CHECK(a[i].number == b[i].number);
        CHECK(a[i].values == b[i].values);
    }
    CHECK(a[1].values[1] == "multi\nline");
    CHECK(a[1].values[2] == "q\"uote");
    CHECK(a[4].values[0] == " 5 ");

    // The same on a generated Kobo export: every row, every cell.
    std::vector<Submission> subs(300);
    for (std::size_t i = 0; i < subs.size(); ++i) {
        subs[i].uuid = "uuid-" + std::to_string(i);
        subs[i].description = i % 3 == 0 ? "Enfants; \"jeunes\"\nau puits " + std::to_string(i) : "Watoto " + std::to_string(i);
        subs[i].lat = i % 7 == 0 ? "" : subs[i].lat;
    }
    test::write_kobo_csv(dir / "kobo.csv", subs);
    auto ours_kobo = geo::TableReader::open(dir / "kobo.csv");
    auto gdal_kobo = geo::TableReader::open(dir / "kobo.csv", {}, geo::TableReader::CsvRows::Ogr);
    const auto c = all_rows(ours_kobo);
    const auto d = all_rows(gdal_kobo);
    REQUIRE(c.size() == subs.size());
    REQUIRE(d.size() == subs.size());
    for (std::size_t i = 0; i < c.size(); ++i) {
        CHECK(c[i].number == d[i].number);
        CHECK(c[i].values == d[i].values);
    }
}

TEST_CASE("the row bound is checked by our CSV reader too", "[intake][table]")
{
    TempFolder dir("mwangaza-table");
    std::vector<Submission> subs(5);
    for (std::size_t i = 0; i < subs.size(); ++i)
        subs[i].uuid = "u" + std::to_string(i);
    test::write_kobo_csv(dir / "kobo.csv", subs);
    geo::TableLimits limits;
    limits.max_rows = 4;
    CHECK_THROWS_AS(geo::TableReader::open(dir / "kobo.csv", limits), GeoError);
    CHECK(geo::TableLimits().max_rows >= 1'000'000);
}
