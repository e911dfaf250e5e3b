// Stopword list "ar/1" and the Analyzer's use of it.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "libsearch/analyzer.h"
#include "libsearch/stopwords.h"

namespace {

using libsearch::Stopwords;

TEST(StopwordsTest, ClosedClassWordsAreIn) {
  const Stopwords& s = Stopwords::Arabic();
  // Normalized spellings: الى → الي, على → علي, هؤلاء → هءلاء, إن → ان.
  for (std::string_view w :
       {"في", "من", "الي", "علي", "عن", "مع", "بين", "منذ", "حتي", "و", "ف", "او", "ثم", "بل",
        "لكن", "ان", "انه", "هو", "هي", "هم", "نحن", "هذا", "هذه", "ذلك", "تلك", "هءلاء", "الذي",
        "التي", "الذين", "لا", "لم", "لن", "قد", "ليس", "كان", "كانت", "يكون", "تم", "كل", "بعض",
        "وفي", "ومن", "وهو", "فان", "والتي", "له", "فيها", "عليه", "اليه"}) {
    EXPECT_TRUE(s.Contains(w)) << w;
  }
}

TEST(StopwordsTest, ContentWordsAreOut) {
  const Stopwords& s = Stopwords::Arabic();
  for (std::string_view w : {"كتاب", "قال", "وقال", "الله", "اليوم", "عام", "بن", "محمد", "مصر",
                             "", "x", "the", "في ", "فيي", "الكتاب"}) {
    EXPECT_FALSE(s.Contains(w)) << w;
  }
}

TEST(StopwordsTest, UnnormalizedSpellingsAreNotListed) {
  // The list holds normalized forms only; the analyzer normalizes first.
  const Stopwords& s = Stopwords::Arabic();
  EXPECT_FALSE(s.Contains("إلى"));
  EXPECT_FALSE(s.Contains("على"));
}

TEST(StopwordsTest, SizeAndName) {
  EXPECT_EQ(Stopwords::Arabic().size(), 259u);
  EXPECT_STREQ(Stopwords::Arabic().Name(), "ar/1");
  EXPECT_EQ(&Stopwords::Arabic(), &Stopwords::Arabic());
}

TEST(StopwordsTest, AnalyzerMarksStopwordsAfterNormalization) {
  libsearch::Analyzer analyzer;
  EXPECT_TRUE(analyzer.IsStopword("الي"));
  EXPECT_FALSE(analyzer.IsStopword("كتاب"));
  libsearch::AnalyzedStream stream = analyzer.Analyze("ذهبتُ إلى المدرسةِ");
  libsearch::AnalyzedToken t;
  ASSERT_TRUE(stream.Next(&t));
  EXPECT_FALSE(t.stopword);
  ASSERT_TRUE(stream.Next(&t));
  EXPECT_EQ(t.token.text, "الي");
  EXPECT_TRUE(t.stopword);
  ASSERT_TRUE(stream.Next(&t));
  EXPECT_FALSE(t.stopword);
  EXPECT_EQ(t.stem, "مدرس");
  EXPECT_FALSE(stream.Next(&t));

  libsearch::AnalyzerOptions off;
  off.stopwords = false;
  libsearch::Analyzer plain(off);
  EXPECT_FALSE(plain.IsStopword("الي"));
  EXPECT_NE(plain.Fingerprint().find("stop=none"), std::string::npos);
  EXPECT_NE(analyzer.Fingerprint().find("stop=ar/1"), std::string::npos);
}

TEST(AnalyzerTest, StemsOnlyArabicTokens) {
  libsearch::Analyzer analyzer;
  libsearch::AnalyzedStream stream = analyzer.Analyze("وَبِالكِتَابِ Running 2024 و");
  libsearch::AnalyzedToken t;
  ASSERT_TRUE(stream.Next(&t));
  EXPECT_EQ(t.stem, "كتاب");
  ASSERT_TRUE(stream.Next(&t));
  EXPECT_EQ(t.stem, "running");
  ASSERT_TRUE(stream.Next(&t));
  EXPECT_EQ(t.stem, "2024");
  EXPECT_FALSE(t.stopword);
  ASSERT_TRUE(stream.Next(&t));
  EXPECT_EQ(t.stem, "و");
  EXPECT_TRUE(t.stopword);
  EXPECT_FALSE(stream.Next(&t));
}

TEST(AnalyzerTest, StemWordAndFingerprint) {
  libsearch::Analyzer light;
  EXPECT_EQ(light.StemWord("والمعلمون"), "معلم");
  EXPECT_EQ(light.StemWord("  "), "");
  const std::string fp = light.Fingerprint();
  EXPECT_EQ(fp.rfind("libsearch-ar/1 ", 0), 0u) << fp;
  EXPECT_NE(fp.find(light.normalizer().Description()), std::string::npos);
  EXPECT_NE(fp.find(light.tokenizer().Description()), std::string::npos);
  EXPECT_NE(fp.find(" stem=light/1 "), std::string::npos) << fp;

  libsearch::AnalyzerOptions o;
  o.stemming = libsearch::StemStrength::kSnowball;
  libsearch::Analyzer snowball(o);
  EXPECT_EQ(snowball.StemWord("الكتاب"), "كتاب");
  EXPECT_NE(snowball.Fingerprint().find("stem=snowball/xapian-"), std::string::npos);
  o.stemming = libsearch::StemStrength::kNone;
  libsearch::Analyzer none(o);
  EXPECT_EQ(none.StemWord("الكتاب"), "الكتاب");

  libsearch::Analyzer moved(std::move(snowball));
  EXPECT_EQ(moved.StemWord("الكتاب"), "كتاب");
}

}  // namespace
