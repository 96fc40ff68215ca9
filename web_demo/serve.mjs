#!/usr/bin/env node
// A tiny static server for the demo site, on 127.0.0.1 only. Node builtins only.
// SPDX-License-Identifier: MIT
//
//   PORT=8080 node web_demo/serve.mjs build/site      (PORT=0 picks a free port)
//
// It prints the URL once listening. The page and sw.js are always revalidated (no-cache);
// URLs carrying a build id (?v=...) never change, so they may be cached for good.

import { createReadStream, promises as fs } from "node:fs";
import http from "node:http";
import path from "node:path";

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
};

const root = path.resolve(process.argv[2] ?? ".");
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

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, "http://localhost");
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { Allow: "GET, HEAD" }).end();
    return;
  }
  const found = await resolveFile(url.pathname);
  if (found?.redirect) {
    res.writeHead(301, { Location: found.redirect + url.search }).end();
    return;
  }
  if (!found) {
    res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("not found\n");
    return;
  }
  const ext = path.extname(found.file);
  const etag = `"${found.stat.size.toString(36)}-${Math.floor(found.stat.mtimeMs).toString(36)}"`;
  const alwaysFresh = ext === ".html" || path.basename(found.file) === "sw.js";
  const headers = {
    "Content-Type": TYPES[ext] ?? "application/octet-stream",
    "Cache-Control": alwaysFresh || !url.searchParams.has("v") ? "no-cache" : "public, max-age=31536000, immutable",
    ETag: etag,
    "X-Content-Type-Options": "nosniff",
  };
  if (req.headers["if-none-match"] === etag) {
    res.writeHead(304, headers).end();
    return;
  }
  res.writeHead(200, { ...headers, "Content-Length": found.stat.size });
  if (req.method === "HEAD") res.end();
  else createReadStream(found.file).pipe(res);
});

server.listen(port, "127.0.0.1", () => {
  console.log(`serving ${root} at http://127.0.0.1:${server.address().port}/`);
});
