// What the page says about a query besides its hits: corrections, ignored words, why nothing
// was found. Shown under the search box, and read out through the live region.
// SPDX-License-Identifier: MIT

import { h } from "./marks.js";

/** Shows `notes` ([{ kind, text }]) and the empty-state message `empty` (or "") in `list`. */
export function showNotes(list, notes, empty) {
  list.replaceChildren(
    ...notes.map((n) => h("li", { class: n.kind, text: n.text })),
    ...(empty ? [h("li", { class: "empty", text: empty })] : []),
  );
}
