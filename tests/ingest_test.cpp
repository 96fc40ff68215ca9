// Tests for tools/ingest.hpp: JSON Lines, JSON arrays, .txt/.md files, directories, bad records.
// SPDX-License-Identifier: MIT
#include "ingest.hpp"

#include <fahras/index.hpp>
#include <fahras/index_builder.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "test_util.hpp"

namespace fs = std::filesystem;
using fahras::document;
using fahras::tools::diagnostic;
using fahras::tools::ingest_progress;
using fahras::tools::input_format;
using fahras::tools::on_bad_record;

namespace {

using severity = diagnostic::severity;
using fields_t = std::vector<std::pair<std::string, std::string>>;

fs::path data(const std::string& relative) {
  return fs::path(FAHRAS_TEST_DATA_DIR) / "ingest" / relative;
}

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool contains(std::string_view s, std::string_view part) {
  return s.find(part) != std::string_view::npos;
}

/// Everything one ingestion produced.
struct outcome {
  std::vector<document> documents;
  std::vector<ingest_progress> progress;
  std::vector<diagnostic> diagnostics;
  fahras::tools::ingest_summary summary;

  std::vector<std::string> ids() const {
    std::vector<std::string> out;
    for (const auto& d : documents) out.push_back(d.id);
    return out;
  }
  const document& doc(std::string_view id) const {
    const auto it = std::find_if(documents.begin(), documents.end(),
                                 [&](const document& d) { return d.id == id; });
    REQUIRE(it != documents.end());
    return *it;
  }
  std::vector<diagnostic> of(severity level) const {
    std::vector<diagnostic> out;
    std::copy_if(diagnostics.begin(), diagnostics.end(), std::back_inserter(out),
                 [&](const diagnostic& d) { return d.level == level; });
    return out;
  }
};

outcome run(const std::vector<fs::path>& inputs, on_bad_record mode = on_bad_record::skip) {
  outcome out;
  fahras::tools::ingest_options options;
  options.bad_records = mode;
  options.on_diagnostic = [&](const diagnostic& d) { out.diagnostics.push_back(d); };
  out.summary = fahras::tools::ingest(
      inputs,
      [&](document&& d, const ingest_progress& p) {
        out.documents.push_back(std::move(d));
        out.progress.push_back(p);
      },
      options);
  return out;
}

/// A folder under the system temp folder, removed at the end of the test.
struct temp_dir {
  fs::path path;
  explicit temp_dir(const std::string& name)
      : path(fs::temp_directory_path() / ("fahras_ingest_test_" + name)) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~temp_dir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

}  // namespace

TEST_SUITE("ingest") {
TEST_CASE("file formats are chosen by extension, ignoring case") {
  using fahras::tools::format_of;
  CHECK(format_of("a/b.jsonl") == input_format::json_lines);
  CHECK(format_of("b.NDJSON") == input_format::json_lines);
  CHECK(format_of("b.json") == input_format::json_array);
  CHECK(format_of("b.Txt") == input_format::plain_text);
  CHECK(format_of("b.md") == input_format::markdown);
  CHECK_FALSE(format_of("b.pdf").has_value());
  CHECK_FALSE(format_of("README").has_value());
  CHECK_FALSE(format_of("b.json.gz").has_value());
}

TEST_CASE("diagnostics print as file:line: message") {
  using fahras::tools::to_string;
  CHECK(to_string({severity::error, "a.jsonl", 3, "record has no \"id\""}) ==
        "a.jsonl:3: record has no \"id\"");
  CHECK(to_string({severity::warning, "b.txt", 2, "invalid UTF-8"}) ==
        "b.txt:2: warning: invalid UTF-8");
  CHECK(to_string({severity::note, "c.pdf", 0, "unknown file type, not read"}) ==
        "c.pdf: note: unknown file type, not read");
}

TEST_CASE("JSON Lines records become documents with metadata in file order") {
  const outcome out = run({data("valid.jsonl")});
  CHECK(out.summary.ok);
  CHECK(out.diagnostics.empty());
  CHECK(out.ids() == std::vector<std::string>{"d1", "d2", "d3"});
  CHECK(out.summary.documents == 3);
  CHECK(out.summary.files == 1);

  const document& d1 = out.doc("d1");
  CHECK(d1.title == "العنوان الأول");
  CHECK(d1.text == "نص المقال الأول");
  SUBCASE("numbers and booleans keep their JSON text, null is left out") {
    CHECK(d1.fields == fields_t{{"source", "إرم نيوز"},
                                {"year", "2024"},
                                {"score", "1.5"},
                                {"draft", "false"},
                                {"date", "2024-06"}});
  }
  SUBCASE("title or text alone is enough") {
    CHECK(out.doc("d2").title.empty());
    CHECK(out.doc("d2").text == "نص بلا عنوان");
    CHECK(out.doc("d3").title == "عنوان بلا نص");
    CHECK(out.doc("d3").text.empty());
  }
}

TEST_CASE("a byte order mark and CRLF line ends are accepted in JSON Lines") {
  const outcome out = run({data("bom_crlf.jsonl")});
  CHECK(out.diagnostics.empty());
  REQUIRE(out.ids() == std::vector<std::string>{"bom", "crlf"});
  CHECK(out.doc("bom").title == "starts with a BOM");
  CHECK(out.doc("crlf").text == "CRLF line ends");
}

TEST_CASE("bad JSON Lines records are reported with their line and skipped") {
  const outcome out = run({data("bad_lines.jsonl")}, on_bad_record::skip);
  CHECK(out.summary.ok);
  CHECK(out.ids() == std::vector<std::string>{"good-1", "good-2", "good-3"});
  CHECK(out.doc("good-1").title == "a");  // the first of two equal ids wins

  const auto errors = out.of(severity::error);
  CHECK(out.summary.bad_records == errors.size());
  const std::vector<std::pair<std::size_t, std::string>> expected = {
      {2, "invalid JSON at column 36: syntax error"},
      {3, "expected an object, got an array"},
      {4, "record has no \"id\""},
      {5, "\"id\" is empty"},
      {6, "record has neither \"title\" nor \"text\""},
      {7, "\"id\" must be a string, not a number"},
      {8, "field \"tags\" must be a string, number, boolean or null, not an array"},
      {10, "duplicate id \"good-1\" (first seen at "},
      {11, "record has both \"text\" and \"file\""},
  };
  REQUIRE(errors.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CAPTURE(errors[i].message);
    CHECK(ends_with(errors[i].file, "bad_lines.jsonl"));
    CHECK(errors[i].line == expected[i].first);
    CHECK(contains(errors[i].message, expected[i].second));
  }
  CHECK(ends_with(errors[7].message, "bad_lines.jsonl:1)"));
}

TEST_CASE("with reject, the first bad record makes the whole ingestion fail") {
  const outcome out = run({data("bad_lines.jsonl"), data("valid.jsonl")}, on_bad_record::reject);
  CHECK_FALSE(out.summary.ok);
  REQUIRE(out.diagnostics.size() == 1);
  CHECK(out.diagnostics[0].line == 2);
  // Only what came before the bad line reached the sink; nothing after it.
  CHECK(out.ids() == std::vector<std::string>{"good-1"});
  CHECK(out.summary.files == 1);
}

TEST_CASE("invalid UTF-8 in a JSON record makes it a bad record") {
  SUBCASE("skip") {
    const outcome out = run({data("invalid_utf8.jsonl")}, on_bad_record::skip);
    CHECK(out.ids() == std::vector<std::string>{"u-ok", "u-after"});
    REQUIRE(out.diagnostics.size() == 1);
    CHECK(out.diagnostics[0].line == 2);
    CHECK(out.diagnostics[0].message == "invalid UTF-8 at column 31");
  }
  SUBCASE("reject") {
    const outcome out = run({data("invalid_utf8.jsonl")}, on_bad_record::reject);
    CHECK_FALSE(out.summary.ok);
    CHECK(out.ids() == std::vector<std::string>{"u-ok"});
  }
}

TEST_CASE("a JSON array is read element by element, bad elements named by index and line") {
  const outcome out = run({data("array.json")}, on_bad_record::skip);
  CHECK(out.summary.ok);
  CHECK(out.ids() == std::vector<std::string>{"a1", "a3", "a5"});
  // Brackets, braces, commas and escaped quotes inside strings do not split elements.
  CHECK(out.doc("a1").text == "نص، مع [أقواس] و{معقوفات} و\"اقتباس\" وفاصلة, هنا");
  CHECK(out.doc("a1").fields == fields_t{{"source", "s1"}});
  CHECK(out.doc("a3").fields == fields_t{{"rank", "3"}});

  const auto errors = out.of(severity::error);
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].line == 8);
  CHECK(errors[0].message == "element [1]: record has no \"id\"");
  CHECK(errors[1].line == 13);
  CHECK(errors[1].message == "element [3]: expected an object, got a string");
}

TEST_CASE("broken JSON arrays") {
  SUBCASE("an empty array gives no documents and no complaint") {
    const outcome out = run({data("empty_array.json")});
    CHECK(out.summary.ok);
    CHECK(out.documents.empty());
    CHECK(out.diagnostics.empty());
  }
  SUBCASE("an unclosed array keeps the elements before the break") {
    const outcome out = run({data("unclosed_array.json")}, on_bad_record::skip);
    CHECK(out.ids() == std::vector<std::string>{"u1"});
    REQUIRE(out.diagnostics.size() == 1);
    CHECK(out.diagnostics[0].line == 3);
    CHECK(contains(out.diagnostics[0].message, "the array is not closed"));
  }
  SUBCASE("a syntax error inside a multi-line element is reported on its own line") {
    const outcome out = run({data("array_bad_element.json")}, on_bad_record::skip);
    CHECK(out.ids() == std::vector<std::string>{"ok", "after"});
    REQUIRE(out.diagnostics.size() == 1);
    CHECK(out.diagnostics[0].line == 5);
    CHECK(contains(out.diagnostics[0].message, "element [1]: invalid JSON"));
  }
  SUBCASE("a single object is not an array") {
    const outcome out = run({data("not_array.json")}, on_bad_record::reject);
    CHECK_FALSE(out.summary.ok);
    CHECK(out.documents.empty());
    REQUIRE(out.diagnostics.size() == 1);
    CHECK(out.diagnostics[0].line == 1);
    CHECK(out.diagnostics[0].message == "expected a JSON array of objects");
  }
}

TEST_CASE("text and Markdown files are one document each, text kept byte for byte") {
  const outcome out = run({data("texts/note.txt"), data("texts/readme.md")});
  CHECK(out.diagnostics.empty());
  REQUIRE(out.ids() == std::vector<std::string>{"note.txt", "readme.md"});
  CHECK(out.doc("note.txt").title == "ملاحظة قصيرة");
  CHECK(out.doc("note.txt").text == read_bytes(data("texts/note.txt")));
  CHECK(out.doc("readme.md").title == "عنوان ماركداون");
  CHECK(out.doc("readme.md").text == read_bytes(data("texts/readme.md")));
  CHECK(out.doc("readme.md").fields.empty());
}

TEST_CASE("invalid UTF-8 in a text file is kept, with a warning") {
  const outcome out = run({data("invalid_utf8.txt")}, on_bad_record::reject);
  CHECK(out.summary.ok);
  CHECK(out.summary.bad_records == 0);
  CHECK(out.summary.warnings == 1);
  REQUIRE(out.documents.size() == 1);
  CHECK(out.documents[0].text == read_bytes(data("invalid_utf8.txt")));
  CHECK(out.documents[0].title == "عنوان الملف");
  REQUIRE(out.diagnostics.size() == 1);
  CHECK(out.diagnostics[0].level == severity::warning);
  CHECK(out.diagnostics[0].line == 2);
  CHECK(contains(out.diagnostics[0].message, "invalid UTF-8"));
}

TEST_CASE("directories are walked recursively in name order, other files reported") {
  const outcome out = run({data("tree")});
  CHECK(out.summary.ok);
  // tree/: .hidden/ (skipped), .draft.txt (skipped, no note), a/{UPPER.JSONL, deeper/y.md,
  // x.txt}, b.jsonl, notes.pdf
  CHECK(out.ids() == std::vector<std::string>{"upper", "y.md", "x.txt", "tree-b"});
  CHECK(out.doc("y.md").title == "y title");
  CHECK(out.summary.files == 4);
  CHECK(out.summary.ignored_files == 2);

  const auto notes = out.of(severity::note);
  REQUIRE(notes.size() == 2);
  CHECK(ends_with(notes[0].file, ".hidden"));
  CHECK(notes[0].message == "hidden directory, not read");
  CHECK(ends_with(notes[1].file, "notes.pdf"));
  CHECK(notes[1].message == "unknown file type, not read");
  CHECK(out.of(severity::error).empty());
}

TEST_CASE("links to folders and broken links in a folder are reported, not followed") {
  temp_dir dir("links");
  std::ofstream(dir.path / "real.txt") << "title\n";
  fs::create_directory_symlink(data("tree"), dir.path / "linked-tree");
  fs::create_symlink(dir.path / "gone.txt", dir.path / "dangling.txt");
  const outcome out = run({dir.path}, on_bad_record::reject);
  CHECK(out.summary.ok);
  CHECK(out.ids() == std::vector<std::string>{"real.txt"});
  const auto notes = out.of(severity::note);
  REQUIRE(notes.size() == 2);
  CHECK(ends_with(notes[0].file, "dangling.txt"));
  CHECK(notes[0].message == "not a regular file, not read");
  CHECK(ends_with(notes[1].file, "linked-tree"));
  CHECK(notes[1].message == "link to a directory, not followed");
}

TEST_CASE("\"file\" reads the text from a file next to the JSON file") {
  const outcome out = run({data("refs/refs.jsonl")}, on_bad_record::skip);
  REQUIRE(out.ids() == std::vector<std::string>{"r1"});
  CHECK(out.doc("r1").text == "نص محفوظ في ملف\nبسطرين\n");
  CHECK(out.doc("r1").fields == fields_t{{"lang", "ar"}});  // "file" is not metadata

  const auto errors = out.of(severity::error);
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].line == 2);
  CHECK(contains(errors[0].message, "cannot read \"file\""));
  CHECK(contains(errors[0].message, "missing.txt"));
  CHECK(errors[1].line == 3);
  CHECK(errors[1].message == "\"file\" must be a string, not a number");
}

TEST_CASE("ids must be unique across all inputs") {
  const outcome out = run({data("valid.jsonl"), data("valid.jsonl")}, on_bad_record::skip);
  CHECK(out.ids() == std::vector<std::string>{"d1", "d2", "d3"});
  REQUIRE(out.diagnostics.size() == 3);
  CHECK(out.diagnostics[1].line == 3);
  CHECK(contains(out.diagnostics[1].message, "duplicate id \"d2\""));
  CHECK(ends_with(out.diagnostics[1].message, "valid.jsonl:3)"));
}

TEST_CASE("a missing input is a clear error before any document") {
  const outcome out = run({data("valid.jsonl"), data("no-such-file.jsonl")});
  CHECK_FALSE(out.summary.ok);
  CHECK(out.documents.empty());
  REQUIRE(out.diagnostics.size() == 1);
  CHECK(ends_with(out.diagnostics[0].file, "no-such-file.jsonl"));
  CHECK(out.diagnostics[0].message == "no such file or directory");

  SUBCASE("so is a named file of an unknown type") {
    const outcome pdf = run({data("tree/notes.pdf")});
    CHECK_FALSE(pdf.summary.ok);
    REQUIRE(pdf.diagnostics.size() == 1);
    CHECK(contains(pdf.diagnostics[0].message, "unknown file type"));
  }
}

TEST_CASE("the demo's articles.json gives the five articles with their text files") {
  const fs::path folder = fs::path(FAHRAS_SOURCE_DIR) / "web_demo" / "articles";
  const outcome out = run({folder / "articles.json"}, on_bad_record::reject);
  CHECK(out.summary.ok);
  CHECK(out.diagnostics.empty());
  REQUIRE(out.ids() == std::vector<std::string>{"eurasia-shadow-alliance", "alhal-asia-tension",
                                                "erem-support-network", "hammurabi-treaty",
                                                "partnership-challenge"});
  const document& first = out.documents[0];
  CHECK(first.title == "روسيا وكوريا الشمالية وتأسيس نظام دولي مضاد للهيمنة الغربية");
  CHECK(first.text == read_bytes(folder / "000_14666f8c06eddbdd.txt"));
  CHECK(first.fields == fields_t{{"source", "مركز الدراسات العربية الأوراسية"},
                                 {"date", "2025-06-23"},
                                 {"url", "https://eurasiaar.org/"}});
  CHECK(out.documents[4].text == read_bytes(folder / "004_89ddcd5aa2687990.txt"));
}

TEST_CASE("large files are streamed: documents arrive with a running byte count") {
  temp_dir dir("stream");
  const int records = 5000;
  std::ostringstream lines;
  std::ostringstream array;
  array << "[\n";
  for (int i = 0; i < records; ++i) {
    const std::string record = "{\"id\": \"doc-" + std::to_string(i) +
                               "\", \"title\": \"عنوان\", \"text\": \"نص طويل بعض الشيء رقم " +
                               std::to_string(i) + "\"}";
    lines << record << '\n';
    array << (i == 0 ? "  " : ", ") << record << '\n';
  }
  array << "]\n";
  for (const auto& input :
       {std::pair<std::string, std::string>{"big.jsonl", lines.str()}, {"big.json", array.str()}}) {
    const std::string& name = input.first;
    const std::string& content = input.second;
    CAPTURE(name);
    const fs::path file = dir.path / name;
    std::ofstream(file, std::ios::binary) << content;
    const outcome out = run({file});
    REQUIRE(out.documents.size() == static_cast<std::size_t>(records));
    CHECK(out.documents.back().id == "doc-4999");
    const std::uint64_t size = content.size();
    CHECK(out.summary.bytes_read == size);
    CHECK(out.progress.front().bytes_total == size);
    // The first document is handed over long before the file has been read.
    CHECK(out.progress.front().bytes_read < size / 100);
    CHECK(out.progress.front().documents == 1);
    const bool increasing = std::adjacent_find(out.progress.begin(), out.progress.end(),
                                               [](const auto& a, const auto& b) {
                                                 return a.bytes_read >= b.bytes_read;
                                               }) == out.progress.end();
    CHECK(increasing);
    CHECK(out.progress.back().documents == static_cast<std::size_t>(records));
  }
}

TEST_CASE("regression #9.7: metadata numbers keep the text they have in the file") {
  temp_dir dir("numbers");
  std::ofstream(dir.path / "n.jsonl")
      << R"({"id": "n", "title": "t", "e": 1e2, "big": 12345678901234567890123, "nz": -0,)"
      << R"( "neg": -5, "zero": 0, "f": 2.50, "u64": 18446744073709551615, "E": -1.5E-7})" << '\n';
  const outcome out = run({dir.path / "n.jsonl"}, on_bad_record::reject);
  CHECK(out.diagnostics.empty());
  REQUIRE(out.documents.size() == 1);
  CHECK(out.doc("n").fields == fields_t{{"e", "1e2"},
                                        {"big", "12345678901234567890123"},
                                        {"nz", "-0"},
                                        {"neg", "-5"},
                                        {"zero", "0"},
                                        {"f", "2.50"},
                                        {"u64", "18446744073709551615"},
                                        {"E", "-1.5E-7"}});
}

TEST_CASE("regression #9.7: a number beyond a double's range is a bad record with its line") {
  temp_dir dir("overflow");
  std::ofstream(dir.path / "o.jsonl") << R"({"id": "a", "text": "x"})" << '\n'
                                      << R"({"id": "b", "text": "x", "n": 1e400})" << '\n'
                                      << R"({"id": "c", "text": "x"})" << '\n';
  std::ofstream(dir.path / "o.json") << "[\n"
                                     << R"({"id": "d", "text": "x"},)" << '\n'
                                     << R"({"id": "e",)" << '\n'
                                     << R"( "n": -1e999})"
                                     << "\n]\n";
  const outcome out = run({dir.path / "o.jsonl", dir.path / "o.json"}, on_bad_record::skip);
  CHECK(out.summary.ok);
  CHECK(out.ids() == std::vector<std::string>{"a", "c", "d"});
  const auto errors = out.of(severity::error);
  REQUIRE(errors.size() == 2);
  CHECK(ends_with(errors[0].file, "o.jsonl"));
  CHECK(errors[0].line == 2);
  CHECK(contains(errors[0].message, "number overflow parsing '1e400'"));
  CHECK(ends_with(errors[1].file, "o.json"));
  CHECK(errors[1].line == 4);
  CHECK(contains(errors[1].message, "element [1]: invalid JSON at column"));

  const outcome rejected = run({dir.path / "o.jsonl"}, on_bad_record::reject);
  CHECK_FALSE(rejected.summary.ok);
  CHECK(rejected.ids() == std::vector<std::string>{"a"});
}

TEST_CASE("regression #9.7: messages cut the input they echo") {
  temp_dir dir("long");
  const std::string huge(1 << 20, 'a');
  std::ofstream(dir.path / "l.jsonl")
      << R"({"id": "s", "text": ")" << huge << '\n'  // unclosed
      << R"({"id": ")" << huge << R"(", "text": "x"})" << '\n'
      << R"({"id": ")" << huge << R"(", "text": "x"})" << '\n'
      << R"({"id": "k", "text": "x", ")" << huge << R"(": []})" << '\n'
      << R"({"id": "n", "text": "x", "n": 1)" << std::string(1 << 20, '0') << "}\n";
  const outcome out = run({dir.path / "l.jsonl"}, on_bad_record::skip);
  const auto errors = out.of(severity::error);
  REQUIRE(errors.size() == 4);
  for (const diagnostic& e : errors) {
    CAPTURE(e.message.substr(0, 200));
    CHECK(e.message.size() < 300);
  }
  CHECK(contains(errors[0].message, "missing closing quote; last read: '\"aaaa"));
  CHECK(ends_with(errors[0].message, "aaa...'"));
  CHECK(contains(errors[1].message, "duplicate id \"aaaa"));
  CHECK(contains(errors[1].message, "...\" (first seen at "));
  CHECK(contains(errors[2].message, "field \"aaaa"));
  CHECK(contains(errors[3].message, "number overflow"));
}

TEST_CASE("regression #9.7: a key given twice makes the record bad") {
  temp_dir dir("twice");
  std::ofstream(dir.path / "k.jsonl") << R"({"id": "a", "text": "x", "id": "b"})" << '\n'
                                      << R"({"id": "c", "s": 1, "text": "x", "s": 2})" << '\n';
  const outcome out = run({dir.path / "k.jsonl"}, on_bad_record::skip);
  CHECK(out.documents.empty());
  REQUIRE(out.diagnostics.size() == 2);
  CHECK(out.diagnostics[0].message == "key \"id\" appears twice");
  CHECK(out.diagnostics[1].message == "key \"s\" appears twice");
}

TEST_CASE("regression #9.7: an unreadable input fails the ingestion, also with skip") {
  // /proc/self/mem cannot be read from its start (EIO), even by root, as a file and whatever
  // the link is called: an input that exists and cannot be read.
  temp_dir dir("unreadable");
  std::ofstream(dir.path / "good.jsonl") << R"({"id": "g", "text": "x"})" << '\n';
  fs::create_symlink("/proc/self/mem", dir.path / "mem.jsonl");
  fs::create_symlink("/proc/self/mem", dir.path / "mem.txt");
  for (const char* name : {"mem.jsonl", "mem.txt"}) {
    CAPTURE(name);
    for (const on_bad_record mode : {on_bad_record::skip, on_bad_record::reject}) {
      const outcome out = run({dir.path / name, dir.path / "good.jsonl"}, mode);
      CHECK_FALSE(out.summary.ok);
      CHECK(out.summary.unreadable_files == 1);
      CHECK(out.summary.bad_records == 0);
      REQUIRE(out.diagnostics.size() == 1);
      CHECK(out.diagnostics[0].level == severity::error);
      CHECK(out.diagnostics[0].line == 0);
      // skip goes on and reports what else is wrong; the run has failed all the same.
      CHECK(out.ids().size() == (mode == on_bad_record::skip ? 1u : 0u));
    }
  }
}

TEST_CASE("regression #9.7: a file name that is not UTF-8 gives an id with U+FFFD, reported") {
  temp_dir dir("names");
  const std::string bad_name = "caf\xE9-\xFF.txt";
  std::ofstream(dir.path / bad_name) << "عنوان\nنص\n";
  const outcome out = run({dir.path}, on_bad_record::reject);
  CHECK(out.summary.ok);
  REQUIRE(out.documents.size() == 1);
  CHECK(out.documents[0].id == "caf\uFFFD-\uFFFD.txt");
  CHECK(fahras::test::is_valid_utf8(out.documents[0].id));
  const auto warnings = out.of(severity::warning);
  REQUIRE(warnings.size() == 1);
  CHECK(contains(warnings[0].message, "file name is not valid UTF-8"));

  // The id is what a JavaScript caller (or a JSON reader) sees and asks for again.
  fahras::index_builder builder;
  builder.add(out.documents[0]);
  const fahras::index idx = builder.build().value();
  CHECK(idx.find_document(out.documents[0].id).has_value());
}
}  // TEST_SUITE("ingest")
