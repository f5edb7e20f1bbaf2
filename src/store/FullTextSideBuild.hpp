#pragma once
// The full-text index of a large load into an empty index, built on a second thread.
//
// A load of a million incidents is written by one connection, which ends with the
// status history and the incident table's indexes, one after the other. The full-text
// index does not need that connection: its texts are known as the rows are written.
// FullTextSideBuild hands them over in batches to a thread of its own, which indexes
// them in a private in-memory database holding the same FTS5 table, during the load
// (on the time the file-reading thread leaves free) and while the connection builds its
// other indexes; install() copies the finished index into the database inside the load's
// transaction.
//
// The copy is only valid into an index that holds nothing (its segments would otherwise
// have to be merged): the caller checks full_text_index_is_empty() before choosing it.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;

namespace mwangaza::store {

// True when the FTS5 table `table` of `db` has no segment: nothing indexed, nothing
// pending deletion (a fresh programme, or one whose index never held anything).
bool full_text_index_is_empty(sqlite3* db, const std::string& table);

class FullTextSideBuild {
public:
    // `table`: the FTS5 table's name in `db`, whose CREATE statement is read from
    // `db`'s schema so the side index is built with the same columns and tokenizer;
    // `column`: the column the documents are for. Starts the indexing thread.
    FullTextSideBuild(sqlite3* db, std::string table, std::string column);
    ~FullTextSideBuild(); // stops the thread (without install: the side index is dropped)
    FullTextSideBuild(const FullTextSideBuild&) = delete;
    FullTextSideBuild& operator=(const FullTextSideBuild&) = delete;

    // One document (copied), indexed soon after on the other thread.
    void add(std::int64_t rowid, std::string_view text);

    // Waits until every document added is indexed, then, inside `db`'s open transaction,
    // creates the FTS5 table afresh (so no statement or cached structure of the empty one
    // survives, and the table's settings are kept) and fills its shadow tables with the
    // built index. Throws StorageError when the build or the copy failed; the caller's
    // transaction is then to be rolled back. Nothing added: the table is left as it is.
    void install(sqlite3* db);

private:
    struct Batch {
        std::vector<std::int64_t> rowids;
        std::vector<std::size_t> ends; // end offset of each document in texts
        std::string texts;
    };
    struct Shared;

    void run() noexcept;
    void hand_over();

    std::string m_table;
    std::string m_column;
    std::string m_create; // CREATE VIRTUAL TABLE ... USING fts5(...)
    Batch m_filling;
    bool m_added = false;
    std::unique_ptr<Shared> m_shared;
};

} // namespace mwangaza::store
