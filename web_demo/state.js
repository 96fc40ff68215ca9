// The demo's state, kept in the URL: search view (q, source), corpus view (by, w), reader
// (doc, at). Back and Forward move through it; a shared link opens the same page.
// SPDX-License-Identifier: MIT

const DEFAULTS = { view: "search", q: "", source: "", by: "surface", w: "", doc: "", at: "" };
const VIEWS = ["search", "corpus"];
const FORMS = ["surface", "normalized", "stem"];
/** Typing goes on in one history entry until it pauses this long; the next query gets its own. */
const SETTLED_MS = 1500;

function readUrl() {
  const params = new URLSearchParams(location.search);
  const s = {};
  for (const [key, value] of Object.entries(DEFAULTS)) s[key] = params.get(key) ?? value;
  if (!VIEWS.includes(s.view)) s.view = DEFAULTS.view;
  if (!FORMS.includes(s.by)) s.by = DEFAULTS.by;
  return s;
}

function urlOf(s) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(DEFAULTS)) if (s[key] && s[key] !== value) params.set(key, s[key]);
  const query = params.toString();
  return query ? `?${query}` : location.pathname;
}

/**
 * The state and how it moves. `onChange(state)` runs after every move, the browser's Back and
 * Forward included.
 */
export function createState(onChange) {
  let state = readUrl();
  let typedAt = 0; // when the current history entry last took a keystroke

  addEventListener("popstate", () => {
    state = readUrl();
    typedAt = 0;
    onChange(state, { fromHistory: true });
  });

  return {
    get current() {
      return state;
    },
    /** The URL of the state with `changes`, for real, shareable links. */
    linkTo: (changes) => urlOf({ ...state, ...changes }),
    /**
     * Moves to a new state. Places (a view, an article, a concordance) push a history entry,
     * so Back returns from them; `reader` marks an entry that opened the reader, which closing
     * it then goes back from. Typing (`typed`) stays in one entry while it goes on, and starts
     * a new one after a pause, so Back returns to the earlier query. Other changes (a filter)
     * replace the entry.
     */
    commit(changes, { push = false, reader = false, typed = false } = {}) {
      state = { ...state, ...changes };
      const url = urlOf(state);
      const here = url === (location.search || location.pathname);
      if (typed) {
        push = performance.now() - typedAt > SETTLED_MS;
        typedAt = performance.now();
      }
      if (push && !here) history.pushState({ reader }, "", url);
      else if (!here) history.replaceState(history.state, "", url);
      onChange(state, {});
    },
    /** Whether the current history entry opened the reader (closing it should go back). */
    get openedReader() {
      return Boolean(history.state?.reader);
    },
  };
}
