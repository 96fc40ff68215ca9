// Arabic stopwords, for query time only: the index keeps them, because phrases need them.
// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <iterator>
#include <string_view>

namespace fahras {

namespace detail {
// Normalized forms (default folds: ا for أ إ آ, ي for ى, ه for ة), sorted bytewise for
// binary search: prepositions, conjunctions, pronouns, demonstratives, relative pronouns,
// auxiliaries, their most frequent clitic combinations, and single letters left by split clitics.
inline constexpr std::string_view arabic_stopwords[] = {
    "ا",       "احد",  "اخر",   "اخري",  "اذ",     "اذا",    "اذن",    "اصبح",   "اصبحت",  "ال",
    "الا",     "التي", "الذي",  "الذين", "اللاتي", "اللايي", "اللتان", "اللتين", "اللذان", "اللذين",
    "اللواتي", "الي",  "اليه",  "اليها", "اليهم",  "ام",     "اما",    "امام",   "ان",     "انا",
    "انت",     "انتم", "انتن",  "انما",  "انني",   "انه",    "انها",   "انهم",   "او",     "اوليك",
    "اي",      "اياه", "اياها", "اياهم", "ايضا",   "اين",    "ايه",    "ايها",   "ب",      "بعد",
    "بعض",     "بك",   "بل",    "بنا",   "به",     "بها",    "بهم",    "بي",     "بين",    "بينما",
    "ت",       "تحت",  "تكون",  "تلك",   "تم",     "ثم",     "جدا",    "حتي",    "حول",    "حيث",
    "حين",     "خلال", "خلف",   "دون",   "ذا",     "ذات",    "ذلك",    "ذو",     "ذي",     "سوف",
    "سوي",     "ضمن",  "ظل",    "عدم",   "علي",    "علينا",  "عليه",   "عليها",  "عليهم",  "عما",
    "عن",      "عند",  "عندما", "عنه",   "عنها",   "عنهم",   "غير",    "ف",      "فان",    "فقد",
    "فقط",     "فلا",  "فما",   "فهو",   "فهي",    "فوق",    "في",     "فيه",    "فيها",   "فيهم",
    "قال",     "قالت", "قبل",   "قد",    "ك",      "كان",    "كانت",   "كانوا",  "كذا",    "كذلك",
    "كل",      "كلا",  "كلما",  "كما",   "كي",     "كيف",    "ل",      "لا",     "لان",    "لانه",
    "لانها",   "لدن",  "لدي",   "لست",   "لقد",    "لك",     "لكم",    "لكن",    "لكي",    "لم",
    "لن",      "لنا",  "له",    "لها",   "لهم",    "لو",     "لولا",   "لي",     "ليس",    "ليست",
    "م",       "ما",   "ماذا",  "متي",   "مثل",    "مثلا",   "مذ",     "مع",     "معه",    "معها",
    "معهم",    "مما",  "من",    "منذ",   "منه",    "منها",   "منهم",   "نحن",    "نحو",    "هاتان",
    "هذا",     "هذان", "هذه",   "هذي",   "هل",     "هم",     "هما",    "هن",     "هنا",    "هناك",
    "هنالك",   "هو",   "هولاء", "هي",    "و",      "واذا",   "والي",   "وان",    "وذلك",   "وراء",
    "وعلي",    "وعن",  "وفي",   "وقال",  "وقد",    "وكان",   "وكانت",  "وكما",   "ولا",    "ولكن",
    "ولم",     "ولن",  "وما",   "ومع",   "ومن",    "وهذا",   "وهذه",   "وهم",    "وهو",    "وهي",
    "ي",       "يا",   "يكون",
};
}  // namespace detail

/// True if the normalized word is an Arabic stopword (في، من، على → علي، الذي، ...).
/// Queries ignore stopwords unless they are quoted or every word of the query is one.
///
/// **Example**: `fahras::is_stopword(fahras::normalize("على"))` is true.
inline bool is_stopword(std::string_view normalized) noexcept {
  return std::binary_search(std::begin(detail::arabic_stopwords),
                            std::end(detail::arabic_stopwords), normalized);
}

}  // namespace fahras
