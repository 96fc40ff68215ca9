// Umbrella header: includes every public header of fahras.
// SPDX-License-Identifier: MIT
#pragma once

#include "analyze.hpp"
#include "document.hpp"
#include "error.hpp"
#include "normalize.hpp"
#include "stem.hpp"
#include "stopwords.hpp"
#include "tokenize.hpp"
#include "types.hpp"
#include "version.hpp"
