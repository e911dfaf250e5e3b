// The analysis chain against its parts: AnalyzedStream runs the tokenizer's
// common case inline with its own memo key (analyzer.cc), so its tokens must
// be the Tokenizer's, token for token, and its stems and stopword flags those
// of the stemmer and the stopword list called one token at a time, memo or
// not.
#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "analysis/char_class.h"
#include "analysis_test_util.h"
#include "libsearch/analyzer.h"

#if LIBSEARCH_TOKENIZER_AVX2
namespace libsearch::analysis {
extern bool g_wide_blocks;  // tokenizer.cc
}  // namespace libsearch::analysis
#endif

namespace {

using libsearch::AnalyzedStream;
using libsearch::AnalyzedToken;
using libsearch::Analyzer;
using libsearch::AnalyzerOptions;
using libsearch::LightStemmer;
using libsearch::NormalizerOptions;
using libsearch::StemStrength;
using libsearch::Stopwords;
using libsearch::Token;
using libsearch::TokenizerOptions;
using libsearch::TokenKind;

// Every token of `text` from the analyzer against the tokenizer's, and its
// stem and flag against the parts. Returns the number of tokens.
long ExpectSameAsParts(const Analyzer& analyzer, std::string_view text) {
  const AnalyzerOptions& o = analyzer.options();
  libsearch::TokenStream want = analyzer.tokenizer().Tokenize(text);
  AnalyzedStream got = analyzer.Analyze(text);
  const LightStemmer light;
  long i = 0;
  for (;; ++i) {
    Token w;
    AnalyzedToken g;
    const bool more_w = want.Next(&w);
    const bool more_g = got.Next(&g);
    // Built only for a failure's message: the texts are long.
    const auto where = [&] {
      return "token " + std::to_string(i) + " of " +
             testing::PrintToString(text.substr(w.begin > 40 ? w.begin - 40 : 0, 120));
    };
    EXPECT_EQ(more_g, more_w) << where();
    if (!more_g || !more_w) return i;
    EXPECT_EQ(g.token.text, w.text) << where();
    EXPECT_EQ(g.token.begin, w.begin) << where();
    EXPECT_EQ(g.token.end, w.end) << where();
    EXPECT_EQ(g.token.position, w.position) << where();
    EXPECT_EQ(g.token.kind, w.kind) << where();
    if (testing::Test::HasFailure()) return i;
    const bool arabic = w.kind == TokenKind::kArabic;
    std::string_view stem = w.text;
    if (arabic && o.stemming == StemStrength::kLight) stem = light.StemView(w.text);
    if (o.stemming != StemStrength::kSnowball) EXPECT_EQ(g.stem, stem) << where();
    EXPECT_EQ(g.stopword, arabic && o.stopwords && Stopwords::Arabic().Contains(w.text)) << where();
    // The stem is a view into the token's own text (not for Snowball).
    if (o.stemming != StemStrength::kSnowball) {
      EXPECT_GE(g.stem.data(), g.token.text.data()) << where();
      EXPECT_LE(g.stem.data() + g.stem.size(), g.token.text.data() + g.token.text.size())
          << where();
    }
    if (testing::Test::HasFailure()) return i;
  }
}

// The analyzer's two ways through a word: the AVX2 blocks and batches
// (token_stream_inl.h, analyzer.cc) where the processor has them, and the
// SSE2 (or scalar) blocks everywhere. The Tokenizer it is checked against
// takes neither the batches nor the AVX2 blocks. Runs `check` once per way, the way chosen.
template <typename F>
void ForEachBlockPath(F check) {
#if LIBSEARCH_TOKENIZER_AVX2
  const bool saved = libsearch::analysis::g_wide_blocks;
  if (__builtin_cpu_supports("avx2")) {
    libsearch::analysis::g_wide_blocks = true;
    check();
  }
  libsearch::analysis::g_wide_blocks = false;
  if (!testing::Test::HasFailure()) check();
  libsearch::analysis::g_wide_blocks = saved;
#else
  check();
#endif
}

// Analyzer option sets: the memoized one (light) with and without
// stopwords, the others, normalizer switches, and token limits around word
// lengths and the 16-byte blocks.
std::vector<AnalyzerOptions> OptionSets() {
  std::vector<AnalyzerOptions> out;
  for (StemStrength s : {StemStrength::kLight, StemStrength::kNone}) {
    for (bool stop : {true, false}) {
      AnalyzerOptions o;
      o.stemming = s;
      o.stopwords = stop;
      out.push_back(o);
    }
  }
  AnalyzerOptions a;
  a.normalizer.fold_teh_marbuta = false;
  a.normalizer.fold_hamza_seats = false;
  a.normalizer.fold_persian_letters = false;
  a.normalizer.fold_case = false;
  a.tokenizer.keep_urls = false;
  out.push_back(a);
  for (std::size_t max : {2, 3, 7, 15, 16, 17, 28, 29, 31, 32, 33, 63, 64, 240}) {
    AnalyzerOptions m;
    m.tokenizer.max_token_bytes = max;
    out.push_back(m);
  }
  return out;
}

void ExpectSameAsPartsAll(const std::vector<std::string>& texts) {
  ForEachBlockPath([&] {
    for (const AnalyzerOptions& o : OptionSets()) {
      const Analyzer analyzer(o);
      for (const std::string& text : texts) {
        ExpectSameAsParts(analyzer, text);
        if (testing::Test::HasFailure()) return;
      }
    }
  });
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(AnalyzerTest, SameAsPartsOnNews) {
  std::vector<std::string> texts = analysis_test::NewsTexts(300);
  if (texts.empty()) GTEST_SKIP() << "news sample not found";
  ExpectSameAsPartsAll(texts);
}

TEST(AnalyzerTest, SameAsPartsOnTheSampleArchive) {
  const std::string sample = ReadFile(std::string(LIBSEARCH_SOURCE_DIR) + "/examples/data/news.jsonl");
  ASSERT_FALSE(sample.empty());
  ExpectSameAsPartsAll({sample});
}

TEST(AnalyzerTest, SameAsPartsOnDiacritisedText) {
  std::string quran = ReadFile(std::string(LIBSEARCH_SHARED_DIR) + "/data/quran/quran_verses.tsv");
  if (quran.empty()) GTEST_SKIP() << "Qur'an text not found";
  ExpectSameAsPartsAll({quran.substr(0, 400000)});
}

// Short random mixes of every character class, one batch or less each, and
// the same strings joined into long texts that cross many batches.
TEST(AnalyzerTest, SameAsPartsOnRandomMixes) {
  std::mt19937 rng(99);
  const std::vector<std::string> pieces = {
      "http://x.org/a", "www.a.b", "U.N.", "3,000", "١٬٥٠٠٫٢٥", "a@b.co", "\xD8", "\xFF",
      "ﷺ", "ﻻ", "عام2024", "الإستراتيجيّة", "،", "«", "»", " ", "\n", "don't"};
  std::vector<std::string> texts;
  std::string joined;
  for (int i = 0; i < 6000; ++i) {
    std::string s;
    const int n = 1 + static_cast<int>(rng() % 12);
    for (int k = 0; k < n; ++k) {
      if (rng() % 4 == 0) {
        s += pieces[rng() % pieces.size()];
      } else {
        s += analysis_test::RandomMix(rng, 1 + static_cast<int>(rng() % 20));
      }
    }
    joined += s;
    if (joined.size() > 5000) {
      texts.push_back(std::move(joined));
      joined.clear();
    }
    texts.push_back(std::move(s));
  }
  ExpectSameAsPartsAll(texts);
}

// Long words, up to the 240-byte limit and past it, between short ones:
// the memo takes words of up to 14 letters, and tokens skipped as too long
// must not take a position.
TEST(AnalyzerTest, SameAsPartsWithLongWords) {
  std::mt19937 rng(5);
  std::vector<std::string> texts;
  for (int t = 0; t < 200; ++t) {
    std::string s;
    for (int w = 0; w < 100; ++w) {
      const int letters = rng() % 3 == 0 ? 100 + static_cast<int>(rng() % 40)
                                         : 1 + static_cast<int>(rng() % 16);
      for (int k = 0; k < letters; ++k) s += analysis_test::U8(0x0628 + rng() % 16);
      s += rng() % 5 == 0 ? "، " : " ";
    }
    texts.push_back(s);
  }
  AnalyzerOptions o;
  o.tokenizer.max_token_bytes = 240;
  const Analyzer analyzer(o);
  ForEachBlockPath([&] {
    for (const std::string& text : texts) {
      ExpectSameAsParts(analyzer, text);
      ExpectSameAsParts(Analyzer(), text);
      if (HasFailure()) return;
    }
  });
}

// What the batch decides (AnalyzedStream::FillBatch, with AVX2 and SSE2
// blocks: ForEachBlockPath): runs of every ASCII byte before a word, 0 to
// 40 long (its window is 32), with two-byte separators, deleted characters
// and other characters among them; words of 1 to 20 letters of the block
// ranges, folded ones among them (it takes 1 to 16); and after a word
// every kind of character that may end it or go on with it. Texts of 0 to
// 150 bytes, so that the last 65 bytes of each, where the batch stops,
// fall on every kind of place, and a third of them up to 2,000 bytes, so
// that batches fill (64 words) and start again.
TEST(AnalyzerTest, SameAsPartsAroundTheBatch) {
  std::mt19937 rng(2026);
  std::string ascii;
  for (int b = 1; b < 0x80; ++b) ascii += static_cast<char>(b);
  const std::vector<std::string> after = {
      " ", ".", ",", "\n", "\t", "a", "7", "'", "-", "@", "/", "\x01", "\x7F", "،", "«",
      analysis_test::U8(0x064E), analysis_test::U8(0x0651), analysis_test::U8(0x0640),
      analysis_test::U8(0x0671), analysis_test::U8(0x06A9), analysis_test::U8(0x0660),
      analysis_test::U8(0x200C), "é", "\xD8", "\xFF", "ﻻ", ""};
  // Between words, besides ASCII: separators of two bytes (، « » ؟ ؛),
  // deleted ones (a haraka, tatweel), and ones that stop the batch (ZWNJ,
  // an Arabic-Indic digit, é, a lone lead byte, ﻻ).
  const std::vector<std::string> between = {
      "،", "«", "»", "؟", "؛", analysis_test::U8(0x064E), analysis_test::U8(0x0640),
      analysis_test::U8(0x200C), analysis_test::U8(0x0660), "é", "\xD8", "ﻻ"};
  std::vector<std::string> texts;
  for (int t = 0; t < 3000; ++t) {
    std::string s;
    const std::size_t size = t % 3 == 0 ? rng() % 2001 : rng() % 151;
    while (s.size() < size) {
      const int run = rng() % 4 == 0 ? static_cast<int>(rng() % 41) : static_cast<int>(rng() % 3);
      for (int k = 0; k < run; ++k) {
        const unsigned r = rng() % 16;
        if (r < 8) {
          s += ' ';
        } else if (r < 14) {
          s += ascii[rng() % ascii.size()];
        } else {
          s += between[rng() % between.size()];
        }
      }
      const int letters = 1 + static_cast<int>(rng() % 20);
      for (int k = 0; k < letters; ++k) {
        // U+0621–U+063A and U+0641–U+064A, with آ أ ؤ إ ئ ة ى among them.
        const char32_t c = rng() % 2 == 0 ? 0x0621 + rng() % 26 : 0x0641 + rng() % 10;
        s += analysis_test::U8(c);
      }
      s += after[rng() % after.size()];
    }
    texts.push_back(std::move(s));
  }
  ExpectSameAsPartsAll(texts);
}

// A copy made in the middle of a text goes on alone, its tokens its own,
// after the original is gone.
TEST(AnalyzerTest, CopiedStreamGoesOnAlone) {
  std::string text;
  for (int i = 0; i < 50; ++i) text += "والمفاوضات، بين الحكومة والمعارضة في عام 2024 ";
  const Analyzer analyzer;
  std::vector<std::string> want;
  {
    AnalyzedStream s = analyzer.Analyze(text);
    AnalyzedToken t;
    while (s.Next(&t)) want.push_back(std::string(t.token.text) + "|" + std::string(t.stem));
  }
  ASSERT_GT(want.size(), 100u);
  for (std::size_t skip : {std::size_t{0}, std::size_t{1}, std::size_t{5}, std::size_t{31},
                           std::size_t{32}, std::size_t{33}, std::size_t{70}}) {
    auto original = std::make_unique<AnalyzedStream>(analyzer.Analyze(text));
    AnalyzedToken t;
    for (std::size_t i = 0; i < skip; ++i) ASSERT_TRUE(original->Next(&t));
    AnalyzedStream copy = *original;
    AnalyzedStream assigned = analyzer.Analyze("");
    assigned = *original;
    original.reset();
    for (AnalyzedStream* s : {&copy, &assigned}) {
      std::size_t i = skip;
      while (s->Next(&t)) {
        ASSERT_LT(i, want.size());
        EXPECT_EQ(std::string(t.token.text) + "|" + std::string(t.stem), want[i]) << i;
        ++i;
      }
      EXPECT_EQ(i, want.size());
    }
  }
}

}  // namespace
