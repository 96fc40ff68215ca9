// The demo's bundler (web_demo/bundle-page.mjs): a bundle evaluates its modules as the browser
// would, later modules share its instances, and every form it cannot bundle faithfully fails.
// SPDX-License-Identifier: MIT

import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import { BundleError, bundleModules } from "../../web_demo/bundle-page.mjs";

/** A temporary folder with `files` ({ name: source }); removed after the test. */
function folder(t, files) {
  const dir = mkdtempSync(path.join(tmpdir(), "fahras-bundle-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (const [name, source] of Object.entries(files)) writeFileSync(path.join(dir, name), source);
  return dir;
}

test("a bundle runs its modules once each, dependencies first, in import order", async (t) => {
  const dir = folder(t, {
    "log.js": "export const log = [];\n",
    "a.js": 'import { log } from "./log.js";\nimport { b as bee } from "./b.js";\nlog.push("a");\nexport const a = () => `a${bee}`;\n',
    "b.js": 'import { log } from "./log.js";\nlog.push("b");\nconst b = 2;\nexport { b };\nexport function twice(x) { return 2 * x; }\n',
    "c.js": 'import * as B from "./b.js";\nimport { log } from "./log.js";\nlog.push("c", B.twice(B.b));\n',
    "entry.js": 'import "./c.js";\nimport { a } from "./a.js";\nimport { log } from "./log.js";\nlog.push(a());\nglobalThis.bundleLog = log;\n',
    "later.js": 'import { twice } from "./b.js";\nimport { log } from "./log.js";\nexport const run = () => log.push(twice(21));\n',
  });
  const { code, bundled, exposed } = bundleModules(path.join(dir, "entry.js"), { exposeTo: [path.join(dir, "later.js")] });
  assert.deepEqual(bundled.map((f) => path.basename(f)), ["log.js", "b.js", "c.js", "a.js", "entry.js"]);
  writeFileSync(path.join(dir, "bundle.mjs"), code);
  assert.match(exposed.get(path.join(dir, "later.js")), /from "\.\/entry\.js"/, "later modules import from the bundle");
  assert.ok(!/\bimport\b[^(]*from "\.\/b\.js"/.test(exposed.get(path.join(dir, "later.js"))));
  // The later module imports the bundle under its name; here the bundle is bundle.mjs.
  writeFileSync(path.join(dir, "later.mjs"), exposed.get(path.join(dir, "later.js")).replaceAll('"./entry.js"', '"./bundle.mjs"'));
  await import(pathToFileURL(path.join(dir, "bundle.mjs")));
  assert.deepEqual(globalThis.bundleLog, ["b", "c", 4, "a", "a2"]);
  (await import(pathToFileURL(path.join(dir, "later.mjs")))).run();
  assert.deepEqual(globalThis.bundleLog.at(-1), 42, "the later module shares the bundle's instances");
  assert.equal(globalThis.bundleLog.length, 6);
  delete globalThis.bundleLog;
});

test("a form the bundler cannot keep faithful fails the build, naming the module", (t) => {
  const cases = [
    [{ "x.js": 'import "./y.js";\n', "y.js": 'import "./x.js";\n' }, /import cycle/],
    [{ "x.js": 'import { n } from "./y.js";\n', "y.js": "export let n = 1;\n" }, /y\.js.*exports n, a `let` binding/],
    [{ "x.js": 'import y from "./y.js";\n', "y.js": "export default 1;\n" }, /y\.js.*default export/],
    [{ "x.js": 'import { n } from "./y.js";\n', "y.js": 'export { n } from "./z.js";\n', "z.js": "export const n = 1;\n" }, /y\.js.*re-export/],
    [{ "x.js": 'import { n } from "lib";\n' }, /x\.js.*imports "lib"/],
    [{ "x.js": 'import { n } from "./missing.js";\n' }, /cannot read/],
    [{ "x.js": "await Promise.resolve();\n" }, /does not parse/],
  ];
  for (const [files, why] of cases) {
    const dir = folder(t, files);
    assert.throws(() => bundleModules(path.join(dir, "x.js")), (e) => e instanceof BundleError && why.test(e.message), JSON.stringify(files));
  }
});
