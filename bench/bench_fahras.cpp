// fahras through the benchmark harness: index_builder streaming to a file, load_index, search.
// SPDX-License-Identifier: MIT
#include <fahras/index.hpp>
#include <fahras/index_builder.hpp>
#include <fahras/search.hpp>
#include <fahras/serialize.hpp>

#include <fstream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "engine_harness.hpp"

namespace {

class fahras_engine final : public fahras::bench::engine_adapter {
 public:
  std::string name() const override { return "fahras"; }

  std::vector<std::pair<std::string, std::string>> settings() const override {
    return {{"stemmer", "light10"},
            {"store_text", store_text_ ? "yes" : "no"},
            {"search", "ids only (no snippets), exact totals"}};
  }

  bool set_option(const std::string& key, const std::string& value) override {
    if (key == "store_text") {
      store_text_ = value != "0" && value != "no";
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
    builder_ = std::make_unique<fahras::index_builder>(options, out_);
  }

  void add(const fahras::document& doc) override { builder_->add(doc); }

  void finish() override {
    auto written = builder_->finish();
    if (!written) throw std::runtime_error(written.error().message);
    builder_.reset();
    out_.close();
  }

  std::vector<fahras::bench::size_entry> sizes() override {
    auto loaded = fahras::load_index_file(path_);
    if (!loaded) throw std::runtime_error(loaded.error().message);
    const fahras::index_sizes s = loaded->sizes();
    return {{"dictionary", s.dictionary, true},
            {"postings", s.postings, true},
            {"positions", s.positions, true},
            {"docs", s.docs, true},
            {"meta", s.meta, false},
            {"stored", s.stored, false}};
  }

  void open_for_search() override {
    auto loaded = fahras::load_index_file(path_);  // validates every byte, as any load does
    if (!loaded) throw std::runtime_error(loaded.error().message);
    index_.emplace(std::move(loaded).value());
  }

  std::vector<std::string> search(std::string_view query, std::size_t k) override {
    fahras::search_options options;
    options.limit = k;
    options.snippet_words = 0;
    options.stored_fields = false;
    const fahras::search_results r = fahras::search(*index_, query, options);
    std::vector<std::string> ids;
    ids.reserve(r.hits.size());
    for (const fahras::hit& h : r.hits) ids.push_back(h.id);
    return ids;
  }

 private:
  bool store_text_ = true;
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
