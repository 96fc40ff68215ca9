// Offsets handed to JavaScript are UTF-16 code units: text.slice(start, end) is the word.
// SPDX-License-Identifier: MIT
//
// Expected offsets here come from where the tests put the words (String.indexOf and the
// builder below), never from the module, so they check bindings.cpp's byte -> UTF-16
// conversion independently.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import { loadFahras, random } from "./helpers.mjs";

let fahras;
before(async () => {
  fahras = await loadFahras();
});

const spanOf = (text, word, from = 0) => {
  const at = text.indexOf(word, from);
  assert.ok(at >= 0, `${word} in ${text}`);
  return [at, at + word.length];
};

describe("vocalized Arabic", () => {
  const text = "وَقَّعَتْ رُوسِيَا وَكُورِيَا الشَّمَالِيَّةُ مُعَاهَدَةَ شَرَاكَةٍ اسْتِرَاتِيجِيَّةٍ شَامِلَةٍ";
  const title = "مُعَاهَدَةُ الشَّرَاكَةِ بَيْنَ رُوسِيَا وَكُورِيَا";
  let idx;
  before(() => {
    idx = fahras.buildIndex([{ id: "v", title, text }]);
  });

  it("highlights whole words with their marks in snippets and titles", () => {
    const hit = idx.search("كوريا").hits[0];
    assert.equal(hit.snippet.text, text);
    assert.deepEqual(hit.snippet.highlights, [spanOf(text, "وَكُورِيَا")]);
    assert.deepEqual(hit.titleHighlights, [spanOf(title, "وَكُورِيَا")]);
    const treaty = idx.search("معاهدة").hits[0];
    assert.deepEqual(treaty.snippet.highlights, [spanOf(text, "مُعَاهَدَةَ")]);
    assert.deepEqual(treaty.titleHighlights, [spanOf(title, "مُعَاهَدَةُ")]);
  });

  it("highlights both words of a phrase", () => {
    const hit = idx.search('"كوريا الشمالية"').hits[0];
    assert.deepEqual(hit.snippet.highlights, [spanOf(text, "وَكُورِيَا"), spanOf(text, "الشَّمَالِيَّةُ")]);
  });

  it("gives analyze spans of the original, marked words", () => {
    const tokens = fahras.analyze(text);
    assert.equal(tokens.length, 8);
    let from = 0;
    for (const t of tokens) {
      const [start, end] = spanOf(text, t.text, from);
      assert.deepEqual([t.start, t.end], [start, end]);
      from = end;
    }
    assert.equal(tokens[2].normalized, "وكوريا");
  });

  it("counts tatweel, joiners and presentation forms inside the word", () => {
    const odd = "الـــرئيس كو\u200Cريا ﻛﻮﺭﻳﺎ";
    const t = fahras.buildIndex([{ id: "t", text: odd }]);
    assert.deepEqual(t.document("t", "كوريا").highlights, [spanOf(odd, "كو\u200Cريا"), spanOf(odd, "ﻛﻮﺭﻳﺎ")]);
    assert.deepEqual(t.document("t", "الرئيس").highlights, [spanOf(odd, "الـــرئيس")]);
    t.dispose();
  });
});

describe("characters outside the BMP before the match", () => {
  const text = "😀👍🏽 𝕏𝕐 🇸🇦 كوريا 👨‍👩‍👧 روسيا 𠀀 كوريا.";
  const title = "🔥🔥 كوريا";
  let idx;
  before(() => {
    idx = fahras.buildIndex([{ id: "e", title, text }]);
  });

  it("search highlights count surrogate pairs as two units", () => {
    const hit = idx.search("كوريا").hits[0];
    const snippet = hit.snippet.text;  // from the first word (𝕏𝕐) to the last (كوريا)
    assert.equal(snippet, text.slice(text.indexOf("𝕏𝕐"), text.lastIndexOf(".")));
    const first = spanOf(snippet, "كوريا");
    assert.deepEqual(hit.snippet.highlights, [first, spanOf(snippet, "كوريا", first[1])]);
    assert.deepEqual(hit.titleHighlights, [spanOf(title, "كوريا")]);
  });

  it("document, kwic and analyze agree", () => {
    const view = idx.document("e", "روسيا");
    assert.deepEqual(view.highlights, [spanOf(text, "روسيا")]);
    const lines = idx.kwic("كوريا", { width: 3 });
    const first = spanOf(text, "كوريا");
    assert.deepEqual(lines.map((l) => [l.start, l.end]), [first, spanOf(text, "كوريا", first[1])]);
    assert.equal(lines[0].left, "🇸🇦 ", "width counts characters, not units");
    const words = fahras.analyze(text).map((t) => text.slice(t.start, t.end));
    assert.ok(words.includes("كوريا") && words.includes("روسيا"));
  });

  it("replaces lone surrogates by U+FFFD and counts them as one unit", () => {
    const lone = fahras.buildIndex([{ id: "s", text: "\uD83D كوريا \uDE00كوريا" }]);
    const view = lone.document("s", "كوريا");
    assert.equal(view.fields.text, "\uFFFD كوريا \uFFFDكوريا");
    assert.deepEqual(view.highlights, [[2, 7], [9, 14]]);
    lone.dispose();
  });
});

describe("a long text with astral characters everywhere", () => {
  it("puts every highlight exactly where the word was written", () => {
    const next = random(7);
    const pick = (list) => list[Math.floor(next() * list.length)];
    const targets = ["كوريا", "وَكُورِيَا", "كُوريا", "كوريـــا"];
    const fillers = ["روسيا", "😀", "𝕏", "🇸🇦", "𠀀𠀁", "الصين", "abc", "٢٠٢٤", "👨‍👩‍👧", "معاهدة", "ﷺ", "ـ"];
    let text = "";
    const expected = [];
    for (let i = 0; i < 3000; i++) {
      if (next() < 0.1) {
        const w = pick(targets);
        expected.push([text.length, text.length + w.length]);
        text += w;
      } else {
        text += pick(fillers);
      }
      text += pick([" ", "، ", "\n", " 🙂 "]);
    }
    const idx = fahras.buildIndex([{ id: "long", text }]);
    assert.deepEqual(idx.document("long", "كوريا").highlights, expected);
    assert.deepEqual(idx.kwic("كوريا", { limit: 10000 }).map((l) => [l.start, l.end]), expected);
    const hit = idx.search("كوريا", { snippetWords: 40 }).hits[0];
    assert.ok(hit.snippet.highlights.length > 0);
    for (const [s, e] of hit.snippet.highlights) assert.ok(targets.includes(hit.snippet.text.slice(s, e)));
    assert.ok(text.includes(hit.snippet.text));
    idx.dispose();
  });
});
