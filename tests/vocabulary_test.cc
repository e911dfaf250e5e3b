// Every word of Snowball's Arabic test vocabulary (9.2 M words, Debian's
// snowball-data) through the normalizer and all three stemmers: nothing
// crashes, normalization is idempotent, and each light stem is a non-empty
// substring of its normalized word.
#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "libsearch/normalizer.h"
#include "libsearch/stemmer.h"

namespace {

constexpr const char* kVocabulary = "/usr/share/snowball/data/arabic/voc.txt.gz";

TEST(VocabularyTest, SnowballArabicVocabulary) {
  gzFile in = gzopen(kVocabulary, "rb");
  if (in == nullptr) GTEST_SKIP() << kVocabulary << " is absent (Debian package snowball-data)";
  gzbuffer(in, 1 << 20);
  std::unique_ptr<gzFile_s, int (*)(gzFile)> closer(in, gzclose);

  libsearch::Normalizer normalizer;
  libsearch::LightStemmer light;
  auto none = libsearch::MakeStemmer(libsearch::StemStrength::kNone);
  auto snowball = libsearch::MakeStemmer(libsearch::StemStrength::kSnowball);

  std::string normalized, again, scratch;
  char line[4096];
  long words = 0, changed = 0, failures = 0;
  while (gzgets(in, line, sizeof line) != nullptr) {
    std::string_view word(line);
    while (!word.empty() && (word.back() == '\n' || word.back() == '\r')) word.remove_suffix(1);
    if (word.empty()) continue;
    ++words;
    normalized.clear();
    normalizer.NormalizeTo(word, &normalized);
    again.clear();
    normalizer.NormalizeTo(normalized, &again);
    std::string_view stem = light.StemView(normalized);
    const bool inside = !stem.empty() && stem.data() >= normalized.data() &&
                        stem.data() + stem.size() <= normalized.data() + normalized.size();
    if (again != normalized || (!normalized.empty() && !inside)) {
      if (++failures <= 10) {
        ADD_FAILURE() << "word " << word << " normalized " << normalized << " again " << again
                      << " stem " << stem;
      }
    }
    if (stem.size() != normalized.size()) ++changed;
    // The other strengths only need to survive every word; Snowball is
    // the slow one, so it sees a sample.
    EXPECT_EQ(none->Stem(normalized, &scratch), normalized);
    if (words % 16 == 0) snowball->Stem(normalized, &scratch);
  }
  EXPECT_EQ(failures, 0);
  EXPECT_GT(words, 9000000) << "truncated vocabulary?";
  RecordProperty("words", std::to_string(words));
  RecordProperty("stemmed", std::to_string(changed));
  std::printf("%ld words, light stemmer changed %ld\n", words, changed);
}

}  // namespace
