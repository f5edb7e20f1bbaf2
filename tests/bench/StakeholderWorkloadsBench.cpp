// The stakeholders' workloads on a large programme (tests/bench/run_stakeholder_workloads.sh):
// how long store::stakeholder_workloads takes warm on a day, and its figures, one line per
// stakeholder with any action ("id|responsible open|overdue|supporting open|overdue|issued|progressing"),
// the format of tests/bench/stakeholder_workloads.sql, so the script can compare them.
// Also times store::list_stakeholders, the registry shown beside the workloads.
//   stakeholder_workloads_bench DB YYYY-MM-DD [RUNS]
#include "BenchTiming.hpp"
#include "store/Database.hpp"
#include "store/StakeholderStore.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace mwangaza;

int main(int argc, char** argv)
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: stakeholder_workloads_bench DB YYYY-MM-DD [RUNS]\n");
        return 2;
    }
    const std::string on = argv[2];
    const int runs = argc > 3 ? std::max(1, std::atoi(argv[3])) : 20;
    try {
        auto db = store::Database::open(argv[1], store::Database::Mode::ReadOnly);
        std::vector<store::StakeholderWorkload> loads;
        bench::report("stakeholder_workloads, first call",
                      bench::time_runs(1, [&] { loads = store::stakeholder_workloads(db.sql(), on); }));
        bench::report("stakeholder_workloads, warm",
                      bench::time_runs(runs, [&] { loads = store::stakeholder_workloads(db.sql(), on); }));
        std::int64_t open = 0, overdue = 0, supporting = 0, supporting_overdue = 0;
        for (const auto& w : loads) {
            open += w.responsible_open;
            overdue += w.responsible_overdue;
            supporting += w.supporting_open;
            supporting_overdue += w.supporting_overdue;
        }
        std::fprintf(stderr, "  %zu stakeholders with actions; on %s: %lld open as responsible (%lld overdue), %lld as supporter "
                             "(%lld overdue)\n",
                     loads.size(), on.c_str(), (long long)open, (long long)overdue, (long long)supporting,
                     (long long)supporting_overdue);
        std::vector<store::Stakeholder> registry;
        bench::report("list_stakeholders (the registry), warm",
                      bench::time_runs(std::max(1, runs / 4), [&] { registry = store::list_stakeholders(db.sql()); }));
        for (const auto& w : loads)
            std::printf("%lld|%lld|%lld|%lld|%lld|%lld|%lld\n", (long long)w.stakeholder_id,
                        (long long)w.responsible_open, (long long)w.responsible_overdue, (long long)w.supporting_open,
                        (long long)w.supporting_overdue, (long long)w.issued, (long long)w.progressing);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "stakeholder_workloads_bench: %s\n", e.what());
        return 1;
    }
    return 0;
}
