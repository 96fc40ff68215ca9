// fahras through the benchmark harness: index_builder streaming to a file, load_index, search.
// SPDX-License-Identifier: MIT

// Only the umbrella header: the bench must not depend on where a declaration lives inside
// include/fahras/. Options (--set): store_text=0|1 (default 1, as the demo and the CLI),
// threads=N (index_options::threads, default 1), spelling=none (the spelling siblings off),
// soft_and=0 (full matches only): the last two measure what issue 12's layers cost a query.

#include <fahras/fahras.hpp>

#include <cstdio>
#include <fstream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "engine_harness.hpp"

namespace {

// The stemmer the index is built with (index_options's default), as the report names it.
const char* stemmer_label() {
  switch (fahras::index_options{}.analysis.stem) {
    case fahras::stemmer::none: return "none";
    case fahras::stemmer::light10: return "light10 (Lucene's)";
    case fahras::stemmer::light10_larkey: return "light10 (Larkey's)";
    case fahras::stemmer::light10_fahras: return "light10 (Larkey's, أليس kept)";
  }
  return "?";
}

class fahras_engine final : public fahras::bench::engine_adapter {
 public:
  std::string name() const override { return "fahras"; }

  std::vector<std::pair<std::string, std::string>> settings() const override {
    return {{"stemmer", stemmer_label()},
            {"store_text", store_text_ ? "yes" : "no"},
            {"threads", std::to_string(threads_)},
            {"spelling", spelling_ == fahras::spelling_variants::none ? "none" : "siblings"},
            {"soft_and", soft_and_ ? "on" : "off"},
            {"search",
             "exact totals; ids only: snippet_words 0, stored_fields off; snippets: "
             "snippet_words N, stored fields (title) and title highlights"}};
  }

  bool set_option(const std::string& key, const std::string& value) override {
    if (key == "store_text") {
      store_text_ = value != "0" && value != "no";
      return true;
    }
    if (key == "threads") {
      threads_ = std::stoul(value);
      if (threads_ == 0) throw std::invalid_argument("threads must be at least 1");
      return true;
    }
    if (key == "spelling") {  // none: the spelling siblings off, for an A/B of their cost
      spelling_ = value == "none" ? fahras::spelling_variants::none
                                  : fahras::spelling_variants::skeleton_and_transliteration;
      return true;
    }
    if (key == "soft_and") {  // 0: every word required, as before soft AND
      soft_and_ = value != "0" && value != "no";
      return true;
    }
    return false;
  }

  void begin(const std::filesystem::path& workdir) override {
    path_ = (workdir / "index.fahras").string();
    out_.open(path_, std::ios::binary | std::ios::trunc);
    if (!out_) throw std::runtime_error("cannot create " + path_);
    fahras::index_options options;
    options.store_text = store_text_;
    options.threads = static_cast<unsigned>(threads_);
    builder_ = std::make_unique<fahras::index_builder>(options, out_);
  }

  void add(const fahras::document& doc) override { builder_->add(doc); }

  void finish() override {
    auto written = builder_->finish();
    if (!written) throw std::runtime_error(written.error().message);
    builder_.reset();
    out_.close();
    if (!out_) throw std::runtime_error("cannot write " + path_);
  }

  void open_for_search() override {
    index_.reset();  // a reload replaces the index: never two in memory
    auto loaded = fahras::load_index_file(path_);
    if (!loaded) throw std::runtime_error(loaded.error().message);
    index_.emplace(std::move(loaded).value());
  }

  std::vector<fahras::bench::size_entry> sizes() override {
    const fahras::index_sizes s = index_->sizes();
    return {{"dictionary", s.dictionary, true},
            {"postings", s.postings, true},
            {"positions", s.positions, true},
            {"docs", s.docs, true},
            {"meta", s.meta, false},
            {"stored", s.stored, false}};
  }

  bool reports_typo_expansion() const override { return true; }

  fahras::bench::search_answer search(const fahras::bench::search_request& request) override {
    fahras::search_options options;
    options.limit = request.k;
    options.snippet_words = request.snippet_words;
    options.stored_fields = request.snippet_words > 0;
    options.spelling = spelling_;
    options.soft_and = soft_and_;
    const fahras::search_results r = fahras::search(*index_, request.query, options);
    fahras::bench::search_answer answer;
    answer.ids.reserve(r.hits.size());
    for (const fahras::hit& h : r.hits) {
      answer.ids.push_back(h.id);
      answer.text_bytes += h.snippet.text.size() + h.snippet.highlights.size();
      for (const auto& field : h.fields) answer.text_bytes += field.second.size();
    }
    for (const fahras::query_note& note : r.notes) {
      answer.typo_expanded |= note.what == fahras::query_note::kind::typo;
    }
    return answer;
  }

 private:
  bool store_text_ = true;
  unsigned long threads_ = 1;
  fahras::spelling_variants spelling_ = fahras::spelling_variants::skeleton_and_transliteration;
  bool soft_and_ = true;
  std::string path_;
  std::ofstream out_;
  std::unique_ptr<fahras::index_builder> builder_;
  std::optional<fahras::index> index_;
};

}  // namespace

int main(int argc, char** argv) {
  fahras_engine engine;
  return fahras::bench::run_engine_benchmark(argc, argv, engine);
}
