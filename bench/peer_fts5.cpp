// bench_fts5: SQLite FTS5 (unicode61, remove_diacritics 2) measured by the engine harness.
// SPDX-License-Identifier: MIT

// Setup favours indexing speed, as a careful user would for a bulk load: journal off,
// synchronous off, exclusive locking, a generous page cache, prepared INSERTs in a single
// transaction. Queries: every word double-quoted, implicit AND, ORDER BY rank (BM25) LIMIT k;
// with snippets, each hit's title through highlight() and snippet() of its text with the
// harness's word count (FTS5 counts tokens, at most 64).
// Options (--set): cache_mib=N (page cache, default 256), optimize=1 (merge all segments
// into one after the load: a smaller, faster index, at a cost counted in finish()).

#include <sqlite3.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "engine_harness.hpp"

namespace fahras::bench {
namespace {

struct db_closer {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct stmt_finalizer {
  void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};
using db_handle = std::unique_ptr<sqlite3, db_closer>;
using stmt_handle = std::unique_ptr<sqlite3_stmt, stmt_finalizer>;

class fts5_engine final : public engine_adapter {
 public:
  std::string name() const override { return "fts5"; }

  std::vector<std::pair<std::string, std::string>> settings() const override {
    return {{"sqlite_version", sqlite3_libversion()},
            {"tokenize", "unicode61 remove_diacritics 2"},
            {"pragmas", "journal_mode=OFF synchronous=OFF locking_mode=EXCLUSIVE cache_size=" +
                            std::to_string(cache_mib_) + "MiB"},
            {"optimize", optimize_ ? "yes" : "no"},
            {"snippets",
             "highlight(docs, 1, '<b>', '</b>') and snippet(docs, 2, '<b>', "
             "'</b>', '…', N) per hit"},
            {"dbstat", dbstat_ ? "yes" : "no (sizes are the file total only)"}};
  }

  bool set_option(const std::string& key, const std::string& value) override {
    if (key == "cache_mib") {
      cache_mib_ = std::stoi(value);
    } else if (key == "optimize") {
      optimize_ = value == "1" || value == "yes" || value == "true";
    } else {
      return false;
    }
    return true;
  }

  void begin(const std::filesystem::path& workdir) override {
    path_ = (workdir / "fts5.db").string();
    db_ = open(path_);
    exec("PRAGMA journal_mode=OFF");
    exec("PRAGMA synchronous=OFF");
    exec("PRAGMA locking_mode=EXCLUSIVE");
    exec("PRAGMA temp_store=MEMORY");
    exec("PRAGMA cache_size=-" + std::to_string(cache_mib_ * 1024));  // negative: KiB
    exec(
        "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, text, "
        "tokenize='unicode61 remove_diacritics 2')");
    exec("BEGIN");
    insert_ = prepare("INSERT INTO docs(id, title, text) VALUES (?1, ?2, ?3)");
  }

  void add(const fahras::document& doc) override {
    sqlite3_stmt* s = insert_.get();
    bind_text(s, 1, doc.id);
    bind_text(s, 2, doc.title);
    bind_text(s, 3, doc.text);
    if (sqlite3_step(s) != SQLITE_DONE) fail("insert");
    sqlite3_reset(s);
  }

  void finish() override {
    insert_.reset();
    exec("COMMIT");
    if (optimize_) exec("INSERT INTO docs(docs) VALUES('optimize')");
    db_.reset();  // everything on disk, handle closed: search opens its own
  }

  std::vector<size_entry> sizes() override {
    db_handle db = open(path_);
    std::vector<size_entry> out;
    sqlite3_stmt* raw = nullptr;
    // dbstat is a compile-time option of SQLite (Debian enables it); without it, the harness
    // still reports the file total.
    if (sqlite3_prepare_v2(db.get(), "SELECT name, SUM(pgsize) FROM dbstat GROUP BY name", -1, &raw,
                           nullptr) != SQLITE_OK) {
      dbstat_ = false;
      return out;
    }
    stmt_handle stmt(raw);
    dbstat_ = true;
    while (sqlite3_step(stmt.get()) == SQLITE_ROW) {
      const std::string table = reinterpret_cast<const char*>(sqlite3_column_text(stmt.get(), 0));
      const auto bytes = static_cast<std::uint64_t>(sqlite3_column_int64(stmt.get(), 1));
      // docs_data holds the term dictionary, postings and positions (segment b-trees);
      // docs_idx locates segment pages; docs_docsize holds document lengths for BM25.
      // docs_content is the stored copy of the text, docs_config a few settings.
      const bool index = table == "docs_data" || table == "docs_idx" || table == "docs_docsize";
      out.push_back({table, bytes, index});
    }
    return out;
  }

  void open_for_search() override {
    search_.reset();
    snippet_search_.reset();
    db_ = open(path_);
    exec("PRAGMA cache_size=-" + std::to_string(cache_mib_ * 1024));
    search_ = prepare("SELECT id FROM docs WHERE docs MATCH ?1 ORDER BY rank LIMIT ?2");
    snippet_search_ = prepare(
        "SELECT id, highlight(docs, 1, '<b>', '</b>'), "
        "snippet(docs, 2, '<b>', '</b>', '…', ?3) FROM docs WHERE docs MATCH ?1 "
        "ORDER BY rank LIMIT ?2");
  }

  search_answer search(const search_request& request) override {
    search_answer answer;
    const std::string match = match_expression(request.query);
    if (match.empty()) return answer;
    const bool snippets = request.snippet_words > 0;
    sqlite3_stmt* s = snippets ? snippet_search_.get() : search_.get();
    bind_text(s, 1, match);
    sqlite3_bind_int64(s, 2, static_cast<sqlite3_int64>(request.k));
    if (snippets) sqlite3_bind_int64(s, 3, static_cast<sqlite3_int64>(request.snippet_words));
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
      answer.ids.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)),
                              static_cast<std::size_t>(sqlite3_column_bytes(s, 0)));
      if (snippets) {
        sqlite3_column_text(s, 1);  // the text itself, as a result page would read it
        sqlite3_column_text(s, 2);
        answer.text_bytes += static_cast<std::uint64_t>(sqlite3_column_bytes(s, 1)) +
                             static_cast<std::uint64_t>(sqlite3_column_bytes(s, 2));
      }
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) fail("search");
    return answer;
  }

 private:
  /// Each whitespace-separated word as an FTS5 string ("..." with "" for a quote), so that
  /// no character of user input is read as query syntax; juxtaposition means AND.
  static std::string match_expression(std::string_view query) {
    std::string out;
    std::size_t i = 0;
    while (i < query.size()) {
      while (i < query.size() && (query[i] == ' ' || query[i] == '\t')) ++i;
      if (i == query.size()) break;
      if (!out.empty()) out += ' ';
      out += '"';
      for (; i < query.size() && query[i] != ' ' && query[i] != '\t'; ++i) {
        if (query[i] == '"') out += '"';
        out += query[i];
      }
      out += '"';
    }
    return out;
  }

  static db_handle open(const std::string& path) {
    sqlite3* raw = nullptr;
    const int rc =
        sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    db_handle db(raw);
    if (rc != SQLITE_OK) {
      throw std::runtime_error("cannot open " + path + ": " +
                               (raw ? sqlite3_errmsg(raw) : "out of memory"));
    }
    return db;
  }

  void exec(const std::string& sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_.get(), sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
      const std::string message = error ? error : "unknown error";
      sqlite3_free(error);
      throw std::runtime_error(sql + ": " + message);
    }
  }

  stmt_handle prepare(const char* sql) {
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db_.get(), sql, -1, &raw, nullptr) != SQLITE_OK) fail(sql);
    return stmt_handle(raw);
  }

  static void bind_text(sqlite3_stmt* s, int column, std::string_view text) {
    // SQLITE_STATIC: the bytes outlive the statement's step, so SQLite need not copy them.
    sqlite3_bind_text64(s, column, text.data(), text.size(), SQLITE_STATIC, SQLITE_UTF8);
  }

  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error("fts5 " + what + ": " + sqlite3_errmsg(db_.get()));
  }

  std::string path_;
  int cache_mib_ = 256;
  bool optimize_ = false;
  bool dbstat_ = false;
  db_handle db_;
  stmt_handle insert_, search_, snippet_search_;
};

}  // namespace
}  // namespace fahras::bench

int main(int argc, char** argv) {
  fahras::bench::fts5_engine engine;
  return fahras::bench::run_engine_benchmark(argc, argv, engine);
}
