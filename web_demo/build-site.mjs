#!/usr/bin/env node
// Assembles the demo site: static files, engine, the articles, icons, and a service worker that
// knows the build id and every asset. Node 18+ builtins, Debian's esbuild (bundle-page.mjs),
// acorn and terser (run with NODE_PATH=/usr/share/nodejs: minify-page.mjs).
// SPDX-License-Identifier: MIT
//
//   NODE_PATH=/usr/share/nodejs node web_demo/build-site.mjs [--index FILE.fahras] \
//     --wasm build-wasm/wasm/fahras.mjs --wasm build-wasm/wasm/fahras.wasm --out build/site
//
// The page builds its index itself, from data/articles.json (the five articles' texts, verbatim,
// with their titles and metadata): that and the engine weigh less than a built index (41 KB
// gzipped, of which 25 KB are dictionary, postings and positions, which gzip cannot shrink
// much), and fahras.wasm has the builder anyway. The bytes are those `fahras index
// articles/articles.json` writes (wasm/test/parity.test.mjs checks it), so every result and
// highlight is the same. With --index (bench/web/run's demo around a large corpus) the site
// ships that index, as data/articles.fahras, and the page loads it instead.
//
// The build id is a hash of every file that goes into the site. It names the service worker's
// cache and is appended (?v=ID) to every URL the page loads, the ES modules' imports included
// (rewritten here: an import map would be an inline script, which the page's
// Content-Security-Policy forbids), so neither the service worker nor an HTTP cache can mix
// files of two builds. The site's modules are esbuild's bundle of app.js (bundle-page.mjs):
// app.js, the views it imports when first opened (reader.js, corpus.js, offline.js) and chunk.js,
// the code they share with app.js, which the page preloads with it. The articles' layout
// (articles/layout.json, see article-layout.mjs) becomes data/layout.json. Each file that gzip
// shrinks gets its precompressed copy FILE.gz (precompress.mjs), which serve.mjs sends.

import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { articleLayout } from "./article-layout.mjs";
import { iconPng } from "./make-icons.mjs";
import { BundleError, bundleModules } from "./bundle-page.mjs";
import { minifyCss, minifyHtml, minifyJs, minifyModule } from "./minify-page.mjs";
import { precompress } from "./precompress.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
// The page's files: these, and the bundle of app.js and the modules it imports (sw.js is
// written below).
const STATIC = ["index.html", "style.css", "views.css", "manifest.webmanifest", "icon.svg"];
const ENTRY = "app.js";
const DOCUMENTS = "data/articles.json";
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
if (args.help || !args.out || !args.wasm.length) {
  console.log("usage: node build-site.mjs [--index FILE.fahras] --wasm fahras.mjs --wasm fahras.wasm --out DIR");
  process.exit(args.help ? 0 : 2);
}

// --- Gather every file of the site, by its path in the site.
const files = new Map();
// The page and its code without comments and indentation (minify-page.mjs).
const MINIFY = { ".js": minifyModule, ".css": minifyCss, ".html": minifyHtml };
const minified = async (name, bytes) => (MINIFY[path.extname(name)] ? Buffer.from(await MINIFY[path.extname(name)](bytes.toString())) : bytes);
for (const name of STATIC) files.set(name, await minified(name, readInput(path.join(HERE, name), "source")));
// app.js and the modules it imports, bundled: the engine is a file of the site as it is.
let bundle;
try {
  bundle = bundleModules(path.join(HERE, ENTRY), { external: ["./fahras.mjs"], split: true, shorten: true });
} catch (error) {
  if (!(error instanceof BundleError)) throw error;
  fail(`bundling ${ENTRY}: ${error.message}`);
}
const MODULES = [...bundle.files.keys()];
for (const name of MODULES) {
  if (files.has(name)) fail(`the bundle's ${name} has the name of a file of the site`);
  files.set(name, await minified(name, Buffer.from(bundle.files.get(name))));
}
for (const file of args.wasm) files.set(path.basename(file), readInput(file, "engine file"));
if (!files.has("fahras.mjs") || ![...files.keys()].some((name) => name.endsWith(".wasm"))) {
  fail("--wasm must name fahras.mjs and its .wasm file");
}
const articles = readArticles();
if (args.index) {
  const index = readInput(args.index, "index");
  if (index.subarray(0, 4).toString("latin1") !== "FHRS") fail(`${args.index} is not a fahras index (no FHRS magic)`);
  files.set(INDEX, index);
} else {
  files.set(DOCUMENTS, Buffer.from(JSON.stringify(articles.map(({ doc }) => doc))));
}
files.set(LAYOUT, Buffer.from(JSON.stringify(layouts(articles))));
files.set("icon-192.png", iconPng(192));
files.set("icon-512.png", iconPng(512));
files.set("icon-maskable-512.png", iconPng(512, { maskable: true }));
const worker = minifyJs(readInput(path.join(HERE, "sw.js"), "source").toString());

/**
 * The articles of articles/articles.json, each as `doc`, the document buildIndex takes (id,
 * title, text, then the metadata, in the order `fahras index` reads them), and its `file`.
 */
function readArticles() {
  const dir = path.join(HERE, "articles");
  const list = JSON.parse(readInput(path.join(dir, "articles.json"), "article list"));
  return list.map(({ id, file, title, ...metadata }) => ({
    file,
    doc: { id, title, text: readInput(path.join(dir, file), "article").toString(), ...metadata },
  }));
}

/** Every article's layout by id, from articles/layout.json and the texts. */
function layouts(articles) {
  const marks = JSON.parse(readInput(path.join(HERE, "articles", "layout.json"), "article layout")).articles;
  for (const id of Object.keys(marks)) {
    if (!articles.some((a) => a.doc.id === id)) fail(`articles/layout.json names ${id}, which articles.json does not have`);
  }
  const out = {};
  for (const { file, doc } of articles) {
    try {
      out[doc.id] = articleLayout(doc.text, marks[doc.id], file);
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
// The page's modules as the bundle has them: those app.js imports are preloaded with it (its
// shared chunk), the others are in app.js or load when first opened.
html = html.replace(/<link rel="modulepreload" href="[^"]+\.js">\n?/g, "");
const script = `<script type="module" src="${ENTRY}"></script>\n`;
if (!html.includes(script)) fail(`index.html lacks ${script.trim()}`);
const preloads = bundle.early.filter((name) => name !== ENTRY).map((name) => `<link rel="modulepreload" href="${name}">\n`);
html = html.replace(script, () => script + preloads.join(""));
html = html.replace('<meta name="fahras-build" content="dev">', `<meta name="fahras-build" content="${id}">`);
if (args.index) {
  const from = `href="${DOCUMENTS}"`;
  if (!html.includes(from)) fail(`index.html lacks ${from}`);
  html = html.replace(from, `href="${INDEX}"`);
}
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
const sent = new Map(); // name -> the bytes serve.mjs sends for it: its .gz copy, if gzip pays
for (const [name, bytes] of files) {
  fs.mkdirSync(path.dirname(path.join(out, name)), { recursive: true });
  fs.writeFileSync(path.join(out, name), bytes);
  sent.set(name, precompress(path.join(out, name), bytes) ?? bytes.length);
}
fs.writeFileSync(path.join(out, MARKER), `${id}\n`);

// --- Report sizes: what the page loads before its first result (the page and what its head
// links to: styles, the modules it preloads, engine, articles, layout), as sent, against the budget.
const gz = (name) => sent.get(name);
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
