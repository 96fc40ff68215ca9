// A module Web Worker for Node's tests: fahras-worker.mjs run in a worker_threads thread, with
// what it needs of a browser worker (self, postMessage, message events, and a fetch that reads
// file: URLs, whence it loads fahras.wasm). The browser tests (tests/browser) run the real one.
// SPDX-License-Identifier: MIT
//
// Imported on the main thread, installWorker() puts a global Worker in place for
// createFahrasWorker; run as that thread, this file sets the scene and imports the worker.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { isMainThread, parentPort, Worker as ThreadWorker, workerData } from "node:worker_threads";

/** Makes createFahrasWorker() start its worker as a worker_threads thread. */
export function installWorker() {
  globalThis.location ??= { href: "http://127.0.0.1/" };
  globalThis.Worker = class extends EventTarget {
    constructor(url) {
      super();
      this.thread = new ThreadWorker(new URL(import.meta.url), { workerData: { url: String(url) } });
      this.thread.on("message", (data) => this.dispatchEvent(new MessageEvent("message", { data })));
      this.thread.on("error", (e) => this.dispatchEvent(Object.assign(new Event("error"), { message: e.message })));
    }
    postMessage(data) {
      this.thread.postMessage(data);  // throws DataCloneError as a browser's does
    }
    terminate() {
      this.thread.terminate();
    }
  };
}

if (!isMainThread) {
  class WorkerGlobalScope extends EventTarget {}
  const self = new WorkerGlobalScope();
  self.postMessage = (data) => parentPort.postMessage(data);
  globalThis.WorkerGlobalScope = WorkerGlobalScope;
  globalThis.self = self;
  globalThis.fetch = async (url) =>
    new Response(readFileSync(fileURLToPath(String(url))), { headers: { "content-type": "application/wasm" } });
  // Messages that come while the worker module loads wait for its listener.
  let early = [];
  const deliver = (data) => self.dispatchEvent(new MessageEvent("message", { data }));
  parentPort.on("message", (data) => (early ? early.push(data) : deliver(data)));
  await import(workerData.url);
  const waiting = early;
  early = null;
  waiting.forEach(deliver);
}
