// Makes the page's HTML, JavaScript and CSS smaller for the site: comments and indentation out
// (half of the page's own bytes before its first result, gzipped, were comments and spaces),
// and the modules' local names shortened.
// SPDX-License-Identifier: MIT
//
// The page's modules are minified by Debian's terser (node-terser): names local to a module or
// to a function shortened, and what terser's compressor proves the same written shorter;
// exported names, property names and strings stay. The service worker is only re-printed token
// by token with Debian's acorn (node-acorn, which Emscripten needs too): the tokens stay as they
// are, only what lies between them changes (build-site.mjs and the tests read its BUILD line).
// A gap with a line break keeps one (automatic semicolons depend on it); any other gap becomes
// one space.
import fs from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const FOLDERS = [...(process.env.NODE_PATH ?? "").split(":").filter(Boolean), "/usr/share/nodejs", "/usr/lib/nodejs"];

/** The Node module `name` of the Debian package `debian`, from NODE_PATH or Debian's Node folders. */
function loadDebianModule(name, debian) {
  const folder = FOLDERS.find((f) => fs.existsSync(`${f}/${name}`));
  if (!folder) throw new Error(`the ${name} Node module is in none of ${FOLDERS.join(", ")} (Debian: ${debian})`);
  try {
    return require(`${folder}/${name}`);
  } catch (error) {
    if (error.code !== "MODULE_NOT_FOUND") throw error;
    throw new Error(`${name} (${folder}) cannot load what it needs: run with NODE_PATH=/usr/share/nodejs, where Debian's Node modules find each other (${error.message.split("\n")[0]})`);
  }
}

/** Debian's acorn module (node-acorn). */
const loadAcorn = () => loadDebianModule("acorn", "node-acorn, which emscripten pulls in");
let acorn;
let terser;

/**
 * `source` (an ES module of the page) minified by terser. Its syntax target is ES2020, what the
 * page's browsers run (it writes nothing newer than the source has).
 */
export async function minifyModule(source) {
  terser ??= loadDebianModule("terser", "node-terser");
  const { code } = await terser.minify(source, { module: true, ecma: 2020, compress: true, mangle: true, format: { comments: false } });
  return `${code}\n`;
}

/** `source` (a script or module) without comments and indentation, token by token. */
export function minifyJs(source) {
  acorn ??= loadAcorn();
  let out = "";
  let end = 0;
  const gap = (from, to) => {
    const between = source.slice(from, to).replace(/\/\*[^]*?\*\/|\/\/[^\n]*/g, (c) => (c.includes("\n") ? "\n" : " "));
    if (from === 0) return "";
    return between.includes("\n") ? "\n" : between ? " " : "";
  };
  for (const token of acorn.tokenizer(source, { ecmaVersion: "latest", sourceType: "module" })) {
    out += gap(end, token.start) + source.slice(token.start, token.end);
    end = token.end;
  }
  return `${out}\n`;
}

/** `source` (a style sheet) without comments, and with runs of white space made one space. */
export function minifyCss(source) {
  return `${source
    .replace(/\/\*[^]*?\*\//g, "")
    .replace(/\s+/g, " ")
    .replace(/ ?([{};]) ?/g, "$1")
    .trim()}\n`;
}

/**
 * `source` (a page) without comments and indentation. The page has no <pre> or <textarea>,
 * where white space would be content; a line break, which stays, separates what it separated.
 */
export function minifyHtml(source) {
  if (/<(pre|textarea)\b/i.test(source)) throw new Error("minifyHtml: the page has <pre> or <textarea>, whose white space is content");
  return `${source.replace(/<!--[^]*?-->/g, "").replace(/\s*\n\s*/g, "\n").trim()}\n`;
}
