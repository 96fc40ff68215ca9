// fahras-gen-corpus: deterministic Arabic news-like documents (JSON Lines) and user-like queries.
// SPDX-License-Identifier: MIT

// Same seed and size give the same bytes on every machine: all randomness comes from
// corpus_gen/random.hpp (own PRNG and own exp/log), never from <random> or the C library.
// The corpus and the queries use separate generators, so asking for queries never changes the
// corpus. See bench/README.md for what the text looks like and why.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <iterator>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "corpus_gen/lexicon.hpp"
#include "corpus_gen/random.hpp"
#include "corpus_gen/typos.hpp"
#include "corpus_gen/vocabulary.hpp"

namespace fahras::bench {
namespace {

// The frequency law and the clitic tables are the vocabulary profile's (corpus_gen/vocabulary.hpp).

struct options {
  double mebibytes = 50;
  std::uint64_t seed = 1;
  const vocabulary_profile* vocabulary = &standard_vocabulary;
  std::string output;  // empty: stdout
  std::size_t queries = 0;
  std::string queries_output;
  std::uint32_t typo_percent = 0;  // queries with one mistyped word
  std::string kinds_output;        // one JSON line per query: exact or how it was mistyped
};

// --- small helpers -------------------------------------------------------------------------

/// A table of strings drawn with integer weights.
class weighted_strings {
 public:
  explicit weighted_strings(std::string_view list) {
    std::vector<std::uint32_t> weights;
    for (const std::string& item : split_words(list)) {
      const std::size_t colon = item.rfind(':');
      std::string word = item.substr(0, colon);
      if (word == "-") word.clear();  // "-" stands for "nothing"
      words_.push_back(word);
      weights.push_back(static_cast<std::uint32_t>(std::stoul(item.substr(colon + 1))));
    }
    choice_ = weighted_choice(weights);
  }
  const std::string& operator()(rng& random) const { return words_[choice_(random)]; }

 private:
  std::vector<std::string> words_;
  weighted_choice choice_;
};

// Letters are all two bytes in UTF-8 (U+0600..U+06FF), which the edits below rely on.
constexpr std::string_view teh_marbuta = "ة", heh = "ه", yeh = "ي", alef_maksura = "ى";
constexpr std::string_view tatweel = "ـ", alef = "ا";

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

/// Letters after which Arabic script does not join to the next letter (no tatweel there).
bool is_non_joining(std::string_view letter) {
  static const std::vector<std::string> letters = split_words("ا د ذ ر ز و ة ى أ إ آ ؤ ء");
  return std::find(letters.begin(), letters.end(), letter) != letters.end();
}

/// Drops harakat (U+064B..U+0652) and tatweel: what a user types when searching.
std::string strip_marks(std::string_view word) {
  std::string out;
  for (std::size_t i = 0; i < word.size();) {
    const auto b0 = static_cast<unsigned char>(word[i]);
    if (b0 == 0xD9 && i + 1 < word.size()) {
      const auto b1 = static_cast<unsigned char>(word[i + 1]);
      if ((b1 >= 0x8B && b1 <= 0x92) || b1 == 0x80) {
        i += 2;
        continue;
      }
    }
    out += word[i++];
  }
  return out;
}

void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  for (const char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

/// Days since 1970-01-01 to YYYY-MM-DD (Howard Hinnant's civil_from_days).
std::string iso_date(std::int64_t days) {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t doe = days - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t y = yoe + era * 400 + (m <= 2);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", static_cast<int>(y), static_cast<int>(m),
                static_cast<int>(d));
  return buf;
}

// --- per-document state ---------------------------------------------------------------------

/// Spelling habits of one document: its outlet's conventions and how careless it is.
struct doc_style {
  bool indic_digits = false;
  bool final_yeh_as_alef_maksura = false;
  bool vocalized = false;        // a few documents carry many harakat (quotes, religious text)
  std::uint32_t sloppiness = 1;  // multiplies the rates of spelling variants
};

/// A content word of the body, as a query source: surface form and where it stands.
struct word_record {
  std::string text;
  std::uint32_t token_index;
  std::uint32_t sentence;
};

// --- the generator --------------------------------------------------------------------------

class corpus_generator {
 public:
  explicit corpus_generator(const options& opts)
      : opts_(opts),
        profile_(*opts.vocabulary),
        random_(opts.seed),
        query_random_(opts.seed ^ 0x7175657269657321ULL),
        typo_random_(opts.seed ^ 0x7479706f73212121ULL),
        zipf_(profile_.zipf_shift, profile_.zipf_kink, profile_.zipf_head_exponent,
              profile_.lexeme_ranks, profile_.zipf_tail_exponent),
        lexicon_(profile_),
        noun_prefix_(profile_.noun_prefix),
        noun_suffix_(profile_.noun_suffix),
        verb_prefix_(profile_.verb_prefix),
        verb_suffix_(profile_.verb_suffix),
        definite_prefix_(profile_.definite_prefix),
        name_prefix_(profile_.name_prefix),
        name_suffix_(profile_.name_suffix),
        fixed_prefix_(profile_.fixed_prefix) {
    std::vector<std::string> words;
    std::vector<std::uint32_t> weights;
    split_weighted(function_words_weighted, words, weights);
    function_words_ = words;
    function_word_choice_ = weighted_choice(weights);
    function_word_total_ = 0;
    for (const std::uint32_t w : weights) function_word_total_ += w;
    gregorian_months_ = split_words(gregorian_months);
    for (std::string month : split_words(levantine_months)) {
      std::replace(month.begin(), month.end(), '_', ' ');
      levantine_months_.push_back(month);
    }
  }

  int run() {
    std::FILE* out = opts_.output.empty() ? stdout : std::fopen(opts_.output.c_str(), "wb");
    if (!out) {
      std::fprintf(stderr, "fahras-gen-corpus: cannot write %s\n", opts_.output.c_str());
      return 1;
    }
    const auto target = static_cast<std::uint64_t>(opts_.mebibytes * 1024 * 1024);
    std::vector<double> checkpoints;
    for (const double mib : {1.0, 5.0, 10.0, 25.0, 50.0, 100.0, 250.0, 500.0, 1000.0}) {
      if (mib * 1024 * 1024 <= static_cast<double>(target)) checkpoints.push_back(mib);
    }
    std::size_t next_checkpoint = 0;
    std::fprintf(stderr, "fahras-gen-corpus: seed %llu, %.6g MiB of title+text, %s vocabulary\n",
                 static_cast<unsigned long long>(opts_.seed), opts_.mebibytes,
                 std::string(profile_.name).c_str());
    std::fprintf(stderr, "%8s %9s %11s %10s %7s %10s %8s %7s\n", "MiB", "docs", "tokens",
                 "distinct", "heaps_b", "folded", "per_100", "heaps_b");
    std::string buffer;
    while (raw_bytes_ < target) {
      write_document(buffer);
      if (buffer.size() > (1u << 20)) flush(buffer, out);
      while (next_checkpoint < checkpoints.size() &&
             static_cast<double>(raw_bytes_) >= checkpoints[next_checkpoint] * 1024 * 1024) {
        report(std::to_string(static_cast<int>(checkpoints[next_checkpoint])));
        ++next_checkpoint;
      }
    }
    flush(buffer, out);
    report("final");
    std::fprintf(stderr, "fahras-gen-corpus: %llu bytes of title+text in %llu documents\n",
                 static_cast<unsigned long long>(raw_bytes_),
                 static_cast<unsigned long long>(doc_count_));
    if (out != stdout && std::fclose(out) != 0) {
      std::fprintf(stderr, "fahras-gen-corpus: error writing %s\n", opts_.output.c_str());
      return 1;
    }
    if (opts_.queries > 0) return write_queries();
    return 0;
  }

 private:
  void flush(std::string& buffer, std::FILE* out) {
    if (!buffer.empty() && std::fwrite(buffer.data(), 1, buffer.size(), out) != buffer.size()) {
      std::fprintf(stderr, "fahras-gen-corpus: write failed\n");
      std::exit(1);
    }
    buffer.clear();
  }

  /// One line of the Heaps curve: distinct surface words, and distinct words as a search
  /// engine keys them (fold()), per 100 tokens, with the local Heaps exponents. Display only:
  /// never feeds back into the text.
  void report(const std::string& label) {
    const auto tokens = static_cast<double>(token_count_);
    const auto beta = [&](std::size_t distinct, double last_distinct) {
      char text[16] = "";
      if (last_report_tokens_ > 0 && tokens > last_report_tokens_) {
        std::snprintf(text, sizeof text, "%.3f",
                      std::log(static_cast<double>(distinct) / last_distinct) /
                          std::log(tokens / last_report_tokens_));
      }
      return std::string(text);
    };
    std::fprintf(stderr, "%8s %9llu %11llu %10zu %7s %10zu %8.2f %7s\n", label.c_str(),
                 static_cast<unsigned long long>(doc_count_),
                 static_cast<unsigned long long>(token_count_), distinct_.size(),
                 beta(distinct_.size(), last_report_distinct_).c_str(), folded_.size(),
                 tokens > 0 ? 100.0 * static_cast<double>(folded_.size()) / tokens : 0.0,
                 beta(folded_.size(), last_report_folded_).c_str());
    last_report_tokens_ = tokens;
    last_report_distinct_ = static_cast<double>(distinct_.size());
    last_report_folded_ = static_cast<double>(folded_.size());
  }

  // --- documents ---

  void write_document(std::string& buffer) {
    ++doc_count_;
    const outlet& source = outlets[random_.below(static_cast<std::uint32_t>(std::size(outlets)))];
    style_ = doc_style{};
    style_.indic_digits = random_.chance(source.indic_digits_per_mille);
    style_.final_yeh_as_alef_maksura = random_.chance(source.final_yeh_as_alef_maksura_per_mille);
    style_.vocalized = random_.chance(10);
    const std::uint32_t care = random_.below(100);
    style_.sloppiness = care < 60 ? 1 : care < 90 ? 2 : 4;
    const std::string date = iso_date(16436 + random_.below(20269 - 16436 + 1));  // 2015..2025
    choose_topic();

    records_.clear();
    text_.clear();
    title_.clear();
    recording_ = false;
    write_title();
    recording_ = opts_.queries > 0;
    token_in_doc_ = 0;
    sentence_ = 0;
    write_body();
    raw_bytes_ += title_.size() + text_.size();
    offer_for_queries();

    char id[32];
    std::snprintf(id, sizeof id, "doc-%07llu", static_cast<unsigned long long>(doc_count_));
    buffer += "{\"id\":\"";
    buffer += id;
    buffer += "\",\"title\":";
    append_json_string(buffer, title_);
    buffer += ",\"text\":";
    append_json_string(buffer, text_);
    buffer += ",\"source\":";
    append_json_string(buffer, source.name);
    buffer += ",\"date\":\"";
    buffer += date;
    buffer += "\"}\n";
  }

  /// A document is about a few things: their words come back again and again (burstiness).
  void choose_topic() {
    topic_.clear();
    const std::uint32_t size = random_.between(6, 20);
    while (topic_.size() < size) {
      const std::uint64_t rank = zipf_rank();
      if (rank >= 40 && rank < 50000) topic_.push_back(rank);  // not too generic, not too rare
    }
    std::uint32_t names = random_.between(1, 2);
    for (int tries = 0; names > 0 && tries < 200; ++tries) {
      const std::uint64_t rank = zipf_rank();
      if (lexicon_.at(rank).kind == word_kind::name) {
        topic_.push_back(rank);
        --names;
      }
    }
  }

  std::uint64_t zipf_rank() { return zipf_(random_); }

  std::uint64_t content_rank() {
    if (random_.chance(250)) {  // a topic word, earlier ones more often
      const auto n = static_cast<std::uint32_t>(topic_.size());
      // min is symmetric, so the unspecified order of the two draws cannot change the bytes.
      return topic_[std::min(random_.below(n), random_.below(n))];
    }
    return zipf_rank();
  }

  void write_title() {
    target_ = &title_;
    const std::uint32_t words = random_.between(5, 12);
    const std::uint32_t colon_after = random_.chance(150) ? random_.between(1, 3) : 0;
    for (std::uint32_t i = 1; i <= words; ++i) {
      const std::uint32_t what = random_.below(100);
      if (what < 15 && i > 1 && i < words) {
        emit_function_word();
      } else {
        emit_lexeme(what < 60 ? topic_[random_.below(static_cast<std::uint32_t>(topic_.size()))]
                              : zipf_rank());
      }
      if (i == colon_after) title_ += ':';
    }
  }

  void write_body() {
    target_ = &text_;
    // Log-normal length around 400 words; the normal deviate is an Irwin-Hall sum of twelve
    // uniforms (portable, unlike Box-Muller through the C library's log and cos).
    double z = -6.0;
    for (int i = 0; i < 12; ++i) z += random_.uniform();
    const double length = det_exp(det_log(400.0) + 0.6 * z);
    const auto words =
        static_cast<std::uint32_t>(std::min(3000.0, std::max(50.0, std::floor(length))));
    std::uint32_t written = 0;
    while (written < words) {
      if (!text_.empty()) text_ += random_.chance(800) ? "\n\n" : "\n";
      const std::uint32_t sentences = random_.between(1, 5);
      for (std::uint32_t s = 0; s < sentences && written < words; ++s) {
        written += write_sentence(std::min(words - written, random_.between(5, 35)));
      }
    }
  }

  std::uint32_t write_sentence(std::uint32_t words) {
    ++sentence_;
    std::uint32_t open_quote = 0, open_paren = 0;  // words left before closing
    for (std::uint32_t i = 0; i < words; ++i) {
      const bool last = i + 1 == words;
      if (!last && open_quote == 0 && open_paren == 0 && i > 0) {
        if (random_.chance(8)) {
          open_quote = random_.between(2, 6);
          const bool guillemets = random_.chance(850);
          pending_open_ = guillemets ? "«" : "\"";
          close_quote_ = guillemets ? "»" : "\"";
        } else if (random_.chance(4)) {
          open_paren = random_.between(1, 3);
          pending_open_ = "(";
        }
      }
      const std::uint32_t what = random_.below(100000);
      if (what < function_word_total_) {
        emit_function_word();
      } else if (what < function_word_total_ + 1300) {
        emit_number();
      } else if (what < function_word_total_ + 1700) {
        emit_date();
      } else {
        emit_lexeme(content_rank());
      }
      if (open_quote > 0 && (--open_quote == 0 || last)) {
        *target_ += close_quote_;
        open_quote = 0;
      }
      if (open_paren > 0 && (--open_paren == 0 || last)) {
        *target_ += ')';
        open_paren = 0;
      }
      if (last) {
        const std::uint32_t end = random_.below(100);
        *target_ += end < 90 ? "." : end < 93 ? "؟" : end < 95 ? "!" : "؛";
      } else if (random_.chance(70)) {
        *target_ += "،";
      } else if (random_.chance(5)) {
        *target_ += ':';
      } else if (random_.chance(3)) {
        *target_ += " -";
      }
    }
    return words;
  }

  // --- words ---

  /// Appends one space-separated word to the current field, counting and recording it.
  void emit_word(const std::string& word, bool content) {
    if (!target_->empty() && target_->back() != '\n') *target_ += ' ';
    *target_ += pending_open_;  // an opening quote or parenthesis waiting for its word
    pending_open_.clear();
    *target_ += word;
    ++token_count_;
    distinct_.insert(fnv1a(word));
    folded_.insert(fnv1a(fold(word)));
    if (recording_ && content) records_.push_back({word, token_in_doc_, sentence_});
    ++token_in_doc_;
  }

  static std::uint64_t fnv1a(std::string_view s) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (const char c : s) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
    return h;
  }

  void emit_function_word() {
    std::string word = function_words_[function_word_choice_(random_)];
    add_noise(word);
    emit_word(word, false);
  }

  void emit_lexeme(std::uint64_t rank) {
    const lexeme& lex = lexicon_.at(rank);
    if (lex.kind == word_kind::name) {
      emit_name(lex.stem);
      return;
    }
    std::string stem = lex.stem;
    std::string prefix, suffix;
    switch (lex.kind) {
      case word_kind::noun:
        prefix = noun_prefix_(random_);
        suffix = noun_suffix_(random_);
        if (carries_pronoun(suffix) && prefix.find("ال") != std::string::npos) suffix.clear();
        if (has_number_ending(suffix) &&
            (ends_with(stem, "ات") || ends_with(stem, "ين") || ends_with(stem, "ي"))) {
          suffix.clear();  // already plural or nisba: no second number ending
        }
        if (is_construct_plural(suffix) && ends_with(stem, teh_marbuta)) suffix.clear();
        attach_suffix(stem, suffix);
        break;
      case word_kind::verb: {
        // Realistic vocabulary: the imperfect in other persons too (يعلن -> تعلن نعلن أعلن).
        bool other_person = false;
        if (profile_.other_person_per_mille > 0 && starts_with(stem, yeh) &&
            random_.chance(profile_.other_person_per_mille)) {
          static constexpr std::string_view persons[] = {"ت", "ت", "ت", "ن", "أ"};
          stem.replace(0, yeh.size(),
                       persons[random_.below(static_cast<std::uint32_t>(std::size(persons)))]);
          other_person = true;
        }
        prefix = verb_prefix_(random_);
        const bool imperfect = other_person || starts_with(stem, "ي") || starts_with(stem, "ت") ||
                               starts_with(stem, "ن");
        if (!imperfect &&
            (prefix.find("س") != std::string::npos || prefix.find("ل") != std::string::npos)) {
          prefix = "و";  // سـ and لـ only go with the imperfect
        }
        const std::string& suffix = verb_suffix_(random_);
        if (!ends_with(stem, "ت") || !starts_with(suffix, "ت")) {  // no قالتت for قالت + ت
          attach_suffix(stem, suffix);
        }
        break;
      }
      case word_kind::definite:
        prefix = definite_prefix_(random_);
        if (ends_with(prefix, "ل")) stem.erase(0, alef.size());  // ل + الدولة -> للدولة
        break;
      case word_kind::fixed: prefix = fixed_prefix_(random_); break;
      case word_kind::name: break;
    }
    std::string word = prefix + stem;
    add_noise(word);
    emit_word(word, true);
  }

  /// A possessive pronoun ends the suffix (ها، هم، اتها، يهم...): no ال on such a noun.
  static bool carries_pronoun(std::string_view suffix) {
    for (const std::string_view pronoun :
         {"ها", "هم", "ه", "نا", "كم", "ي", "ك", "هما", "كما", "هن", "كن"}) {
      if (ends_with(suffix, pronoun)) return true;
    }
    return false;
  }

  /// The suffix makes a plural or dual (ات ين ان ون, also inside اتها or يهم).
  static bool has_number_ending(std::string_view suffix) {
    return !carries_pronoun(suffix) || starts_with(suffix, "ات") || is_construct_plural(suffix);
  }

  /// The sound plural in construct before a pronoun: موظفيها, مسؤوليه.
  static bool is_construct_plural(std::string_view suffix) {
    return suffix == "يه" || suffix == "يها" || suffix == "يهم";
  }

  void emit_name(const std::string& name) {
    std::vector<std::string> parts = split_words(name);
    std::string prefix = name_prefix_(random_);
    if (ends_with(prefix, "ل") && starts_with(parts.front(), "ال")) {
      parts.front().erase(0, alef.size());  // ل + الناتو -> للناتو
    }
    parts.front().insert(0, prefix);
    if (parts.size() == 1) attach_suffix(parts.back(), name_suffix_(random_));
    for (std::string& part : parts) {
      add_noise(part);
      emit_word(part, true);
    }
  }

  std::string digits(std::uint32_t value) const {
    std::string out = std::to_string(value);
    if (!style_.indic_digits) return out;
    std::string indic;
    for (const char c : out) {
      indic += "\xD9";  // U+0660..U+0669 are D9 A0..D9 A9
      indic += static_cast<char>(0xA0 + (c - '0'));
    }
    return indic;
  }

  void emit_number() {
    const std::uint32_t form = random_.below(100);
    std::string word;
    if (form < 30) {
      word = digits(random_.between(1, 31));
    } else if (form < 50) {
      word = digits(random_.between(2, 999));
    } else if (form < 75) {
      word = digits(random_.between(1990, 2025));
    } else if (form < 85) {
      // One draw per statement: the order operands of + are evaluated in is unspecified.
      word = digits(random_.between(1, 99));
      word += random_.chance(500) ? "%" : "٪";
    } else if (form < 93) {
      word = digits(random_.between(1, 99));
      word += style_.indic_digits ? "٫" : ".";
      word += digits(random_.between(1, 9));
    } else {
      word = digits(random_.between(1000, 99999));
    }
    emit_word(word, false);
  }

  void emit_date() {
    const std::uint32_t day = random_.between(1, 28), month = random_.between(1, 12);
    const std::uint32_t year = random_.between(2015, 2025);
    const std::uint32_t form = random_.below(100);
    if (form < 20) {
      emit_word(digits(year) + "/" + digits(month) + "/" + digits(day), false);
      return;
    }
    emit_word(digits(day), false);
    emit_word(gregorian_months_[month - 1], false);
    if (form < 35) {  // "يونيو (حزيران)"
      pending_open_ = "(";
      for (const std::string& part : split_words(levantine_months_[month - 1])) {
        emit_word(part, false);
      }
      *target_ += ')';
    }
    emit_word(digits(year), false);
  }

  // --- spelling variation ---

  void add_noise(std::string& word) {
    const std::uint32_t k = style_.sloppiness;
    // Hamza on alef is often left out: أ إ آ -> ا.
    for (const std::string_view hamza : {"أ", "إ", "آ"}) {
      const std::size_t at = word.find(hamza);
      if (at != std::string::npos && random_.chance(std::min(1000u, 60 * k))) {
        word.replace(at, hamza.size(), alef);
      }
    }
    if (ends_with(word, teh_marbuta) && random_.chance(15 * k)) {
      word.replace(word.size() - 2, 2, heh);
    } else if (ends_with(word, yeh) &&
               random_.chance(style_.final_yeh_as_alef_maksura ? 700 : 4 * k)) {
      word.replace(word.size() - 2, 2, alef_maksura);
    } else if (ends_with(word, alef_maksura) && random_.chance(25 * k)) {
      word.replace(word.size() - 2, 2, yeh);
    }
    if (style_.vocalized ? random_.chance(300) : random_.chance(8)) {
      add_harakat(word, style_.vocalized);
    }
    if (random_.chance(2 * k)) add_tatweel(word);
  }

  void add_harakat(std::string& word, bool many) {
    static const char* const vowels[] = {"\xD9\x8E", "\xD9\x8F", "\xD9\x90", "\xD9\x92"};
    const std::string_view shadda = "\xD9\x91", tanween_fath = "\xD9\x8B";
    if (!is_arabic_letters(word)) return;
    if (!many) {  // one mark: shadda on a middle letter, or tanween before a final alef
      const std::size_t letters = word.size() / 2;
      if (ends_with(word, alef) && letters > 2 && random_.chance(500)) {
        word.insert(word.size() - 2, tanween_fath);
      } else if (letters > 2) {
        word.insert(2 * random_.between(1, static_cast<std::uint32_t>(letters - 1)), shadda);
      }
      return;
    }
    std::string out;
    for (std::size_t i = 0; i < word.size(); i += 2) {
      out.append(word, i, 2);
      const std::string_view letter(word.data() + i, 2);
      if (letter == alef || letter == "و" || letter == "ي" || letter == "ى") continue;
      if (random_.chance(50)) out += shadda;
      if (random_.chance(600)) out += vowels[random_.below(4)];
    }
    word = out;
  }

  void add_tatweel(std::string& word) {
    if (!is_arabic_letters(word) || word.size() < 6) return;
    const std::size_t at = 2 * random_.between(1, static_cast<std::uint32_t>(word.size() / 2 - 1));
    if (is_non_joining(std::string_view(word.data() + at - 2, 2))) return;
    word.insert(at, tatweel);
  }

  /// True when the word is made only of two-byte letters of the Arabic block.
  static bool is_arabic_letters(std::string_view word) {
    if (word.size() % 2 != 0) return false;
    for (std::size_t i = 0; i < word.size(); i += 2) {
      const auto b0 = static_cast<unsigned char>(word[i]);
      if (b0 < 0xD8 || b0 > 0xDB) return false;
    }
    return true;
  }

  // --- queries ---

  /// Reservoir sampling: each document ends up among the kept ones with equal probability.
  void offer_for_queries() {
    if (opts_.queries == 0 || records_.empty()) return;
    if (kept_.size() < opts_.queries) {
      kept_.push_back(records_);
      return;
    }
    const std::uint32_t slot = query_random_.below(
        static_cast<std::uint32_t>(std::min<std::uint64_t>(doc_count_, 0xFFFFFFFFULL)));
    if (slot < kept_.size()) kept_[slot] = records_;
  }

  /// 1, 2 or 3 content words (40/40/20%) that stand near each other in one sentence.
  std::vector<std::string> make_query(const std::vector<word_record>& words) {
    const std::uint32_t pick = query_random_.below(10);
    const std::size_t wanted = pick < 4 ? 1 : pick < 8 ? 2 : 3;
    std::vector<std::string> best;
    for (int attempt = 0; attempt < 20 && best.size() < wanted; ++attempt) {
      const std::size_t start = query_random_.below(static_cast<std::uint32_t>(words.size()));
      std::vector<std::string> chosen{strip_marks(words[start].text)};
      std::size_t last = start;
      for (std::size_t k = start + 1; k < words.size() && chosen.size() < wanted; ++k) {
        if (words[k].sentence != words[last].sentence ||
            words[k].token_index - words[last].token_index > 3) {
          break;
        }
        std::string w = strip_marks(words[k].text);
        if (std::find(chosen.begin(), chosen.end(), w) == chosen.end()) {
          chosen.push_back(std::move(w));
          last = k;
        }
      }
      if (chosen.size() > best.size()) best = std::move(chosen);
    }
    return best;
  }

  static std::string join_words(const std::vector<std::string>& words) {
    std::string joined;
    for (const std::string& w : words) joined += (joined.empty() ? "" : " ") + w;
    return joined;
  }

  /// Letters of U+0621..U+064A only (no digits, no marks), at least three: a word to mistype.
  static bool is_mistypable(std::string_view word) {
    if (word.size() < 6 || word.size() % 2 != 0) return false;
    for (std::size_t i = 0; i < word.size(); i += 2) {
      const auto b0 = static_cast<unsigned char>(word[i]);
      const auto b1 = static_cast<unsigned char>(word[i + 1]);
      const bool letter =
          (b0 == 0xD8 && b1 >= 0xA1 && b1 <= 0xBA) || (b0 == 0xD9 && b1 >= 0x81 && b1 <= 0x8A);
      if (!letter) return false;
    }
    return true;
  }

  /// With probability --typos %, mistypes one word of the query (typist, corpus_gen/typos.hpp)
  /// and returns its JSON description for the kinds file; the query's own line otherwise.
  std::string mistype_some(std::vector<std::string>& words, std::size_t counts[4]) {
    std::string line = "{\"query\":";
    std::vector<std::size_t> candidates;
    if (opts_.typo_percent > 0 && typo_random_.below(100) < opts_.typo_percent) {
      for (std::size_t i = 0; i < words.size(); ++i)
        if (is_mistypable(words[i])) candidates.push_back(i);
    }
    if (candidates.empty()) {
      append_json_string(line, join_words(words));
      ++counts[0];
      return line + ",\"kind\":\"exact\"}";
    }
    const std::size_t at =
        candidates[typo_random_.below(static_cast<std::uint32_t>(candidates.size()))];
    const std::string intended = words[at];
    const typo t = typist_.mistype(intended, typo_random_);
    words[at] = t.typed;
    const std::string key = fold(t.typed);
    const char* what = key == fold(intended)            ? "variant"
                       : folded_.count(fnv1a(key)) != 0 ? "real-word"
                                                        : "non-word";
    ++counts[what[0] == 'v' ? 1 : what[0] == 'r' ? 2 : 3];
    append_json_string(line, join_words(words));
    line += ",\"kind\":\"typo\",\"edit\":\"" + t.edit + "\",\"word\":";
    append_json_string(line, intended);
    line += ",\"typed\":";
    append_json_string(line, t.typed);
    return line + ",\"class\":\"" + what + "\"}";
  }

  int write_queries() {
    std::FILE* out = std::fopen(opts_.queries_output.c_str(), "wb");
    if (!out) {
      std::fprintf(stderr, "fahras-gen-corpus: cannot write %s\n", opts_.queries_output.c_str());
      return 1;
    }
    std::FILE* kinds = nullptr;
    if (!opts_.kinds_output.empty() && !(kinds = std::fopen(opts_.kinds_output.c_str(), "wb"))) {
      std::fprintf(stderr, "fahras-gen-corpus: cannot write %s\n", opts_.kinds_output.c_str());
      std::fclose(out);
      return 1;
    }
    std::size_t lengths[4] = {0, 0, 0, 0};
    std::size_t counts[4] = {0, 0, 0, 0};  // exact, variant, real-word, non-word
    for (std::size_t i = 0; i < opts_.queries && !kept_.empty(); ++i) {
      std::vector<std::string> words = make_query(kept_[i % kept_.size()]);
      const std::string kind = mistype_some(words, counts);
      ++lengths[std::min<std::size_t>(words.size(), 3)];
      std::fprintf(out, "%s\n", join_words(words).c_str());
      if (kinds) std::fprintf(kinds, "%s\n", kind.c_str());
    }
    const bool kinds_ok = !kinds || std::fclose(kinds) == 0;
    if (std::fclose(out) != 0 || !kinds_ok) return 1;
    std::fprintf(stderr, "fahras-gen-corpus: %zu queries (1/2/3 words: %zu/%zu/%zu) -> %s\n",
                 opts_.queries, lengths[1], lengths[2], lengths[3], opts_.queries_output.c_str());
    if (opts_.typo_percent > 0 || kinds) {
      std::fprintf(stderr,
                   "fahras-gen-corpus: %zu exact, %zu with a mistyped word (%zu variants, %zu "
                   "real-word errors, %zu non-words)%s%s\n",
                   counts[0], counts[1] + counts[2] + counts[3], counts[1], counts[2], counts[3],
                   kinds ? " -> " : "", kinds ? opts_.kinds_output.c_str() : "");
    }
    return 0;
  }

  options opts_;
  const vocabulary_profile& profile_;
  rng random_;
  rng query_random_;
  rng typo_random_;  // its own stream: mistyping a query never changes which queries are made
  two_regime_zipf zipf_;
  lexicon lexicon_;
  typist typist_;
  weighted_strings noun_prefix_, noun_suffix_, verb_prefix_, verb_suffix_, definite_prefix_,
      name_prefix_, name_suffix_, fixed_prefix_;
  std::vector<std::string> function_words_;
  weighted_choice function_word_choice_;
  std::uint32_t function_word_total_ = 0;
  std::vector<std::string> gregorian_months_, levantine_months_;

  doc_style style_;
  std::vector<std::uint64_t> topic_;
  std::string title_, text_;
  std::string* target_ = &text_;
  std::string pending_open_, close_quote_;
  bool recording_ = false;
  std::uint32_t token_in_doc_ = 0, sentence_ = 0;
  std::vector<word_record> records_;
  std::vector<std::vector<word_record>> kept_;

  std::uint64_t doc_count_ = 0, token_count_ = 0, raw_bytes_ = 0;
  std::unordered_set<std::uint64_t> distinct_;  // 64-bit hashes of surface words
  std::unordered_set<std::uint64_t> folded_;    // ... and of their fold()
  double last_report_tokens_ = 0, last_report_distinct_ = 0, last_report_folded_ = 0;
};

void usage() {
  std::fprintf(
      stderr,
      "usage: fahras-gen-corpus [--mb N] [--seed S] [--vocabulary standard|realistic]\n"
      "                         [-o FILE] [--queries N -q FILE [--typos PCT] [--kinds FILE]]\n"
      "  --mb N          target MiB of title+text (default 50; fractions allowed)\n"
      "  --seed S        random seed (default 1); same seed, same bytes\n"
      "  --vocabulary V  standard (default: the original corpus) or realistic (about 12\n"
      "                  distinct normalized words per 100 tokens at 50 MiB)\n"
      "  -o FILE         JSON Lines output (default stdout)\n"
      "  --queries N     also write N user-like queries, one per line, to -q FILE\n"
      "  --typos PCT     mistype one word in PCT%% of the queries (default 0)\n"
      "  --kinds FILE    one JSON line per query: exact, or which word was mistyped how\n");
}

}  // namespace
}  // namespace fahras::bench

int main(int argc, char** argv) {
  using namespace fahras::bench;
  options opts;
  try {
    for (int i = 1; i < argc; ++i) {
      const std::string arg = argv[i];
      const auto value = [&]() -> std::string {
        if (i + 1 >= argc) throw std::invalid_argument(arg + " needs a value");
        return argv[++i];
      };
      if (arg == "--mb") {
        opts.mebibytes = std::stod(value());
      } else if (arg == "--seed") {
        opts.seed = std::stoull(value());
      } else if (arg == "-o") {
        opts.output = value();
      } else if (arg == "--queries") {
        opts.queries = std::stoul(value());
      } else if (arg == "-q") {
        opts.queries_output = value();
      } else if (arg == "--vocabulary") {
        const std::string name = value();
        if (name == standard_vocabulary.name) {
          opts.vocabulary = &standard_vocabulary;
        } else if (name == realistic_vocabulary.name) {
          opts.vocabulary = &realistic_vocabulary;
        } else {
          throw std::invalid_argument("--vocabulary is standard or realistic, not " + name);
        }
      } else if (arg == "--typos") {
        const unsigned long percent = std::stoul(value());
        if (percent > 100) throw std::invalid_argument("--typos is a percentage, 0..100");
        opts.typo_percent = static_cast<std::uint32_t>(percent);
      } else if (arg == "--kinds") {
        opts.kinds_output = value();
      } else if (arg == "-h" || arg == "--help") {
        usage();
        return 0;
      } else {
        throw std::invalid_argument("unknown argument " + arg);
      }
    }
    if (!(opts.mebibytes > 0)) throw std::invalid_argument("--mb must be positive");
    if (opts.queries > 0 && opts.queries_output.empty()) {
      throw std::invalid_argument("--queries needs -q FILE");
    }
    if (opts.queries == 0 && (opts.typo_percent > 0 || !opts.kinds_output.empty())) {
      throw std::invalid_argument("--typos and --kinds need --queries N -q FILE");
    }
    corpus_generator generator(opts);
    return generator.run();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fahras-gen-corpus: %s\n", e.what());
    usage();
    return 2;
  }
}
