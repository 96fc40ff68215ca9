// The JavaScript API of fahras.mjs, call by call, against fahras.d.ts.
// SPDX-License-Identifier: MIT
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "node:test";

import { articles, importModule, isFahrasError, loadFahras, repoRoot, wasmBinary } from "./helpers.mjs";

let fahras;
let index;
const docs = articles();
const textOf = new Map(docs.map((d) => [d.id, d.text]));

before(async () => {
  fahras = await loadFahras();
  index = fahras.buildIndex(docs);
});

// Each highlight must cover one whole word that matches the query word by stem.
function assertHighlightsMatch(text, highlights, queryStem) {
  let last = -1;
  for (const [start, end] of highlights) {
    assert.ok(start > last && end > start && end <= text.length, `span [${start}, ${end}) in order and in range`);
    last = end;
    const tokens = fahras.analyze(text.slice(start, end));
    assert.equal(tokens.length, 1, `one word at [${start}, ${end}): ${text.slice(start, end)}`);
    assert.equal(tokens[0].stem, queryStem);
  }
}

describe("module", () => {
  it("exports createFahras as default and named export", async () => {
    const m = await importModule();
    assert.equal(typeof m.createFahras, "function");
    assert.equal(m.default, m.createFahras);
  });

  it("has every member fahras.d.ts declares", () => {
    const dts = readFileSync(join(repoRoot, "wasm/fahras.d.ts"), "utf8");
    const members = (name) => {
      const body = dts.match(new RegExp(`export interface ${name} \\{([\\s\\S]*?)\\n\\}`))[1];
      return [...body.matchAll(/^ {2}(\w+)[(?:]/gm)].map((m) => m[1]);
    };
    assert.deepEqual(members("Fahras").sort(), ["analyze", "buildIndex", "loadIndex", "normalize", "openCollection", "version"]);
    for (const m of members("Fahras")) assert.ok(m in fahras, m);
    const indexMembers = members("FahrasIndex");
    assert.equal(indexMembers.length, 10);
    for (const m of indexMembers) assert.equal(typeof index[m], "function", m);
  });

  it("exports FahrasError as a class, so that instanceof tells its errors apart", async () => {
    const { FahrasError } = await importModule();
    assert.equal(typeof FahrasError, "function");
    assert.throws(() => index.search(42), (e) => e instanceof FahrasError && e instanceof Error && e.code === "invalid_argument");
    assert.throws(() => fahras.loadIndex(new Uint8Array(8)), (e) => e instanceof FahrasError && e.code === "bad_magic");
    const own = new FahrasError("fahras: mine", "custom", 3);
    assert.deepEqual([own.name, own.message, own.code, own.offset], ["FahrasError", "fahras: mine", "custom", 3]);
    const other = await loadFahras();  // one class for every instance of the module
    assert.throws(() => other.normalize(null), (e) => e instanceof FahrasError);
  });

  it("disposes of an index at the end of a block with Symbol.dispose", () => {
    assert.equal(typeof Symbol.dispose, "symbol", "this Node has Symbol.dispose");
    const idx = fahras.buildIndex([{ id: "x", text: "كوريا" }]);
    assert.equal(idx[Symbol.dispose], idx.dispose);
    idx[Symbol.dispose]();  // what `using idx = ...` calls when the block ends
    assert.throws(() => idx.search("كوريا"), (e) => isFahrasError(e, "disposed"));
  });

  it("a call whose options dispose of the index (a getter) is refused, not run on freed memory", () => {
    const calls = {
      search: (idx, o) => idx.search("كوريا", o),
      document: (idx, o) => idx.document("x", "كوريا", o),
      facets: (idx, o) => idx.facets("كوريا", o),
      kwic: (idx, o) => idx.kwic("كوريا", o),
      frequencies: (idx, o) => idx.frequencies(o),
      collocates: (idx, o) => idx.collocates("كوريا", o),
    };
    for (const [name, run] of Object.entries(calls)) {
      const idx = fahras.buildIndex([{ id: "x", text: "كوريا الشمالية" }]);
      const dispose = () => idx.dispose();
      const options = { get prefix() { dispose(); }, get top() { dispose(); }, get width() { dispose(); } };
      assert.throws(() => run(idx, options), (e) => isFahrasError(e, "disposed"), name);
    }
    assert.equal(index.search("كوريا").total, 5, "the module is fine afterwards");
  });

  it("a filter of the options that no document can meet leaves none, not all", () => {
    for (const value of ["!!!", "ـ", "😀", "\ud800"]) {
      assert.equal(index.search("كوريا", { filters: { source: value } }).total, 0, value);
      assert.deepEqual(index.facets("", { fields: ["source"], filters: { source: value } }), { source: {} }, value);
    }
  });

  it("reports the library version", () => {
    const header = readFileSync(join(repoRoot, "include/fahras/version.hpp"), "utf8");
    assert.equal(fahras.version, header.match(/version_string = "([^"]+)"/)[1]);
  });

  it("makes independent instances", async () => {
    const other = await loadFahras();
    const small = other.buildIndex([{ id: "x", text: "كوريا" }]);
    assert.equal(small.stats().documents, 1);
    assert.equal(index.stats().documents, 5);
    small.dispose();
  });

  it("asks locateFile for fahras.wasm with the folder of fahras.mjs as prefix", async () => {
    const { default: createFahras } = await importModule();
    const calls = [];
    await createFahras({ wasmBinary: wasmBinary(), locateFile: (path, prefix) => (calls.push([path, prefix]), prefix + path) });
    const { moduleUrl } = await import("./helpers.mjs");
    assert.deepEqual(calls, [["fahras.wasm", new URL(".", moduleUrl).href]]);
  });
});

describe("normalize", () => {
  it("folds letters and removes marks, as the C++ normalize", () => {
    assert.equal(fahras.normalize("أحمد"), "احمد");
    assert.equal(fahras.normalize("ٱلرَّحۡمَٰنِ"), "الرحمن");
    assert.equal(fahras.normalize("الرحـــمن"), "الرحمن");
    assert.equal(fahras.normalize("مدرسة"), "مدرسه");
    assert.equal(fahras.normalize("٢٠٢٤"), "2024");
    assert.equal(fahras.normalize(""), "");
  });

  it("is idempotent", () => {
    const once = fahras.normalize(docs[0].text);
    assert.equal(fahras.normalize(once), once);
  });
});

describe("analyze", () => {
  it("gives each token its original text, UTF-16 span, normalized form and stem", () => {
    const text = "قرأ الولدُ وَالعُقُوبَاتُ";
    const tokens = fahras.analyze(text);
    assert.equal(tokens.length, 3);
    assert.deepEqual(tokens[2], { text: "وَالعُقُوبَاتُ", start: 11, end: 25, normalized: "والعقوبات", stem: "عقوب" });
    for (const t of tokens) assert.equal(text.slice(t.start, t.end), t.text);
  });

  it("gives nothing for text without words", () => {
    assert.deepEqual(fahras.analyze(""), []);
    assert.deepEqual(fahras.analyze(" ،.؟! "), []);
  });
});

describe("search", () => {
  it("fills a short page with documents that have most of the words, counted apart (softAnd)", () => {
    const idx = fahras.buildIndex([
      { id: "all", text: "روسيا وكوريا والعقوبات والصواريخ" },
      { id: "three", text: "روسيا وكوريا والعقوبات" },
      { id: "two", text: "روسيا وكوريا" },
    ]);
    const q = "روسيا كوريا العقوبات الصواريخ";
    const r = idx.search(q, { snippetWords: 0 });
    assert.equal(r.total, 1);
    assert.equal(r.partial, 1);
    assert.deepEqual(r.hits.map((h) => h.id), ["all", "three"]);
    assert.deepEqual(r.notes, [{ kind: "partial", word: "", expansions: [], written: [] }]);
    const none = idx.search("روسيا كوريا العقوبات اليابان", { snippetWords: 0 });
    assert.deepEqual([none.total, none.partial, none.hits.map((h) => h.id)], [0, 2, ["three", "all"]]);
    const strict = idx.search(q, { snippetWords: 0, softAnd: false });
    assert.deepEqual([strict.total, strict.partial, strict.hits.map((h) => h.id), strict.notes], [1, 0, ["all"], []]);
    assert.throws(() => idx.search(q, { softAnd: "no" }), (e) => isFahrasError(e, "invalid_argument"));
    idx.dispose();
  });

  it("returns total, tookMs, hits and notes, best first", () => {
    const r = index.search("كوريا");
    assert.deepEqual(Object.keys(r), ["total", "partial", "tookMs", "hits", "notes"]);
    assert.equal(r.total, 5);
    assert.equal(r.partial, 0);
    assert.equal(typeof r.tookMs, "number");
    assert.ok(r.tookMs >= 0);
    assert.equal(r.hits.length, 5);
    for (let i = 1; i < r.hits.length; i++) assert.ok(r.hits[i - 1].score >= r.hits[i].score);
    assert.deepEqual(r.notes, []);
  });

  it("gives each hit its id, score, stored fields without the text, snippet and title highlights", () => {
    const hit = index.search("كوريا").hits[0];
    const doc = docs.find((d) => d.id === hit.id);
    assert.deepEqual(Object.keys(hit), ["id", "score", "fields", "snippet", "titleHighlights"]);
    assert.deepEqual(Object.keys(hit.snippet), ["text", "start", "wordsBefore", "wordsAfter", "highlights"]);
    assert.ok(hit.score > 0);
    assert.deepEqual(hit.fields, { title: doc.title, source: doc.source, date: doc.date, url: doc.url });
    assert.equal(doc.text.slice(hit.snippet.start, hit.snippet.start + hit.snippet.text.length), hit.snippet.text,
      "the snippet is the slice of the text at start");
    assert.equal(hit.snippet.wordsBefore, fahras.analyze(doc.text.slice(0, hit.snippet.start)).length > 0);
    assert.equal(hit.snippet.wordsAfter,
      fahras.analyze(doc.text.slice(hit.snippet.start + hit.snippet.text.length)).length > 0);
    assert.ok(hit.snippet.highlights.length > 0);
    assertHighlightsMatch(hit.snippet.text, hit.snippet.highlights, "كوريا");
    assertHighlightsMatch(hit.fields.title, hit.titleHighlights, "كوريا");
    assert.ok(hit.titleHighlights.length > 0);
  });

  it("pages with limit and offset", () => {
    const all = index.search("روسيا", { limit: 1000 });
    const ids = all.hits.map((h) => h.id);
    const paged = [];
    for (let offset = 0; offset < all.total; offset += 2) {
      const page = index.search("روسيا", { limit: 2, offset });
      assert.equal(page.total, all.total);
      assert.ok(page.hits.length <= 2);
      paged.push(...page.hits.map((h) => h.id));
    }
    assert.deepEqual(paged, ids);
    assert.deepEqual(index.search("روسيا", { limit: 0 }).hits, []);
    assert.equal(index.search("روسيا", { limit: 0 }).total, all.total);
    assert.deepEqual(index.search("روسيا", { offset: 99 }).hits, []);
  });

  it("defaults to 10 hits and caps limit at 1000", () => {
    const many = fahras.buildIndex(Array.from({ length: 1200 }, (_, i) => ({ id: `d${i}`, text: "كتاب" })));
    assert.equal(many.search("كتاب").hits.length, 10);
    const r = many.search("كتاب", { limit: 5000, snippetWords: 0 });
    assert.equal(r.total, 1200);
    assert.equal(r.hits.length, 1000);
    assert.equal(many.search("كتاب", { limit: 7.9 }).hits.length, 7);
    many.dispose();
  });

  it("completes the last word with prefix: true and says so", () => {
    const r = index.search("الشمال", { prefix: true });
    const note = r.notes.find((n) => n.kind === "prefix");
    assert.ok(note, JSON.stringify(r.notes));
    assert.equal(note.word, "الشمال");
    assert.ok(note.expansions.length > 0);
    assert.ok(r.total >= index.search("الشمال").total);
    assert.equal(index.search("الشمال ", { prefix: true }).notes.some((n) => n.kind === "prefix"), false,
      "a trailing space ends the word being typed");
  });

  it("filters on metadata", () => {
    const r = index.search("كوريا", { filters: { source: "إرم نيوز" } });
    assert.deepEqual(r.hits.map((h) => h.id), ["erem-support-network"]);
    assert.equal(index.search("كوريا", { filters: { source: "لا يوجد" } }).total, 0);
    assert.deepEqual(index.search("كوريا", { filters: {} }).hits.map((h) => h.id),
      index.search("كوريا").hits.map((h) => h.id));
  });

  it("leaves the stored fields out with fields: false, and nothing else", () => {
    for (const options of [{}, { snippetWords: 0 }]) {
      const full = index.search("كوريا روسيا", options);
      const bare = index.search("كوريا روسيا", { ...options, fields: false });
      assert.ok(full.hits.length > 0 && full.hits.every((h) => Object.keys(h.fields).length > 0));
      for (const h of bare.hits) assert.deepEqual(h.fields, {});
      const withoutFields = (r) => ({ ...r, tookMs: 0, hits: r.hits.map((h) => ({ ...h, fields: {} })) });
      assert.deepEqual(withoutFields(bare), withoutFields(full), JSON.stringify(options));
    }
    assert.ok(index.search("كوريا", { fields: false }).hits.some((h) => h.titleHighlights.length > 0),
      "title highlights without the title returned");
    assert.throws(() => index.search("كوريا", { fields: "no" }), (e) => isFahrasError(e, "invalid_argument"));
  });

  it("sizes snippets with snippetWords; 0 leaves snippets and highlights out", () => {
    const none = index.search("كوريا", { snippetWords: 0 });
    for (const h of none.hits) {
      assert.deepEqual(h.snippet, { text: "", start: 0, wordsBefore: false, wordsAfter: false, highlights: [] });
      assert.deepEqual(h.titleHighlights, []);
    }
    const short = index.search("كوريا", { snippetWords: 3 });
    for (const h of short.hits) assert.ok(fahras.analyze(h.snippet.text).length <= 3, h.snippet.text);
    const long = index.search("كوريا", { snippetWords: 60 });
    for (const h of long.hits) assert.ok(fahras.analyze(h.snippet.text).length > 30);
  });

  it("notes ignored stopwords and typo corrections", () => {
    const stop = index.search("في كوريا");
    assert.deepEqual(stop.notes, [{ kind: "stopword", word: "في", expansions: [], written: [] }]);
    const typo = index.search("الشمالبة");
    assert.equal(typo.notes.length, 1);
    assert.equal(typo.notes[0].kind, "typo");
    assert.equal(typo.notes[0].word, "الشمالبة");
    assert.ok(typo.notes[0].expansions.includes("الشماليه"));
    assert.ok(typo.total > 0);
    // The words to show are written as the articles write them, not as search keys.
    const { expansions, written } = typo.notes[0];
    assert.equal(written.length, expansions.length);
    assert.equal(written[expansions.indexOf("الشماليه")], "الشمالية");
    for (const [i, w] of written.entries()) {
      assert.equal(fahras.normalize(w), expansions[i]);
      assert.ok(docs.some((d) => d.text.includes(w) || d.title.includes(w)), `${w} is in the articles`);
    }
  });

  it("corrects the word being typed when it completes to nothing, unless typoFallback is false", () => {
    for (const q of ["روسبا", "الشمالبة", "بيونع"]) {
      const r = index.search(q, { prefix: true });
      assert.ok(r.total > 0, `${q} typed last finds something`);
      assert.deepEqual(r.notes.map((n) => [n.kind, n.word]), [["typo", q]]);
      const plain = index.search(q, { prefix: true, typoFallback: false });
      assert.equal(plain.total, 0);
      assert.deepEqual(plain.notes.map((n) => n.kind), ["prefix"]);
    }
    assert.ok(index.search("بيونج يانج", { prefix: true }).total > 0);
    assert.throws(() => index.search("x", { typoFallback: 1 }), (e) => isFahrasError(e, "invalid_argument"));
  });

  it("supports phrases, exclusion and OR", () => {
    const phrase = index.search('"كوريا الشمالية"');
    assert.equal(phrase.total, 5);
    for (const h of phrase.hits) assert.ok(h.snippet.highlights.length >= 2);
    const either = index.search("بوتين OR كيم", { limit: 10 });
    const both = new Set([...index.search("بوتين", { limit: 10 }).hits, ...index.search("كيم", { limit: 10 }).hits].map((h) => h.id));
    assert.deepEqual(new Set(either.hits.map((h) => h.id)), both);
    const excluded = index.search("كوريا -بوتين");
    for (const h of excluded.hits) assert.ok(!textOf.get(h.id).includes("بوتين"));
  });

  it("returns nothing for a query with no words", () => {
    for (const q of ["", "   ", "،،", "-", '""']) {
      const r = index.search(q);
      assert.equal(r.total, 0, q);
      assert.deepEqual(r.hits, []);
    }
  });
});

describe("document", () => {
  it("returns every stored field and every match of the query", () => {
    const doc = docs[3];
    const view = index.document(doc.id, "الشراكة");
    assert.deepEqual(Object.keys(view), ["id", "fields", "highlights", "titleHighlights"]);
    assert.equal(view.id, doc.id);
    assert.deepEqual(view.fields, { title: doc.title, text: doc.text, source: doc.source, date: doc.date, url: doc.url });
    const stem = fahras.analyze("الشراكة")[0].stem;
    assertHighlightsMatch(doc.text, view.highlights, stem);
    assertHighlightsMatch(doc.title, view.titleHighlights, stem);
    // Every occurrence, not just a snippet's worth.
    const all = fahras.analyze(doc.text).filter((t) => t.stem === stem);
    assert.deepEqual(view.highlights, all.map((t) => [t.start, t.end]));
  });

  it("completes the last word of the query with prefix: true, as search does", () => {
    const id = "hammurabi-treaty";
    const typed = index.document(id, "حمور", { prefix: true });
    const whole = index.document(id, "حمورابي");
    assert.ok(typed.highlights.length > 0);
    assert.deepEqual(typed.highlights, whole.highlights);
    assert.deepEqual(index.document(id, "حمور").highlights, [], "not a prefix without the option");
    assert.deepEqual(index.document(id, "حمور*").highlights, whole.highlights);
    assert.throws(() => index.document(id, "x", { prefix: "yes" }), (e) => isFahrasError(e, "invalid_argument"));
  });

  it("has no highlights without a query, and null for an unknown id", () => {
    const view = index.document(docs[0].id);
    assert.deepEqual(view.highlights, []);
    assert.deepEqual(view.titleHighlights, []);
    assert.deepEqual(index.document(docs[0].id, null).highlights, []);
    assert.equal(index.document("no-such-id"), null);
    assert.equal(index.document(""), null);
  });
});

describe("facets", () => {
  const bySource = (ids) => {
    const counts = {};
    for (const d of docs) if (ids.includes(d.id)) counts[d.source] = (counts[d.source] ?? 0) + 1;
    return counts;
  };

  it("counts every document by metadata value without a query", () => {
    const all = index.facets();
    assert.deepEqual(Object.keys(all), ["source", "date", "url"]);
    assert.deepEqual(all.source, bySource(docs.map((d) => d.id)));
    assert.deepEqual(index.facets("", { fields: ["source"] }), { source: all.source });
  });

  it("counts all the matches of a query, not a page, most documents first", () => {
    for (const q of ["روسيا", "حمورابي", "كوريا -الصين", "بوتين OR حمورابي"]) {
      const r = index.search(q, { limit: 1000, snippetWords: 0 });
      const f = index.facets(q, { fields: ["source"] });
      assert.deepEqual(f.source, bySource(r.hits.map((h) => h.id)), q);
      const counts = Object.values(f.source);
      for (let i = 1; i < counts.length; i++) assert.ok(counts[i - 1] >= counts[i]);
    }
    assert.deepEqual(index.facets("غائبتماما"), { source: {}, date: {}, url: {} });
  });

  it("reads the query as search does: prefix, typo fallback, filters", () => {
    const typed = index.facets("حموراب", { prefix: true, fields: ["source"] });
    assert.deepEqual(typed, index.facets("حمورابي", { fields: ["source"] }));
    assert.deepEqual(index.facets("روسبا", { prefix: true, typoFallback: false, fields: ["source"] }), { source: {} });
    const source = docs[2].source;
    assert.deepEqual(index.facets("روسيا", { fields: ["source"], filters: { source } }).source, { [source]: 1 });
    assert.throws(() => index.facets("x", { fields: "source" }), (e) => isFahrasError(e, "invalid_argument"));
    assert.throws(() => index.facets(7), (e) => isFahrasError(e, "invalid_argument"));
  });
});

describe("kwic", () => {
  it("gives each occurrence with its context, in document order", () => {
    const lines = index.kwic("روسيا", { width: 20, limit: 1000 });
    const stem = fahras.analyze("روسيا")[0].stem;
    const expected = docs.flatMap((d) => fahras.analyze(d.text).filter((t) => t.stem === stem).map((t) => [d.id, t.start, t.end]));
    assert.deepEqual(lines.map((l) => [l.id, l.start, l.end]), expected);
    for (const l of lines) {
      const text = textOf.get(l.id);
      assert.equal(text.slice(l.start, l.end), l.match);
      assert.equal(text.slice(l.start - l.left.length, l.end + l.right.length), l.left + l.match + l.right);
      assert.ok([...l.left].length <= 20 && [...l.right].length <= 20);
    }
  });

  it("defaults to 100 lines of 40 characters a side, and takes a phrase", () => {
    const lines = index.kwic("الشمالية");  // about 120 occurrences
    assert.equal(lines.length, 100);
    assert.ok(lines.some((l) => [...l.left].length === 40));
    for (const l of index.kwic('"كوريا الشمالية"', { limit: 5 })) assert.equal(fahras.analyze(l.match).length, 2);
    assert.equal(index.kwic("كوريا", { limit: 3 }).length, 3);
    assert.deepEqual(index.kwic("لاشيءبهذاالاسم"), []);
  });
});

describe("frequencies", () => {
  it("counts stems by default, most frequent first, without stopwords", () => {
    const top = index.frequencies();
    assert.equal(top.length, 50);
    for (let i = 1; i < top.length; i++) assert.ok(top[i - 1].count >= top[i].count);
    assert.ok(top.every((e) => e.docs >= 1 && e.docs <= 5 && e.count >= e.docs));
    assert.ok(!top.some((e) => e.term === "في"));
    // Each stem comes with the word the articles most often write for it.
    for (const e of top) {
      assert.notEqual(e.written, "");
      assert.equal(fahras.analyze(e.written)[0].stem, e.term, `${e.written} has the stem ${e.term}`);
      assert.ok(docs.some((d) => d.text.includes(e.written) || d.title.includes(e.written)), `${e.written} is in the articles`);
    }
    const relation = top.find((e) => e.term === fahras.analyze("العلاقات")[0].stem);
    if (relation) assert.notEqual(relation.written, relation.term);
  });

  it("counts surface and normalized forms, with or without stopwords", () => {
    const surface = index.frequencies({ by: "surface", top: 5 });
    const normalized = index.frequencies({ by: "normalized", top: 5, skipStopwords: false });
    assert.equal(surface.length, 5);
    assert.equal(normalized[0].term, "في");
    const stem = fahras.analyze(surface[0].term)[0].stem;
    // Surface counts add up to at most the count of their stem.
    const byStem = index.frequencies({ top: 100000 }).find((e) => e.term === stem);
    assert.ok(byStem.count >= surface[0].count);
  });
});

describe("collocates", () => {
  it("ranks words near the given one by log-likelihood", () => {
    const near = index.collocates("كوريا", { top: 5 });
    assert.equal(near.length, 5);
    assert.equal(near[0].term, "الشماليه");
    assert.equal(near[0].written, "الشمالية");
    const stemOf = (w) => fahras.analyze(w)[0].stem;
    for (const c of near) assert.equal(stemOf(c.written), stemOf(c.term), `${c.written} is a form of ${c.term}`);
    for (let i = 1; i < near.length; i++) assert.ok(near[i - 1].score >= near[i].score);
    for (const c of near) assert.ok(c.count >= 2 && c.score > 0);
    assert.equal(index.collocates("كوريا").length, 20);
    const strict = index.collocates("كوريا", { minCount: 10, top: 1000 });
    assert.ok(strict.length > 0 && strict.every((c) => c.count >= 10));
    assert.ok(index.collocates("كوريا", { window: 1, top: 1000 }).length < index.collocates("كوريا", { window: 8, top: 1000 }).length);
  });
});

describe("stats and bytes", () => {
  it("counts documents, tokens, vocabulary and section sizes", () => {
    const s = index.stats();
    assert.equal(s.documents, 5);
    const tokens = docs.reduce((n, d) => n + fahras.analyze(d.title).length + fahras.analyze(d.text).length, 0);
    assert.equal(s.tokens, tokens);
    assert.ok(s.vocabulary.normalized > s.vocabulary.stem && s.vocabulary.stem > 1000);
    assert.deepEqual(s.fields, ["source", "date", "url"]);
    assert.equal(s.storesText, true);
    assert.ok(Math.abs(s.averageLength.text * 5 - (tokens - docs.reduce((n, d) => n + fahras.analyze(d.title).length, 0))) < 1e-6);
    const b = s.bytes;
    assert.equal(b.total, index.toBytes().length);
    const sections = b.dictionary + b.postings + b.positions + b.stored + b.docs + b.meta;
    assert.ok(sections < b.total && b.total - sections < 200, "sections plus header, table and footer");
  });

  it("toBytes returns a fresh copy that survives memory growth and loads again", () => {
    const bytes = index.toBytes();
    assert.ok(bytes instanceof Uint8Array);
    assert.equal(new TextDecoder().decode(bytes.subarray(0, 4)), "FHRS");
    const copy = bytes.slice();
    bytes.fill(0);
    assert.deepEqual(index.toBytes(), copy, "changing the result changes nothing inside");
    // Grow WebAssembly memory: a live view of it would now be detached (length 0).
    const big = fahras.buildIndex([{ id: "big", text: "كلمة ".repeat(3_000_000) }]);
    big.dispose();
    assert.equal(copy.length, index.toBytes().length);
    const again = fahras.loadIndex(copy);
    assert.deepEqual(again.toBytes(), copy);
    assert.deepEqual(again.search("كوريا الشمالية", { limit: 5 }).hits, index.search("كوريا الشمالية", { limit: 5 }).hits);
    again.dispose();
  });

  it("loadIndex takes an ArrayBuffer or any view, and copies it", () => {
    const bytes = index.toBytes();
    const fromBuffer = fahras.loadIndex(bytes.buffer.slice(0));
    const padded = new Uint8Array(bytes.length + 8);
    padded.set(bytes, 4);
    const fromView = fahras.loadIndex(new DataView(padded.buffer, 4, bytes.length));
    padded.fill(0);  // the index has its own copy
    assert.equal(fromView.search("كوريا").total, 5);
    assert.equal(fromBuffer.search("كوريا").total, 5);
    fromBuffer.dispose();
    fromView.dispose();
  });
});

describe("buildIndex", () => {
  it("keeps metadata fields, skips undefined ones, and stores text unless told not to", () => {
    const idx = fahras.buildIndex([
      { id: "a", title: "عنوان", text: "نص عن كوريا", source: "مصدر", note: undefined },
      { id: "b", text: "كوريا" },
      { id: "c" },
    ], { storeText: true });
    assert.deepEqual(idx.document("a").fields, { title: "عنوان", text: "نص عن كوريا", source: "مصدر" });
    assert.deepEqual(idx.document("b").fields, { title: "", text: "كوريا" });
    assert.deepEqual(idx.document("c").fields, { title: "", text: "" });
    assert.equal(idx.search("كوريا").total, 2);
    idx.dispose();

    const bare = fahras.buildIndex(docs, { storeText: false });
    const hit = bare.search("كوريا").hits[0];
    assert.deepEqual(hit.snippet, { text: "", start: 0, wordsBefore: false, wordsAfter: false, highlights: [] });
    assert.ok(hit.titleHighlights.length > 0, "titles are always stored");
    assert.equal(bare.document(docs[0].id).fields.text, undefined);
    assert.deepEqual(bare.kwic("كوريا"), []);
    assert.equal(bare.search("كوريا").total, 5);
    assert.ok(bare.toBytes().length < index.toBytes().length / 2);
    bare.dispose();
  });

  it("indexes an empty list", () => {
    const empty = fahras.buildIndex([]);
    assert.equal(empty.stats().documents, 0);
    assert.equal(empty.search("كوريا").total, 0);
    assert.deepEqual(empty.frequencies(), []);
    assert.deepEqual(fahras.loadIndex(empty.toBytes()).stats(), empty.stats());
    empty.dispose();
  });
});

describe("dispose", () => {
  it("frees the index; every later call throws code disposed; disposing again does nothing", () => {
    const idx = fahras.buildIndex([{ id: "a", text: "كوريا" }]);
    idx.dispose();
    idx.dispose();
    const calls = [
      () => idx.search("كوريا"), () => idx.document("a"), () => idx.kwic("كوريا"),
      () => idx.frequencies(), () => idx.collocates("كوريا"), () => idx.stats(), () => idx.toBytes(),
    ];
    for (const call of calls) assert.throws(call, (e) => isFahrasError(e, "disposed"));
  });

});
