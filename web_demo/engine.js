// The engine, the articles and their layout: fetched in parallel after first paint (the page
// works meanwhile); the index is built from the articles here (build-site.mjs says why), then
// warmed up in quiet moments.
// SPDX-License-Identifier: MIT

const BUILD = document.querySelector('meta[name="fahras-build"]').content;
/** Adds the build id to a URL of this site, so no HTTP cache can mix files of two builds. */
export const versioned = (url) => (BUILD === "dev" ? url : `${url}?v=${BUILD}`);
export const isBuilt = BUILD !== "dev";
// The index the page loads, when the site ships one (build-site.mjs --index): the page
// preloads it. Otherwise the page builds its index from the articles.
const PREBUILT = document.querySelector('link[rel="preload"][href*="data/articles.fahras"]') && "data/articles.fahras";

async function fetchOk(url, as) {
  const r = await fetch(versioned(url));
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return r[as]();
}

/**
 * Starts loading. `engine.ready` settles when the index can be searched; `engine.whenReady(f)`
 * runs f then, unless a later call came first (a stale render is dropped).
 */
export function loadEngine() {
  const engine = { fahras: null, index: null, layouts: {} };
  let latest = 0;
  engine.ready = (async () => {
    const [{ default: createFahras }, data, layouts] = await Promise.all([
      import("./fahras.mjs"),
      PREBUILT ? fetchOk(PREBUILT, "arrayBuffer") : fetchOk("data/articles.json", "json"),
      fetchOk("data/layout.json", "json"),
    ]);
    engine.fahras = await createFahras({ locateFile: (file, prefix) => versioned(prefix + file) });
    engine.index = PREBUILT ? engine.fahras.loadIndex(data) : engine.fahras.buildIndex(data);
    engine.layouts = layouts;
    document.documentElement.dataset.ready = "";
    return engine;
  })();
  engine.whenReady = (f) => {
    const id = ++latest;
    if (engine.index) f();
    else engine.ready.then(() => id === latest && f(), () => {});
  };
  return engine;
}

/**
 * Runs `f` in a moment when the browser has nothing else to do, with at least `idleMs` of that
 * idle time left, and `busy()` is false (the reader is typing): background work never holds
 * up a keystroke.
 */
export function whenQuiet(f, { idleMs = 0, busy = () => false } = {}) {
  const idle = (g) => (window.requestIdleCallback ? requestIdleCallback(g) : setTimeout(() => g({ timeRemaining: () => 50 }), 50));
  const step = (deadline) => (busy() || deadline.timeRemaining() < idleMs ? idle(step) : f(deadline));
  idle(step);
}

// A fresh engine's first searches are several times slower than later ones (its code is
// compiled on first use, then optimized once hot). Searching a few queries once, in quiet
// moments after loading, makes the reader's first keystrokes fast without delaying the page:
// none starts while the reader types, while input waits (where the browser tells), or with less
// idle time left than it may take (a cold search: up to 30 ms on a slow machine).
const WARM_UP_IDLE_MS = 30;

/** Runs `search(q)` for each of `queries` in quiet moments; sets data-warm on <html> when done. */
export function warmUp(queries, search, busy) {
  const left = [...queries];
  const warm = (deadline) => {
    do search(left.shift());
    while (left.length && deadline.timeRemaining() >= WARM_UP_IDLE_MS && !navigator.scheduling?.isInputPending?.());
    if (left.length) whenQuiet(warm, { idleMs: WARM_UP_IDLE_MS, busy });
    else document.documentElement.dataset.warm = ""; // for the tests
  };
  whenQuiet(warm, { idleMs: WARM_UP_IDLE_MS, busy });
}
