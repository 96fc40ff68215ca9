// Tests of stem.hpp: Lucene's light10 vectors and the stemmer's limits.
// SPDX-License-Identifier: MIT
#include <fahras/analyze.hpp>
#include <fahras/stem.hpp>

#include <doctest/doctest.h>

using fahras::stem_light10;

TEST_SUITE("stem") {

// Lucene's TestArabicStemFilter, vector for vector.
TEST_CASE("Lucene's Arabic stemmer vectors pass") {
  const std::pair<const char*, const char*> vectors[] = {
      {"الحسن", "حسن"},       {"والحسن", "حسن"},
      {"بالحسن", "حسن"},      {"كالحسن", "حسن"},
      {"فالحسن", "حسن"},      {"للاخر", "اخر"},
      {"وحسن", "حسن"},        {"زوجها", "زوج"},
      {"ساهدان", "ساهد"},     {"ساهدات", "ساهد"},
      {"ساهدون", "ساهد"},     {"ساهدين", "ساهد"},
      {"ساهديه", "ساهد"},     {"ساهدية", "ساهد"},
      {"ساهده", "ساهد"},      {"ساهدة", "ساهد"},
      {"ساهدي", "ساهد"},      {"وساهدون", "ساهد"},
      {"ساهدهات", "ساهد"},    {"الو", "الو"},
      {"English", "English"}, {"", ""},
  };
  for (const auto& vector : vectors) {
    const char* input = vector.first;
    const char* expected = vector.second;
    CAPTURE(input);
    CHECK(stem_light10(input) == expected);
  }
}

TEST_CASE("light10_larkey takes و off before the article, and otherwise agrees with light10") {
  using fahras::stemmer;
  const std::pair<const char*, const char*> larkey_only[] = {
      {"وبالتالي", "تال"}, {"وللطالب", "طالب"}, {"وكالحسن", "حسن"}, {"وفالكتاب", "كتاب"}};
  for (const auto& entry : larkey_only) {
    const char* word = entry.first;  // not a structured binding: CAPTURE is a lambda
    CAPTURE(word);
    CHECK(fahras::stem(word, stemmer::light10_larkey) == entry.second);
    CHECK(fahras::stem(word, stemmer::light10) != entry.second);  // Lucene's keeps the article
  }
  for (const char* word : {"الحسن", "والحسن", "وحسن", "وساهدون", "والد", "والي", "والدة", "ولد",
                           "وزارة", "الو", "English"}) {
    CAPTURE(word);
    CHECK(fahras::stem(word, stemmer::light10_larkey) == fahras::stem(word, stemmer::light10));
  }
}

TEST_CASE(
    "light10_fahras, the default, keeps أليس whole and otherwise agrees with light10_larkey") {
  using fahras::stemmer;
  CHECK(fahras::analyze_options{}.stem == stemmer::light10_fahras);
  // The question's أ and the ل of ليس are not the article: not يس, the sura Ya-Sin.
  CHECK(fahras::stem("اليس", stemmer::light10_fahras) == "اليس");
  CHECK(fahras::stem("اليس", stemmer::light10_larkey) == "يس");  // as the index recorded it
  CHECK(fahras::stem("اليس", stemmer::light10) == "يس");
  const fahras::analyzer a;
  CHECK(a.stem(a.normalize("أَلَيْسَ")) == "اليس");
  for (const char* word :
       {"الحسن", "وبالتالي", "الله", "لله", "يس", "ليس", "اليسار", "الياس", "وساهدون", "English"}) {
    CAPTURE(word);
    CHECK(fahras::stem(word, stemmer::light10_fahras) ==
          fahras::stem(word, stemmer::light10_larkey));
  }
}

TEST_CASE("Lucene's keyword-marker vector: a keyword is not stemmed") {
  fahras::analyze_options options;
  options.keywords = {"ساهدهات"};
  const fahras::analyzer a(options);
  CHECK(a.stem("ساهدهات") == "ساهدهات");
  CHECK(a.stem("ساهدات") == "ساهد");
}

TEST_CASE("affixes are removed only when two letters remain") {
  CHECK(stem_light10("وهو") == "وهو");   // و needs four letters
  CHECK(stem_light10("والد") == "الد");  // وال needs five; و applies
  CHECK(stem_light10("الي") == "ال");    // as Lucene: ي leaves two letters
  CHECK(stem_light10("بها") == "بها");
  CHECK(stem_light10("العقوبات") == "عقوب");
  CHECK(stem_light10("عقوبه") == "عقوب");
}

TEST_CASE("the stem is a substring of the word") {
  const std::string word = "والمعاهدات";
  const std::string_view s = stem_light10(word);
  CHECK(s == "معاهد");
  CHECK(s.data() >= word.data());
  CHECK(s.data() + s.size() <= word.data() + word.size());
}

TEST_CASE("stemmer::none keeps the normalized form") {
  CHECK(fahras::stem("والحسن", fahras::stemmer::none) == "والحسن");
  fahras::analyze_options options;
  options.stem = fahras::stemmer::none;
  CHECK(fahras::analyze("والحسن", options)[0].stem == "والحسن");
}

}  // TEST_SUITE("stem")

TEST_SUITE("stem") {
TEST_CASE("the name of God and its clitic forms share the stem الله, not له") {
  for (const char* w : {"الله", "والله", "بالله", "لله", "فالله", "اللهم"}) {
    CAPTURE(w);
    CHECK(fahras::stem(w) == "الله");
  }
  CHECK(fahras::stem("له") == "له");
  CHECK(fahras::stem_light10("الله") == "له");  // plain light10, as Lucene
}
}  // TEST_SUITE("stem")
