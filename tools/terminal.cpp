// Text on its way to a terminal: control characters shown, never obeyed.
// SPDX-License-Identifier: MIT
#include "terminal.hpp"

#include <fahras/detail/unicode/utf8.hpp>

#include "cli.hpp"

namespace fahras::cli {
namespace {

constexpr char hex_digits[] = "0123456789abcdef";

void append_escape(std::string& out, const char* prefix, unsigned value) {
  out += prefix;
  out += hex_digits[(value >> 4) & 15];
  out += hex_digits[value & 15];
}

}  // namespace

std::string escape_controls(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    const std::size_t n = detail::decode_at(text, i, cp);
    if (n == 0) {
      append_escape(out, "\\x", static_cast<unsigned char>(text[i]));
      ++i;
      continue;
    }
    const bool c0 = cp < 0x20 && cp != '\t' && cp != '\n';
    if (c0 || (cp >= 0x7F && cp <= 0x9F)) {  // C0, DEL, C1
      append_escape(out, "\\u00", static_cast<unsigned>(cp));
    } else {
      out.append(text, i, n);
    }
    i += n;
  }
  return out;
}

bool shows_on_terminal(int stream) {
  static const bool terminal[3] = {is_terminal(0), is_terminal(1), is_terminal(2)};
  return stream >= 0 && stream <= 2 && terminal[stream];
}

std::string shown(std::string_view text, int stream) {
  return shows_on_terminal(stream) ? escape_controls(text) : std::string(text);
}

std::string one_line(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return out;
}

}  // namespace fahras::cli
