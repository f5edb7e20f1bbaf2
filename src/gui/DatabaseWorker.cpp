#include "gui/DatabaseWorker.hpp"

#include "core/Error.hpp"

#include <SQLiteCpp/Database.h>
#include <sqlite3.h>

namespace mwangaza::gui {

DatabaseWorker::DatabaseWorker() : m_thread([this] { run(); }) {}

DatabaseWorker::~DatabaseWorker()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
        m_queue.clear();
    }
    m_wake.notify_all();
    m_thread.join();
}

void DatabaseWorker::post(std::filesystem::path db_path, Task task, std::function<void(const std::string&)> on_error)
{
    {
        std::lock_guard lock(m_mutex);
        m_queue.push_back(Item{std::move(db_path), std::move(task), std::move(on_error)});
    }
    m_wake.notify_one();
}

void DatabaseWorker::clear()
{
    std::lock_guard lock(m_mutex);
    m_queue.clear();
}

bool DatabaseWorker::busy() const
{
    std::lock_guard lock(m_mutex);
    return m_running_task || !m_queue.empty();
}

void DatabaseWorker::interrupt()
{
    std::lock_guard lock(m_mutex);
    if (m_running_handle)
        sqlite3_interrupt(m_running_handle);
}

void DatabaseWorker::run()
{
    for (;;) {
        Item item;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stop || !m_queue.empty(); });
            if (m_stop)
                break;
            item = std::move(m_queue.front());
            m_queue.pop_front();
            m_running_task = true;
        }
        try {
            if (!m_db || m_db->path() != item.path) {
                m_db.reset();
                m_db.emplace(store::Database::open(item.path, store::Database::Mode::ReadOnly));
            }
            {
                std::lock_guard lock(m_mutex);
                m_running_handle = m_db->sql().getHandle();
            }
            item.task(*m_db);
        } catch (const std::exception& e) {
            if (item.on_error)
                item.on_error(e.what());
        }
        std::lock_guard lock(m_mutex);
        m_running_handle = nullptr;
        m_running_task = false;
    }
    m_db.reset();
}

} // namespace mwangaza::gui
