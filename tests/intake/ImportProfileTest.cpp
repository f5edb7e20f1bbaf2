// Format recognition and value normalisation, on the column names real exports carry.
#include "Fixtures.hpp"

#include "app/ImportProfile.hpp"

#include <catch2/catch.hpp>

using namespace mwangaza;
using app::ImportField;

namespace {

const std::vector<std::string> k_odk_columns{
    "SubmissionDate", "incident-site_code", "incident-observed_on", "incident-risk_area", "incident-description",
    "incident-children_involved", "incident-women_involved", "incident-men_involved", "incident-location-Latitude",
    "incident-location-Longitude", "incident-location-Altitude", "incident-location-Accuracy", "incident-photo_1",
    "incident-reporter_id", "meta-instanceID", "KEY", "SubmitterID", "SubmitterName", "Status", "ReviewState"};

const app::FormatRecogniser& best(const std::vector<std::string>& columns)
{
    const app::FormatRecogniser* winner = nullptr;
    int score = -1;
    for (const auto& r : app::built_in_recognisers())
        if (r->score(columns) > score) {
            score = r->score(columns);
            winner = r.get();
        }
    REQUIRE(winner != nullptr);
    return *winner;
}

} // namespace

TEST_CASE("Kobo and ODK exports are told apart by their metadata columns", "[intake][profile]")
{
    CHECK(best(test::kobo_columns()).name() == "kobo");
    CHECK(best(k_odk_columns).name() == "odk");
    CHECK(best({"id", "theme", "date"}).name() == "generic");
    CHECK(app::find_recogniser("kobo")->score(k_odk_columns) == 0);
    CHECK(app::find_recogniser("odk")->score(test::kobo_columns()) == 0);
}

TEST_CASE("group-prefixed names bind to their fields, geopoint parts included", "[intake][profile]")
{
    const auto kobo = app::find_recogniser("kobo")->bind(test::kobo_columns());
    CHECK(kobo.column_name(ImportField::SourceId) == "_uuid");
    CHECK(kobo.column_name(ImportField::SubmittedAt) == "_submission_time");
    CHECK(kobo.column_name(ImportField::RiskArea) == "incident/risk_area");
    CHECK(kobo.column_name(ImportField::Latitude) == "_incident/location_latitude");
    CHECK(kobo.column_name(ImportField::Longitude) == "_incident/location_longitude");
    CHECK(kobo.column_name(ImportField::Geopoint) == "incident/location");
    CHECK(kobo.column_name(ImportField::Women) == "incident/women_involved");
    CHECK(kobo.column_name(ImportField::Men) == "incident/men_involved");
    CHECK(kobo.column_name(ImportField::Reporter) == "incident/reporter_id");
    CHECK(kobo.column_name(ImportField::Photo1) == "incident/photo_1");

    const auto odk = app::find_recogniser("odk")->bind(k_odk_columns);
    CHECK(odk.column_name(ImportField::SourceId) == "meta-instanceID");
    CHECK(odk.column_name(ImportField::SubmittedAt) == "SubmissionDate");
    CHECK(odk.column_name(ImportField::Latitude) == "incident-location-Latitude");
    CHECK(odk.column_name(ImportField::Longitude) == "incident-location-Longitude");
    CHECK(odk.column_name(ImportField::ObservedOn) == "incident-observed_on");
    CHECK(odk.column(ImportField::Geopoint) == -1);
}

TEST_CASE("risk areas from codes and labels, French or English, spaces, case and accents tolerated",
          "[intake][profile]")
{
    CHECK(app::risk_area_from_text("child_labour") == "child_labour");
    CHECK(app::risk_area_from_text("  Child Labour ") == "child_labour");
    CHECK(app::risk_area_from_text("Travail des enfants") == "child_labour");
    CHECK(app::risk_area_from_text("TRAVAIL  DES ENFANTS") == "child_labour");
    CHECK(app::risk_area_from_text("Sécurité générale") == "general_security");
    CHECK(app::risk_area_from_text("securite generale") == "general_security");
    CHECK(app::risk_area_from_text("Blanchiment d’argent") == "money_laundering");
    CHECK(app::risk_area_from_text("Émissions et déchets") == "emissions_waste");
    CHECK(app::risk_area_from_text("PFTE") == "wfcl");
    CHECK(app::risk_area_from_text("Worst forms of child labour") == "wfcl");
    CHECK_FALSE(app::risk_area_from_text("Sorcellerie"));
    CHECK_FALSE(app::risk_area_from_text(""));
}
