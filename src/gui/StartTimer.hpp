#pragma once
// Start-up timing for the GUI start benchmark (tests/bench/run_gui_start.sh). With
// MWANGAZA_EXIT_AFTER_PAINT=1 the main window prints the milliseconds from launch to the
// first painted dashboard and exits. Launch is MWANGAZA_LAUNCH_NS (CLOCK_REALTIME
// nanoseconds taken by the launcher just before exec) when set, else the moment the
// program's static data was initialised.
namespace mwangaza::gui {

double ms_since_launch();

bool exit_after_first_paint();

} // namespace mwangaza::gui
