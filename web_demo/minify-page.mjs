// Makes the page's HTML, JavaScript and CSS smaller for the site: comments and indentation out
// (half of the page's own bytes before its first result, gzipped, were comments and spaces).
// SPDX-License-Identifier: MIT
//
// JavaScript is re-printed token by token with Debian's acorn (node-acorn, which Emscripten
// needs too): the tokens stay as they are, only what lies between them changes, so the code
// means the same. A gap with a line break keeps one (automatic semicolons depend on it); any
// other gap becomes one space. Names are not shortened: no minifier that reads today's syntax
// is a Debian package (Emscripten's terser predates it).
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** Debian's acorn module (node-acorn), from NODE_PATH or Debian's Node folders. */
export function loadAcorn() {
  const folders = [...(process.env.NODE_PATH ?? "").split(":").filter(Boolean), "/usr/share/nodejs", "/usr/lib/nodejs"];
  for (const folder of folders) {
    try {
      return require(`${folder}/acorn`);
    } catch {
      // not in this folder
    }
  }
  throw new Error(`the acorn Node module is in none of ${folders.join(", ")} (Debian: node-acorn, which emscripten pulls in)`);
}
let acorn;

/** `source` (an ES module) without comments and indentation. */
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
