// `actions list|set-status|draft|progress|show`, `stakeholders list` and `kpi by`, run as
// the real program on a demo database; figures are checked against domain.md and against
// the database read directly.
#include "DemoCli.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <catch2/catch.hpp>

#include <fstream>

using mwangaza::test::Json;
using mwangaza::test::JsonReader;
namespace fs = std::filesystem;

namespace {

struct Demo : mwangaza::test::DemoCli {
    Demo() : DemoCli("mwangaza-actions-cli", "pm.kolwezi") {}
};

} // namespace

TEST_CASE("kpi by gives the published implementation rates whatever the breakdown", "[cli][kpi][actions]")
{
    Demo d;
    for (const char* by : {"site", "stakeholder", "area", "category", "month", "quarter"}) {
        INFO(by);
        const Json k = d.json({"kpi", "by", "demo.mwz", by, "--json"});
        CHECK(k["issued"].integer() == 1098); // domain.md: 888 of 1,098 = 81%
        CHECK(k["progressing"].integer() == 888);
        std::int64_t issued = 0, progressing = 0;
        for (const auto& r : k["rows"].items) {
            issued += r["issued"].integer();
            progressing += r["progressing"].integer();
        }
        CHECK(issued == 1098);
        CHECK(progressing == 888);
    }
    const Json areas = d.json({"kpi", "by", "demo.mwz", "area", "--json"});
    std::int64_t child_issued = 0, child_progressing = 0;
    for (const auto& r : areas["rows"].items)
        if (r["key"].text == "child_labour" || r["key"].text == "wfcl") {
            child_issued += r["issued"].integer();
            child_progressing += r["progressing"].integer();
        }
    CHECK(child_issued == 122); // domain.md: 97 of 122 for child labour incl. WFCL
    CHECK(child_progressing == 97);

    // Every number drills down to as many actions, which the database confirms.
    const Json sites = d.json({"kpi", "by", "demo.mwz", "stakeholder", "--json"});
    const auto& first = sites["rows"].items.front();
    const Json drill = d.json({"kpi", "by", "demo.mwz", "stakeholder", "--actions", first["key"].text, "--json"});
    CHECK(std::int64_t(drill["issued"].items.size()) == first["issued"].integer());
    CHECK(std::int64_t(drill["progressing"].items.size()) == first["progressing"].integer());
    for (const auto& id : drill["progressing"].items)
        CHECK(d.count("SELECT count(*) FROM corrective_action WHERE id = " + id.text + " AND responsible_id = " +
                      first["key"].text + " AND status IN ('in_progress', 'implemented')") == 1);
    const auto text = d.run({"kpi", "by", "demo.mwz", "category"});
    CHECK(text.status == 0);
    CHECK(text.out.find("1,098") != std::string::npos);
    CHECK(text.out.find("80.9%") != std::string::npos);
    const auto bad = d.run({"kpi", "by", "demo.mwz", "province"});
    CHECK(bad.status != 0);
    CHECK(bad.err.find("province") != std::string::npos);
}

TEST_CASE("actions list filters by site, stakeholder, status and overdue on a date", "[cli][actions]")
{
    Demo d;
    const Json all = d.json({"actions", "list", "demo.mwz", "--json"});
    CHECK(std::int64_t(all.items.size()) == d.count("SELECT count(*) FROM corrective_action"));

    const Json overdue = d.json({"actions", "list", "demo.mwz", "--overdue", "--on", "2021-12-01", "--json"});
    CHECK(std::int64_t(overdue.items.size()) ==
          d.count("SELECT count(*) FROM corrective_action WHERE status IN ('issued', 'in_progress') AND "
                  "due_on < '2021-12-01'"));
    REQUIRE(!overdue.items.empty());
    for (const auto& a : overdue.items) {
        CHECK(a["overdue"].boolean);
        CHECK(a["due_on"].text < "2021-12-01");
        CHECK((a["status"].text == "issued" || a["status"].text == "in_progress"));
    }

    const Json site = d.json({"actions", "list", "demo.mwz", "--site", "CD-KOL-01", "--status", "in_progress", "--json"});
    CHECK(std::int64_t(site.items.size()) ==
          d.count("SELECT count(*) FROM corrective_action a JOIN site s ON s.id = a.site_id WHERE s.code = "
                  "'CD-KOL-01' AND a.status = 'in_progress'"));
    for (const auto& a : site.items)
        CHECK(a["site"].text == "CD-KOL-01");

    const auto sh = d.count("SELECT responsible_id FROM corrective_action WHERE responsible_id IS NOT NULL LIMIT 1");
    const Json mine = d.json({"actions", "list", "demo.mwz", "--stakeholder", std::to_string(sh), "--json"});
    CHECK(std::int64_t(mine.items.size()) ==
          d.count("SELECT count(*) FROM corrective_action WHERE responsible_id = " + std::to_string(sh) +
                  " OR id IN (SELECT action_id FROM action_supporter WHERE stakeholder_id = " + std::to_string(sh) +
                  ")"));

    const auto bad = d.run({"actions", "list", "demo.mwz", "--overdue", "--on", "2021-02-30"});
    CHECK(bad.status != 0);
    CHECK(bad.err.find("2021-02-30") != std::string::npos);
}

TEST_CASE("an action drafted from a template is issued, progresses with evidence and is implemented", "[cli][actions]")
{
    Demo d;
    const auto risk = d.count("SELECT r.id FROM risk r JOIN site s ON s.id = r.site_id WHERE s.code = 'CD-KOL-01' "
                              "AND r.risk_area = 'child_labour' LIMIT 1");
    const auto r = d.run({"actions", "draft", "demo.mwz", "--risk", std::to_string(risk), "--template",
                               "child_labour.register", "--due", "2022-04-30"});
    INFO(r.err);
    REQUIRE(r.status == 0);
    const auto id = d.count("SELECT max(id) FROM corrective_action");
    CHECK(r.out.find("Action " + std::to_string(id) + " drafted") != std::string::npos);
    CHECK(d.count("SELECT count(*) FROM corrective_action a JOIN stakeholder s ON s.id = a.responsible_id WHERE "
                  "a.id = " + std::to_string(id) + " AND s.type = 'cooperative' AND a.status = 'draft' AND "
                  "a.due_on = '2022-04-30' AND a.priority = 'high'") == 1);
    const std::string sid = std::to_string(id);

    // A draft cannot be implemented; cancelling needs a reason.
    auto refused = d.run({"actions", "set-status", "demo.mwz", sid, "--to", "implemented"});
    CHECK(refused.status != 0);
    CHECK(refused.err.find("cannot go from Draft to Implemented") != std::string::npos);
    refused = d.run({"actions", "set-status", "demo.mwz", sid, "--to", "cancelled"});
    CHECK(refused.status != 0);
    CHECK(refused.err.find("needs a reason") != std::string::npos);

    const auto workshop = d.count("SELECT w.id FROM workshop w JOIN site s ON s.id = w.site_id WHERE s.code = "
                                  "'CD-KOL-01' ORDER BY held_on DESC LIMIT 1");
    auto ok = d.run({"actions", "set-status", "demo.mwz", sid, "--to", "issued", "--on", "2022-03-30",
                          "--workshop", std::to_string(workshop)});
    INFO(ok.err);
    REQUIRE(ok.status == 0);
    CHECK(ok.out.find("Draft -> Issued") != std::string::npos);

    std::ofstream(d.dir / "register.jpg", std::ios::binary) << std::string("\xff\xd8\xff\xe0 photo", 10);
    std::ofstream(d.dir / "letter.pdf", std::ios::binary) << "%PDF-1.4 letter";
    ok = d.run({"actions", "progress", "demo.mwz", sid, "--note", "Register opened: 12 children listed",
                     "--evidence", "register.jpg", "letter.pdf", "--on", "2022-03-31"});
    INFO(ok.err);
    REQUIRE(ok.status == 0);
    CHECK(ok.out.find("2 evidence files") != std::string::npos);
    ok = d.run({"actions", "set-status", "demo.mwz", sid, "--to", "in_progress", "--on", "2022-03-31"});
    REQUIRE(ok.status == 0);

    const Json shown = d.json({"actions", "show", "demo.mwz", sid, "--json"});
    CHECK(shown["status"].text == "in_progress");
    CHECK(shown["issued_on"].text == "2022-03-30");
    CHECK(shown["issued_workshop_id"].integer() == workshop);
    REQUIRE(shown["history"].items.size() == 3);
    const auto& update = shown["history"].items[1];
    CHECK(update["note"].text == "Register opened: 12 children listed");
    REQUIRE(update["evidence"].items.size() == 2);
    CHECK(update["evidence"].items[0]["file_name"].text == "register.jpg");
    CHECK(update["evidence"].items[0]["media_type"].text == "image/jpeg");
    CHECK(update["evidence"].items[0]["size"].integer() == 10);
    CHECK(d.count("SELECT count(*) FROM audit_log WHERE entity = 'corrective_action' AND entity_id = " + sid) == 4);

    // The stakeholder registry counts it among the cooperative's open actions.
    const auto responsible = shown["responsible_id"].integer();
    const Json registry = d.json({"stakeholders", "list", "demo.mwz", "--on", "2022-03-31", "--json"});
    bool found = false;
    for (const auto& s : registry.items)
        if (s["id"].integer() == responsible) {
            found = true;
            CHECK(s["type"].text == "cooperative");
            CHECK(s["responsible_open"].integer() ==
                  d.count("SELECT count(*) FROM corrective_action WHERE responsible_id = " +
                          std::to_string(responsible) + " AND status IN ('issued', 'in_progress')"));
        }
    CHECK(found);
}

TEST_CASE("templates and refusals in French", "[cli][actions][i18n]")
{
    Demo d;
    const auto t = d.run({"--lang", "fr", "actions", "draft", "--list-templates"});
    INFO(t.err);
    REQUIRE(t.status == 0);
    CHECK(t.out.find("La coopérative tient un registre de chaque enfant trouvé sur le site") != std::string::npos);
    CHECK(t.out.find("Coopérative minière") != std::string::npos);
    const auto id = d.count("SELECT id FROM corrective_action WHERE status = 'implemented' LIMIT 1");
    const auto r = d.run({"--lang", "fr", "actions", "set-status", "demo.mwz", std::to_string(id), "--to",
                               "issued"});
    CHECK(r.status != 0);
    CHECK(r.err.find("ne peut pas passer") != std::string::npos);
}
