// The npm package `fahras` as a web developer meets it: its tarball (from `./dev pack`)
// installed into a fresh project, used from Node and from a page bundled with esbuild in
// headless Chromium.
// SPDX-License-Identifier: MIT
//
// Needs FAHRAS_PACKAGE: the path of the tarball (`./dev test browser` makes it with `./dev pack`).

import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { build } from "esbuild";
import { openBrowser, REPO } from "./harness.mjs";

const TARBALL = process.env.FAHRAS_PACKAGE;
const skip = !TARBALL && "needs FAHRAS_PACKAGE (./dev pack DIR makes it)";

/** A fresh project with the tarball installed; removed when the test ends. */
function project(t) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "fahras-npm-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "uses-fahras", private: true, type: "module" }));
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--offline", path.resolve(TARBALL)], { cwd: dir, stdio: "pipe" });
  return dir;
}

const DOCS = [
  { id: "a", title: "روسيا وكوريا", text: "وقّعت روسيا وكوريا الشمالية معاهدة الشراكة الاستراتيجية.", source: "أ" },
  { id: "b", title: "الصين", text: "الصين والشراكة مع روسيا.", source: "ب" },
];

test("the package: exports ESM and types, the .wasm beside it, README and licence", { skip }, (t) => {
  const dir = project(t);
  const pkg = path.join(dir, "node_modules/fahras");
  const manifest = JSON.parse(readFileSync(path.join(pkg, "package.json"), "utf8"));
  const version = /version_string = "([^"]+)"/.exec(readFileSync(path.join(REPO, "include/fahras/version.hpp"), "utf8"))[1];
  assert.equal(manifest.name, "fahras");
  assert.equal(manifest.version, version);
  assert.equal(manifest.type, "module");
  assert.equal(manifest.exports["."].types, "./fahras.d.ts");
  assert.equal(manifest.exports["."].default, "./fahras.mjs");
  for (const file of ["fahras.mjs", "fahras.wasm", "fahras.d.ts", "node.mjs", "README.md", "LICENSE"]) {
    assert.ok(readFileSync(path.join(pkg, file)).length > 0, file);
  }
  assert.match(readFileSync(path.join(pkg, "README.md"), "utf8"), /^### npm$/m, "the README's npm section");
  assert.match(readFileSync(path.join(pkg, "fahras.d.ts"), "utf8"), /export class FahrasError/);
});

test("from Node: import, build, search, facets, FahrasError with instanceof, Symbol.dispose", { skip }, (t) => {
  const dir = project(t);
  writeFileSync(path.join(dir, "main.mjs"), `
    import createFahras, { FahrasError } from "fahras";
    const fahras = await createFahras(); // no wasmBinary: the package's node entry reads it
    const docs = ${JSON.stringify(DOCS)};
    const built = fahras.buildIndex(docs);
    const bytes = built.toBytes();
    built[Symbol.dispose](); // what \`using built = ...\` calls at the end of its block
    let disposed = null;
    try { built.stats(); } catch (e) { disposed = e.code; }
    const index = fahras.loadIndex(bytes.buffer);
    const r = index.search("روس", { prefix: true });
    let caught = null;
    try { fahras.loadIndex(new Uint8Array(3)); } catch (e) { caught = e; }
    console.log(JSON.stringify({
      total: r.total, ids: r.hits.map((h) => h.id).sort(),
      facets: index.facets("الشراكة"), typo: index.search("الشراكت").notes[0].written,
      error: caught instanceof FahrasError && caught.code, disposed,
    }));
  `);
  const out = JSON.parse(execFileSync(process.execPath, ["main.mjs"], { cwd: dir, encoding: "utf8" }));
  assert.deepEqual(out, {
    total: 2, ids: ["a", "b"], facets: { source: { "أ": 1, "ب": 1 } }, typo: ["الشراكة"], error: "bad_magic",
    disposed: "disposed",
  });
});

test("from a page bundled with esbuild, in headless Chromium", { skip }, async (t) => {
  const dir = project(t);
  writeFileSync(path.join(dir, "page.js"), `
    import createFahras, { FahrasError } from "fahras";
    const fahras = await createFahras(); // fetches fahras.wasm next to the bundle
    const index = fahras.buildIndex(${JSON.stringify(DOCS)});
    const r = index.search("الشمالبة");
    document.body.dataset.result = JSON.stringify({
      total: r.total, note: r.notes[0].written, error: (() => { try { index.search(1); } catch (e) { return e instanceof FahrasError; } })(),
    });
  `);
  const out = path.join(dir, "site");
  await build({ entryPoints: [path.join(dir, "page.js")], bundle: true, format: "esm", platform: "browser",
                outfile: path.join(out, "page.js"), absWorkingDir: dir, logLevel: "silent" });
  copyFileSync(path.join(dir, "node_modules/fahras/fahras.wasm"), path.join(out, "fahras.wasm"));
  writeFileSync(path.join(out, "index.html"),
    '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module" src="page.js"></script>');
  const server = spawn(process.execPath, [path.join(REPO, "web_demo/serve.mjs"), out], {
    env: { ...process.env, PORT: "0" }, stdio: ["ignore", "pipe", "inherit"],
  });
  t.after(() => server.kill());
  const url = await new Promise((resolve) => server.stdout.on("data", (c) => {
    const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(String(c));
    if (m) resolve(m[0]);
  }));
  const { page, errors } = await openBrowser(t);
  await page.goto(url);
  await page.waitForFunction(() => document.body.dataset.result, null, { timeout: 20000 });
  assert.deepEqual(JSON.parse(await page.evaluate(() => document.body.dataset.result)),
    { total: 1, note: ["الشمالية"], error: true });
  assert.deepEqual(errors, []);
});
