// The programme-wide risk view on a large programme (tests/bench/run_risks.sh): how long
// store::risk_overview takes warm, and the figures it gives, one line per risk area
// ("area|open|unassessed|low|medium|high|very_high|red_flags|open_actions|verified"), the
// format of tests/bench/risk_view.sql, so the script can compare them. Also times the
// register lists the Risks page shows (store::list_register): every open risk, and one
// site's risks; and store::list_risks, the full rows the CLI prints. With LIST_FILE,
// writes the page's full list there, one line per risk sorted by id ("id|site|area|level|
// severity|likelihood|red_flag|open_actions|incidents"), the format of
// tests/bench/risk_list.sql.
//   risk_view_bench DB [RUNS [LIST_FILE]]
#include "BenchTiming.hpp"
#include "store/Database.hpp"
#include "store/RiskRegister.hpp"

#include <algorithm>
#include <stdexcept>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

using namespace mwangaza;

using bench::report;
using bench::time_runs;

namespace {

// The CPU time of the calling thread for each run, in milliseconds, sorted: what a call
// costs whatever else the shared machine runs.
template <typename F>
std::vector<double> cpu_runs(int runs, F&& f)
{
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        timespec a{}, b{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &a);
        f();
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &b);
        ms.push_back(double(b.tv_sec - a.tv_sec) * 1e3 + double(b.tv_nsec - a.tv_nsec) / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    return ms;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: risk_view_bench DB [RUNS]\n");
        return 2;
    }
    const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 20;
    try {
        auto db = store::Database::open(argv[1], store::Database::Mode::ReadOnly);
        store::RiskOverview view;
        // Cold: the first call after opening the file.
        report("risk_overview, first call", time_runs(1, [&] { view = store::risk_overview(db.sql()); }));
        report("risk_overview, warm", time_runs(runs, [&] { view = store::risk_overview(db.sql()); }));
        std::size_t rows = 0;
        store::RiskFilter all;
        store::RegisterList reg;
        report("list_register, every open risk (first call)", time_runs(1, [&] { reg = store::list_register(db.sql(), all); }));
        report("list_register, every open risk (warm)", time_runs(runs, [&] { reg = store::list_register(db.sql(), all); }));
        report("list_register, every open risk (warm, CPU)", cpu_runs(runs, [&] { reg = store::list_register(db.sql(), all); }));
        std::fprintf(stderr, "  %zu open risks in the register's list\n", reg.rows.size());
        report("list_risks (full rows), every open risk (warm)",
               time_runs(3, [&] { rows = store::list_risks(db.sql(), all).size(); }));
        if (argc > 3) {
            auto list = reg.rows;
            std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
            std::FILE* f = std::fopen(argv[3], "w");
            if (!f)
                throw std::runtime_error(std::string("cannot write ") + argv[3]);
            for (const auto& r : list)
                std::fprintf(f, "%lld|%s|%s|%s|%d|%d|%d|%lld|%lld\n", (long long)r.id, reg.site_code(r).c_str(),
                             std::string(reg.area_code(r)).c_str(),
                             r.level ? std::string(core::risk_level_code(*r.level)).c_str() : "", int(r.severity),
                             int(r.likelihood), r.red_flag ? 1 : 0, (long long)r.open_actions, (long long)r.incidents);
            std::fclose(f);
        }
        store::RiskFilter site;
        site.site_code = "CD-KOL-01";
        report("list_register --site CD-KOL-01 (warm)",
               time_runs(runs, [&] { rows = store::list_register(db.sql(), site).rows.size(); }));
        std::fprintf(stderr, "  %zu risks at CD-KOL-01\n", rows);
        for (const auto& s : view.areas)
            std::printf("%s|%lld|%lld|%lld|%lld|%lld|%lld|%lld|%lld|%lld\n", s.area.c_str(), (long long)s.open_risks,
                        (long long)s.unassessed, (long long)s.by_level[0], (long long)s.by_level[1],
                        (long long)s.by_level[2], (long long)s.by_level[3], (long long)s.red_flags,
                        (long long)s.open_actions, (long long)s.verified_incidents);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "risk_view_bench: %s\n", e.what());
        return 1;
    }
    return 0;
}
