// Tests of normalize.hpp: the fold table, its switches, offsets and idempotence.
// SPDX-License-Identifier: MIT
#include <fahras/normalize.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "test_util.hpp"

using fahras::normalize;
using fahras::normalize_options;

TEST_SUITE("normalize") {

// Lucene's TestArabicNormalizationFilter: every vector must hold with our defaults.
TEST_CASE("Lucene's Arabic normalization vectors pass") {
  const std::pair<const char*, const char*> vectors[] = {
      {"آجن", "اجن"},     {"أحمد", "احمد"},        {"إعاذ", "اعاذ"}, {"بنى", "بني"},
      {"فاطمة", "فاطمه"}, {"روبرـــــت", "روبرت"}, {"مَبنا", "مبنا"}, {"علِي", "علي"},
      {"بُوات", "بوات"},   {"ولداً", "ولدا"},        {"ولدٍ", "ولد"},   {"ولدٌ", "ولد"},
      {"نلْسون", "نلسون"}, {"هتميّ", "هتمي"},        {"", ""},
  };
  for (const auto& vector : vectors) {
    const char* input = vector.first;
    const char* expected = vector.second;
    CAPTURE(input);
    CHECK(normalize(input) == expected);
  }
}

TEST_CASE("vocalized, Uthmani, tatweel and presentation spellings give one key") {
  const std::string key = normalize("الرحمن");
  CHECK(key == "الرحمن");
  for (const char* variant : {"ٱلرَّحۡمَٰنِ", "الرحمٰن", "الرحـــمن", "ﺍﻟﺮﺣﻤﻦ", "الرَّحْمَنِ"}) {
    CAPTURE(variant);
    CHECK(normalize(variant) == key);
  }
  CHECK(normalize("٢٠٢٤") == "2024");
  CHECK(normalize("۲۰۲۴") == "2024");
  CHECK(normalize("كوريا الشماليه") == normalize("كوريا الشمالية"));
}

TEST_CASE("alef forms fold to bare alef") {
  for (const char* alef : {"أ", "إ", "آ", "ٱ", "ٲ", "ٳ", "ٵ"}) {
    CAPTURE(alef);
    CHECK(normalize(alef) == "ا");
  }
  SUBCASE("unless switched off") {
    normalize_options o;
    o.fold_alef = false;
    CHECK(normalize("أحمد", o) == "أحمد");
    CHECK(normalize("ٱلله", o) == "ٱلله");
  }
}

TEST_CASE("hamza carriers fold to their letter, switchable") {
  CHECK(normalize("مؤتمر") == "موتمر");
  CHECK(normalize("رئيس") == "رييس");
  normalize_options o;
  o.fold_hamza_carriers = false;
  CHECK(normalize("مؤتمر رئيس", o) == "مؤتمر رئيس");
}

TEST_CASE("alef maksura and teh marbuta fold by default, each switchable") {
  CHECK(normalize("على مدرسة") == "علي مدرسه");
  normalize_options o;
  o.fold_alef_maksura = false;
  CHECK(normalize("على مدرسة", o) == "على مدرسه");
  o = {};
  o.fold_teh_marbuta = false;
  CHECK(normalize("على مدرسة", o) == "علي مدرسة");
}

TEST_CASE("Persian and Urdu letters fold to Arabic ones") {
  CHECK(normalize("کتاب") == "كتاب");
  CHECK(normalize("فارسی") == "فارسي");
  CHECK(normalize("ے") == "ي");
  for (const char* heh : {"ۀ", "ہ", "ە", "ھ"}) {
    CAPTURE(heh);
    CHECK(normalize(heh) == "ه");
  }
  normalize_options o;
  o.fold_persian = false;
  CHECK(normalize("کتاب فارسی", o) == "کتاب فارسی");
}

TEST_CASE("combining marks are deleted, or kept when switched off") {
  // Harakat, superscript alef, U+0610–U+061A, Quranic annotation marks, extended marks.
  CHECK(normalize("كَتَبَ") == "كتب");
  CHECK(normalize("هٰذا") == "هذا");
  CHECK(normalize("ﷺ") == normalize("صلى الله عليه وسلم"));
  CHECK(normalize(std::string("ص") + "\u0610" + "لى") == "صلي");
  CHECK(normalize(std::string("قل") + "\u06DA" + "ب") == "قلب");
  CHECK(normalize(std::string("رب") + "\u08F0") == "رب");
  normalize_options o;
  o.remove_marks = false;
  CHECK(normalize("كَتَبَ", o) == "كَتَبَ");
}

TEST_CASE("tatweel is deleted unless switched off") {
  CHECK(normalize("الرحـــمن") == "الرحمن");
  normalize_options o;
  o.remove_tatweel = false;
  CHECK(normalize("الرحـمن", o) == "الرحـمن");
}

TEST_CASE("format and bidi controls are deleted") {
  const char* controls[] = {"\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00AD",
                            "\u200E", "\u200F", "\u061C", "\u202A", "\u202B", "\u202C",
                            "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069"};
  for (const char* c : controls) {
    CAPTURE(fahras::test::hex(c));
    CHECK(normalize(std::string("كتا") + c + "ب") == "كتاب");
  }
  normalize_options o;
  o.remove_format_controls = false;
  CHECK(normalize("كتا\u200Cب", o) == "كتا\u200Cب");
}

TEST_CASE("presentation forms fold to base letters, ligatures expand") {
  CHECK(normalize("ﻻ") == "لا");
  CHECK(normalize("ﻷ") == "لا");
  CHECK(normalize("ﷲ") == "الله");
  CHECK(normalize("ﷺ") == "صلي الله عليه وسلم");
  CHECK(normalize("ﷻ") == "جل جلاله");
  CHECK(normalize("ﻛﺘﺎﺏ") == "كتاب");
  CHECK(normalize("ﹰ") == "");  // isolated fathatan is a mark
  normalize_options o;
  o.fold_presentation_forms = false;
  CHECK(normalize("ﻻ", o) == "ﻻ");
  SUBCASE("ornate parentheses are punctuation, not letters") {
    CHECK(normalize("﴿الحمد﴾") == "﴿الحمد﴾");
  }
}

TEST_CASE("Arabic-Indic digits become ASCII digits, switchable") {
  CHECK(normalize("٠١٢٣٤٥٦٧٨٩") == "0123456789");
  CHECK(normalize("۰۱۲۳۴۵۶۷۸۹") == "0123456789");
  normalize_options o;
  o.fold_digits = false;
  CHECK(normalize("٢٠٢٤", o) == "٢٠٢٤");
}

TEST_CASE("Latin letters are lowercased, switchable") {
  CHECK(normalize("Erem Media FZ LLC") == "erem media fz llc");
  CHECK(normalize("ÀÉÎÕÜ Ÿ Ā Ł") == "àéîõü ÿ ā ł");
  normalize_options o;
  o.lowercase_latin = false;
  CHECK(normalize("LLC", o) == "LLC");
}

TEST_CASE("punctuation and spaces are kept as they are") {
  CHECK(normalize("«روسيا»، كوريا؛ لماذا؟ ٪ ٫ ٬ ۔") == "«روسيا»، كوريا؛ لماذا؟ ٪ ٫ ٬ ۔");
}

TEST_CASE("invalid UTF-8 becomes U+FFFD and never throws") {
  CHECK(normalize("ab\xFF"
                  "cd") ==
        "ab\xEF\xBF\xBD"
        "cd");
  CHECK(normalize("\xD8") == "\xEF\xBF\xBD");                  // truncated two-byte sequence
  CHECK(normalize("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong '/'
  CHECK(normalize("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
}

TEST_CASE("normalize_with_offsets maps each output byte to its source character") {
  const std::string text = "بَيت ﻻ";
  const auto r = fahras::normalize_with_offsets(text);
  CHECK(r.text == "بيت لا");
  REQUIRE(r.source_offsets.size() == r.text.size() + 1);
  // ب at 0, fatha 2-3 (gone), ي at 4, ت at 6, space at 8, ﻻ (3 bytes) at 9 gives ل and ا.
  const std::vector<std::size_t> expected = {0, 0, 4, 4, 6, 6, 8, 9, 9, 9, 9, 12};
  CHECK(r.source_offsets == expected);
}

TEST_CASE("property: normalize is idempotent on random text and random bytes") {
  std::mt19937 rng(20261121);
  for (int round = 0; round < 3000; ++round) {
    const std::string text = round % 3 == 0 ? fahras::test::random_bytes(rng, 40)
                                            : fahras::test::random_arabicish(rng, 30);
    const std::string once = normalize(text);
    CAPTURE(fahras::test::hex(text));
    REQUIRE(normalize(once) == once);
    // The output is always valid UTF-8.
    REQUIRE(fahras::test::is_valid_utf8(once));
  }
}

TEST_CASE("option bits round-trip") {
  for (std::uint16_t bits = 0; bits < (1u << 11); bits = static_cast<std::uint16_t>(bits + 37)) {
    CHECK(normalize_options::from_bits(bits).bits() == bits);
  }
  CHECK(normalize_options{}.bits() == fahras::detail::fold::all);
}

}  // TEST_SUITE("normalize")
