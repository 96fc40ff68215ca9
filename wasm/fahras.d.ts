// TypeScript declarations for the fahras WebAssembly module (fahras.mjs + fahras.wasm).
// SPDX-License-Identifier: MIT
//
// Offsets: every `start`/`end`/highlight offset handed to JavaScript counts UTF-16 code units of
// the string it refers to, so `text.slice(start, end)` is exactly the token or matched word.
// Errors: bad input never aborts the module. Functions that can fail throw a `FahrasError`
// (an `Error` with `code` and, for index bytes, `offset`). Text is never an error: invalid
// input acts as a separator, an unbalanced quote ends at the end of the query.
// Memory: an index lives in WebAssembly memory until `dispose()` is called. A
// FinalizationRegistry frees forgotten indexes eventually, but call `dispose()`.

/** Options of {@link createFahras}. */
export interface FahrasOptions {
  /** The bytes of fahras.wasm. In Node pass them yourself:
   *  `{ wasmBinary: fs.readFileSync(new URL("./fahras.wasm", import.meta.url)) }`.
   *  In the browser leave it out: the module streams `fahras.wasm` next to `fahras.mjs`. */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /** Where to fetch fahras.wasm from, given its file name. Default: next to fahras.mjs. */
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
 *  stored, returned in `fields`, and can be filtered on (`source:...`). */
export interface DocumentInput {
  id: string;
  title?: string;
  text?: string;
  [field: string]: string | undefined;
}

export interface BuildOptions {
  /** Keep the text in the index, for snippets, highlights, the reader view and corpus tools.
   *  Default true. */
  storeText?: boolean;
}

export interface SearchOptions {
  /** Maximum hits returned, 0..1000. Default 10. */
  limit?: number;
  /** Hits to skip, for paging. Default 0. */
  offset?: number;
  /** Search as you type: the last word of the query is also a prefix. Default false. */
  prefix?: boolean;
  /** Metadata filters, ANDed with the query: `{ source: "إرم نيوز" }`. */
  filters?: Record<string, string>;
  /** Approximate snippet length in words. Default 30; 0 turns snippets off. */
  snippetWords?: number;
}

/** A snippet of the stored text; highlights index into `text`. */
export interface Snippet {
  text: string;
  /** UTF-16 [start, end) pairs in `text`, ascending, each covering exactly one matched word. */
  highlights: Array<[number, number]>;
}

export interface Hit {
  id: string;
  score: number;
  /** Stored fields: title, and metadata such as source and date (the text is left out). */
  fields: Record<string, string>;
  snippet: Snippet;
  /** UTF-16 highlight spans inside `fields.title`. */
  titleHighlights: Array<[number, number]>;
}

/** How the engine read the query, for the UI. */
export interface QueryNote {
  /** "typo": no index term matched `word`, so similar terms were searched (ranked lower);
   *  "stopword": `word` was ignored; "prefix": `word` was completed as a prefix. */
  kind: "typo" | "stopword" | "prefix";
  word: string;
  /** For "typo" and "prefix": the index terms searched instead (normalized forms). */
  expansions: string[];
}

export interface SearchResult {
  /** Number of matching documents (all of them, not just this page). */
  total: number;
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
  /** Context on each side, in characters. Default 40. */
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
  /** Number of entries, most frequent first. Default 50. */
  top?: number;
  /** Leave stopwords out. Default true. */
  skipStopwords?: boolean;
}

export interface FrequencyEntry {
  term: string;
  /** Occurrences in the corpus. */
  count: number;
  /** Documents containing it. */
  docs: number;
}

export interface CollocateOptions {
  /** Words on each side. Default 4. */
  window?: number;
  /** Number of collocates. Default 20. */
  top?: number;
  /** Minimum co-occurrences. Default 2. */
  minCount?: number;
}

export interface Collocate {
  /** Normalized form of the collocate (its most frequent one, for a stem). */
  term: string;
  /** Co-occurrences within the window. */
  count: number;
  /** Log-likelihood ratio (G²), higher is stronger. */
  score: number;
}

export interface IndexStats {
  documents: number;
  tokens: number;
  vocabulary: { normalized: number; stem: number };
  /** Byte size of each section of the binary index, and the total. */
  bytes: { dictionary: number; postings: number; positions: number; stored: number; total: number };
}

/** A searchable index in WebAssembly memory. */
export interface FahrasIndex {
  search(query: string, options?: SearchOptions): SearchResult;
  /** The stored document and every match of `query` in it, or null if there is no such id. */
  document(id: string, query?: string): DocumentView | null;
  /** Keyword in context for a word or a "quoted phrase". */
  kwic(query: string, options?: KwicOptions): KwicLine[];
  frequencies(options?: FrequencyOptions): FrequencyEntry[];
  collocates(word: string, options?: CollocateOptions): Collocate[];
  stats(): IndexStats;
  /** The binary index (a fresh copy), loadable with {@link Fahras.loadIndex} or the CLI. */
  toBytes(): Uint8Array;
  /** Frees the WebAssembly memory. Any later call throws. */
  dispose(): void;
}

export interface FahrasError extends Error {
  /** Stable code: "bad_magic", "unsupported_version", "truncated", "corrupt", "bad_crc",
   *  "invalid_argument", "disposed". */
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
  /** Loads and validates a binary index (copied into WebAssembly memory). Throws FahrasError
   *  on any bad byte string: random, truncated, bit-flipped or from a newer format. */
  loadIndex(bytes: Uint8Array): FahrasIndex;
}

/** Instantiates the module. Resolves once fahras.wasm is compiled. */
export function createFahras(options?: FahrasOptions): Promise<Fahras>;
export default createFahras;
