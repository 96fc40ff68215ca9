// Keyboard shortcuts of the whole page: / and Ctrl+K (⌘K) go to the search box, whatever the
// keyboard layout (KeyboardEvent.code names the key, not the letter it types: / is ظ in Arabic).
// SPDX-License-Identifier: MIT

export function listenForShortcuts({ isReaderOpen, toSearch }) {
  addEventListener("keydown", (e) => {
    if (e.defaultPrevented || isReaderOpen()) return;
    const commandK = e.code === "KeyK" && (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey;
    const editing = e.target.closest?.("input, select, textarea, [contenteditable]");
    const slash = e.code === "Slash" && !editing && !e.ctrlKey && !e.metaKey && !e.altKey;
    if (!commandK && !slash) return;
    e.preventDefault();
    toSearch();
  });
}
