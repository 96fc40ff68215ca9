// Bad input reaches JavaScript as a FahrasError with a code, never as a trap: hostile index
// bytes, wrong arguments, absurd queries, running out of memory.
// SPDX-License-Identifier: MIT
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import { articles, fixChecksum, isFahrasError, loadFahras, random } from "./helpers.mjs";

const BYTE_ERRORS = new Set(["bad_magic", "unsupported_version", "truncated", "corrupt", "bad_crc"]);

let fahras;
let small;  // bytes of a small index with stored text and metadata
let index;  // the bundled articles

before(async () => {
  fahras = await loadFahras();
  const idx = fahras.buildIndex([
    { id: "a", title: "روسيا وكوريا", text: "وَقَّعَت روسيا معاهدة مع كوريا الشمالية", source: "إرم" },
    { id: "b", title: "الصين", text: "الصين 😀 واليابان", date: "2024" },
    { id: "c", text: "كوريا الجنوبية" },
  ]);
  small = idx.toBytes();
  idx.dispose();
  index = fahras.buildIndex(articles());
});

// Loads bytes that must be rejected: a FahrasError with a byte-error code and an offset.
function assertRejected(bytes, what) {
  assert.throws(() => fahras.loadIndex(bytes), (e) => {
    assert.ok(isFahrasError(e), `${what}: ${e && e.stack}`);
    assert.ok(BYTE_ERRORS.has(e.code), `${what}: code ${e.code}`);
    assert.equal(typeof e.offset, "number");
    assert.ok(e.offset >= 0 && e.offset <= bytes.length, `${what}: offset ${e.offset}`);
    return true;
  }, what);
}

// An index that loaded must answer everything without throwing.
function exercise(idx) {
  idx.search("كوريا");
  idx.search("روسيا الصين", { prefix: true, limit: 1000 });
  idx.stats();
  idx.frequencies({ by: "surface" });
  idx.frequencies({ by: "normalized" });
  idx.kwic("كوريا");
  idx.collocates("كوريا");
  for (const id of ["a", "b", "c"]) idx.document(id, "كوريا");
  idx.toBytes();
}

describe("hostile index bytes", () => {
  it("rejects random bytes", () => {
    const next = random(42);
    for (let i = 0; i < 300; i++) {
      const bytes = Uint8Array.from({ length: Math.floor(next() * 3000) }, () => Math.floor(next() * 256));
      if (i % 3 === 0 && bytes.length >= 4) bytes.set([0x46, 0x48, 0x52, 0x53]);  // "FHRS", to get further
      assertRejected(bytes, `random #${i}`);
    }
  });

  it("rejects every truncation of a valid index", () => {
    for (let n = 0; n < small.length; n++) assertRejected(small.slice(0, n), `first ${n} of ${small.length} bytes`);
  });

  it("rejects every single bit flip (the checksum or the header catches it)", () => {
    for (let i = 0; i < small.length; i++) {
      const bytes = small.slice();
      bytes[i] ^= 1 << (i % 8);
      assertRejected(bytes, `bit ${i % 8} of byte ${i}`);
    }
  });

  it("validates every structure: bit flips behind a correct checksum load cleanly or not at all", () => {
    let loaded = 0;
    for (let i = 12; i < small.length - 4; i++) {
      for (const bit of [0, 3, 7]) {
        const bytes = small.slice();
        bytes[i] ^= 1 << bit;
        fixChecksum(bytes);
        let idx;
        try {
          idx = fahras.loadIndex(bytes);
        } catch (e) {
          assert.ok(isFahrasError(e) && BYTE_ERRORS.has(e.code), `byte ${i} bit ${bit}: ${e && e.stack}`);
          continue;
        }
        loaded++;  // e.g. a changed letter of stored text: still a valid index
        exercise(idx);
        idx.dispose();
      }
    }
    assert.ok(loaded > 0, "some flips (in stored text) give valid indexes that must still work");
  });

  it("damage() names what searches found damaged, and nothing in a sound index", () => {
    const sound = fahras.loadIndex(small);
    exercise(sound);
    assert.equal(sound.damage(), null);
    sound.dispose();
    let found = 0;
    for (let i = 12; i < small.length - 4; i++) {
      const bytes = small.slice();
      bytes[i] ^= 1 << (i % 8);
      fixChecksum(bytes);
      let idx;
      try {
        idx = fahras.loadIndex(bytes);
      } catch {
        continue;  // found at load: the test above
      }
      assert.equal(idx.damage(), null, `byte ${i}: nothing read yet`);
      exercise(idx);
      const met = idx.damage();
      if (met) {
        assert.ok(isFahrasError(met) && BYTE_ERRORS.has(met.code), `byte ${i}: ${met && met.stack}`);
        assert.ok(met.offset >= 12 && met.offset < bytes.length, `byte ${i}: offset ${met.offset}`);
        exercise(idx);
        assert.deepEqual(idx.damage(), met, `byte ${i}: the first damage stays`);
        found++;
      }
      idx.dispose();
    }
    assert.ok(found > 0, "some flips behind a correct checksum damage a list only searches read");
  });

  it("rejects a newer format version and a foreign file", () => {
    const newer = small.slice();
    newer[4] = 99;
    assert.throws(() => fahras.loadIndex(newer), (e) => isFahrasError(e, "unsupported_version") && e.offset === 4);
    assert.throws(() => fahras.loadIndex(new TextEncoder().encode("%PDF-1.7 not an index")), (e) => isFahrasError(e, "bad_magic"));
    assert.throws(() => fahras.loadIndex(new Uint8Array(0)), (e) => isFahrasError(e, "truncated"));
  });

  it("keeps working after rejections", () => {
    const idx = fahras.loadIndex(small);
    exercise(idx);
    assert.equal(idx.search("كوريا").total, 2);
    idx.dispose();
  });
});

describe("bad arguments", () => {
  const invalid = (f, what) => assert.throws(f, (e) => isFahrasError(e, "invalid_argument"), what);

  it("loadIndex wants bytes", () => {
    for (const bad of [undefined, null, "FHRS", 42, [70, 72, 82, 83], {}]) invalid(() => fahras.loadIndex(bad), String(bad));
  });

  it("loadIndex of a detached buffer (transferred away) is a FahrasError, not a TypeError", () => {
    const detach = (buffer) => structuredClone(buffer, { transfer: [buffer] });
    const bytes = small.slice();
    const view = new Uint8Array(bytes.buffer, 2, bytes.length - 2);
    detach(bytes.buffer);
    for (const gone of [bytes, bytes.buffer, view, new DataView(new ArrayBuffer(8))]) {
      if (gone instanceof DataView) detach(gone.buffer);
      assert.throws(() => fahras.loadIndex(gone), (e) => isFahrasError(e, "invalid_argument") && /detached/.test(e.message),
        Object.prototype.toString.call(gone));
    }
    assert.equal(fahras.loadIndex(small).search("كوريا").total, 2, "fine afterwards");
  });

  it("buildIndex wants an array of documents with string fields and unique ids", () => {
    for (const bad of [undefined, null, "docs", {}, { length: 1, 0: { id: "a" } }]) invalid(() => fahras.buildIndex(bad));
    invalid(() => fahras.buildIndex([null]));
    invalid(() => fahras.buildIndex(["text"]));
    invalid(() => fahras.buildIndex([[]]));
    invalid(() => fahras.buildIndex([{ title: "no id" }]));
    invalid(() => fahras.buildIndex([{ id: "" }]));
    invalid(() => fahras.buildIndex([{ id: 7 }]));
    invalid(() => fahras.buildIndex([{ id: "a", title: 3 }]));
    invalid(() => fahras.buildIndex([{ id: "a", text: null }]));
    invalid(() => fahras.buildIndex([{ id: "a", date: 2024 }]));
    invalid(() => fahras.buildIndex([{ id: "a", tags: ["x"] }]));
    invalid(() => fahras.buildIndex([{ id: "a" }, { id: "a" }]));
    // Two lone surrogates are both U+FFFD in UTF-8, as the engine reads ids: the same id.
    invalid(() => fahras.buildIndex([{ id: "\ud800" }, { id: "\udc00" }]));
    // So are two field names: one value would be lost.
    assert.throws(() => fahras.buildIndex([{ id: "a", "tag\ud800": "x", "tag\udc00": "y" }]),
      (e) => isFahrasError(e, "invalid_argument") && /document 0: duplicate field/.test(e.message));
    assert.equal(fahras.buildIndex([{ id: "a", "tag\ud800": "x", tag: "y" }]).stats().fields.length, 2);
    // The id checked is the id the engine gets, however often a getter answers otherwise.
    let reads = 0;
    const changing = fahras.buildIndex([{ id: "a" }, { get id() { return ++reads === 1 ? "b" : "a"; } }]);
    assert.deepEqual([changing.stats().documents, changing.document("a")?.id, changing.document("b")?.id], [2, "a", "b"]);
    invalid(() => fahras.buildIndex([], null));
    invalid(() => fahras.buildIndex([], { storeText: "yes" }));
    assert.throws(() => fahras.buildIndex([{ id: "a" }, { id: "b", date: 5 }]),
      (e) => isFahrasError(e, "invalid_argument") && /document 1/.test(e.message) && /date/.test(e.message));
  });

  it("text functions want strings", () => {
    for (const bad of [undefined, null, 1, {}, ["a"]]) {
      invalid(() => fahras.normalize(bad));
      invalid(() => fahras.analyze(bad));
      invalid(() => index.search(bad));
      invalid(() => index.document(bad));
      invalid(() => index.kwic(bad));
      invalid(() => index.collocates(bad));
    }
    invalid(() => index.document("a", 5));
  });

  it("options must have the documented types and ranges", () => {
    invalid(() => index.search("x", null));
    invalid(() => index.search("x", "limit"));
    for (const limit of [-1, NaN, "10", null, true]) invalid(() => index.search("x", { limit }), String(limit));
    invalid(() => index.search("x", { offset: -5 }));
    invalid(() => index.search("x", { snippetWords: "30" }));
    invalid(() => index.search("x", { prefix: 1 }));
    invalid(() => index.search("x", { filters: "source:x" }));
    invalid(() => index.search("x", { filters: { source: 1 } }));
    invalid(() => index.kwic("x", { width: -1 }));
    invalid(() => index.frequencies({ by: "lemma" }));
    invalid(() => index.frequencies({ top: "all" }));
    invalid(() => index.frequencies({ skipStopwords: "no" }));
    invalid(() => index.collocates("x", { window: {} }));
    // Large counts are capped, not refused.
    assert.equal(index.search("كوريا", { limit: Infinity, offset: 1e300, snippetWords: 1e9 }).hits.length, 0);
    assert.ok(index.frequencies({ top: 1e12 }).length > 1000);
  });

  it("createFahras checks its options", async () => {
    const { importModule } = await import("./helpers.mjs");
    const { default: createFahras } = await importModule();
    await assert.rejects(createFahras(null), (e) => isFahrasError(e, "invalid_argument"));
    await assert.rejects(createFahras({ wasmBinary: "fahras.wasm" }), (e) => isFahrasError(e, "invalid_argument"));
    await assert.rejects(createFahras({ wasmBinary: new Uint8Array(8) }), (e) => isFahrasError(e, "instantiate"));
    // In Node without wasmBinary: fahras.wasm next to fahras.mjs is a file: URL fetch() cannot read.
    await assert.rejects(createFahras(), (e) => isFahrasError(e, "instantiate") &&
      /fahras\.wasm/.test(e.message) && /wasmBinary/.test(e.message));
  });
});

describe("absurd queries just work", () => {
  const noise = [
    "كوريا ".repeat(20000),                 // 120 kB of words
    "ك".repeat(100000),                     // one 100 000-letter word
    '"كوريا الشمالية',                      // unbalanced quote
    '""""""""""' + '"'.repeat(10000),
    "\uD800كوريا\uDC00",                    // lone surrogates
    "\uDFFF\uD83D",
    "كوريا\u0000روسيا\u0007",
    "OR OR OR - -- * ** : :: source: source:\"",
    "كوريا*".repeat(500),
    "-كوريا -روسيا -الصين",
    "😀".repeat(5000),
    "\u202Eكوريا\u202C \u200Fروسيا\u200E",
    "(كوريا AND روسيا) NOT [الصين]",
  ];

  it("searches, finds documents and concordances without throwing", () => {
    for (const q of noise) {
      for (const prefix of [false, true]) {
        const r = index.search(q, { prefix, limit: 20 });
        assert.equal(typeof r.total, "number");
        for (const h of r.hits) {
          for (const [s, e] of h.snippet.highlights) assert.ok(s < e && e <= h.snippet.text.length);
        }
      }
      index.document("hammurabi-treaty", q);
      index.kwic(q, { limit: 5 });
      index.collocates(q, { top: 3 });
      fahras.analyze(q);
      fahras.normalize(q);
    }
  });

  it("reads lone surrogates as U+FFFD, which separates words", () => {
    assert.deepEqual(index.search("\uD800كوريا\uDC00").hits, index.search("كوريا").hits);
    assert.equal(fahras.normalize("\uD800ب"), "\uFFFDب");
  });

  it("copies only the part of a query that counts into WebAssembly memory", async () => {
    // Memory grows only through Memory.prototype.grow (fahras.mjs calls it for malloc).
    const grow = WebAssembly.Memory.prototype.grow;
    let grown = 0;
    WebAssembly.Memory.prototype.grow = function (pages) {
      grown += pages;
      return grow.call(this, pages);
    };
    try {
      const own = await loadFahras();
      const idx = own.buildIndex([{ id: "a", text: "كوريا روسيا" }]);
      idx.search("كوريا");  // the first search's own allocations
      grown = 0;
      const huge = "كوريا ".repeat(20_000_000);  // 120 M characters, 220 MB of UTF-8
      for (const run of [() => idx.search(huge), () => idx.search(huge, { prefix: true }), () => idx.document("a", huge),
                         () => idx.kwic(huge, { limit: 1 }), () => idx.collocates(huge), () => idx.facets(huge)]) run();
      assert.equal(grown, 0, `memory grew by ${grown} pages of 64 KiB`);
      const r = idx.search(huge);
      assert.ok(r.notes.some((n) => n.kind === "truncated") && r.total === 1, "still cut by the engine, and says so");
      // Cut where the engine would cut: a query just over the limit still finds its words.
      assert.equal(idx.search("كوريا ".repeat(340) + "روسيا".repeat(100)).total, 1);
      // The engine cuts at the last space before byte 2048: كوريا ends at byte 2046 after 509
      // emoji (4 bytes each), at byte 2054 after 511, so it counts in the first query only.
      assert.equal(idx.search("😀".repeat(509) + " كوريا " + "😀".repeat(600)).total, 1);
      assert.equal(idx.search("😀".repeat(511) + " كوريا " + "😀".repeat(600)).total, 0);
    } finally {
      WebAssembly.Memory.prototype.grow = grow;
    }
  });

  it("says when a query was cut to the length limit", () => {
    const r = index.search("كوريا ".repeat(20000));
    assert.ok(r.notes.some((n) => n.kind === "truncated"));
    assert.ok(r.total > 0);
  });
});

describe("out of memory", () => {
  it("refuses an allocation JavaScript asks for with code out_of_memory", () => {
    // 2 GiB + 1 cannot fit in a 2 GiB heap: malloc says no before any C++ runs.
    assert.throws(() => fahras.loadIndex(new Uint8Array(2 ** 31 + 1)), (e) => isFahrasError(e, "out_of_memory"));
    assert.equal(index.search("كوريا").total, 5, "the module is fine afterwards");
  });

  it("refuses strings whose UTF-8 room passes 4 GiB, which a 32-bit size would wrap around", () => {
    const s = "a".repeat(3e8);  // up to 900 MB of UTF-8 each: 4.5 GB for five
    const five = { a: s, b: s, c: s, d: s, e: s };
    assert.throws(() => index.search("كوريا", { filters: five }), (e) => isFahrasError(e, "out_of_memory"));
    assert.throws(() => index.facets("", { fields: Object.values(five) }), (e) => isFahrasError(e, "out_of_memory"));
    assert.throws(() => fahras.buildIndex([{ id: "x", ...five }]), (e) => isFahrasError(e, "out_of_memory"));
    assert.equal(index.search("كوريا").total, 5, "the module is fine afterwards");
  });

  it("turns C++ running out of memory into code out_of_memory, not a trap", async () => {
    // Concordance lines of 100 000 characters a side, 20 000 of them: about 8 GB of strings
    // for a 2 GiB heap. This takes a while (it fills the heap first).
    const own = await loadFahras();
    const idx = own.buildIndex([{ id: "x", text: "كلمة ".repeat(20000) + "ق".repeat(200000) }]);
    assert.throws(() => idx.kwic("كلمة", { width: 100000, limit: 1e9 }),
      (e) => isFahrasError(e, "out_of_memory") && e.message === "fahras: out of WebAssembly memory");
    // What the failed call held is lost (no destructors ran), so this instance is nearly full:
    // later calls may fail too, but only ever as FahrasErrors.
    try {
      idx.search("كلمة");
    } catch (e) {
      assert.ok(isFahrasError(e, "out_of_memory"), e && e.stack);
    }
    const fresh = await loadFahras();
    assert.equal(fresh.buildIndex([{ id: "y", text: "كلمة" }]).search("كلمة").total, 1);
  });
});
