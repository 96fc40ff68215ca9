// fahras-variant-collisions: how many distinct words the spelling-variant keys would merge.
// SPDX-License-Identifier: MIT

// usage: fahras-variant-collisions [--examples N] FILE...
//
// Reads every word of the files (a line that is a JSON object contributes its "title" and
// "text"; any other line is text, so Tanzil's `sura|aya|text` lines, a hunspell .dic and plain
// text all work), analyzes it with the default analyzer (the word and, for a word written with
// a superscript alef, its full-alef spelling), and reports for each key of
// include/fahras/variants.hpp and for each of its rules switched off or on:
//
//   forms        distinct normalized words
//   keys         distinct keys
//   merged       words whose key another word with a DIFFERENT STEM shares (what a key
//                fallback adds to a search beyond the stem)
//   groups       keys shared by two or more stems
//   rule adds    for a rule, the groups that exist only with it (marginal cost), with the most
//                frequent examples; `grep` the report for a word to see what it is merged with.
//
// doc/variants.md quotes its output on the articles, the judged collection, the generated
// corpus, the Qur'an (Tanzil) and a hunspell word list.

#include <fahras/analyze.hpp>
#include <fahras/variants.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace {

struct word_stats {
  std::uint64_t count = 0;
  std::string stem;
};

using key_function = std::function<std::string(std::string_view)>;

struct key_variant {
  std::string name;
  key_function key;
};

void read_words(const std::string& path, const fahras::analyzer& a,
                std::unordered_map<std::string, word_stats>& words) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  const auto add = [&](std::string_view text) {
    a.for_each_token(text, [&](const fahras::analyzed_view& t) {
      const auto one = [&](std::string_view form, std::string_view stem) {
        if (form.empty() || static_cast<unsigned char>(form[0]) < 0xD8 ||
            static_cast<unsigned char>(form[0]) > 0xDB)
          return;  // Arabic words only
        word_stats& w = words[std::string(form)];
        if (w.count++ == 0) w.stem = std::string(stem);
      };
      one(t.normalized, t.stem);
      if (!t.alternate.empty()) one(t.alternate, t.alternate_stem);
    });
  };
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line[0] == '{') {
      const nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_object()) {
        for (const char* field : {"title", "text"})
          if (j.contains(field) && j[field].is_string()) add(j[field].get<std::string>());
        continue;
      }
    }
    add(line);
  }
}

// One key function over all words: the keys shared by words of two or more stems.
struct key_report {
  std::size_t keys = 0, merged_forms = 0, groups = 0;
  std::unordered_map<std::string, std::string> key_of;            // form -> key
  std::map<std::string, std::vector<const std::string*>> shared;  // key -> its forms
};

key_report measure(const std::unordered_map<std::string, word_stats>& words,
                   const key_function& key) {
  key_report r;
  std::unordered_map<std::string, std::vector<const std::string*>> by_key;
  for (const auto& [form, w] : words) {
    std::string k = key(form);
    by_key[k].push_back(&form);
    r.key_of.emplace(form, std::move(k));
  }
  r.keys = by_key.size();
  for (auto& [k, forms] : by_key) {
    std::set<std::string_view> stems;
    for (const std::string* f : forms) stems.insert(words.at(*f).stem);
    if (stems.size() < 2) continue;
    ++r.groups;
    r.merged_forms += forms.size();
    r.shared.emplace(k, std::move(forms));
  }
  return r;
}

// Prints the groups of `with` in which two words of different stems have different keys in
// `without`: what the rule that tells them apart adds. The groups whose second most frequent
// stem is commonest first: a merge matters when both words are common.
void print_marginal(const std::unordered_map<std::string, word_stats>& words,
                    const key_report& with, const key_report& without, std::size_t examples) {
  struct added_group {
    std::uint64_t weight;
    std::string key;
    std::vector<std::pair<std::uint64_t, std::string>> members;  // per stem: best form
  };
  std::vector<added_group> added;
  for (const auto& [k, forms] : with.shared) {
    std::map<std::string_view, std::pair<std::uint64_t, const std::string*>> best;  // per stem
    std::set<std::pair<std::string_view, std::string_view>> stem_key;  // (stem, old key)
    for (const std::string* f : forms) {
      const word_stats& w = words.at(*f);
      auto& b = best[w.stem];
      if (w.count > b.first) b = {w.count, f};
      stem_key.emplace(w.stem, without.key_of.at(*f));
    }
    bool is_new = false;
    for (auto a = stem_key.begin(); a != stem_key.end() && !is_new; ++a)
      for (auto b = std::next(a); b != stem_key.end() && !is_new; ++b)
        is_new = a->first != b->first && a->second != b->second;
    if (!is_new) continue;
    added_group g{0, k, {}};
    for (const auto& [stem, b] : best) g.members.emplace_back(b.first, *b.second);
    std::sort(g.members.rbegin(), g.members.rend());
    g.weight = g.members.size() > 1 ? g.members[1].first : 0;
    added.push_back(std::move(g));
  }
  std::sort(added.begin(), added.end(), [](const added_group& x, const added_group& y) {
    return x.weight != y.weight ? x.weight > y.weight : x.key < y.key;
  });
  std::printf("    groups added: %zu\n", added.size());
  for (std::size_t n = 0; n < added.size() && n < examples; ++n) {
    std::printf("      %s:", added[n].key.c_str());
    const auto& m = added[n].members;
    for (std::size_t i = 0; i < m.size() && i < 6; ++i)
      std::printf(" %s(%llu)", m[i].second.c_str(), static_cast<unsigned long long>(m[i].first));
    if (m.size() > 6) std::printf(" +%zu", m.size() - 6);
    std::printf("\n");
  }
}

using word_table = std::unordered_map<std::string, word_stats>;

/// One switch of an options struct, by name.
template <class Options>
struct rule_switch {
  const char* name;
  bool Options::*flag;
};

// For each rule: the key with it (the other rules at their defaults) against the key without it.
template <class Options, class MakeKey>
void report_rules(const word_table& words, const std::vector<rule_switch<Options>>& rules,
                  MakeKey make_key, std::size_t examples) {
  for (const rule_switch<Options>& rule : rules) {
    Options on{}, off{};
    on.*rule.flag = true;
    off.*rule.flag = false;
    const key_report with = measure(words, make_key(on)), without = measure(words, make_key(off));
    std::printf("\n  rule %s: with it groups %zu, merged forms %zu; without it groups %zu\n",
                rule.name, with.groups, with.merged_forms, without.groups);
    print_marginal(words, with, without, examples);
  }
}

}  // namespace

int main(int argc, char** argv) try {
  std::size_t examples = 12;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--examples" && i + 1 < argc)
      examples = std::strtoul(argv[++i], nullptr, 10);
    else
      paths.push_back(arg);
  }
  if (paths.empty()) {
    std::fprintf(stderr, "usage: fahras-variant-collisions [--examples N] FILE...\n");
    return 2;
  }
  const fahras::analyzer a;
  std::unordered_map<std::string, word_stats> words;
  for (const std::string& p : paths) read_words(p, a, words);
  std::set<std::string> stems;
  for (const auto& [form, w] : words) stems.insert(w.stem);
  std::printf("forms %zu, stems %zu\n\n", words.size(), stems.size());

  using so = fahras::skeleton_options;
  using to = fahras::transliteration_options;
  const auto sk = [](so o) {
    return key_function([o](std::string_view w) { return fahras::skeleton(w, o); });
  };
  const auto tk = [](to o) {
    return key_function([o](std::string_view w) { return fahras::transliteration_key(w, o); });
  };
  const key_function identity = [](std::string_view w) { return std::string(w); };

  const key_report base = measure(words, identity);
  std::printf("normalized form (baseline): keys %zu, groups of 2+ stems %zu\n\n", base.keys,
              base.groups);

  // skeleton: the defaults, then each rule's marginal cost
  const key_report skel = measure(words, sk({}));
  std::printf("skeleton (defaults): keys %zu, merged forms %zu, groups %zu\n", skel.keys,
              skel.merged_forms, skel.groups);
  print_marginal(words, skel, base, examples);
  report_rules<so>(words,
                   {{"drop_inline_hamza", &so::drop_inline_hamza},
                    {"waw_for_alef_words", &so::waw_for_alef_words},
                    {"drop_inner_alef", &so::drop_inner_alef},
                    {"drop_second_letter_alef", &so::drop_second_letter_alef},
                    {"collapse_double_waw", &so::collapse_double_waw},
                    {"drop_plural_alef", &so::drop_plural_alef},
                    {"one_lam_layl", &so::one_lam_layl}},
                   sk, examples);
  // A general و-before-final-ه rule instead of the closed list: what it would merge.
  {
    const key_function general_waw = [](std::string_view w) {
      std::string s(w);
      const std::string wh = "\xD9\x88\xD9\x87";  // وه
      if (s.size() > 6 && s.compare(s.size() - 4, 4, wh) == 0)
        s.replace(s.size() - 4, 4, "\xD9\x87");
      return s;
    };
    std::printf("\n  rejected rule: every و before a final ه as a long ā (وه → ه)\n");
    print_marginal(words, measure(words, general_waw), base, examples);
  }

  // transliteration key: defaults, then each rule and the length threshold
  const key_report tr = measure(words, tk({}));
  std::printf("\ntransliteration key (defaults): keys %zu, merged forms %zu, groups %zu\n", tr.keys,
              tr.merged_forms, tr.groups);
  print_marginal(words, tr, skel, examples);
  report_rules<to>(words,
                   {{"fold_foreign_letters", &to::fold_foreign_letters},
                    {"fold_final_ng", &to::fold_final_ng},
                    {"fold_g_letters", &to::fold_g_letters},
                    {"drop_inner_vowel_letters", &to::drop_inner_vowel_letters},
                    {"fold_final_ya", &to::fold_final_ya}},
                   tk, examples);
  for (std::size_t letters : {4u, 5u, 7u, 8u}) {
    to o{};
    o.long_word_letters = letters;
    const key_report r = measure(words, tk(o));
    std::printf("\n  long words from %zu letters (default 6): groups %zu\n", letters, r.groups);
    if (letters < 6) print_marginal(words, r, tr, examples);
  }
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "fahras-variant-collisions: %s\n", e.what());
  return 1;
}
