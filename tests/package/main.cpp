// A consumer of fahras built with -fno-exceptions: it normalizes and analyzes fixed Arabic text
// and prints what it got, one fact a line, for package_test.cmake to check.
// SPDX-License-Identifier: MIT
#include <fahras/fahras.hpp>  // the umbrella: every public header must compile without exceptions

#include <cstdio>
#include <string>

#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
#error "this consumer must be compiled with -fno-exceptions"
#endif

int main() {
  std::printf("version %s\n", fahras::version_string);
  std::printf("normalize %s\n", fahras::normalize("أَحْمَدُ").c_str());

  const std::string text = "فرضت وَالعُقُوبَاتُ على كوريا الشمالية";
  for (const fahras::analyzed_token& token : fahras::analyze(text)) {
    // "token <position> <begin> <end> <original word> <normalized> <stem>"
    std::printf("token %u %zu %zu %s %s %s\n", static_cast<unsigned>(token.position), token.begin,
                token.end, text.substr(token.begin, token.end - token.begin).c_str(),
                token.normalized.c_str(), token.stem.c_str());
  }
  return 0;
}
