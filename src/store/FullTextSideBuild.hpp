#pragma once
// The full-text index of a large load into an empty index, built on a second thread.
//
// A load of a million incidents spends its last seconds on one core: status history,
// the incident table's indexes, the full-text index, one after the other on the loading
// connection. The full-text index does not need that connection: its texts are known
// once the rows are read. FullTextSideBuild keeps them, then indexes them on its own
// thread, in a private in-memory database holding the same FTS5 table, while the loading
// connection builds the other indexes; install() copies the finished index into the
// database inside the load's transaction.
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

// True when the FTS5 table `table` of `db` has no document and no segment (a fresh
// programme, or one whose index never held anything).
bool full_text_index_is_empty(sqlite3* db, const std::string& table);

class FullTextSideBuild {
public:
    // `table`: the FTS5 table's name in `db`, whose CREATE statement is read from
    // `db`'s schema so the side index is built with the same columns and tokenizer;
    // `column`: the column the documents are for.
    FullTextSideBuild(sqlite3* db, std::string table, std::string column);
    ~FullTextSideBuild(); // waits for the thread
    FullTextSideBuild(const FullTextSideBuild&) = delete;
    FullTextSideBuild& operator=(const FullTextSideBuild&) = delete;

    // Keeps one document (copied); before start() only.
    void add(std::int64_t rowid, std::string_view text);
    std::size_t size() const { return m_rowids.size(); }

    // Starts indexing the documents on a second thread (none added: nothing to do).
    void start();

    // Waits for the thread, then (when documents were added), inside `db`'s open transaction, creates the FTS5 table
    // afresh (so no statement or cached structure of the empty one survives) and fills its
    // shadow tables with the built index. Throws StorageError when the build or the copy
    // failed; the caller's transaction is then to be rolled back.
    void install(sqlite3* db);

private:
    void build() noexcept;

    std::string m_table;
    std::string m_column;
    std::string m_create; // CREATE VIRTUAL TABLE ... USING fts5(...)
    std::vector<std::int64_t> m_rowids;
    std::vector<std::size_t> m_ends; // end offset of each document in m_texts
    std::string m_texts;

    struct Worker;
    std::unique_ptr<Worker> m_worker;
};

} // namespace mwangaza::store
