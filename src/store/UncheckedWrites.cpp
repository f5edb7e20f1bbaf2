#include "store/UncheckedWrites.hpp"

#include <SQLiteCpp/Database.h>
#include <sqlite3.h>

namespace mwangaza::store {

void UncheckedWrites::foreign_keys_off()
{
    if (m_foreign_keys_off || m_sql.execAndGet("PRAGMA foreign_keys").getInt() != 1)
        return;
    m_sql.exec("PRAGMA foreign_keys = OFF");
    m_foreign_keys_off = true;
}

void UncheckedWrites::checks_off()
{
    if (m_checks_off)
        return;
    m_sql.exec("PRAGMA ignore_check_constraints = ON");
    m_checks_off = true;
}

void UncheckedWrites::restore() noexcept
{
    try {
        if (m_checks_off) {
            m_checks_off = false;
            m_sql.exec("PRAGMA ignore_check_constraints = OFF");
        }
        // Inside a transaction SQLite ignores the setting: foreign keys come back at the
        // next restore() after it (the destructor's at the latest).
        if (m_foreign_keys_off && sqlite3_get_autocommit(m_sql.getHandle())) {
            m_foreign_keys_off = false;
            m_sql.exec("PRAGMA foreign_keys = ON");
        }
    } catch (...) {
        // Only a closing connection fails here, and the next open sets both again.
    }
}

} // namespace mwangaza::store
