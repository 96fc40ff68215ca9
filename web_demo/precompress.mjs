// Gzip for the demo site, in one place: which files are sent compressed, the precompressed copy
// (FILE.gz) that build-site.mjs writes beside each, and the bytes serve.mjs sends for a file.
// SPDX-License-Identifier: MIT
//
// zopfli (Debian's `zopfli`) writes gzip that any browser reads, about 6 % smaller than zlib's
// level 9 on the engine and the articles (fahras.wasm 67.8 -> 63.3 KB): too slow to run per
// request, so it runs once per build. Like nginx's gzip_static, a server sends FILE.gz for FILE
// as long as the copy is not older than the file; otherwise it compresses FILE itself.

import { execFileSync } from "node:child_process";
import fs, { promises as fsp, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";

// Worth compressing: text and the binaries that shrink (the wasm module and the index to about
// 45%, a collection's shards); PNG is compressed already.
export const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".json", ".webmanifest", ".svg", ".txt", ".wasm", ".fahras", ".bin"]);

export const isCompressible = (file) => COMPRESSIBLE.has(path.extname(file));

const gzip = promisify(zlib.gzip);

/** The smaller of zopfli's and zlib's gzip of `file`, whose bytes are `raw` (zlib's alone without zopfli). */
function bestGzip(file, raw) {
  const zlibBytes = zlib.gzipSync(raw, { level: 9 });
  let zopfliBytes = null;
  try {
    zopfliBytes = execFileSync("zopfli", ["-c", file], { maxBuffer: 1 << 30, stdio: ["ignore", "pipe", "ignore"] });
  } catch {
    // not installed, or it failed: zlib's bytes are as valid, only larger
  }
  return zopfliBytes && zopfliBytes.length < zlibBytes.length ? zopfliBytes : zlibBytes;
}

/**
 * Writes FILE.gz beside a compressible file, when gzip makes it smaller; returns its size, or
 * null when none was written. Written after FILE, so never older than it. `raw`: FILE's bytes,
 * when the caller has them.
 */
export function precompress(file, raw = readFileSync(file)) {
  if (!isCompressible(file)) return null;
  const packed = bestGzip(file, raw);
  if (packed.length >= raw.length) return null;
  writeFileSync(`${file}.gz`, packed);
  return packed.length;
}

/**
 * Writes FILE.gz beside every compressible file under `dir` that lacks a fresh one, with zlib's
 * level 9 (zopfli would take minutes over a collection's thousands of shards); returns how many
 * it wrote. Each goes through a temporary name: a stopped run leaves no half-written FILE.gz
 * that a server would send as fresh.
 */
export async function precompressTree(dir) {
  const files = [];
  const walk = (folder) => {
    for (const e of fs.readdirSync(folder, { withFileTypes: true })) {
      const file = path.join(folder, e.name);
      if (e.isDirectory()) walk(file);
      else if (e.isFile() && isCompressible(file)) files.push(file);
    }
  };
  walk(dir);
  let written = 0;
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const file = files[next++];
      const stat = await fsp.stat(file);
      if (await freshCopyStat(file, stat)) continue;
      const packed = await gzip(await fsp.readFile(file), { level: 9 });
      if (packed.length >= stat.size) continue;
      await fsp.writeFile(`${file}.gz.tmp`, packed);
      await fsp.rename(`${file}.gz.tmp`, `${file}.gz`);
      written++;
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));  // zlib runs on libuv's thread pool
  return written;
}

/** FILE.gz's stat when it is a file at least as new as FILE (`stat`), else null. */
async function freshCopyStat(file, stat) {
  const copyStat = await fsp.stat(`${file}.gz`).catch(() => null);
  return copyStat?.isFile() && copyStat.mtimeMs >= stat.mtimeMs ? copyStat : null;
}

/** FILE.gz's bytes when it is a file at least as new as FILE (`stat`), else null. */
async function freshCopy(file, stat) {
  if (!(await freshCopyStat(file, stat))) return null;
  return fsp.readFile(`${file}.gz`).catch(() => null);
}

/**
 * The gzip bytes a server sends for a compressible file: its precompressed copy when fresh,
 * else zlib's level 9; null when gzip would not make the file smaller. Rejects when the file
 * cannot be read.
 */
export async function gzipToSend(file, stat = statSync(file)) {
  const copy = await freshCopy(file, stat); // the file itself is read only when there is none
  const packed = copy ?? (await gzip(await fsp.readFile(file), { level: 9 }));
  return packed.length < stat.size ? packed : null;
}
