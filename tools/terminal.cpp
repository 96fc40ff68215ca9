// Text on its way to a terminal: control characters shown, never obeyed.
// SPDX-License-Identifier: MIT
#include "terminal.hpp"

#include "cli.hpp"

namespace fahras::cli {
namespace {

constexpr char hex_digits[] = "0123456789abcdef";

void append_escape(std::string& out, const char* prefix, unsigned value) {
  out += prefix;
  out += hex_digits[(value >> 4) & 15];
  out += hex_digits[value & 15];
}

/// Length of the valid UTF-8 sequence at `s[i]`, or 0 when the byte there does not start one.
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned lead = byte(i);
  std::size_t n = 0;
  unsigned min = 0;
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF)
    n = 2, min = 0x80;
  else if (lead >= 0xE0 && lead <= 0xEF)
    n = 3, min = 0x800;
  else if (lead >= 0xF0 && lead <= 0xF4)
    n = 4, min = 0x10000;
  else
    return 0;
  if (i + n > s.size()) return 0;
  unsigned code = lead & (0x7Fu >> n);
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    code = (code << 6) | (byte(i + k) & 0x3F);
  }
  if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
  return n;
}

}  // namespace

std::string escape_controls(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t n = utf8_sequence(text, i);
    if (n == 0) {
      append_escape(out, "\\x", c);
      ++i;
    } else if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) {
      append_escape(out, "\\u00", c);
      ++i;
    } else if (c == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0) {
      append_escape(out, "\\u00", static_cast<unsigned char>(text[i + 1]));  // C1
      i += 2;
    } else {
      out.append(text, i, n);
      i += n;
    }
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
