// `stakeholders add|edit|show|list`, run as a user would on the demo programme: the
// registry entries written, their audit entries, the workload shown against the figures
// counted straight from the database, and the refusals (exit 2 naming the field, exit 1
// for usage) that leave the database as it was.
#include "DemoCli.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace mwangaza::test;

namespace {

std::string str(std::int64_t n)
{
    return std::to_string(n);
}

std::string trimmed(std::string s)
{
    while (!s.empty() && (s.back() == '\n' || s.back() == ' '))
        s.pop_back();
    return s;
}

} // namespace

TEST_CASE("stakeholders are added and edited from the command line, with an audit entry each time",
          "[cli][stakeholders]")
{
    DemoCli d("mwangaza-cli-stakeholders", "akim");
    const std::int64_t before = d.count("SELECT count(*) FROM stakeholder");
    const auto sites = d.json({"sites", "list", "demo.mwz", "--json"});
    REQUIRE(sites.items.size() >= 3);
    const std::string a = sites.items[0]["code"].text, b = sites.items[1]["code"].text, c = sites.items[2]["code"].text;

    const auto added = d.run({"stakeholders", "add", "demo.mwz", "--name", "Radio Mwangaza FM", "--type", "media",
                              "--contact", "+243 97 111 2233", "--languages", "fr, SW", "--site", a, "--site",
                              b + "," + c});
    INFO(added.err);
    REQUIRE(added.status == 0);
    const std::string id = trimmed(added.out);
    REQUIRE(!id.empty());
    CHECK(id.find_first_not_of("0123456789") == std::string::npos);
    CHECK(d.count("SELECT count(*) FROM stakeholder") == before + 1);
    CHECK(d.count("SELECT count(*) FROM stakeholder WHERE id = " + id +
                  " AND name = 'Radio Mwangaza FM' AND type = 'media' AND contact = '+243 97 111 2233' "
                  "AND languages = 'fr,sw'") == 1);
    CHECK(d.count("SELECT count(*) FROM stakeholder_site WHERE stakeholder_id = " + id) == 3);
    CHECK(d.count("SELECT count(*) FROM audit_log WHERE entity = 'stakeholder' AND entity_id = " + id +
                  " AND operation = 'add' AND actor = 'akim' AND after LIKE '%Radio Mwangaza FM%'") == 1);

    // Only the fields given change.
    const auto renamed = d.run({"stakeholders", "edit", "demo.mwz", id, "--name", "Radio Mwangaza 98.5 FM"});
    INFO(renamed.err);
    REQUIRE(renamed.status == 0);
    auto shown = d.json({"stakeholders", "show", "demo.mwz", id, "--json"});
    CHECK(shown["name"].text == "Radio Mwangaza 98.5 FM");
    CHECK(shown["type"].text == "media");
    CHECK(shown["contact"].text == "+243 97 111 2233");
    CHECK(shown["languages"].text == "fr,sw");
    CHECK(shown["sites"].items.size() == 3);
    CHECK(d.count("SELECT count(*) FROM audit_log WHERE entity = 'stakeholder' AND entity_id = " + id +
                  " AND operation = 'edit' AND before LIKE '%\"Radio Mwangaza FM\"%' "
                  "AND after LIKE '%Radio Mwangaza 98.5 FM%'") == 1);

    REQUIRE(d.run({"stakeholders", "edit", "demo.mwz", id, "--site", c, "--languages", "", "--type", "ngo"}).status ==
            0);
    shown = d.json({"stakeholders", "show", "demo.mwz", id, "--json"});
    REQUIRE(shown["sites"].items.size() == 1);
    CHECK(shown["sites"].items[0].text == c);
    CHECK(shown["languages"].type == Json::Type::Null);
    CHECK(shown["type"].text == "ngo");
    CHECK(shown["name"].text == "Radio Mwangaza 98.5 FM");
    REQUIRE(d.run({"stakeholders", "edit", "demo.mwz", id, "--no-sites"}).status == 0);
    CHECK(d.count("SELECT count(*) FROM stakeholder_site WHERE stakeholder_id = " + id) == 0);
    CHECK(d.count("SELECT count(*) FROM audit_log WHERE entity = 'stakeholder' AND entity_id = " + id) == 4);

    // --json prints the stakeholder saved.
    const auto json = d.json({"stakeholders", "add", "demo.mwz", "--name", "Chef de groupement Mwanza", "--type",
                              "traditional_authority", "--site", a, "--json"});
    CHECK(json["name"].text == "Chef de groupement Mwanza");
    CHECK(json["sites"].items.size() == 1);
    CHECK(d.count("SELECT count(*) FROM stakeholder WHERE id = " + str(json["id"].integer()) +
                  " AND type = 'traditional_authority'") == 1);
}

TEST_CASE("stakeholder input is refused naming the field, and nothing is written", "[cli][stakeholders]")
{
    DemoCli d("mwangaza-cli-stakeholders-refused", "akim");
    const std::int64_t before = d.count("SELECT count(*) FROM stakeholder");
    const std::int64_t audits = d.count("SELECT count(*) FROM audit_log");
    const std::string id = str(d.count("SELECT min(id) FROM stakeholder"));
    const std::string name = d.json({"stakeholders", "show", "demo.mwz", id, "--json"})["name"].text;

    auto refused = [&](const std::vector<std::string>& args, int status, const std::string& says) {
        const auto r = d.run(args);
        INFO(r.err);
        CHECK(r.status == status);
        CHECK(r.err.find(says) != std::string::npos);
        CHECK(r.out.empty());
    };
    refused({"stakeholders", "add", "demo.mwz", "--name", "X", "--type", "chief"}, 2, "'chief'");
    refused({"stakeholders", "add", "demo.mwz", "--name", "X", "--type", "chief"}, 2, "traditional_authority");
    refused({"stakeholders", "add", "demo.mwz", "--name", "X", "--type", "ngo", "--site", "XX-99"}, 2, "'XX-99'");
    refused({"stakeholders", "add", "demo.mwz", "--name", "X", "--type", "ngo", "--languages", "fr,français"}, 2,
            "languages");
    refused({"stakeholders", "add", "demo.mwz", "--name", "  ", "--type", "ngo"}, 2, "name");
    refused({"stakeholders", "add", "demo.mwz", "--type", "ngo"}, 1, "--name");
    refused({"stakeholders", "add", "demo.mwz", "--name", "X"}, 1, "--type");
    refused({"stakeholders", "edit", "demo.mwz", id, "--type", "chief"}, 2, "'chief'");
    refused({"stakeholders", "edit", "demo.mwz", id, "--site", "XX-99"}, 2, "'XX-99'");
    refused({"stakeholders", "edit", "demo.mwz", "999999", "--name", "X"}, 2, "999999");
    refused({"stakeholders", "edit", "demo.mwz", "abc", "--name", "X"}, 2, "'abc'");
    refused({"stakeholders", "edit", "demo.mwz", id}, 1, "nothing to change");
    refused({"stakeholders", "edit", "demo.mwz", id, "--site", "X", "--no-sites"}, 1, "--no-sites");
    refused({"stakeholders", "show", "demo.mwz", "999999"}, 2, "999999");
    refused({"stakeholders", "show", "demo.mwz", id, "--on", "31/03/2022"}, 2, "--on");
    refused({"stakeholders", "rename", "demo.mwz"}, 1, "rename");
    CHECK(d.count("SELECT count(*) FROM stakeholder") == before);
    CHECK(d.count("SELECT count(*) FROM audit_log") == audits);
    CHECK(d.json({"stakeholders", "show", "demo.mwz", id, "--json"})["name"].text == name);
}

TEST_CASE("stakeholders show gives the workload and rate counted from the actions on a day", "[cli][stakeholders]")
{
    DemoCli d("mwangaza-cli-stakeholders-show", "akim");
    // The busiest responsible stakeholder, and one who supports actions.
    const std::string busy = str(d.count("SELECT responsible_id FROM corrective_action WHERE status IN ('issued', "
                                         "'in_progress') GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1"));
    const std::string on = "2021-12-15";
    const auto w = d.json({"stakeholders", "show", "demo.mwz", busy, "--on", on, "--json"});
    const std::string mine = "FROM corrective_action WHERE responsible_id = " + busy;
    CHECK(w["on"].text == on);
    CHECK(w["responsible_open"].integer() == d.count("SELECT count(*) " + mine + " AND status IN ('issued', 'in_progress')"));
    CHECK(w["responsible_open"].integer() > 0);
    CHECK(w["responsible_overdue"].integer() ==
          d.count("SELECT count(*) " + mine + " AND status IN ('issued', 'in_progress') AND due_on < '" + on + "'"));
    CHECK(w["issued"].integer() == d.count("SELECT count(*) " + mine + " AND issued_on IS NOT NULL"));
    CHECK(w["progressing"].integer() ==
          d.count("SELECT count(*) " + mine + " AND issued_on IS NOT NULL AND status IN ('in_progress', 'implemented')"));
    const std::string supporter = str(d.count("SELECT stakeholder_id FROM action_supporter GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1"));
    const auto s = d.json({"stakeholders", "show", "demo.mwz", supporter, "--on", on, "--json"});
    const std::string supported = "FROM action_supporter x JOIN corrective_action a ON a.id = x.action_id "
                                  "WHERE x.stakeholder_id = " + supporter + " AND a.status IN ('issued', 'in_progress')";
    CHECK(s["supporting_open"].integer() == d.count("SELECT count(*) " + supported));
    CHECK(s["supporting_overdue"].integer() == d.count("SELECT count(*) " + supported + " AND a.due_on < '" + on + "'"));

    // The list gives the same figures for them.
    const auto registry = d.json({"stakeholders", "list", "demo.mwz", "--on", on, "--json"});
    CHECK(std::int64_t(registry.items.size()) == d.count("SELECT count(*) FROM stakeholder"));
    int found = 0;
    for (const auto& r : registry.items)
        for (const auto* one : {&w, &s})
            if (r["id"].integer() == (*one)["id"].integer()) {
                ++found;
                for (const char* k : {"responsible_open", "responsible_overdue", "supporting_open",
                                      "supporting_overdue", "issued", "progressing"})
                    CHECK(r[k].integer() == (*one)[k].integer());
            }
    CHECK(found == 2); // each of the two found once (the same row twice if one stakeholder is both)

    // In text, in French.
    const auto text = d.run({"--lang", "fr", "stakeholders", "show", "demo.mwz", busy, "--on", on});
    INFO(text.err);
    REQUIRE(text.status == 0);
    CHECK(text.out.find(w["name"].text) != std::string::npos);
    CHECK(text.out.find("Taux de mise en") != std::string::npos);
}
