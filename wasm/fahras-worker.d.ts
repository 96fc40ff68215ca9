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

import type { CollectionOptions, FahrasCollection, FahrasIndex, Token } from "./fahras";

/** The methods of T, each returning a promise of what it returns. */
type Async<T> = {
  [K in keyof T as T[K] extends (...args: never[]) => unknown ? K : never]:
    T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};

/** A collection in the worker: the calls of FahrasCollection, all promises. */
export type WorkerCollection = Async<FahrasCollection> & { readonly url: string };
/** An index in the worker: the calls of FahrasIndex, as promises. */
export type WorkerIndex = Async<FahrasIndex>;

export interface FahrasWorker {
  /** Resolves to the module's version once fahras-reader.wasm is loaded in the worker. */
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
   *  it loads fahras.mjs from its folder, with fahras-reader.wasm for collections and
   *  fahras.wasm for indexes). */
  workerUrl?: string | URL;
}

/** Starts a module Web Worker running fahras. */
export function createFahrasWorker(options?: FahrasWorkerOptions): FahrasWorker;
