// analysis/stopwords_internal.h: the built-in stopword list as data
// (private). The light stemmer's lexicon holds it too, so that the
// analyzer's memo miss answers "stem" and "stopword" with one look-up
// (LightStemLettersAndStopword, light_stemmer_internal.h).
#ifndef LIBSEARCH_ANALYSIS_STOPWORDS_INTERNAL_H_
#define LIBSEARCH_ANALYSIS_STOPWORDS_INTERNAL_H_

#include <cstddef>
#include <string_view>

namespace libsearch {
namespace analysis {

// The "ar/1" list: normalized forms, sorted bytewise, each made of Arabic
// letters only (U+0621–U+064A).
const std::string_view* ArabicStopwordList(std::size_t* count) noexcept;

}  // namespace analysis
}  // namespace libsearch

#endif  // LIBSEARCH_ANALYSIS_STOPWORDS_INTERNAL_H_
