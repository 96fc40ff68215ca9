// The measured page, the same for both engines: a search box, ten results painted as text, and
// the time from the input event to the frame that shows them.
// SPDX-License-Identifier: MIT
//
// An engine adapter is { start(): Promise, search(query): Promise<{ total, hits: [{ title,
// excerpt }] }> }. measure.mjs waits for `window.__bench.ready`, fills #q and reads
// `window.__bench.runs`: { query, total, shown, ms } per painted search, `ms` from the input
// event's timestamp to the next frame after the results went into the page.

export const RESULTS = 10;

const afterNextPaint = () => new Promise((resolve) => requestAnimationFrame(() => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => resolve(performance.now());
  channel.port2.postMessage(0);
}));

export async function run(engine) {
  const bench = (window.__bench = { ready: false, runs: [], errors: [] });
  const input = document.getElementById("q");
  const list = document.getElementById("results");
  await engine.start();
  let latest = 0;
  input.addEventListener("input", async (event) => {
    const id = ++latest;
    const query = input.value.trim();
    if (!query) {
      list.replaceChildren();
      return;
    }
    try {
      const { total, hits } = await engine.search(query);
      if (id !== latest) return; // a newer input replaced this one
      list.replaceChildren(...hits.map(({ title, excerpt }) => {
        const item = document.createElement("li");
        const heading = document.createElement("h3");
        heading.textContent = title;
        const text = document.createElement("p");
        text.textContent = excerpt;
        item.append(heading, text);
        return item;
      }));
      const painted = await afterNextPaint();
      bench.runs.push({ query, total, shown: hits.length, ms: painted - event.timeStamp });
    } catch (error) {
      if (error?.name !== "AbortError") bench.errors.push(String(error?.stack ?? error));
    }
  });
  bench.ready = true;
}
