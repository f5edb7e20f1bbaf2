#pragma once
// One background thread with its own read-only connection to the open programme
// database (SQLite connections are never shared across threads). Long reads run here
// (the million-row incident id list, the sites with their counts) so the window paints
// first; results come back to the UI thread through wxTheApp->CallAfter.
#include "store/Database.hpp"

#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

struct sqlite3;

namespace mwangaza::gui {

class DatabaseWorker {
public:
    // Runs on the worker thread with a connection to the task's database.
    using Task = std::function<void(store::Database& db)>;

    DatabaseWorker();
    ~DatabaseWorker(); // finishes the running task, drops queued ones, joins
    DatabaseWorker(const DatabaseWorker&) = delete;
    DatabaseWorker& operator=(const DatabaseWorker&) = delete;

    // Queues `task`; `on_error` runs on the worker with the message if opening the
    // database or the task throws.
    void post(std::filesystem::path db_path, Task task, std::function<void(const std::string&)> on_error);

    // Drops queued tasks (a running one finishes).
    void clear();

    // True while a task is queued or running.
    bool busy() const;

    // Asks the running task's SQLite statement to stop (sqlite3_interrupt): it throws,
    // and the task's on_error receives the message. For a read whose result is no longer
    // wanted (a person typed on). Does nothing when no task runs.
    void interrupt();

private:
    struct Item {
        std::filesystem::path path;
        Task task;
        std::function<void(const std::string&)> on_error;
    };
    void run();

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Item> m_queue;
    bool m_running_task = false;
    bool m_stop = false;
    std::optional<store::Database> m_db;
    sqlite3* m_running_handle = nullptr; // the connection a task is using, under m_mutex
    std::thread m_thread;
};

} // namespace mwangaza::gui
