// The WebAssembly module's JSON writer (wasm/json_writer.hpp), natively: its text, and the
// buffer it keeps between calls.
// SPDX-License-Identifier: MIT
#include "../wasm/json_writer.hpp"

#include <doctest/doctest.h>

#include <cstddef>
#include <string>

TEST_CASE("the JSON writer separates, escapes and replaces invalid UTF-8") {
  fahras::wasm::json_writer out;
  out.begin_object()
      .field("id", "a\"b\\c\n")
      .field("n", 42u)
      .key("list")
      .begin_array()
      .value(true)
      .null()
      .value(std::string("\xD8\xB1\xFF", 3))
      .end_array()
      .exact_field("score", 0.5)
      .end_object();
  CHECK(out.str() ==
        "{\"id\":\"a\\\"b\\\\c\\u000a\",\"n\":42,\"list\":[true,null,\"\xD8\xB1\xEF\xBF\xBD\"],"
        "\"score\":0}");
  REQUIRE(out.numbers().size() == 1);
  CHECK(out.numbers()[0] == 0.5);
  out.clear();
  out.begin_array().end_array();
  CHECK(out.str() == "[]");
  CHECK(out.numbers().empty());
}

TEST_CASE("the JSON writer keeps a small buffer between answers and gives a large one back") {
  using fahras::wasm::json_writer;
  json_writer out;
  out.value(std::string(1000, 'x'));
  const std::size_t small = out.capacity();
  CHECK(small >= 1002);
  out.clear();
  CHECK(out.capacity() == small);  // the next answer writes without allocating

  const std::string book(3 * json_writer::kept_capacity, 'y');
  out.value(book);
  CHECK(out.str().size() == book.size() + 2);
  CHECK(out.capacity() > json_writer::kept_capacity);
  out.clear();
  CHECK(out.capacity() == 0);
  out.value("after");
  CHECK(out.str() == "\"after\"");
}
