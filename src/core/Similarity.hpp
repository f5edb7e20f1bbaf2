#pragma once
// How alike two incident reports are, whatever language the agents wrote them in
// (French, English, Swahili, Kinyarwanda, or a mix), for the triage duplicate hints.
//
// Three signals, each in [0, 1]:
// - text: the Dice coefficient of the character trigram sets of the two descriptions,
//   after folding case and accents and dropping punctuation ("Puits N°3 !" and "puits n 3"
//   are the same text). Trigrams of words, not whole words, so inflections ("enfant",
//   "enfants") and spelling variants still share most of their trigrams.
// - numbers: the numbers the descriptions name (digits, or the number words one to ten in
//   the four languages), apart from the people counts of the record itself (those are the
//   third signal). Their overlap: |A and B| / min(|A|, |B|), so one report naming a depth
//   the other leaves out does not count against them, but "pit 12" against "pit 31" does.
//   Unknown when either description names none.
// - people: how close the counts of children, women and men are (1 when equal). Unknown
//   when both records have none.
//
// The score is the weighted mean of the known signals (text 0.45, numbers 0.35, people
// 0.20), halved when the numbers contradict each other (none in common): two reports built
// from the same sentence about different pits are different events. Numbers and people
// carry reports of one event written in two languages, where the text shares few trigrams.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mwangaza::core {

// Lower case, accents folded to the base letter (é -> e, ß -> ss, œ -> oe), everything
// that is not a letter or digit replaced by one space, trimmed. UTF-8 in and out; letters
// outside Latin scripts are kept as they are. Invalid UTF-8 bytes are dropped.
std::string normalise_text(std::string_view text);

// What a description contributes to a comparison, computed once per record.
struct TextFingerprint {
    std::vector<std::uint64_t> trigrams; // sorted, unique
    std::vector<long long> numbers;      // sorted, unique
};

TextFingerprint fingerprint(std::string_view description);

struct ReportForComparison {
    const TextFingerprint* text = nullptr;
    int children = 0;
    int women = 0;
    int men = 0;
};

struct Similarity {
    std::optional<double> text;
    std::optional<double> numbers;
    std::optional<double> people;
    double score = 0.0;
};

// Dice coefficient of two sorted unique sets; 0 when both are empty.
double dice(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b);

Similarity compare_reports(const ReportForComparison& a, const ReportForComparison& b);

// At or above this score two records at the same site, in the same risk area and within
// the window are shown as possible duplicates.
inline constexpr double k_duplicate_threshold = 0.55;
// Days either side of the observation date a duplicate may have been observed.
inline constexpr int k_duplicate_window_days = 7;

} // namespace mwangaza::core
