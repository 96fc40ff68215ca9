// TypeScript declarations for the fahras WebAssembly module (fahras.mjs + fahras.wasm).
// SPDX-License-Identifier: MIT
//
// Offsets: every `start`/`end`/highlight offset handed to JavaScript counts UTF-16 code units of
// the string it refers to, so `text.slice(start, end)` is exactly the token or matched word.
// Errors: bad input never aborts the module. Functions that can fail throw a `FahrasError`
// (an `Error` with `code` and, for index bytes, `offset`): arguments of the wrong type or out
// of range (code "invalid_argument"), bad index bytes, a disposed index. Text is never an
// error: invalid input acts as a separator, an unbalanced quote ends at the end of the query,
// lone surrogates are read as U+FFFD, queries longer than 2048 bytes (UTF-8), 32 clauses or 16
// OR alternatives are cut (note "truncated"; only 2048 bytes of a query are ever copied into
// WebAssembly memory); at most 8 words of a query get typo expansion (note "typo_skipped" for
// the others).
// Shapes: `fahras search --json` and `fahras stats --json` print a SearchResult and an
// IndexStats as defined here (one description for both), except that the CLI counts offsets in
// bytes of UTF-8, has no `tookMs`, and adds `q`, the query; for a collection folder, `stats`
// gives the `bytes` of its files (root, shards, files, total).
// Memory: an index lives in WebAssembly memory until `dispose()` is called. A
// FinalizationRegistry frees forgotten indexes eventually, but call `dispose()`. The memory
// grows as needed up to 2 GiB; past that a call throws code "out_of_memory". When that happens
// inside the engine, the memory the failed call held is not given back: dispose what you can,
// and if later calls fail too, start a new module with createFahras().

/** Options of {@link createFahras}. */
export interface FahrasOptions {
  /** The bytes of fahras.wasm. In Node pass them yourself:
   *  `{ wasmBinary: fs.readFileSync(new URL("./fahras.wasm", import.meta.url)) }`.
   *  In the browser leave it out: the module streams `fahras.wasm` next to `fahras.mjs`. */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /** Where to fetch fahras.wasm from: given its file name ("fahras.wasm") and the URL of the
   *  folder fahras.mjs was loaded from (ending in "/"), returns its URL. Default: that folder
   *  + path. Serve it as `application/wasm` to let the browser compile it while it downloads. */
  locateFile?: (path: string, prefix: string) => string;
}

/** One token of {@link Fahras.analyze}. */
export interface Token {
  /** The original text of the token (with its diacritics, tatweel, variant letters). */
  text: string;
  /** UTF-16 offsets of the token in the analyzed string, half-open. */
  start: number;
  end: number;
  /** The search key: the normalized form (see the README's fold table). */
  normalized: string;
  /** The light10 stem of the normalized form. */
  stem: string;
}

/** A document for {@link Fahras.buildIndex}. Any other string field becomes metadata that is
 *  stored, returned in `fields`, and can be filtered on (`source:...`), in the object's key
 *  order. Fields that are `undefined` are left out; any other non-string value (a number,
 *  null, an array) throws code "invalid_argument", naming the document and the field. */
export interface DocumentInput {
  /** Non-empty and unique among the documents of one index. */
  id: string;
  title?: string;
  text?: string;
  /** Metadata. Ids, and a document's field names, are compared as the engine stores them, in
   *  UTF-8, where each lone surrogate is U+FFFD: "a\ud800" and "a\udc00" are the same. */
  [field: string]: string | undefined;
}

export interface BuildOptions {
  /** Keep the text in the index, for snippets, highlights, the reader view and corpus tools.
   *  Default true. */
  storeText?: boolean;
}

/** Counts in options are numbers >= 0 (fractions are rounded down); values above a
 *  documented maximum are taken as that maximum; anything else throws "invalid_argument". */
export interface SearchOptions {
  /** Maximum hits returned, 0..1000 (more is taken as 1000). Default 10. */
  limit?: number;
  /** Hits to skip, for paging. Default 0. */
  offset?: number;
  /** Search as you type: the last word of the query is also a prefix. Default false. */
  prefix?: boolean;
  /** With `prefix`: when no word of the index starts with the last word, search it as a
   *  whole word with typo tolerance instead (note "typo"). Default true; false for a search
   *  box that corrects only after a pause, so a word half typed is not "corrected". */
  typoFallback?: boolean;
  /** Metadata filters, ANDed with the query: `{ source: "إرم نيوز" }`. A value without a word
   *  ("-", "!!!") matches no document. */
  filters?: Record<string, string>;
  /** Soft AND: when fewer than `limit` documents have every word of a query of 2 or more
   *  plain words, fill the page with documents that have more than half of them, after the
   *  full matches ({@link SearchResult.partial}, note "partial"). When none has even that
   *  and every word is in the index, each is also searched a typo away (note "typo") and
   *  the documents where the words then meet are the partial matches; when still none,
   *  those with two of 4 or more plain words, or either of two. Default true;
   *  false: only documents with every word. */
  softAnd?: boolean;
  /** Return each hit's stored fields (title and metadata). Default true; false: every hit's
   *  `fields` is `{}`, which saves decoding them when only ids (or only snippets) are shown. */
  fields?: boolean;
  /** Approximate snippet length in words, at most 10000. Default 30; 0 turns snippets and
   *  highlights off (each hit then has an empty snippet and no titleHighlights). */
  snippetWords?: number;
}

/** A snippet of the stored text; highlights index into `text`. */
export interface Snippet {
  /** A slice of the stored text, whole words, as the text has it (line breaks included). */
  text: string;
  /** Where `text` starts in the document's text (`text` is `fields.text.slice(start,
   *  start + text.length)` of {@link FahrasIndex.document}): 0 means no words come before. */
  start: number;
  /** Whether the text has words before / after the snippet (show "…" there). */
  wordsBefore: boolean;
  wordsAfter: boolean;
  /** UTF-16 [start, end) pairs in `text`, ascending, each covering exactly one matched word. */
  highlights: Array<[number, number]>;
}

export interface Hit {
  id: string;
  score: number;
  /** Stored fields: `title` first, then metadata such as source and date (no text). */
  fields: Record<string, string>;
  snippet: Snippet;
  /** UTF-16 highlight spans inside `fields.title`. */
  titleHighlights: Array<[number, number]>;
}

/** How the engine read the query, for the UI. */
export interface QueryNote {
  /** "typo": no index term matched `word`, or the query's words never met, so similar
   *  terms were searched too (ranked lower);
   *  "stopword": `word` was ignored; "prefix": `word` was completed as a prefix;
   *  "truncated": the query was longer than the limits and its end was ignored (`word` is "");
   *  "typo_skipped": `word` matched nothing and was searched as typed only, because enough
   *  other words of the query were already expanded; "partial": the hits after the first
   *  `total` have only some of the query's words (soft AND; `word` is "");
   *  "variant": `word` was also searched in other spellings, ranked lower (doc/variants.md). */
  kind: "typo" | "stopword" | "prefix" | "truncated" | "typo_skipped" | "partial" | "variant";
  word: string;
  /** For "typo": the index words searched instead (normalized forms); for "prefix": the
   *  stems of the words it completes to (at most 8); for "variant": the stems of its
   *  spelling siblings (السماوات's for السموات), and a name typed joined as the phrase also
   *  searched ("بيونغ يانغ"). Search keys: not for showing. */
  expansions: string[];
  /** For "typo": each expansion as the text most often writes it, the words to show a
   *  person («الشراكة», not «الشراكه»). Empty for the other kinds. */
  written: string[];
}

export interface SearchResult {
  /** Number of matching documents (all of them, not just this page): those with every word. */
  total: number;
  /** Soft AND: documents with more than half of the query's plain words but not all (or,
   *  when none has, with every word or a word a typo away, or two of 4 or more words, or one
   *  of two). They follow the full matches, so the hits from index `total - offset` on are
   *  these. Counted only when the page reaches past the full matches; 0 otherwise. */
  partial: number;
  /** Milliseconds spent inside the engine. */
  tookMs: number;
  hits: Hit[];
  notes: QueryNote[];
}

export interface DocumentView {
  id: string;
  /** All stored fields, including `title` and `text` when stored. */
  fields: Record<string, string>;
  /** Every match of the query in `fields.text` (UTF-16 spans, ascending). Empty without query. */
  highlights: Array<[number, number]>;
  /** Every match of the query in `fields.title`. */
  titleHighlights: Array<[number, number]>;
}

export interface KwicOptions {
  /** Context on each side, in characters (Unicode code points, so an emoji is one), at most
   *  100000. Default 40. */
  width?: number;
  /** Maximum lines. Default 100. */
  limit?: number;
}

/** One concordance line: `left + match + right` is a slice of the document's text. */
export interface KwicLine {
  id: string;
  left: string;
  match: string;
  right: string;
  /** UTF-16 offsets of `match` in the document's text. */
  start: number;
  end: number;
}

export interface FrequencyOptions {
  /** Which form to count. Default "stem". */
  by?: "surface" | "normalized" | "stem";
  /** Number of entries, most frequent first (ties in alphabetical order), at most 1000000.
   *  Default 50. */
  top?: number;
  /** Leave stopwords out. Default true. */
  skipStopwords?: boolean;
}

export interface FrequencyEntry {
  /** The form counted (a stem, a normalized form, or a surface form). */
  term: string;
  /** How the text most often writes it (its most frequent word, for a stem): the word to show
   *  a person. For `by: "surface"`, the term itself. */
  written: string;
  /** Occurrences in the corpus. */
  count: number;
  /** Documents containing it. */
  docs: number;
}

export interface CollocateOptions {
  /** Words on each side, at most 1000. Default 4. */
  window?: number;
  /** Number of collocates, at most 1000000. Default 20. */
  top?: number;
  /** Minimum co-occurrences. Default 2. */
  minCount?: number;
}

export interface Collocate {
  /** Normalized form of the collocate (its most frequent one, for a stem). */
  term: string;
  /** How the text most often writes it near the word: the word to show a person. */
  written: string;
  /** Co-occurrences within the window. */
  count: number;
  /** Log-likelihood ratio (G²), higher is stronger. */
  score: number;
}

export interface IndexStats {
  documents: number;
  /** Words in all titles and texts. */
  tokens: number;
  /** Distinct normalized forms and stems. */
  vocabulary: { normalized: number; stem: number };
  /** Average words per title and per text. */
  averageLength: { title: number; text: number };
  /** Whether the index keeps the texts (snippets, reader, corpus tools). */
  storesText: boolean;
  /** Names of the metadata fields, in order of first appearance. */
  fields: string[];
  /** Byte size of each section of the binary index (`docs`: document lengths, `meta`: the
   *  analysis settings and field names), and the total with header, table and footer. */
  bytes: {
    dictionary: number; postings: number; positions: number; stored: number; docs: number;
    meta: number; total: number;
  };
}

export interface DocumentOptions {
  /** Read `query` as search() does with `prefix`: its last word is being typed. Default false. */
  prefix?: boolean;
}

export interface FacetOptions {
  /** Metadata fields to count. Default: every metadata field of the index. */
  fields?: string[];
  /** As in {@link SearchOptions}. */
  prefix?: boolean;
  typoFallback?: boolean;
  filters?: Record<string, string>;
}

/** For each field, each value -> the number of matching documents that have it, most first:
 *  `{ source: { "إرم نيوز": 2, "الحل نت": 1 } }` (like Pagefind's filters()). */
export type Facets = Record<string, Record<string, number>>;

/** A searchable index in WebAssembly memory. `using index = fahras.loadIndex(bytes)` disposes
 *  of it at the end of the block (Symbol.dispose, where the runtime has it). */
export interface FahrasIndex {
  search(query: string, options?: SearchOptions): SearchResult;
  /** The stored document and every match of `query` in it, or null if there is no such id. */
  document(id: string, query?: string, options?: DocumentOptions): DocumentView | null;
  /** How many documents `query` matches (all of them) for each value of each metadata field;
   *  an empty query (the default) counts every document: the values there are. */
  facets(query?: string, options?: FacetOptions): Facets;
  /** Keyword in context for a word or a "quoted phrase". */
  kwic(query: string, options?: KwicOptions): KwicLine[];
  frequencies(options?: FrequencyOptions): FrequencyEntry[];
  collocates(word: string, options?: CollocateOptions): Collocate[];
  stats(): IndexStats;
  /** The binary index (a fresh copy), loadable with {@link Fahras.loadIndex} or the CLI. */
  /** The first damage that calls on this index have met (a damaged posting list matches
   *  nothing, a damaged record reads as empty), as a FahrasError (code "corrupt", "truncated",
   *  ...; returned, not thrown), or null. loadIndex checks the header, the table, the checksum
   *  and the dictionary's block index; the rest is checked as calls first read it, so null says
   *  nothing of bytes not read yet. A full check of every byte: `fahras check INDEX` (CLI) or
   *  `index::verify()` (C++). */
  damage(): FahrasError | null;
  toBytes(): Uint8Array;
  /** Frees the WebAssembly memory. Any later call throws code "disposed"; calling dispose()
   *  again does nothing. */
  dispose(): void;
  [Symbol.dispose](): void;
}

/** What every function throws; `error instanceof FahrasError` tells it from other errors. */
export class FahrasError extends Error {
  constructor(message: string, code: string, offset?: number);
  /** "FahrasError". */
  name: string;
  /** Stable code. Index bytes: "bad_magic", "unsupported_version", "truncated", "corrupt",
   *  "bad_crc". Calls: "invalid_argument", "disposed", "out_of_memory". createFahras:
   *  "instantiate" (fahras.wasm could not be fetched or compiled). Collections: "fetch",
   *  "missing_shards"; "unsupported" (an index call on createFahrasReader's module). "internal"
   *  would be a bug. */
  code: string;
  /** Byte offset in the index where loading failed, when it applies. */
  offset?: number;
}

export interface Fahras {
  /** Library version, e.g. "0.1.0". */
  version: string;
  normalize(text: string): string;
  analyze(text: string): Token[];
  buildIndex(docs: DocumentInput[], options?: BuildOptions): FahrasIndex;
  /** Loads a binary index (copied into WebAssembly memory) from an ArrayBuffer or any view of
   *  one. Throws FahrasError on bytes that are not an index (random, truncated, from a newer
   *  format, a wrong checksum or table; code as the bytes' fault) and on a detached buffer (code
   *  "invalid_argument"); the posting lists behind the checksum are checked as searches first
   *  read them, and a damaged one matches nothing. */
  loadIndex(bytes: ArrayBuffer | ArrayBufferView): FahrasIndex;
  /** Opens a collection on a static host (see {@link FahrasCollection}). */
  openCollection(url: string | URL, options?: CollectionOptions): Promise<FahrasCollection>;
}

/** Instantiates the module. Resolves once fahras.wasm is compiled; rejects with a FahrasError
 *  (code "instantiate", or "invalid_argument" for bad options). Each call makes a separate
 *  instance with its own memory: call it once and keep the result. */
export function createFahras(options?: FahrasOptions): Promise<Fahras>;
export default createFahras;

/** Instantiates the collection reader alone, fahras-reader.wasm (next to fahras.mjs): the same
 *  API, whose index calls (buildIndex, loadIndex) throw code "unsupported". For a page that only
 *  reads collections, so that it never downloads fahras.wasm. */
export function createFahrasReader(options?: FahrasOptions): Promise<Fahras>;

// --- Collections: an index cut into files on a static host ------------------------------------
// `fahras bundle -o DIR INPUT...` writes DIR/root.fahras and DIR/shards/*.bin (doc/collection.md).
// openCollection fetches the root, and each call fetches only the shards it needs, in parallel.
// The results are exactly those of loadIndex on the single-file index of the same documents.
// Serve shards/ with gzip and a long Cache-Control (their names stand for their bytes), the root
// with no-cache.
//
// Files: collections are read by a second build of the module, fahras-reader.wasm (the same
// API; it has no buildIndex or loadIndex: code "unsupported"), with fahras-collection.mjs, both
// next to fahras.mjs. openCollection on createFahras's module loads the reader on its first
// call; a page that only reads collections calls createFahrasReader (or uses fahras-worker.mjs,
// see fahras-worker.d.ts) and never downloads fahras.wasm.

/** Options of {@link Fahras.openCollection}. */
export interface CollectionOptions {
  /** The fetch function to use, `(url, init) => Promise<Response>`; init carries `signal` and
   *  sometimes `cache`. Default: the global fetch. (Not available through fahras-worker.mjs.) */
  fetch?: (url: string, init: { signal?: AbortSignal; cache?: RequestCache }) => Promise<Response>;
  /** Cancels opening: the promise rejects with the signal's reason (an "AbortError"). */
  signal?: AbortSignal;
  /** Bytes of shards kept in WebAssembly memory; the least recently used go first, between
   *  calls. Default 64 MiB. A call that needs more than this throws code "missing_shards". */
  cacheBytes?: number;
  /** In Node, when openCollection is called on createFahras's module: the bytes of
   *  fahras-reader.wasm (see FahrasOptions.wasmBinary). Ignored by createFahrasReader's. */
  wasmBinary?: ArrayBuffer | Uint8Array;
}

/** Every call of a collection takes a `signal` among its options: aborting it rejects the call
 *  with the signal's reason (an "AbortError") and aborts the fetches no other call waits for.
 *  Search as you type: abort the previous keystroke's search when the next one starts. */
export interface CallOptions {
  signal?: AbortSignal;
}

/** Progress of {@link FahrasCollection.downloadAll}: files stored so far (those an earlier,
 *  interrupted download stored count too, without fetching them again), and the bytes this
 *  call fetched. `totalFiles` grows while the first shards are read, as they name the others. */
export interface DownloadProgress {
  files: number;
  totalFiles: number;
  bytes: number;
}

export interface CollectionStats {
  /** Counts from the root, no shard needed. */
  documents: number;
  tokens: number;
}

/** A collection: the calls of {@link FahrasIndex}, as promises, with the same results. Errors:
 *  FahrasError with code "fetch" (a file could not be fetched: the message names its URL),
 *  the index codes for a damaged file, also naming it ("bad_crc" for a shard whose bytes are
 *  not those its name stands for; "corrupt", "truncated", "bad_magic", "unsupported_version"),
 *  "missing_shards" (cacheBytes too small for one call), "disposed", and "invalid_argument" as
 *  for an index. `document(id)` finds at once the ids its searches returned; any other id is
 *  looked for in every stored pack (all fetched). */
export interface FahrasCollection {
  /** The collection's folder URL, ending in "/". */
  readonly url: string;
  /** `tookMs` counts the whole call, fetches included. */
  search(query: string, options?: SearchOptions & CallOptions): Promise<SearchResult>;
  document(id: string, query?: string | null, options?: DocumentOptions & CallOptions): Promise<DocumentView | null>;
  kwic(query: string, options?: KwicOptions & CallOptions): Promise<KwicLine[]>;
  frequencies(options?: FrequencyOptions & CallOptions): Promise<FrequencyEntry[]>;
  stats(): CollectionStats;
  /** Stores every file of the collection for offline use (the Cache API, in a cache named
   *  "fahras:collection:" + url), then resolves with the final progress. Resumable: files
   *  stored by an earlier call are not fetched again. Afterwards every call reads the stored
   *  files first, and openCollection falls back to the stored root when the network fails.
   *  Needs the Cache API (a page or worker over https or localhost): else code "fetch". A file
   *  the storage refuses (full) rejects with code "fetch", naming it (the storage's error as
   *  `cause`); an `onProgress` that throws rejects with its error; `dispose()` stops it. */
  downloadAll(options?: { onProgress?: (p: DownloadProgress) => void; signal?: AbortSignal }): Promise<DownloadProgress>;
  /** Whether a complete offline copy of this version of the collection is stored. */
  isDownloaded(): Promise<boolean>;
  /** Deletes the offline copy. */
  removeDownload(): Promise<void>;
  /** Frees the WebAssembly memory (the shard cache). Later calls throw code "disposed". */
  dispose(): void;
  [Symbol.dispose](): void;
}
