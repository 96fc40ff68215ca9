#!/usr/bin/env node
// Indexes a generated corpus (JSON Lines) with Pagefind's Node API, the peer of `fahras bundle`.
// SPDX-License-Identifier: MIT
//
//   node pagefind-index.mjs CORPUS.jsonl OUT_DIR
//
// One custom record per document (addCustomRecord: no HTML files to write or parse), in Arabic
// (`language: "ar"`, which gives Pagefind its Arabic stemmer, as `<html lang="ar">` would), with
// the title as metadata and title + text as the searchable content (fahras indexes both). The
// bundle goes to OUT_DIR/pagefind/. Prints one JSON line: {documents, seconds, addSeconds,
// peakBytes, cpuSeconds, feederPeakBytes}: `seconds` from createIndex to the files written
// (`addSeconds` of it adding records); `peakBytes` and `cpuSeconds` are the Pagefind service
// process's (its VmHWM and utime + stime, read from /proc before it is closed: /usr/bin/time
// would miss it, as the Node API kills it without waiting); `feederPeakBytes` is this process's.

import { createReadStream, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import * as pagefind from "pagefind";

const [corpus, out] = process.argv.slice(2);
if (!corpus || !out) {
  console.error("usage: node pagefind-index.mjs CORPUS.jsonl OUT_DIR");
  process.exit(2);
}

function check(response, what) {
  if (response.errors.length) throw new Error(`pagefind: ${what}: ${response.errors.join("; ")}`);
  return response;
}

const start = performance.now();
const { index } = check(await pagefind.createIndex({}), "createIndex");
let documents = 0;
// A few records in flight keep the service busy without holding the corpus in memory.
const inFlight = new Set();
for await (const line of createInterface({ input: createReadStream(corpus), crlfDelay: Infinity })) {
  if (!line.trim()) continue;
  const doc = JSON.parse(line);
  const meta = { title: doc.title };
  for (const key of ["source", "date"]) if (typeof doc[key] === "string") meta[key] = doc[key];
  const added = index
    .addCustomRecord({ url: `/doc/${encodeURIComponent(doc.id)}`, content: `${doc.title}\n${doc.text}`, language: "ar", meta })
    .then((r) => check(r, `record ${doc.id}`));
  inFlight.add(added);
  added.finally(() => inFlight.delete(added));
  if (inFlight.size >= 64) await Promise.race(inFlight);
  documents++;
}
await Promise.all(inFlight);
const addSeconds = (performance.now() - start) / 1000;
check(await index.writeFiles({ outputPath: path.resolve(out, "pagefind") }), "writeFiles");
const seconds = (performance.now() - start) / 1000;
const service = serviceUsage();
await pagefind.close();
const feederPeakBytes = process.resourceUsage().maxRSS * 1024;
console.log(JSON.stringify({ documents, seconds, addSeconds, ...service, feederPeakBytes }));

/** Peak memory and CPU time of this process's one child, the Pagefind service (Linux /proc). */
function serviceUsage() {
  const children = [];
  for (const task of readdirSync(`/proc/${process.pid}/task`)) {
    const list = readFileSync(`/proc/${process.pid}/task/${task}/children`, "utf8").trim();
    if (list) children.push(...list.split(/\s+/));
  }
  if (children.length !== 1) throw new Error(`expected one Pagefind service process, found ${children.length}`);
  const [pid] = children;
  const hwm = /VmHWM:\s*(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  // Fields 14 and 15 of /proc/PID/stat (after the parenthesized name) are utime and stime.
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return { peakBytes: Number(hwm[1]) * 1024, cpuSeconds: ticks / 100 };
}
