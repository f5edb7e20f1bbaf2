#include "app/DemoProgramme.hpp"

#include "app/DemoData.hpp"
#include "core/Error.hpp"
#include "core/I18n.hpp"
#include "core/RiskMatrix.hpp"
#include "core/Taxonomy.hpp"
#include "store/Database.hpp"
#include "store/ProgrammeWriter.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <functional>
#include <map>
#include <numeric>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace mwangaza::app {

namespace {

using namespace demo;
namespace fs = std::filesystem;

constexpr std::uint64_t k_seed = 0x4D57475A20210401ULL;
constexpr int k_last_day = 364; // day 0 = 2021-04-01, day 364 = 2022-03-31
constexpr int k_max_scale = 1000;

// The programme's published figures (domain.md, "Demo programme").
constexpr int k_verified_other = 1808;           // verified incidents outside child labour
constexpr int k_other_copperbelt = 760;          // of which at cobalt-copper sites
constexpr int k_other_east = 560;                // eastern DRC
constexpr int k_other_rwanda = 488;              // Rwanda
constexpr int k_drc_child_labour = 170;          // child labour + WFCL, DRC, focus site excluded
constexpr int k_drc_wfcl = 83;                   // of which WFCL
constexpr int k_workshops = 140;
constexpr int k_child_actions = 122;             // issued on child labour risks
constexpr int k_child_progressing = 97;
constexpr int k_other_actions = 1098 - k_child_actions;
constexpr int k_other_progressing = 888 - k_child_progressing;
constexpr int k_draft_actions = 45;
// Incidents still in triage or rejected.
constexpr int k_new = 110, k_in_review = 70, k_needs_info = 45, k_rejected = 85;

// ---------------------------------------------------------------------------------
// Dates as day numbers (H. Hinnant's civil calendar algorithms).

int days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void civil_from_days(int z, int& y, int& m, int& d)
{
    z += 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const int doe = z - era * 146097;
    const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = yoe + era * 400 + (m <= 2);
}

const int k_day0 = days_from_civil(2021, 4, 1);

void put2(std::string& s, int v)
{
    s += char('0' + v / 10);
    s += char('0' + v % 10);
}

// Programme day -> "YYYY-MM-DD".
std::string iso_date(int day)
{
    int y, m, d;
    civil_from_days(k_day0 + day, y, m, d);
    std::string s = std::to_string(y) + "-";
    put2(s, m);
    s += '-';
    put2(s, d);
    return s;
}

// Programme day and minute of the day -> "YYYY-MM-DDTHH:MM:SSZ".
std::string iso_time(int day, int minute)
{
    std::string s = iso_date(day) + "T";
    put2(s, minute / 60);
    s += ':';
    put2(s, minute % 60);
    s += ":00Z";
    return s;
}

// 0 = Sunday .. 6 = Saturday
int weekday(int day)
{
    const int z = k_day0 + day;
    return z >= -4 ? (z + 4) % 7 : (z + 5) % 7 + 6;
}

// Day of the first day of month `index` (0 = April 2021).
int month_start(int index)
{
    const int y = 2021 + (index + 3) / 12;
    const int m = (index + 3) % 12 + 1;
    return days_from_civil(y, m, 1) - k_day0;
}

// ---------------------------------------------------------------------------------
// Randomness: mt19937_64's sequence is fixed by the standard; every draw below uses
// integer arithmetic on it, so the demo is identical on every platform and library.

class Rng {
public:
    explicit Rng(std::uint64_t seed) : m_engine(seed) {}
    std::uint64_t below(std::uint64_t n) { return n ? m_engine() % n : 0; }
    int between(int lo, int hi) { return lo + int(below(std::uint64_t(hi - lo + 1))); }
    bool percent(int p) { return int(below(100)) < p; }
    template <typename T>
    const T& pick(const std::vector<T>& v) { return v[std::size_t(below(v.size()))]; }
    template <typename T>
    const T& pick(std::span<const T> v) { return v[std::size_t(below(v.size()))]; }
    // Index drawn with probability proportional to weights (all >= 0, sum > 0).
    std::size_t weighted(const std::vector<std::int64_t>& weights)
    {
        const std::int64_t total = std::accumulate(weights.begin(), weights.end(), std::int64_t{0});
        std::int64_t r = std::int64_t(below(std::uint64_t(total)));
        for (std::size_t i = 0; i < weights.size(); ++i) {
            if (r < weights[i])
                return i;
            r -= weights[i];
        }
        return weights.size() - 1;
    }
    template <typename T>
    void shuffle(std::vector<T>& v)
    {
        for (std::size_t i = v.size(); i > 1; --i)
            std::swap(v[i - 1], v[std::size_t(below(i))]);
    }

private:
    std::mt19937_64 m_engine;
};

// Largest-remainder apportionment of `total` over `weights` (ties to the lower index).
std::vector<int> apportion(int total, const std::vector<std::int64_t>& weights)
{
    const std::int64_t sum = std::accumulate(weights.begin(), weights.end(), std::int64_t{0});
    std::vector<int> out(weights.size(), 0);
    if (sum <= 0 || total <= 0)
        return out;
    std::vector<std::pair<std::int64_t, std::size_t>> remainders;
    int given = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        const std::int64_t exact = std::int64_t(total) * weights[i];
        out[i] = int(exact / sum);
        given += out[i];
        remainders.emplace_back(exact % sum, i);
    }
    std::stable_sort(remainders.begin(), remainders.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t k = 0; given < total; ++k, ++given)
        ++out[remainders[k % remainders.size()].second];
    return out;
}

std::string replace_all(std::string text, std::string_view key, const std::string& value)
{
    for (std::size_t pos = text.find(key); pos != std::string::npos; pos = text.find(key, pos + value.size()))
        text.replace(pos, key.size(), value);
    return text;
}

// ---------------------------------------------------------------------------------
// The programme at scale 1, planned in memory; written N times.

struct PlanStakeholder {
    std::string name;
    std::string type;
    std::string contact;
    std::string languages;
    std::vector<int> sites;
};

struct PlanChange {
    std::string from;
    std::string to;
    std::string reason;
    bool by_reporter = false;
    std::string by; // expert when not the reporter
    std::string at;
};

struct PlanIncident {
    int site = 0;
    std::string area;
    int day = 0;
    int submitted_minute = 0; // minutes since day 0, for ordering
    std::string uuid_head;    // the first 24 characters of the source id
    std::string submitted_at;
    std::string observed_on;
    std::string reporter;
    double lat = 0, lon = 0;
    bool flag = false;
    std::string description;
    std::string language;
    int children = 0, women = 0, men = 0;
    std::string attachments;
    std::string status;
    std::string updated_at;
    int verified_day = -1;
    std::vector<PlanChange> history;
};

struct PlanAssessment {
    int severity = 1, likelihood = 1;
    std::string level;
    bool red_flag = false;
    std::string decision, decision_on, rationale, assessor, assessed_on;
};

struct PlanRisk {
    int site = 0;
    std::string area;
    std::string title;
    std::string status = "open";
    int opened_day = 0;
    std::string opened_on, closed_on;
    std::vector<int> incidents; // indexes into Plan::incidents
    std::vector<PlanAssessment> assessments;
};

struct PlanAttendee {
    std::optional<int> stakeholder;
    std::string name;
    std::string role;
};

struct PlanWorkshop {
    int site = 0;
    int day = 0;
    std::string held_on, facilitator, minutes;
    std::vector<PlanAttendee> attendees;
};

struct PlanProgress {
    std::optional<int> workshop;
    int day = 0;
    std::string recorded_on, from, to, note, evidence, by;
};

struct PlanAction {
    int risk = 0;
    int site = 0;
    std::string title, description;
    std::optional<int> responsible;
    std::vector<int> supporters;
    std::optional<int> workshop;
    int issued_day = -1;
    std::string issued_on, due_on, priority, status, reason, created_at, updated_at;
    std::vector<PlanProgress> progress;
};

struct PlanSite {
    const SiteSpec* spec = nullptr;
    std::vector<std::string> agents;
    std::map<std::string, int> by_type; // first stakeholder of each type linked to the site
    std::vector<int> stakeholders;
    std::vector<int> workshops; // in date order
};

struct Plan {
    std::vector<PlanSite> sites;
    std::vector<PlanStakeholder> stakeholders;
    std::vector<PlanIncident> incidents;
    std::vector<PlanRisk> risks;
    std::vector<PlanWorkshop> workshops;
    std::vector<PlanAction> actions;
};

std::string phone(Rng& rng, bool rwanda)
{
    std::string s = rwanda ? "+250 78" : "+243 9" + std::to_string(rng.between(7, 9));
    s += " " + std::to_string(rng.between(100, 999)) + " " + std::to_string(rng.between(1000, 9999));
    return s;
}

std::string office_code(const SiteSpec& s)
{
    std::string name(office_for(s.province).name);
    std::string code;
    for (std::size_t i = 0; i < 3 && i < name.size(); ++i)
        code += char(std::toupper(static_cast<unsigned char>(name[i])));
    return code;
}

// Province-wide stakeholders: NGO, radio and trader names (fictional organisations).
struct ProvinceActors {
    std::string_view province;
    std::string_view ngo;
    std::string_view radio;
    std::string_view trader;
};

constexpr std::array<ProvinceActors, 10> k_province_actors{{
    {"Lualaba", "Action pour la protection de l'enfance au Lualaba (APEL)", "Radio communautaire de Kolwezi",
     "Entité de traitement Kolwezi Minerals"},
    {"Haut-Katanga", "Réseau des droits de l'enfant du Haut-Katanga", "Radio communautaire de Likasi",
     "Comptoir Katanga Cobalt Trading"},
    {"South Kivu", "Collectif pour les droits des creuseurs du Sud-Kivu", "Radio communautaire de Kalehe",
     "Comptoir Kivu Étain"},
    {"North Kivu", "Initiative paix et mines du Nord-Kivu", "Radio communautaire de Walikale",
     "Comptoir Grands Lacs Minerais"},
    {"Maniema", "Association des femmes minières du Maniema", "Radio communautaire de Kindu",
     "Comptoir Maniema Mining"},
    {"Western Province", "Kivu Lake Miners' Rights Forum", "Radio Huguka Karongi", "Western Minerals Exporters Ltd"},
    {"Northern Province", "Northern Mining Communities Network", "Radio Musanze Community FM", "Rulindo Tungsten Traders Ltd"},
    {"Southern Province", "Southern Province Child Rights Association", "Radio Huye Community FM", "Muhanga Minerals Export Ltd"},
    {"Eastern Province", "Eastern Mining Communities Forum", "Radio Rwamagana Community FM", "Eastern Tin Traders Ltd"},
    {"Kigali City", "Kigali Artisanal Miners' Support Organisation", "Radio Kigali Community FM", "Kigali Minerals Smelter Supply Ltd"},
}};

const ProvinceActors& actors_for(std::string_view province)
{
    for (const auto& a : k_province_actors)
        if (a.province == province)
            return a;
    return k_province_actors.front();
}

class Planner {
public:
    Planner() : m_rng(k_seed), m_matrix(core::RiskMatrix::programme_default()) {}

    Plan plan(const core::RiskMatrix& matrix)
    {
        m_matrix = matrix;
        plan_sites();
        plan_stakeholders();
        plan_verified_incidents();
        plan_triage_incidents();
        order_incidents();
        plan_risks();
        plan_workshops();
        plan_actions();
        plan_attendees_and_minutes();
        return std::move(m_plan);
    }

private:
    Rng m_rng;
    core::RiskMatrix m_matrix;
    Plan m_plan;

    // ---- sites and stakeholders ---------------------------------------------------

    void plan_sites()
    {
        const auto specs = sites();
        std::map<std::string, int> agents_per_office;
        for (const auto& spec : specs) {
            PlanSite s;
            s.spec = &spec;
            const std::string office = office_code(spec);
            const int n = spec.active ? 2 : 1;
            for (int i = 0; i < n; ++i) {
                const int number = ++agents_per_office[office];
                std::string id = "AG-" + office + "-";
                id += number < 10 ? "00" : number < 100 ? "0" : "";
                id += std::to_string(number);
                s.agents.push_back(id);
            }
            m_plan.sites.push_back(std::move(s));
        }
    }

    int add_stakeholder(std::string name, std::string type, bool rwanda, std::string languages,
                        const std::vector<int>& site_indexes)
    {
        PlanStakeholder st;
        st.name = std::move(name);
        st.type = std::move(type);
        st.contact = phone(m_rng, rwanda);
        st.languages = std::move(languages);
        st.sites = site_indexes;
        const int id = int(m_plan.stakeholders.size());
        for (int s : site_indexes) {
            auto& site = m_plan.sites[std::size_t(s)];
            site.stakeholders.push_back(id);
            site.by_type.emplace(st.type, id);
        }
        m_plan.stakeholders.push_back(std::move(st));
        return id;
    }

    void plan_stakeholders()
    {
        // Site-level: the cooperative or operator, the miners' committee, local leaders.
        for (std::size_t i = 0; i < m_plan.sites.size(); ++i) {
            const SiteSpec& s = *m_plan.sites[i].spec;
            const bool rw = s.country == "RW";
            const std::string langs = rw ? "rw,en,fr" : "fr,sw";
            const std::vector<int> one{int(i)};
            const std::string name(s.name);
            const bool company = std::string_view(s.operator_name).find("Ltd") != std::string_view::npos;
            add_stakeholder(std::string(s.operator_name), company ? "operator" : "cooperative", rw, langs, one);
            if (company) // a company site still has a miners' cooperative
                add_stakeholder(name + " Miners Cooperative", "cooperative", rw, langs, one);
            add_stakeholder(rw ? "Artisanal miners' committee of " + name : "Comité des creuseurs de " + name,
                            "asm_miners", rw, langs, one);
            if (rw) {
                add_stakeholder(name + " village committee", "community_representative", rw, langs, one);
            } else {
                add_stakeholder("Chef de localité de " + name, "traditional_authority", rw, langs, one);
                add_stakeholder("Comité local de développement de " + name, "community_representative", rw, langs,
                                one);
            }
            if (i % 3 == 0)
                add_stakeholder(rw ? name + " Catholic parish" : "Paroisse de " + name, "religious_leader", rw, langs,
                                one);
        }

        // Province-level: state services, government, security, NGO, radio, trader.
        std::vector<std::string> provinces;
        for (const auto& ps : m_plan.sites)
            if (std::find(provinces.begin(), provinces.end(), ps.spec->province) == provinces.end())
                provinces.emplace_back(ps.spec->province);
        for (const auto& province : provinces) {
            std::vector<int> in;
            bool rw = false;
            for (std::size_t i = 0; i < m_plan.sites.size(); ++i)
                if (m_plan.sites[i].spec->province == province) {
                    in.push_back(int(i));
                    rw = m_plan.sites[i].spec->country == "RW";
                }
            const std::string langs = rw ? "rw,en,fr" : "fr,sw";
            if (rw) {
                add_stakeholder("Rwanda Mines, Petroleum and Gas Board (RMB), " + province, "state_service", rw,
                                langs, in);
                add_stakeholder("Rwanda National Police, " + province, "security_sector", rw, langs, in);
                std::vector<std::string> districts;
                for (int i : in)
                    if (std::find(districts.begin(), districts.end(), m_plan.sites[std::size_t(i)].spec->territory) ==
                        districts.end())
                        districts.emplace_back(m_plan.sites[std::size_t(i)].spec->territory);
                for (const auto& district : districts) {
                    std::vector<int> of;
                    for (int i : in)
                        if (m_plan.sites[std::size_t(i)].spec->territory == district)
                            of.push_back(i);
                    add_stakeholder(district + " District, mining and environment office", "government", rw, langs, of);
                }
            } else {
                add_stakeholder("SAEMAPE " + province, "state_service", rw, langs, in);
                add_stakeholder("CEEC " + province, "state_service", rw, langs, in);
                add_stakeholder("Police des mines, " + province, "state_service", rw, langs, in);
                add_stakeholder("Division provinciale des mines, " + province, "state_service", rw, langs, in);
                add_stakeholder("Ministère provincial des mines, " + province, "government", rw, langs, in);
                add_stakeholder("Police nationale congolaise, " + province, "security_sector", rw, langs, in);
            }
            const auto& actors = actors_for(province);
            add_stakeholder(std::string(actors.ngo), "ngo", rw, langs, in);
            add_stakeholder(std::string(actors.radio), "media", rw, langs, in);
            add_stakeholder(std::string(actors.trader), "upstream_industry", rw, langs, in);
        }

        // Country-level development partners.
        for (const char* country : {"CD", "RW"}) {
            std::vector<int> in;
            for (std::size_t i = 0; i < m_plan.sites.size(); ++i)
                if (m_plan.sites[i].spec->country == country)
                    in.push_back(int(i));
            const bool rw = std::string_view(country) == "RW";
            add_stakeholder(rw ? "UNICEF Rwanda" : "UNICEF RDC", "development_partner", rw, "en,fr", in);
            add_stakeholder(rw ? "GIZ Rwanda" : "GIZ RDC", "development_partner", rw, "en,fr", in);
        }
    }

    // ---- incidents ----------------------------------------------------------------

    std::vector<int> active_sites(std::optional<Region> region, bool exclude_focus = false) const
    {
        std::vector<int> out;
        for (std::size_t i = 0; i < m_plan.sites.size(); ++i) {
            const SiteSpec& s = *m_plan.sites[i].spec;
            if (!s.active || (region && s.region != *region) || (exclude_focus && i == focus_site()))
                continue;
            out.push_back(int(i));
        }
        return out;
    }

    std::int64_t site_weight(int site) const
    {
        return m_plan.sites[std::size_t(site)].spec->miners / 100 + 10;
    }

    int pick_site(const std::vector<int>& candidates, bool cobalt_heavy = false)
    {
        std::vector<std::int64_t> w;
        for (int s : candidates) {
            std::int64_t weight = site_weight(s);
            if (cobalt_heavy && m_plan.sites[std::size_t(s)].spec->region == Region::Copperbelt)
                weight *= 3;
            w.push_back(weight);
        }
        return candidates[m_rng.weighted(w)];
    }

    void fill_incident(PlanIncident& inc)
    {
        const PlanSite& site = m_plan.sites[std::size_t(inc.site)];
        const SiteSpec& spec = *site.spec;
        inc.observed_on = iso_date(inc.day);
        inc.reporter = m_rng.pick(site.agents);
        inc.lat = spec.lat + double(int(m_rng.below(801)) - 400) / 100000.0;
        inc.lon = spec.lon + double(int(m_rng.below(801)) - 400) / 100000.0;
        if (inc.area == "gender")
            inc.flag = m_rng.percent(20);
        else if (inc.area == "chain_of_custody")
            inc.flag = m_rng.percent(25);

        switch (affected(inc.area)) {
        // The counts a description names ({c}, {w}, {m}) start at 2: the templates are
        // written in the plural.
        case Affected::Children:
            inc.children = m_rng.between(2, inc.area == "wfcl" ? 6 : 9);
            inc.women = m_rng.percent(30) ? m_rng.between(1, 2) : 0;
            inc.men = m_rng.percent(30) ? m_rng.between(1, 3) : 0;
            break;
        case Affected::Women: inc.women = m_rng.between(2, 6); break;
        case Affected::Men: inc.men = m_rng.between(2, 6); break;
        case Affected::Mixed:
            inc.children = m_rng.percent(40) ? m_rng.between(1, 4) : 0;
            inc.women = m_rng.between(2, 5);
            inc.men = m_rng.between(2, 6);
            break;
        case Affected::Nobody: break;
        }

        const auto templates = descriptions(inc.area);
        const DescriptionTemplate& t = templates[std::size_t(m_rng.below(templates.size()))];
        const int roll = int(m_rng.below(100));
        std::string_view text;
        if (spec.country == "RW") {
            inc.language = roll < 85 ? "en" : "fr";
            text = roll < 85 ? t.en : t.fr;
        } else if (!t.sw.empty() && roll < 15) {
            inc.language = "sw";
            text = t.sw;
        } else if (roll < 33) {
            inc.language = "en";
            text = t.en;
        } else {
            inc.language = "fr";
            text = t.fr;
        }
        std::string d(text);
        d = replace_all(std::move(d), "{pit}", (spec.region == Region::Copperbelt ? "P" : "") +
                                                   std::to_string(m_rng.between(1, 48)));
        d = replace_all(std::move(d), "{depth}", std::to_string(m_rng.between(8, 45)));
        d = replace_all(std::move(d), "{n}", std::to_string(m_rng.between(3, 40)));
        d = replace_all(std::move(d), "{c}", std::to_string(inc.children));
        d = replace_all(std::move(d), "{w}", std::to_string(inc.women));
        d = replace_all(std::move(d), "{m}", std::to_string(inc.men));
        inc.description = std::move(d);

        // Source id: a version-4 UUID whose last group the writer fills per copy.
        static const char* hex = "0123456789abcdef";
        std::string u;
        for (int i = 0; i < 20; ++i) {
            if (i == 8 || i == 12 || i == 16)
                u += '-';
            char c = hex[m_rng.below(16)];
            if (i == 12)
                c = '4';
            if (i == 16)
                c = hex[8 + m_rng.below(4)];
            u += c;
        }
        inc.uuid_head = u + "-";

        // Photos taken on the phone form, named by the time they were taken.
        const int observed_minute = m_rng.between(7 * 60, 17 * 60);
        if (m_rng.percent(60)) {
            const int photos = m_rng.between(1, 3);
            for (int p = 0; p < photos; ++p) {
                int y, m, dd;
                civil_from_days(k_day0 + inc.day, y, m, dd);
                std::string name = "IMG_" + std::to_string(y);
                put2(name, m);
                put2(name, dd);
                name += '_';
                const int minute = observed_minute + p;
                put2(name, minute / 60);
                put2(name, minute % 60);
                put2(name, int(m_rng.below(60)));
                name += ".jpg";
                inc.attachments += (p ? "\n" : "") + name;
            }
        }

        // Submitted the same day or up to two days later, when the phone found a network.
        const int delay = m_rng.percent(60) ? 0 : m_rng.between(1, 2);
        const int submit_day = inc.day + delay;
        const int submit_minute = delay ? m_rng.between(6 * 60, 21 * 60) : std::min(observed_minute + m_rng.between(5, 240), 23 * 60);
        inc.submitted_minute = submit_day * 1440 + submit_minute;
        inc.submitted_at = iso_time(submit_day, submit_minute);
    }

    // Status history consistent with the incident lifecycle, ending at `status`.
    void plan_history(PlanIncident& inc, const std::string& status)
    {
        const SiteSpec& spec = *m_plan.sites[std::size_t(inc.site)].spec;
        const auto experts = office_for(spec.province).experts;
        const std::string expert(m_rng.pick(experts));
        inc.status = status;
        inc.history.push_back({"", "new", "", true, "", inc.submitted_at});
        int t = inc.submitted_minute;
        auto step = [&](int min_minutes, int max_minutes) {
            t += m_rng.between(min_minutes, max_minutes);
            return iso_time(t / 1440, t % 1440);
        };
        if (status == "new") {
            inc.updated_at = inc.submitted_at;
            return;
        }
        inc.history.push_back({"new", "in_review", "", false, expert, step(60, 3 * 1440)});
        if (status == "in_review") {
            inc.updated_at = inc.history.back().at;
            return;
        }
        const bool detour = status == "needs_info" || (status == "verified" && m_rng.percent(10));
        if (detour) {
            inc.history.push_back(
                {"in_review", "needs_info", std::string(m_rng.pick(needs_info_reasons())), false, expert, step(30, 2 * 1440)});
            if (status == "needs_info") {
                inc.updated_at = inc.history.back().at;
                return;
            }
            inc.history.push_back({"needs_info", "in_review", "", false, expert, step(1440, 5 * 1440)});
        }
        if (status == "rejected") {
            inc.history.push_back(
                {"in_review", "rejected", std::string(m_rng.pick(rejection_reasons())), false, expert, step(60, 4 * 1440)});
        } else {
            inc.history.push_back({"in_review", "verified", "", false, expert, step(60, 5 * 1440)});
            inc.verified_day = t / 1440;
        }
        inc.updated_at = inc.history.back().at;
    }

    void add_incident(int site, std::string area, int day, const std::string& status)
    {
        PlanIncident inc;
        inc.site = site;
        inc.area = std::move(area);
        inc.day = day;
        fill_incident(inc);
        plan_history(inc, status);
        m_plan.incidents.push_back(std::move(inc));
    }

    void plan_verified_incidents()
    {
        // Rwanda: 4 child labour incidents, 3 of them WFCL, at three sites.
        auto rwanda = active_sites(Region::Rwanda3T);
        m_rng.shuffle(rwanda);
        add_incident(rwanda[0], "child_labour", m_rng.between(0, k_last_day), "verified");
        add_incident(rwanda[1], "wfcl", m_rng.between(0, k_last_day), "verified");
        add_incident(rwanda[2], "wfcl", m_rng.between(0, k_last_day), "verified");
        add_incident(rwanda[2], "wfcl", m_rng.between(0, k_last_day), "verified");

        // The Lualaba focus site, quarter by quarter: 22, 33, 7, 4 (child labour, WFCL).
        struct Quarter {
            int first_month, child_labour, wfcl;
        };
        for (const Quarter q : {Quarter{0, 11, 11}, Quarter{3, 17, 16}, Quarter{6, 4, 3}, Quarter{9, 2, 2}}) {
            const int from = month_start(q.first_month);
            const int to = month_start(q.first_month + 3) - 1;
            for (int i = 0; i < q.child_labour + q.wfcl; ++i)
                add_incident(int(focus_site()), i < q.child_labour ? "child_labour" : "wfcl", m_rng.between(from, to),
                             "verified");
        }

        // Other DRC sites: 170 child labour incidents, 83 of them WFCL, mostly cobalt.
        const auto drc = [&] {
            auto v = active_sites(Region::Copperbelt, true);
            for (int s : active_sites(Region::EastDrc3TG))
                v.push_back(s);
            return v;
        }();
        for (int i = 0; i < k_drc_child_labour; ++i)
            add_incident(pick_site(drc, true), i < k_drc_wfcl ? "wfcl" : "child_labour", m_rng.between(0, k_last_day),
                         "verified");

        // Every other risk area, by region profile.
        const auto areas = core::risk_areas();
        for (const auto& [region, total] : {std::pair{Region::Copperbelt, k_other_copperbelt},
                                            std::pair{Region::EastDrc3TG, k_other_east},
                                            std::pair{Region::Rwanda3T, k_other_rwanda}}) {
            const auto weights = area_weights(region);
            const auto counts = apportion(total, std::vector<std::int64_t>(weights.begin(), weights.end()));
            const auto candidates = active_sites(region);
            for (std::size_t a = 0; a < areas.size(); ++a)
                for (int i = 0; i < counts[a]; ++i)
                    add_incident(pick_site(candidates), std::string(areas[a].code), m_rng.between(0, k_last_day),
                                 "verified");
        }
        static_assert(k_other_copperbelt + k_other_east + k_other_rwanda == k_verified_other);
    }

    void plan_triage_incidents()
    {
        const auto candidates = active_sites(std::nullopt);
        const auto areas = core::risk_areas();
        struct Batch {
            const char* status;
            int count, from, to;
        };
        for (const Batch b : {Batch{"new", k_new, k_last_day - 40, k_last_day},
                              Batch{"in_review", k_in_review, k_last_day - 60, k_last_day - 3},
                              Batch{"needs_info", k_needs_info, k_last_day - 100, k_last_day - 8},
                              Batch{"rejected", k_rejected, 0, k_last_day - 10}}) {
            for (int i = 0; i < b.count; ++i) {
                const int site = pick_site(candidates);
                const auto weights = area_weights(m_plan.sites[std::size_t(site)].spec->region);
                std::vector<std::int64_t> w(weights.begin(), weights.end());
                w[0] = w[1] = 4; // child labour and WFCL are reported everywhere
                add_incident(site, std::string(areas[m_rng.weighted(w)].code), m_rng.between(b.from, b.to), b.status);
            }
        }
    }

    // Ids follow the order in which submissions reached the office.
    void order_incidents()
    {
        std::stable_sort(m_plan.incidents.begin(), m_plan.incidents.end(),
                         [](const PlanIncident& a, const PlanIncident& b) { return a.submitted_minute < b.submitted_minute; });
    }

    // ---- risks and assessments ------------------------------------------------------

    static int likelihood_for(std::size_t incidents)
    {
        if (incidents >= 10)
            return 5;
        if (incidents >= 4)
            return 4;
        if (incidents >= 2)
            return 3;
        return 2;
    }

    void plan_risks()
    {
        std::map<std::pair<int, std::string>, int> index;
        for (std::size_t i = 0; i < m_plan.incidents.size(); ++i) {
            const auto& inc = m_plan.incidents[i];
            if (inc.status != "verified")
                continue;
            auto [it, added] = index.emplace(std::pair{inc.site, inc.area}, int(m_plan.risks.size()));
            if (added) {
                PlanRisk r;
                r.site = inc.site;
                r.area = inc.area;
                r.opened_day = inc.verified_day;
                m_plan.risks.push_back(std::move(r));
            }
            auto& risk = m_plan.risks[std::size_t(it->second)];
            risk.incidents.push_back(int(i));
            risk.opened_day = std::min(risk.opened_day, inc.verified_day);
        }
        // Risks in site then taxonomy order.
        const auto areas = core::risk_areas();
        auto area_pos = [&](const std::string& code) {
            return std::find_if(areas.begin(), areas.end(), [&](const core::RiskArea& a) { return a.code == code; }) -
                   areas.begin();
        };
        std::stable_sort(m_plan.risks.begin(), m_plan.risks.end(), [&](const PlanRisk& a, const PlanRisk& b) {
            return a.site != b.site ? a.site < b.site : area_pos(a.area) < area_pos(b.area);
        });

        for (auto& risk : m_plan.risks) {
            const core::RiskArea& area = *core::find_risk_area(risk.area);
            const SiteSpec& spec = *m_plan.sites[std::size_t(risk.site)].spec;
            risk.title = std::string(area.label) + " at " + std::string(spec.name);
            risk.opened_on = iso_date(risk.opened_day);
            std::vector<int> days;
            bool flagged = false;
            for (int i : risk.incidents) {
                days.push_back(m_plan.incidents[std::size_t(i)].verified_day);
                flagged = flagged || m_plan.incidents[std::size_t(i)].flag;
            }
            std::sort(days.begin(), days.end());
            const int last_observed = [&] {
                int d = 0;
                for (int i : risk.incidents)
                    d = std::max(d, m_plan.incidents[std::size_t(i)].day);
                return d;
            }();
            if (risk.incidents.size() <= 2 && last_observed < 120) {
                risk.status = "closed";
                risk.closed_on = iso_date(std::min(k_last_day, days.back() + 150));
            }

            int severity = base_severity(risk.area) + int(m_rng.below(4)) / 2 - (m_rng.percent(25) ? 1 : 0);
            severity = std::clamp(severity, 1, 5);
            const auto experts = office_for(spec.province).experts;
            // Initial assessment, then quarterly reviews while incidents keep coming.
            std::size_t assessed = 0; // incidents known at the previous assessment
            for (int at = risk.opened_day; at == risk.opened_day || at <= k_last_day; at += 91) {
                const auto known = std::size_t(std::upper_bound(days.begin(), days.end(), at) - days.begin());
                if (known == assessed)
                    break; // nothing new since the last review
                assessed = known;
                PlanAssessment a;
                a.severity = severity;
                a.likelihood = likelihood_for(known);
                const auto result = m_matrix.assess(area, a.severity, a.likelihood, flagged);
                a.level = std::string(core::risk_level_code(result.level));
                a.red_flag = result.red_flag;
                a.assessor = std::string(m_rng.pick(experts));
                a.assessed_on = iso_date(at);
                a.rationale = known == 1 ? "1 verified incident on " + iso_date(days.front())
                                         : std::to_string(known) + " verified incidents from " + iso_date(days.front()) +
                                               " to " + iso_date(days[known - 1]);
                a.rationale += std::string(". Severity: ") + core::severity_label(a.severity) +
                              "; likelihood: " + core::likelihood_label(a.likelihood) + ".";
                if (a.red_flag) {
                    if (risk.area == "non_state_armed_groups" || risk.area == "ihl")
                        a.decision = a.likelihood >= 4 ? "disengage" : "suspend";
                    else
                        a.decision = result.level == core::RiskLevel::VeryHigh ? "suspend" : "mitigate";
                    a.decision_on = iso_date(std::min(k_last_day, at + m_rng.between(0, 5)));
                    a.rationale += " OECD Annex II serious abuse: red flag, escalation decided (" + a.decision + ").";
                }
                risk.assessments.push_back(std::move(a));
                if (risk.assessments.size() == 3)
                    break;
            }
        }
    }

    // ---- workshops and actions --------------------------------------------------------

    void plan_workshops()
    {
        const auto active = active_sites(std::nullopt);
        std::vector<std::int64_t> weights;
        for (int s : active) {
            const Region r = m_plan.sites[std::size_t(s)].spec->region;
            weights.push_back(r == Region::Copperbelt ? 6 : r == Region::EastDrc3TG ? 4 : 3);
        }
        const auto counts = apportion(k_workshops, weights);
        for (std::size_t i = 0; i < active.size(); ++i) {
            const int site = active[i];
            const auto managers = office_for(m_plan.sites[std::size_t(site)].spec->province).managers;
            const int k = counts[i];
            for (int j = k - 1; j >= 0; --j) {
                const int month = 11 - j * 12 / k;
                int day = month_start(month) + m_rng.between(5, 22);
                if (weekday(day) == 6)
                    --day;
                else if (weekday(day) == 0)
                    ++day;
                PlanWorkshop w;
                w.site = site;
                w.day = day;
                w.held_on = iso_date(day);
                w.facilitator = std::string(m_rng.pick(managers));
                m_plan.workshops.push_back(std::move(w));
            }
        }
        std::stable_sort(m_plan.workshops.begin(), m_plan.workshops.end(),
                         [](const PlanWorkshop& a, const PlanWorkshop& b) { return a.day < b.day; });
        for (std::size_t w = 0; w < m_plan.workshops.size(); ++w)
            m_plan.sites[std::size_t(m_plan.workshops[w].site)].workshops.push_back(int(w));
    }

    std::optional<int> stakeholder_of(const PlanSite& site, std::string_view type) const
    {
        static const std::map<std::string_view, std::string_view> fallback{
            {"traditional_authority", "community_representative"}, {"security_sector", "state_service"},
            {"upstream_industry", "cooperative"}, {"asm_miners", "cooperative"},
            {"development_partner", "ngo"}, {"government", "state_service"}, {"media", "ngo"},
            {"community_representative", "cooperative"}, {"operator", "cooperative"}, {"religious_leader", "ngo"},
        };
        for (int guard = 0; guard < 4 && !type.empty(); ++guard) {
            if (auto it = site.by_type.find(std::string(type)); it != site.by_type.end())
                return it->second;
            auto f = fallback.find(type);
            type = f == fallback.end() ? std::string_view("cooperative") : f->second;
        }
        return std::nullopt;
    }

    // The first workshop at the site on or after `day`, if any.
    std::optional<int> workshop_after(const PlanSite& site, int day, bool strictly = false) const
    {
        for (int w : site.workshops) {
            const int d = m_plan.workshops[std::size_t(w)].day;
            if (strictly ? d > day : d >= day)
                return w;
        }
        return std::nullopt;
    }

    std::string evidence(int day, const char* kind)
    {
        if (!m_rng.percent(55))
            return {};
        return std::string(kind) + "_" + iso_date(day) + (std::string_view(kind) == "photo" ? ".jpg" : ".pdf");
    }

    void add_progress(PlanAction& a, const PlanSite& site, int earliest, const std::string& from, const std::string& to,
                      std::string note, const char* evidence_kind)
    {
        PlanProgress p;
        p.from = from;
        p.to = to;
        p.note = std::move(note);
        // Recorded at the next workshop when there is one in time, else by the field office.
        if (auto w = workshop_after(site, earliest); w && m_rng.percent(80)) {
            p.workshop = *w;
            p.day = m_plan.workshops[std::size_t(*w)].day;
            p.by = m_plan.workshops[std::size_t(*w)].facilitator;
        } else {
            p.day = std::min(k_last_day, earliest + m_rng.between(0, 20));
            p.by = std::string(m_rng.pick(office_for(site.spec->province).experts));
        }
        p.recorded_on = iso_date(p.day);
        p.evidence = evidence(p.day, evidence_kind);
        a.progress.push_back(std::move(p));
    }

    // Issues `count` actions on `risk`, the first at the first workshop after the risk
    // was opened.
    void issue_actions(int risk_index, int count)
    {
        const PlanRisk& risk = m_plan.risks[std::size_t(risk_index)];
        const PlanSite& site = m_plan.sites[std::size_t(risk.site)];
        const auto templates = action_templates(risk.area);
        std::vector<int> eligible;
        for (int w : site.workshops)
            if (m_plan.workshops[std::size_t(w)].day >= risk.opened_day)
                eligible.push_back(w);
        const std::size_t start = std::size_t(risk_index) % templates.size();
        for (int j = 0; j < count; ++j) {
            const ActionTemplate& t = templates[(start + std::size_t(j)) % templates.size()];
            PlanAction a;
            a.risk = risk_index;
            a.site = risk.site;
            a.title = std::string(t.title);
            if (std::size_t(j) >= templates.size())
                a.title += " (round " + std::to_string(std::size_t(j) / templates.size() + 1) + ")";
            const int w = j == 0 ? eligible.front() : m_rng.pick(eligible);
            const PlanWorkshop& ws = m_plan.workshops[std::size_t(w)];
            a.workshop = w;
            a.issued_day = ws.day;
            a.issued_on = ws.held_on;
            a.priority = std::string(t.priority);
            const int due = ws.day + (a.priority == "high" ? 30 : a.priority == "medium" ? 60 : 90) +
                            m_rng.between(0, 30);
            a.due_on = iso_date(due);
            a.responsible = stakeholder_of(site, t.responsible);
            for (std::string_view type : {t.support1, t.support2}) {
                if (type.empty())
                    continue;
                auto s = stakeholder_of(site, type);
                if (s && s != a.responsible && std::find(a.supporters.begin(), a.supporters.end(), *s) == a.supporters.end())
                    a.supporters.push_back(*s);
            }
            a.description = "Risk: " + risk.title + " (" + std::to_string(risk.incidents.size()) +
                            (risk.incidents.size() == 1 ? " verified incident" : " verified incidents") +
                            "). Agreed at the CAP workshop of " + ws.held_on + " with " +
                            (a.responsible ? m_plan.stakeholders[std::size_t(*a.responsible)].name : std::string("the site")) +
                            " as the responsible stakeholder.";
            a.created_at = iso_time(std::max(0, ws.day - m_rng.between(2, 10)), m_rng.between(8 * 60, 17 * 60));
            m_plan.actions.push_back(std::move(a));
        }
    }

    // Decides what became of each action of one group: exactly `progressing` of them in
    // progress or implemented, older ones more likely.
    void decide_statuses(const std::vector<int>& group, int progressing)
    {
        std::vector<std::pair<int, int>> scored; // (score, action)
        for (int a : group)
            scored.emplace_back(m_plan.actions[std::size_t(a)].issued_day + int(m_rng.below(240)), a);
        std::stable_sort(scored.begin(), scored.end(),
                         [](const auto& x, const auto& y) { return x.first < y.first; });
        for (std::size_t i = 0; i < scored.size(); ++i) {
            PlanAction& a = m_plan.actions[std::size_t(scored[i].second)];
            const PlanSite& site = m_plan.sites[std::size_t(a.site)];
            const PlanWorkshop& ws = m_plan.workshops[std::size_t(*a.workshop)];
            PlanProgress issued;
            issued.workshop = a.workshop;
            issued.day = a.issued_day;
            issued.recorded_on = a.issued_on;
            issued.from = "draft";
            issued.to = "issued";
            issued.note = "Issued at the CAP workshop";
            issued.by = ws.facilitator;
            a.progress.push_back(std::move(issued));

            const int due_day = a.issued_day + 30;
            if (int(i) < progressing) {
                add_progress(a, site, a.issued_day + 1, "issued", "in_progress", std::string(m_rng.pick(progress_notes())),
                             "photo");
                const int started = a.progress.back().day;
                if (due_day < k_last_day && started + 10 <= k_last_day && m_rng.percent(55)) {
                    add_progress(a, site, started + 10, "in_progress", "implemented",
                                 std::string(m_rng.pick(implemented_notes())), "report");
                    a.status = "implemented";
                } else {
                    a.status = "in_progress";
                }
            } else if (a.issued_day >= k_last_day - 45) {
                a.status = "issued";
            } else {
                const int roll = int(m_rng.below(100));
                if (roll < 45) {
                    a.reason = std::string(m_rng.pick(not_implemented_reasons()));
                    if (m_rng.percent(40)) {
                        add_progress(a, site, a.issued_day + 1, "issued", "in_progress",
                                     std::string(m_rng.pick(progress_notes())), "photo");
                        add_progress(a, site, a.progress.back().day + 20, "in_progress", "not_implemented", a.reason,
                                     "report");
                    } else {
                        add_progress(a, site, a.issued_day + 30, "issued", "not_implemented", a.reason, "report");
                    }
                    a.status = "not_implemented";
                } else if (roll < 75) {
                    a.reason = std::string(m_rng.pick(cancellation_reasons()));
                    add_progress(a, site, a.issued_day + 14, "issued", "cancelled", a.reason, "report");
                    a.status = "cancelled";
                } else {
                    a.status = "issued";
                }
            }
            a.updated_at = iso_time(a.progress.back().day, 17 * 60);
        }
    }

    void plan_actions()
    {
        // Risks that can receive actions: at a site holding a workshop after they opened.
        std::vector<int> child, other;
        std::vector<std::int64_t> child_w, other_w;
        for (std::size_t r = 0; r < m_plan.risks.size(); ++r) {
            const PlanRisk& risk = m_plan.risks[r];
            const PlanSite& site = m_plan.sites[std::size_t(risk.site)];
            if (site.workshops.empty() || m_plan.workshops[std::size_t(site.workshops.back())].day < risk.opened_day)
                continue;
            const auto n = std::int64_t(risk.incidents.size());
            if (core::is_child_labour(risk.area)) {
                child.push_back(int(r));
                child_w.push_back(n);
            } else {
                other.push_back(int(r));
                other_w.push_back(n * base_severity(risk.area));
            }
        }
        if (int(child.size()) > k_child_actions)
            throw Error("demo programme: more child labour risks than child labour actions");

        const auto child_counts = apportion(k_child_actions - int(child.size()), child_w);
        std::vector<int> child_actions, other_actions;
        for (std::size_t i = 0; i < child.size(); ++i) {
            const std::size_t first = m_plan.actions.size();
            issue_actions(child[i], 1 + child_counts[i]);
            for (std::size_t a = first; a < m_plan.actions.size(); ++a)
                child_actions.push_back(int(a));
        }
        const auto other_counts = apportion(k_other_actions, other_w);
        for (std::size_t i = 0; i < other.size(); ++i) {
            const std::size_t first = m_plan.actions.size();
            issue_actions(other[i], other_counts[i]);
            for (std::size_t a = first; a < m_plan.actions.size(); ++a)
                other_actions.push_back(int(a));
        }
        decide_statuses(child_actions, k_child_progressing);
        decide_statuses(other_actions, k_other_progressing);

        // Drafts prepared for the next workshops, on recent risks.
        std::vector<int> recent;
        for (std::size_t r = 0; r < m_plan.risks.size(); ++r)
            if (m_plan.sites[std::size_t(m_plan.risks[r].site)].spec->active && m_plan.risks[r].status == "open")
                recent.push_back(int(r));
        std::stable_sort(recent.begin(), recent.end(), [&](int a, int b) {
            auto last = [&](int r) {
                int d = 0;
                for (int i : m_plan.risks[std::size_t(r)].incidents)
                    d = std::max(d, m_plan.incidents[std::size_t(i)].verified_day);
                return d;
            };
            return last(a) > last(b);
        });
        for (int i = 0; i < k_draft_actions && i < int(recent.size()); ++i) {
            const PlanRisk& risk = m_plan.risks[std::size_t(recent[std::size_t(i)])];
            const PlanSite& site = m_plan.sites[std::size_t(risk.site)];
            const auto templates = action_templates(risk.area);
            const ActionTemplate& t = templates[std::size_t(m_rng.below(templates.size()))];
            PlanAction a;
            a.risk = recent[std::size_t(i)];
            a.site = risk.site;
            a.title = std::string(t.title);
            a.description = "Draft for the next CAP workshop. Risk: " + risk.title + ".";
            a.priority = std::string(t.priority);
            a.status = "draft";
            a.responsible = stakeholder_of(site, t.responsible);
            const int day = k_last_day - m_rng.between(0, 20);
            a.created_at = iso_time(day, m_rng.between(8 * 60, 17 * 60));
            a.updated_at = a.created_at;
            m_plan.actions.push_back(std::move(a));
        }
    }

    void plan_attendees_and_minutes()
    {
        std::vector<int> issued(m_plan.workshops.size(), 0), reviewed(m_plan.workshops.size(), 0);
        for (const auto& a : m_plan.actions)
            for (const auto& p : a.progress)
                if (p.workshop) {
                    if (p.to == "issued")
                        ++issued[std::size_t(*p.workshop)];
                    else
                        ++reviewed[std::size_t(*p.workshop)];
                }
        for (std::size_t w = 0; w < m_plan.workshops.size(); ++w) {
            PlanWorkshop& ws = m_plan.workshops[w];
            const PlanSite& site = m_plan.sites[std::size_t(ws.site)];
            const SiteSpec& spec = *site.spec;
            const bool rw = spec.country == "RW";

            ws.attendees.push_back({std::nullopt, ws.facilitator, "Programme project manager (facilitator)"});
            ws.attendees.push_back({std::nullopt, m_rng.pick(site.agents), "Programme monitoring agent"});
            std::vector<int> invited = site.stakeholders;
            m_rng.shuffle(invited);
            const std::size_t n = std::min(invited.size(), std::size_t(m_rng.between(5, 10)));
            const auto given = given_names(spec.region);
            const auto family = family_names(spec.region);
            for (std::size_t i = 0; i < n; ++i) {
                std::string person = std::string(m_rng.pick(given)) + " " + std::string(m_rng.pick(family));
                ws.attendees.push_back({invited[i], std::move(person), m_plan.stakeholders[std::size_t(invited[i])].name});
            }

            // Risks opened since the previous workshop at this site.
            const auto pos = std::find(site.workshops.begin(), site.workshops.end(), int(w));
            const int previous = pos == site.workshops.begin() ? -1 : m_plan.workshops[std::size_t(*(pos - 1))].day;
            int new_risks = 0;
            for (const auto& r : m_plan.risks)
                if (r.site == ws.site && r.opened_day > previous && r.opened_day <= ws.day)
                    ++new_risks;

            const std::string participants = std::to_string(ws.attendees.size());
            if (rw)
                ws.minutes = "Monthly CAP workshop at " + std::string(spec.name) + ", facilitated by " + ws.facilitator +
                             ". " + participants + " participants. " + std::to_string(new_risks) +
                             " new risks presented; " + std::to_string(issued[w]) + " actions issued; progress reviewed on " +
                             std::to_string(reviewed[w]) + " actions. Attendance sheet signed.";
            else
                ws.minutes = "Atelier mensuel du plan d'actions correctives à " + std::string(spec.name) +
                             ", animé par " + ws.facilitator + ". " + participants + " participants. " +
                             std::to_string(new_risks) + " nouveaux risques présentés ; " + std::to_string(issued[w]) +
                             " actions émises ; avancement examiné pour " + std::to_string(reviewed[w]) +
                             " actions. Liste de présence signée.";
        }
    }
};

// ---------------------------------------------------------------------------------
// Writing copies of the plan.

std::string copy_suffix(int copy)
{
    if (copy == 0)
        return {};
    std::string n = std::to_string(copy + 1);
    while (n.size() < 3)
        n.insert(n.begin(), '0');
    return "-" + n;
}

void hex12(std::string& out, std::uint64_t value)
{
    static const char* hex = "0123456789abcdef";
    for (int shift = 44; shift >= 0; shift -= 4)
        out += hex[(value >> shift) & 0xF];
}

void write_copy(store::ProgrammeWriter& w, const Plan& plan, int copy, std::int64_t matrix_id,
                const std::function<bool()>& cancelled)
{
    const auto k = std::int64_t(copy);
    const std::int64_t site0 = k * std::int64_t(plan.sites.size());
    const std::int64_t stakeholder0 = k * std::int64_t(plan.stakeholders.size());
    const std::int64_t incident0 = k * std::int64_t(plan.incidents.size());
    const std::int64_t risk0 = k * std::int64_t(plan.risks.size());
    const std::int64_t workshop0 = k * std::int64_t(plan.workshops.size());
    const std::int64_t action0 = k * std::int64_t(plan.actions.size());
    const std::string suffix = copy_suffix(copy);
    const std::string name_suffix = copy ? " (" + std::to_string(copy + 1) + ")" : std::string();

    for (std::size_t i = 0; i < plan.sites.size(); ++i) {
        const SiteSpec& s = *plan.sites[i].spec;
        const std::string code = std::string(s.code) + suffix;
        const std::string name = std::string(s.name) + name_suffix;
        w.add_site({site0 + std::int64_t(i) + 1, code, name, s.country, s.province, s.territory, s.minerals, s.active,
                    s.lat, s.lon, s.operator_name, s.miners});
    }
    for (std::size_t i = 0; i < plan.stakeholders.size(); ++i) {
        const auto& st = plan.stakeholders[i];
        const std::int64_t id = stakeholder0 + std::int64_t(i) + 1;
        w.add_stakeholder({id, st.name, st.type, st.contact, st.languages});
        for (int s : st.sites)
            w.link_stakeholder_site(id, site0 + s + 1);
    }
    if (cancelled())
        throw Cancelled();

    std::string uuid, reporter;
    for (std::size_t i = 0; i < plan.incidents.size(); ++i) {
        const auto& inc = plan.incidents[i];
        const std::int64_t id = incident0 + std::int64_t(i) + 1;
        uuid = inc.uuid_head;
        hex12(uuid, (std::uint64_t(copy) << 24) | std::uint64_t(i));
        reporter = inc.reporter;
        reporter += suffix;
        store::IncidentRecord r;
        r.id = id;
        r.source_id = uuid;
        r.submitted_at = inc.submitted_at;
        r.observed_on = inc.observed_on;
        r.reporter = reporter;
        r.site_id = site0 + inc.site + 1;
        r.lat = inc.lat;
        r.lon = inc.lon;
        r.risk_area = inc.area;
        r.annex_flag = inc.flag;
        r.description = inc.description;
        r.language = inc.language;
        r.children = inc.children;
        r.women = inc.women;
        r.men = inc.men;
        r.attachments = inc.attachments;
        r.status = inc.status;
        r.created_at = inc.submitted_at;
        r.updated_at = inc.updated_at;
        w.add_incident(r);
        for (const auto& c : inc.history)
            w.add_status_change({id, c.from, c.to, c.reason, c.by_reporter ? std::string_view(reporter) : c.by, c.at});
        if ((i & 1023) == 1023 && cancelled())
            throw Cancelled();
    }

    for (std::size_t i = 0; i < plan.risks.size(); ++i) {
        const auto& risk = plan.risks[i];
        const std::int64_t id = risk0 + std::int64_t(i) + 1;
        w.add_risk({id, site0 + risk.site + 1, risk.area, risk.title, risk.status, risk.opened_on, risk.closed_on});
        for (int inc : risk.incidents)
            w.link_risk_incident(id, incident0 + inc + 1);
        for (const auto& a : risk.assessments)
            w.add_assessment({id, matrix_id, a.severity, a.likelihood, a.level, a.red_flag, a.decision, a.decision_on,
                              a.rationale, a.assessor, a.assessed_on});
    }

    for (std::size_t i = 0; i < plan.workshops.size(); ++i) {
        const auto& ws = plan.workshops[i];
        const std::int64_t id = workshop0 + std::int64_t(i) + 1;
        w.add_workshop({id, site0 + ws.site + 1, ws.held_on, ws.facilitator, ws.minutes});
        for (const auto& at : ws.attendees) {
            std::optional<std::int64_t> sid;
            if (at.stakeholder)
                sid = stakeholder0 + *at.stakeholder + 1;
            // The monitoring agent's id carries the copy suffix like the incidents' reporters.
            if (!at.stakeholder && at.role == "Programme monitoring agent") {
                reporter = at.name;
                reporter += suffix;
                w.add_attendee({id, sid, reporter, at.role});
            } else {
                w.add_attendee({id, sid, at.name, at.role});
            }
        }
    }

    for (std::size_t i = 0; i < plan.actions.size(); ++i) {
        const auto& a = plan.actions[i];
        const std::int64_t id = action0 + std::int64_t(i) + 1;
        store::ActionRecord r;
        r.id = id;
        r.risk_id = risk0 + a.risk + 1;
        r.site_id = site0 + a.site + 1;
        r.title = a.title;
        r.description = a.description;
        if (a.responsible)
            r.responsible_id = stakeholder0 + *a.responsible + 1;
        if (a.workshop)
            r.issued_workshop_id = workshop0 + *a.workshop + 1;
        r.issued_on = a.issued_on;
        r.due_on = a.due_on;
        r.priority = a.priority;
        r.status = a.status;
        r.status_reason = a.reason;
        r.created_at = a.created_at;
        r.updated_at = a.updated_at;
        w.add_action(r);
        for (int s : a.supporters)
            w.add_supporter(id, stakeholder0 + s + 1);
        for (const auto& p : a.progress) {
            std::optional<std::int64_t> wid;
            if (p.workshop)
                wid = workshop0 + *p.workshop + 1;
            w.add_progress({id, wid, p.recorded_on, p.from, p.to, p.note, p.evidence, p.by});
        }
    }
}

std::string substitute(std::string text, const std::string& value)
{
    return replace_all(std::move(text), "%1", value);
}

void remove_database_files(const fs::path& db)
{
    std::error_code ec;
    for (const char* extra : {"", "-wal", "-shm", "-journal"})
        fs::remove(fs::path(db.string() + extra), ec);
}

void sync_file(const fs::path& file)
{
    const int fd = ::open(file.c_str(), O_RDONLY);
    if (fd < 0)
        return;
    ::fsync(fd);
    ::close(fd);
}

} // namespace

DemoSummary create_demo(const fs::path& path, const DemoOptions& options, Progress& progress)
{
    if (options.scale < 1 || options.scale > k_max_scale)
        throw InvalidInput(substitute(core::tr("--scale: %1 is not between 1 and 1000"), std::to_string(options.scale)));
    std::error_code ec;
    if (fs::is_directory(path, ec))
        throw InvalidInput(substitute(core::tr("%1 is a folder, not a database file"), path.string()));
    if (fs::exists(path, ec) && !options.force)
        throw InvalidInput(substitute(core::tr("%1 already exists (use --force to replace it)"), path.string()));
    const fs::path folder = path.has_parent_path() ? path.parent_path() : fs::path(".");
    if (!fs::is_directory(folder, ec))
        throw InvalidInput(substitute(core::tr("the folder %1 does not exist"), folder.string()));

    const std::string stage_plan = core::tr("Preparing the demo programme");
    const std::string stage_write = core::tr("Writing the demo programme");
    const std::string stage_index = core::tr("Building indexes");
    auto check_cancel = [&progress] { return progress.cancelled(); };
    progress.report(0.0, stage_plan);
    if (progress.cancelled())
        throw Cancelled();

    const fs::path tmp = path.string() + ".partial-" + std::to_string(::getpid());
    remove_database_files(tmp);
    DemoSummary summary;
    try {
        {
            auto db = store::Database::open(tmp, store::Database::Mode::Create);
            const auto matrix = store::load_current_matrix(db);
            const Plan plan = Planner().plan(matrix.matrix);

            store::ProgrammeWriter writer(db, store::ProgrammeWriter::Mode::FreshFile);
            writer.set_setting("name", "Mwangaza demo programme");
            writer.set_setting("period_start", "2021-04-01");
            writer.set_setting("period_end", "2022-03-31");
            writer.set_setting("demo_scale", std::to_string(options.scale));
            for (int copy = 0; copy < options.scale; ++copy) {
                if (progress.cancelled())
                    throw Cancelled();
                write_copy(writer, plan, copy, matrix.id, check_cancel);
                progress.report(0.9 * double(copy + 1) / double(options.scale), stage_write);
            }
            if (progress.cancelled())
                throw Cancelled();
            db.audit("mwangaza", "programme", 0, "demo_create", "",
                     "{\"scale\":" + std::to_string(options.scale) + "}");
            progress.report(0.92, stage_index);
            writer.commit();

            const auto n = std::int64_t(options.scale);
            summary.sites = n * std::int64_t(plan.sites.size());
            summary.incidents = n * std::int64_t(plan.incidents.size());
            summary.actions = n * std::int64_t(plan.actions.size());
            summary.workshops = n * std::int64_t(plan.workshops.size());
            summary.stakeholders = n * std::int64_t(plan.stakeholders.size());
        } // the database is closed here: WAL checkpointed and removed
        if (progress.cancelled())
            throw Cancelled();
        sync_file(tmp);
        // A replaced database must not inherit the old file's journal.
        for (const char* extra : {"-wal", "-shm", "-journal"})
            fs::remove(fs::path(path.string() + extra), ec);
        fs::rename(tmp, path);
    } catch (const fs::filesystem_error& e) {
        remove_database_files(tmp);
        throw StorageError(substitute(core::tr("cannot write %1"), path.string()) + ": " + e.code().message());
    } catch (...) {
        remove_database_files(tmp);
        throw;
    }
    progress.report(1.0, stage_index);
    return summary;
}

} // namespace mwangaza::app
