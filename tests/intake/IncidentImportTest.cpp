// Imports of generated field exports into real programme databases, checked against the
// database afterwards.
#include "Fixtures.hpp"

#include "app/IncidentImport.hpp"
#include "app/Sha256.hpp"
#include "core/Error.hpp"
#include "store/IncidentImportWriter.hpp"
#include "store/IncidentStatusChange.hpp"

#include <SQLiteCpp/Statement.h>

#include <catch2/catch.hpp>

#include <fstream>

using namespace mwangaza;
using test::Submission;
using test::TempFolder;

namespace {

std::int64_t count(store::Database& db, const std::string& sql)
{
    SQLite::Statement s(db.sql(), sql);
    REQUIRE(s.executeStep());
    return s.getColumn(0).getInt64();
}

std::string text(store::Database& db, const std::string& sql)
{
    SQLite::Statement s(db.sql(), sql);
    REQUIRE(s.executeStep());
    return s.getColumn(0).isNull() ? std::string("<null>") : s.getColumn(0).getString();
}

app::ImportSummary run_import(store::Database& db, const std::filesystem::path& file, app::ImportOptions options = {})
{
    app::SilentProgress progress;
    options.actor = "tester";
    auto s = app::import_incidents(db, file, options, progress);
    CHECK(s.read == s.imported + s.updated + s.unchanged + s.skipped + s.conflicts);
    return s;
}

std::vector<Submission> three_submissions()
{
    Submission a, b, c;
    a.uuid = "a0c1e7f2-0001";
    a.photo = "1626337964123.jpg";
    b.uuid = "a0c1e7f2-0002";
    b.site = "RW-NGO-01";
    b.area = "wfcl";
    b.lat = "-1.8601";
    b.lon = "29.6212";
    c.uuid = "a0c1e7f2-0003";
    c.site = ""; // coordinates only: imported unassigned
    c.area = "ohs";
    return {a, b, c};
}

bool has_diagnostic(const app::ImportSummary& s, std::int64_t row, const std::string& column, const std::string& part)
{
    for (const auto& d : s.diagnostics)
        if (d.row == row && d.column == column && d.message.find(part) != std::string::npos)
            return true;
    return false;
}

} // namespace

TEST_CASE("a Kobo ';' CSV with BOM is recognised and imported; again, nothing changes", "[intake][import]")
{
    TempFolder dir("mwangaza-import");
    auto db = test::programme_database(dir / "p.mwz");
    test::write_kobo_csv(dir / "kobo.csv", three_submissions());

    auto s = run_import(db, dir / "kobo.csv");
    CHECK(s.profile == "kobo");
    CHECK(s.read == 3);
    CHECK(s.imported == 3);
    CHECK(s.skipped == 0);
    CHECK(count(db, "SELECT count(*) FROM incident") == 3);
    CHECK(text(db, "SELECT s.code FROM incident i JOIN site s ON s.id = i.site_id WHERE source_id = 'a0c1e7f2-0002'") ==
          "RW-NGO-01");
    CHECK(text(db, "SELECT risk_area FROM incident WHERE source_id = 'a0c1e7f2-0002'") == "wfcl");
    CHECK(text(db, "SELECT site_id FROM incident WHERE source_id = 'a0c1e7f2-0003'") == "<null>");
    CHECK(text(db, "SELECT lat FROM incident WHERE source_id = 'a0c1e7f2-0003'") == "-10.7125");
    CHECK(text(db, "SELECT attachments FROM incident WHERE source_id = 'a0c1e7f2-0001'") == "1626337964123.jpg");
    CHECK(text(db, "SELECT json_extract(r.raw_source, '$._uuid') FROM incident i JOIN incident_source_row r "
                   "ON r.incident_id = i.id WHERE source_id = 'a0c1e7f2-0001'") == "a0c1e7f2-0001");
    CHECK(text(db, "SELECT json_extract(raw_source, '$.\"incident/reporter_id\"') FROM incident_source_row LIMIT 1") ==
          "AG-017");
    CHECK(count(db, "SELECT count(*) FROM incident WHERE raw_source IS NOT NULL") == 0);
    // Stored as the values alone; the names once, with the batch; the view pairs them.
    CHECK(count(db, "SELECT count(*) FROM incident_source WHERE json_type(raw_source) = 'array'") == 3);
    CHECK(text(db, "SELECT json_extract(columns, '$[#-1]') FROM import_batch") == "_geometry");
    CHECK(count(db, "SELECT count(*) FROM incident_source_row r JOIN incident_source s USING (incident_id) "
                    "WHERE (SELECT count(*) FROM json_each(r.raw_source)) = json_array_length(s.raw_source)") == 3);
    CHECK(count(db, "SELECT children FROM incident WHERE source_id = 'a0c1e7f2-0001'") == 3);
    CHECK(count(db, "SELECT count(*) FROM incident_status_history WHERE to_status = 'new' AND changed_by = 'tester'") ==
          3);
    CHECK(count(db, "SELECT count(*) FROM import_batch WHERE rows_read = 3 AND imported = 3 AND profile = 'kobo'") == 1);
    CHECK(count(db, "SELECT count(*) FROM incident WHERE import_batch_id = (SELECT id FROM import_batch)") == 3);
    CHECK(count(db, "SELECT count(*) FROM audit_log WHERE entity = 'import_batch' AND operation = 'import'") == 1);
    CHECK(count(db, "SELECT count(*) FROM incident_fts WHERE incident_fts MATCH 'puits'") == 3);

    const auto before = count(db, "SELECT total_changes()");
    auto again = run_import(db, dir / "kobo.csv");
    CHECK(again.read == 3);
    CHECK(again.unchanged == 3);
    CHECK(again.imported == 0);
    CHECK(count(db, "SELECT total_changes()") == before); // nothing written at all
    CHECK(count(db, "SELECT count(*) FROM incident") == 3);
}

TEST_CASE("Kobo with French labels as headers and values, stray spaces and accents", "[intake][import]")
{
    TempFolder dir("mwangaza-import");
    auto db = test::programme_database(dir / "p.mwz");
    auto subs = three_submissions();
    test::write_kobo_labels_csv(dir / "labels.csv", subs,
                                {"  Travail des enfants ", "pires formes de travail des enfants (pfte)",
                                 "Sante et securite au travail"});
    auto s = run_import(db, dir / "labels.csv");
    CHECK(s.profile == "kobo");
    CHECK(s.imported == 3);
    CHECK(text(db, "SELECT group_concat(risk_area, ',') FROM (SELECT risk_area FROM incident ORDER BY source_id)") ==
          "child_labour,wfcl,ohs");
    CHECK(text(db, "SELECT reporter FROM incident LIMIT 1") == "AG-017");
    CHECK(count(db, "SELECT men FROM incident WHERE source_id = 'a0c1e7f2-0001'") == 1);
}

TEST_CASE("Kobo XLSX and GeoJSON, ODK CSV and a GeoPackage import the same incidents", "[intake][import]")
{
    TempFolder dir("mwangaza-import");
    const auto subs = three_submissions();
    test::write_with_gdal(dir / "kobo.xlsx", "XLSX", subs, false);
    test::write_kobo_geojson(dir / "kobo.geojson", subs);
    test::write_odk_csv(dir / "odk.csv", subs);
    test::write_with_gdal(dir / "kobo.gpkg", "GPKG", subs, true);
    const std::pair<const char*, const char*> cases[] = {
        {"kobo.xlsx", "kobo"}, {"kobo.geojson", "kobo"}, {"odk.csv", "odk"}, {"kobo.gpkg", "kobo"}};
    for (const auto& [name, profile] : cases) {
        INFO(name);
        auto db = test::programme_database(dir / (std::string(name) + ".mwz"));
        auto s = run_import(db, dir / name);
        CHECK(s.profile == profile);
        CHECK(s.imported == 3);
        CHECK(s.skipped == 0);
        CHECK(count(db, "SELECT count(*) FROM incident WHERE site_id IS NULL AND lat IS NOT NULL") == 1);
        CHECK(text(db, "SELECT round(lon, 4) FROM incident WHERE source_id LIKE '%0002'") == "29.6212");
        if (std::string(profile) == "odk")
            CHECK(count(db, "SELECT count(*) FROM incident WHERE source_id = 'uuid:a0c1e7f2-0001'") == 1);
        if (std::string(name) == "kobo.geojson") // the feature's own point, kept with the source row
            CHECK(text(db, "SELECT json_extract(r.raw_source, '$._geometry[0]') FROM incident_source_row r JOIN "
                           "incident i ON i.id = r.incident_id WHERE i.source_id LIKE '%0002'") == "29.6212");
        auto again = run_import(db, dir / name);
        CHECK(again.unchanged == 3);
    }
}

TEST_CASE("bad rows are skipped with a reason naming row and column; the good ones are imported", "[intake][import]")
{
    TempFolder dir("mwangaza-import");
    auto db = test::programme_database(dir / "p.mwz");
    auto subs = three_submissions();
    Submission bad_lat = subs[0], unknown_area = subs[0], unknown_site = subs[0], neither = subs[0],
               bad_date = subs[0], negative = subs[0], dup = subs[1];
    bad_lat.uuid = "x-lat";
    bad_lat.lat = "-100.5";
    unknown_area.uuid = "x-area";
    unknown_area.area = "Sorcellerie";
    unknown_site.uuid = "x-site";
    unknown_site.site = "CD-XXX-99";
    neither.uuid = "x-neither";
    neither.site = "";
    neither.lat = neither.lon = "";
    bad_date.uuid = "x-date";
    bad_date.observed_on = "2021-02-30";
    negative.uuid = "x-neg";
    negative.women = "-2";
    dup.description = "changed in the same file";
    subs.insert(subs.end(), {bad_lat, unknown_area, unknown_site, neither, bad_date, negative, dup});
    test::write_kobo_csv(dir / "mixed.csv", subs);

    auto s = run_import(db, dir / "mixed.csv");
    CHECK(s.read == 10);
    CHECK(s.imported == 3);
    CHECK(s.skipped == 7);
    CHECK(has_diagnostic(s, 5, "_incident/location_latitude", "-100.5"));
    CHECK(has_diagnostic(s, 6, "incident/risk_area", "Sorcellerie"));
    CHECK(has_diagnostic(s, 7, "incident/site_code", "CD-XXX-99"));
    CHECK(has_diagnostic(s, 8, "incident/site_code", "coordinates"));
    CHECK(has_diagnostic(s, 9, "incident/observed_on", "2021-02-30"));
    CHECK(has_diagnostic(s, 10, "incident/women_involved", "-2"));
    CHECK(has_diagnostic(s, 11, "_uuid", "row 3"));
    CHECK(count(db, "SELECT count(*) FROM incident") == 3);
    CHECK(count(db, "SELECT count(*) FROM incident WHERE source_id LIKE 'x-%'") == 0);
    CHECK(text(db, "SELECT description FROM incident WHERE source_id = 'a0c1e7f2-0002'") == "Enfants au puits");
    CHECK(count(db, "SELECT skipped FROM import_batch") == 7);
}

TEST_CASE("an edited resubmission updates a new incident and is a conflict once in review", "[intake][import]")
{
    TempFolder dir("mwangaza-import");
    auto db = test::programme_database(dir / "p.mwz");
    auto subs = three_submissions();
    test::write_kobo_csv(dir / "first.csv", subs);
    REQUIRE(run_import(db, dir / "first.csv").imported == 3);

    const auto reviewed = count(db, "SELECT id FROM incident WHERE source_id = 'a0c1e7f2-0002'");
    store::change_incident_status(db, {reviewed, core::IncidentStatus::InReview, "", "expert"});

    subs[0].description = "Enfants au puits, corrigé";
    subs[0].children = "4";
    subs[1].description = "Edited after review";
    test::write_kobo_csv(dir / "edited.csv", subs);

    app::ImportOptions dry;
    dry.dry_run = true;
    const auto changes = count(db, "SELECT total_changes()");
    auto preview = run_import(db, dir / "edited.csv", dry);
    CHECK(count(db, "SELECT total_changes()") == changes);
    CHECK(count(db, "SELECT children FROM incident WHERE source_id = 'a0c1e7f2-0001'") == 3);

    auto s = run_import(db, dir / "edited.csv");
    CHECK(s.updated == 1);
    CHECK(s.conflicts == 1);
    CHECK(s.unchanged == 1);
    CHECK(preview.updated == s.updated);
    CHECK(preview.conflicts == s.conflicts);
    CHECK(preview.unchanged == s.unchanged);
    CHECK(preview.diagnostics.size() == s.diagnostics.size());
    CHECK(has_diagnostic(s, 3, "_uuid", "in_review"));
    CHECK(count(db, "SELECT children FROM incident WHERE source_id = 'a0c1e7f2-0001'") == 4);
    CHECK(text(db, "SELECT description FROM incident WHERE source_id = 'a0c1e7f2-0002'") == "Enfants au puits");
    CHECK(text(db, "SELECT status FROM incident WHERE source_id = 'a0c1e7f2-0002'") == "in_review");
    CHECK(count(db, "SELECT count(*) FROM audit_log WHERE operation = 'import_update'") == 1);
    CHECK(count(db, "SELECT count(*) FROM incident_fts WHERE incident_fts MATCH 'corrige'") == 1);
}

TEST_CASE("fatal problems reject the whole file and write nothing", "[intake][import]")
{
    TempFolder dir("mwangaza-import");
    auto db = test::programme_database(dir / "p.mwz");
    auto subs = three_submissions();

    // Missing risk area column.
    test::write_text(dir / "no_area.csv", "_uuid;_submission_time;incident/observed_on;incident/site_code\n"
                                          "u1;2021-07-01;2021-07-01;CD-KOL-01\n");
    CHECK_THROWS_WITH(run_import(db, dir / "no_area.csv"), Catch::Contains("risk_area"));
    test::write_text(dir / "empty.csv", "");
    CHECK_THROWS_AS(run_import(db, dir / "empty.csv"), app::ImportRejected);
    std::string garbage;
    for (int i = 0; i < 2048; ++i)
        garbage.push_back(char((i * 31) % 256));
    test::write_text(dir / "garbage.csv", garbage);
    CHECK_THROWS_AS(run_import(db, dir / "garbage.csv"), app::ImportRejected);

    test::write_kobo_csv(dir / "big.csv", subs);
    app::ImportOptions small;
    small.limits.max_file_bytes = 64;
    CHECK_THROWS_WITH(run_import(db, dir / "big.csv", small), Catch::Contains("limit of 64"));
    app::ImportOptions two_rows;
    two_rows.limits.max_rows = 2;
    CHECK_THROWS_AS(run_import(db, dir / "big.csv", two_rows), app::ImportRejected);

    // A large file whose fault lies past its first MiB (checked while the rows are read
    // and written): refused at the end, the rows already written rolled back.
    Submission late;
    late.description = "Enfants évacués du puits";
    test::write_kobo_csv(dir / "late.csv", test::numbered(7000, "late-", late));
    {
        std::fstream f(dir / "late.csv", std::ios::in | std::ios::out | std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
        REQUIRE(bytes.size() > (std::size_t(3) << 19)); // 1.5 MiB
        const auto at = bytes.rfind("\xC3\xA9");      // an é in the last rows, made Latin-1
        REQUIRE(at != std::string::npos);
        f.seekp(std::streamoff(at));
        f.write("\xE9 ", 2);
    }
    CHECK_THROWS_AS(run_import(db, dir / "late.csv"), app::ImportRejected);
    CHECK_THROWS_WITH(run_import(db, dir / "late.csv"), Catch::Contains("line 7001") && Catch::Contains("0xE9"));

    CHECK(count(db, "SELECT count(*) FROM incident") == 0);
    CHECK(count(db, "SELECT count(*) FROM import_batch") == 0);
    CHECK(count(db, "SELECT count(*) FROM audit_log") == 0);
}

TEST_CASE("a mapping profile names the columns of any table and maps its values", "[intake][import]")
{
    TempFolder dir("mwangaza-import");
    auto db = test::programme_database(dir / "p.mwz");
    test::write_text(dir / "ngo.csv", "Numero,Mine,Date,Theme,Recit,Nb enfants\n"
                                      "N-001,CD-KOL-01,03/08/2021,TE,Trois enfants au lavage,3\n"
                                      "N-002,RW-NGO-01,2021-08-04,corruption_bribery,Taxe illégale,\n");
    test::write_text(dir / "ngo.json", R"({"name": "ONG Lualaba",
        "columns": {"source_id": "Numero", "site_code": "Mine", "observed_on": "Date", "risk_area": "Theme",
                    "description": "Recit", "children": "Nb enfants"},
        "values": {"risk_area": {"TE": "child_labour"}}})");

    CHECK_THROWS_AS(run_import(db, dir / "ngo.csv"), app::ImportRejected); // no id column it knows

    app::ImportOptions with_mapping;
    with_mapping.mapping = dir / "ngo.json";
    auto s = run_import(db, dir / "ngo.csv", with_mapping);
    CHECK(s.imported == 2);
    CHECK(s.profile == "generic+ONG Lualaba");
    CHECK(text(db, "SELECT risk_area || ' ' || observed_on || ' ' || children FROM incident WHERE source_id = 'N-001'") ==
          "child_labour 2021-08-03 3");
    CHECK(count(db, "SELECT count(*) FROM mapping_profile WHERE name = 'ONG Lualaba'") == 1);

    test::write_text(dir / "wrong.json", R"({"columns": {"risk_area": "Nope"}})");
    with_mapping.mapping = dir / "wrong.json";
    CHECK_THROWS_WITH(run_import(db, dir / "ngo.csv", with_mapping), Catch::Contains("Nope"));
    test::write_text(dir / "bad_field.json", R"({"columns": {"colour": "Theme"}})");
    with_mapping.mapping = dir / "bad_field.json";
    CHECK_THROWS_WITH(run_import(db, dir / "ngo.csv", with_mapping), Catch::Contains("colour"));
}

TEST_CASE("a cancelled import writes nothing", "[intake][import]")
{
    TempFolder dir("mwangaza-import");
    auto db = test::programme_database(dir / "p.mwz");
    test::write_kobo_csv(dir / "many.csv", test::numbered(600, "bulk-"));
    app::SilentProgress progress;
    progress.cancel();
    app::ImportOptions options;
    CHECK_THROWS_AS(app::import_incidents(db, dir / "many.csv", options, progress), Cancelled);
    CHECK(count(db, "SELECT count(*) FROM incident") == 0);
}

TEST_CASE("the stored source row keeps every character of a cell, escaped where JSON needs it", "[intake][import]")
{
    TempFolder dir("mwangaza-import");
    auto db = test::programme_database(dir / "p.mwz");
    // Quotes, backslashes, tabs, a line break and a control character, before, on and after
    // the first eight bytes of a cell, beside plain and accented text.
    const std::vector<std::string> descriptions = {
        "\"Kadogo\" said the foreman; 12 children at the pit",
        "Plain text of more than eight bytes, with no character to escape at all",
        "Tab\there and a backslash C:\\photos\\ at the end\\",
        "Deux lignes :\nla seconde après un saut",
        "Contr\x01le \u00e9\u00e8 \"\"\"",
        "1234567\"",
        "12345678\\",
        "\x1f",
    };
    std::vector<Submission> rows;
    for (std::size_t i = 0; i < descriptions.size(); ++i) {
        Submission s;
        s.uuid = "esc-" + std::to_string(i);
        s.description = descriptions[i];
        rows.push_back(s);
    }
    test::write_kobo_csv(dir / "escapes.csv", rows);
    REQUIRE(run_import(db, dir / "escapes.csv").imported == std::int64_t(descriptions.size()));
    CHECK(count(db, "SELECT count(*) FROM incident_source WHERE json_valid(raw_source)") ==
          std::int64_t(descriptions.size()));
    for (std::size_t i = 0; i < descriptions.size(); ++i) {
        INFO(descriptions[i]);
        const std::string id = "'esc-" + std::to_string(i) + "'";
        CHECK(text(db, "SELECT description FROM incident WHERE source_id = " + id) == descriptions[i]);
        CHECK(text(db, "SELECT json_extract(r.raw_source, '$.\"incident/description\"') FROM incident i "
                       "JOIN incident_source_row r ON r.incident_id = i.id WHERE i.source_id = " + id) ==
              descriptions[i]);
    }
}

TEST_CASE("a bulk import indexes its descriptions once and leaves the full-text trigger in place", "[intake][import]")
{
    TempFolder dir("mwangaza-import");
    auto db = test::programme_database(dir / "p.mwz");
    std::vector<Submission> many;
    for (int i = 0; i < 10000; ++i) {
        Submission s;
        s.uuid = "bulk-" + std::to_string(i);
        s.description = i % 2 ? "Éboulement au puits" : "Taxe illégale";
        many.push_back(s);
    }
    test::write_kobo_csv(dir / "many.csv", many);
    const auto schema = [&] {
        std::vector<std::string> names;
        SQLite::Statement q(db.sql(), "SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_schema "
                                      "WHERE tbl_name IN ('incident', 'incident_status_history', 'incident_source') "
                                      "ORDER BY 1");
        while (q.executeStep())
            names.push_back(q.getColumn(0).getString());
        return names;
    };
    const auto before = schema();
    // Into this empty programme the full-text index is built on a second thread and
    // copied in (FullTextSideBuild): the table's own settings stay, the index matches
    // the descriptions (integrity-check compares it with the incident table).
    db.sql().exec("INSERT INTO incident_fts(incident_fts, rank) VALUES ('automerge', 8)");
    REQUIRE(run_import(db, dir / "many.csv").imported == 10000);
    CHECK(count(db, "SELECT v FROM incident_fts_config WHERE k = 'automerge'") == 8);
    CHECK(count(db, "SELECT count(*) FROM incident_fts_config WHERE k = 'hashsize'") == 0);
    CHECK(count(db, "SELECT count(*) FROM incident_fts WHERE incident_fts MATCH 'eboulement'") == 5000);
    CHECK(count(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name = 'incident_fts_insert'") == 1);
    db.sql().exec("INSERT INTO incident_fts(incident_fts) VALUES ('integrity-check')");
    // The large-load path leaves the schema, the journal mode and every derived record as
    // row-by-row inserts would: indexes and triggers back, one history entry and one
    // source row per incident, tallies equal to the raw counts.
    CHECK(schema() == before);
    CHECK(text(db, "PRAGMA journal_mode") == "wal");
    CHECK(text(db, "PRAGMA integrity_check") == "ok");
    // The rows were written without per-row foreign key and CHECK tests (see
    // IncidentImportWriter); the connection has both back, and the rows pass them.
    CHECK(count(db, "PRAGMA foreign_keys") == 1);
    CHECK(count(db, "PRAGMA ignore_check_constraints") == 0);
    CHECK(count(db, "SELECT count(*) FROM pragma_foreign_key_check") == 0);
    CHECK(count(db, "SELECT count(*) FROM incident_status_history h JOIN incident i ON i.id = h.incident_id "
                    "WHERE h.to_status = 'new' AND h.from_status IS NULL AND h.changed_by = 'tester'") == 10000);
    CHECK(count(db, "SELECT count(*) FROM incident_source") == 10000);
    CHECK(count(db, "SELECT sum(n) FROM incident_tally WHERE status = 'new'") == 10000);
    CHECK(count(db, "SELECT n FROM incident_tally WHERE risk_area = 'child_labour' AND status = 'new'") == 10000);
    CHECK(count(db, "SELECT count(*) FROM incident INDEXED BY incident_observed WHERE observed_on = '2021-07-14'") ==
          10000);
    // The submission-id index was made again after the rows, and holds to its uniqueness.
    CHECK(count(db, "SELECT count(*) FROM incident INDEXED BY incident_source_id WHERE source_id = 'bulk-7'") == 1);
    CHECK_THROWS_WITH(db.sql().exec("INSERT INTO incident(source_id, observed_on, risk_area, created_at, updated_at) "
                                    "VALUES ('bulk-7', '2021-07-14', 'water', 'x', 'x')"),
                      Catch::Contains("UNIQUE constraint failed: incident.source_id"));

    // A second large load, smaller than the table: its indexes are kept and filled row by row.
    Submission gallery;
    gallery.area = "ohs";
    gallery.description = "Galerie sans boisage";
    test::write_kobo_csv(dir / "more.csv", test::numbered(1500, "more-", gallery));
    REQUIRE(run_import(db, dir / "more.csv").imported == 1500);
    CHECK(schema() == before);
    CHECK(count(db, "SELECT count(*) FROM incident_fts WHERE incident_fts MATCH 'boisage'") == 1500);
    CHECK(count(db, "SELECT n FROM incident_tally WHERE risk_area = 'ohs' AND status = 'new'") == 1500);
    CHECK(count(db, "SELECT count(*) FROM incident_status_history") == 11500);
    CHECK(text(db, "PRAGMA integrity_check") == "ok");
    db.sql().exec("INSERT INTO incident_fts(incident_fts) VALUES ('integrity-check')");
    // The same file again changes nothing.
    const auto again = run_import(db, dir / "more.csv");
    CHECK(again.unchanged == 1500);
    CHECK(count(db, "SELECT count(*) FROM import_batch") == 2);

    Submission later;
    later.uuid = "later-1";
    later.description = "Inondation du puits";
    test::write_kobo_csv(dir / "later.csv", {later});
    REQUIRE(run_import(db, dir / "later.csv").imported == 1);
    CHECK(count(db, "SELECT count(*) FROM incident_fts WHERE incident_fts MATCH 'inondation'") == 1);
}

TEST_CASE("a bulk load tests the references and counts it wrote without SQLite's checks", "[intake][import]")
{
    TempFolder dir("mwangaza-import");
    auto db = test::programme_database(dir / "p.mwz");
    const std::int64_t site = db.sql().execAndGet("SELECT min(id) FROM site").getInt64();
    const auto record = [&](int i) {
        store::IncidentImportRecord r;
        r.source_id = "w-" + std::to_string(i);
        r.observed_on = "2021-07-14";
        r.site_id = site;
        r.risk_area = "ohs";
        r.description = "Galerie sans boisage";
        r.raw_source = "[]";
        r.source_hash = "00";
        return r;
    };
    store::ImportBatchRecord batch;
    batch.file_name = "w.csv";
    batch.profile = "kobo";
    batch.actor = "tester";
    const auto totals = [&](std::int64_t n) {
        store::ImportBatchRecord b = batch;
        b.rows_read = b.imported = n;
        return b;
    };

    SECTION("a site that is not in the database") {
        {
            store::IncidentImportWriter writer(db, batch, 5000);
            for (int i = 0; i < 1500; ++i)
                writer.insert(record(i));
            auto bad = record(1500);
            bad.site_id = 999999;
            writer.insert(bad);
            CHECK_THROWS_WITH(writer.commit(totals(1501)), Catch::Contains("site #999999"));
        }
        CHECK(count(db, "SELECT count(*) FROM incident") == 0);
    }
    SECTION("a risk area that is not in the database") {
        {
            store::IncidentImportWriter writer(db, batch, 5000);
            auto bad = record(0);
            bad.risk_area = "no_such_area";
            writer.insert(bad);
            CHECK_THROWS_WITH(writer.commit(totals(1)), Catch::Contains("no_such_area"));
        }
        CHECK(count(db, "SELECT count(*) FROM incident") == 0);
    }
    SECTION("a negative count") {
        {
            store::IncidentImportWriter writer(db, batch, 5000);
            auto bad = record(0);
            bad.women = -2;
            CHECK_THROWS_WITH(writer.insert(bad), Catch::Contains("women >= 0"));
        }
        CHECK(count(db, "SELECT count(*) FROM incident") == 0);
    }
    // Whatever happened, the connection checks again.
    CHECK(count(db, "PRAGMA foreign_keys") == 1);
    CHECK(count(db, "PRAGMA ignore_check_constraints") == 0);
    CHECK_THROWS_WITH(db.sql().exec("INSERT INTO incident(observed_on, risk_area, status, created_at, updated_at) "
                                    "VALUES ('2021-07-14', 'ohs', 'bogus', 'x', 'x')"),
                      Catch::Contains("CHECK"));
    CHECK_THROWS_WITH(db.sql().exec("INSERT INTO incident(observed_on, risk_area, site_id, created_at, updated_at) "
                                    "VALUES ('2021-07-14', 'ohs', 999999, 'x', 'x')"),
                      Catch::Contains("FOREIGN KEY"));
}

TEST_CASE("a bulk import with a reader on the file keeps WAL and writes the same", "[intake][import]")
{
    TempFolder dir("mwangaza-import");
    auto db = test::programme_database(dir / "p.mwz");
    auto reader = store::Database::open(dir / "p.mwz", store::Database::Mode::ReadOnly);
    CHECK(count(reader, "SELECT count(*) FROM incident") == 0); // a read transaction has seen the file
    Submission pit;
    pit.description = "Watoto kwenye shimo";
    test::write_kobo_csv(dir / "many.csv", test::numbered(2000, "r-", pit));
    REQUIRE(run_import(db, dir / "many.csv").imported == 2000);
    CHECK(text(db, "PRAGMA journal_mode") == "wal");
    CHECK(count(reader, "SELECT count(*) FROM incident") == 2000);
    CHECK(count(reader, "SELECT count(*) FROM incident_fts WHERE incident_fts MATCH 'watoto'") == 2000);
}

TEST_CASE("SHA-256 of known messages, whole or in pieces", "[intake][sha256]")
{
    CHECK(app::sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(app::sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(app::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    const std::string million(1000000, 'a');
    CHECK(app::sha256_hex(million) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    app::Sha256 pieces;
    for (std::size_t at = 0, step = 1; at < million.size(); at += step, step = step % 131 + 7)
        pieces.update(std::string_view(million).substr(at, step));
    CHECK(pieces.hex() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("a file much smaller than the programme is looked up chunk by chunk and decided as when read whole",
          "[intake][import]")
{
    // With few incidents the reading thread decides each row from all the submissions read
    // beforehand; with many more than the file holds, the writing thread looks the file's
    // submissions up. Both must decide the same.
    for (const int others : {0, 5000}) {
        CAPTURE(others);
        TempFolder dir("mwangaza-import");
        auto db = test::programme_database(dir / "p.mwz");
        db.sql().exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " +
                      std::to_string(others) +
                      ") INSERT INTO incident(source_id, observed_on, risk_area, created_at, updated_at) "
                      "SELECT 'other-' || i, '2021-07-14', 'ohs', 'x', 'x' FROM n WHERE " +
                      std::to_string(others) + " > 0");
        REQUIRE(count(db, "SELECT count(*) FROM incident") == others);
        auto subs = three_submissions();
        test::write_kobo_csv(dir / "first.csv", subs);
        REQUIRE(run_import(db, dir / "first.csv").imported == 3);
        const auto reviewed = count(db, "SELECT id FROM incident WHERE source_id = 'a0c1e7f2-0002'");
        store::change_incident_status(db, {reviewed, core::IncidentStatus::InReview, "", "expert"});

        subs[0].description = "Enfants au puits, corrigé";
        subs[1].description = "Edited after review";
        Submission again = subs[2];
        again.description = "The same submission a second time";
        subs.push_back(again);
        Submission fresh = subs[2];
        fresh.uuid = "a0c1e7f2-0004";
        subs.push_back(fresh);
        test::write_kobo_csv(dir / "edited.csv", subs);

        auto s = run_import(db, dir / "edited.csv");
        CHECK(s.updated == 1);
        CHECK(s.conflicts == 1);
        CHECK(s.unchanged == 1);
        CHECK(s.skipped == 1);
        CHECK(s.imported == 1);
        CHECK(has_diagnostic(s, 2, "_uuid", "updated"));
        CHECK(has_diagnostic(s, 3, "_uuid", "in_review"));
        CHECK(has_diagnostic(s, 5, "_uuid", "row 4"));
        CHECK(count(db, "SELECT count(*) FROM incident") == others + 4);
        CHECK(text(db, "SELECT description FROM incident WHERE source_id = 'a0c1e7f2-0001'") ==
              "Enfants au puits, corrigé");
        CHECK(text(db, "SELECT description FROM incident WHERE source_id = 'a0c1e7f2-0003'") ==
              text(db, "SELECT description FROM incident WHERE source_id = 'a0c1e7f2-0004'"));
    }
}
