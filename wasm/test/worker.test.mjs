// fahras-worker.mjs in Node (worker-shim.mjs): an index loaded in the worker has every method of
// FahrasIndex, as promises, with the same answers and errors as on the page.
// SPDX-License-Identifier: MIT
import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { after, before, describe, it } from "node:test";

import { articles, isFahrasError, loadFahras, wasmDir } from "./helpers.mjs";
import { installWorker } from "./worker-shim.mjs";

describe("an index in the worker", () => {
  let fahras, worker, bytes;
  before(async () => {
    installWorker();
    fahras = await loadFahras();
    bytes = fahras.buildIndex(articles()).toBytes();
    const { createFahrasWorker } = await import(pathToFileURL(join(wasmDir, "fahras-worker.mjs")).href);
    worker = createFahrasWorker();
  });
  after(() => worker.terminate());

  it("answers every method of FahrasIndex as the page's index does", async () => {
    const here = fahras.loadIndex(bytes);
    // An ArrayBuffer is the index's bytes, as loadIndex takes them on the page.
    const there = await worker.loadIndex(bytes.slice().buffer);
    const calls = [
      ["search", "كوريا", { limit: 3 }], ["document", "1", "كوريا"], ["facets", "كوريا", { fields: ["source"] }],
      ["kwic", "كوريا", { limit: 2 }], ["frequencies", { top: 5 }], ["collocates", "كوريا", { top: 3 }],
      ["stats"], ["damage"],
    ];
    for (const [method, ...args] of calls) {
      const mine = here[method](...args);
      const theirs = await there[method](...args);
      if (method === "search") {
        delete mine.tookMs;
        delete theirs.tookMs;
      }
      assert.deepEqual(theirs, mine, method);
    }
    assert.deepEqual(await there.toBytes(), bytes);
  });

  it("refuses arguments it cannot send, and goes on", async () => {
    const there = await worker.loadIndex(bytes);
    await assert.rejects(there.search("كوريا", { limit: () => 3 }), (e) => e.name === "DataCloneError");
    assert.equal((await there.search("كوريا")).total, 5);
  });

  it("disposes of an index once; again does nothing, as on the page", async () => {
    const there = await worker.loadIndex(bytes);
    await there.dispose();
    await there.dispose();
    await assert.rejects(there.search("كوريا"), (e) => isFahrasError(e, "disposed") || e.code === "disposed");
  });
});
