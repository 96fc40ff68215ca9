// The WebAssembly build gives exactly what the native build gives: same index bytes, same
// hits in the same order with the same scores, totals, snippets and highlight spans.
// SPDX-License-Identifier: MIT
//
// Native answers come from programs built from the same headers (native.mjs builds them):
// fahras-parity, which calls the library directly, and the project's CLI (`fahras index`,
// `fahras search --json`, `fahras search --queries`). Their offsets are bytes; the tests
// convert them with Node's own UTF-8 decoder (helpers.mjs), not with the module's code.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

import { articles, loadFahras, random, repoRoot, utf16Offset, utf16Spans } from "./helpers.mjs";
import { nativeAnswers, nativeTools, runNative } from "./native.mjs";

let fahras;
let tools;
const work = mkdtempSync(join(tmpdir(), "fahras-parity-"));

before(async () => {
  tools = nativeTools();
  fahras = await loadFahras();
});
after(() => rmSync(work, { recursive: true, force: true }));

const writeJsonl = (path, docs) => writeFileSync(path, docs.map((d) => JSON.stringify(d)).join("\n") + "\n");
const readJsonl = (path) => readFileSync(path, "utf8").split("\n").filter((l) => l).map((l) => JSON.parse(l));

// --- one request, through the JavaScript API and through fahras-parity ---------------------

function pick(r, names) {
  const o = {};
  for (const n of names) if (r[n] !== undefined) o[n] = r[n];
  return o;
}

function viaWasm(idx, r) {
  switch (r.op) {
    case "search": {
      const { tookMs, ...rest } = idx.search(r.q, pick(r, ["limit", "offset", "prefix", "typoFallback", "filters", "snippetWords"]));
      assert.equal(typeof tookMs, "number");
      return rest;
    }
    case "document": return idx.document(r.id, r.q, pick(r, ["prefix"]));
    case "facets": return idx.facets(r.q, pick(r, ["fields", "prefix", "typoFallback", "filters"]));
    case "kwic": return idx.kwic(r.q, pick(r, ["width", "limit"]));
    case "frequencies": return idx.frequencies(pick(r, ["by", "top", "skipStopwords"]));
    case "collocates": return idx.collocates(r.q, pick(r, ["window", "top", "minCount"]));
    case "stats": return idx.stats();
    case "analyze": return fahras.analyze(r.text);
    case "normalize": return fahras.normalize(r.text);
  }
  throw new Error(`unknown op ${r.op}`);
}

// A native answer in the JavaScript API's shape: byte offsets become UTF-16 offsets.
function fromNative(r, answer, textOf) {
  switch (r.op) {
    case "search":
      for (const h of answer.hits) {
        h.snippet.start = utf16Offset(textOf.get(h.id), h.snippet.start);
        h.snippet.highlights = utf16Spans(h.snippet.text, h.snippet.highlights);
        h.titleHighlights = utf16Spans(h.fields.title, h.titleHighlights);
      }
      return answer;
    case "document":
      if (answer === null) return null;
      answer.highlights = utf16Spans(answer.fields.text ?? "", answer.highlights);
      answer.titleHighlights = utf16Spans(answer.fields.title, answer.titleHighlights);
      return answer;
    case "kwic":
      return answer.map((l) => ({ ...l, start: utf16Offset(textOf.get(l.id), l.start), end: utf16Offset(textOf.get(l.id), l.end) }));
    case "analyze":
      return answer.map((t) => {
        const start = utf16Offset(r.text, t.start);
        const end = utf16Offset(r.text, t.end);
        return { text: r.text.slice(start, end), start, end, normalized: t.normalized, stem: t.stem };
      });
    default:
      return answer;
  }
}

// Scores may differ in the last bits: musl's log() (in the module) and glibc's (native) are
// both within an ulp of the truth, not always the same ulp. Everything else must be equal.
const SCORE_TOLERANCE = 1e-12;

function alignScores(wasm, native, where) {
  if (wasm === null || native === null || typeof wasm !== "object" || typeof native !== "object") return;
  for (const key of Object.keys(wasm)) {
    if (key === "score" && typeof wasm.score === "number" && typeof native.score === "number") {
      const scale = Math.max(1, Math.abs(native.score));
      assert.ok(Math.abs(wasm.score - native.score) <= SCORE_TOLERANCE * scale,
        `${where}: score ${wasm.score} (wasm) vs ${native.score} (native)`);
      wasm.score = native.score;
    } else if (key in native) {
      alignScores(wasm[key], native[key], where);
    }
  }
}

function assertParity(idx, indexPath, requests, textOf) {
  const native = nativeAnswers(indexPath, requests);
  let hits = 0;
  requests.forEach((r, i) => {
    const wasm = viaWasm(idx, r);
    const expected = fromNative(r, native[i], textOf);
    alignScores(wasm, expected, JSON.stringify(r));
    assert.deepEqual(wasm, expected, JSON.stringify(r));
    if (r.op === "search") hits += wasm.hits.length;
  });
  return hits;
}

function searchRequests(queries) {
  return queries.flatMap((q) => [
    { op: "search", q },
    { op: "search", q, limit: 3, offset: 1, snippetWords: 12 },
    { op: "search", q, prefix: true, limit: 1000 },
    { op: "search", q, prefix: true, typoFallback: false, limit: 5 },
    { op: "facets", q },
    { op: "facets", q, prefix: true, fields: ["source"] },
    { op: "search", q, snippetWords: 0, limit: 50 },
  ]);
}

// --- the five bundled articles ---------------------------------------------------------------

describe("the bundled articles", () => {
  const docs = articles();
  const textOf = new Map(docs.map((d) => [d.id, d.text]));
  const jsonl = join(work, "articles.jsonl");
  const nativeIndex = join(work, "articles.fahras");
  let idx;

  before(() => {
    writeJsonl(jsonl, docs);
    runNative(tools.parity, ["build", jsonl, nativeIndex]);
    idx = fahras.buildIndex(docs);
  });

  const queries = [
    "كوريا", "روسيا", "كوريا الشمالية", '"كوريا الشمالية"', "روسيا -العقوبات", "بوتين OR كيم",
    "العقوبات", "الشمالبة", "في", "في كوريا", "كور", "الاستراتيجية الشاملة", "source:إرم",
    "date:2024", "معاهده", "الأسلحة النووية", "اوكرانيا", "الصين واليابان", "", '"كوريا',
    "كوريا*", "ترامب", "مجلس الأمن الدولي", "الولايات المتحدة الأميركية", "بيونغ يانغ",
    "source:\"الحل نت\" كوريا", "-روسيا", "روسيا OR", "وكوريا", "الكوري", "كيم جونغ أون",
  ];

  it("builds byte-identical indexes", () => {
    assert.deepEqual(idx.toBytes(), new Uint8Array(readFileSync(nativeIndex)));
  });

  it("searches identically: totals, order, scores, snippets, highlights, notes", () => {
    // Plus a word from every few hundred of the articles' own tokens.
    const sampled = docs.flatMap((d) => fahras.analyze(d.text).filter((_, i) => i % 211 === 0).map((t) => t.text));
    const requests = searchRequests([...queries, ...sampled]);
    requests.push({ op: "search", q: "كوريا", filters: { source: "الحل نت" } },
      { op: "search", q: "الشراكة", filters: { date: "2024" }, limit: 2 });
    const hits = assertParity(idx, nativeIndex, requests, textOf);
    assert.ok(hits > 500, `compared ${hits} hits`);
  });

  it("answers document, kwic, frequencies, collocates and stats identically", () => {
    const requests = [{ op: "stats" }, { op: "document", id: "no-such-id" }];
    for (const d of docs) {
      requests.push({ op: "document", id: d.id });
      for (const q of ["كوريا", '"كوريا الشمالية"', "الشراكة الاستراتيجية", "روسيا OR الصين"]) requests.push({ op: "document", id: d.id, q });
      for (const q of ["حمور", "الشراكة الاستراتيج", "روسبا"]) requests.push({ op: "document", id: d.id, q, prefix: true });
    }
    for (const q of ["كوريا", "روسيا", '"كوريا الشمالية"', "العقوبات", "بوتين", "لاشيء"]) {
      requests.push({ op: "kwic", q }, { op: "kwic", q, width: 15, limit: 7 });
      requests.push({ op: "collocates", q }, { op: "collocates", q, window: 2, top: 10, minCount: 3 });
    }
    for (const by of ["surface", "normalized", "stem"]) {
      for (const skipStopwords of [true, false]) requests.push({ op: "frequencies", by, top: 40, skipStopwords });
    }
    requests.push({ op: "frequencies" }, { op: "frequencies", top: 100000 });
    assertParity(idx, nativeIndex, requests, textOf);
  });

  it("analyzes and normalizes identically", () => {
    const texts = docs.flatMap((d) => [d.title, ...d.text.split("\n\n")]);
    texts.push("😀 وَالعُقُوبَاتُ 𝕏", "ﷺ ﻻ الرحـــمن", "\uFFFD٢٠٢٤ ABC Ünïcödé", "");
    const requests = texts.flatMap((text) => [{ op: "analyze", text }, { op: "normalize", text }]);
    assertParity(idx, null, requests, textOf);
  });

  it("loads the native index and answers as the index it built", () => {
    const loaded = fahras.loadIndex(readFileSync(nativeIndex));
    for (const q of queries) assert.deepEqual(loaded.search(q, { limit: 20 }).hits, idx.search(q, { limit: 20 }).hits, q);
    loaded.dispose();
  });
});

// --- a generated corpus ----------------------------------------------------------------------

describe("a generated 1 MB corpus", () => {
  const corpus = join(work, "gen.jsonl");
  const queryFile = join(work, "gen-queries.txt");
  const nativeIndex = join(work, "gen.fahras");
  let docs;
  let queries;
  let textOf;
  let idx;

  before(() => {
    runNative(tools.genCorpus, ["--mb", "1", "--seed", "11", "-o", corpus, "--queries", "150", "-q", queryFile]);
    docs = readJsonl(corpus);
    queries = readFileSync(queryFile, "utf8").split("\n").filter((q) => q);
    textOf = new Map(docs.map((d) => [d.id, d.text]));
    runNative(tools.parity, ["build", corpus, nativeIndex]);
    idx = fahras.buildIndex(docs);
  });

  it("builds byte-identical indexes", () => {
    assert.ok(docs.length > 100 && queries.length === 150);
    assert.deepEqual(idx.toBytes(), new Uint8Array(readFileSync(nativeIndex)));
  });

  it("runs the generator's queries identically", () => {
    const requests = queries.flatMap((q) => [
      { op: "search", q, limit: 20 },
      { op: "search", q, prefix: true, limit: 5, snippetWords: 0 },
    ]);
    const hits = assertParity(idx, nativeIndex, requests, textOf);
    assert.ok(hits > 500, `compared ${hits} hits`);
  });

  it("answers the corpus tools identically", () => {
    const next = random(5);
    const requests = [{ op: "stats" }, { op: "frequencies" }, { op: "frequencies", by: "surface", top: 200 },
      { op: "frequencies", by: "normalized", top: 200, skipStopwords: false }];
    for (const q of queries.slice(0, 8)) requests.push({ op: "kwic", q, limit: 50 }, { op: "collocates", q, minCount: 1 });
    for (let i = 0; i < 20; i++) {
      requests.push({ op: "document", id: docs[Math.floor(next() * docs.length)].id, q: queries[i] });
    }
    assertParity(idx, nativeIndex, requests, textOf);
  });
});

// --- the project's CLI -----------------------------------------------------------------------

describe("the fahras CLI", () => {
  const articlesJson = join(repoRoot, "web_demo/articles/articles.json");

  // `fahras search --json`: the JavaScript API's SearchResult with byte offsets, plus "q".
  function cliSearch(indexPath, q, limit, textOf) {
    const { q: echoed, ...out } = JSON.parse(runNative(tools.cli, ["search", indexPath, q, "--json", "--limit", String(limit)]));
    assert.equal(echoed, q);
    for (const h of out.hits) {
      h.snippet.start = utf16Offset(textOf.get(h.id), h.snippet.start);
      h.snippet.highlights = utf16Spans(h.snippet.text, h.snippet.highlights);
      h.titleHighlights = utf16Spans(h.fields.title, h.titleHighlights);
    }
    return out;
  }

  it("indexes the articles into the bytes the module builds, and searches them identically", () => {
    const cliIndex = join(work, "articles-cli.fahras");
    runNative(tools.cli, ["index", "--quiet", "-o", cliIndex, articlesJson]);
    const docs = articles();
    const textOf = new Map(docs.map((d) => [d.id, d.text]));
    const idx = fahras.buildIndex(docs);
    assert.deepEqual(idx.toBytes(), new Uint8Array(readFileSync(cliIndex)));
    for (const q of ["كوريا", '"كوريا الشمالية"', "الشمالبة", "في كوريا", "بوتين OR كيم", "العقوبات -الصين", "مساعدة روسيا لكوريا الشمالية في إطلاق الأقمار الصناعية", ""]) {
      const { tookMs, ...wasm } = idx.search(q, { limit: 10 });
      const cli = cliSearch(cliIndex, q, 10, textOf);
      alignScores(wasm, cli, q);
      assert.deepEqual(wasm, cli, q);
    }
    idx.dispose();
  });

  it("keeps invalid UTF-8 of a text file as one U+FFFD per byte, with offsets to match", () => {
    const file = join(work, "broken.txt");
    writeFileSync(file, Buffer.concat([Buffer.from("عنوان\nكوريا "), Buffer.from([0xff, 0xe0, 0xa0]),
      Buffer.from(" كوريا"), Buffer.from([0xc3]), Buffer.from("روسيا\n")]));
    const cliIndex = join(work, "broken.fahras");
    runNative(tools.cli, ["index", "--quiet", "-o", cliIndex, file]);
    const idx = fahras.loadIndex(readFileSync(cliIndex));
    const view = idx.document("broken.txt", "كوريا OR روسيا");
    const text = "عنوان\nكوريا \uFFFD\uFFFD\uFFFD كوريا\uFFFDروسيا\n";
    assert.equal(view.fields.text, text);
    assert.deepEqual(view.highlights.map(([s, e]) => text.slice(s, e)), ["كوريا", "كوريا", "روسيا"]);
    const hit = idx.search("روسيا").hits[0];
    assert.deepEqual(hit.snippet.highlights.map(([s, e]) => hit.snippet.text.slice(s, e)), ["روسيا"]);
    idx.dispose();
  });

  it("indexes a generated corpus identically and gives the same ids and totals for its queries", () => {
    const corpus = join(work, "cli-gen.jsonl");
    const queryFile = join(work, "cli-gen-queries.txt");
    const cliIndex = join(work, "cli-gen.fahras");
    runNative(tools.genCorpus, ["--mb", "1", "--seed", "23", "-o", corpus, "--queries", "200", "-q", queryFile]);
    runNative(tools.cli, ["index", "--quiet", "-o", cliIndex, corpus]);
    const idx = fahras.buildIndex(readJsonl(corpus));
    assert.deepEqual(idx.toBytes(), new Uint8Array(readFileSync(cliIndex)));
    const out = runNative(tools.cli, ["search", cliIndex, "--queries", queryFile, "--limit", "10"]);
    const answers = out.split("\n").filter((l) => l).map((l) => JSON.parse(l));
    const queries = readFileSync(queryFile, "utf8").split("\n").filter((q) => q);
    assert.equal(answers.length, queries.length);
    answers.forEach((a, i) => {
      assert.equal(a.q, queries[i]);
      const r = idx.search(a.q, { limit: 10, snippetWords: 0 });
      assert.deepEqual({ ids: r.hits.map((h) => h.id), total: r.total, partial: r.partial },
        { ids: a.ids, total: a.total, partial: a.partial }, a.q);
    });
    idx.dispose();
  });
});
