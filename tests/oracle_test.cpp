// Oracle test: random small corpora and random queries; search() must find exactly the
// documents that a naive scan over the analyzed tokens finds, and match_document() exactly
// the words that scan marks. Ranking is checked by targeted cases in search_test.cpp.
// SPDX-License-Identifier: MIT
#include <fahras/fahras.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <random>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "engine_util.hpp"
#include "test_util.hpp"

namespace {

using doc_set = std::set<fahras::doc_id>;
using stem_set = std::set<std::string>;

// Surface forms: clitics, inflections, spelling variants, full and Uthmani vocalization (with
// superscript alefs, indexed under both spellings), tatweel, presentation forms, ZWNJ,
// stopwords, digits. Each is one token.
const std::vector<std::string> vocabulary = {
    "كتاب",    "الكتاب",    "والكتاب",      "بالكتاب",      "كتابه",    "كتابها",
    "كِتَابٌ",    "الكتـــاب", "ﺍﻟﻜﺘﺎﺏ",       "ال\u200Cكتاب", "كتب",      "الكتب",
    "ٱلۡكُتُبِ",   "مكتبة",     "مدرسة",        "المدرسة",      "مدرسه",    "المدرسات",
    "لِلْمَدْرَسَةِ", "أحمد",      "احمد",         "وأحمد",        "مستشفى",   "المستشفي",
    "روسيا",   "وروسيا",    "كوريا",        "وكوريا",       "الكورية",  "الكوريون",
    "عقوبات",  "العقوبات",  "عقوبة",        "وعقوباتها",    "العُقُوبَاتُ", "الشمالية",
    "شمال",    "الشمالي",   "سلام",         "السلام",       "سَلَامٌ",     "بيت",
    "البيت",   "بيوت",      "الاستراتيجية", "استراتيجي",    "ٱلۡكِتَٰبُ",    "مَٰلِكِ",
    "مالك",    "ٱلصَّلَوٰةَ",    "الصلاة",       "ٱلرَّحۡمَٰنِ",       "الرحمن",   "في",
    "من",      "على",       "عن",           "التي",         "و",        "ﻻ",
    "2024",    "٢٠٢٥"};

const std::vector<std::string> sources = {"إرم نيوز", "الحل نت", "نيوز عربية", "الجزيرة"};
const std::vector<std::string> dates = {"2023", "2024-06", "2025", "٢٠٢٤"};
const std::vector<std::string> separators = {" ", " ", " ", "، ", ". ", "\n", " «", "» ", " - "};
const char32_t letters[] = {0x0627, 0x0628, 0x062A, 0x0644, 0x0645,
                            0x0646, 0x0648, 0x064A, 0x0643, 0x0631};

template <class T>
const T& pick(std::mt19937& rng, const std::vector<T>& v) {
  return v[rng() % v.size()];
}

// --- corpora ---------------------------------------------------------------------------

// A field's tokens: the stem of each, and of its full-alef spelling when it was written with a
// superscript alef (empty otherwise); both stand at the token's one position.
struct field_tokens {
  std::vector<std::string> stems, alternate_stems;
  std::vector<fahras::byte_span> spans;
};

struct oracle_doc {
  field_tokens title, text;
  std::map<std::string, stem_set> meta;  // filter field name -> stems of its values
};

struct oracle_corpus {
  std::vector<oracle_doc> docs;
  std::map<std::string, std::string> stem_of;  // normalized form -> stem (titles and texts)
  stem_set stems;
};

field_tokens tokens_of(const fahras::analyzer& a, std::string_view text) {
  field_tokens f;
  a.for_each_token(text, [&](const fahras::analyzed_view& t) {
    f.stems.emplace_back(t.stem);
    f.alternate_stems.emplace_back(t.alternate_stem);
    f.spans.push_back({t.begin, t.end});
  });
  return f;
}

std::string random_field(std::mt19937& rng, std::size_t max_words) {
  std::string out;
  const std::size_t n = rng() % (max_words + 1);
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0) out += pick(rng, separators);
    out += pick(rng, vocabulary);
  }
  return out;
}

std::vector<fahras::document> random_documents(std::mt19937& rng, std::size_t max_docs) {
  std::vector<fahras::document> docs;
  const std::size_t n = 1 + rng() % max_docs;
  for (std::size_t i = 0; i < n; ++i) {
    fahras::document d{"doc-" + std::to_string(i), random_field(rng, 3), random_field(rng, 12), {}};
    // Document 0 always has both fields, so that both are known filter fields.
    if (i == 0 || rng() % 3) d.fields.emplace_back("source", pick(rng, sources));
    if (i == 0 || rng() % 3) d.fields.emplace_back(i % 2 ? "Date" : "date", pick(rng, dates));
    docs.push_back(std::move(d));
  }
  return docs;
}

oracle_corpus model_of(const std::vector<fahras::document>& docs, const fahras::index& idx) {
  const fahras::analyzer& a = idx.analyzer();
  oracle_corpus c;
  for (const fahras::document& d : docs) {
    oracle_doc od;
    od.title = tokens_of(a, d.title);
    od.text = tokens_of(a, d.text);  // indexed even when the index does not store it
    for (std::string_view field : {std::string_view(d.title), std::string_view(d.text)})
      a.for_each_token(field, [&](const fahras::analyzed_view& t) {
        c.stem_of[std::string(t.normalized)] = std::string(t.stem);
        c.stems.emplace(t.stem);
        if (!t.alternate.empty()) {
          c.stem_of[std::string(t.alternate)] = std::string(t.alternate_stem);
          c.stems.emplace(t.alternate_stem);
        }
      });
    for (const auto& [name, value] : d.fields) {
      const std::string field = fahras::detail::filter_field_name(name);
      a.for_each_token(value,
                       [&](const fahras::analyzed_view& t) { od.meta[field].emplace(t.stem); });
    }
    c.docs.push_back(std::move(od));
  }
  return c;
}

// --- queries ---------------------------------------------------------------------------

struct q_word {
  std::string text;
  bool star = false;
};
struct q_atom {
  std::vector<q_word> words;
  bool quoted = false;
};
struct q_clause {
  std::vector<q_atom> alternatives;  // negated clauses have one
  bool negated = false;
};
struct q_filter {
  std::string field;
  std::vector<std::string> words;
  bool negated = false;
};
struct q_query {
  std::vector<std::variant<q_clause, q_filter>> parts;
  bool typing = false;          // search-as-you-type mode
  bool trailing_space = false;  // the user typed a space after the last word
  bool leave_open = false;      // the last phrase has no closing quote
};

std::u32string to_u32(const std::string& s) {
  std::u32string out;
  utf8::utf8to32(s.begin(), s.end(), std::back_inserter(out));
  return out;
}
std::string to_u8(const std::u32string& s) {
  std::string out;
  utf8::utf32to8(s.begin(), s.end(), std::back_inserter(out));
  return out;
}

// One query word: a vocabulary form, a misspelling of one, a prefix, or a word of no corpus.
q_word random_word(std::mt19937& rng, const fahras::analyzer& a, bool allow_star) {
  q_word w{pick(rng, vocabulary), false};
  const auto kind = rng() % 10;
  if (kind >= 7) {  // misspelt: one or two edits of the normalized form
    std::u32string s = to_u32(a.normalize(w.text));
    const auto edits = 1 + rng() % 2;
    for (std::size_t e = 0; e < edits; ++e) {
      const std::size_t at = rng() % (s.size() + 1);
      const char32_t c = letters[rng() % (sizeof letters / sizeof letters[0])];
      switch (rng() % 3) {
        case 0: s.insert(s.begin() + static_cast<std::ptrdiff_t>(at), c); break;
        case 1:
          if (at < s.size()) s[at] = c;
          break;
        default:
          if (at < s.size() && s.size() > 1) s.erase(at, 1);
          break;
      }
    }
    w.text = to_u8(s);
  } else if (kind == 5 && allow_star) {  // a prefix
    std::u32string s = to_u32(a.normalize(w.text));
    s.resize(1 + rng() % s.size());
    w.text = to_u8(s);
    w.star = true;
  } else if (kind == 4) {
    w.text = pick(rng, std::vector<std::string>{"طائرة", "الصين", "دبلوماسية", "نهر"});
  }
  return w;
}

q_atom random_atom(std::mt19937& rng, const fahras::analyzer& a) {
  q_atom atom;
  if (rng() % 3 == 0) {
    atom.quoted = true;
    const std::size_t n = 1 + rng() % 3;
    for (std::size_t i = 0; i < n; ++i) atom.words.push_back(random_word(rng, a, false));
  } else {
    atom.words.push_back(random_word(rng, a, true));
  }
  return atom;
}

q_query random_query(std::mt19937& rng, const fahras::analyzer& a) {
  q_query q;
  const std::size_t parts = 1 + rng() % 3;
  for (std::size_t i = 0; i < parts; ++i) {
    const auto kind = rng() % 10;
    if (kind < 2) {
      q_filter f;
      f.field = rng() % 2 ? "source" : "date";
      const auto& values = f.field == "source" ? sources : dates;
      for (const auto& t : a(pick(rng, values))) f.words.push_back(t.normalized);
      if (f.words.size() > 1 && rng() % 2) f.words.resize(1);
      if (rng() % 5 == 0) f.words = {"غائب"};
      f.negated = rng() % 3 == 0;
      q.parts.emplace_back(f);
    } else {
      q_clause c;
      c.negated = kind == 2;
      c.alternatives.push_back(random_atom(rng, a));
      if (!c.negated && rng() % 4 == 0) c.alternatives.push_back(random_atom(rng, a));
      q.parts.emplace_back(c);
    }
  }
  q.typing = rng() % 3 == 0;
  q.trailing_space = rng() % 4 == 0;
  q.leave_open = rng() % 3 == 0;
  return q;
}

std::string render(const q_query& q) {
  std::string out;
  for (std::size_t p = 0; p < q.parts.size(); ++p) {
    if (p > 0) out += ' ';
    if (const auto* f = std::get_if<q_filter>(&q.parts[p])) {
      out += (f->negated ? "-" : "") + f->field + ":";
      if (f->words.size() == 1) {
        out += f->words[0];
      } else {
        out += '"';
        for (std::size_t i = 0; i < f->words.size(); ++i) out += (i ? " " : "") + f->words[i];
        out += '"';
      }
      continue;
    }
    const auto& c = std::get<q_clause>(q.parts[p]);
    for (std::size_t k = 0; k < c.alternatives.size(); ++k) {
      const q_atom& atom = c.alternatives[k];
      if (k > 0) out += " OR ";
      if (c.negated) out += '-';
      if (atom.quoted) out += '"';
      for (std::size_t i = 0; i < atom.words.size(); ++i)
        out += (i ? " " : "") + atom.words[i].text + (atom.words[i].star ? "*" : "");
      const bool last = p + 1 == q.parts.size() && k + 1 == c.alternatives.size();
      if (atom.quoted && !(last && q.leave_open)) out += '"';
    }
  }
  if (q.trailing_space) out += ' ';
  return out;
}

// --- the naive evaluation ------------------------------------------------------------------

std::size_t edit_distance(const std::u32string& a, const std::u32string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
      diagonal = up;
    }
  }
  return row[b.size()];
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

struct evaluation {
  doc_set docs;
  bool ambiguous = false;  // more expansions than the engine's caps: cannot predict which
  // For match_document: the positive atoms, each word as its accepted stems.
  std::vector<std::vector<stem_set>> positive_atoms;
};

class oracle {
 public:
  oracle(const std::vector<fahras::document>& docs, const fahras::index& idx)
      : analyzer_(idx.analyzer()), corpus_(model_of(docs, idx)) {}

  const oracle_corpus& corpus() const { return corpus_; }

  // The stems a query word accepts, as the query language defines them.
  // A prefix completes the typed form (and its stem); a whole word accepts its stem and, when
  // typed with a superscript alef, its full-alef spelling's stem; a word no document has
  // accepts the stems of the index words one or two edits away, unless it is excluded. The
  // word being typed (a prefix by typing, not by a star) that completes to nothing is read as
  // a whole word. A word no index word is near accepts the stems near its stem.
  stem_set accepted(const std::string& normalized, const std::string& stem,
                    const std::string& alternate_stem, bool prefix, bool typing, bool excluded,
                    bool& ambiguous) const {
    stem_set out;
    if (prefix) {
      for (const auto& [form, s] : corpus_.stem_of)
        if (starts_with(form, normalized)) out.insert(s);
      for (const auto& s : corpus_.stems)
        if (starts_with(s, stem)) out.insert(s);
      if (out.size() > fahras::detail::max_expansions) ambiguous = true;
      if (!out.empty() || !typing) return out;
    }
    if (corpus_.stems.count(stem)) out.insert(stem);
    if (!alternate_stem.empty() && corpus_.stems.count(alternate_stem)) out.insert(alternate_stem);
    if (!out.empty() || excluded) return out;
    // No document has the word: the nearest forms, 1 edit away (4+ letters), or when none is,
    // 2 (8+ letters).
    const std::u32string target = to_u32(normalized);
    const std::size_t max = target.size() >= 8 ? 2 : target.size() >= 4 ? 1 : 0;
    if (max == 0) return out;
    for (std::size_t edits = 1; edits <= max && out.empty(); ++edits)
      for (const auto& [form, s] : corpus_.stem_of)
        if (edit_distance(target, to_u32(form)) == edits) out.insert(s);
    // No form that near: the nearest stems within 1 or 2 edits of the word's stem.
    const std::u32string target_stem = to_u32(stem);
    const std::size_t max_stem = target_stem.size() >= 8 ? 2 : target_stem.size() >= 4 ? 1 : 0;
    for (std::size_t edits = 1; edits <= max_stem && out.empty(); ++edits)
      for (const auto& s : corpus_.stems)
        if (edit_distance(target_stem, to_u32(s)) == edits) out.insert(s);
    if (out.size() > fahras::detail::max_typo_expansions) ambiguous = true;
    return out;
  }

  static bool atom_in_field(const std::vector<stem_set>& words, const field_tokens& f,
                            std::vector<bool>* marks) {
    bool found = false;
    for (std::size_t i = 0; i + words.size() <= f.stems.size(); ++i) {
      bool all = true;
      for (std::size_t k = 0; k < words.size() && all; ++k)
        all = words[k].count(f.stems[i + k]) > 0 ||
              (!f.alternate_stems[i + k].empty() && words[k].count(f.alternate_stems[i + k]) > 0);
      if (!all) continue;
      found = true;
      if (marks)
        for (std::size_t k = 0; k < words.size(); ++k) (*marks)[i + k] = true;
    }
    return found;
  }

  evaluation evaluate(const q_query& q) const {
    evaluation ev;
    // Which words are prefixes: starred ones, and in typing mode the word the query ends on.
    struct word_info {
      std::string normalized, stem, alternate_stem;
      bool prefix, typing;
    };
    struct atom_info {
      std::vector<word_info> words;
      bool quoted;
    };
    struct clause_info {
      std::vector<atom_info> alternatives;
      bool negated;
    };
    std::vector<clause_info> clauses;
    std::vector<const q_filter*> filters;
    for (std::size_t p = 0; p < q.parts.size(); ++p) {
      if (const auto* f = std::get_if<q_filter>(&q.parts[p])) {
        filters.push_back(f);
        continue;
      }
      const auto& c = std::get<q_clause>(q.parts[p]);
      clause_info ci{{}, c.negated};
      for (std::size_t k = 0; k < c.alternatives.size(); ++k) {
        const q_atom& atom = c.alternatives[k];
        atom_info ai{{}, atom.quoted};
        for (std::size_t i = 0; i < atom.words.size(); ++i) {
          const auto t = analyzer_(atom.words[i].text);
          REQUIRE(t.size() == 1);
          bool prefix = atom.words[i].star;
          const bool last_word = p + 1 == q.parts.size() && k + 1 == c.alternatives.size() &&
                                 i + 1 == atom.words.size();
          const bool typing = last_word && q.typing && !q.trailing_space &&
                              (!atom.quoted || q.leave_open) && !prefix;
          prefix = prefix || typing;
          ai.words.push_back({t[0].normalized, t[0].stem, t[0].alternate_stem, prefix, typing});
        }
        ci.alternatives.push_back(ai);
      }
      clauses.push_back(ci);
    }
    // Stopwords: dropped unless quoted, being typed as a prefix, or every positive word is one.
    const auto droppable = [](const atom_info& a) {
      return !a.quoted && a.words.size() == 1 && !a.words[0].prefix &&
             fahras::is_stopword(a.words[0].normalized);
    };
    bool all_stopwords = true;
    for (const auto& c : clauses)
      for (const auto& a : c.alternatives)
        if (!c.negated && !droppable(a)) all_stopwords = false;
    if (!all_stopwords) {
      for (auto& c : clauses)
        c.alternatives.erase(
            std::remove_if(c.alternatives.begin(), c.alternatives.end(), droppable),
            c.alternatives.end());
      clauses.erase(std::remove_if(clauses.begin(), clauses.end(),
                                   [](const clause_info& c) { return c.alternatives.empty(); }),
                    clauses.end());
    }
    // Each atom as the stems each of its words accepts.
    std::vector<std::vector<std::vector<stem_set>>> atoms(clauses.size());
    bool positive = false;
    for (std::size_t c = 0; c < clauses.size(); ++c) {
      positive = positive || !clauses[c].negated;
      for (const auto& a : clauses[c].alternatives) {
        std::vector<stem_set> words;
        for (const auto& w : a.words)
          words.push_back(accepted(w.normalized, w.stem, w.alternate_stem, w.prefix, w.typing,
                                   clauses[c].negated, ev.ambiguous));
        atoms[c].push_back(words);
        if (!clauses[c].negated) ev.positive_atoms.push_back(words);
      }
    }
    for (const q_filter* f : filters) positive = positive || !f->negated;
    if (!positive) return ev;  // exclusions alone find nothing

    const auto filter_matches = [&](const oracle_doc& d, const q_filter& f) {
      std::vector<std::string> stems;
      for (const auto& w : f.words)
        for (const auto& t : analyzer_(w)) stems.push_back(t.stem);
      const auto it = d.meta.find(f.field);
      for (const auto& s : stems)
        if (it == d.meta.end() || !it->second.count(s)) return false;
      return !stems.empty();
    };
    for (fahras::doc_id d = 0; d < corpus_.docs.size(); ++d) {
      const oracle_doc& doc = corpus_.docs[d];
      bool keep = true;
      for (std::size_t c = 0; c < clauses.size() && keep; ++c) {
        bool any = false;
        for (const auto& words : atoms[c])
          any = any || atom_in_field(words, doc.title, nullptr) ||
                atom_in_field(words, doc.text, nullptr);
        keep = clauses[c].negated ? !any : any;
      }
      for (const q_filter* f : filters)
        if (keep) keep = filter_matches(doc, *f) != f->negated;
      if (keep) ev.docs.insert(d);
    }
    return ev;
  }

  // Spans of the words of `f` that the positive atoms mark.
  static std::vector<fahras::byte_span> marked(const evaluation& ev, const field_tokens& f) {
    std::vector<bool> marks(f.stems.size(), false);
    for (const auto& words : ev.positive_atoms) atom_in_field(words, f, &marks);
    std::vector<fahras::byte_span> spans;
    for (std::size_t i = 0; i < marks.size(); ++i)
      if (marks[i]) spans.push_back(f.spans[i]);
    return spans;
  }

 private:
  const fahras::analyzer& analyzer_;
  oracle_corpus corpus_;
};

std::string spans_text(const std::vector<fahras::byte_span>& spans) {
  std::string out;
  for (const auto& s : spans)
    out += "[" + std::to_string(s.begin) + "," + std::to_string(s.end) + ")";
  return out;
}

struct oracle_stats {
  std::size_t queries = 0, ambiguous = 0, nonempty = 0, typo = 0, prefix = 0, phrase = 0;
};

// Random corpora of up to `max_docs` documents, `per_corpus` random queries on each.
oracle_stats compare_with_oracle(std::uint32_t seed, int corpora, std::size_t max_docs,
                                 int per_corpus) {
  std::mt19937 rng(seed);
  oracle_stats st;
  for (int round = 0; round < corpora; ++round) {
    const std::vector<fahras::document> docs = random_documents(rng, max_docs);
    fahras::index_options options;
    if (round % 5 == 3) options.store_text = false;
    if (round % 7 == 5) options.analysis.stem = fahras::stemmer::none;
    const fahras::index built = fahras::test::build_index(docs, options);
    // Search the loaded copy half the time: both must behave the same.
    const fahras::index idx =
        round % 2 ? fahras::load_index(built.data(), built.size()).value() : built;
    const oracle o(docs, idx);
    for (int k = 0; k < per_corpus; ++k) {
      const q_query q = random_query(rng, idx.analyzer());
      const std::string text = render(q);
      const evaluation expected = o.evaluate(q);
      CAPTURE(round);
      CAPTURE(text);
      CAPTURE(q.typing);
      ++st.queries;
      if (expected.ambiguous) {
        ++st.ambiguous;
        continue;
      }
      fahras::search_options so;
      so.limit = 1000;
      so.prefix = q.typing;
      so.snippet_words = 0;
      so.soft_and = false;  // the oracle knows full matches (soft_and_test.cpp: the others)
      so.spelling = fahras::spelling_variants::none;  // nor siblings (siblings_test.cpp)
      const fahras::search_results r = fahras::search(idx, text, so);
      const std::vector<fahras::doc_id> order = fahras::test::ranked(r);
      CHECK(doc_set(order.begin(), order.end()) == expected.docs);
      CHECK(r.total == expected.docs.size());
      for (std::size_t i = 1; i < r.hits.size(); ++i) {
        const auto& a = r.hits[i - 1];
        const auto& b = r.hits[i];
        CHECK((a.score > b.score || (a.score == b.score && a.doc < b.doc)));
      }
      st.nonempty += !expected.docs.empty();
      st.typo += std::any_of(r.notes.begin(), r.notes.end(), [](const auto& n) {
        return n.what == fahras::query_note::kind::typo;
      });
      st.prefix += std::any_of(r.notes.begin(), r.notes.end(), [](const auto& n) {
        return n.what == fahras::query_note::kind::prefix;
      });
      st.phrase += text.find('"') != std::string::npos;
      // Highlights: exactly the words the positive atoms mark, in (the first 20) matching
      // documents.
      std::size_t checked = 0;
      for (fahras::doc_id d : expected.docs) {
        if (++checked > 20) break;
        CAPTURE(d);
        const fahras::document_matches m =
            fahras::match_document(idx, d, text, q.typing, fahras::spelling_variants::none);
        CHECK(spans_text(m.title) ==
              spans_text(oracle::marked(expected, o.corpus().docs[d].title)));
        const auto text_spans = idx.stores_text()
                                    ? oracle::marked(expected, o.corpus().docs[d].text)
                                    : std::vector<fahras::byte_span>{};
        CHECK(spans_text(m.text) == spans_text(text_spans));
      }
    }
  }
  MESSAGE(st.queries << " queries: " << st.nonempty << " with hits, " << st.typo
                     << " with typo corrections, " << st.prefix << " with prefixes, " << st.phrase
                     << " with quotes; " << st.ambiguous
                     << " skipped as beyond the expansion caps");
  return st;
}

}  // namespace

TEST_SUITE("oracle") {

TEST_CASE("every vocabulary word is one token") {
  const fahras::analyzer a;
  for (const auto& w : vocabulary) {
    CAPTURE(w);
    CHECK(a(w).size() == 1);
  }
}

TEST_CASE("search finds exactly the documents a naive scan finds") {
  const oracle_stats st = compare_with_oracle(20240601, 300, 12, 40);
  // The comparison must have teeth: most queries compared, many with hits and each feature used.
  CHECK(st.ambiguous * 50 < st.queries);
  CHECK(st.nonempty * 4 > st.queries);
  CHECK(st.typo > 100);
  CHECK(st.prefix > 100);
}

TEST_CASE("search finds exactly the documents a naive scan finds, with skip tables") {
  // Corpora of up to 400 documents: common words have posting lists of several skip blocks.
  const oracle_stats st = compare_with_oracle(7, 6, 400, 60);
  CHECK(st.ambiguous * 10 < st.queries);
  CHECK(st.nonempty * 4 > st.queries);
}

}  // TEST_SUITE("oracle")
