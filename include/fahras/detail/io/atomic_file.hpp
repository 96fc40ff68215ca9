// Writing a file so that nobody ever sees it half-written: a temporary file beside it, renamed
// over it once complete and on disk.
// SPDX-License-Identifier: MIT
//
// This is how databases replace a file (SQLite's journal, LMDB's copy, git's lock files):
//  1. The target is checked: it must be a regular file (or not exist yet), not a device, FIFO or
//     folder, and not one of the inputs (same device and inode). A symbolic link is followed to
//     the file it names, which is then replaced and the link kept, as SQLite resolves links to
//     put its journal beside the real database and as `>` in a shell writes through links;
//     except a link in a sticky world-writable folder (/tmp) owned by someone else, which the
//     kernel's protected_symlinks rule would not follow either.
//  2. A temporary file with a fresh random name is created in the target's folder with
//     O_CREAT | O_EXCL | O_NOFOLLOW: it can never be an existing file or a link planted there,
//     and two writers never share one. It gets the old file's permissions (and owner when run
//     as root); a new file gets 0666 minus the umask, as any newly created file.
//  3. The bytes are written, fsync'ed, and the temporary is renamed over the target: readers
//     see the old file or the new one, whole. The folder is fsync'ed so the rename survives a
//     crash. Of two concurrent writers, the last rename wins; both files were complete.
//  4. A failed run, an exception or a destructor removes the temporary and leaves the target as
//     it was; `remove_temporaries_on_signals()` does the same for SIGINT, SIGTERM and SIGHUP.
// Without POSIX (Windows), a simpler fallback writes a temporary and renames it, unchecked.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <ostream>
#include <streambuf>
#include <string>
#include <utility>
#include <vector>

#include "../../error.hpp"
#include "../decimal.hpp"

#if defined(__unix__) || defined(__unix) || defined(__APPLE__)
#define FAHRAS_POSIX_FILES 1
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#else
#include <filesystem>
#include <fstream>
#endif

namespace fahras::detail::io {

/// "fahras: cannot write PATH: WHY", the one wording of every failed write.
inline error write_error(const std::string& path, const std::string& why) {
  return error{errc::io_error, 0, "fahras: cannot write " + path + ": " + why};
}

/// A name no other writer picks: the target's name (cut, so the result stays a valid file
/// name), then random letters. Hidden, and ending in `.tmp`, so folder listings skip it.
inline std::string temporary_name(const std::string& folder, const std::string& base) {
  static std::atomic<std::uint64_t> counter{0};
  // splitmix64 of the time, the counter and an address: unpredictable enough, since O_EXCL
  // (not the name) is what makes the file ours; the name only has to be new.
  std::uint64_t x = static_cast<std::uint64_t>(
                        std::chrono::high_resolution_clock::now().time_since_epoch().count()) ^
                    (counter.fetch_add(1) * 0x9E3779B97F4A7C15u) ^
                    reinterpret_cast<std::uintptr_t>(&x);
#ifdef FAHRAS_POSIX_FILES
  x ^= static_cast<std::uint64_t>(::getpid()) << 32;
#endif
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9u;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBu;
  x ^= x >> 31;
  std::string name = folder + "." + base.substr(0, 200) + ".";
  for (int i = 0; i < 12; ++i, x >>= 5) name += "abcdefghijklmnopqrstuvwxyz234567"[x & 31];
  return name + ".tmp";
}

#ifdef FAHRAS_POSIX_FILES

/// The temporaries being written, for the signal handler: a slot array, as a handler may not
/// allocate or lock. A file that finds every slot taken is still removed on every other path.
inline std::atomic<const char*> pending_temporaries[32];

/// Removes every temporary still being written. Async-signal-safe.
inline void remove_pending_temporaries() noexcept {
  for (auto& slot : pending_temporaries) {
    if (const char* path = slot.exchange(nullptr)) ::unlink(path);
  }
}

/// Lists `path` for removal by the signal handler; the slot taken, or null when all are.
inline std::atomic<const char*>* claim_pending_slot(const char* path) noexcept {
  for (auto& slot : pending_temporaries) {
    const char* expected = nullptr;
    if (slot.compare_exchange_strong(expected, path)) return &slot;
  }
  return nullptr;
}

inline void remove_temporaries_and_die(int signal_number) {
  remove_pending_temporaries();
  ::raise(signal_number);  // SA_RESETHAND made the action the default one again
}

/// Makes SIGINT, SIGTERM and SIGHUP remove the temporary files of unfinished writes before the
/// process ends as it would have. For programs (the CLI), not libraries: it takes those
/// signals' handlers, but only where none is set (an ignored SIGHUP under nohup stays ignored).
inline void remove_temporaries_on_signals() {
  for (int signal_number : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction old {};
    if (::sigaction(signal_number, nullptr, &old) != 0 || old.sa_handler != SIG_DFL) continue;
    struct sigaction action {};
    action.sa_handler = remove_temporaries_and_die;
    sigemptyset(&action.sa_mask);
    action.sa_flags = static_cast<int>(SA_RESETHAND | SA_NODEFER);
    ::sigaction(signal_number, &action, nullptr);
  }
}

/// An output stream buffer on a file descriptor that can seek (the index builder writes the
/// header's size last) and remembers why a write failed.
class fd_streambuf : public std::streambuf {
 public:
  explicit fd_streambuf(int fd) : fd_(fd), buffer_(std::size_t{1} << 16) {
    setp(buffer_.data(), buffer_.data() + buffer_.size());
  }
  /// errno of the first failed write or seek, or 0.
  int failure() const noexcept { return failure_; }

 protected:
  int_type overflow(int_type c) override {
    if (!drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }

  std::streamsize xsputn(const char* s, std::streamsize n) override {
    if (n <= epptr() - pptr()) {
      std::memcpy(pptr(), s, static_cast<std::size_t>(n));
      pbump(static_cast<int>(n));
      return n;
    }
    // Larger than the room left: write the buffer, then these bytes directly.
    if (!drain() || !write_all(s, static_cast<std::size_t>(n))) return 0;
    return n;
  }

  int sync() override { return drain() ? 0 : -1; }

  pos_type seekoff(off_type off, std::ios_base::seekdir dir,
                   std::ios_base::openmode which) override {
    if (!(which & std::ios_base::out) || !drain()) return pos_type(off_type(-1));
    const int whence = dir == std::ios_base::beg   ? SEEK_SET
                       : dir == std::ios_base::cur ? SEEK_CUR
                                                   : SEEK_END;
    const off_t at = ::lseek(fd_, static_cast<off_t>(off), whence);
    if (at < 0) {
      failure_ = errno;
      return pos_type(off_type(-1));
    }
    return pos_type(static_cast<off_type>(at));
  }

  pos_type seekpos(pos_type pos, std::ios_base::openmode which) override {
    return seekoff(off_type(pos), std::ios_base::beg, which);
  }

 private:
  bool drain() {
    const std::size_t n = static_cast<std::size_t>(pptr() - pbase());
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    return failure_ == 0 && write_all(buffer_.data(), n);
  }

  bool write_all(const char* s, std::size_t n) {
    while (n > 0) {
      const ssize_t written = ::write(fd_, s, n);
      if (written < 0 && errno == EINTR) continue;
      if (written <= 0) {
        failure_ = written < 0 ? errno : ENOSPC;
        return false;
      }
      s += written;
      n -= static_cast<std::size_t>(written);
    }
    return true;
  }

  int fd_;
  std::vector<char> buffer_;
  int failure_ = 0;
};

/// The file a write to `path` replaces: symbolic links followed (at most 40, as the kernel
/// does), the path of a file that does not exist yet returned as it is.
inline bool resolve_target(std::string path, std::string& out, std::string& why) {
  for (int hops = 0; hops < 40; ++hops) {
    struct stat link {};
    if (::lstat(path.c_str(), &link) != 0) {
      if (errno != ENOENT) {
        why = std::strerror(errno);
        return false;
      }
      out = std::move(path);  // a new file (or the missing end of a link)
      return true;
    }
    if (!S_ISLNK(link.st_mode)) {
      out = std::move(path);
      return true;
    }
    const std::size_t slash = path.rfind('/');
    const std::string folder = slash == std::string::npos ? "." : path.substr(0, slash + 1);
    struct stat dir {};
    if (::stat(folder.c_str(), &dir) == 0 && (dir.st_mode & S_ISVTX) && (dir.st_mode & S_IWOTH) &&
        link.st_uid != ::geteuid() && link.st_uid != dir.st_uid) {
      why = "a symbolic link in a shared folder, owned by someone else; not followed";
      return false;
    }
    std::vector<char> buffer(static_cast<std::size_t>(link.st_size > 0 ? link.st_size : 255) + 1);
    const ssize_t n = ::readlink(path.c_str(), buffer.data(), buffer.size());
    if (n < 0 || static_cast<std::size_t>(n) >= buffer.size()) {
      why = n < 0 ? std::strerror(errno) : "symbolic link changed while read";
      return false;
    }
    std::string destination(buffer.data(), static_cast<std::size_t>(n));
    if (destination.empty()) {
      why = "empty symbolic link";
      return false;
    }
    path = destination.front() == '/' || slash == std::string::npos
               ? destination
               : path.substr(0, slash + 1) + destination;
  }
  why = std::strerror(ELOOP);
  return false;
}

inline const char* file_kind(mode_t mode) {
  if (S_ISDIR(mode)) return "a folder";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

#else

/// Without POSIX signals there is nothing to install: an interrupted run may leave its
/// temporary file.
inline void remove_temporaries_on_signals() {}

#endif  // FAHRAS_POSIX_FILES

/// A file being replaced: write to `stream()`, then `commit()`; without a commit the target is
/// left as it was and the temporary removed (destructor), also when an exception passes.
///
/// **Example**:
/// ```
/// auto file = fahras::detail::io::atomic_file::create("out.fahras");
/// if (!file) return file.error();
/// file->stream().write(bytes, n);
/// if (auto e = file->commit()) return e;
/// ```
class atomic_file {
 public:
  /// Creates the temporary for `target` after the checks above; `inputs` are files the caller
  /// reads (and must not overwrite). Errors are `errc::io_error` with a message.
  static result<atomic_file> create(const std::string& target,
                                    const std::vector<std::string>& inputs = {}) {
    if (target.empty()) return write_error("''", "empty file name");
    auto s = std::make_unique<state>();
    s->shown_path = target;
#ifdef FAHRAS_POSIX_FILES
    std::string why;
    if (!resolve_target(target, s->target, why)) return write_error(target, why);
    struct stat old {};
    const bool replacing = ::stat(s->target.c_str(), &old) == 0;
    if (replacing) {
      if (!S_ISREG(old.st_mode)) {
        return write_error(target, std::string(file_kind(old.st_mode)) + ", not replaced");
      }
      for (const std::string& input : inputs) {
        struct stat in {};
        if (::stat(input.c_str(), &in) == 0 && in.st_dev == old.st_dev && in.st_ino == old.st_ino)
          return write_error(target, "it is also an input (" + input + "), not replaced");
      }
    } else if (errno != ENOENT) {
      return write_error(target, std::strerror(errno));
    }
    const std::size_t slash = s->target.rfind('/');
    const std::string folder = slash == std::string::npos ? "" : s->target.substr(0, slash + 1);
    const std::string base = s->target.substr(slash == std::string::npos ? 0 : slash + 1);
    if (base.empty() || base == "." || base == "..") return write_error(target, "not a file name");
    for (int attempt = 0; attempt < 100 && s->fd < 0; ++attempt) {
      s->temporary = temporary_name(folder, base);
      s->fd =
          ::open(s->temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
      if (s->fd < 0 && errno != EEXIST) return write_error(target, std::strerror(errno));
    }
    if (s->fd < 0) return write_error(target, "no free temporary file name");
    s->slot = claim_pending_slot(s->temporary.c_str());
    if (replacing) {
      // The old file's permissions, and its owner when we may give it (root); best effort
      // for the owner, since a file we cannot give away is still ours to write.
      if (::geteuid() == 0) (void)!::fchown(s->fd, old.st_uid, old.st_gid);
      if (::fchmod(s->fd, old.st_mode & 07777) != 0) {
        const std::string why = std::strerror(errno);
        atomic_file(std::move(s)).abandon();  // closes and removes the temporary, frees its slot
        return write_error(target, why);
      }
    }
    s->buffer = std::make_unique<fd_streambuf>(s->fd);
#else
    (void)inputs;
    s->target = target;
    const auto path = std::filesystem::path(target);
    const std::string folder = path.has_parent_path() ? path.parent_path().string() + "/" : "";
    for (int attempt = 0; attempt < 100 && !s->buffer; ++attempt) {
      s->temporary = temporary_name(folder, path.filename().string());
      std::error_code ec;
      if (std::filesystem::exists(s->temporary, ec)) continue;
      auto file = std::make_unique<std::filebuf>();
      if (!file->open(s->temporary, std::ios::out | std::ios::binary | std::ios::trunc))
        return write_error(target, "cannot create a temporary file");
      s->buffer = std::move(file);
    }
    if (!s->buffer) return write_error(target, "no free temporary file name");
#endif
    s->stream.rdbuf(s->buffer.get());
    return atomic_file(std::move(s));
  }

  atomic_file(atomic_file&&) noexcept = default;
  atomic_file& operator=(atomic_file&& other) noexcept {
    abandon();
    state_ = std::move(other.state_);
    return *this;
  }
  ~atomic_file() { abandon(); }

  /// Where to write the bytes. Seekable.
  std::ostream& stream() noexcept { return state_->stream; }

  /// Puts the bytes written in place of the target: flushes, syncs to disk, renames. On an
  /// error the target is unchanged and the temporary gone. Call at most once. Without `sync`
  /// nothing is synced: for files nothing names until the caller has synced their folder
  /// (a collection's shards, before its root), where one sync for all is much faster.
  error commit(bool sync = true) {
    state& s = *state_;
    s.stream.flush();
#ifdef FAHRAS_POSIX_FILES
    auto& buffer = static_cast<fd_streambuf&>(*s.buffer);
    int failure = buffer.failure();
    if (failure == 0 && !s.stream) failure = EIO;
    // fsync reports write-back errors (a full disk on NFS, a failing device) that write()
    // could not yet know; EINVAL means the file system has nothing to sync.
    if (failure == 0 && sync && ::fsync(s.fd) != 0 && errno != EINVAL) failure = errno;
    const int fd = std::exchange(s.fd, -1);
    if (::close(fd) != 0 && failure == 0 && errno != EINTR) failure = errno;
    if (failure == 0 && ::rename(s.temporary.c_str(), s.target.c_str()) != 0) failure = errno;
    if (failure != 0) {
      abandon();
      return write_error(s.shown_path, std::strerror(failure));
    }
    release_slot();
    s.temporary.clear();
    if (!sync) return {};
    // The rename is durable once the folder is synced. A failure here cannot be undone and the
    // new file is in place: it is not reported as a failed write.
    const std::size_t slash = s.target.rfind('/');
    const std::string folder = slash == std::string::npos ? "." : s.target.substr(0, slash + 1);
    const int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
      (void)::fsync(dir);
      ::close(dir);
    }
#else
    (void)sync;
    auto& file = static_cast<std::filebuf&>(*s.buffer);
    const bool written = s.stream.good() && file.close() != nullptr;
    std::error_code ec;
    if (written) std::filesystem::rename(s.temporary, s.target, ec);
    if (!written || ec) {
      abandon();
      return write_error(s.shown_path, written ? ec.message() : "write error");
    }
    s.temporary.clear();
#endif
    return {};
  }

 private:
  struct state {
    std::string shown_path;  // as the caller named it, for messages
    std::string target;      // the file replaced (links resolved)
    std::string temporary;   // empty once renamed or removed
    std::unique_ptr<std::streambuf> buffer;
    std::ostream stream{nullptr};
#ifdef FAHRAS_POSIX_FILES
    int fd = -1;
    std::atomic<const char*>* slot = nullptr;
#endif
  };

  explicit atomic_file(std::unique_ptr<state> s) : state_(std::move(s)) {}

  void release_slot() noexcept {
#ifdef FAHRAS_POSIX_FILES
    if (state_->slot != nullptr) state_->slot->store(nullptr);
    state_->slot = nullptr;
#endif
  }

  /// Removes the temporary, if any: the target stays as it was.
  void abandon() noexcept {
    if (!state_) return;
    state& s = *state_;
    s.stream.rdbuf(nullptr);
#ifdef FAHRAS_POSIX_FILES
    if (s.fd >= 0) ::close(std::exchange(s.fd, -1));
    if (!s.temporary.empty()) ::unlink(s.temporary.c_str());
    release_slot();  // after the unlink: a signal in between only unlinks it again
#else
    if (s.buffer) static_cast<std::filebuf&>(*s.buffer).close();
    std::error_code ec;
    if (!s.temporary.empty()) std::filesystem::remove(s.temporary, ec);
#endif
    s.temporary.clear();
  }

  std::unique_ptr<state> state_;
};

/// Replaces the file at `path` with `size` bytes, atomically (see atomic_file; `inputs` and
/// `sync` as for create and commit).
inline error write_file_atomically(const std::string& path, const void* data, std::size_t size,
                                   const std::vector<std::string>& inputs = {}, bool sync = true) {
  result<atomic_file> file = atomic_file::create(path, inputs);
  if (!file) return file.error();
  file->stream().write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
  return file->commit(sync);
}

/// Creates the file `path`, which must not exist yet, holding `size` bytes, whole or not at all,
/// and without a temporary name: the bytes go to an unnamed file in the folder (O_TMPFILE),
/// which is then linked at `path`, and a link never replaces anything (nor follows a link
/// planted there). That is one directory operation where atomic_file takes two (create,
/// rename), and nothing to remove if the run dies. Not synced: for many new files the caller
/// syncs at once (a collection's shards, before the root that names them). False when it did
/// not create the file, for whatever reason (`path` exists, no O_TMPFILE here, a write failed):
/// the caller then writes it with write_file_atomically, which decides and says why.
inline bool create_new_file(const std::string& path, const void* data, std::size_t size) {
#if defined(__linux__) && defined(O_TMPFILE)
  const std::size_t slash = path.rfind('/');
  const std::string folder = slash == std::string::npos ? "." : path.substr(0, slash + 1);
  const int fd = ::open(folder.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0) return false;
  const char* bytes = static_cast<const char*>(data);
  bool written = true;
  for (std::size_t left = size; written && left > 0;) {
    const ssize_t n = ::write(fd, bytes, left);
    if (n < 0 && errno == EINTR) continue;
    written = n > 0;
    if (!written) break;
    bytes += n;
    left -= static_cast<std::size_t>(n);
  }
  // Linking an unnamed file by its descriptor needs /proc (AT_EMPTY_PATH needs privileges).
  const std::string self = "/proc/self/fd/" + decimal(static_cast<unsigned>(fd));
  const bool linked =
      written && ::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, path.c_str(), AT_SYMLINK_FOLLOW) == 0;
  ::close(fd);  // unlinked, the file is gone with it
  return linked;
#else
  (void)path;
  (void)data;
  (void)size;
  return false;
#endif
}

/// A scratch file the caller makes (say, by another command) and must not leave behind: removed
/// by the destructor and, once remove_temporaries_on_signals() is installed, on SIGINT, SIGTERM
/// and SIGHUP.
class scratch_file {
 public:
  explicit scratch_file(std::string path) : path_(std::move(path)) {
#ifdef FAHRAS_POSIX_FILES
    slot_ = claim_pending_slot(path_.c_str());
#endif
  }
  scratch_file(const scratch_file&) = delete;
  scratch_file& operator=(const scratch_file&) = delete;
  ~scratch_file() {
    std::remove(path_.c_str());
#ifdef FAHRAS_POSIX_FILES
    if (slot_ != nullptr) slot_->store(nullptr);  // after the removal, as atomic_file does
#endif
  }
  const std::string& path() const noexcept { return path_; }

 private:
  std::string path_;
#ifdef FAHRAS_POSIX_FILES
  std::atomic<const char*>* slot_ = nullptr;
#endif
};

}  // namespace fahras::detail::io
