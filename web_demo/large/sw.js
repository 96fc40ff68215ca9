// Service worker of the large-collection page: the page, its scripts and the engine, offline.
// SPDX-License-Identifier: MIT
//
// build.mjs rewrites the BUILD line with the build id and the page's files. Network first:
// online, every file comes from the server (and the HTTP cache), so files of two builds never
// mix; offline, from this build's cache. The collection's own files are not handled here:
// collection.downloadAll() stores them and fahras-collection.mjs reads them back itself.

const BUILD = { id: "dev", assets: [] };
const CACHE = `fahras:large:${BUILD.id}`;
const PAGE = new URL("./", self.registration.scope).href;
const ASSETS = new Set(BUILD.assets.map((a) => new URL(a, self.registration.scope).href));

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll([...ASSETS])).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name.startsWith("fahras:large:") && name !== CACHE) await caches.delete(name);
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || BUILD.id === "dev") return;
  const url = new URL(request.url);
  url.search = "";
  const key = request.mode === "navigate" && url.href === PAGE ? PAGE : url.href;
  if (!ASSETS.has(key)) return;
  event.respondWith(fetch(request).catch(async (error) => (await caches.match(key, { cacheName: CACHE })) ?? Promise.reject(error)));
});
