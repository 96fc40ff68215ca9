// Tests of written_forms.hpp: the written form shown for a search key or a stem.
// SPDX-License-Identifier: MIT
#include <fahras/written_forms.hpp>

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include "engine_util.hpp"

using fahras::term_form;
using fahras::test::build_index;
using fahras::test::doc;

TEST_SUITE("written_forms") {

TEST_CASE("a search key is shown as the text most often writes it") {
  const auto idx = build_index({doc(0, "الشراكة", "الشَّراكة والشراكة في الطاقة"),
                                doc(1, "", "الشراكة الاستراتيجية"), doc(2, "", "أوكرانيا")});
  CHECK(fahras::written_forms(idx, {"الشراكه", "اوكرانيا"}, term_form::normalized) ==
        std::vector<std::string>{"الشراكة", "أوكرانيا"});
}

TEST_CASE("a stem is shown as its most frequent word") {
  const auto idx = build_index(
      {doc(0, "", "العلاقات بين البلدين والعلاقة"), doc(1, "", "العلاقات التجارية علاقات")});
  const fahras::analyzer a;
  const std::string stem(a.stem(a.normalize("العلاقات")));
  CHECK(fahras::written_forms(idx, {stem}, term_form::stem) ==
        std::vector<std::string>{"العلاقات"});
}

TEST_CASE("ties go to the form that sorts first: unknown terms and surface forms stay") {
  const auto idx = build_index({doc(0, "", "كوريا كوريّا")});
  CHECK(fahras::written_forms(idx, {"كوريا"}, term_form::normalized)[0] == "كوريا");
  CHECK(fahras::written_forms(idx, {"غائب"}, term_form::normalized)[0] == "غائب");
  CHECK(fahras::written_forms(idx, {"غائب"}, term_form::stem)[0] == "غائب");
  CHECK(fahras::written_forms(idx, {"كوريّا"}, term_form::surface)[0] == "كوريّا");
  CHECK(fahras::written_forms(idx, {}, term_form::stem).empty());
}

TEST_CASE("a form is looked for only in documents that have it, up to max_documents") {
  // The form الكتب (stem كتب) appears only in document 2; its stem list also holds 0 and 1.
  const auto idx =
      build_index({doc(0, "", "كتب كتب كتب"), doc(1, "", "الكاتب كتب"), doc(2, "", "الكُتُب")});
  CHECK(fahras::written_forms(idx, {"الكتب"}, term_form::normalized)[0] == "الكُتُب");
  fahras::written_form_options none;
  none.max_documents = 0;
  CHECK(fahras::written_forms(idx, {"الكتب"}, term_form::normalized, none)[0] == "الكتب");
}

TEST_CASE("an index without stored text has only its titles to read") {
  fahras::index_options io;
  io.store_text = false;
  const auto idx = build_index({doc(0, "الشراكة", "الشراكة"), doc(1, "", "أوكرانيا")}, io);
  CHECK(fahras::written_forms(idx, {"الشراكه", "اوكرانيا"}, term_form::normalized) ==
        std::vector<std::string>{"الشراكة", "اوكرانيا"});
}

}  // TEST_SUITE("written_forms")
