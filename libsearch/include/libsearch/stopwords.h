// libsearch/stopwords.h: the Arabic stopword list.
//
// Stopwords are looked up by their *normalized* form (after normalization,
// before stemming), so the list holds one spelling per word: الى covers
// إلى and إلي.
//
// How "ar/1" was chosen (259 words, libsearch/analysis/stopwords.cc). The
// candidates are Arabic's closed classes, written as the normalizer writes
// them: prepositions (في من الي علي عن مع بين منذ حتي عند نحو حول خلال قبل
// بعد ...), prepositions with a pronoun (له لها به فيه منه عليه اليه ...),
// conjunctions and subordinators (و ف او ثم بل لكن حيث اذا لو كي عندما
// بينما كما ان انه لان ...), personal, demonstrative and relative pronouns
// (هو هي هم نحن هذا هذه ذلك تلك هءلاء هناك الذي التي الذين ...), particles
// (لا لم لن قد لقد ليس سوف هل ماذا كيف ايضا فقط جدا ...), quantifiers (كل
// جميع بعض عده نفس احد), the auxiliaries كان/كانت/يكون/تكون/اصبح/ظل/مازال
// and the passive auxiliary تم/يتم, and the و/ف forms of the commonest of
// them (وفي ومن وعلي وهو ولا ولم وقد فقد وكان وان فان وهذا والتي ...).
// Each was checked against word frequencies of the news corpus
// (shared/data/news, 17.3 M Arabic tokens, 335,407 normalized types): 245
// of the 259 occur at least 200 times, the others are kept so that each
// paradigm is whole (هذان هاتان انتما انتن). Together they are 23.8 % of
// the corpus's tokens. Of the 100 most frequent types, the ones left out
// are content words: reporting verbs (قال وقال واضاف), time words (اليوم
// العام امس), names and titles (محمد رييس الله), and بن, which is part of
// names (محمد بن سلمان). Reporting verbs are frequent but carry meaning
// in a query (ماذا قال ترامب), so they stay searchable.
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
