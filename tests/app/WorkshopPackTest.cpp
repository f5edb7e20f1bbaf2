// The workshop pack written by the real program (mwangaza-cli workshop pack, which runs in
// its intake helper) for a demo site and month: the PDF's text (pdftotext) holds the
// counts this test computes with its own SQL over the same file.
#include "CliRunner.hpp"
#include "TempFolder.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <catch2/catch.hpp>

#include <array>
#include <string>

namespace {

using mwangaza::test::CliResult;
using mwangaza::test::read_text;
using mwangaza::test::run_cli;
using mwangaza::test::shell_quote;
using mwangaza::test::TempFolder;

std::string pdf_text(const std::filesystem::path& pdf, int page = 0)
{
    const auto txt = pdf.parent_path() / "pack.txt";
    std::string cmd = "pdftotext -layout";
    if (page > 0)
        cmd += " -f " + std::to_string(page) + " -l " + std::to_string(page);
    cmd += " " + shell_quote(pdf.string()) + " " + shell_quote(txt.string());
    REQUIRE(std::system(cmd.c_str()) == 0);
    std::string text = read_text(txt);
    // One space for any run of white space: table cells and wrapped lines compare as words.
    std::string folded;
    for (char c : text) {
        const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\f';
        if (space) {
            if (!folded.empty() && folded.back() != ' ')
                folded += ' ';
        } else {
            folded += c;
        }
    }
    return folded;
}

std::string english_date(const std::string& iso)
{
    static constexpr std::array<const char*, 12> months{"January", "February", "March",     "April",   "May",      "June",
                                                        "July",    "August",   "September", "October", "November", "December"};
    return std::to_string(std::stoi(iso.substr(8, 2))) + " " + months[std::size_t(std::stoi(iso.substr(5, 2)) - 1)] +
           " " + iso.substr(0, 4);
}

std::int64_t count(SQLite::Database& db, const std::string& sql, const std::vector<std::string>& params)
{
    SQLite::Statement q(db, sql);
    for (std::size_t i = 0; i < params.size(); ++i)
        q.bind(int(i + 1), params[i]);
    REQUIRE(q.executeStep());
    return q.getColumn(0).getInt64();
}

std::string text(SQLite::Database& db, const std::string& sql, const std::vector<std::string>& params)
{
    SQLite::Statement q(db, sql);
    for (std::size_t i = 0; i < params.size(); ++i)
        q.bind(int(i + 1), params[i]);
    REQUIRE(q.executeStep());
    return q.getColumn(0).isNull() ? std::string() : q.getColumn(0).getString();
}

struct Expected {
    std::string site, workshop_on, previous_on;
    std::int64_t incidents = 0, child_labour = 0, issued = 0, progressing = 0, open = 0, overdue = 0, drafts = 0;
};

// The figures of a site and month, from the raw records, written apart from the program's
// query (window functions over the progress history instead of its correlated lookups).
Expected expected(const std::filesystem::path& file, const std::string& site, const std::string& month)
{
    SQLite::Database db(file.string(), SQLite::OPEN_READONLY);
    Expected e;
    e.site = site;
    const std::string site_id = text(db, "SELECT id FROM site WHERE code = ?", {site});
    e.workshop_on = text(db, "SELECT min(held_on) FROM workshop WHERE site_id = ? AND substr(held_on, 1, 7) = ?",
                         {site_id, month});
    REQUIRE_FALSE(e.workshop_on.empty());
    e.previous_on = text(db, "SELECT max(held_on) FROM workshop WHERE site_id = ? AND held_on < ?",
                         {site_id, e.workshop_on});
    REQUIRE_FALSE(e.previous_on.empty());
    const std::vector<std::string> window{site_id, e.previous_on, e.workshop_on};
    e.incidents = count(db, "SELECT count(*) FROM incident WHERE site_id = ? AND status = 'verified' "
                            "AND observed_on > ? AND observed_on <= ?", window);
    e.child_labour = count(db, "SELECT count(*) FROM incident WHERE site_id = ? AND status = 'verified' "
                               "AND observed_on > ? AND observed_on <= ? AND risk_area = 'child_labour'", window);
    const std::string status_then = R"(
        WITH last AS (
            SELECT a.id, a.due_on, coalesce(p.to_status, 'issued') AS status,
                   row_number() OVER (PARTITION BY a.id ORDER BY p.recorded_on DESC, p.id DESC) AS n
            FROM corrective_action a
            LEFT JOIN action_progress p ON p.action_id = a.id AND p.recorded_on <= ?2
            WHERE a.site_id = ?1 AND a.issued_on <= ?2)
        SELECT count(*) FROM last WHERE n = 1)";
    SQLite::Statement q(db, std::string(status_then).replace(status_then.rfind("SELECT count(*)"), std::string::npos,
                                                             "SELECT count(*), "
                                                             "sum(status IN ('in_progress', 'implemented')), "
                                                             "sum(status IN ('issued', 'in_progress')), "
                                                             "sum(status IN ('issued', 'in_progress') AND due_on < ?2) "
                                                             "FROM last WHERE n = 1"));
    q.bind(1, site_id);
    q.bind(2, e.workshop_on);
    REQUIRE(q.executeStep());
    e.issued = q.getColumn(0).getInt64();
    e.progressing = q.getColumn(1).getInt64();
    e.open = q.getColumn(2).getInt64();
    e.overdue = q.getColumn(3).getInt64();
    // To issue at the workshop: drafted by its day, not issued before it.
    SQLite::Statement to_issue(db, "SELECT count(*) FROM corrective_action WHERE site_id = ?1 "
                                   "AND date(created_at) <= ?2 AND (status = 'draft' OR issued_on >= ?2)");
    to_issue.bind(1, site_id);
    to_issue.bind(2, e.workshop_on);
    REQUIRE(to_issue.executeStep());
    e.drafts = to_issue.getColumn(0).getInt64();
    return e;
}

bool contains(const std::string& haystack, const std::string& needle)
{
    return haystack.find(needle) != std::string::npos;
}

} // namespace

TEST_CASE("The workshop pack PDF of a demo site and month holds the figures of its records", "[workshop][pack]")
{
    TempFolder dir("workshop-pack");
    const auto db = dir / "demo.mwz";
    REQUIRE(run_cli(dir, {"demo", "create", db.string()}).status == 0);

    // The Lualaba cobalt site with the most child labour incidents in July-September 2021.
    std::string site;
    {
        SQLite::Database sql(db.string(), SQLite::OPEN_READONLY);
        site = text(sql, "SELECT s.code FROM site s JOIN incident i ON i.site_id = s.id "
                         "WHERE s.province = 'Lualaba' AND i.status = 'verified' AND i.risk_area IN ('child_labour', 'wfcl') "
                         "AND i.observed_on BETWEEN '2021-07-01' AND '2021-09-30' "
                         "GROUP BY s.id ORDER BY count(*) DESC LIMIT 1", {});
    }
    const std::string month = "2021-09";
    const Expected e = expected(db, site, month);
    REQUIRE(e.incidents > 0);
    REQUIRE(e.issued > 0);

    SECTION("in English")
    {
        const auto pdf = dir / "pack.pdf";
        const CliResult r = run_cli(dir, {"--lang", "en", "workshop", "pack", db.string(), "--site", site, "--month", month,
                                          "--out", pdf.string()});
        INFO(r.err);
        REQUIRE(r.status == 0);
        const std::string all = pdf_text(pdf);
        INFO(all.substr(0, 3000));
        CHECK(contains(all, "Workshop pack"));
        CHECK(contains(all, english_date(e.workshop_on)));
        CHECK(contains(all, std::to_string(e.incidents) + " verified incidents observed from " +
                                english_date(e.previous_on) + " to " + english_date(e.workshop_on)));
        const int rate = int(double(e.progressing) * 100 / double(e.issued) + 0.5);
        CHECK(contains(all, "On " + english_date(e.workshop_on) + ": " + std::to_string(e.open) + " open actions, " +
                                std::to_string(e.overdue) + " of them overdue. Implementation rate at the site: " +
                                std::to_string(rate) + "% (" + std::to_string(e.progressing) + " of " +
                                std::to_string(e.issued) + " issued actions in progress or implemented)."));
        REQUIRE(e.drafts > 1);
        CHECK(contains(all, std::to_string(e.drafts) + " draft actions are ready to be issued"));
        if (e.child_labour > 0)
            CHECK(contains(all, "Child labour Human rights " + std::to_string(e.child_labour) + " "));

        // No reporter identity is printed.
        SQLite::Database sql(db.string(), SQLite::OPEN_READONLY);
        SQLite::Statement reporters(sql, "SELECT DISTINCT reporter FROM incident WHERE site_id = (SELECT id FROM site "
                                         "WHERE code = ?) AND reporter IS NOT NULL AND observed_on > ? AND observed_on <= ?");
        reporters.bind(1, site);
        reporters.bind(2, e.previous_on);
        reporters.bind(3, e.workshop_on);
        int checked = 0;
        while (reporters.executeStep()) {
            CHECK_FALSE(contains(all, reporters.getColumn(0).getString()));
            ++checked;
        }
        CHECK(checked > 0);

        // Every page is numbered "Page k of N".
        const std::string raw = read_text(dir / "pack.txt");
        const auto pages = std::count(raw.begin(), raw.end(), '\f');
        REQUIRE(pages >= 2);
        for (int p = 1; p <= int(pages); ++p)
            CHECK(contains(pdf_text(pdf, p), "Page " + std::to_string(p) + " of " + std::to_string(pages)));
    }

    SECTION("in the site's language, French, and as HTML")
    {
        const auto pdf = dir / "pack-fr.pdf";
        const CliResult r = run_cli(dir, {"workshop", "pack", db.string(), "--site", site, "--month", month, "--out",
                                          pdf.string()});
        INFO(r.err);
        REQUIRE(r.status == 0);
        const std::string all = pdf_text(pdf);
        INFO(all.substr(0, 3000));
        CHECK(contains(all, "Dossier de l\u2019atelier"));
        CHECK(contains(all, "Page 1 sur"));
        CHECK(contains(all, std::to_string(e.progressing) + " sur " + std::to_string(e.issued) + " actions émises"));

        const auto html = dir / "pack.html";
        REQUIRE(run_cli(dir, {"--lang", "en", "workshop", "pack", db.string(), "--site", site, "--month", month, "--out",
                              html.string()})
                    .status == 0);
        const std::string page = read_text(html);
        CHECK(contains(page, "<html lang=\"en\">"));
        CHECK(contains(page, "<thead>"));
        CHECK(contains(page, std::to_string(e.incidents) + " verified incidents observed from"));
    }

    SECTION("bad requests are refused with the reason")
    {
        const CliResult unknown = run_cli(dir, {"workshop", "pack", db.string(), "--site", "XX-NONE", "--month", month,
                                                "--out", (dir / "x.pdf").string()});
        CHECK(unknown.status == 2);
        CHECK(contains(unknown.err, "XX-NONE"));
        const CliResult month_bad = run_cli(dir, {"workshop", "pack", db.string(), "--site", site, "--month", "2021-13",
                                                  "--out", (dir / "x.pdf").string()});
        CHECK(month_bad.status == 2);
        CHECK(contains(month_bad.err, "2021-13"));
        const CliResult ext = run_cli(dir, {"workshop", "pack", db.string(), "--site", site, "--month", month, "--out",
                                            (dir / "x.docx").string()});
        CHECK(ext.status == 2);
        CHECK_FALSE(std::filesystem::exists(dir / "x.pdf"));
    }
}

TEST_CASE("workshop plan, list and record through the command line", "[workshop][cli]")
{
    TempFolder dir("workshop-cli");
    const auto db = dir / "demo.mwz";
    REQUIRE(run_cli(dir, {"demo", "create", db.string()}).status == 0);
    std::string site, draft, stakeholder;
    {
        SQLite::Database sql(db.string(), SQLite::OPEN_READONLY);
        site = text(sql, "SELECT s.code FROM corrective_action a JOIN site s ON s.id = a.site_id "
                         "WHERE a.status = 'draft' GROUP BY s.id ORDER BY count(*) DESC, s.code LIMIT 1", {});
        draft = text(sql, "SELECT min(a.id) FROM corrective_action a JOIN site s ON s.id = a.site_id "
                          "WHERE a.status = 'draft' AND s.code = ?", {site});
        stakeholder = text(sql, "SELECT min(k.name) FROM stakeholder k JOIN stakeholder_site ks ON ks.stakeholder_id = k.id "
                                "JOIN site s ON s.id = ks.site_id WHERE s.code = ?", {site});
    }
    const CliResult plan = run_cli(dir, {"workshop", "plan", db.string(), "--site", site, "--on", "2022-04-14",
                                         "--facilitator", "Grace Kalenga", "--as", "tester"});
    INFO(plan.err);
    REQUIRE(plan.status == 0);
    std::string id;
    {
        SQLite::Database sql(db.string(), SQLite::OPEN_READONLY);
        id = text(sql, "SELECT id FROM workshop WHERE held_on = '2022-04-14' AND site_id = (SELECT id FROM site "
                       "WHERE code = ?)", {site});
    }
    CHECK(contains(plan.out, "Workshop " + id + " planned"));
    CHECK(run_cli(dir, {"workshop", "plan", db.string(), "--site", site, "--on", "2022-04-14", "--as", "tester"}).status ==
          2);

    const CliResult record = run_cli(dir, {"workshop", "record", db.string(), id, "--attendee", stakeholder + ":chair",
                                           "--attendee", "Mama Furaha", "--issue", draft, "--minutes", "Agreed.",
                                           "--as", "tester"});
    INFO(record.err);
    REQUIRE(record.status == 0);
    CHECK(contains(record.out, "2 attendees, 1 actions issued"));
    {
        SQLite::Database sql(db.string(), SQLite::OPEN_READONLY);
        CHECK(text(sql, "SELECT status || ' ' || issued_workshop_id || ' ' || issued_on FROM corrective_action WHERE id = ?",
                   {draft}) == "issued " + id + " 2022-04-14");
        CHECK(count(sql, "SELECT count(*) FROM workshop_attendee WHERE workshop_id = ? AND stakeholder_id IS NOT NULL "
                         "AND role = 'chair'", {id}) == 1);
    }
    const CliResult list = run_cli(dir, {"workshop", "list", db.string(), "--site", site, "--json"});
    REQUIRE(list.status == 0);
    CHECK(contains(list.out, "{\"id\": " + id + ", \"site\": \"" + site + "\", \"held_on\": \"2022-04-14\""));
    CHECK(contains(list.out, "\"attendees\": 2, \"actions_issued\": 1"));
}
