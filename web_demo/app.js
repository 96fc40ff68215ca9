// The demo's entry point: puts the page's parts together and renders the state of the URL.
// SPDX-License-Identifier: MIT
//
// The parts: state.js (the URL), engine.js (engine, index, warm-up), search-box.js,
// search.js (running a query), results.js, sources.js, notes.js, announce.js (the live
// region), shortcuts.js; reader.js and corpus.js are loaded when first needed, offline.js
// (service worker) once the engine is ready.

import { T, applyStrings } from "./strings.js";
import { h } from "./marks.js";
import { createState } from "./state.js";
import { loadEngine, warmUp, whenQuiet, isBuilt, versioned } from "./engine.js";
import { createSearchBox } from "./search-box.js";
import { runSearch } from "./search.js";
import { createResults } from "./results.js";
import { createSources } from "./sources.js";
import { showNotes } from "./notes.js";
import { createAnnouncer } from "./announce.js";
import { listenForShortcuts } from "./shortcuts.js";
import { NO_LAYOUT } from "./article-text.js";

/**
 * When typing pauses this long, the query is read as finished: the word being typed that
 * completes to nothing is corrected, an exclusion or OR still waiting for its word applies.
 */
const SETTLE_MS = 450;
const $ = (id) => document.getElementById(id);
const plainClick = (e) => !(e.ctrlKey || e.metaKey || e.shiftKey || e.altKey || e.button);

// --- Strings: the HTML holds structure only; data-t="key" and data-t-ATTR="key" name the text.
document.title = T.pageTitle;
applyStrings(document, T);
$("help-list").append(...T.help.flatMap(([syntax, meaning]) => [h("dt", {}, h("code", { text: syntax })), h("dd", { text: meaning })]));
$("examples").append(...T.examples.map(([q, why]) =>
  h("li", {}, h("button", { type: "button", class: "chip", "data-q": q, "aria-label": T.exampleLabel(q, why) },
    h("span", { class: "q", text: q }), h("span", { class: "why", text: why })))));

// --- The parts
const engine = loadEngine();
const state = createState(() => render());
const announce = createAnnouncer($("announcer"));
const status = $("status");
const views = { search: $("search-view"), corpus: $("corpus-view") };
const layoutOf = (id) => engine.layouts[id] ?? NO_LAYOUT;

const box = createSearchBox($("search-form"), $("q"), $("examples"), {
  onQuery: (q, { typing, chip }) => {
    typingNow = typing;
    state.commit({ q, view: "search" }, chip ? { push: true } : { typed: true });
  },
  toResults: () => results.focusFirst(),
});
const results = createResults($("results"), $("partial-results"), $("more"), {
  linkTo: state.linkTo,
  layoutOf,
  onOpen: (id, link) => openDoc(id, link),
  onMore: (offset) => runSearch(engine, state.current.q, state.current.source, { offset }).page,
  backToBox: () => box.focus(),
});
const sources = createSources($("source"), { onChoose: (source) => state.commit({ source }) });
let typingNow = false; // the render under way was asked for by a keystroke
let settling = 0; // timer of reading the query being typed as finished

engine.ready.then(() => {}, (error) => {
  status.textContent = "";
  $("error").replaceChildren(
    h("strong", { text: T.loadError }), " ", T.loadErrorHint, " ",
    h("button", { type: "button", text: T.retry, onclick: () => location.reload() }),
    h("code", { dir: "ltr", text: error?.code ? `${error.code}: ${error.message}` : String(error?.message ?? error) }),
  );
  $("error").hidden = false;
});
status.textContent = T.loading;

// --- Rendering the state
let shownSearch = null; // the query, source and mode the search view shows
let reader = null; // reader.js's reader, once loaded
let corpus = null; // corpus.js's view, once loaded
let opener = null; // the link an article was opened from

function render() {
  const s = state.current;
  const typing = typingNow;
  typingNow = false;
  for (const [name, section] of Object.entries(views)) section.hidden = name !== s.view;
  for (const a of document.querySelectorAll("nav a[data-view]")) {
    a.href = state.linkTo({ view: a.dataset.view, doc: "", at: "" });
    if (a.dataset.view === s.view) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  box.show(s.q);
  setTitle();
  engine.whenReady(async () => {
    if (s.view === "search") renderSearch(typing);
    else await renderCorpus();
    await renderReader();
    setTitle();
  });
}

function setTitle() {
  const s = state.current;
  const article = s.doc && reader?.title;
  document.title = article ? T.titleOf(article)
    : s.view === "corpus" ? T.titleOf(s.w ? `${s.w} · ${T.corpusTitle}` : T.corpusTitle)
    : s.q.trim() ? T.titleOf(s.q.trim()) : T.pageTitle;
}

function renderSearch(typing) {
  const { q, source } = state.current;
  // What is shown: the query read as typed (typing) or as finished; the two differ only when
  // it waits for a correction or for syntax to finish (outcome.correctable, .pending).
  const finished = `${q}\n${source}\nfinished`;
  if (shownSearch === (typing ? `${q}\n${source}\ntyping` : finished) || (typing && shownSearch === finished)) return;
  shownSearch = finished;
  clearTimeout(settling);
  const { index } = engine;
  $("home").hidden = Boolean(q.trim());
  if (!q.trim()) {
    results.show(null);
    showNotes($("notes"), [], "");
    sources.show(index, null, source);
    status.textContent = T.ready(index.stats());
    return;
  }
  const outcome = runSearch(engine, q, source, { typing });
  if (outcome.correctable || outcome.pending) {
    shownSearch = `${q}\n${source}\ntyping`;
    settling = setTimeout(() => state.current.q === q && renderSearch(false), SETTLE_MS);
  }
  if (outcome.correctable) {
    // Nothing starts with the word being typed: keep what is shown until the pause corrects it.
    status.textContent = T.correcting;
    return;
  }
  results.show(outcome.page);
  showNotes($("notes"), outcome.notes, outcome.empty);
  sources.show(index, outcome.counts, source);
  status.textContent = T.results(outcome.page.total);
  status.dataset.tookMs = outcome.page.tookMs; // for the benchmarks, not for people
  const first = outcome.notes.find((n) => n.kind !== "pending");
  announce.later([T.resultsFor(outcome.page.total, q.trim()), first?.text, outcome.empty].filter(Boolean).join(" "));
}

/**
 * Loads the styles of the corpus view's lists and of the reader (views.css), once; settles
 * when they apply, or failed to load (the view then still works, plainly).
 */
let viewStyles = null;
function loadViewStyles() {
  viewStyles ??= new Promise((resolve) => {
    document.head.append(h("link", { rel: "stylesheet", href: versioned("views.css"), onload: resolve, onerror: resolve }));
  });
  return viewStyles;
}

async function renderCorpus() {
  const [{ createCorpus } = {}] = corpus ? [] : await Promise.all([import("./corpus.js"), loadViewStyles()]);
  corpus ??= createCorpus(views.corpus, {
    linkTo: state.linkTo,
    titleOf: (id) => engine.index.document(id)?.fields.title ?? id,
    layoutOf,
    onWord: (w) => {
      state.commit({ w, doc: "", at: "" }, { push: true });
      corpus.focusResults();
    },
    onBy: (by) => state.commit({ by }),
    onLine: (line, from) => openDoc(line.id, from, line.start),
    announce,
  });
  corpus.render(engine.index, state.current);
}

async function renderReader() {
  const s = state.current;
  if (!s.doc) return reader?.hide();
  if (!reader) {
    const [{ createReader }] = await Promise.all([import("./reader.js"), loadViewStyles()]);
    reader = createReader($("reader"), { onClose: closeReader, announce });
  }
  // The reader marks what the results show: the search's query as typed (its last word a
  // prefix), or the concordance's word.
  const query = s.view === "search" ? s.q : s.w;
  const key = `${s.doc}\n${query}\n${s.at}`;
  if (key === reader.key) return;
  const view = engine.index.document(s.doc, query, { prefix: s.view === "search" });
  reader.show(view, layoutOf(s.doc), { key, from: opener, focusOffset: s.at === "" ? undefined : Number(s.at) });
  opener = null;
}

function openDoc(id, from, at = "") {
  opener = from;
  state.commit({ doc: id, at: String(at) }, { push: true, reader: true });
}

function closeReader() {
  if (state.openedReader) history.back(); // popstate closes it
  else state.commit({ doc: "", at: "" });
}

// --- Navigation between the views, shortcuts
document.querySelector("nav").addEventListener("click", (e) => {
  const link = e.target.closest("a[data-view]");
  if (!link || !plainClick(e)) return;
  e.preventDefault();
  if (link.dataset.view !== state.current.view) state.commit({ view: link.dataset.view, doc: "", at: "" }, { push: true });
  views[state.current.view].querySelector("h2").focus();
});
listenForShortcuts({
  isReaderOpen: () => $("reader").open,
  toSearch: () => {
    if (state.current.view !== "search") state.commit({ view: "search" }, { push: true });
    box.focus();
  },
});

render();

// --- After loading: warm-up searches in quiet moments, then the service worker (its code is
// fetched then: nothing before the first result waits for it).
engine.ready.then(() => {
  const queries = ["ا", "ال", ...T.examples.map(([q]) => q)];
  warmUp(queries, (q) => runSearch(engine, q, "", { typing: true }), () => box.typing);
}, () => {});

if (isBuilt) {
  Promise.allSettled([engine.ready]).then(() => import("./offline.js")).then(({ goOffline }) => goOffline({
    ready: engine.ready,
    whenQuiet: (f) => whenQuiet(f, { busy: () => box.typing }),
    onOffline: () => {
      $("offline").hidden = false;
      announce.later(T.offlineReady);
    },
    onUpdate: (activate) => {
      $("update").hidden = false;
      $("update-button").onclick = activate;
      announce.now(T.update);
    },
  }), () => {}); // not fetched (offline before it was cached): the page works, only not offline
}
