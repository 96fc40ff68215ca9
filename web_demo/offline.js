// Offline: a service worker per build (sw.js), registered once the page has loaded and is
// quiet; it says when the page works offline, and offers a reload when a newer build waits.
// SPDX-License-Identifier: MIT
//
// Registered late on purpose: it then precaches the files from the HTTP cache the page has just
// filled (sw.js), and its work never competes with the first downloads or with typing.

export function goOffline({ ready, whenQuiet, onOffline, onUpdate }) {
  if (!("serviceWorker" in navigator)) return;
  const loaded = new Promise((resolve) => {
    if (document.readyState === "complete") resolve();
    else addEventListener("load", resolve, { once: true });
  });
  Promise.allSettled([ready, loaded]).then(() => whenQuiet(() => {
    navigator.serviceWorker.register("sw.js").then((registration) => {
      if (!registration) return; // service workers blocked
      watchForUpdates(registration, onUpdate);
      // The first install (no page of an earlier build in charge) makes the page work offline.
      if (!navigator.serviceWorker.controller) navigator.serviceWorker.ready.then(onOffline);
    }, () => {
      // Offline or not allowed: the page works without it, only not offline.
    });
  }));
}

function watchForUpdates(registration, onUpdate) {
  const offer = (worker) => onUpdate(() => {
    navigator.serviceWorker.addEventListener("controllerchange", () => location.reload());
    worker.postMessage("activate");
  });
  if (registration.waiting && navigator.serviceWorker.controller) offer(registration.waiting);
  registration.addEventListener("updatefound", () => {
    const worker = registration.installing;
    worker?.addEventListener("statechange", () => {
      if (worker.state === "installed" && navigator.serviceWorker.controller) offer(worker);
    });
  });
}
