// `fahras bundle`: builds an index from documents and writes it as a collection for static
// hosting (doc/collection.md).
// SPDX-License-Identifier: MIT
#include <fahras/collection.hpp>
#include <fahras/detail/io/atomic_file.hpp>
#include <fahras/serialize.hpp>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli.hpp"
#include "commands.hpp"
#include "progress.hpp"

#if defined(__unix__) || defined(__unix) || defined(__APPLE__)
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#define FAHRAS_MMAP 1
#endif
#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace fahras::cli {
namespace {

namespace fs = std::filesystem;

struct bundle_request {
  std::string output;
  std::vector<std::string> index_args;  // for `fahras index`: its options and the inputs
  std::vector<std::string> inputs;
  bundle_options options;
  bool quiet = false;
};

bundle_request parse_bundle(const std::vector<std::string>& args) {
  const parsed_args parsed = parse_args(args, {{"--output", "-o", true},
                                               {"--skip-bad", "", false},
                                               {"--reject-bad", "", false},
                                               {"--no-store-text", "", false},
                                               {"--quiet", "-q", false},
                                               {"--threads", "", true},
                                               {"--dictionary-kb", "", true},
                                               {"--inline-bytes", "", true},
                                               {"--documents-kb", "", true},
                                               {"--pack-kb", "", true},
                                               {"--typo-kb", "", true}});
  exclusive(parsed, {"--skip-bad", "--reject-bad"});
  bundle_request r;
  const std::optional<std::string> output = parsed.value("--output");
  if (!output || output->empty()) throw usage_error("-o DIR is required");
  if (parsed.positionals().empty()) throw usage_error("no INPUT given");
  std::error_code ec;
  if (fs::exists(*output, ec) && !fs::is_directory(*output, ec))
    throw usage_error("-o needs a folder, not the file '" + *output + "'");
  r.output = *output;
  r.quiet = parsed.has("--quiet");
  for (const char* flag : {"--skip-bad", "--reject-bad", "--no-store-text", "--quiet"})
    if (parsed.has(flag)) r.index_args.emplace_back(flag);
  if (parsed.has("--threads"))  // checked here, before DIR is made
    r.index_args.insert(r.index_args.end(),
                        {"--threads", std::to_string(parsed.number("--threads", 1))});
  r.index_args.emplace_back("--");
  for (const std::string& input : parsed.positionals()) {
    // Bundling writes into DIR: an input folder that is DIR would read the collection back.
    if (fs::equivalent(input, *output, ec))
      throw usage_error("-o " + *output + " is also an input; write the collection elsewhere");
    r.index_args.push_back(input);
    r.inputs.push_back(input);
  }
  bundle_options& o = r.options;
  // Sizes in KB, up to a gigabyte: a shard is one fetch, and the product must not wrap around.
  constexpr std::size_t max_kb = std::size_t{1} << 20;
  const auto kilobytes = [&](std::string_view name, std::size_t bytes, std::size_t min) {
    return parsed.number(name, bytes / 1024, min, max_kb) * 1024;
  };
  o.dictionary_shard_bytes = kilobytes("--dictionary-kb", o.dictionary_shard_bytes, 1);
  o.inline_list_bytes = parsed.number("--inline-bytes", o.inline_list_bytes, 0, max_kb * 1024);
  o.documents_shard_bytes = kilobytes("--documents-kb", o.documents_shard_bytes, 1);
  o.pack_bytes = kilobytes("--pack-kb", o.pack_bytes, 1);
  o.typo_shard_bytes = kilobytes("--typo-kb", o.typo_shard_bytes, 0);
  return r;
}

/// An index file read in place: mapped where the system can (so the pages the collection
/// writer is done with can be dropped again), else loaded.
class mapped_index {
 public:
  static std::optional<mapped_index> open(const std::string& path) {
    mapped_index m;
#ifdef FAHRAS_MMAP
    const int fd = ::open(path.c_str(), O_RDONLY);
    struct stat st {};
    if (fd < 0 || ::fstat(fd, &st) != 0 || st.st_size <= 0) {
      if (fd >= 0) ::close(fd);
      return std::nullopt;
    }
    m.size_ = static_cast<std::size_t>(st.st_size);
    void* p = ::mmap(nullptr, m.size_, PROT_READ, MAP_PRIVATE, fd, 0);
    ::close(fd);
    if (p == MAP_FAILED) return std::nullopt;
    m.data_ = std::shared_ptr<const std::uint8_t>(
        static_cast<const std::uint8_t*>(p),
        [size = m.size_](const std::uint8_t* q) { ::munmap(const_cast<std::uint8_t*>(q), size); });
    // The writer reads the index once; the bundling checks nothing it wrote itself again.
    result<index> idx = detail::open_index(m.data_.get(), m.size_, m.data_, /*trusted=*/true);
    release(m.data_.get(), m.size_);  // the checksum read every page: drop them till needed
#else
    result<index> idx = load_index_file(path);
#endif
    if (!idx) return std::nullopt;
    m.index_ = std::make_shared<index>(std::move(idx).value());
    return m;
  }
  const index& get() const { return *index_; }

  /// The writer is done with these bytes: drop them from memory (the file keeps them).
  static void release(const std::uint8_t* data, std::size_t size) {
#ifdef FAHRAS_MMAP
    const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
    const auto begin = (reinterpret_cast<std::uintptr_t>(data) + page - 1) / page * page;
    const auto end = (reinterpret_cast<std::uintptr_t>(data) + size) / page * page;
    if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_DONTNEED);
#else
    (void)data;
    (void)size;
#endif
  }

 private:
  std::shared_ptr<const std::uint8_t> data_;
  std::size_t size_ = 0;
  std::shared_ptr<index> index_;
};

int run_bundle(const std::vector<std::string>& args) {
  bundle_request r = parse_bundle(args);
  std::error_code ec;
  const bool existed = fs::exists(r.output, ec);
  fs::create_directories(r.output, ec);
  if (ec) {
    std::fprintf(stderr, "fahras bundle: cannot create %s: %s\n", r.output.c_str(),
                 ec.message().c_str());
    return exit_failure;
  }
  // A run that fails leaves no folder it made: what it wrote there is of no use.
  struct made_folder {
    const std::string& path;
    bool keep;
    ~made_folder() {
      std::error_code ignored;
      if (!keep) fs::remove_all(path, ignored);
    }
  } made{r.output, existed};
  // 1. The documents go through `fahras index` (same inputs, options and messages) into a
  // single-file index, which holds the postings in memory and the text on disk: a hidden file
  // beside the collection with a name no other run picks, removed however the command ends.
  const detail::io::scratch_file temporary(
      detail::io::temporary_name((fs::path(r.output) / "").string(), "bundle-index"));
  std::vector<std::string> index_args = {"-o", temporary.path()};
  index_args.insert(index_args.end(), r.index_args.begin(), r.index_args.end());
  if (const int code = index_into_scratch("bundle", index_args); code != exit_success) return code;
#ifdef __GLIBC__
  ::malloc_trim(0);  // the builder's memory back to the system before the file is mapped
#endif

  // 2. The index is cut into shards, read in place from the file.
  std::optional<mapped_index> idx = mapped_index::open(temporary.path());
  if (!idx) {
    std::fprintf(stderr, "fahras bundle: cannot read the index it built (%s)\n",
                 temporary.path().c_str());
    return exit_failure;
  }
  r.options.release = &mapped_index::release;
  std::uint64_t files = 0, bytes = 0, root_bytes = 0;
  if (auto e = save_collection(
          idx->get(), r.output, r.options,
          [&](const std::string& path, std::size_t size) {
            ++files;
            bytes += size;
            if (path == detail::root_file_name) root_bytes = size;
          },
          r.inputs)) {
    std::fprintf(stderr, "fahras bundle: %s\n",
                 e->message.substr(e->message.rfind("fahras: ", 0) == 0 ? 8 : 0).c_str());
    return exit_failure;
  }
  made.keep = true;
  if (!r.quiet)
    std::fprintf(stderr, "fahras bundle: wrote %s: %s documents in %llu files (%s), root %s\n",
                 r.output.c_str(), std::to_string(idx->get().doc_count()).c_str(),
                 static_cast<unsigned long long>(files), human_bytes(bytes).c_str(),
                 human_bytes(root_bytes).c_str());
  return exit_success;
}

}  // namespace

constexpr std::string_view bundle_help = R"(usage: fahras bundle -o DIR [options] INPUT...

Reads documents as `fahras index` does (the same inputs and options) and writes them as a
collection for static hosting: DIR/root.fahras and the files in DIR/shards/, each named after
the hash of its bytes. A browser (fahras.openCollection) or `fahras search DIR QUERY` then
reads only the files a query needs. Rebuilding into the same DIR replaces the root last, so
readers see the old collection or the new one; old shards stay until removed (`fahras check
DIR` checks every file and counts them).

options:
  -o, --output DIR     the collection folder (created if needed)
  --reject-bad         stop at the first bad record and write nothing (the default)
  --skip-bad           report bad records and index the others
  --no-store-text      leave the documents' text out: no snippets, kwic or collocates
  -q, --quiet          no progress line, notes or summary
  --threads N          index with N threads, as `fahras index --threads` (default 1); the
                       collection is the same, byte for byte, whatever N
  --dictionary-kb N    dictionary shard size in KiB (default 8)
  --inline-bytes N     lists up to N bytes stay in their dictionary shard (default 2048)
  --documents-kb N     document shard size (lengths) in KiB (default 64)
  --pack-kb N          stored pack size in KiB (default 4)
  --typo-kb N          typo shard size in KiB (default 8); 0: no typo table, typo searches
                       walk the dictionary shards
)";

const command bundle_command{"bundle", "build a collection of shards for static hosting",
                             bundle_help, run_bundle};

}  // namespace fahras::cli
