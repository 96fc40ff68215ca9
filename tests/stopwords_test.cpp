// Tests of stopwords.hpp.
// SPDX-License-Identifier: MIT
#include <fahras/normalize.hpp>
#include <fahras/stopwords.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <iterator>

TEST_SUITE("stopwords") {

TEST_CASE("the list is sorted bytewise and already normalized") {
  const auto& list = fahras::detail::arabic_stopwords;
  CHECK(std::is_sorted(std::begin(list), std::end(list)));
  CHECK(std::adjacent_find(std::begin(list), std::end(list)) == std::end(list));
  for (std::string_view w : list) {
    CAPTURE(w);
    CHECK(fahras::normalize(w) == w);
  }
}

TEST_CASE("function words are stopwords in any spelling, content words are not") {
  for (const char* w : {"في", "من", "على", "إلى", "الذي", "التي", "هذه", "أو", "ولم", "لقد"}) {
    CAPTURE(w);
    CHECK(fahras::is_stopword(fahras::normalize(w)));
  }
  for (const char* w : {"روسيا", "كوريا", "الشراكة", "بوتين", "العقوبات", "الله"}) {
    CAPTURE(w);
    CHECK_FALSE(fahras::is_stopword(fahras::normalize(w)));
  }
}

}  // TEST_SUITE("stopwords")
