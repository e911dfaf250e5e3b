// analysis/light_stemmer_internal.h: the light stemmer's entry point for a
// word already packed one byte per letter (private; the analyzer's memo
// packs words that way for its key, so a memo miss need not decode again).
#ifndef LIBSEARCH_ANALYSIS_LIGHT_STEMMER_INTERNAL_H_
#define LIBSEARCH_ANALYSIS_LIGHT_STEMMER_INTERNAL_H_

#include <cstdint>

namespace libsearch {
namespace analysis {

// The light stem of a word of `count` characters of U+0600–U+06FF, given as
// the low bytes of their code points in letters[0..count), followed by at
// least 16 zero bytes. Returns the stem as letter offsets: begin in the low
// 8 bits, end in the next 8. Equal to LightStemmer::StemView on the word's
// UTF-8 (a word with a character that is not an Arabic letter is its own
// stem). count <= 64.
unsigned LightStemLetters(const std::uint8_t* letters, int count) noexcept;

// LightStemLetters, and bit 16 set when the word is a stopword
// (Stopwords::Arabic().Contains on its UTF-8): the stemmer probes its
// lexicon for the whole word anyway, and the lexicon holds the stopwords,
// so the answer costs nothing more. Same arguments.
unsigned LightStemLettersAndStopword(const std::uint8_t* letters, int count) noexcept;

}  // namespace analysis
}  // namespace libsearch

#endif  // LIBSEARCH_ANALYSIS_LIGHT_STEMMER_INTERNAL_H_
