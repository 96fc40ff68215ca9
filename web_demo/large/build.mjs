#!/usr/bin/env node
// Assembles the large-collection page of the demo: page, engine, the service worker that knows
// the build, and a link to the collection folder (written by `fahras bundle`). Node builtins only.
// SPDX-License-Identifier: MIT
//
//   node web_demo/large/build.mjs --wasm-dir build/wasm/wasm --collection build/demo-large \
//     --out build/site/large
//
// Run after web_demo/build-site.mjs, which rewrites the whole site folder. The collection is
// linked (a symbolic link), not copied: it is a hundred megabytes. The page imports modules of
// the demo (reader.js, marks.js, ...), uses its style.css from the folder above and takes its
// reader dialog's markup from the demo's index.html.

import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PAGE = ["index.html", "app.js", "strings.js", "large.css"];
const ENGINE = ["fahras-worker.mjs", "fahras.mjs", "fahras-reader.wasm", "fahras-collection.mjs"];
// The worker's index half (loadIndex in the worker): not used by the page, not precached.
const INDEX_ENGINE = ["fahras.mjs", "fahras.wasm"];
// The demo's files the page uses, from the folder above: its style and icon, and every module
// app.js imports from there, followed through their own imports (a list kept by hand missed the
// modules the demo split off later, and the page then failed to start offline).
const SHARED = ["style.css", "icon.svg", ...demoModulesImportedBy(path.join(HERE, "app.js"))];

function fail(message) {
  console.error(`large/build: ${message}`);
  process.exit(1);
}

/** The modules of the demo's folder (names relative to it) that `entry` imports, transitively. */
function demoModulesImportedBy(entry) {
  const demo = path.dirname(HERE);
  const found = new Set();
  const visit = (file) => {
    const text = fs.readFileSync(file, "utf8");
    const specifiers = /\bimport\s*(?:[^;()]*?\bfrom\s*)?\(?\s*["']([^"']+)["']/g;
    for (const [, specifier] of text.matchAll(specifiers)) {
      if (!specifier.startsWith(".")) continue;
      const target = path.resolve(path.dirname(file), specifier);
      if (path.dirname(target) !== demo) {
        if (path.dirname(target) === HERE && fs.existsSync(target) && !found.has(target)) {
          found.add(target);
          visit(target);
        }
        continue;
      }
      if (!found.has(target)) {
        found.add(target);
        visit(target);
      }
    }
  };
  visit(entry);
  return [...found].filter((f) => path.dirname(f) === demo).map((f) => path.basename(f)).sort();
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
for (const name of PAGE) files.set(name, read(path.join(HERE, name)));
files.set("index.html", Buffer.from(withReaderDialog(files.get("index.html").toString())));
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
for (const [name, bytes] of files) fs.writeFileSync(path.join(out, name), bytes);
fs.symlinkSync(collection, path.join(out, "collection"), "dir");
fs.writeFileSync(path.join(out, MARKER), `${id}\n`);
console.log(`large collection page ${id} -> ${out} (collection: ${collection})`);
