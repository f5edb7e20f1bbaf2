// Duplicate hints on a large programme (the x500 demo): the candidates of one incident
// (what the triage page reads when an incident is selected), the marks of one page of the
// queue (200 rows, read when the list shows the page), and the programme-wide groups
// (`incidents duplicates`). Opens the database read-only. Not a ctest test:
// tests/bench/run_duplicates.sh runs it.
#include "store/Browse.hpp"
#include "store/Database.hpp"
#include "store/IncidentDuplicates.hpp"
#include "store/IncidentQuery.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>
#include <span>
#include <vector>

using namespace mwangaza;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: duplicates_bench DB\n");
        return 1;
    }
    std::optional<store::Database> db;
    try {
        db = store::Database::open(argv[1], store::Database::Mode::ReadOnly);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "duplicates_bench: %s\n", e.what());
        return 1;
    }
    auto& sql = db->sql();
    store::IncidentQuery queue;
    queue.statuses = {core::IncidentStatus::New, core::IncidentStatus::InReview, core::IncidentStatus::NeedsInfo};
    auto start = Clock::now();
    const auto ids = store::query_incident_ids(sql, queue);
    std::printf("queue: %zu incidents (%.1f ms)\n", ids.size(), ms_since(start));
    if (ids.size() < 400)
        return 1;

    // 500 incidents spread over the queue, as an expert would select them.
    std::vector<double> times;
    std::size_t found = 0;
    for (std::size_t k = 0; k < 500; ++k) {
        const auto id = ids[(k * 7919) % ids.size()];
        start = Clock::now();
        found += store::duplicate_candidates(sql, id).size();
        times.push_back(ms_since(start));
    }
    std::sort(times.begin(), times.end());
    std::printf("candidates of one incident (500 spread over the queue): median %.3f ms, p95 %.3f ms, max %.2f ms; "
                "%zu candidates\n",
                times[times.size() / 2], times[times.size() * 95 / 100], times.back(), found);

    for (const std::size_t first : {std::size_t(0), ids.size() / 3, ids.size() * 2 / 3}) {
        // For comparison: what the list reads for the page's rows.
        start = Clock::now();
        const auto rows = store::load_incidents(sql, std::span<const std::int64_t>(ids.data() + first, 200));
        std::printf("rows of a 200-row page at row %zu: %.1f ms (%zu rows)\n", first, ms_since(start), rows.size());
        start = Clock::now();
        const auto counts = store::duplicate_candidate_counts(sql, std::span<const std::int64_t>(ids.data() + first, 200));
        const auto marked = std::count_if(counts.begin(), counts.end(), [](int n) { return n > 0; });
        std::printf("marks of a 200-row page at row %zu: %.1f ms (%ld marked)\n", first, ms_since(start), long(marked));
    }

    start = Clock::now();
    const auto groups = store::duplicate_groups(sql);
    std::printf("programme-wide groups: %zu in %.0f ms\n", groups.size(), ms_since(start));
    return 0;
}
