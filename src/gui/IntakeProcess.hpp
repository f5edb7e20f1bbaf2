#pragma once
// Runs the intake helper (libexec/mwangaza/mwangaza-intake, the program that links GDAL)
// as a child process, so the workbench itself never loads GDAL. A reader thread collects
// stdout (the JSON result), turns the helper's progress lines on stderr
// ({"progress": 0.42, "stage": "..."}) into calls of `on_progress`, and keeps the rest of
// stderr as the error text. `interrupt()` sends SIGINT: the helper stops cleanly, writes
// nothing and exits with status 130. No wx here: callbacks run on the reader thread.
#include <atomic>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <sys/types.h>
#include <thread>
#include <vector>

namespace mwangaza::gui {

struct IntakeOutcome {
    int status = -1;         // exit status; -1 when it did not start or was killed
    std::string out;         // stdout
    std::string err;         // stderr without the progress lines
    std::string start_error; // why the helper could not be started
};

class IntakeProcess {
public:
    using ProgressFn = std::function<void(double fraction, const std::string& stage)>;
    using DoneFn = std::function<void(IntakeOutcome outcome)>;

    IntakeProcess() = default;
    ~IntakeProcess(); // interrupts a running helper and waits for it
    IntakeProcess(const IntakeProcess&) = delete;
    IntakeProcess& operator=(const IntakeProcess&) = delete;

    // Starts `helper ARGS...` (`args` without the program). A previous run must be over.
    // `on_done` is always called once, also when the helper cannot be started.
    void start(const std::vector<std::string>& args, ProgressFn on_progress, DoneFn on_done);

    // Asks a running helper to stop (SIGINT). No effect when none runs.
    void interrupt();
    bool running() const { return m_running.load(); }

private:
    void join();

    std::thread m_thread;
    std::mutex m_mutex;
    pid_t m_pid = -1;
    std::atomic<bool> m_running{false};
};

} // namespace mwangaza::gui
