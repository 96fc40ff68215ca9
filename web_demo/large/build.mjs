#!/usr/bin/env node
// Assembles the large-collection page of the demo: page, engine, the service worker that knows
// the build, and a link to the collection folder (written by `fahras bundle`). Node builtins and
// Debian's esbuild (../bundle-page.mjs).
// SPDX-License-Identifier: MIT
//
//   node web_demo/large/build.mjs --wasm-dir build/wasm/wasm --collection build/demo-large \
//     --out build/site/large
//
// Run after web_demo/build-site.mjs, which rewrites the whole site folder. The collection is
// linked (a symbolic link), not copied: it is a hundred megabytes. Its files get their gzipped
// copies (FILE.gz, which serve.mjs sends) beside them, once. The page bundles modules of
// the demo (reader.js, marks.js, ...) into its app.js, uses its style.css and views.css from the
// folder above and takes its reader dialog's markup from the demo's index.html.

import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { BundleError, bundleModules } from "../bundle-page.mjs";
import { minifyHtml } from "../minify-page.mjs";
import { precompress, precompressTree } from "../precompress.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PAGE = ["index.html", "app.js", "large.css"];
const ENGINE = ["fahras-worker.mjs", "fahras.mjs", "fahras-reader.wasm", "fahras-collection.mjs"];
// The worker's index half (loadIndex in the worker): not used by the page, not precached.
const INDEX_ENGINE = ["fahras.mjs", "fahras.wasm"];
// The demo's files the page uses, from the folder above: its styles and icon. The demo's modules
// it imports (reader.js, marks.js, ...) are in its app.js, bundled with it (../bundle-page.mjs):
// the demo's own site has its own bundle of them, with that build's file names and ids.
const SHARED = ["style.css", "views.css", "icon.svg"];
// Files of the engine, not of the page's sources: imported as they are.
const EXTERNAL = ["./fahras-worker.mjs"];

function fail(message) {
  console.error(`large/build: ${message}`);
  process.exit(1);
}

/**
 * The page with the demo's reader dialog in the place its marker line holds: reader.js drives
 * the same markup on both pages, so it is written once, in ../index.html.
 */
function withReaderDialog(page) {
  const marker = "<!-- reader dialog: build.mjs puts the five-article page's here (../index.html), one copy of it -->";
  const dialog = /<dialog id="reader"[^]*?<\/dialog>/.exec(read(path.join(HERE, "..", "index.html")).toString());
  if (!dialog) fail('../index.html has no <dialog id="reader"> to take');
  if (!page.includes(marker)) fail(`index.html lacks the line ${marker}`);
  if (/<dialog\b/.test(page)) fail("index.html has a dialog of its own: the reader's comes from ../index.html");
  return page.replace(marker, () => dialog[0]);
}

const { values: args } = parseArgs({
  options: { "wasm-dir": { type: "string" }, collection: { type: "string" }, out: { type: "string" } },
});
if (!args["wasm-dir"] || !args.collection || !args.out) {
  console.log("usage: node build.mjs --wasm-dir DIR --collection DIR --out DIR");
  process.exit(2);
}
const collection = path.resolve(args.collection);
if (!fs.existsSync(path.join(collection, "root.fahras"))) fail(`${collection} holds no root.fahras (not a collection)`);

const read = (file) => {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    fail(`cannot read ${file}: ${error.code ?? error.message}`);
  }
};
const files = new Map();
for (const name of PAGE.filter((n) => n !== "app.js")) files.set(name, read(path.join(HERE, name)));
try {
  files.set("app.js", Buffer.from(bundleModules(path.join(HERE, "app.js"), { external: EXTERNAL }).files.get("app.js")));
} catch (error) {
  if (!(error instanceof BundleError)) throw error;
  fail(`bundling app.js: ${error.message}`);
}
// Without comments and indentation, as the five-article page (its dialog is the same bytes).
files.set("index.html", Buffer.from(minifyHtml(withReaderDialog(files.get("index.html").toString()))));
for (const name of [...ENGINE, ...INDEX_ENGINE]) files.set(name, read(path.join(args["wasm-dir"], name)));

// The build id covers everything the service worker caches, the demo's shared files included,
// and the collection's root (a new collection is a new build).
const hash = createHash("sha256");
for (const [name, bytes] of [...files, ...SHARED.map((n) => [`../${n}`, read(path.join(HERE, "..", n))]),
                             ["collection/root.fahras", read(path.join(collection, "root.fahras"))]]) {
  hash.update(`${name}\0${bytes.length}\0`).update(bytes);
}
const worker = read(path.join(HERE, "sw.js")).toString();
const id = hash.update(worker).digest("hex").slice(0, 12);
const line = 'const BUILD = { id: "dev", assets: [] };';
if (!worker.includes(line)) fail(`sw.js lacks the line ${line}`);
const assets = ["./", ...PAGE.filter((n) => n !== "index.html"), ...ENGINE, ...SHARED.map((n) => `../${n}`)];
files.set("sw.js", Buffer.from(worker.replace(line, `const BUILD = ${JSON.stringify({ id, assets })};`)));

// Write only into a new or empty folder, or one this script wrote before (its marker, last).
const MARKER = ".fahras-large";
const out = path.resolve(args.out);
if (fs.existsSync(out) && fs.readdirSync(out).length) {
  if (!fs.existsSync(path.join(out, MARKER))) fail(`${out} is not empty and was not written by large/build.mjs; not touching it`);
  fs.rmSync(out, { recursive: true }); // the link to the collection goes, not the collection
}
fs.mkdirSync(out, { recursive: true });
for (const [name, bytes] of files) {
  fs.writeFileSync(path.join(out, name), bytes);
  precompress(path.join(out, name), bytes); // FILE.gz for serve.mjs
}
fs.symlinkSync(collection, path.join(out, "collection"), "dir");
// The collection's files gzipped once, as a static host would serve them, rather than by
// serve.mjs on each file's first request (which a cold search would wait for).
const packed = await precompressTree(collection);
fs.writeFileSync(path.join(out, MARKER), `${id}\n`);
console.log(`large collection page ${id} -> ${out} (collection: ${collection}, ${packed} files gzipped)`);
