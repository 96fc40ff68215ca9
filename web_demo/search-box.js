// The search box: searches as you type (after a short debounce), corrects the word being typed
// after a pause, Enter searches at once; example chips fill it; ↓ goes to the first result.
// SPDX-License-Identifier: MIT

const DEBOUNCE_MS = 60;

/**
 * Wires `form` (with `input`). `onQuery(q, { typing })` runs a query: `typing` while keys come
 * in, false for Enter and the chips. `toResults()` focuses the first result (false: none).
 */
export function createSearchBox(form, input, examples, { onQuery, toResults }) {
  let timer = 0;
  const cancel = () => {
    clearTimeout(timer);
    timer = 0;
  };
  input.addEventListener("input", () => {
    cancel();
    timer = setTimeout(() => {
      timer = 0;
      onQuery(input.value, { typing: true });
    }, DEBOUNCE_MS);
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    cancel();
    onQuery(input.value, { typing: false, submitted: true });
    if (matchMedia("(pointer: coarse)").matches) input.blur(); // show the results, not the keyboard
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" && !e.altKey && !e.ctrlKey && !e.metaKey && toResults()) e.preventDefault();
  });
  examples.addEventListener("click", (e) => {
    const chip = e.target.closest("[data-q]");
    if (!chip) return;
    cancel();
    input.value = chip.dataset.q;
    onQuery(chip.dataset.q, { typing: false, chip: true });
    input.focus();
  });
  return {
    /** Whether a keystroke waits to be searched. */
    get typing() {
      return timer !== 0;
    },
    cancel,
    /** Shows `q` in the box, unless the user is typing in it. */
    show(q) {
      if (!timer && input.value !== q) input.value = q;
    },
    focus() {
      input.focus();
      input.select();
    },
  };
}
