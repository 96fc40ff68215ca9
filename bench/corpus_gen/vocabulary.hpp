// The generator's two vocabularies: `standard` (the original corpus) and `realistic` (more words).
// SPDX-License-Identifier: MIT
#pragma once

// Everything that decides how fast new words appear as the corpus grows, in one place: the
// frequency law over lexeme ranks, how soon invented roots join the real ones, and the clitic
// and suffix tables that turn one lexeme into many surface words. `standard` is what
// fahras-gen-corpus always made (its bytes must never change: bench/README.md gives the
// sha256); `realistic` reaches the type/token ratio of real Arabic news, about 12 distinct
// normalized words per 100 tokens at 50 MiB (see bench/README.md for its Heaps curve).
//
// Weighted tables are "item:weight ..." with "-" for nothing; weights are relative.

#include <cstdint>
#include <string_view>

namespace fahras::bench {

struct vocabulary_profile {
  std::string_view name;

  // Content-word ranks: a two-regime Zipf law (random.hpp, two_regime_zipf).
  std::uint64_t zipf_shift;
  std::uint64_t zipf_kink;
  double zipf_head_exponent;
  std::uint64_t lexeme_ranks;
  double zipf_tail_exponent;

  // Lexicon: ranks below `real_root_ranks` use only the ~360 real roots; beyond, a root is
  // real with this probability (per mille) and invented otherwise.
  std::uint64_t real_root_ranks;
  std::uint32_t tail_real_root_per_mille;

  // Imperfect verbs (ي...) also take the other persons' prefixes ت ن أ (per mille of uses).
  std::uint32_t other_person_per_mille;

  // Clitics and suffixes drawn for each occurrence.
  std::string_view noun_prefix, noun_suffix, verb_prefix, verb_suffix, definite_prefix, name_prefix,
      name_suffix, fixed_prefix;
};

/// The original vocabulary: about 7 distinct surface words per 100 tokens at 50 MiB.
inline constexpr vocabulary_profile standard_vocabulary{
    "standard",
    // Calibrated so that distinct surface words grow like Heaps' law with beta about 0.65-0.7,
    // and 5,600 tokens give about as many distinct words as the five bundled real articles.
    20, 5000, 1.05, 20'000'000, 1.8, 20000, 300, 0,
    "-:440 ال:330 وال:70 بال:45 لل:35 و:35 ب:20 ل:12 فال:5 كال:3 ف:2 ك:2 وب:1 ول:1",
    "-:880 ها:25 هم:12 ه:18 نا:8 كم:3 ات:20 ين:12 ان:12 ون:10",
    "-:750 و:120 ف:40 س:30 وس:10 ل:30 ول:10",
    "-:650 ت:100 وا:60 ون:60 ها:40 ه:40 هم:20 نا:20 ن:5 تم:5", "-:850 و:100 ب:30 ل:15 ف:5",
    "-:820 و:100 ب:30 ل:30 ف:15 ك:5", "-:940 ي:30 ية:30", "-:900 و:100"};

/// A vocabulary as large as real Arabic news has: a heavier tail of rare lexemes (exponent
/// 1.6 instead of 1.8 beyond rank 5,000, over 100 million ranks), invented roots from rank
/// 5,000 on, imperfect verbs in every person, and the clitic stacks and possessed forms that
/// news text is full of (وبالحكومة، ولمسؤوليها، قراراتها، سيعلنونها). The shares of bare
/// words stay high, as in real text; what grows is the number of rare combinations.
inline constexpr vocabulary_profile realistic_vocabulary{
    "realistic",
    20,
    5000,
    1.05,
    100'000'000,
    1.45,
    5000,
    200,
    350,
    "-:420 ال:320 وال:75 بال:45 لل:35 و:35 ب:20 ل:12 فال:5 كال:3 ف:3 ك:2 وب:3 ول:3 وبال:12 "
    "ولل:8 فبال:2 فلل:2 وكال:2 فب:1 فل:1 وك:1 أبال:1 أفال:1",
    "-:800 ها:25 هم:12 ه:18 نا:8 كم:4 ي:10 ك:6 هما:4 كما:1 هن:2 ات:20 ين:12 ان:12 ون:10 "
    "اتها:8 اتهم:5 اته:4 اتنا:2 يها:3 يهم:3 يه:2",
    "-:700 و:120 ف:40 س:30 وس:12 ل:30 ول:12 فس:4 فل:3 أف:1",
    "-:560 ت:100 وا:60 ون:60 ها:40 ه:40 هم:20 نا:20 ن:5 تم:5 تها:10 ته:8 تهم:5 وها:6 وه:6 "
    "وهم:3 ونها:4 ونه:3 ونهم:2 ني:4 ك:4 كم:4 هما:2 ان:4 ين:3 تما:1 ناه:2 ناها:2 تموه:1",
    "-:800 و:100 ب:30 ل:15 ف:6 وب:12 ول:10 فب:2 فل:2 ك:3 وك:1",
    "-:780 و:100 ب:30 ل:30 ف:15 ك:5 وب:10 ول:10 فل:2 فب:2",
    "-:900 ي:30 ية:30 يين:12 يون:6 يات:6",
    "-:880 و:100 ف:20"};

}  // namespace fahras::bench
