// The programme-wide risk view on a large programme (tests/bench/run_risks.sh): how long
// store::risk_overview takes warm, and the figures it gives, one line per risk area
// ("area|open|unassessed|low|medium|high|very_high|red_flags|open_actions|verified"), the
// format of tests/bench/risk_view.sql, so the script can compare them. Also times the
// register lists a page shows: every open risk, and one site's risks.
//   risk_view_bench DB [RUNS]
#include "BenchTiming.hpp"
#include "store/Database.hpp"
#include "store/RiskRegister.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace mwangaza;

using bench::report;
using bench::time_runs;

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
        report("list_risks, every open risk (first call)", time_runs(1, [&] { rows = store::list_risks(db.sql(), all).size(); }));
        report("list_risks, every open risk (warm)", time_runs(3, [&] { rows = store::list_risks(db.sql(), all).size(); }));
        std::fprintf(stderr, "  %zu open risks listed\n", rows);
        store::RiskFilter site;
        site.site_code = "CD-KOL-01";
        report("list_risks --site CD-KOL-01 (warm)", time_runs(runs, [&] { rows = store::list_risks(db.sql(), site).size(); }));
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
