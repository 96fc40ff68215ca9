// The bodies of the libFuzzer targets, shared with the doctest replay of tests/data/fuzz/.
// Each returns what went wrong, or an empty string; memory errors are the sanitizers' job.
// SPDX-License-Identifier: MIT
#pragma once

#include <fahras/fahras.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "../index_exercise.hpp"

namespace fahras::fuzz {

namespace detail_fuzz {

/// Loads the bytes: an error must be a clear one; with `use`, a loaded index must work in
/// every way (exercise_index, which includes load -> save -> load).
inline std::string check_loaded(const std::uint8_t* data, std::size_t size, bool use) {
  const result<index> r = load_index(data, size);
  if (!r) {
    const error& e = r.error();
    if (e.message.rfind("fahras: ", 0) != 0) return "error message without the fahras: prefix";
    if (e.offset > size) return "error offset beyond the input";
    return {};
  }
  return use ? test::exercise_index(*r) : std::string();
}

inline void put_u32(std::vector<std::uint8_t>& b, std::size_t at, std::uint32_t v) {
  for (unsigned i = 0; i < 4; ++i) b[at + i] = static_cast<std::uint8_t>(v >> (8 * i));
}

/// Runs `check_loaded` on the bytes, then on the same bytes with the header's size and the
/// checksum made to agree, so that mutations reach the structural validation behind the
/// checksum instead of stopping there.
inline std::string check_loaded_and_fixed(const std::uint8_t* data, std::size_t size, bool use) {
  std::string problem = check_loaded(data, size, use);
  if (!problem.empty() || size < 24 || size > (1u << 20)) return problem;
  std::vector<std::uint8_t> fixed(data, data + size);
  put_u32(fixed, 8, static_cast<std::uint32_t>(size));
  put_u32(fixed, size - 4, detail::crc32(fixed.data() + 12, size - 16));
  problem = check_loaded(fixed.data(), fixed.size(), use);
  return problem.empty() ? problem : "after fixing the checksum: " + problem;
}

}  // namespace detail_fuzz

/// Bytes as an index file: load them; if they load, use the index in every way (deep, slow:
/// a few hundred inputs a second).
inline std::string load_target(const std::uint8_t* data, std::size_t size) {
  return detail_fuzz::check_loaded_and_fixed(data, size, /*use=*/true);
}

/// Bytes as an index file, only loaded and validated (shallow, fast: thousands a second), so
/// that long runs cover the validation's many branches.
inline std::string load_shallow_target(const std::uint8_t* data, std::size_t size) {
  return detail_fuzz::check_loaded_and_fixed(data, size, /*use=*/false);
}

/// A small fixed index with vocalized text, metadata, a phrase and a ligature, built once and
/// loaded from its bytes, so that searches go through the checks a loaded index makes as it
/// goes (a built index trusts its bytes).
inline const index& search_target_index() {
  static const index idx = [] {
    index_builder b;
    b.add({"eurasia",
           "روسيا وكوريا الشمالية وتأسيس نظام دولي",
           "وَقَّعَتْ روسيا وكوريا الشمالية معاهدةَ الشراكة الاستراتيجية الشاملة في بيونغ يانغ.",
           {{"source", "مركز الدراسات العربية الأوراسية"}, {"date", "2025-06-23"}}});
    b.add({"alhal",
           "هل تعود التوترات إلى آسيا؟",
           "العقوبات الدولية على كوريا الشمالية لم تمنع تعاونها العسكري مع موسكو، والكتـــاب "
           "الأبيض يذكر ذلك.",
           {{"source", "الحل نت"}, {"date", "2023-09"}}});
    b.add({"erem",
           "شبكة دعم متبادلة",
           "تحالف كيم وبوتين يعيد رسم خريطة الصراع ﷺ ﻻ ٢٠٢٤",
           {{"source", "إرم نيوز"}}});
    b.add({"quran", "", "ٱلۡحَمۡدُ لِلَّهِ رَبِّ ٱلۡعَٰلَمِينَ", {}});
    return load_index(b.build().value().to_bytes()).value();
  }();
  return idx;
}

/// Bytes as a query against a fixed index, plain and as you type: search, highlights,
/// match_document, KWIC and collocates must all keep their invariants.
inline std::string search_target(const std::uint8_t* data, std::size_t size) {
  const index& idx = search_target_index();
  const std::string query(reinterpret_cast<const char*>(data), size);
  for (bool prefix : {false, true}) {
    std::string problem = test::detail_exercise::check_results(idx, query, prefix);
    if (!problem.empty()) return problem;
  }
  for (const kwic_line& line : kwic(idx, query, {8, 50})) {
    const std::string_view text = idx.document(line.doc).text;
    if (line.span.end > text.size() ||
        text.substr(line.span.begin, line.span.end - line.span.begin) != line.match)
      return "kwic match is not a slice of the text";
  }
  for (const collocate& c : collocates(idx, query, {3, 10, 1, false}))
    if (!std::isfinite(c.score) || c.count == 0) return "collocate score";
  return {};
}

/// Bytes as a query against the fixed index, only searched (plain and as you type), without
/// match_document on each hit, KWIC or collocates (shallow, fast: the planner and matchers).
inline std::string search_shallow_target(const std::uint8_t* data, std::size_t size) {
  const std::string query(reinterpret_cast<const char*>(data), size);
  for (bool prefix : {false, true}) {
    std::string problem = test::detail_exercise::check_results(search_target_index(), query, prefix,
                                                               /*match_each_hit=*/false);
    if (!problem.empty()) return problem;
  }
  return {};
}

}  // namespace fahras::fuzz
