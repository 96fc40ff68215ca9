// bench_xapian: Xapian (glass backend, Arabic stemmer when available) measured by the harness.
// SPDX-License-Identifier: MIT

// Indexing: TermGenerator with positions and STEM_SOME (unstemmed terms with positions plus
// stemmed Z-terms), title then text in one document whose data is its title and text (stored,
// as FTS5 and fahras store them, for snippets) and whose value slot 0 is its id; batches of
// 1,000 documents and
// one commit at the end, then the database compacted (Xapian's best setup here: about twice
// as fast and a smaller index than one large batch; see bench/README.md). Queries:
// QueryParser with default operator AND and the same stemmer, Enquire::get_mset(0, k) (BM25);
// with snippets, MSet::snippet() of each hit's text (Xapian counts bytes: 12 per word, the
// corpora's mean with the space) and of its title, whole, for the highlights.
// Options (--set): flush_threshold=N (documents per batch, default 1000), stemmer=NAME
// (any Xapian stemmer name, "none" for no stemming; default arabic when available),
// compact=0|1 (default 1: xapian-compact the database after the commit, counted in finish();
// the compacted copy is what is measured and searched).

#include <xapian.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "engine_harness.hpp"

namespace fahras::bench {
namespace {

namespace fs = std::filesystem;

/// "arabic" when this Xapian has it (1.4.x builds usually do), else "none".
std::string pick_stemmer() {
  std::istringstream languages(Xapian::Stem::get_available_languages());
  std::string language;
  while (languages >> language) {
    if (language == "arabic") return language;
  }
  return "none";
}

class xapian_engine final : public engine_adapter {
 public:
  std::string name() const override { return "xapian"; }

  std::vector<std::pair<std::string, std::string>> settings() const override {
    return {{"xapian_version", Xapian::version_string()},
            {"backend", "glass, DB_NO_SYNC"},
            {"stemmer", stemmer_name_ == "arabic" || !requested_stemmer_.empty()
                            ? stemmer_name_
                            : "none (this Xapian has no Arabic stemmer)"},
            {"stem_strategy", "STEM_SOME"},
            {"positions", "yes"},
            {"flush_threshold", std::to_string(flush_threshold_)},
            {"compact", compact_ ? "yes" : "no"},
            {"snippets", "MSet::snippet(text, " + std::to_string(bytes_per_word) +
                             " bytes per word, stemmer, SNIPPET_BACKGROUND_MODEL) and of the "
                             "title, whole"}};
  }

  bool set_option(const std::string& key, const std::string& value) override {
    if (key == "flush_threshold") {
      flush_threshold_ = std::stoul(value);
    } else if (key == "stemmer") {
      requested_stemmer_ = value;
    } else if (key == "compact") {
      compact_ = value == "1" || value == "yes" || value == "true";
    } else {
      return false;
    }
    return true;
  }

  void begin(const fs::path& workdir) override {
    stemmer_name_ = requested_stemmer_.empty() ? pick_stemmer() : requested_stemmer_;
    if (requested_stemmer_.empty() && stemmer_name_ != "arabic") {
      std::fprintf(stderr, "bench_xapian: no Arabic stemmer in Xapian %s; indexing unstemmed\n",
                   Xapian::version_string());
    }
    stemmer_ = Xapian::Stem(stemmer_name_);
    path_ = workdir / "xapian";
    // Xapian 1.4 reads its batch size only from the environment, when the database opens.
    setenv("XAPIAN_FLUSH_THRESHOLD", std::to_string(flush_threshold_).c_str(), 1);
    db_ = std::make_unique<Xapian::WritableDatabase>(
        path_.string(),
        // No fsync, as FTS5 runs with synchronous=OFF: a bulk load that can be redone.
        Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS | Xapian::DB_NO_SYNC);
    indexer_.set_stemmer(stemmer_);
    indexer_.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  }

  void add(const fahras::document& doc) override {
    Xapian::Document document;
    indexer_.set_document(document);
    indexer_.index_text(doc.title);
    indexer_.increase_termpos();  // no phrase across the title/text boundary
    indexer_.index_text(doc.text);
    // The id in value slot 0 (read without the stored text); title NUL text as the data.
    document.add_value(id_slot, doc.id);
    std::string data;
    data.reserve(doc.title.size() + doc.text.size() + 1);
    data.append(doc.title).append(1, '\0').append(doc.text);
    document.set_data(data);
    db_->add_document(document);
  }

  void finish() override {
    db_->commit();
    db_->close();
    db_.reset();
    if (compact_) {
      const fs::path compacted = path_.string() + "-compact";
      Xapian::Database(path_.string()).compact(compacted.string());
      fs::remove_all(path_);
      path_ = compacted;
    }
  }

  std::vector<size_entry> sizes() override {
    std::vector<size_entry> out;
    for (const auto& entry : fs::directory_iterator(path_)) {
      if (!entry.is_regular_file()) continue;
      const std::string table = entry.path().stem().string();  // postlist.glass -> postlist
      // postlist: term dictionary, postings, document lengths (and the ids' value stream);
      // position: positions. termlist is a forward index (document -> terms), docdata the
      // stored title and text: not needed to answer a query, so not "index".
      const bool index = table == "postlist" || table == "position";
      out.push_back({entry.path().filename().string(), entry.file_size(), index});
    }
    return out;
  }

  void open_for_search() override {
    search_db_ = Xapian::Database(path_.string());
    parser_ = Xapian::QueryParser();
    parser_.set_database(search_db_);
    parser_.set_stemmer(stemmer_);
    parser_.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser_.set_default_op(Xapian::Query::OP_AND);
  }

  search_answer search(const search_request& request) override {
    search_answer answer;
    const Xapian::Query parsed = parser_.parse_query(std::string(request.query));
    if (parsed.empty()) return answer;
    Xapian::Enquire enquire(search_db_);
    enquire.set_query(parsed);
    const Xapian::MSet hits = enquire.get_mset(0, static_cast<Xapian::doccount>(request.k));
    for (auto it = hits.begin(); it != hits.end(); ++it) {
      const Xapian::Document document = it.get_document();  // lazy: reads what is asked
      answer.ids.push_back(document.get_value(id_slot));
      if (request.snippet_words == 0) continue;
      const std::string data = document.get_data();
      const std::size_t title_end = std::min(data.find('\0'), data.size());
      const std::string title = data.substr(0, title_end);
      const std::string text = data.substr(std::min(title_end + 1, data.size()));
      answer.text_bytes +=
          hits.snippet(title, title.size(), stemmer_, snippet_flags).size() +
          hits.snippet(text, request.snippet_words * bytes_per_word, stemmer_, snippet_flags)
              .size();
    }
    return answer;
  }

 private:
  std::string requested_stemmer_;  // --set stemmer=...; empty: arabic when available
  std::string stemmer_name_ = "none";
  Xapian::Stem stemmer_;
  fs::path path_;
  static constexpr std::size_t bytes_per_word = 12;
  static constexpr Xapian::valueno id_slot = 0;
  // The default flags without SNIPPET_EXHAUSTIVE: Xapian stops at a good enough passage
  // instead of scoring every one, its faster way.
  static constexpr unsigned snippet_flags = Xapian::MSet::SNIPPET_BACKGROUND_MODEL;
  unsigned long flush_threshold_ = 1000;
  bool compact_ = true;
  std::unique_ptr<Xapian::WritableDatabase> db_;
  Xapian::TermGenerator indexer_;
  Xapian::Database search_db_;
  Xapian::QueryParser parser_;
};

}  // namespace
}  // namespace fahras::bench

int main(int argc, char** argv) {
  fahras::bench::xapian_engine engine;
  return fahras::bench::run_engine_benchmark(argc, argv, engine);
}
