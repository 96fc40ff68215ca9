// The large-collection page: search as you type over a collection fetched shard by shard in
// fahras-worker.mjs's Web Worker, a reader, and the download of the whole collection for offline use.
// SPDX-License-Identifier: MIT

import { createAnnouncer } from "../announce.js";
import { h, appendMarked } from "../marks.js";
import { createReader } from "../reader.js";
import { applyStrings, formatDate } from "../strings.js";
import { T } from "./strings.js";
import { createFahrasWorker } from "./fahras-worker.mjs";

const PAGE = 20;
const SNIPPET_WORDS = 26;
const $ = (id) => document.getElementById(id);
const errorText = (e) => (e?.code ? `${e.code}: ${e.message}` : String(e?.message ?? e));

document.title = T.pageTitle;
applyStrings(document, T);
$("examples").append(...T.examples.map((q) =>
  h("li", {}, h("button", { type: "button", class: "chip", "aria-label": T.exampleLabel(q), text: q, onclick: () => type(q) }))));

navigator.serviceWorker?.register("sw.js").catch(() => {}); // the page itself, offline

// --- The collection, in a worker: opened once; every call is a promise.
const fahras = createFahrasWorker();
let collection = null;
const opened = (async () => {
  $("status").textContent = T.loading;
  try {
    collection = await fahras.openCollection(new URL("collection/", location.href));
    const stats = await collection.stats();
    $("status").textContent = T.ready(stats);
    document.documentElement.dataset.ready = "";
    showOffline(await collection.isDownloaded().catch(() => false));
  } catch (error) {
    $("status").textContent = "";
    $("error").replaceChildren(h("strong", { text: T.loadError }), " ", T.loadErrorHint, " ",
      h("button", { type: "button", text: T.retry, onclick: () => location.reload() }),
      h("code", { dir: "ltr", text: errorText(error) }));
    $("error").hidden = false;
    throw error;
  }
})();

// --- Search as you type: each keystroke cancels the search (and the fetches) of the one before.
const input = $("q");
let running = null;

input.addEventListener("input", () => search(input.value));
function type(q) {
  input.value = q;
  search(q);
}

async function search(q) {
  running?.abort();
  const controller = (running = new AbortController());
  const url = new URL(location.href);
  if (q) url.searchParams.set("q", q);
  else url.searchParams.delete("q");
  history.replaceState(null, "", url);
  $("home").hidden = Boolean(q.trim());
  if (!q.trim()) {
    $("results").replaceChildren();
    $("partial-results").replaceChildren();
    $("partial").hidden = true;
    $("notes").replaceChildren();
    if (collection) $("status").textContent = T.ready(await collection.stats());
    return;
  }
  try {
    await opened;
    const r = await collection.search(q, { prefix: true, limit: PAGE, snippetWords: SNIPPET_WORDS, signal: controller.signal });
    if (controller !== running) return;
    $("status").textContent = `${T.results(r.total)} · ${T.took(r.tookMs)}`;
    $("notes").replaceChildren(
      ...r.notes.flatMap((n) => n.kind === "typo" ? [h("li", { class: "typo", text: T.typo(n.word, n.written) })]
        : n.kind === "stopword" ? [h("li", { text: T.stopword(n.word) })] : []),
      r.total ? "" : h("li", { text: T.noResults(q) }),
      r.partial ? h("li", { text: T.partial(r.partial) }) : "");
    // Soft AND: the hits past `total` have only some of the words, and are listed apart.
    const items = r.hits.map((hit) => hitItem(hit, q));
    $("results").replaceChildren(...items.slice(0, r.total));
    $("partial-results").replaceChildren(...items.slice(r.total));
    $("partial").hidden = items.length <= r.total;
    $("results").dataset.q = q; // the query the results are for (the tests wait on it)
  } catch (error) {
    if (error?.name === "AbortError" || controller !== running) return;
    $("status").textContent = errorText(error);
  }
}

function hitItem(hit, q) {
  const link = h("a", { href: `#${encodeURIComponent(hit.id)}`, onclick: (e) => { e.preventDefault(); openDoc(hit.id, q, link); } });
  appendMarked(link, hit.fields.title || hit.id, hit.titleHighlights);
  const snippet = h("p", { class: "snippet" });
  appendMarked(snippet, hit.snippet.text, hit.snippet.highlights);
  const date = hit.fields.date && h("time", { datetime: hit.fields.date, text: formatDate(hit.fields.date) });
  const meta = h("p", { class: "meta" }, hit.fields.source ?? "", hit.fields.source && date ? " · " : "", date);
  return h("li", { class: "hit" }, h("h3", {}, link), meta, snippet);
}

// --- The reader: the document, every match marked (fetched from the document's stored pack).
// The page's live region: the reader dialog takes it along while open.
const reader = createReader($("reader"), { onClose: () => reader.hide(), announce: createAnnouncer($("announcer")) });

async function openDoc(id, q, from) {
  try {
    const view = await collection.document(id, q);
    reader.show(view, undefined, { key: `${id}\n${q}`, from }); // plain text: no article layout
  } catch (error) {
    $("status").textContent = errorText(error);
  }
}

// --- Offline: download every file of the collection; resumable, with a progress bar.
let download = null;

function showOffline(saved, text) {
  $("offline-start").disabled = false;
  $("offline-start").hidden = saved || download !== null;
  $("offline-stop").hidden = download === null;
  $("offline-remove").hidden = !saved;
  $("offline-status").textContent = text ?? (saved ? T.offlineSaved : T.offlineIntro);
}

$("offline-start").addEventListener("click", async () => {
  const bar = $("offline-progress");
  download = new AbortController();
  bar.hidden = false;
  showOffline(false, T.loading);
  try {
    const done = await collection.downloadAll({
      signal: download.signal,
      onProgress: (p) => {
        bar.max = p.totalFiles;
        bar.value = p.files;
        $("offline-status").textContent = T.offlineProgress(p);
      },
    });
    download = null;
    showOffline(true, T.offlineDone(done));
  } catch (error) {
    const stopped = error?.name === "AbortError";
    download = null;
    $("offline-start").textContent = T.offlineResume;
    showOffline(false, stopped ? T.offlineStopped : error?.code === "fetch" && !("caches" in self) ? T.offlineUnavailable : T.offlineError(errorText(error)));
  }
});
$("offline-stop").addEventListener("click", () => download?.abort());
$("offline-remove").addEventListener("click", async () => {
  await collection.removeDownload();
  $("offline-progress").hidden = true;
  $("offline-start").textContent = T.offlineStart;
  showOffline(false);
});

// A query in the URL (a shared link, a reload) runs once the page is wired.
const initial = new URL(location.href).searchParams.get("q");
if (initial) type(initial);
