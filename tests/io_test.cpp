// Tests of detail/io/: index files written atomically (save_index_file, atomic_file) and read
// header first (load_index_file).
// SPDX-License-Identifier: MIT
#include <fahras/detail/io/atomic_file.hpp>
#include <fahras/serialize.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "engine_util.hpp"
#include "test_util.hpp"

namespace fs = std::filesystem;
using fahras::detail::io::atomic_file;
using fahras::test::build_index;
using fahras::test::doc;
using fahras::test::read_file;

namespace {

/// A fresh folder per test case, removed afterwards.
struct scratch {
  fs::path path;
  explicit scratch(const std::string& name)
      : path(fs::temp_directory_path() / ("fahras-io-" + name + "-" + std::to_string(::getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~scratch() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string file(const std::string& name) const { return (path / name).string(); }
  /// The names in the folder, sorted: a leftover temporary shows here.
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(path)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  }
};

void write_text(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

/// Two indexes of clearly different sizes, each with many documents: a write takes a while.
const fahras::index& index_of(int which) {
  static const fahras::index indexes[2] = {
      [] {
        std::vector<fahras::document> docs;
        for (std::size_t i = 0; i < 300; ++i)
          docs.push_back(doc(i, "عنوان", "نص قصير رقم " + std::to_string(i)));
        return build_index(docs);
      }(),
      [] {
        std::vector<fahras::document> docs;
        for (std::size_t i = 0; i < 900; ++i)
          docs.push_back(
              doc(i, "عنوان آخر", "نص أطول بعض الشيء عن الشراكة رقم " + std::to_string(i)));
        return build_index(docs);
      }()};
  return indexes[which];
}

mode_t mode_of(const std::string& path) {
  struct stat st {};
  REQUIRE(::lstat(path.c_str(), &st) == 0);
  return st.st_mode;
}

}  // namespace

TEST_SUITE("io") {

TEST_CASE("regression #9.1: concurrent writers publish one complete index or the other") {
  // Two writers replace the same file again and again while a reader loads it: every load
  // sees one of the two indexes whole. Writing in place (or through one shared temporary
  // name) lets the reader see a half-written or interleaved file.
  const scratch dir("race");
  const std::string path = dir.file("race.fahras");
  REQUIRE_FALSE(fahras::save_index_file(index_of(0), path));
  std::atomic<bool> done{false};
  std::atomic<int> failures{0};
  std::string first_failure;
  std::thread writers[2];
  for (int w = 0; w < 2; ++w) {
    writers[w] = std::thread([&, w] {
      for (int round = 0; round < 25; ++round)
        if (fahras::save_index_file(index_of(w), path)) ++failures;
    });
  }
  std::thread reader([&] {
    while (!done) {
      const auto loaded = fahras::load_index_file(path);
      if (!loaded ||
          (loaded->size() != index_of(0).size() && loaded->size() != index_of(1).size())) {
        if (failures++ == 0) first_failure = loaded ? "a third size" : loaded.error().message;
      }
    }
  });
  for (auto& t : writers) t.join();
  done = true;
  reader.join();
  CHECK_MESSAGE(failures == 0, first_failure);
  const auto last = fahras::load_index_file(path);
  REQUIRE(last);
  CHECK((last->to_bytes() == index_of(0).to_bytes() || last->to_bytes() == index_of(1).to_bytes()));
  CHECK(dir.names() == std::vector<std::string>{"race.fahras"});
}

TEST_CASE("an unfinished or failed write leaves the old file as it was, and no temporary") {
  const scratch dir("abandon");
  const std::string path = dir.file("out.fahras");
  write_text(path, "old bytes");
  SUBCASE("no commit: the destructor removes the temporary") {
    auto file = atomic_file::create(path);
    REQUIRE(file);
    file->stream() << "new bytes, never committed";
    CHECK(dir.names().size() == 2);  // the target and the temporary beside it
  }
  SUBCASE("a stream error fails the commit") {
    auto file = atomic_file::create(path);
    REQUIRE(file);
    file->stream() << "new bytes";
    file->stream().setstate(std::ios::badbit);
    const fahras::error e = file->commit();
    CHECK(e.code == fahras::errc::io_error);
    CHECK(e.message.rfind("fahras: cannot write " + path + ": ", 0) == 0);
  }
  SUBCASE("a commit replaces it") {
    auto file = atomic_file::create(path);
    REQUIRE(file);
    file->stream() << "new bytes";
    CHECK_FALSE(file->commit());
    CHECK(read_file(path) == "new bytes");
    return;
  }
  CHECK(read_file(path) == "old bytes");
  CHECK(dir.names() == std::vector<std::string>{"out.fahras"});
}

TEST_CASE("the stream seeks, as the index builder writes the header's size last") {
  const scratch dir("seek");
  const std::string path = dir.file("streamed.fahras");
  auto file = atomic_file::create(path);
  REQUIRE(file);
  fahras::index_builder builder({}, file->stream());
  for (int i = 0; i < 50; ++i) builder.add(doc(static_cast<std::size_t>(i), "عنوان", "نص المقال"));
  REQUIRE(builder.finish());
  REQUIRE_FALSE(file->commit());
  const auto loaded = fahras::load_index_file(path);
  REQUIRE_MESSAGE(loaded, loaded.error().message);
  CHECK(loaded->doc_count() == 50);
}

TEST_CASE("regression #9.3: the old file's permissions are kept: a new file follows the umask") {
  const scratch dir("mode");
  const std::string path = dir.file("private.fahras");
  write_text(path, "old");
  ::chmod(path.c_str(), 0640);
  REQUIRE_FALSE(fahras::save_index_file(index_of(0), path));
  CHECK((mode_of(path) & 07777) == 0640);

  const mode_t mask = ::umask(027);
  const std::string fresh = dir.file("fresh.fahras");
  const fahras::error e = fahras::save_index_file(index_of(0), fresh);
  ::umask(mask);
  REQUIRE_FALSE(e);
  CHECK((mode_of(fresh) & 07777) == 0640);  // 0666 & ~027
}

TEST_CASE("regression #9.3: a target that is not a regular file, or is an input, is refused") {
  const scratch dir("special");
  SUBCASE("a FIFO") {
    const std::string fifo = dir.file("pipe.fahras");
    REQUIRE(::mkfifo(fifo.c_str(), 0644) == 0);
    // A reader on the FIFO, so that writing into it (the old behaviour) does not block.
    const int reader = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK);
    REQUIRE(reader >= 0);
    const fahras::error e = fahras::save_index_file(index_of(0), fifo);
    ::close(reader);
    CHECK(e.code == fahras::errc::io_error);
    CHECK(e.message == "fahras: cannot write " + fifo + ": a FIFO, not replaced");
    CHECK(S_ISFIFO(mode_of(fifo)));
  }
  SUBCASE("a character device") {
    const auto file = atomic_file::create("/dev/null");
    REQUIRE_FALSE(file);
    CHECK(file.error().message ==
          "fahras: cannot write /dev/null: a character device, not replaced");
  }
  SUBCASE("a folder") {
    const auto file = atomic_file::create(dir.path.string());
    REQUIRE_FALSE(file);
    CHECK(file.error().message.find(": a folder, not replaced") != std::string::npos);
  }
  SUBCASE("one of the inputs, under another name") {
    const std::string input = dir.file("docs.jsonl");
    write_text(input, "{}\n");
    const std::string alias = dir.file("alias.jsonl");
    fs::create_hard_link(input, alias);
    const auto file = atomic_file::create(alias, {input});
    REQUIRE_FALSE(file);
    CHECK(file.error().message.find("it is also an input (" + input + ")") != std::string::npos);
    CHECK(read_file(input) == "{}\n");
  }
  for (const std::string& name : dir.names()) CHECK(name.find(".tmp") == std::string::npos);
}

TEST_CASE("create_new_file makes a new file whole, and leaves alone what is there already") {
  using fahras::detail::io::create_new_file;
  const scratch dir("new-file");
  const std::string bytes = "شارد " + std::string(100000, 'x');  // more than one write's worth
#ifdef __linux__
  REQUIRE(create_new_file(dir.file("new.bin"), bytes.data(), bytes.size()));
  CHECK(read_file(dir.file("new.bin")) == bytes);
  CHECK(dir.names() == std::vector<std::string>{"new.bin"});  // no temporary, linked or not
  CHECK((mode_of(dir.file("new.bin")) & 0777) == (0666 & ~[] {
          const mode_t mask = ::umask(0);
          ::umask(mask);
          return mask;
        }()));
#endif
  // Never replaced: the caller falls back to write_file_atomically, which decides.
  write_text(dir.file("old.bin"), "old");
  CHECK_FALSE(create_new_file(dir.file("old.bin"), bytes.data(), bytes.size()));
  CHECK(read_file(dir.file("old.bin")) == "old");
  // Never through a link planted at the name, to a file or to nothing.
  fs::create_symlink("old.bin", dir.path / "to-old.bin");
  fs::create_symlink("nothing.bin", dir.path / "to-nothing.bin");
  CHECK_FALSE(create_new_file(dir.file("to-old.bin"), bytes.data(), bytes.size()));
  CHECK_FALSE(create_new_file(dir.file("to-nothing.bin"), bytes.data(), bytes.size()));
  CHECK(read_file(dir.file("old.bin")) == "old");
  CHECK_FALSE(fs::exists(dir.path / "nothing.bin"));
  // A folder that is not there: nothing made, nothing left.
  CHECK_FALSE(create_new_file(dir.file("missing/new.bin"), bytes.data(), bytes.size()));
  for (const std::string& name : dir.names()) CHECK(name.find(".tmp") == std::string::npos);
}

TEST_CASE("regression #9.2: links are followed and kept: a planted temporary is left alone") {
  const scratch dir("links");
  SUBCASE("a link to an index: the index is replaced, the link stays a link") {
    write_text(dir.file("real.fahras"), "old");
    fs::create_symlink("real.fahras", dir.path / "link.fahras");
    REQUIRE_FALSE(fahras::save_index_file(index_of(0), dir.file("link.fahras")));
    CHECK(fs::is_symlink(dir.path / "link.fahras"));
    CHECK(read_file(dir.file("real.fahras")).size() == index_of(0).size());
  }
  SUBCASE("a dangling link: the file is created where it points") {
    fs::create_symlink("made.fahras", dir.path / "dangling.fahras");
    REQUIRE_FALSE(fahras::save_index_file(index_of(0), dir.file("dangling.fahras")));
    CHECK(fs::is_symlink(dir.path / "dangling.fahras"));
    CHECK(read_file(dir.file("made.fahras")).size() == index_of(0).size());
  }
  SUBCASE("a link where the old fixed temporary name (OUT.partial) was: untouched") {
    write_text(dir.file("victim.txt"), "victim");
    fs::create_symlink("victim.txt", dir.path / "out.fahras.partial");
    REQUIRE_FALSE(fahras::save_index_file(index_of(0), dir.file("out.fahras")));
    CHECK(read_file(dir.file("victim.txt")) == "victim");
    CHECK(fs::is_symlink(dir.path / "out.fahras.partial"));
    CHECK_FALSE(fs::is_symlink(dir.path / "out.fahras"));
  }
  SUBCASE("a loop of links is an error") {
    fs::create_symlink("b.fahras", dir.path / "a.fahras");
    fs::create_symlink("a.fahras", dir.path / "b.fahras");
    const fahras::error e = fahras::save_index_file(index_of(0), dir.file("a.fahras"));
    CHECK(e.code == fahras::errc::io_error);
    CHECK(fs::is_symlink(dir.path / "a.fahras"));
  }
}

TEST_CASE("regression #9.1: a signal during a write removes the temporary, the target stays") {
  const scratch dir("signal");
  const std::string path = dir.file("kept.fahras");
  write_text(path, "old");
  for (const int signal_number : {SIGINT, SIGTERM}) {
    CAPTURE(signal_number);
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {                       // no doctest here: only _exit codes and the signal
      std::signal(signal_number, SIG_DFL);  // doctest's own handler, as a fresh process has none
      fahras::detail::io::remove_temporaries_on_signals();
      auto file = atomic_file::create(path);
      if (!file) ::_exit(2);
      file->stream() << std::string(1 << 20, 'x');
      file->stream().flush();
      ::raise(signal_number);
      ::_exit(3);  // not reached: the signal ends the process
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    CHECK(WIFSIGNALED(status));
    CHECK(WTERMSIG(status) == signal_number);
    CHECK(read_file(path) == "old");
    CHECK(dir.names() == std::vector<std::string>{"kept.fahras"});
  }
}

TEST_CASE("regression #9.5: load_index_file checks the header against the file size first") {
  const scratch dir("load");
  SUBCASE("2 GB of zeros are not an index, said from the first bytes") {
    // Sparse: nothing is written, and the loader must not read (or allocate) it either.
    const std::string path = dir.file("zeros.fahras");
    write_text(path, "");
    fs::resize_file(path, std::uintmax_t{2} << 30);
    const auto r = fahras::load_index_file(path);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == fahras::errc::bad_magic);
    CHECK(r.error().message == "fahras: not a fahras index (bad magic) at byte 0");
  }
  const std::string good(reinterpret_cast<const char*>(index_of(0).data()), index_of(0).size());
  SUBCASE("a header announcing more than the file holds is truncated at the file's end") {
    const std::string path = dir.file("short.fahras");
    write_text(path, good.substr(0, good.size() / 2));
    const auto r = fahras::load_index_file(path);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == fahras::errc::truncated);
    CHECK(r.error().offset == good.size() / 2);
    CHECK(r.error().message.find("expected " + std::to_string(good.size()) + " bytes") !=
          std::string::npos);
  }
  SUBCASE("bytes after the announced end are corrupt at that end") {
    const std::string path = dir.file("long.fahras");
    write_text(path, good + "x");
    const auto r = fahras::load_index_file(path);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == fahras::errc::corrupt);
    CHECK(r.error().offset == good.size());
  }
  SUBCASE("shorter than a header") {
    const std::string path = dir.file("tiny.fahras");
    write_text(path, "FHR");
    CHECK(fahras::load_index_file(path).error().code == fahras::errc::truncated);
  }
  SUBCASE("from a pipe, whose size is unknown: read up to the announced size") {
    const std::string fifo = dir.file("pipe.fahras");
    REQUIRE(::mkfifo(fifo.c_str(), 0644) == 0);
    // The loader stops reading one byte past the announced size and closes the pipe.
    const auto old_handler = std::signal(SIGPIPE, SIG_IGN);
    for (const std::string& sent : {good, good + "extra", good.substr(0, 100)}) {
      std::thread writer([&] { write_text(fifo, sent); });
      const auto r = fahras::load_index_file(fifo);
      writer.join();
      CAPTURE(sent.size());
      if (sent.size() == good.size()) {
        REQUIRE_MESSAGE(r, r.error().message);
        CHECK(r->size() == good.size());
      } else {
        REQUIRE_FALSE(r);
        CHECK(r.error().code ==
              (sent.size() > good.size() ? fahras::errc::corrupt : fahras::errc::truncated));
      }
    }
    std::signal(SIGPIPE, old_handler);
  }
}

}  // TEST_SUITE("io")
