// Text on its way to a terminal: control characters shown, never obeyed.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

namespace fahras::cli {

/// `text` with what a terminal would obey made visible: C0 controls (but tab and line feed),
/// DEL and C1 controls (U+0080..U+009F) as `\u00XX`, bytes that are not UTF-8 as `\xNN`.
/// Everything else, Arabic included, stays as it is. Inside JSON text the result is still valid
/// JSON with the same value (the JSON writer has escaped C0 and replaced bad bytes already).
///
/// Why: a document's id, title or text holding `ESC ] 0 ; ... BEL` would set the terminal's
/// title, and `ESC [ 2 J` would clear the screen of whoever searches it.
std::string escape_controls(std::string_view text);

/// Whether stdout (`stream` 1) or stderr (2) is a terminal; asked once.
bool shows_on_terminal(int stream);

/// `text` as it should reach `stream` (1 or 2): escaped on a terminal, byte for byte otherwise
/// (a pipe, a file), so that scripts get exactly what the index holds.
std::string shown(std::string_view text, int stream = 1);

/// One line of text for a listing: line ends and tabs become spaces.
std::string one_line(std::string_view text);

}  // namespace fahras::cli
