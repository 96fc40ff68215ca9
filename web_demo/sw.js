// Service worker: serves one build of the demo, whole, from a cache named after that build.
// SPDX-License-Identifier: MIT
//
// build-site.mjs rewrites the BUILD line with the build id and every asset URL of the build.
// Install caches all of them or none (a failed install leaves the previous build in charge);
// fetches are answered only from this build's cache; activate deletes the caches of older builds.
// No skipWaiting() on install: a page keeps the build it started with until the user reloads
// (the page offers it), so old and new files are never mixed.
//
// Install goes through the HTTP cache, so the files the page has just loaded are not downloaded
// a second time. That cannot mix builds: every asset URL carries the build id (?v=ID), and
// serve.mjs marks it immutable only while it serves that build; the page ("./") is no-cache, so
// it is revalidated, and install checks that it is this build's page.

const BUILD = { id: "dev", assets: [] };
const CACHE = `fahras-${BUILD.id}`;
const PAGE = new URL("./", self.registration.scope).href;

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      try {
        await cache.addAll(BUILD.assets);
        const page = await (await cache.match("./")).text();
        if (!page.includes(`<meta name="fahras-build" content="${BUILD.id}">`)) {
          throw new Error(`the server's page is not of build ${BUILD.id}`);
        }
      } catch (error) {
        await caches.delete(CACHE);
        throw error;
      }
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("fahras-") && name !== CACHE) await caches.delete(name);
      }
    })(),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "activate") self.skipWaiting(); // the user asked for the new build
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || BUILD.id === "dev") return;
  const url = new URL(request.url);
  if (url.origin !== location.origin) return;
  // Every navigation inside the scope gets this build's page; the query string is app state.
  const page = request.mode === "navigate" && (url.pathname === new URL(PAGE).pathname || url.href.startsWith(`${PAGE}index.html`));
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      const hit = await cache.match(page ? PAGE : request);
      return hit ?? fetch(request);
    })(),
  );
});
