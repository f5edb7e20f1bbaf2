#include "gui/StartTimer.hpp"

#include <chrono>
#include <cstdlib>
#include <string>

namespace mwangaza::gui {

namespace {

using Clock = std::chrono::system_clock;

const Clock::time_point k_static_init = Clock::now();

Clock::time_point launch_time()
{
    if (const char* ns = std::getenv("MWANGAZA_LAUNCH_NS"); ns && *ns) {
        try {
            return Clock::time_point(std::chrono::duration_cast<Clock::duration>(std::chrono::nanoseconds(std::stoll(ns))));
        } catch (const std::exception&) {
        }
    }
    return k_static_init;
}

} // namespace

double ms_since_launch()
{
    static const Clock::time_point launch = launch_time();
    return std::chrono::duration<double, std::milli>(Clock::now() - launch).count();
}

bool exit_after_first_paint()
{
    const char* v = std::getenv("MWANGAZA_EXIT_AFTER_PAINT");
    return v && std::string(v) == "1";
}

} // namespace mwangaza::gui
