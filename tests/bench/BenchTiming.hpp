#pragma once
// Timing for the in-process benchmarks: a call run N times, its times in milliseconds
// sorted, and one line on stderr with the minimum, median and maximum.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

namespace mwangaza::bench {

template <typename F>
std::vector<double> time_runs(int runs, F&& f)
{
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        f();
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    std::sort(ms.begin(), ms.end());
    return ms;
}

inline void report(const char* what, const std::vector<double>& ms)
{
    std::fprintf(stderr, "%-46s min %8.2f ms  median %8.2f ms  max %8.2f ms  (%zu runs)\n", what, ms.front(),
                 ms[ms.size() / 2], ms.back(), ms.size());
}

} // namespace mwangaza::bench
