#!/usr/bin/env node
// A tiny static server for the demo site, on 127.0.0.1 only. Node builtins only.
// SPDX-License-Identifier: MIT
//
//   PORT=8080 node web_demo/serve.mjs build/site [--log]     (PORT=0 picks a free port)
//
// It prints the URL once listening; with --log, also one line per response:
// `GET /app.js?v=0123abcd 200 gzip 5123` (method, URL, status, encoding, body bytes).
//
// Caching: the page and sw.js are always revalidated (no-cache). A URL carrying the build id
// of the folder (?v=ID, the id build-site.mjs writes last, into .fahras-site) never changes, so
// it may be cached for good: the service worker then precaches it from the HTTP cache instead of
// downloading it again. Any other ?v= (a build id from another build, or any id while the folder
// is being rewritten) is answered 404: a service worker installing during a rebuild must not
// store this build's bytes under another build's URL. A collection's shards
// (shards/<kind>-<hash>.bin) are named by their content: cached for good.
//
// Every response carries the Content-Security-Policy the page also states in a <meta>, with
// what only a header can say (frame-ancestors).
//
// Compression: text, the WebAssembly module, the index and shards are sent gzipped when the request
// allows it (Vary: Accept-Encoding): a file's precompressed copy FILE.gz when build-site.mjs (or
// large/build.mjs, for a collection's files) wrote one and it is not older than FILE, else
// compressed here once per file version and kept in memory (precompress.mjs).

import { createReadStream, promises as fs } from "node:fs";
import http from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";
import { isCompressible, gzipToSend } from "./precompress.mjs";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".txt": "text/plain; charset=utf-8",
  ".fahras": "application/octet-stream",
  ".bin": "application/octet-stream", // a collection's shards (doc/collection.md)
};
// A collection's shard is named by the hash of its bytes: it never changes.
const CONTENT_HASHED = /\/shards\/[a-z]+-[0-9a-f]{16}(-[0-9]+)?\.bin$/;
const BUILD_MARKER = ".fahras-site"; // build-site.mjs writes the build id here, after every other file
const IMMUTABLE = "public, max-age=31536000, immutable";
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
  "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const { values: options, positionals } = parseArgs({ options: { log: { type: "boolean" } }, allowPositionals: true });
const root = path.resolve(positionals[0] ?? ".");
const port = Number(process.env.PORT ?? 8080);

/** The file for a URL path: { file, stat }, { redirect } for a folder without "/", or null. */
async function resolveFile(urlPath) {
  let file;
  try {
    file = path.join(root, path.normalize(decodeURIComponent(urlPath)));
  } catch {
    return null; // malformed %-encoding
  }
  if (file !== root && !file.startsWith(root + path.sep)) return null; // no way out of root
  let stat = await fs.stat(file).catch(() => null);
  if (stat?.isDirectory()) {
    if (!urlPath.endsWith("/")) return { redirect: `${urlPath}/` };
    file = path.join(file, "index.html");
    stat = await fs.stat(file).catch(() => null);
  }
  return stat?.isFile() ? { file, stat } : null;
}

/** The build id of the folder being served, or "" while it is missing (e.g. being rewritten). */
const currentBuild = () => fs.readFile(path.join(root, BUILD_MARKER), "utf8").then((id) => id.trim(), () => "");

/** Whether an Accept-Encoding header allows gzip (RFC 9110: a q of 0 refuses it, "*" stands for it). */
function acceptsGzip(header = "") {
  const weights = new Map();
  for (const part of header.split(",")) {
    const [coding, ...params] = part.split(";").map((s) => s.trim().toLowerCase());
    const q = params.find((p) => p.startsWith("q="));
    if (coding) weights.set(coding, q ? Number(q.slice(2)) : 1);
  }
  const weight = weights.get("gzip") ?? weights.get("x-gzip") ?? weights.get("*") ?? 0;
  return weight > 0;
}

// file -> { version, bytes: Promise<Buffer | null> }; null when gzip would not make it smaller.
const gzipped = new Map();

/** The gzipped bytes of a file, read or compressed once per version (inode, size and mtime). */
function gzippedBytes({ file, stat }) {
  const version = `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
  let entry = gzipped.get(file);
  if (entry?.version !== version) {
    const bytes = gzipToSend(file, stat);
    entry = { version, bytes };
    gzipped.set(file, entry);
    bytes.catch(() => gzipped.get(file) === entry && gzipped.delete(file)); // retried next time
  }
  return entry.bytes;
}

/** Starts a response; the headers are set one by one so that the access log can read them. */
function head(res, status, headers) {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  return res.writeHead(status);
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, "http://localhost");
  if (options.log) {
    res.on("finish", () => {
      const encoding = res.getHeader("Content-Encoding") ?? "identity";
      console.log(`${req.method} ${req.url} ${res.statusCode} ${encoding} ${res.getHeader("Content-Length") ?? 0}`);
    });
  }
  if (req.method !== "GET" && req.method !== "HEAD") {
    head(res, 405, { Allow: "GET, HEAD" }).end();
    return;
  }
  const found = await resolveFile(url.pathname);
  if (found?.redirect) {
    head(res, 301, { Location: found.redirect + url.search }).end();
    return;
  }
  const ext = found && path.extname(found.file);
  const compressible = found !== null && isCompressible(found.file);
  const wantsGzip = compressible && acceptsGzip(req.headers["accept-encoding"]);
  const packed = wantsGzip ? await gzippedBytes(found).catch(() => undefined) : null;
  if (!found || packed === undefined) { // undefined: the file went away while being read
    head(res, 404, { "Content-Type": "text/plain; charset=utf-8" }).end("not found\n");
    return;
  }
  const alwaysFresh = ext === ".html" || path.basename(found.file) === "sw.js";
  const version = url.searchParams.get("v");
  const build = version === null ? "" : await currentBuild();
  if (version !== null && version !== build) {
    head(res, 404, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" })
      .end(`not found: ?v=${version} is not the build served (${build || "none yet"})\n`);
    return;
  }
  const immutable = CONTENT_HASHED.test(found.file) || (!alwaysFresh && version !== null);
  // One ETag per file version and encoding: the two encodings are different bytes.
  const etag = `"${found.stat.size.toString(36)}-${Math.floor(found.stat.mtimeMs).toString(36)}${packed ? "-gz" : ""}"`;
  const headers = {
    "Content-Type": TYPES[ext] ?? "application/octet-stream",
    "Cache-Control": immutable ? IMMUTABLE : "no-cache",
    ETag: etag,
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    ...(compressible && { Vary: "Accept-Encoding" }),
  };
  const ifNoneMatch = req.headers["if-none-match"];
  if (ifNoneMatch && (ifNoneMatch.trim() === "*" || ifNoneMatch.split(",").some((tag) => tag.trim() === etag))) {
    head(res, 304, headers).end();
    return;
  }
  if (packed) {
    head(res, 200, { ...headers, "Content-Encoding": "gzip", "Content-Length": packed.length });
    res.end(req.method === "HEAD" ? undefined : packed);
    return;
  }
  head(res, 200, { ...headers, "Content-Length": found.stat.size });
  if (req.method === "HEAD") res.end();
  else createReadStream(found.file).pipe(res);
});

server.listen(port, "127.0.0.1", () => {
  console.log(`serving ${root} at http://127.0.0.1:${server.address().port}/`);
});
