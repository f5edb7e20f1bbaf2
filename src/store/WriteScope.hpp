#pragma once
// The writes of one store operation, all or nothing. Inside a transaction the caller
// opened, a savepoint: on failure only this operation's writes are undone and the
// caller's transaction stays open for it to decide. Otherwise a transaction of its own,
// taken IMMEDIATE so that a reader upgrading to a writer cannot dead-lock with another.
#include <SQLiteCpp/Database.h>

namespace mwangaza::store {

class WriteScope {
public:
    explicit WriteScope(SQLite::Database& db);
    WriteScope(const WriteScope&) = delete;
    WriteScope& operator=(const WriteScope&) = delete;
    ~WriteScope();

    void commit();

private:
    SQLite::Database& m_db;
    bool m_own_transaction = false;
    bool m_done = false;
};

} // namespace mwangaza::store
