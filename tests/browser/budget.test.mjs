// Size budget of the demo's first load, gzipped: the whole page, and the hand-written part.
// SPDX-License-Identifier: MIT

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { gzipSync } from "node:zlib";

const SITE = process.env.FAHRAS_SITE_DIR;
const KB = 1024;

test("first load stays under 150 KB gzipped, HTML+CSS+JS of the demo under 20 KB", { skip: !SITE && "needs FAHRAS_SITE_DIR" }, () => {
  const gz = (name) => gzipSync(readFileSync(path.join(SITE, name)), { level: 9 }).length;
  const top = readdirSync(SITE);
  const engine = top.filter((n) => n.startsWith("fahras") && /\.(m?js|wasm)$/.test(n));
  const ours = top.filter((n) => /\.(html|css|js)$/.test(n) && !engine.includes(n));
  const first = [...ours, ...engine, "data/articles.fahras"];
  assert.ok(ours.includes("index.html") && ours.includes("app.js") && engine.some((n) => n.endsWith(".wasm")));
  const sum = (names) => names.reduce((n, name) => n + gz(name), 0);
  const report = first.map((name) => `${name} ${(gz(name) / KB).toFixed(1)} KB`).join(", ");
  assert.ok(sum(first) < 150 * KB, `first load ${(sum(first) / KB).toFixed(1)} KB gzipped: ${report}`);
  assert.ok(sum(ours) < 20 * KB, `demo HTML+CSS+JS ${(sum(ours) / KB).toFixed(1)} KB gzipped`);
});
