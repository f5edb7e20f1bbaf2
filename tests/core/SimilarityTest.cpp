#include "core/Similarity.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace mwangaza::core;

namespace {

struct Report {
    std::string text;
    int children = 0;
    int women = 0;
    int men = 0;
};

Similarity compare(const Report& a, const Report& b)
{
    const auto fa = fingerprint(a.text);
    const auto fb = fingerprint(b.text);
    return compare_reports({&fa, a.children, a.women, a.men}, {&fb, b.children, b.women, b.men});
}

bool flagged(const Report& a, const Report& b)
{
    const double score = compare(a, b).score;
    INFO(a.text << "\n" << b.text << "\nscore " << score);
    // Symmetric: the order of the two reports does not matter.
    REQUIRE(compare(b, a).score == Approx(score));
    return score >= k_duplicate_threshold;
}

} // namespace

TEST_CASE("Text is normalised: case, accents, punctuation")
{
    CHECK(normalise_text("  Puits N\xC2\xB0" "3 !  \xC3\x89" "cole, \xC5\x92uvre; STRA\xC3\x9F" "E ") ==
          "puits n 3 ecole oeuvre strasse");
    CHECK(normalise_text("l'\xC3\xA9quipe \xE2\x80\x94 d\xC3\xA9j\xC3\xA0") == "l equipe deja");
    // Decomposed accents (e + combining acute) fold like precomposed ones.
    CHECK(normalise_text("e\xCC\x81" "cole") == "ecole");
    CHECK(normalise_text("\xFF\xFE" "abc") == "abc"); // invalid bytes dropped
    CHECK(normalise_text("...!?") == "");
}

TEST_CASE("Fingerprints name the numbers, written in digits or words in four languages")
{
    CHECK(fingerprint("3 enfants au puits P12, 45m de profondeur").numbers == std::vector<long long>{3, 12, 45});
    CHECK(fingerprint("Five children, cinq enfants, watoto watano, abana batanu").numbers == std::vector<long long>{5});
    CHECK(fingerprint("un enfant, one child").numbers.empty()); // articles, not counts
    CHECK(dice(fingerprint("enfants").trigrams, fingerprint("enfant").trigrams) > 0.6);
    CHECK(dice(fingerprint("").trigrams, fingerprint("").trigrams) == 0.0);
}

TEST_CASE("Reports of the same event by two agents are flagged, in one language or two")
{
    // French, two wordings.
    CHECK(flagged({"Trois enfants vus en train de laver le minerai au puits 12, le superviseur dit qu'ils "
                   "viennent apr\xC3\xA8s l'\xC3\xA9" "cole.", 3},
                  {"Au puits n\xC2\xB0" "12 nous avons trouv\xC3\xA9 3 enfants qui lavaient les minerais apr\xC3\xA8s "
                   "l'\xC3\xA9" "cole.", 3}));
    // English, the second agent adds the number of miners who paid.
    CHECK(flagged({"Soldiers of the FARDC demanded 2000 francs from each digger at the entrance of pit 14.", 0, 0, 6},
                  {"At pit 14 entrance, FARDC soldiers are taxing diggers 2000 FC each, about six miners paid.", 0, 0, 6}));
    // English and French.
    CHECK(flagged({"5 children carrying sacks of ore between pit P7 and the washing point at Kasulo.", 5},
                  {"Cinq enfants transportent des sacs de minerai entre le puits P7 et le point de lavage de Kasulo.", 5}));
    // Swahili and French.
    CHECK(flagged({"Watoto wanne wanafanya kazi chini ya ardhi kwenye shimo namba 9 bila vifaa vya kujikinga.", 4},
                  {"4 enfants travaillent sous terre dans le puits 9 sans \xC3\xA9quipement de protection.", 4}));
    // Kinyarwanda and English.
    CHECK(flagged({"Abana batanu bakora mu kirombe cya 3 i Gatumba.", 5}, {"Five children working in pit 3 at Gatumba.", 5}));
    // Two agents counted differently at the same pit.
    CHECK(flagged({"Children washing ore at pit 12, supervisor says they come after school.", 5},
                  {"6 children washing ore at pit 12 after school hours.", 6}));
    // No number at all: the text decides.
    CHECK(flagged({"The site manager refused to show the register of workers."},
                  {"The manager of the site did not show the workers register to the agent."}));
}

TEST_CASE("Different events at the same site are not flagged, even written from the same sentence")
{
    const std::string en = "children seen washing ore at pit %; the cooperative supervisor said they come after school.";
    auto at_pit = [](std::string text, const std::string& pit) { return text.replace(text.find('%'), 1, pit); };
    // Same sentence, other pit and other count; other pit and the same count.
    CHECK_FALSE(flagged({"5 " + at_pit(en, "12"), 5}, {"3 " + at_pit(en, "31"), 3}));
    CHECK_FALSE(flagged({"5 " + at_pit(en, "12"), 5}, {"5 " + at_pit(en, "31"), 5}));
    CHECK_FALSE(flagged({"5 enfants vus en train de laver le minerai au puits 12 ; le superviseur de la coop\xC3\xA9rative "
                         "dit qu'ils viennent apr\xC3\xA8s l'\xC3\xA9" "cole.", 5},
                        {"5 enfants vus en train de laver le minerai au puits 31 ; le superviseur de la coop\xC3\xA9rative "
                         "dit qu'ils viennent apr\xC3\xA8s l'\xC3\xA9" "cole.", 5, 1}));
    // Two safety incidents at one site in a week.
    CHECK_FALSE(flagged({"A landslide injured 2 diggers at pit 4 after heavy rain.", 0, 0, 2},
                        {"Diggers working without helmets at pit 17; no first aid kit on site.", 0, 0, 4}));
    // Nothing in common but the site.
    CHECK_FALSE(flagged({"The site manager refused to show the register of workers."},
                        {"Traders at the site buy ore without any tags or receipts."}));
    // The same counts alone do not make a duplicate.
    CHECK_FALSE(flagged({"Une femme enceinte transporte des sacs de minerai.", 0, 3, 2},
                        {"Des creuseurs se plaignent de ne pas \xC3\xAAtre pay\xC3\xA9s par le n\xC3\xA9gociant.", 0, 3, 2}));
}

TEST_CASE("Signals: each is in [0, 1], unknown when the records give nothing to compare")
{
    const auto same = compare({"Same text here.", 0, 0, 0}, {"Same text here.", 0, 0, 0});
    CHECK(same.text == Approx(1.0));
    CHECK_FALSE(same.numbers);
    CHECK_FALSE(same.people);
    CHECK(same.score == Approx(1.0));
    const auto counts = compare({"pit 3", 2, 0, 0}, {"pit 3", 2, 0, 0});
    REQUIRE(counts.numbers);
    CHECK(*counts.numbers == Approx(1.0));
    REQUIRE(counts.people);
    CHECK(*counts.people == Approx(1.0));
    // The people counts named in the text are left to the people signal.
    const auto named = compare({"2 children at pit 3", 2}, {"4 children at pit 3", 4});
    REQUIRE(named.numbers);
    CHECK(*named.numbers == Approx(1.0));
    REQUIRE(named.people);
    CHECK(*named.people == Approx(0.0));
}
