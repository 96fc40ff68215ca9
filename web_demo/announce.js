// The page's one polite live region: says what changed, once, when things have settled.
// SPDX-License-Identifier: MIT
//
// Screen readers hear results and notes from here, not from the visible status line (which
// changes with every keystroke). A message waits until typing has paused, and is not repeated.
// While the reader dialog is open the region moves into it: outside a modal dialog it would
// not be heard.

const SETTLE_MS = 700;

export function createAnnouncer(region) {
  const home = region.parentElement;
  let timer = 0;
  let last = "";
  const say = (message) => {
    clearTimeout(timer);
    if (message === last) return;
    last = message;
    // Emptied first, then filled: a region that changes from A to A+B may read only B.
    region.textContent = "";
    timer = setTimeout(() => (region.textContent = message), 50);
  };
  return {
    /** Announces `message` once things have been quiet for a moment. */
    later(message) {
      clearTimeout(timer);
      timer = setTimeout(() => say(message), SETTLE_MS);
    },
    /** Announces `message` now (an answer to a deliberate action). */
    now: say,
    /** Moves the region into `container` (a dialog), or back home with no argument. */
    moveTo(container = home) {
      if (region.parentElement !== container) container.append(region);
    },
  };
}
