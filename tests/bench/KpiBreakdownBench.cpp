// The KPI-by-stakeholder view on a large programme (tests/bench/run_kpi_by.sh): how long
// store::kpi_breakdown(Stakeholder) takes warm, what the view's page shows, and the
// figures, one line per responsible stakeholder ("id|issued|progressing", "" for actions
// without one), the format of tests/bench/kpi_by_stakeholder.sql, so the script can compare
// them. Also times the other breakdowns, a drill-down and the stakeholder workloads.
//   kpi_breakdown_bench DB [RUNS]
#include "BenchTiming.hpp"
#include "store/Database.hpp"
#include "store/KpiBreakdown.hpp"
#include "store/StakeholderStore.hpp"

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
        std::fprintf(stderr, "usage: kpi_breakdown_bench DB [RUNS]\n");
        return 2;
    }
    const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 20;
    try {
        auto db = store::Database::open(argv[1], store::Database::Mode::ReadOnly);
        using D = store::KpiDimension;
        std::vector<store::KpiBreakdownRow> rows;
        report("kpi_breakdown stakeholder, first call",
               time_runs(1, [&] { rows = store::kpi_breakdown(db.sql(), D::Stakeholder); }));
        report("kpi_breakdown stakeholder, warm",
               time_runs(runs, [&] { rows = store::kpi_breakdown(db.sql(), D::Stakeholder); }));
        std::fprintf(stderr, "  %zu stakeholder rows\n", rows.size());
        std::vector<store::KpiBreakdownRow> other;
        for (auto d : {D::Site, D::Area, D::Category, D::Month, D::Quarter}) {
            const std::string what = "kpi_breakdown " + std::string(store::kpi_dimension_code(d)) + ", warm";
            other = store::kpi_breakdown(db.sql(), d);
            report(what.c_str(), time_runs(std::max(1, runs / 4), [&] { other = store::kpi_breakdown(db.sql(), d); }));
        }
        auto busiest = std::max_element(rows.begin(), rows.end(),
                                        [](const auto& a, const auto& b) { return a.issued < b.issued; });
        std::vector<std::int64_t> ids;
        report("drill-down: the busiest stakeholder's issued", time_runs(std::max(1, runs / 4), [&] {
                   ids = store::kpi_breakdown_actions(db.sql(), D::Stakeholder, busiest->key, store::KpiMeasure::Issued);
               }));
        std::fprintf(stderr, "  %zu actions behind stakeholder %s\n", ids.size(), busiest->key.c_str());
        std::vector<store::StakeholderWorkload> loads;
        report("stakeholder_workloads, warm",
               time_runs(std::max(1, runs / 4), [&] { loads = store::stakeholder_workloads(db.sql(), "2022-03-31"); }));
        for (const auto& r : rows)
            std::printf("%s|%lld|%lld\n", r.key.c_str(), (long long)r.issued, (long long)r.progressing());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "kpi_breakdown_bench: %s\n", e.what());
        return 1;
    }
    return 0;
}
