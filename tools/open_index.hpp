// Opens the index file or collection folder named on a command line, reporting failures the
// CLI way.
// SPDX-License-Identifier: MIT
#pragma once

#include <fahras/collection.hpp>
#include <fahras/index.hpp>

#include <optional>
#include <string>
#include <type_traits>
#include <utility>

namespace fahras::cli {

/// Prints a library error the CLI way: `fahras COMMAND: why`.
void report_error(const char* command, const error& e);

/// What a command's INDEX names: an index file, or a collection folder (fahras bundle) whose
/// shards are read as the calls need them. A call on a collection fails when a shard is
/// missing or damaged; an index file leaves a damaged part out (index::damage says so).
class index_argument {
 public:
  /// Opens `path` (a folder as a collection), or prints `fahras COMMAND: PATH: why` on stderr
  /// and gives nothing.
  static std::optional<index_argument> open(const char* command, const std::string& path);

  const index& get() const noexcept { return folder_ ? folder_->as_index() : *file_; }
  const collection* as_collection() const noexcept { return folder_ ? &*folder_ : nullptr; }

  /// `f(get())`, or nothing after printing why a collection could not answer.
  template <class F>
  auto call(F&& f) const -> std::optional<std::decay_t<decltype(f(std::declval<const index&>()))>> {
    if (!folder_) return f(*file_);
    auto answer = folder_->with_index(std::forward<F>(f));
    if (answer) return std::move(answer).value();
    report_error(command_, answer.error());
    return std::nullopt;
  }

 private:
  explicit index_argument(const char* command) : command_(command) {}

  const char* command_;
  std::optional<index> file_;
  std::optional<collection> folder_;
};

}  // namespace fahras::cli
