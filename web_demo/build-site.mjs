#!/usr/bin/env node
// Assembles the demo site: static files, engine, index, icons, and a service worker that knows
// the build id and every asset. Node 18+ builtins only.
// SPDX-License-Identifier: MIT
//
//   node web_demo/build-site.mjs --index articles.fahras \
//     --wasm build-wasm/wasm/fahras.mjs --wasm build-wasm/wasm/fahras.wasm --out build/site
//
// The build id is a hash of every file that goes into the site. It names the service worker's
// cache and is appended (?v=ID) to every URL the page loads, the ES modules' imports included
// (rewritten here: an import map would be an inline script, which the page's
// Content-Security-Policy forbids), so neither the service worker nor an HTTP cache can mix
// files of two builds. The articles' layout (articles/layout.json, see article-layout.mjs)
// becomes data/layout.json.

import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { articleLayout } from "./article-layout.mjs";
import { iconPng } from "./make-icons.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
// The page's files: these, and every .js module next to them (sw.js is written below).
const STATIC = ["index.html", "style.css", "manifest.webmanifest", "icon.svg"];
const MODULES = fs.readdirSync(HERE).filter((name) => name.endsWith(".js") && name !== "sw.js").sort();
const INDEX = "data/articles.fahras";
const LAYOUT = "data/layout.json";
const MARKER = ".fahras-site"; // marks an output folder this script may wipe and rewrite
const BUDGET_KB = 100; // what the page loads before its first result (index.html's links), gzipped

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
for (const name of [...STATIC, ...MODULES]) files.set(name, readInput(path.join(HERE, name), "source"));
for (const file of args.wasm) files.set(path.basename(file), readInput(file, "engine file"));
if (!files.has("fahras.mjs") || ![...files.keys()].some((name) => name.endsWith(".wasm"))) {
  fail("--wasm must name fahras.mjs and its .wasm file");
}
const index = readInput(args.index, "index");
if (index.subarray(0, 4).toString("latin1") !== "FHRS") fail(`${args.index} is not a fahras index (no FHRS magic)`);
files.set(INDEX, index);
files.set(LAYOUT, Buffer.from(JSON.stringify(layouts())));
files.set("icon-192.png", iconPng(192));
files.set("icon-512.png", iconPng(512));
files.set("icon-maskable-512.png", iconPng(512, { maskable: true }));
const worker = readInput(path.join(HERE, "sw.js"), "source").toString();

/** Every article's layout by id, from articles/articles.json, layout.json and the texts. */
function layouts() {
  const dir = path.join(HERE, "articles");
  const list = JSON.parse(readInput(path.join(dir, "articles.json"), "article list"));
  const marks = JSON.parse(readInput(path.join(dir, "layout.json"), "article layout")).articles;
  for (const id of Object.keys(marks)) {
    if (!list.some((a) => a.id === id)) fail(`articles/layout.json names ${id}, which articles.json does not have`);
  }
  const out = {};
  for (const a of list) {
    const text = readInput(path.join(dir, a.file), "article").toString();
    try {
      out[a.id] = articleLayout(text, marks[a.id], a.file);
    } catch (error) {
      fail(`articles/layout.json: ${error.message}`);
    }
  }
  return out;
}

const hash = createHash("sha256");
for (const name of [...files.keys()].sort()) hash.update(`${name}\0${files.get(name).length}\0`).update(files.get(name));
const id = hash.update(worker).digest("hex").slice(0, 12);
const versioned = (name) => `./${name}?v=${id}`;

// --- Point every URL at this build.
const assets = [...files.keys()].filter((name) => name !== "index.html");
for (const name of MODULES) {
  // import ... from "./x.js", import "./x.js", import("./x.js"): the page's own modules only.
  const code = files.get(name).toString().replace(/(\bfrom\s*|\bimport\s*\(?\s*)"\.\/([\w.-]+\.m?js)"/g, (all, head, url) => {
    if (!files.has(url)) fail(`${name} imports ./${url}, which is not part of the site`);
    return `${head}"${versioned(url)}"`;
  });
  files.set(name, Buffer.from(code));
}
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
if (!html.includes(id) || !html.includes('<script type="module"')) fail("index.html lacks the build meta or the module script");
if (!/http-equiv="Content-Security-Policy"/.test(html) || /<script(?![^>]*\bsrc=)[^>]*>/.test(html)) {
  fail("index.html must have its Content-Security-Policy and no inline script");
}
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

// --- Report sizes: what the page loads before its first result (the page and what its head
// links to: styles, the modules it preloads, engine, index, layout), gzipped, against the budget.
const gz = (name) => gzipSync(files.get(name), { level: 9 }).length;
const kb = (n) => (n / 1024).toFixed(1).padStart(7);
const head = files.get("index.html").toString().split("</head>")[0];
const early = new Set(["index.html", ...[...head.matchAll(/<(?:link rel="(?:stylesheet|modulepreload|preload)"|script type="module")[^>]*\b(?:href|src)="\.\/([^"?]+)\?/g)].map((m) => m[1])]);
let firstResult = 0;
console.log(`build ${id} -> ${out}`);
for (const name of [...files.keys()].sort()) {
  if (early.has(name)) firstResult += gz(name);
  console.log(`${kb(files.get(name).length)} KB ${kb(gz(name))} KB gz  ${name}${early.has(name) ? "" : " (later)"}`);
}
console.log(`before the first result: ${(firstResult / 1024).toFixed(1)} KB gzipped (budget ${BUDGET_KB} KB)`);
if (firstResult > BUDGET_KB * 1024) console.warn(`build-site: warning: over the ${BUDGET_KB} KB budget`);
