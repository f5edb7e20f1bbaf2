#!/usr/bin/env python3
"""Writes the seed corpus of the row-mapping fuzz target into OUTDIR: the shapes of
tests/intake/Fixtures.hpp (KoboToolbox with group prefixes, KoboToolbox with French
labels, ODK Central, a generic table) and the broken values the intake tests use (bad
coordinates, unknown risk area, duplicate ids, counts that are not counts, dates that are
not dates). One input per file: rows separated by '\\n', cells by '\\t', the first row
the column names."""
import os
import sys

KOBO = ["start", "end", "incident/site_code", "incident/observed_on", "incident/risk_area",
        "incident/description", "incident/children_involved", "incident/women_involved",
        "incident/men_involved", "incident/location", "_incident/location_latitude",
        "_incident/location_longitude", "_incident/location_altitude", "_incident/location_precision",
        "incident/photo_1", "incident/photo_2", "incident/photo_3", "incident/reporter_id", "_id", "_uuid",
        "_submission_time", "_validation_status", "_notes", "_status", "_submitted_by", "__version__", "_tags",
        "_index"]
KOBO_LABELS = ["Code du site", "Date d'observation", "Domaine de risque", "Description", "Enfants concernés",
               "Femmes concernées", "Hommes concernés", "Localisation", "_Localisation_latitude",
               "_Localisation_longitude", "Photo 1", "ID de l'agent", "_id", "_uuid", "_submission_time", "_index"]
ODK = ["SubmissionDate", "incident-site_code", "incident-observed_on", "incident-risk_area", "incident-description",
       "incident-children_involved", "incident-women_involved", "incident-men_involved",
       "incident-location-Latitude", "incident-location-Longitude", "incident-location-Altitude",
       "incident-location-Accuracy", "incident-photo_1", "incident-photo_2", "incident-photo_3",
       "incident-reporter_id", "meta-instanceID", "KEY", "SubmitterID", "SubmitterName", "AttachmentsPresent",
       "AttachmentsExpected", "Status", "ReviewState", "DeviceID", "Edits", "FormVersion"]

SUBMISSIONS = [
    # uuid, site, observed, area, description, children, women, men, lat, lon
    ("k-1", "CD-KOL-01", "2021-07-14", "child_labour", "Enfants au puits", "3", "0", "1", "-10.7125", "25.4301"),
    ("k-2", "RW-NGO-01", "14/07/2021", "Travail des enfants", " Watoto shimoni ", "2", "1", "0", "-1.86", "29.62"),
    ("k-3", "", "2021-07-15", "Sécurité générale", "Barrière illégale", "", "", "", "-10,71", "25,43"),
    ("k-4", "XX-01", "2021-02-30", "Sorcellerie", "Date impossible", "trois", "-1", "2.0", "91", "200"),
    ("k-1", "CD-KOL-01", "2021-07-14", "PFTE", "Doublon", "1", "0", "0", "", ""),
    ("", "", "", "", "", "", "", "", "", ""),
]


def kobo_row(s, i):
    uuid, site, observed, area, desc, ch, wo, me, lat, lon = s
    point = f"{lat} {lon} 1210 4.5" if lat else ""
    return ["2021-07-15T08:12:44", "2021-07-15T08:12:44", site, observed, area, desc, ch, wo, me, point, lat, lon,
            "1210" if lat else "", "4.5" if lat else "", "photo.jpg" if i == 1 else "", "", "", "AG-017",
            str(1000 + i), uuid, "2021-07-15T08:12:44", "", "", "submitted_via_web", "agent17", "vQZ8mC3ntxp", "",
            str(i)]


def kobo_label_row(s, i):
    uuid, site, observed, area, desc, ch, wo, me, lat, lon = s
    return [site, observed, area, desc, ch, wo, me, f"{lat} {lon} 0 5" if lat else "", lat, lon, "", "AG-017",
            str(2000 + i), uuid, "2021-07-15T08:12:44", str(i + 1)]


def odk_row(s, i):
    uuid, site, observed, area, desc, ch, wo, me, lat, lon = s
    return ["2021-07-15T08:12:44.123Z", site, observed, area, desc, ch, wo, me, lat, lon, "1200" if lat else "",
            "5" if lat else "", "", "", "", "AG-017", "uuid:" + uuid, "uuid:" + uuid, "17", "Agent 17", "0", "0",
            "", "", "", "0", "2021070101"]


def write(folder, name, header, rows):
    with open(os.path.join(folder, name), "w", encoding="utf-8", newline="") as f:
        f.write("\n".join("\t".join(r) for r in [header] + rows))


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "seeds"
    os.makedirs(folder, exist_ok=True)
    write(folder, "kobo", KOBO, [kobo_row(s, i) for i, s in enumerate(SUBMISSIONS)])
    write(folder, "kobo-one", KOBO, [kobo_row(SUBMISSIONS[0], 0)])
    write(folder, "kobo-labels-fr", KOBO_LABELS, [kobo_label_row(s, i) for i, s in enumerate(SUBMISSIONS)])
    write(folder, "odk", ODK, [odk_row(s, i) for i, s in enumerate(SUBMISSIONS)])
    write(folder, "generic", ["source_id", "observed_on", "risk_area", "site_code", "latitude", "longitude"],
          [["g-1", "2021-07-14", "ohs", "CD-KOL-01", "", ""], ["g-2", "2021-07-14", "water", "", "-1.9", "29.7"],
           ["g-3", "not a date", "water", "", "", ""]])
    write(folder, "geopoint", ["uuid", "date", "risk", "gps"],
          [["p-1", "2021-07-14", "child_labour", "-10.7 25.4 0 5"], ["p-2", "2021-07-14", "ohs", "-10.7"],
           ["p-3", "2021-07-14", "ohs", "abc def"]])
    write(folder, "missing-required", ["site_code", "description"], [["CD-KOL-01", "Pas d'identifiant"]])
    write(folder, "ragged", ["_uuid", "_submission_time", "incident/risk_area", "incident/observed_on"],
          [["r-1"], ["r-2", "2021", "child_labour", "2021-07-14", "extra", "cells"], []])


if __name__ == "__main__":
    main()
