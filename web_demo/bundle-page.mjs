// Bundles a page's ES modules with Debian's esbuild (the `esbuild` package, its command): the
// entry and the modules it imports become few files, fetched in parallel, not module by module.
// SPDX-License-Identifier: MIT
//
// The site's minifier is terser (minify-page.mjs), whose output is smaller than esbuild's; but
// only esbuild can shorten the names the bundle's files import from each other, and its
// shortened code minifies smaller. Nothing is lowered: the files have the syntax their sources
// have.

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** A bundle that could not be made: esbuild is missing or refused the modules (its message). */
export class BundleError extends Error {}

/**
 * `entry` (a module's path) bundled with the modules it imports, except the `external` imports
 * (kept as written). With `shorten`, esbuild shortens names and syntax. With `split`, each
 * module imported with import() is a file of its own, named as its source (reader.js), and the
 * code the entry shares with them is one file, chunk.js, so the page runs one instance of it.
 * Returns `files`, each output's name to its code, and `early`, the names of what the entry
 * imports statically (the entry's own first): what the page fetches before the entry can run,
 * and should preload.
 */
export function bundleModules(entry, { external = [], split = false, shorten = false } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fahras-bundle-"));
  const out = path.join(dir, "out");
  // Run where the entry is: the paths esbuild writes (the comments of an unminified bundle, the
  // metafile's) are relative to it, the same on every machine.
  const cwd = path.dirname(path.resolve(entry));
  try {
    const args = [path.basename(entry), "--bundle", "--format=esm", "--charset=utf8", "--log-level=warning",
                  `--outdir=${out}`, "--entry-names=[name]", `--metafile=${path.join(dir, "meta.json")}`,
                  ...external.map((url) => `--external:${url}`)];
    if (shorten) args.push("--minify-identifiers", "--minify-syntax");
    // One shared chunk: a second one would have the same name, which esbuild refuses (an error
    // here, never a wrong page); then the names need esbuild's [hash].
    if (split) args.push("--splitting", "--chunk-names=[name]");
    const run = spawnSync("esbuild", args, { cwd, encoding: "utf8" });
    if (run.error?.code === "ENOENT") throw new BundleError("no esbuild command (Debian package: esbuild)");
    if (run.error) throw run.error;
    if (run.status !== 0) throw new BundleError(`esbuild failed: ${run.stderr.trim() || `exit status ${run.status}`}`);
    if (run.stderr.trim()) console.warn(run.stderr.trim());

    const outputs = JSON.parse(fs.readFileSync(path.join(dir, "meta.json"), "utf8")).outputs;
    const files = new Map();
    const output = new Map(); // by name, the metafile's entry
    for (const [file, about] of Object.entries(outputs)) {
      if (path.dirname(path.resolve(cwd, file)) !== out) throw new BundleError(`esbuild wrote ${file}, outside its folder`);
      files.set(path.basename(file), fs.readFileSync(path.resolve(cwd, file), "utf8"));
      output.set(path.basename(file), about);
    }
    const name = `${path.basename(entry, path.extname(entry))}.js`;
    if (!files.has(name)) throw new BundleError(`esbuild wrote no ${name}`);
    const early = [name];
    for (const file of early) {
      for (const { path: imported, kind } of output.get(file).imports) {
        const url = path.basename(imported);
        if (kind === "import-statement" && files.has(url) && !early.includes(url)) early.push(url);
      }
    }
    return { files, early };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
