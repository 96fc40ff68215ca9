// Tests of variants.hpp: every example of doc/variants.md, and the keys' properties on real words.
// SPDX-License-Identifier: MIT
#include <fahras/analyze.hpp>
#include <fahras/detail/build/variant_groups.hpp>
#include <fahras/normalize.hpp>
#include <fahras/variants.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "test_util.hpp"

using fahras::normalize;
using fahras::skeleton;
using fahras::transliteration_key;

namespace {

std::string read_source(const std::string& relative) {
  std::ifstream in(std::string(FAHRAS_SOURCE_DIR) + "/" + relative, std::ios::binary);
  REQUIRE_MESSAGE(in, relative);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string trim(std::string s) {
  const auto first = s.find_first_not_of(' ');
  const auto last = s.find_last_not_of(' ');
  return first == std::string::npos ? std::string() : s.substr(first, last - first + 1);
}

// The rows of the table between `<!-- name -->` and `<!-- /name -->` in doc/variants.md,
// header and rule lines left out; each row as its cells.
std::vector<std::vector<std::string>> doc_table(const std::string& name) {
  const std::string doc = read_source("doc/variants.md");
  const std::string open = "<!-- " + name + " -->", close = "<!-- /" + name + " -->";
  const auto from = doc.find(open), to = doc.find(close);
  REQUIRE_MESSAGE((from != std::string::npos && to != std::string::npos), name);
  std::istringstream lines(doc.substr(from + open.size(), to - from - open.size()));
  std::vector<std::vector<std::string>> rows;
  std::string line;
  int seen = 0;
  while (std::getline(lines, line)) {
    if (line.rfind("|", 0) != 0 || ++seen <= 2) continue;  // the header and |---|
    std::vector<std::string> cells;
    std::istringstream parts(line.substr(1));
    std::string cell;
    while (std::getline(parts, cell, '|')) cells.push_back(trim(cell));
    rows.push_back(cells);
  }
  REQUIRE(rows.size() >= 5);
  return rows;
}

// "a · b · c" -> {a, b, c}
std::vector<std::string> spellings(const std::string& cell) {
  std::vector<std::string> out;
  const std::string dot = " · ";
  std::size_t from = 0;
  for (std::size_t at; (at = cell.find(dot, from)) != std::string::npos; from = at + dot.size())
    out.push_back(cell.substr(from, at - from));
  out.push_back(cell.substr(from));
  return out;
}

// Every distinct word (and superscript-alef alternate) of the judged collection.
std::set<std::string> collection_words() {
  std::set<std::string> words;
  const fahras::analyzer a;
  const auto add = [&](const std::string& text) {
    for (const auto& t : a(text)) {
      words.insert(t.normalized);
      if (!t.alternate.empty()) words.insert(t.alternate);
    }
  };
  for (const char* name : {"vocalized.jsonl", "tanzil.jsonl", "variants.jsonl"}) {
    std::istringstream lines(read_source(std::string("bench/quality/") + name));
    std::string line;
    while (std::getline(lines, line)) {
      const auto j = nlohmann::json::parse(line);
      add(j.at("title").get<std::string>() + " " + j.at("text").get<std::string>());
    }
  }
  for (const auto& article : nlohmann::json::parse(read_source("web_demo/articles/articles.json")))
    add(read_source("web_demo/articles/" + article.at("file").get<std::string>()));
  REQUIRE(words.size() > 3000);
  return words;
}

// Every spelling of each row of table `name` has the row's key.
template <class Key>
void check_equal_rows(const std::string& name, Key key) {
  for (const auto& row : doc_table(name)) {
    REQUIRE(row.size() >= 2);
    for (const std::string& typed : spellings(row[0])) {
      CAPTURE(typed);
      CHECK(key(normalize(typed)) == row[1]);
    }
  }
}

// The two words of each row of table `name` have different keys.
template <class Key>
void check_distinct_rows(const std::string& name, Key key) {
  for (const auto& row : doc_table(name)) {
    REQUIRE(row.size() >= 2);
    CAPTURE(row[0]);
    CAPTURE(row[1]);
    CHECK(key(normalize(row[0])) != key(normalize(row[1])));
  }
}

const auto skeleton_key = [](const std::string& w) { return skeleton(w); };
const auto transliteration = [](const std::string& w) { return transliteration_key(w); };

}  // namespace

TEST_SUITE("variants") {

TEST_CASE("doc/variants.md: every spelling of a row has the row's skeleton") {
  check_equal_rows("skeleton-equal", skeleton_key);
}

TEST_CASE("doc/variants.md: the words the skeleton must not merge keep different keys") {
  check_distinct_rows("skeleton-distinct", skeleton_key);
}

TEST_CASE("doc/variants.md: every spelling of a row has the row's transliteration key") {
  check_equal_rows("transliteration-equal", transliteration);
}

TEST_CASE("doc/variants.md: the words the transliteration key must not merge stay apart") {
  check_distinct_rows("transliteration-distinct", transliteration);
}

TEST_CASE("each skeleton rule can be switched off") {
  fahras::skeleton_options o;
  CHECK(skeleton("قرءان") == "قرن");
  o.drop_inline_hamza = false;
  CHECK(skeleton("قرءان", o) == "قرءن");
  o = {};
  o.waw_for_alef_words = false;
  CHECK(skeleton("الصلاه", o) == "الصله");
  CHECK(skeleton("الصلوه", o) == "الصلوه");
  o = {};
  o.drop_inner_alef = false;
  CHECK(skeleton("السماوات", o) == "السماوات");
  o = {};
  CHECK(skeleton("مالك") == "مالك");
  o.drop_second_letter_alef = true;
  CHECK(skeleton("مالك", o) == "ملك");
  o = {};
  o.collapse_double_waw = false;
  CHECK(skeleton("داوود", o) == "داوود");
  o = {};
  o.drop_plural_alef = false;
  CHECK(skeleton("جاءوا", o) == "جاوا");
  o = {};
  o.one_lam_layl = false;
  CHECK(skeleton("اليل", o) == "اليل");
  CHECK(skeleton("اليل") == "الليل");
}

TEST_CASE("one_lam_layl applies after the article only") {
  // ويل (woe), فيل (elephant), كيل (measure) end in يل after a letter that is no article.
  for (const char* w : {"ويل", "فيل", "كيل", "بيل", "ليل", "ليلا"}) {
    CAPTURE(w);
    CHECK(skeleton(w) == w);
  }
  CHECK(skeleton("واليل") == "والليل");
  CHECK(skeleton("باليل") == "بالليل");
}

TEST_CASE("each transliteration rule can be switched off") {
  fahras::transliteration_options o;
  o.fold_final_ng = false;
  CHECK(transliteration_key("يانج", o) == "يانج");
  o = {};
  o.fold_foreign_letters = false;
  CHECK(transliteration_key("\u06A4\u0644\u0627\u062F\u064A\u0645\u064A\u0631", o) !=
        transliteration_key("فلاديمير"));
  o = {};
  o.fold_g_letters = false;
  CHECK(transliteration_key("جوجل", o) == "جوجل");
  o = {};
  o.drop_inner_vowel_letters = false;
  CHECK(transliteration_key("امريكيه", o) != transliteration_key("اميركيه", o));
  o = {};
  o.long_word_letters = 0;  // no word is long
  CHECK(transliteration_key("ميدفيديف", o) != transliteration_key("ميدفيدف", o));
}

TEST_CASE("the transliteration key ends under any length threshold") {
  // الربا: the closed list writes ربوا, and a threshold of 4 letters drops that inner و again.
  for (std::size_t letters = 0; letters <= 8; ++letters) {
    fahras::transliteration_options o;
    o.long_word_letters = letters;
    for (const char* w : {"الربا", "الربوا", "ربا", "الصلاه", "التوراه", "الليل", "اليل"}) {
      CAPTURE(letters);
      CAPTURE(w);
      const std::string key = transliteration_key(w, o);
      CHECK_FALSE(key.empty());
      CHECK(transliteration_key(key, o) == key);  // the capped passes still end on a fixed point
    }
  }
}

TEST_CASE("words that are not Arabic come back byte for byte") {
  for (const char* w : {"", "abc", "2019", "Ünïcode", "\xFF\xFE", "中文"}) {
    CAPTURE(fahras::test::hex(w));
    CHECK(skeleton(w) == w);
    CHECK(transliteration_key(w) == w);
    CHECK(fahras::compound_splits(w).empty());
  }
}

TEST_CASE("compound_splits cuts a joined name into two parts of 3 letters or more") {
  const auto cuts = fahras::compound_splits("بيونغيانغ");
  CHECK(cuts.size() == 4);  // 9 letters, both parts of 3+: cuts after letters 3 to 6
  const std::pair<std::string, std::string> pyongyang{"بيونغ", "يانغ"};
  CHECK(std::find(cuts.begin(), cuts.end(), pyongyang) != cuts.end());
  for (const auto& [left, right] : cuts) CHECK(left + right == "بيونغيانغ");
  CHECK(fahras::compound_splits("كيم").empty());
  CHECK(fahras::compound_splits("بيونغيانغ", 4).size() == 2);
}

TEST_CASE("on every word of the collection both keys are idempotent and never empty") {
  for (const std::string& w : collection_words()) {
    CAPTURE(w);
    const std::string s = skeleton(w), t = transliteration_key(w);
    CHECK(!s.empty());
    CHECK(!t.empty());
    CHECK(skeleton(s) == s);
    CHECK(transliteration_key(t) == t);
    // The transliteration key only merges more: equal skeletons give equal keys.
    CHECK(transliteration_key(s) == t);
    CHECK(fahras::test::is_valid_utf8(s));
  }
}

TEST_CASE("a word and its superscript-alef spelling share a skeleton, with two exceptions") {
  // The tokenizer indexes مَٰلِكِ as ملك and مالك, ٱلسَّمَٰوَٰتِ as السموت and السماوات. The skeleton
  // joins the two spellings, except (doc/variants.md) when the alef stands right after the
  // first letter (مَٰلِك), or when a word starting with ال is not the article (إِلَٰهَ: اله/الاه,
  // إِۦلَـٰفِهِمْ: الفهم/الافهم), where the key cannot tell.
  const fahras::analyzer a;
  std::size_t joined = 0, second_letter = 0, not_article = 0;
  fahras::skeleton_options second;
  second.drop_second_letter_alef = true;
  for (const char* name : {"vocalized.jsonl", "tanzil.jsonl"}) {
    std::istringstream lines(read_source(std::string("bench/quality/") + name));
    std::string line;
    while (std::getline(lines, line)) {
      for (const auto& t : a(nlohmann::json::parse(line).at("text").get<std::string>())) {
        if (t.alternate.empty()) continue;
        CAPTURE(t.normalized);
        CAPTURE(t.alternate);
        if (skeleton(t.normalized) == skeleton(t.alternate)) {
          ++joined;
        } else if (skeleton(t.normalized, second) == skeleton(t.alternate, second)) {
          ++second_letter;
        } else {
          ++not_article;
          CHECK(t.normalized.rfind("\xD8\xA7\xD9\x84", 0) == 0);  // starts with ال
          CHECK(fahras::detail::count_code_points(t.normalized) <= 5);
        }
      }
    }
  }
  CHECK(joined > 80);
  CHECK(second_letter > 20);
  CHECK(not_article <= 4);
}

TEST_CASE("random Arabic-like words: the keys are total, idempotent and never empty") {
  std::mt19937 rng(12);
  const char32_t letters[] = {0x0621, 0x0627, 0x0648, 0x064A, 0x0647, 0x0644, 0x0643, 0x063A,
                              0x062C, 0x0642, 0x0646, 0x0628, 0x0641, 0x0645, 0x06A4, 0x06AF};
  for (int i = 0; i < 20000; ++i) {
    std::string w;
    const auto n = 1 + rng() % 9;
    for (unsigned k = 0; k < n; ++k) {
      char buf[4];
      const char32_t c = letters[rng() % (sizeof letters / sizeof letters[0])];
      w.append(buf, fahras::detail::encode_utf8(c, buf));
    }
    CAPTURE(w);
    const std::string s = skeleton(w), t = transliteration_key(w);
    REQUIRE(!s.empty());
    REQUIRE(!t.empty());
    CHECK(skeleton(s) == s);
    CHECK(transliteration_key(t) == t);
    // variant_keys_of takes the transliteration key from the skeleton: the same key.
    CHECK(transliteration_key(s) == t);
  }
}

TEST_CASE("the builder's shortcuts give what the rules give") {
  // Natively the index builder skips rules that cannot apply (variant_groups.hpp); the groups,
  // and each shortcut, must be those of the rules.
  using namespace fahras::detail;
  std::mt19937 rng(29);
  const char32_t letters[] = {0x0621, 0x0627, 0x0648, 0x064A, 0x0647, 0x0644, 0x0643, 0x063A,
                              0x062C, 0x0642, 0x0646, 0x0628, 0x0641, 0x0631, 0x0635, 0x06AF};
  const std::set<std::string> words = collection_words();
  std::vector<std::string> forms(words.begin(), words.end());
  for (int i = 0; i < 20000; ++i) {
    std::string w;
    const auto n = 1 + rng() % 8;
    for (unsigned k = 0; k < n; ++k) {
      char buf[4];
      const char32_t c = letters[rng() % (sizeof letters / sizeof letters[0])];
      w.append(buf, encode_utf8(c, buf));
    }
    forms.push_back(w);
  }
  for (const char* w : {"اليل", "واليل", "لليل", "ويل"}) forms.push_back(w);  // one_lam_layl
  forms.push_back("\xD8\xA8\xD8");  // bytes that are not UTF-8 come in as U+FFFD
  forms.push_back("\xD8\xA8\x80\xD8\xA8\xD8\xA7");
  const fahras::analyzer an;
  const fahras::transliteration_options rules;
  for (const std::string_view stopword : arabic_stopwords) CHECK(is_stopword_by_length(stopword));
  for (const std::string& form : forms) {
    CAPTURE(form);
    CHECK(is_stopword_by_length(form) == fahras::is_stopword(form));
    letter_buffer w, v;
    REQUIRE(w.assign(form) == assign_letters(v, form));
    REQUIRE(std::equal(w.begin(), w.end(), v.begin(), v.end()));
    letter_buffer s = w;
    skeleton_letters(s, rules.skeleton);
    if (is_own_skeleton(w, form.size())) CHECK(s.utf8() == form);
    letter_buffer t = s;
    if (is_own_transliteration(s)) CHECK(!transliteration_rules(t, rules));
  }
  std::vector<std::string> stems, stem_keys;
  for (const std::string& form : forms) stems.emplace_back(an.stem(form));
  std::vector<std::string> sorted = stems;
  std::sort(sorted.begin(), sorted.end());
  for (const std::string& stem : stems) stem_keys.push_back(encode_key(stem));
  const auto form_at = [&](std::uint32_t i, std::string_view& form, std::uint32_t& stem) {
    form = forms[i];
    stem = static_cast<std::uint32_t>(std::lower_bound(sorted.begin(), sorted.end(), stems[i]) -
                                      sorted.begin());
    return true;
  };
  const auto stem_of = [&](std::uint32_t i, std::string_view& stem, std::string_view& key) {
    stem = stems[i];
    key = stem_keys[i];
  };
  const auto n = static_cast<std::uint32_t>(forms.size());
  const auto by_rules = group_variants(an, n, form_at);
  const auto native = group_variants(an, n, form_at, stem_of);
  CHECK(by_rules.size() > 100);
  REQUIRE(native.size() == by_rules.size());
  for (std::size_t i = 0; i < native.size(); ++i) {
    CHECK(native[i].key == by_rules[i].key);
    CHECK(native[i].stems == by_rules[i].stems);
  }
}

}  // TEST_SUITE("variants")
