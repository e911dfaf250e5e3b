// libsearch/xapian_stem.h: libsearch's analyzer as a Xapian::Stem.
//
// For programs that drive Xapian's own TermGenerator, QueryParser or
// MSet::snippet() directly. The returned stemmer normalizes each word
// before stemming it, so a diacritised word, its hamza variants and its
// Persian spellings all reach the same Z-term, and snippet() highlights
// the original text. (libsearch's own IndexWriter and Searcher do not need
// it: they generate terms with the Analyzer itself.)
//
//   Xapian::TermGenerator tg;
//   tg.set_stemmer(libsearch::MakeXapianStem());
//
// Note what it cannot change: TermGenerator's unstemmed, positional terms
// are still its own (diacritic-sensitive); normalize text with
// libsearch::Normalizer before index_text() for those.
#ifndef LIBSEARCH_XAPIAN_STEM_H_
#define LIBSEARCH_XAPIAN_STEM_H_

#include <xapian.h>

#include "libsearch/analyzer.h"
#include "libsearch/export.h"

namespace libsearch {

// get_description() is "libsearch:" + the analyzer's fingerprint.
LIBSEARCH_EXPORT Xapian::Stem MakeXapianStem(
    const AnalyzerOptions& options = AnalyzerOptions());

}  // namespace libsearch

#endif  // LIBSEARCH_XAPIAN_STEM_H_
