#pragma once
// A prepared statement over SQLite's C API, for the store's bulk writes and large reads:
// text parameters point at the caller's memory until the statement has run (no copy per
// value, which keeps a million rows fast) and values are read in place through get().
// What a failure says belongs to each user of the class: every error goes to the Fail
// it was given, with SQLite's code and the step where it happened, and Fail throws.
// `Self` is the class that derives from it, which the binding calls return for chaining.
#include "core/Error.hpp"

#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>

namespace mwangaza::store {

enum class SqlPhase { Prepare, Bind, Step };

template <class Self>
class SqlStatement {
public:
    using Phase = SqlPhase;
    using Fail = std::function<void(Phase phase, int code, sqlite3* db)>;

    // `persistent`: kept for many runs (SQLITE_PREPARE_PERSISTENT).
    SqlStatement(sqlite3* db, std::string_view sql, Fail fail, bool persistent = false)
        : m_db(db), m_fail(std::move(fail))
    {
        const int rc = sqlite3_prepare_v3(db, sql.data(), int(sql.size()),
                                          persistent ? SQLITE_PREPARE_PERSISTENT : 0, &m_stmt, nullptr);
        if (rc != SQLITE_OK)
            failed(Phase::Prepare, rc); // no statement is left to finalize
    }
    ~SqlStatement() { sqlite3_finalize(m_stmt); }
    SqlStatement(const SqlStatement&) = delete;
    SqlStatement& operator=(const SqlStatement&) = delete;

    Self& text(int i, std::string_view v)
    {
        // An empty view may have no data pointer, which SQLite would store as NULL.
        bound(sqlite3_bind_text(m_stmt, i, v.data() ? v.data() : "", int(v.size()), SQLITE_STATIC));
        return self();
    }
    // A copy of `v` kept by the statement (for a value that does not outlive the call).
    Self& text_copy(int i, std::string_view v)
    {
        bound(sqlite3_bind_text(m_stmt, i, v.data() ? v.data() : "", int(v.size()), SQLITE_TRANSIENT));
        return self();
    }
    Self& text_or_null(int i, std::string_view v) { return v.empty() ? null(i) : text(i, v); }
    Self& integer(int i, std::int64_t v)
    {
        bound(sqlite3_bind_int64(m_stmt, i, v));
        return self();
    }
    Self& real(int i, double v)
    {
        bound(sqlite3_bind_double(m_stmt, i, v));
        return self();
    }
    Self& null(int i)
    {
        bound(sqlite3_bind_null(m_stmt, i));
        return self();
    }
    template <class T>
    Self& optional(int i, const std::optional<T>& v)
    {
        if (!v)
            return null(i);
        if constexpr (std::is_floating_point_v<T>)
            return real(i, *v);
        else
            return integer(i, *v);
    }
    // The index of the parameter named `name` (":code"), 0 when there is none.
    int parameter(const char* name) const { return sqlite3_bind_parameter_index(m_stmt, name); }

    // One step: true for a row, false at the end.
    bool step()
    {
        const int rc = sqlite3_step(m_stmt);
        if (rc == SQLITE_ROW)
            return true;
        if (rc != SQLITE_DONE)
            failed(Phase::Step, rc);
        return false;
    }
    // Runs the statement to its end and resets it; returns the rows it changed.
    int run()
    {
        int rc;
        while ((rc = sqlite3_step(m_stmt)) == SQLITE_ROW) {
        }
        sqlite3_reset(m_stmt);
        if (rc != SQLITE_DONE)
            failed(Phase::Step, rc);
        return sqlite3_changes(m_db);
    }
    void reset() { sqlite3_reset(m_stmt); }
    sqlite3_stmt* get() const { return m_stmt; }

private:
    Self& self() { return static_cast<Self&>(*this); }
    void bound(int rc)
    {
        if (rc != SQLITE_OK)
            failed(Phase::Bind, rc);
    }
    [[noreturn]] void failed(Phase phase, int rc)
    {
        m_fail(phase, rc, m_db);
        throw StorageError(sqlite3_errstr(rc)); // a Fail that did not throw
    }

    sqlite3* m_db;
    Fail m_fail;
    sqlite3_stmt* m_stmt = nullptr;
};

} // namespace mwangaza::store
