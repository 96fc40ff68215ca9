// The README's fold table must say what the code does: every row is checked, code point by
// code point, with its switch on and off.
// SPDX-License-Identifier: MIT
#include <fahras/normalize.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "test_util.hpp"

namespace {

using switch_member = bool fahras::normalize_options::*;

const std::map<std::string, switch_member>& switches() {
  static const std::map<std::string, switch_member> all = {
      {"remove_marks", &fahras::normalize_options::remove_marks},
      {"remove_tatweel", &fahras::normalize_options::remove_tatweel},
      {"remove_format_controls", &fahras::normalize_options::remove_format_controls},
      {"fold_alef", &fahras::normalize_options::fold_alef},
      {"fold_hamza_carriers", &fahras::normalize_options::fold_hamza_carriers},
      {"fold_alef_maksura", &fahras::normalize_options::fold_alef_maksura},
      {"fold_teh_marbuta", &fahras::normalize_options::fold_teh_marbuta},
      {"fold_persian", &fahras::normalize_options::fold_persian},
      {"fold_presentation_forms", &fahras::normalize_options::fold_presentation_forms},
      {"fold_digits", &fahras::normalize_options::fold_digits},
      {"lowercase_latin", &fahras::normalize_options::lowercase_latin},
  };
  return all;
}

struct row {
  std::string name;
  std::vector<std::pair<char32_t, char32_t>> ranges;  // inclusive
  std::set<char32_t> excluded;                        // "not U+XXXX"
  std::string result;                                 // the third column
};

std::vector<std::pair<char32_t, char32_t>> code_points(const std::string& text) {
  std::vector<std::pair<char32_t, char32_t>> out;
  static const std::regex cp(R"(U\+([0-9A-F]{4,5})(?:–U\+([0-9A-F]{4,5}))?)");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), cp); it != std::sregex_iterator();
       ++it) {
    const auto lo = static_cast<char32_t>(std::stoul((*it)[1].str(), nullptr, 16));
    const auto hi =
        (*it)[2].matched ? static_cast<char32_t>(std::stoul((*it)[2].str(), nullptr, 16)) : lo;
    out.emplace_back(lo, hi);
  }
  return out;
}

std::vector<row> fold_table() {
  const std::string readme = fahras::test::read_file(std::string(FAHRAS_SOURCE_DIR) + "/README.md");
  const auto begin = readme.find("<!-- fold-table -->");
  const auto end = readme.find("<!-- /fold-table -->");
  REQUIRE(begin != std::string::npos);
  REQUIRE(end != std::string::npos);
  std::vector<row> rows;
  std::istringstream lines(readme.substr(begin, end - begin));
  std::string line;
  static const std::regex cells(R"(^\| `([a-z_]+)` \| (.*) \| (.*) \|$)");
  while (std::getline(lines, line)) {
    std::smatch m;
    if (!std::regex_match(line, m, cells)) continue;
    row r;
    r.name = m[1];
    std::string chars = m[2];
    static const std::regex exclusion(R"(not (U\+[0-9A-F]{4,5}))");
    for (auto it = std::sregex_iterator(chars.begin(), chars.end(), exclusion);
         it != std::sregex_iterator(); ++it)
      for (const auto& [lo, hi] : code_points((*it)[1].str())) r.excluded.insert(lo);
    chars = std::regex_replace(chars, exclusion, "");
    r.ranges = code_points(chars);
    r.result = m[3];
    rows.push_back(r);
  }
  return rows;
}

std::string as_utf8(char32_t cp) {
  std::string s;
  fahras::detail::append_utf8(s, cp);
  return s;
}

}  // namespace

TEST_SUITE("readme") {

TEST_CASE("every switch of normalize_options has a row in the README's fold table") {
  const auto rows = fold_table();
  REQUIRE(rows.size() >= switches().size());
  std::set<std::string> named;
  for (const auto& r : rows) {
    CAPTURE(r.name);
    CHECK(switches().count(r.name) == 1);
    CHECK(!r.ranges.empty());
    named.insert(r.name);
  }
  CHECK(named.size() == switches().size());
}

TEST_CASE("each row of the README's fold table holds for each of its code points") {
  for (const row& r : fold_table()) {
    const switch_member member = switches().at(r.name);
    fahras::normalize_options off;
    off.*member = false;
    const auto expected = code_points(r.result);
    std::size_t checked = 0;
    for (std::size_t k = 0; k < r.ranges.size(); ++k) {
      for (char32_t cp = r.ranges[k].first; cp <= r.ranges[k].second; ++cp) {
        if (r.excluded.count(cp)) continue;
        const std::string c = as_utf8(cp);
        const std::string on = fahras::normalize(c);
        CAPTURE(r.name);
        CAPTURE(static_cast<std::uint32_t>(cp));
        if (r.result == "deleted") {
          CHECK(fahras::normalize("ب" + c + "ب") == "بب");
          CHECK(fahras::normalize("ب" + c + "ب", off).find(c) != std::string::npos);
        } else if (r.name == "fold_presentation_forms") {
          if (fahras::normalize(c, off) == fahras::normalize(c))
            continue;  // punctuation, unassigned
          CHECK(fahras::normalize(c, off) == c);
          CHECK(fahras::normalize(on) == on);
        } else if (r.result == "lower case") {
          const bool ascii_or_latin1 = cp < 0x100;
          if (ascii_or_latin1)
            CHECK(on == as_utf8(cp + 0x20));
          else if (cp == 0x130)
            CHECK(on == "i");  // İ, as the README says
          else if (cp == 0x178)
            CHECK(on == "ÿ");  // Ÿ
          else
            CHECK((on == c || on == as_utf8(cp + 1)));
          CHECK(fahras::normalize(c, off) == c);
        } else if (expected.size() == 1 && expected[0].first == expected[0].second) {
          CHECK(on == as_utf8(expected[0].first));  // one target for the whole row
          CHECK(fahras::normalize(c, off) == c);
        } else {
          REQUIRE(expected.size() == 1);  // a range onto a range of the same length
          REQUIRE(expected[0].second - expected[0].first == r.ranges[k].second - r.ranges[k].first);
          CHECK(on == as_utf8(expected[0].first + (cp - r.ranges[k].first)));
          CHECK(fahras::normalize(c, off) == c);
        }
        ++checked;
      }
    }
    CAPTURE(r.name);
    CHECK(checked > 0);
  }
}

}  // TEST_SUITE("readme")
