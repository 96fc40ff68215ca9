// Umbrella header: includes every public header of fahras.
// SPDX-License-Identifier: MIT
#pragma once

#include "analyze.hpp"
#include "collection.hpp"
#include "document.hpp"
#include "error.hpp"
#include "facets.hpp"
#include "highlight.hpp"
#include "index.hpp"
#include "index_builder.hpp"
#include "normalize.hpp"
#include "query.hpp"
#include "score.hpp"
#include "search.hpp"
#include "serialize.hpp"
#include "stats.hpp"
#include "stem.hpp"
#include "stopwords.hpp"
#include "tokenize.hpp"
#include "types.hpp"
#include "version.hpp"
#include "written_forms.hpp"
