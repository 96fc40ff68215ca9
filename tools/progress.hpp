// A progress line on stderr for long runs, shown only on a terminal.
// SPDX-License-Identifier: MIT
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

namespace fahras::cli {

/// Redraws one status line (`\r`) on stderr at most a few times a second, starting once the
/// run has lasted a moment: short runs and redirected stderr (logs, CI) stay clean.
class progress_line {
 public:
  explicit progress_line(bool enabled);
  ~progress_line() { clear(); }
  progress_line(const progress_line&) = delete;
  progress_line& operator=(const progress_line&) = delete;

  /// `bytes_total` may be 0 when unknown.
  void update(std::uint64_t bytes_done, std::uint64_t bytes_total, std::size_t documents);
  /// Erases the line, so that a message can be printed on a clean line.
  void clear();

 private:
  using clock = std::chrono::steady_clock;
  bool enabled_;
  bool shown_ = false;
  clock::time_point start_;
  clock::time_point last_;
};

/// `12.3 MB`, `512 B`: sizes for people (decimal units).
std::string human_bytes(std::uint64_t bytes);

}  // namespace fahras::cli
