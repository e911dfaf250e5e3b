// libsearch/stemmer.h: stemmers for normalized Arabic words.
//
// Three strengths behind one interface:
//   kNone      the normalized word is its own stem
//   kLight     libsearch's light stemmer (this file documents its rules)
//   kSnowball  the stock Snowball Arabic stemmer that Xapian ships
//
// A stemmer takes a word as the tokenizer produced it (normalized). Words
// that are not Arabic (Latin words, numbers, URLs) are returned unchanged by
// every strength: an Arabic news archive's Latin words are mostly names and
// acronyms, which English stemming would damage.
//
// THE LIGHT STEMMER (kLight). Its stem is always a substring of the word,
// so it allocates nothing. <DOCUMENTED BY ITS IMPLEMENTATION: rules, length
// guards and protected word classes.>
#ifndef LIBSEARCH_STEMMER_H_
#define LIBSEARCH_STEMMER_H_

#include <memory>
#include <string>
#include <string_view>

#include "libsearch/export.h"

namespace libsearch {

enum class StemStrength {
  kNone,
  kLight,
  kSnowball,
};

// "none", "light", "snowball"; ParseStemStrength accepts the same names and
// returns false for anything else.
const char* StemStrengthName(StemStrength strength) noexcept;
LIBSEARCH_EXPORT bool ParseStemStrength(std::string_view name,
                                        StemStrength* strength) noexcept;

class LIBSEARCH_EXPORT Stemmer {
 public:
  virtual ~Stemmer();

  // Returns the stem of `word`, a normalized token. The result either points
  // into `word` or into *scratch; it stays valid while both are unchanged.
  virtual std::string_view Stem(std::string_view word,
                                std::string* scratch) const = 0;

  // Name and version, e.g. "light/1". Part of the index fingerprint: change
  // it whenever a stem changes.
  virtual std::string Name() const = 0;
};

// kNone and kLight stemmers are stateless and safe to share between
// threads. A kSnowball stemmer holds a Xapian::Stem, which is not: give
// each thread its own.
LIBSEARCH_EXPORT std::unique_ptr<Stemmer> MakeStemmer(StemStrength strength);

// The light stemmer, usable without the factory (and inlinable where the
// caller knows the type).
class LIBSEARCH_EXPORT LightStemmer final : public Stemmer {
 public:
  std::string_view Stem(std::string_view word,
                        std::string* scratch) const override;
  // Same stem without the virtual call or scratch.
  std::string_view StemView(std::string_view word) const noexcept;
  std::string Name() const override;
};

}  // namespace libsearch

#endif  // LIBSEARCH_STEMMER_H_
