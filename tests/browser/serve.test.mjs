// The demo server (web_demo/serve.mjs) over plain HTTP: gzip when the request allows it, exact
// lengths and types, and cache headers that let only the current build's URLs be kept for good.
// SPDX-License-Identifier: MIT
//
// Needs FAHRAS_SITE_DIR (a site written by web_demo/build-site.mjs); no browser.

import assert from "node:assert/strict";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { gunzipSync, gzipSync } from "node:zlib";
import { precompressTree } from "../../web_demo/precompress.mjs";
import { startSite } from "./harness.mjs";

const SITE = process.env.FAHRAS_SITE_DIR;
const skip = !SITE && "needs FAHRAS_SITE_DIR";
const IMMUTABLE = "public, max-age=31536000, immutable";
// What each kind of file must be sent as, and whether it is worth gzipping.
const EXPECTED = {
  ".html": { type: "text/html; charset=utf-8", gzip: true },
  ".js": { type: "text/javascript; charset=utf-8", gzip: true },
  ".mjs": { type: "text/javascript; charset=utf-8", gzip: true },
  ".css": { type: "text/css; charset=utf-8", gzip: true },
  ".json": { type: "application/json; charset=utf-8", gzip: true },
  ".webmanifest": { type: "application/manifest+json; charset=utf-8", gzip: true },
  ".svg": { type: "image/svg+xml", gzip: true },
  ".wasm": { type: "application/wasm", gzip: true },
  ".fahras": { type: "application/octet-stream", gzip: true },
  ".png": { type: "image/png", gzip: false },
};

/** Every file of the site, as a URL path ("/app.js", "/data/articles.json"); not the large
 *  page's link to its collection (large.test.mjs checks how shards are served). */
function sitePaths(dir, prefix = "/") {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    // FILE.gz is FILE's precompressed copy (web_demo/precompress.mjs), sent for FILE.
    if (entry.name.startsWith(".") || entry.name.endsWith(".gz") || entry.isSymbolicLink()) return [];
    return entry.isDirectory() ? sitePaths(path.join(dir, entry.name), `${prefix}${entry.name}/`) : [prefix + entry.name];
  });
}

/** GET (or `method`) with the given request headers; resolves to { status, headers, body }. */
function get(url, headers = {}, method = "GET") {
  // Not fetch(): it would gunzip the body, and the test is about the bytes sent.
  return new Promise((resolve, reject) => {
    http.request(url, { method, headers }, (res) => {
      const chunks = [];
      res.on("data", (chunk) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on("error", reject).end();
  });
}

const buildId = (dir) => readFileSync(path.join(dir, ".fahras-site"), "utf8").trim();

test("files are sent gzipped only when the request allows it, with exact lengths and types", { skip }, async (t) => {
  const site = await startSite();
  t.after(() => site.stop());
  const id = buildId(SITE);
  const paths = sitePaths(SITE);
  assert.ok(paths.includes("/fahras.wasm") && paths.includes("/data/articles.json") && paths.includes("/icon-192.png"));
  for (const file of paths) {
    const expected = EXPECTED[path.extname(file)];
    assert.ok(expected, `${file}: a file type this test does not know`);
    const bytes = readFileSync(path.join(SITE, file));
    const url = new URL(`.${file}?v=${id}`, site.url);

    const packed = await get(url, { "Accept-Encoding": "gzip, deflate, br, zstd" });
    assert.equal(packed.status, 200, file);
    assert.equal(packed.headers["content-type"], expected.type, `${file}: type`);
    assert.equal(Number(packed.headers["content-length"]), packed.body.length, `${file}: Content-Length is the length sent`);
    if (expected.gzip) {
      assert.equal(packed.headers["content-encoding"], "gzip", `${file}: gzipped`);
      assert.match(packed.headers.vary ?? "", /Accept-Encoding/i, `${file}: Vary`);
      assert.ok(packed.body.length < bytes.length, `${file}: smaller gzipped`);
      assert.deepEqual(gunzipSync(packed.body), bytes, `${file}: gunzips to the file`);
      const copy = path.join(SITE, `${file}.gz`);
      assert.ok(existsSync(copy), `${file}: build-site.mjs wrote its precompressed copy`);
      assert.deepEqual(packed.body, readFileSync(copy), `${file}: the precompressed copy is what is sent`);
    } else {
      assert.equal(packed.headers["content-encoding"], undefined, `${file}: already compressed, sent as is`);
      assert.deepEqual(packed.body, bytes, file);
    }

    for (const acceptEncoding of [undefined, "identity", "gzip;q=0, br", "*;q=0"]) {
      const plain = await get(url, acceptEncoding ? { "Accept-Encoding": acceptEncoding } : {});
      assert.equal(plain.headers["content-encoding"], undefined, `${file} with Accept-Encoding ${acceptEncoding}: not gzipped`);
      assert.equal(plain.headers["content-type"], expected.type, `${file}: type`);
      assert.equal(Number(plain.headers["content-length"]), bytes.length, `${file}: Content-Length`);
      assert.deepEqual(plain.body, bytes, `${file} with Accept-Encoding ${acceptEncoding}`);
    }

    const head = await get(url, { "Accept-Encoding": "gzip" }, "HEAD");
    assert.equal(head.body.length, 0, `${file}: HEAD has no body`);
    assert.equal(head.headers["content-length"], packed.headers["content-length"], `${file}: HEAD announces the GET's length`);
  }
});

test("a precompressed copy is sent only while it is not older than its file", { skip }, async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "fahras-site-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const text = Buffer.from("فهرس ".repeat(200));
  writeFileSync(path.join(dir, "a.txt"), text);
  // Level 1: other bytes than the server's own level 9, so the test sees which was sent.
  const copy = gzipSync(text, { level: 1 });
  assert.notDeepEqual(copy, gzipSync(text, { level: 9 }));
  writeFileSync(path.join(dir, "a.txt.gz"), copy);
  const saved = process.env.FAHRAS_SITE_DIR;
  process.env.FAHRAS_SITE_DIR = dir;
  const site = await startSite();
  process.env.FAHRAS_SITE_DIR = saved;
  t.after(() => site.stop());
  const sent = async () => (await get(new URL("./a.txt", site.url), { "Accept-Encoding": "gzip" })).body;

  const when = new Date("2026-01-02T03:04:05Z");
  utimesSync(path.join(dir, "a.txt"), when, when);
  utimesSync(path.join(dir, "a.txt.gz"), when, when);
  assert.deepEqual(await sent(), copy, "a copy as new as its file is sent as it is");

  // The file changed after its copy was written: the copy is stale, the file is compressed.
  const later = new Date("2026-01-02T03:04:06Z");
  writeFileSync(path.join(dir, "a.txt"), Buffer.concat([text, Buffer.from("!")]));
  utimesSync(path.join(dir, "a.txt"), later, later);
  const fresh = await sent();
  assert.notDeepEqual(fresh, copy, "a stale copy is not sent");
  assert.equal(gunzipSync(fresh).toString(), `${text}!`, "the file's own bytes, gzipped");
});

test("a collection's files get their gzipped copies once, each whole", async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "fahras-precompress-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const shard = Buffer.from("الحكومة والمعارضة ".repeat(500));
  writeFileSync(path.join(dir, "root.fahras"), shard);
  const shards = "shards";
  mkdirSync(path.join(dir, shards));
  writeFileSync(path.join(dir, shards, "dict-0.bin"), shard);
  writeFileSync(path.join(dir, shards, "tiny.bin"), "x");          // gzip would make it larger
  writeFileSync(path.join(dir, shards, "photo.png"), shard);       // not worth compressing
  assert.equal(await precompressTree(dir), 2);
  assert.deepEqual(gunzipSync(readFileSync(path.join(dir, shards, "dict-0.bin.gz"))), shard);
  assert.deepEqual(gunzipSync(readFileSync(path.join(dir, "root.fahras.gz"))), shard);
  assert.deepEqual(readdirSync(path.join(dir, shards)).sort(), ["dict-0.bin", "dict-0.bin.gz", "photo.png", "tiny.bin"]);
  assert.equal(await precompressTree(dir), 0, "fresh copies are kept");
  // A file newer than its copy gets a new one.
  const later = new Date(Date.now() + 5000);
  utimesSync(path.join(dir, "root.fahras"), later, later);
  assert.equal(await precompressTree(dir), 1);
});

test("an ETag names one encoding: revalidation answers 304 only for the same bytes", { skip }, async (t) => {
  const site = await startSite();
  t.after(() => site.stop());
  const url = new URL(`./fahras.wasm?v=${buildId(SITE)}`, site.url);
  const packed = await get(url, { "Accept-Encoding": "gzip" });
  const plain = await get(url);
  assert.notEqual(packed.headers.etag, plain.headers.etag, "gzipped and plain bytes have different ETags");
  const again = await get(url, { "Accept-Encoding": "gzip", "If-None-Match": packed.headers.etag });
  assert.equal(again.status, 304);
  assert.equal(again.body.length, 0);
  assert.equal((await get(url, { "Accept-Encoding": "gzip", "If-None-Match": plain.headers.etag })).status, 200);
  assert.equal((await get(url, { "If-None-Match": plain.headers.etag })).status, 304);
});

test("only URLs with the served build's id may be cached for good; page and sw.js never", { skip }, async (t) => {
  const site = await startSite();
  t.after(() => site.stop());
  const id = buildId(SITE);
  const response = (url) => get(new URL(url, site.url), { "Accept-Encoding": "gzip" });
  const cacheControl = async (url) => (await response(url)).headers["cache-control"];
  for (const asset of ["app.js", "fahras.wasm", "data/articles.json", "icon-192.png"]) {
    assert.equal(await cacheControl(`./${asset}?v=${id}`), IMMUTABLE, asset);
    assert.equal(await cacheControl(`./${asset}`), "no-cache", `${asset} without a build id`);
    // Another build's id is not this file: never this build's bytes under another build's URL.
    const other = await response(`./${asset}?v=0123456789ab`);
    assert.equal(other.status, 404, `${asset} with another build's id`);
    assert.equal(other.headers["cache-control"], "no-store");
  }
  for (const always of ["./", "./index.html", `./index.html?v=${id}`, "./sw.js", `./sw.js?v=${id}`]) {
    assert.equal(await cacheControl(always), "no-cache", always);
  }

  // A folder that build-site.mjs is rewriting (its marker comes last) has no build yet.
  const dir = mkdtempSync(path.join(os.tmpdir(), "fahras-site-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(SITE, dir, { recursive: true });
  rmSync(path.join(dir, ".fahras-site"));
  const saved = process.env.FAHRAS_SITE_DIR;
  process.env.FAHRAS_SITE_DIR = dir;
  const rewriting = await startSite();
  process.env.FAHRAS_SITE_DIR = saved;
  t.after(() => rewriting.stop());
  const during = await get(new URL(`./app.js?v=${id}`, rewriting.url));
  assert.equal(during.status, 404, "no build marker: no build's URL is answered");
  assert.equal((await get(new URL("./app.js", rewriting.url))).headers["cache-control"], "no-cache");
});

test("every response carries a Content-Security-Policy, the one the page states too", { skip }, async (t) => {
  const site = await startSite();
  t.after(() => site.stop());
  const page = await get(new URL("./", site.url));
  const policy = page.headers["content-security-policy"] ?? "";
  const directives = Object.fromEntries(policy.split(";").map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  assert.deepEqual(directives["default-src"], ["'self'"]);
  assert.deepEqual(directives["script-src"], ["'self'", "'wasm-unsafe-eval'"]);
  assert.deepEqual(directives["object-src"], ["'none'"]);
  assert.deepEqual(directives["base-uri"], ["'none'"]);
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page.body.toString());
  assert.ok(meta, "the page states its policy too (for any server)");
  assert.equal(`${meta[1]}; frame-ancestors 'none'`, policy, "the same policy, plus what only a header can say");
  for (const file of ["app.js", "fahras.wasm", "sw.js"]) {
    assert.equal((await get(new URL(`./${file}?v=${buildId(SITE)}`, site.url))).headers["content-security-policy"], policy, file);
  }
  assert.doesNotMatch(page.body.toString(), /<script(?![^>]*\bsrc=)[^>]*>/, "no inline script");
});
