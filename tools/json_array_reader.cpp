// Splits a top-level JSON array into the text of its elements, streaming, with their lines.
// SPDX-License-Identifier: MIT
#include "json_array_reader.hpp"

#include <string>
#include <utility>

namespace fahras::tools {
namespace {

constexpr int end_of_file = std::char_traits<char>::eof();

bool is_json_whitespace(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

int json_array_reader::get() {
  const int c = in_.sbumpc();
  if (c != end_of_file) {
    ++bytes_read_;
    if (c == '\n') ++line_;
  }
  return c;
}

int json_array_reader::peek() { return in_.sgetc(); }

int json_array_reader::skip_whitespace() {
  int c = peek();
  while (is_json_whitespace(c)) {
    get();
    c = peek();
  }
  return c;
}

json_array_reader::status json_array_reader::fail(std::string message, std::size_t line) {
  message_ = std::move(message);
  line_of_result_ = line;
  state_ = state::done;
  return status::error;
}

json_array_reader::status json_array_reader::next() {
  element_.clear();
  if (state_ == state::start) {
    // A UTF-8 byte order mark is not JSON, but editors write it; accept and drop it.
    if (peek() == 0xEF) {
      get();
      if (get() != 0xBB || get() != 0xBF) return fail("expected a JSON array of objects", line_);
    }
    const int c = skip_whitespace();
    if (c == end_of_file) return fail("empty file: expected a JSON array of objects", line_);
    if (c != '[') return fail("expected a JSON array of objects", line_);
    get();
    state_ = skip_whitespace() == ']' ? (get(), state::after_array) : state::elements;
  }
  if (state_ == state::elements) {
    skip_whitespace();
    line_of_result_ = line_;
    int depth = 0;
    bool in_string = false;
    bool escaped = false;
    for (int c = get();; c = get()) {
      if (c == end_of_file) {
        // Point at the element's start: that is where the missing bracket or quote belongs.
        return fail("unexpected end of file in this element: the array is not closed",
                    line_of_result_);
      }
      if (in_string) {
        if (escaped) {
          escaped = false;
        } else if (c == '\\') {
          escaped = true;
        } else if (c == '"') {
          in_string = false;
        }
      } else if (c == '"') {
        in_string = true;
      } else if (c == '{' || c == '[') {
        ++depth;
      } else if ((c == '}' || c == ']') && depth > 0) {
        --depth;
      } else if (depth == 0 && (c == ',' || c == ']')) {
        if (c == ']') state_ = state::after_array;
        break;
      }
      element_.push_back(static_cast<char>(c));
    }
    while (!element_.empty() && is_json_whitespace(static_cast<unsigned char>(element_.back()))) {
      element_.pop_back();
    }
    return status::element;
  }
  if (state_ == state::after_array) {
    if (skip_whitespace() != end_of_file) return fail("unexpected text after the array", line_);
    state_ = state::done;
  }
  return status::end;
}

}  // namespace fahras::tools
