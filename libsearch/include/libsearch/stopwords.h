// libsearch/stopwords.h: the Arabic stopword list.
//
// Stopwords are looked up by their *normalized* form (after normalization,
// before stemming), so the list holds one spelling per word: الى covers
// إلى and إلي. <HOW THE LIST WAS CHOSEN: documented by its implementation.>
//
// The index keeps stopwords as positional terms (so "quoted phrases" that
// contain them still match) but gives them no stem term; a query drops them
// from its plain-word part unless the query has nothing else.
#ifndef LIBSEARCH_STOPWORDS_H_
#define LIBSEARCH_STOPWORDS_H_

#include <cstddef>
#include <string_view>

#include "libsearch/export.h"

namespace libsearch {

class LIBSEARCH_EXPORT Stopwords {
 public:
  // The built-in Arabic list.
  static const Stopwords& Arabic() noexcept;

  // True when the normalized word `word` is a stopword.
  bool Contains(std::string_view word) const noexcept;

  std::size_t size() const noexcept;

  // Name and version, e.g. "ar/1". Part of the index fingerprint.
  const char* Name() const noexcept;

 private:
  Stopwords() = default;
};

}  // namespace libsearch

#endif  // LIBSEARCH_STOPWORDS_H_
