#include "core/Error.hpp"
#include "store/Database.hpp"
#include "store/IncidentStatusChange.hpp"

#include <SQLiteCpp/Database.h>

#include "TempFolder.hpp"

#include <catch2/catch.hpp>


using namespace mwangaza;
using mwangaza::store::Database;
using I = mwangaza::core::IncidentStatus;

namespace {

struct OneIncident {
    test::TempFolder dir{"mwangaza-status"};
    Database db = Database::open(dir / "p.mwz", Database::Mode::Create);

    OneIncident()
    {
        db.sql().exec("INSERT INTO incident(id, observed_on, risk_area, created_at, updated_at) "
                      "VALUES (7, '2021-09-14', 'child_labour', 'x', 'x')");
    }

    std::string status() { return db.sql().execAndGet("SELECT status FROM incident WHERE id = 7").getString(); }
    int rows(const char* table) { return db.sql().execAndGet(std::string("SELECT count(*) FROM ") + table).getInt(); }
};

} // namespace

TEST_CASE("a legal status change writes status, history and audit together", "[store][triage]")
{
    OneIncident t;
    CHECK(store::change_incident_status(t.db, {7, I::InReview, "", "expert.kolwezi"}) == I::New);
    CHECK(store::change_incident_status(t.db, {7, I::Rejected, "photo shows another site", "expert.kolwezi"}) ==
          I::InReview);
    CHECK(t.status() == "rejected");
    CHECK(t.rows("incident_status_history") == 2);
    CHECK(t.rows("audit_log") == 2);
    auto& sql = t.db.sql();
    CHECK(sql.execAndGet("SELECT reason FROM incident_status_history WHERE to_status = 'rejected'").getString() ==
          "photo shows another site");
    CHECK(sql.execAndGet("SELECT after FROM audit_log ORDER BY id DESC LIMIT 1").getString() ==
          R"({"status":"rejected","reason":"photo shows another site"})");
    CHECK(sql.execAndGet("SELECT actor FROM audit_log ORDER BY id DESC LIMIT 1").getString() == "expert.kolwezi");
}

TEST_CASE("a refused status change writes nothing", "[store][triage]")
{
    OneIncident t;
    CHECK_THROWS_AS(store::change_incident_status(t.db, {7, I::Verified, "", "expert"}), IllegalTransition);
    store::change_incident_status(t.db, {7, I::InReview, "", "expert"});
    CHECK_THROWS_AS(store::change_incident_status(t.db, {7, I::Rejected, "", "expert"}), IllegalTransition);
    CHECK_THROWS_AS(store::change_incident_status(t.db, {8, I::InReview, "", "expert"}), InvalidInput);
    CHECK_THROWS_AS(store::change_incident_status(t.db, {7, I::Verified, "", " "}), InvalidInput);
    CHECK(t.status() == "in_review");
    CHECK(t.rows("incident_status_history") == 1);
    CHECK(t.rows("audit_log") == 1);
}
