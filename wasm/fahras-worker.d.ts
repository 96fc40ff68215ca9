// TypeScript declarations for fahras-worker.mjs: fahras in a Web Worker, every call a promise.
// SPDX-License-Identifier: MIT
//
//   import { createFahrasWorker } from "./fahras-worker.mjs";
//   const fahras = createFahrasWorker();
//   const collection = await fahras.openCollection("/search/collection/");
//   const r = await collection.search("كتاب", { signal });
//
// Results and errors are those of fahras.mjs (fahras.d.ts), copied across to the page; an error
// arrives as an Error with the same `name`, `message`, `code` and `offset`. Functions cannot
// cross to a worker: `fetch` is not available; `signal` and `onProgress` work as documented.

import type {
  CallOptions, CollectionOptions, CollectionStats, Collocate, CollocateOptions, DocumentView,
  DownloadProgress, FrequencyEntry, FrequencyOptions, IndexStats, KwicLine, KwicOptions,
  SearchOptions, SearchResult, Token,
} from "./fahras";

type Async<T> = { [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never };

export interface WorkerCollection {
  readonly url: string;
  search(query: string, options?: SearchOptions & CallOptions): Promise<SearchResult>;
  document(id: string, query?: string | null, options?: CallOptions): Promise<DocumentView | null>;
  kwic(query: string, options?: KwicOptions & CallOptions): Promise<KwicLine[]>;
  frequencies(options?: FrequencyOptions & CallOptions): Promise<FrequencyEntry[]>;
  stats(): Promise<CollectionStats>;
  downloadAll(options?: { onProgress?: (p: DownloadProgress) => void; signal?: AbortSignal }): Promise<DownloadProgress>;
  isDownloaded(): Promise<boolean>;
  removeDownload(): Promise<void>;
  dispose(): Promise<void>;
}

export type WorkerIndex = Async<{
  search(query: string, options?: SearchOptions): SearchResult;
  document(id: string, query?: string): DocumentView | null;
  kwic(query: string, options?: KwicOptions): KwicLine[];
  frequencies(options?: FrequencyOptions): FrequencyEntry[];
  collocates(word: string, options?: CollocateOptions): Collocate[];
  stats(): IndexStats;
  toBytes(): Uint8Array;
  dispose(): void;
}>;

export interface FahrasWorker {
  /** Resolves to the module's version once fahras.wasm is loaded in the worker. */
  ready(): Promise<string>;
  /** As fahras.openCollection, in the worker; a relative URL is resolved against the page. */
  openCollection(url: string | URL, options?: Omit<CollectionOptions, "fetch">): Promise<WorkerCollection>;
  /** As fahras.loadIndex, in the worker (the bytes are copied to it). */
  loadIndex(bytes: Uint8Array): Promise<WorkerIndex>;
  normalize(text: string): Promise<string>;
  analyze(text: string): Promise<Token[]>;
  /** Stops the worker; pending and later calls reject with code "worker". */
  terminate(): void;
}

export interface FahrasWorkerOptions {
  /** The worker script's URL. Default: fahras-worker.mjs next to this module (a module worker:
   *  it loads fahras.mjs and fahras.wasm from its own folder). */
  workerUrl?: string | URL;
}

/** Starts a module Web Worker running fahras. */
export function createFahrasWorker(options?: FahrasWorkerOptions): FahrasWorker;
