// Splits a top-level JSON array into the text of its elements, streaming, with their lines.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <istream>
#include <string>

namespace fahras::tools {

/// Reads `[ e0, e1, ... ]` from a stream one element at a time, without parsing the elements.
///
/// Why: a `.json` corpus can be large, and a bad element must be reported with its index and
/// line and then skipped. Splitting on top-level commas (outside strings, at bracket depth 0)
/// lets each element be parsed on its own, so one bad element does not lose the others. Only
/// the array's own structure is checked here; the elements are checked by their parser.
class json_array_reader {
 public:
  enum class status : std::uint8_t {
    element,  ///< `element()` and `line()` hold the next element (possibly empty: `[1,,2]`)
    end,      ///< the array is closed and only whitespace follows
    error,    ///< the array's structure is broken: `message()` and `line()` say where; final
  };

  explicit json_array_reader(std::istream& in) : in_(*in.rdbuf()) {}

  /// Advances to the next element; after `end` or `error`, keeps returning `end`.
  status next();

  const std::string& element() const { return element_; }   ///< text, trimmed of whitespace
  std::size_t line() const { return line_of_result_; }      ///< 1-based line of element/error
  const std::string& message() const { return message_; }   ///< what broke, for `error`
  std::uint64_t bytes_read() const { return bytes_read_; }  ///< bytes consumed so far

 private:
  enum class state : std::uint8_t { start, elements, after_array, done };

  int get();
  int peek();
  int skip_whitespace();  ///< skips blanks, returns the next character (not consumed) or EOF
  status fail(std::string message, std::size_t line);

  std::streambuf& in_;
  state state_ = state::start;
  std::string element_;
  std::string message_;
  std::size_t line_ = 1;
  std::size_t line_of_result_ = 0;
  std::uint64_t bytes_read_ = 0;
};

}  // namespace fahras::tools
