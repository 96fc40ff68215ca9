// Puts a page's ES modules into one file, so that the browser fetches one script before the
// first result instead of thirteen (each gzipped on its own repeats gzip's warm-up and the
// names the modules share). Debian's acorn only (minify-page.mjs loads it).
// SPDX-License-Identifier: MIT
//
// Our own modules only, so the scheme is simple: each module becomes a function scope, run once
// in the order the browser would evaluate it (dependencies first, in the order of the imports),
// that returns its exports; an import becomes a destructuring of what its module returned.
// That copies values where ES modules share live bindings, which is the same for exports that
// are never reassigned: exported `let` and `var` are refused, as are import cycles, default
// exports, re-exports and string names. A form this does not know fails the build, with the
// module and the reason; nothing is bundled silently wrong.
//
// Modules loaded later by import() stay files of their own. When they import modules that are
// in the bundle, `exposeTo` rewrites them to import from the bundle, which exports what they
// use: the page's modules are then evaluated once, and downloaded once.

import fs from "node:fs";
import path from "node:path";
import { loadAcorn } from "./minify-page.mjs";

const PARSE = { ecmaVersion: "latest", sourceType: "module" };

export class BundleError extends Error {}

function refuse(file, node, why) {
  throw new BundleError(`${file}${node ? ` (offset ${node.start})` : ""}: ${why}`);
}

/** Every AST node under `node`, depth first. */
function* nodes(node) {
  if (!node || typeof node.type !== "string") return;
  yield node;
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) for (const item of value) yield* nodes(item);
    else if (value && typeof value === "object") yield* nodes(value);
  }
}

/** A relative static import's target file, resolved against the importing file. */
const target = (file, specifier) => (specifier.startsWith(".") ? path.resolve(path.dirname(file), specifier) : null);

/**
 * The module `entry` (a file) and every module it imports statically, in one module's source.
 * `external`: specifiers that stay imports of the bundle (files that are not the page's own
 * sources, such as Emscripten's output), the same in every module. `exposeTo`: files of modules
 * loaded later (those in the bundle are skipped); what they import from bundled modules is
 * exported by the bundle, and their imports are rewritten to `entrySpecifier`. Returns { code,
 * bundled (files), exposed (Map file -> rewritten source) }.
 */
export function bundleModules(entry, { external = [], exposeTo = [], entrySpecifier = `./${path.basename(entry)}` } = {}) {
  const acorn = loadAcorn();
  const modules = new Map(); // file -> { source, ast, deps: [file] }, in evaluation order
  const visiting = new Set();
  const load = (file, from) => {
    if (modules.has(file)) return;
    if (visiting.has(file)) refuse(from, null, `import cycle through ${path.basename(file)}: the bundler evaluates modules in order and has no live bindings`);
    let source;
    try {
      source = fs.readFileSync(file, "utf8");
    } catch (error) {
      refuse(from ?? file, null, `cannot read ${file}: ${error.code ?? error.message}`);
    }
    let ast;
    try {
      ast = acorn.parse(source, PARSE);
    } catch (error) {
      refuse(file, null, `does not parse: ${error.message}`);
    }
    visiting.add(file);
    const deps = [];
    for (const node of ast.body) {
      if ((node.type === "ImportDeclaration" || (node.type === "ExportNamedDeclaration" && node.source) || node.type === "ExportAllDeclaration")) {
        const specifier = node.source.value;
        if (external.includes(specifier)) continue;
        const dep = target(file, specifier);
        if (!dep) refuse(file, node, `imports "${specifier}", which is neither one of the page's files nor declared external`);
        load(dep, file);
        deps.push(dep);
      }
    }
    visiting.delete(file);
    modules.set(file, { source, ast, deps });
  };
  load(path.resolve(entry), null);
  if (modules.get(path.resolve(entry)).ast.body.some((n) => n.type.startsWith("Export"))) {
    refuse(entry, null, "the entry module exports: nothing could import those exports");
  }

  // Names of the generated bindings: one per module and per external, checked against every
  // identifier of every module so that none can shadow or be shadowed.
  const identifiers = new Set();
  for (const { source } of modules.values()) {
    for (const token of acorn.tokenizer(source, PARSE)) if (token.type.label === "name") identifiers.add(token.value);
  }
  const taken = new Set();
  const fresh = (hint) => {
    const base = `__${hint.replace(/\.m?js$/, "").replace(/\W/g, "_")}`;
    let name = base;
    for (let i = 2; identifiers.has(name) || taken.has(name); i++) name = `${base}${i}`;
    taken.add(name);
    return name;
  };
  const binding = new Map([...modules.keys()].map((file) => [file, fresh(path.basename(file))]));
  const externals = new Map();

  /** `const { a, b: c } = __mod;` for an import declaration's specifiers. */
  const destructure = (file, node, from) => {
    const names = [];
    for (const s of node.specifiers) {
      if (s.type === "ImportDefaultSpecifier") refuse(file, node, "a default import: the page's modules have named exports only");
      if (s.type === "ImportNamespaceSpecifier") return `const ${s.local.name} = ${from};`;
      if (s.imported.type !== "Identifier") refuse(file, s, "an import by a string name");
      names.push(s.imported.name === s.local.name ? s.local.name : `${s.imported.name}: ${s.local.name}`);
    }
    return names.length ? `const { ${names.join(", ")} } = ${from};` : "";
  };

  const exportsOf = new Map(); // file -> Map(exported name -> local name)
  const parts = [];
  for (const [file, { source, ast }] of modules) {
    const top = new Map(); // top-level declarations: name -> kind
    for (const node of ast.body) {
      const declaration = node.type === "ExportNamedDeclaration" ? node.declaration : node;
      if (declaration?.type === "VariableDeclaration") {
        for (const d of declaration.declarations) for (const n of nodes(d.id)) if (n.type === "Identifier") top.set(n.name, declaration.kind);
      } else if (declaration?.type === "FunctionDeclaration" || declaration?.type === "ClassDeclaration") {
        top.set(declaration.id.name, "const");
      } else if (node.type === "ImportDeclaration") {
        for (const s of node.specifiers) top.set(s.local.name, "import");
      }
    }
    if (path.dirname(file) !== path.dirname(path.resolve(entry))) {
      // URLs relative to the module would be read relative to the bundle.
      for (const n of nodes(ast)) {
        if (n.type === "ImportExpression" || n.type === "MetaProperty") refuse(file, n, "import() or import.meta in a module of another folder than the bundle's");
      }
    }
    const cuts = []; // [start, end, replacement]
    const head = [];
    const exported = new Map();
    for (const node of ast.body) {
      if (node.type === "ImportDeclaration") {
        const specifier = node.source.value;
        let from = binding.get(target(file, specifier));
        if (external.includes(specifier)) {
          if (!externals.has(specifier)) externals.set(specifier, fresh(path.basename(specifier)));
          from = externals.get(specifier);
        }
        head.push(destructure(file, node, from));
        cuts.push([node.start, node.end, ""]);
      } else if (node.type === "ExportDefaultDeclaration" || node.type === "ExportAllDeclaration" || node.source) {
        refuse(file, node, "a default export or a re-export: the bundler knows `export` before a declaration and `export { names }` only");
      } else if (node.type === "ExportNamedDeclaration") {
        if (node.declaration) {
          cuts.push([node.start, node.declaration.start, ""]);
          const d = node.declaration;
          if (d.type === "VariableDeclaration") {
            for (const v of d.declarations) for (const n of nodes(v.id)) if (n.type === "Identifier") exported.set(n.name, n.name);
          } else exported.set(d.id.name, d.id.name);
        } else {
          cuts.push([node.start, node.end, ""]);
          for (const s of node.specifiers) {
            if (s.exported.type !== "Identifier") refuse(file, s, "an export by a string name");
            exported.set(s.exported.name, s.local.name);
          }
        }
      }
    }
    for (const [name, local] of exported) {
      const kind = top.get(local);
      if (kind !== "const" && kind !== "import") refuse(file, null, `exports ${name}, a \`${kind ?? "undeclared"}\` binding: only const, function and class exports can be copied`);
    }
    exportsOf.set(file, exported);
    let body = "";
    let at = 0;
    for (const [start, end, replacement] of cuts.sort((a, b) => a[0] - b[0])) {
      body += source.slice(at, start) + replacement;
      at = end;
    }
    body += source.slice(at);
    const result = [...exported].map(([name, local]) => (name === local ? name : `${name}: ${local}`));
    const call = `(() => {\n${head.filter(Boolean).join("\n")}\n${body}\nreturn { ${result.join(", ")} };\n})();`;
    parts.push(file === path.resolve(entry) ? call : `const ${binding.get(file)} = ${call}`);
  }

  // The later modules' imports from bundled modules: exported by the bundle, under their names.
  const exposed = new Map();
  const bundleExports = new Map(); // exported name -> `__mod.name`
  for (const file of exposeTo) {
    if (modules.has(file)) continue;
    const source = fs.readFileSync(file, "utf8");
    const ast = acorn.parse(source, PARSE);
    const rewrites = [];
    for (const n of nodes(ast)) {
      const isStatic = n.type === "ImportDeclaration" || (n.type.startsWith("Export") && n.source);
      if (!isStatic && n.type !== "ImportExpression") continue;
      const dep = n.source.type === "Literal" && typeof n.source.value === "string" ? target(file, n.source.value) : null;
      if (!dep || !modules.has(dep)) continue;
      if (!isStatic || n.type !== "ImportDeclaration") refuse(file, n, `imports ${path.basename(dep)}, which is bundled, by a form the bundle cannot export`);
      for (const s of n.specifiers) {
        if (s.type !== "ImportSpecifier" || s.imported.type !== "Identifier") refuse(file, s, "a default, namespace or string-named import of a bundled module");
        const name = s.imported.name;
        if (!exportsOf.get(dep).has(name)) refuse(file, s, `imports ${name}, which ${path.basename(dep)} does not export`);
        const from = `${binding.get(dep)}.${name}`;
        if (bundleExports.has(name) && bundleExports.get(name) !== from) refuse(file, s, `${name} is exported by two bundled modules`);
        bundleExports.set(name, from);
      }
      rewrites.push(n.source);
    }
    let out = "";
    let at = 0;
    for (const { start, end } of rewrites.sort((a, b) => a.start - b.start)) {
      out += `${source.slice(at, start)}"${entrySpecifier}"`;
      at = end;
    }
    exposed.set(file, out + source.slice(at));
  }
  const tail = [];
  if (bundleExports.size) {
    const locals = [...bundleExports].map(([name, from]) => [name, fresh(name), from]);
    tail.push(...locals.map(([, local, from]) => `const ${local} = ${from};`));
    tail.push(`export { ${locals.map(([name, local]) => `${local} as ${name}`).join(", ")} };`);
  }
  const imports = [...externals].map(([specifier, name]) => `import * as ${name} from ${JSON.stringify(specifier)};`);
  const code = [...imports, ...parts, ...tail].join("\n") + "\n";
  try {
    acorn.parse(code, PARSE); // top-level await, say, is not valid in a function scope
  } catch (error) {
    throw new BundleError(`the bundle of ${path.basename(entry)} does not parse (${error.message}): a module uses a form the bundler does not support`);
  }
  return { code, bundled: [...modules.keys()], exposed };
}
