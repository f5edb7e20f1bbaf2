#include "store/WriteScope.hpp"

#include <sqlite3.h>

namespace mwangaza::store {

WriteScope::WriteScope(SQLite::Database& db) : m_db(db)
{
    m_own_transaction = sqlite3_get_autocommit(db.getHandle()) != 0;
    m_db.exec(m_own_transaction ? "BEGIN IMMEDIATE" : "SAVEPOINT mwangaza_write_scope");
}

WriteScope::~WriteScope()
{
    if (m_done)
        return;
    try {
        if (m_own_transaction) {
            m_db.exec("ROLLBACK");
        } else {
            m_db.exec("ROLLBACK TO mwangaza_write_scope");
            m_db.exec("RELEASE mwangaza_write_scope");
        }
    } catch (...) {
        // Nothing more can be done from a destructor; the connection reports the state.
    }
}

void WriteScope::commit()
{
    m_db.exec(m_own_transaction ? "COMMIT" : "RELEASE mwangaza_write_scope");
    m_done = true;
}

} // namespace mwangaza::store
