#include "core/Similarity.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>

namespace mwangaza::core {

namespace {

// Latin-1 letters U+00C0..U+00FF folded to ASCII; "" for the two signs (× ÷).
constexpr std::array<const char*, 64> k_latin1{
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",  //
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss", //
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",  //
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y"};

// Latin Extended-A U+0100..U+017F by ranges of the same base letter.
struct Range {
    char32_t first, last;
    const char* base;
};
constexpr std::array<Range, 25> k_latin_ext_a{{
    {0x100, 0x105, "a"}, {0x106, 0x10D, "c"}, {0x10E, 0x111, "d"}, {0x112, 0x11B, "e"}, {0x11C, 0x123, "g"},
    {0x124, 0x127, "h"}, {0x128, 0x131, "i"}, {0x132, 0x133, "ij"}, {0x134, 0x135, "j"}, {0x136, 0x138, "k"},
    {0x139, 0x142, "l"}, {0x143, 0x14B, "n"}, {0x14C, 0x151, "o"}, {0x152, 0x153, "oe"}, {0x154, 0x159, "r"},
    {0x15A, 0x161, "s"}, {0x162, 0x167, "t"}, {0x168, 0x173, "u"}, {0x174, 0x175, "w"}, {0x176, 0x178, "y"},
    {0x179, 0x17E, "z"}, {0x17F, 0x17F, "s"}, {0x218, 0x219, "s"}, {0x21A, 0x21B, "t"}, {0x1E9E, 0x1E9E, "ss"},
}};

// Decodes one UTF-8 sequence at `i`; advances `i`. Returns 0xFFFFFFFF for an invalid byte.
char32_t decode(std::string_view s, std::size_t& i)
{
    const auto b0 = static_cast<unsigned char>(s[i++]);
    if (b0 < 0x80)
        return b0;
    int extra = 0;
    char32_t cp = 0;
    if ((b0 & 0xE0) == 0xC0) {
        extra = 1;
        cp = b0 & 0x1F;
    } else if ((b0 & 0xF0) == 0xE0) {
        extra = 2;
        cp = b0 & 0x0F;
    } else if ((b0 & 0xF8) == 0xF0) {
        extra = 3;
        cp = b0 & 0x07;
    } else {
        return 0xFFFFFFFF;
    }
    for (int k = 0; k < extra; ++k) {
        if (i >= s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80)
            return 0xFFFFFFFF;
        cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3F);
    }
    return cp;
}

void encode(char32_t cp, std::string& out)
{
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xC0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += char(0xE0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    } else {
        out += char(0xF0 | (cp >> 18));
        out += char(0x80 | ((cp >> 12) & 0x3F));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    }
}

bool is_separator(char32_t cp)
{
    if (cp < 0x80)
        return !((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9'));
    return (cp >= 0x80 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 || (cp >= 0x2000 && cp <= 0x2BFF) ||
           (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xFF00 && cp <= 0xFF0F) ||
           cp == 0xFEFF;
}

// The folded form of one code point into `out`; false when it separates words.
bool fold(char32_t cp, std::string& out)
{
    if (cp >= 0x300 && cp <= 0x36F) // combining accents (decomposed text): dropped
        return true;
    if (is_separator(cp))
        return false;
    if (cp < 0x80) {
        out += char(cp >= 'A' && cp <= 'Z' ? cp - 'A' + 'a' : cp);
        return true;
    }
    if (cp >= 0xC0 && cp <= 0xFF) {
        out += k_latin1[cp - 0xC0];
        return true;
    }
    for (const auto& r : k_latin_ext_a)
        if (cp >= r.first && cp <= r.last) {
            out += r.base;
            return true;
        }
    encode(cp, out);
    return true;
}

struct NumberWord {
    std::string_view word;
    int value;
};

// Number words an agent may write out, in English, French, Swahili and Kinyarwanda
// (including the forms that agree with people). "one", "un", "une" are left out: they are
// articles far more often than counts.
constexpr std::array<NumberWord, 52> k_number_words{{
    {"two", 2},     {"three", 3},  {"four", 4},     {"five", 5},     {"six", 6},         {"seven", 7},
    {"eight", 8},   {"nine", 9},   {"ten", 10},     {"deux", 2},     {"trois", 3},       {"quatre", 4},
    {"cinq", 5},    {"sept", 7},   {"huit", 8},     {"dix", 10},     {"moja", 1},        {"mbili", 2},
    {"tatu", 3},    {"nne", 4},    {"tano", 5},     {"sita", 6},     {"saba", 7},        {"nane", 8},
    {"tisa", 9},    {"kumi", 10},  {"wawili", 2},   {"watatu", 3},   {"wanne", 4},       {"watano", 5},
    {"rimwe", 1},   {"kabiri", 2}, {"gatatu", 3},   {"kane", 4},     {"gatanu", 5},      {"gatandatu", 6},
    {"karindwi", 7}, {"umunani", 8}, {"icyenda", 9}, {"icumi", 10},  {"babiri", 2},      {"batatu", 3},
    {"bane", 4},    {"batanu", 5}, {"batandatu", 6}, {"neuf", 9},    {"douze", 12},      {"vingt", 20},
    {"twelve", 12}, {"twenty", 20}, {"ishirini", 20}, {"makumyabiri", 20},
}};

std::uint64_t trigram(char32_t a, char32_t b, char32_t c)
{
    return (std::uint64_t(a) << 42) | (std::uint64_t(b) << 21) | std::uint64_t(c);
}

template <typename T>
void sort_unique(std::vector<T>& v)
{
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
}

template <typename T>
std::size_t common(const std::vector<T>& a, const std::vector<T>& b)
{
    std::size_t n = 0;
    for (auto i = a.begin(), j = b.begin(); i != a.end() && j != b.end();) {
        if (*i < *j)
            ++i;
        else if (*j < *i)
            ++j;
        else {
            ++n;
            ++i;
            ++j;
        }
    }
    return n;
}

} // namespace

std::string normalise_text(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    bool pending_space = false;
    for (std::size_t i = 0; i < text.size();) {
        const char32_t cp = decode(text, i);
        if (cp == 0xFFFFFFFF)
            continue;
        std::string piece;
        if (!fold(cp, piece)) {
            pending_space = !out.empty();
            continue;
        }
        if (piece.empty())
            continue;
        if (pending_space) {
            out += ' ';
            pending_space = false;
        }
        out += piece;
    }
    return out;
}

TextFingerprint fingerprint(std::string_view description)
{
    TextFingerprint f;
    const std::string text = normalise_text(description);
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find(' ', start);
        if (end == std::string::npos)
            end = text.size();
        const std::string_view word(text.data() + start, end - start);
        // Trigrams of " word " in code points.
        std::vector<char32_t> cps{U' '};
        for (std::size_t i = 0; i < word.size();)
            cps.push_back(decode(word, i));
        cps.push_back(U' ');
        for (std::size_t i = 0; i + 2 < cps.size(); ++i)
            f.trigrams.push_back(trigram(cps[i], cps[i + 1], cps[i + 2]));
        // Numbers: every run of digits ("P12" names 12, "45m" 45), or a number word.
        for (std::size_t i = 0; i < word.size();) {
            if (word[i] < '0' || word[i] > '9') {
                ++i;
                continue;
            }
            std::size_t j = i;
            while (j < word.size() && word[j] >= '0' && word[j] <= '9')
                ++j;
            const std::string digits(word.substr(i, std::min<std::size_t>(j - i, 15)));
            f.numbers.push_back(std::strtoll(digits.c_str(), nullptr, 10));
            i = j;
        }
        for (const auto& w : k_number_words)
            if (w.word == word)
                f.numbers.push_back(w.value);
        start = end + 1;
    }
    sort_unique(f.trigrams);
    sort_unique(f.numbers);
    return f;
}

double dice(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b)
{
    if (a.empty() && b.empty())
        return 0.0;
    return 2.0 * double(common(a, b)) / double(a.size() + b.size());
}

Similarity compare_reports(const ReportForComparison& a, const ReportForComparison& b)
{
    Similarity s;
    static const TextFingerprint empty;
    const TextFingerprint& fa = a.text ? *a.text : empty;
    const TextFingerprint& fb = b.text ? *b.text : empty;
    if (!fa.trigrams.empty() || !fb.trigrams.empty())
        s.text = dice(fa.trigrams, fb.trigrams);

    // The numbers apart from the record's own people counts (compared below).
    auto other_numbers = [](const TextFingerprint& f, const ReportForComparison& r) {
        std::vector<long long> n;
        for (long long v : f.numbers)
            if (v == 0 || (v != r.children && v != r.women && v != r.men && v != r.children + r.women + r.men))
                n.push_back(v);
        return n;
    };
    const auto na = other_numbers(fa, a);
    const auto nb = other_numbers(fb, b);
    if (!na.empty() && !nb.empty())
        s.numbers = double(common(na, nb)) / double(std::min(na.size(), nb.size()));

    const int total_a = a.children + a.women + a.men;
    const int total_b = b.children + b.women + b.men;
    if (total_a > 0 || total_b > 0) {
        const int diff = std::abs(a.children - b.children) + std::abs(a.women - b.women) + std::abs(a.men - b.men);
        const int scale = std::max(a.children, b.children) + std::max(a.women, b.women) + std::max(a.men, b.men);
        s.people = diff == 0 ? 1.0 : std::max(0.0, 1.0 - 2.0 * double(diff) / double(scale));
    }

    double sum = 0.0, weight = 0.0;
    auto add = [&](const std::optional<double>& v, double w) {
        if (v) {
            sum += w * *v;
            weight += w;
        }
    };
    add(s.text, 0.45);
    add(s.numbers, 0.35);
    add(s.people, 0.20);
    s.score = weight > 0.0 ? sum / weight : 0.0;
    if (s.numbers && *s.numbers == 0.0)
        s.score *= 0.5;
    return s;
}

} // namespace mwangaza::core
