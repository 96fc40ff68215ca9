// Minifies wrapper.js for fahras.mjs: no comments or whitespace, short local names.
// SPDX-License-Identifier: MIT
//
// usage: node minify.mjs EMSCRIPTEN_TERSER_JS INPUT OUTPUT   (with NODE_PATH finding acorn)
//
// There is no closure compiler here, so this uses what emcc itself runs on its JavaScript:
// Debian's acorn to parse and the terser (3.x) bundled with Emscripten to mangle and print.
// That terser predates `import.meta` and `import()`, so they travel as placeholder names. It also
// predates ES2020 syntax: wrapper.js sticks to ES2019 plus `import.meta` and `import()`.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const [terserPath, input, output] = process.argv.slice(2);
if (!output) {
  console.error("usage: node minify.mjs EMSCRIPTEN_TERSER_JS INPUT OUTPUT");
  process.exit(2);
}
const require = createRequire(import.meta.url);
const acorn = require("acorn");
const terser = require(terserPath);

const placeholders = [["import.meta", "FAHRAS$IMPORT$META"], ["import(", "FAHRAS$IMPORT("]];
let source = readFileSync(input, "utf8");
for (const [syntax, name] of placeholders) {
  if (source.includes(name)) throw new Error(`${input} contains ${name}`);
  source = source.replaceAll(syntax, name);
}
const ast = acorn.parse(source, {
  ecmaVersion: 2019,
  sourceType: "module",
});
// The names a module exports: `export function f`, `export class C`, `export const x = ...`,
// `export { a, b as c }`.
function exportedNames(program) {
  const names = [];
  for (const node of program.body) {
    if (node.type !== "ExportNamedDeclaration") continue;
    const d = node.declaration;
    if (d && d.id) names.push(d.id.name);
    for (const v of (d && d.declarations) || []) names.push(v.id.name);
    for (const s of node.specifiers) names.push(s.local.name);
  }
  return names;
}
const tree = terser.AST_Node.from_mozilla_ast(ast);
tree.figure_out_scope({});
tree.compute_char_frequency({});  // also sets up the name generator mangle_names() needs
// Top-level names are mangled too (about 110 bytes gzipped of fahras.mjs), all but the module's
// exports: its public API. The modules import one another only through import(), by export.
tree.mangle_names({ toplevel: true, reserved: exportedNames(ast) });
let code = tree.print_to_string({ beautify: false });
for (const [syntax, name] of placeholders) code = code.replaceAll(name, syntax);
writeFileSync(output, `${code}\n`);
