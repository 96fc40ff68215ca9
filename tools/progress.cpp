// A progress line on stderr for long runs, shown only on a terminal.
// SPDX-License-Identifier: MIT
#include "progress.hpp"

#include <cstdio>

namespace fahras::cli {
namespace {

constexpr auto delay_before_first = std::chrono::milliseconds(500);
constexpr auto interval = std::chrono::milliseconds(200);

}  // namespace

progress_line::progress_line(bool enabled)
    : enabled_(enabled), start_(clock::now()), last_(start_) {}

void progress_line::update(std::uint64_t bytes_done, std::uint64_t bytes_total,
                           std::size_t documents) {
  if (!enabled_) return;
  const auto now = clock::now();
  if (now - start_ < delay_before_first || now - last_ < interval) return;
  last_ = now;
  std::string text = "fahras: read " + human_bytes(bytes_done);
  if (bytes_total > 0) {
    text += " of " + human_bytes(bytes_total) + " (" +
            std::to_string(bytes_done * 100 / bytes_total) + "%)";
  }
  text += ", " + std::to_string(documents) + " documents";
  std::fprintf(stderr, "\r%s\x1b[K", text.c_str());  // ESC[K erases the rest of a longer line
  std::fflush(stderr);
  shown_ = true;
}

void progress_line::clear() {
  if (!shown_) return;
  std::fputs("\r\x1b[K", stderr);
  std::fflush(stderr);
  shown_ = false;
}

std::string human_bytes(std::uint64_t bytes) {
  if (bytes < 1000) return std::to_string(bytes) + " B";
  const char* units[] = {"KB", "MB", "GB", "TB"};
  double value = static_cast<double>(bytes) / 1000.0;
  std::size_t unit = 0;
  while (value >= 1000.0 && unit + 1 < sizeof units / sizeof units[0]) {
    value /= 1000.0;
    ++unit;
  }
  char text[32];
  std::snprintf(text, sizeof text, "%.1f %s", value, units[unit]);
  return text;
}

}  // namespace fahras::cli
