#!/usr/bin/env node
// Assembles the demo site: static files, engine, index, icons, and a service worker that knows
// the build id and every asset. Node 18+ builtins only.
// SPDX-License-Identifier: MIT
//
//   node web_demo/build-site.mjs --index articles.fahras \
//     --wasm build-wasm/wasm/fahras.mjs --wasm build-wasm/wasm/fahras.wasm --out build/site
//
// The build id is a hash of every file that goes into the site. It names the service worker's
// cache and is appended (?v=ID) to every URL the page loads, through an import map for the ES
// modules, so neither the service worker nor an HTTP cache can mix files of two builds.

import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { iconPng } from "./make-icons.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const STATIC = ["index.html", "app.js", "strings.js", "marks.js", "reader.js", "corpus.js",
                "style.css", "manifest.webmanifest", "icon.svg"];
const INDEX = "data/articles.fahras";
const MARKER = ".fahras-site"; // marks an output folder this script may wipe and rewrite
const BUDGET_KB = 150; // the first load (page, styles, scripts, engine, index), gzipped

function fail(message) {
  console.error(`build-site: ${message}`);
  process.exit(1);
}

function readInput(file, what) {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    fail(`cannot read ${what} ${file}: ${error.code ?? error.message}`);
  }
}

const { values: args } = parseArgs({
  options: {
    index: { type: "string" },
    wasm: { type: "string", multiple: true, default: [] },
    out: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});
if (args.help || !args.index || !args.out || !args.wasm.length) {
  console.log("usage: node build-site.mjs --index FILE.fahras --wasm fahras.mjs --wasm fahras.wasm --out DIR");
  process.exit(args.help ? 0 : 2);
}

// --- Gather every file of the site, by its path in the site.
const files = new Map();
for (const name of STATIC) files.set(name, readInput(path.join(HERE, name), "source"));
for (const file of args.wasm) files.set(path.basename(file), readInput(file, "engine file"));
if (!files.has("fahras.mjs") || ![...files.keys()].some((name) => name.endsWith(".wasm"))) {
  fail("--wasm must name fahras.mjs and its .wasm file");
}
const index = readInput(args.index, "index");
if (index.subarray(0, 4).toString("latin1") !== "FHRS") fail(`${args.index} is not a fahras index (no FHRS magic)`);
files.set(INDEX, index);
files.set("icon-192.png", iconPng(192));
files.set("icon-512.png", iconPng(512));
files.set("icon-maskable-512.png", iconPng(512, { maskable: true }));
const worker = readInput(path.join(HERE, "sw.js"), "source").toString();

const hash = createHash("sha256");
for (const name of [...files.keys()].sort()) hash.update(`${name}\0${files.get(name).length}\0`).update(files.get(name));
const id = hash.update(worker).digest("hex").slice(0, 12);
const versioned = (name) => `./${name}?v=${id}`;

// --- Point every URL at this build.
const assets = [...files.keys()].filter((name) => name !== "index.html");
const modules = assets.filter((name) => /\.m?js$/.test(name));
const importMap = JSON.stringify({ imports: Object.fromEntries(modules.map((name) => [`./${name}`, versioned(name)])) });
let html = files.get("index.html").toString();
html = html.replace('<meta name="fahras-build" content="dev">', `<meta name="fahras-build" content="${id}">`);
// The favicon goes into the page as a data: URL: Chromium also fetches the manifest's icon.svg,
// and that request is then the only one for it.
html = html.replace(/<link rel="icon" href="([^"]+\.svg)"/, (all, url) => {
  if (!files.has(url)) fail(`index.html refers to ${url}, which is not part of the site`);
  const svg = files.get(url).toString().replace(/<!--.*?-->/gs, "").trim().replaceAll('"', "'");
  return `<link rel="icon" href="data:image/svg+xml,${svg.replace(/[%#<>{}\s]/g, encodeURIComponent)}"`;
});
html = html.replace(/\b(href|src)="([^"?#:]+)"/g, (all, attr, url) => {
  if (url === "./") return all;
  if (!files.has(url)) fail(`index.html refers to ${url}, which is not part of the site`);
  return `${attr}="${versioned(url)}"`;
});
// The import map must come before anything that loads a module.
html = html.replace(/<(script type="module"|link rel="modulepreload")/, `<script type="importmap">${importMap}</script>\n<$1`);
if (!html.includes(id) || !html.includes("importmap")) fail("index.html lacks the build meta or the module script");
files.set("index.html", Buffer.from(html));

const manifest = JSON.parse(files.get("manifest.webmanifest"));
for (const icon of manifest.icons) icon.src = versioned(icon.src);
files.set("manifest.webmanifest", Buffer.from(JSON.stringify(manifest)));

const build = JSON.stringify({ id, assets: ["./", ...assets.map(versioned)] });
const line = 'const BUILD = { id: "dev", assets: [] };';
if (!worker.includes(line)) fail(`sw.js lacks the line ${line}`);
files.set("sw.js", Buffer.from(worker.replace(line, `const BUILD = ${build};`)));

// --- Write the site: only into a new or empty folder, or one this script wrote before.
const out = path.resolve(args.out);
if (fs.existsSync(out) && fs.readdirSync(out).length) {
  if (!fs.existsSync(path.join(out, MARKER))) fail(`${out} is not empty and was not written by build-site; not touching it`);
  fs.rmSync(out, { recursive: true });
}
for (const [name, bytes] of files) {
  fs.mkdirSync(path.dirname(path.join(out, name)), { recursive: true });
  fs.writeFileSync(path.join(out, name), bytes);
}
fs.writeFileSync(path.join(out, MARKER), `${id}\n`);

// --- Report sizes: what a first visit downloads, gzipped, against the budget.
const gz = (name) => gzipSync(files.get(name), { level: 9 }).length;
const kb = (n) => (n / 1024).toFixed(1).padStart(7);
let firstLoad = 0;
console.log(`build ${id} -> ${out}`);
for (const name of [...files.keys()].sort()) {
  const onFirstLoad = !/\.(png|svg|webmanifest)$/.test(name);
  if (onFirstLoad) firstLoad += gz(name);
  console.log(`${kb(files.get(name).length)} KB ${kb(gz(name))} KB gz  ${name}${onFirstLoad ? "" : " (not on first load)"}`);
}
console.log(`first load: ${(firstLoad / 1024).toFixed(1)} KB gzipped (budget ${BUDGET_KB} KB)`);
if (firstLoad > BUDGET_KB * 1024) console.warn(`build-site: warning: first load is over the ${BUDGET_KB} KB budget`);
