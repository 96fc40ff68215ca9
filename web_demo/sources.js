// The source filter: every source of the index (asked of the engine once), each with the number
// of articles the query finds in it, whichever source is chosen.
// SPDX-License-Identifier: MIT

import { T } from "./strings.js";
import { h } from "./marks.js";

const collator = new Intl.Collator("ar");

export function createSources(select, { onChoose }) {
  let all = null; // every source name, sorted
  select.addEventListener("change", () => onChoose(select.value));
  return {
    /**
     * Lists the sources of `index` with `counts` (source -> matching articles) for a query, or
     * without counts (no query); keeps `chosen` selected.
     */
    show(index, counts, chosen) {
      all ??= Object.keys(index.facets("", { fields: ["source"] }).source).sort(collator.compare);
      const names = chosen && !all.includes(chosen) ? [...all, chosen] : all;
      const total = counts && Object.values(counts).reduce((n, k) => n + k, 0);
      select.replaceChildren(
        h("option", { value: "", text: T.allSources(total) }),
        ...names.map((name) => h("option", { value: name, text: counts ? T.sourceOption(name, counts[name] ?? 0) : name })),
      );
      select.value = chosen;
    },
  };
}
