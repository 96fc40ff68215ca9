// Loading fahras.wasm as a browser does: fetched over HTTP and compiled while it streams.
// SPDX-License-Identifier: MIT
//
// Node 18+ has fetch() and WebAssembly.instantiateStreaming, the same path the module takes in
// a browser when no wasmBinary is given. (tests/browser/ covers a real browser.)
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

import { importModule, wasmDir } from "./helpers.mjs";

let server;
let base;
const requests = [];
let contentType = "application/wasm";

before(async () => {
  const wasm = readFileSync(join(wasmDir, "fahras.wasm"));
  server = createServer((req, res) => {
    requests.push(req.url);
    if (req.url !== "/assets/fahras.wasm") {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": contentType, "content-length": wasm.length }).end(wasm);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${server.address().port}/assets/`;
});
after(() => server.close());

describe("what fahras.wasm asks of JavaScript", () => {
  it("imports only what fahras.mjs's loader provides (it does without Emscripten's runtime)", () => {
    const module = new WebAssembly.Module(readFileSync(join(wasmDir, "fahras.wasm")));
    const imports = WebAssembly.Module.imports(module).map((i) => `${i.module}.${i.name}`);
    const known = ["env.abort", "env.emscripten_resize_heap", "env.setTempRet0"];
    // A Debug build (SAFE_HEAP) also imports its checks, which only fire on a bug.
    const unknown = imports.filter((name) => !known.includes(name) && !/^env\.(segfault|alignfault)$/.test(name));
    assert.deepEqual(unknown, [], "a new import needs a line in wrapper.js's imports()");
    const exports = WebAssembly.Module.exports(module).map((e) => e.name);
    for (const name of ["memory", "__wasm_call_ctors", "stackSave", "stackRestore", "fh_search", "fh_facets", "fh_malloc"]) {
      assert.ok(exports.includes(name), `exports ${name}`);
    }
  });
});

describe("loading over HTTP", () => {
  it("streams fahras.wasm served as application/wasm, in one request", async () => {
    const { createFahras } = await importModule();
    requests.length = 0;
    contentType = "application/wasm";
    const fahras = await createFahras({ locateFile: (path) => base + path });
    assert.deepEqual(requests, ["/assets/fahras.wasm"], "no second request: streaming compilation worked");
    assert.equal(fahras.normalize("أَحْمَد"), "احمد");
  });

  it("still loads, from the same one request, when the server sends another content type", async () => {
    const { createFahras } = await importModule();
    requests.length = 0;
    contentType = "application/octet-stream";
    const fahras = await createFahras({ locateFile: (path) => base + path });
    assert.deepEqual(requests, ["/assets/fahras.wasm"]);
    assert.equal(fahras.buildIndex([{ id: "a", text: "كوريا" }]).search("كوريا").total, 1);
  });

  it("rejects with a FahrasError naming the URL when fahras.wasm is not there", async () => {
    const { createFahras } = await importModule();
    const missing = `http://127.0.0.1:${server.address().port}/nowhere/`;
    await assert.rejects(createFahras({ locateFile: (path) => missing + path }),
      (e) => e.name === "FahrasError" && e.code === "instantiate" && e.message.includes(`${missing}fahras.wasm`));
  });
});
