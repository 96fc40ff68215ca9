// `fahras normalize` and `fahras analyze`: the analysis chain on arguments or stdin lines.
// SPDX-License-Identifier: MIT
#include <fahras/analyze.hpp>
#include <fahras/normalize.hpp>

#include <cstdio>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "cli.hpp"
#include "commands.hpp"
#include "terminal.hpp"

namespace fahras::cli {
namespace {

/// Calls `f(text)` for each argument, or, with none, for each line of stdin (without its line
/// end, `\n` or `\r\n`). Input bytes are passed on as they are, valid UTF-8 or not. False
/// when stdin could not be read to its end (a folder, a failing disk), after saying so.
template <class F>
bool for_each_input(const std::vector<std::string>& texts, F&& f) {
  if (!texts.empty()) {
    for (const std::string& text : texts) f(std::string_view(text));
    return true;
  }
  // Someone typing expects each answer at once; a pipe is served faster in big blocks.
  const bool interactive = is_terminal(0);
  std::string line;
  while (std::getline(std::cin, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    f(std::string_view(line));
    if (interactive) std::cout.flush();
  }
  if (!std::cin.bad()) return true;
  std::cout.flush();
  std::fprintf(stderr, "fahras: cannot read stdin\n");
  return false;
}

/// Writes `text` as one output line: a line end inside it would break the one-line-per-input
/// promise, so it becomes a space (the analysis keeps separators as they are).
void write_line(std::string_view text) {
  std::string line(text);
  for (char& c : line) c = c == '\n' ? ' ' : c;
  std::cout << shown(line) << '\n';
}

int run_normalize(const std::vector<std::string>& args) {
  const parsed_args parsed = parse_args(args, {});
  const normalizer fold;
  return for_each_input(parsed.positionals(),
                        [&](std::string_view text) { write_line(fold(text)); })
             ? exit_success
             : exit_failure;
}

int run_analyze(const std::vector<std::string>& args) {
  const parsed_args parsed =
      parse_args(args, {{"--verbose", "-v", false}, {"--tokens", "", false}});
  const bool verbose = parsed.has("--verbose") || parsed.has("--tokens");
  const analyzer analysis;
  bool first = true;
  std::string line;
  const bool read = for_each_input(parsed.positionals(), [&](std::string_view text) {
    if (verbose) {
      // One token per line; a blank line between inputs keeps them apart.
      if (!first) std::cout.put('\n');
      first = false;
      analysis.for_each_token(text, [&](const analyzed_view& t) {
        std::cout << t.begin << ' ' << t.end << ' '
                  << shown(one_line(text.substr(t.begin, t.end - t.begin))) << ' '
                  << shown(t.normalized) << ' ' << shown(t.stem) << '\n';
      });
      return;
    }
    line.clear();
    analysis.for_each_token(text, [&](const analyzed_view& t) {
      if (!line.empty()) line.push_back(' ');
      line.append(t.stem);
    });
    write_line(line);
  });
  return read ? exit_success : exit_failure;
}

}  // namespace

constexpr std::string_view normalize_help = R"(usage: fahras normalize [TEXT...]

Prints each TEXT normalized, one per line: diacritics and tatweel removed, alef, hamza
carriers, alef maksura, teh marbuta, Persian letters, presentation forms and digits folded,
Latin lowercased. Without TEXT, reads stdin and prints one normalized line per input line;
invalid UTF-8 becomes U+FFFD and lines stay aligned. Use `--` before a TEXT that starts
with '-'.

example: fahras normalize 'ٱلرَّحۡمَٰنِ'    prints الرحمن
)";

const command normalize_command{"normalize",
                                "print the search form of text (folded letters, no diacritics)",
                                normalize_help, run_normalize};

constexpr std::string_view analyze_help = R"(usage: fahras analyze [--verbose] [TEXT...]

Runs the analysis chain (normalize, tokenize, light10 stem) on each TEXT, or on each line
of stdin when there is none, and prints the stems of its tokens, space-separated, one
output line per input (an empty line when it has no tokens).

options:
  -v, --verbose, --tokens   one token per line: START END ORIGINAL NORMALIZED STEM, with
                            START/END byte offsets into the input; a blank line between
                            inputs

example: fahras analyze 'وَالعُقُوبَاتُ'    prints عقوب
)";

const command analyze_command{"analyze",
                              "print the stems of text's tokens, or every token with its offsets",
                              analyze_help, run_analyze};

}  // namespace fahras::cli
