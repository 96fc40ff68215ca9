// Library and index-format versions.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>

#define FAHRAS_VERSION_MAJOR 0
#define FAHRAS_VERSION_MINOR 1
#define FAHRAS_VERSION_PATCH 0

namespace fahras {

/// The library version, "major.minor.patch".
inline constexpr const char* version_string = "0.1.0";

/// Version of the binary index format written by `serialize`. Loading an index with a newer
/// version gives `errc::unsupported_version`.
inline constexpr std::uint16_t format_version = 2;

}  // namespace fahras
