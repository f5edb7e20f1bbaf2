#pragma once
// Bulk writes without SQLite's per-row tests. SQLite compiles a CHECK such as
// `status IN ('new', 'in_review', ...)` into a temporary table built and dropped for every
// row written, and looks up every foreign key of every row: for a million imported
// incidents, or the tens of thousands an assignment run rewrites, that is most of the
// cost of the write. A bulk writer that knows its values valid (codes from the taxonomy,
// ids it read in the same transaction) turns the tests off for its statements, tests the
// same rules itself, and turns them on again; the destructor restores them whatever
// happened.
namespace SQLite {
class Database;
}

namespace mwangaza::store {

class UncheckedWrites {
public:
    explicit UncheckedWrites(SQLite::Database& sql) : m_sql(sql) {}
    ~UncheckedWrites() { restore(); }
    UncheckedWrites(const UncheckedWrites&) = delete;
    UncheckedWrites& operator=(const UncheckedWrites&) = delete;

    // Outside a transaction only (SQLite ignores the setting inside one). Does nothing
    // when the connection does not enforce foreign keys.
    void foreign_keys_off();
    // Statements prepared from now on carry no CHECK; those prepared before are
    // recompiled by SQLite at their next step, without them too.
    void checks_off();
    // CHECKs on again (statements recompile with them); foreign keys on again once no
    // transaction is open.
    void restore() noexcept;

    bool foreign_keys_are_off() const { return m_foreign_keys_off; }
    bool checks_are_off() const { return m_checks_off; }

private:
    SQLite::Database& m_sql;
    bool m_foreign_keys_off = false;
    bool m_checks_off = false;
};

} // namespace mwangaza::store
