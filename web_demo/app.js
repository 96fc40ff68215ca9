// The demo's entry point: loads the engine and index, keeps the state in the URL, runs searches.
// SPDX-License-Identifier: MIT

import { T, formatDate } from "./strings.js";
import { h, appendMarked } from "./marks.js";
import { createReader } from "./reader.js";
import { createCorpus } from "./corpus.js";

const BUILD = document.querySelector('meta[name="fahras-build"]').content;
/** Adds the build id to a URL of this site, so no HTTP cache can mix files of two builds. */
const versioned = (url) => (BUILD === "dev" ? url : `${url}?v=${BUILD}`);
const PAGE = 20;
const DEBOUNCE_MS = 60;
const SNIPPET_WORDS = 26;
const $ = (id) => document.getElementById(id);
const plainClick = (e) => !(e.ctrlKey || e.metaKey || e.shiftKey || e.altKey || e.button);

// --- Strings: the HTML holds structure only; data-t="key" and data-t-ATTR="key" name the text.
document.title = T.pageTitle;
for (const el of document.querySelectorAll("[data-t],[data-t-placeholder],[data-t-aria-label],[data-t-title]")) {
  for (const [name, key] of Object.entries(el.dataset)) {
    if (name === "t") el.textContent = T[key];
    else if (name.startsWith("t")) el.setAttribute(name.slice(1).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).slice(1), T[key]);
  }
}
$("help-list").append(...T.help.flatMap(([syntax, meaning]) => [h("dt", {}, h("code", { text: syntax })), h("dd", { text: meaning })]));
$("examples").append(...T.examples.map((q) => h("li", {}, h("button", { type: "button", class: "chip", "data-q": q, "aria-label": T.exampleLabel(q), text: q }))));

// --- State, kept in the URL: search view (q, source), corpus view (by, w), reader (doc, at).
const DEFAULTS = { view: "search", q: "", source: "", by: "stem", w: "", doc: "", at: "" };
let state = readUrl();

function readUrl() {
  const params = new URLSearchParams(location.search);
  const s = {};
  for (const [key, value] of Object.entries(DEFAULTS)) s[key] = params.get(key) ?? value;
  if (!["search", "corpus"].includes(s.view)) s.view = "search";
  if (!["stem", "normalized", "surface"].includes(s.by)) s.by = "stem";
  return s;
}

function urlOf(s) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(DEFAULTS)) if (s[key] && s[key] !== value) params.set(key, s[key]);
  const query = params.toString();
  return query ? `?${query}` : location.pathname;
}
const linkTo = (changes) => urlOf({ ...state, ...changes });

/**
 * Moves to a new state. Typing and filters replace the current history entry; places (a view,
 * an article, a concordance) push one, so Back returns from them. `reader` marks an entry that
 * opened the reader: closing it then goes back instead of piling up entries.
 */
function commit(changes, { push = false, reader = false } = {}) {
  state = { ...state, ...changes };
  const url = urlOf(state);
  const here = url === (location.search || location.pathname);
  if (push && !here) history.pushState({ reader }, "", url);
  else if (!here) history.replaceState(history.state, "", url);
  render();
}

addEventListener("popstate", () => {
  cancelTyping();
  state = readUrl();
  render();
});

// --- Engine and index: fetched in parallel after first paint; the UI works meanwhile.
let fahras = null;
let index = null;
let latest = 0; // id of the latest render: a render queued behind the loading is dropped if stale
const ready = load();

async function load() {
  const status = $("status");
  status.textContent = T.loading;
  try {
    const [{ default: createFahras }, bytes] = await Promise.all([
      import("./fahras.mjs"),
      fetch(versioned("data/articles.fahras")).then((r) => {
        if (!r.ok) throw new Error(`data/articles.fahras: HTTP ${r.status}`);
        return r.arrayBuffer();
      }),
    ]);
    fahras = await createFahras({ locateFile: (file, prefix) => versioned(prefix + file) });
    index = fahras.loadIndex(new Uint8Array(bytes));
    findSources();
    document.documentElement.dataset.ready = "";
  } catch (error) {
    status.textContent = "";
    $("error").replaceChildren(
      h("strong", { text: T.loadError }), " ", T.loadErrorHint, " ",
      h("button", { type: "button", text: T.retry, onclick: () => location.reload() }),
      h("code", { dir: "ltr", text: error?.code ? `${error.code}: ${error.message}` : String(error?.message ?? error) }),
    );
    $("error").hidden = false;
    throw error;
  }
}

/** Runs `f` once the index is loaded, unless a later call came first (stale: dropped). */
function whenReady(f) {
  const id = ++latest;
  if (index) f();
  else ready.then(() => id === latest && f(), () => {});
}

// --- Rendering the state
const views = { search: $("search-view"), corpus: $("corpus-view") };
const input = $("q");
const sourceSelect = $("source");
const reader = createReader($("reader"), { onClose: closeReader });
const corpus = createCorpus(views.corpus, {
  linkTo,
  titleOf,
  onWord: (w) => {
    commit({ w, doc: "", at: "" }, { push: true });
    corpus.focusResults();
  },
  onBy: (by) => commit({ by }),
  onLine: (line, from) => openDoc(line.id, from, line.start),
});
let opener = null;
let typing = 0; // the debounce timer while a keystroke waits to be searched

function cancelTyping() {
  clearTimeout(typing);
  typing = 0;
}

function render() {
  for (const [name, section] of Object.entries(views)) section.hidden = name !== state.view;
  for (const a of document.querySelectorAll("nav a[data-view]")) {
    a.href = linkTo({ view: a.dataset.view, doc: "", at: "" });
    if (a.dataset.view === state.view) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  if (!typing && input.value !== state.q) input.value = state.q;
  whenReady(() => {
    if (state.view === "search") renderSearch();
    else corpus.render(index, state);
    const query = state.view === "search" ? readerQuery() : state.w;
    const key = state.doc && `${state.doc}\n${query}\n${state.at}`;
    if (key === reader.key) return;
    if (!key) return reader.hide();
    const view = index.document(state.doc, query);
    reader.show(view, { key, from: opener, focusOffset: state.at === "" ? undefined : Number(state.at) });
    opener = null;
  });
}

// --- Search view
let shown = null; // the query and filter the results show
let lastNotes = [];
let shownHits = 0;
const seenSources = new Set();
const collator = new Intl.Collator("ar");

function renderSearch() {
  const q = state.q; // untrimmed: a final space ends the last word, which is then no prefix
  const key = `${q}\n${state.source}`;
  if (key === shown) return;
  shown = key;
  $("home").hidden = Boolean(q.trim());
  $("notes").replaceChildren();
  $("more").hidden = true;
  lastNotes = [];
  if (!q.trim()) {
    $("results").replaceChildren();
    $("status").textContent = T.ready(index.stats());
    renderSources(null);
    return;
  }
  const start = performance.now();
  const page = search(q, 0);
  // The source menu counts every hit of the query without the source filter: the page has
  // them all unless it is filtered or there are more than one page.
  const all = state.source || page.total > page.hits.length
    ? index.search(q, { prefix: true, limit: 1000, snippetWords: 0 })
    : page;
  const took = performance.now() - start;
  lastNotes = page.notes;
  renderSources(all);
  $("status").textContent = `${T.results(page.total)} · ${T.took(took)}`;
  $("notes").append(
    ...page.notes.flatMap((n) =>
      n.kind === "typo" ? [h("li", { class: "typo", text: T.typo(n.word, n.expansions) })]
      : n.kind === "stopword" ? [h("li", { text: T.stopword(n.word) })] : []),
    page.total ? "" : h("li", { text: T.noResults }),
  );
  $("results").replaceChildren(...page.hits.map(hitItem));
  shownHits = page.hits.length;
  $("more").hidden = shownHits >= page.total;
}

function search(q, offset) {
  const filters = state.source ? { source: state.source } : undefined;
  return index.search(q, { prefix: true, limit: PAGE, offset, filters, snippetWords: SNIPPET_WORDS });
}

function hitItem(hit) {
  const link = h("a", { href: linkTo({ doc: hit.id, at: "" }), "data-id": hit.id });
  appendMarked(link, hit.fields.title || hit.id, hit.titleHighlights);
  const snippet = h("p", { class: "snippet" });
  appendMarked(snippet, hit.snippet.text, hit.snippet.highlights);
  return h("li", { class: "hit" }, h("h3", {}, link), metaLine(hit.fields), snippet);
}

function metaLine(fields) {
  const date = fields.date && h("time", { datetime: fields.date, text: formatDate(fields.date) });
  return h("p", { class: "meta" }, fields.source ?? "", fields.source && date ? " · " : "", date);
}

/**
 * Fills the source menu once after loading. The index has no list of documents, but the most
 * frequent words are in most of them: the hits of a few cover every document, in a few ms.
 */
function findSources() {
  const { documents } = index.stats();
  const ids = new Set();
  for (const { term } of index.frequencies({ by: "normalized", top: 8 })) {
    for (const hit of index.search(term, { limit: 1000, snippetWords: 0 }).hits) {
      ids.add(hit.id);
      if (hit.fields.source) seenSources.add(hit.fields.source);
    }
    if (ids.size >= documents) return;
  }
}

/** The source menu lists every source seen so far, with its count for the current query. */
function renderSources(all) {
  const counts = new Map();
  for (const hit of all?.hits ?? []) {
    const source = hit.fields.source;
    if (source) counts.set(source, (counts.get(source) ?? 0) + 1);
  }
  for (const source of counts.keys()) seenSources.add(source);
  if (state.source) seenSources.add(state.source);
  sourceSelect.replaceChildren(
    h("option", { value: "", text: T.allSources(all?.total) }),
    ...[...seenSources].sort(collator.compare).map((source) =>
      h("option", { value: source, text: all ? T.sourceOption(source, counts.get(source) ?? 0) : source })),
  );
  sourceSelect.value = state.source;
}

/**
 * The query to highlight in the reader. Search as you type completes the last word as a prefix;
 * document() takes a plain query, so a completed last word gets the explicit prefix syntax.
 */
function readerQuery() {
  const q = state.q;
  const last = fahras.normalize(q.split(/\s+/).pop());
  const completed = lastNotes.some((n) => n.kind === "prefix" && fahras.normalize(n.word) === last);
  return completed && /[\p{L}\p{N}\p{M}]$/u.test(q) ? `${q}*` : q;
}

const titles = new Map();
function titleOf(id) {
  if (!titles.has(id)) titles.set(id, index.document(id)?.fields.title ?? id);
  return titles.get(id);
}

// --- Reader
function openDoc(id, from, at = "") {
  opener = from;
  commit({ doc: id, at: String(at) }, { push: true, reader: true });
}

function closeReader() {
  if (history.state?.reader) history.back(); // popstate closes it
  else commit({ doc: "", at: "" });
}

// --- Events
input.addEventListener("input", () => {
  cancelTyping();
  typing = setTimeout(() => {
    typing = 0;
    commit({ q: input.value });
  }, DEBOUNCE_MS);
});
$("search-form").addEventListener("submit", (e) => {
  e.preventDefault();
  cancelTyping();
  commit({ q: input.value });
  if (matchMedia("(pointer: coarse)").matches) input.blur(); // show the results, not the keyboard
});
sourceSelect.addEventListener("change", () => commit({ source: sourceSelect.value }));
$("results").addEventListener("click", (e) => {
  const link = e.target.closest("a[data-id]");
  if (link && plainClick(e)) {
    e.preventDefault();
    openDoc(link.dataset.id, link);
  }
});
$("more").addEventListener("click", () => {
  const page = search(state.q, shownHits);
  const items = page.hits.map(hitItem);
  $("results").append(...items);
  shownHits += items.length;
  $("more").hidden = shownHits >= page.total;
  items[0]?.querySelector("a").focus();
});
$("examples").addEventListener("click", (e) => {
  const chip = e.target.closest("[data-q]");
  if (!chip) return;
  input.value = chip.dataset.q;
  commit({ q: chip.dataset.q }, { push: true });
  input.focus();
});
document.querySelector("nav").addEventListener("click", (e) => {
  const link = e.target.closest("a[data-view]");
  if (!link || !plainClick(e)) return;
  e.preventDefault();
  if (link.dataset.view !== state.view) commit({ view: link.dataset.view, doc: "", at: "" }, { push: true });
  views[state.view].querySelector("h2").focus();
});
addEventListener("keydown", (e) => {
  const target = e.target;
  const editing = target.closest?.("input, select, textarea, [contenteditable]");
  if (e.key === "/" && !editing && !$("reader").open && !e.ctrlKey && !e.metaKey && !e.altKey) {
    e.preventDefault();
    if (state.view !== "search") commit({ view: "search" }, { push: true });
    input.focus();
    input.select();
  }
});

render();

/**
 * Runs `f` in a moment when the browser has nothing else to do, with at least `idleMs` of that
 * idle time left, and the reader is not typing: background work never holds up a keystroke.
 */
function whenQuiet(f, idleMs = 0) {
  const idle = (g) => (window.requestIdleCallback ? requestIdleCallback(g) : setTimeout(() => g({ timeRemaining: () => 50 }), 50));
  const step = (deadline) => (typing || deadline.timeRemaining() < idleMs ? idle(step) : f(deadline));
  idle(step);
}

// --- Warm-up: a fresh engine's first searches are several times slower than later ones (its
// code is compiled on first use, then optimized once hot). Searching a few queries once, in quiet
// moments after loading, makes the reader's first keystrokes fast without delaying the page: a
// search waiting for the index runs before any of these, and none starts while the reader types,
// while input waits (where the browser tells), or with less idle time left than it may take (a
// cold search: up to 30 ms on a slow machine).
// The queries: the first keystrokes of most searches (most Arabic words begin with alef, many
// with the article al-), the heaviest prefixes there are, then the examples (marks, a phrase, OR).
const WARM_UP_QUERIES = ["ا", "ال", ...T.examples];
const WARM_UP_IDLE_MS = 30;
ready.then(() => {
  const queries = [...WARM_UP_QUERIES];
  const warm = (deadline) => {
    do {
      const q = queries.shift();
      // Both kinds of search renderSearch makes: a page of hits with snippets, and all the hits.
      index.search(q, { prefix: true, limit: PAGE, snippetWords: SNIPPET_WORDS });
      index.search(q, { prefix: true, limit: 1000, snippetWords: 0 });
    } while (queries.length && deadline.timeRemaining() >= WARM_UP_IDLE_MS && !navigator.scheduling?.isInputPending?.());
    if (queries.length) whenQuiet(warm, WARM_UP_IDLE_MS);
    else document.documentElement.dataset.warm = ""; // for the tests
  };
  whenQuiet(warm, WARM_UP_IDLE_MS);
}, () => {});

// --- Offline: a service worker per build (sw.js); offer a reload when a newer build is waiting.
// Registered once the page is loaded, in a quiet moment: it then precaches the files from the
// HTTP cache the page has just filled (sw.js), and its work never competes with the first
// downloads or with a search being typed.
if (BUILD !== "dev" && "serviceWorker" in navigator) {
  const loaded = new Promise((resolve) => {
    if (document.readyState === "complete") resolve();
    else addEventListener("load", resolve, { once: true });
  });
  Promise.allSettled([ready, loaded]).then(() => whenQuiet(() => {
    navigator.serviceWorker.register("sw.js").then((registration) => registration && watchForUpdates(registration), () => {
      // Offline or not allowed: the page works without it, only not offline.
    });
  }));
}

function watchForUpdates(registration) {
  const offer = (worker) => {
    $("update").hidden = false;
    $("update-button").onclick = () => {
      navigator.serviceWorker.addEventListener("controllerchange", () => location.reload());
      worker.postMessage("activate");
    };
  };
  if (registration.waiting && navigator.serviceWorker.controller) offer(registration.waiting);
  registration.addEventListener("updatefound", () => {
    const worker = registration.installing;
    worker?.addEventListener("statechange", () => {
      if (worker.state === "installed" && navigator.serviceWorker.controller) offer(worker);
    });
  });
}
