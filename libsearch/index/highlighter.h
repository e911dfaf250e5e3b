// Snippets and highlights cut from the original text. The text is analyzed
// again with the index's Analyzer, so a match is decided on normalized forms
// while the marks are byte ranges of the original, diacritised text.
#ifndef LIBSEARCH_INDEX_HIGHLIGHTER_H_
#define LIBSEARCH_INDEX_HIGHLIGHTER_H_

#include <string_view>

#include "index/query_parser.h"
#include "libsearch/analyzer.h"
#include "libsearch/index.h"

namespace libsearch {

// A passage of at most `max_chars` code points around the densest group of
// matches (or the start of `text` when nothing matches). With
// `whole` the passage is all of `text`.
Snippet MakeSnippet(const Analyzer& analyzer, const HighlightSpec& spec, std::string_view text,
                    std::size_t max_chars, bool whole);

}  // namespace libsearch

#endif  // LIBSEARCH_INDEX_HIGHLIGHTER_H_
