// The fast light stemmer, stopword look-up and analyzer against the
// plain reference copy (light_stemmer_reference.h): the same stem and the
// same stopword flag on Snowball's Arabic vocabulary, on the news samples
// and on random words. Speed work must not change a single stem.
#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdint>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/light_stemmer_internal.h"
#include "analysis_test_util.h"
#include "libsearch/analyzer.h"
#include "libsearch/normalizer.h"
#include "libsearch/stemmer.h"
#include "libsearch/stopwords.h"
#include "light_stemmer_reference.h"

namespace {

using libsearch::AnalyzedStream;
using libsearch::AnalyzedToken;
using libsearch::Analyzer;
using libsearch::AnalyzerOptions;
using libsearch::StemStrength;
using libsearch::TokenKind;

constexpr const char* kVocabulary = "/usr/share/snowball/data/arabic/voc.txt.gz";

// Counts mismatches and reports the first few, so a regression on 9 M words
// does not print 9 M lines.
class Mismatches {
 public:
  explicit Mismatches(const char* what) : what_(what) {}
  ~Mismatches() { EXPECT_EQ(count_, 0) << what_; }
  void Add(std::string_view word, std::string_view got, std::string_view want,
           const char* field) {
    if (++count_ <= 10) {
      ADD_FAILURE() << what_ << ": " << field << " of '" << word << "': got '" << got
                    << "', want '" << want << "'";
    }
  }

 private:
  const char* what_;
  long count_ = 0;
};

// LightStemmer::StemView and Stopwords::Contains on one word.
void CheckWord(std::string_view word, Mismatches* m) {
  static const libsearch::LightStemmer stemmer;
  const std::string_view got = stemmer.StemView(word);
  const std::string_view want = reference::LightStem(word);
  // The stem is a substring of the word: the same one, at the same place.
  if (got != want || got.data() != want.data()) m->Add(word, got, want, "stem");
  const bool stop = libsearch::Stopwords::Arabic().Contains(word);
  if (stop != reference::IsStopword(word)) {
    m->Add(word, stop ? "stopword" : "-", stop ? "-" : "stopword", "stopword flag");
  }
  // The analyzer's entry points, on the word packed one byte per character
  // when every character is in U+0600–U+06FF (as the analyzer's memo packs
  // it, letters or not).
  std::uint8_t letters[64 + 16] = {};
  const std::size_t count = word.size() / 2;
  if (word.size() % 2 != 0 || count == 0 || count > 64) return;
  for (std::size_t i = 0; i < count; ++i) {
    const auto b0 = static_cast<unsigned char>(word[2 * i]);
    const auto b1 = static_cast<unsigned char>(word[2 * i + 1]);
    if (b0 < 0xD8 || b0 > 0xDB || (b1 & 0xC0) != 0x80) return;
    letters[i] = static_cast<std::uint8_t>((b0 & 3) << 6 | (b1 & 0x3F));
  }
  const int n = static_cast<int>(count);
  const unsigned both = libsearch::analysis::LightStemLettersAndStopword(letters, n);
  const unsigned range = libsearch::analysis::LightStemLetters(letters, n);
  const std::size_t begin = both & 0xFF, end = (both >> 8) & 0xFF;
  const std::string_view packed_stem =
      end >= begin && end <= count ? word.substr(2 * begin, 2 * (end - begin)) : "(bad range)";
  if (packed_stem != want || packed_stem.data() != want.data() || (both >> 17) != 0) {
    m->Add(word, packed_stem, want, "LightStemLettersAndStopword stem");
  }
  if (range != (both & 0xFFFF)) m->Add(word, "-", "-", "LightStemLetters range");
  const bool packed_stop = (both >> 16) & 1;
  if (packed_stop != reference::IsStopword(word)) {
    m->Add(word, packed_stop ? "stopword" : "-", packed_stop ? "-" : "stopword",
           "LightStemLettersAndStopword stopword flag");
  }
}

// What the analyzer must give for one token under `options`.
void CheckToken(const AnalyzerOptions& options, const AnalyzedToken& t, Mismatches* m) {
  std::string_view want = t.token.text;
  bool want_stop = false;
  if (t.token.kind == TokenKind::kArabic) {
    if (options.stemming == StemStrength::kLight) want = reference::LightStem(t.token.text);
    want_stop = options.stopwords && reference::IsStopword(t.token.text);
  }
  if (options.stemming != StemStrength::kSnowball && t.stem != want) {
    m->Add(t.token.text, t.stem, want, "analyzer stem");
  }
  if (t.stopword != want_stop) {
    m->Add(t.token.text, t.stopword ? "stopword" : "-", want_stop ? "stopword" : "-",
           "analyzer stopword flag");
  }
}

long AnalyzeAndCheck(const Analyzer& analyzer, std::string_view text, Mismatches* m) {
  AnalyzedStream stream = analyzer.Analyze(text);
  AnalyzedToken t;
  long n = 0;
  while (stream.Next(&t)) {
    CheckToken(analyzer.options(), t, m);
    ++n;
  }
  return n;
}

AnalyzerOptions Options(StemStrength s, bool stopwords) {
  AnalyzerOptions o;
  o.stemming = s;
  o.stopwords = stopwords;
  return o;
}

// The bodies and titles of examples/data/news.jsonl, and the first 3,000
// articles of the shared news corpus when it is there.
std::vector<std::string> NewsDocuments() {
  std::vector<std::string> docs;
  std::ifstream in(std::string(LIBSEARCH_SOURCE_DIR) + "/examples/data/news.jsonl");
  std::string line;
  while (std::getline(in, line)) {
    for (const char* field : {"\"title\": \"", "\"body\": \""}) {
      const std::size_t k = line.find(field);
      if (k != std::string::npos) {
        docs.push_back(analysis_test::JsonString(line, k + std::string_view(field).size()));
      }
    }
  }
  for (std::string& t : analysis_test::NewsTexts(3000)) docs.push_back(std::move(t));
  return docs;
}

TEST(StemmerDifferentialTest, SnowballVocabulary) {
  gzFile in = gzopen(kVocabulary, "rb");
  if (in == nullptr) GTEST_SKIP() << kVocabulary << " is absent (Debian package snowball-data)";
  gzbuffer(in, 1 << 20);
  std::unique_ptr<gzFile_s, int (*)(gzFile)> closer(in, gzclose);

  libsearch::Normalizer normalizer;
  const Analyzer analyzer;
  Mismatches words_m("vocabulary word"), analyzer_m("vocabulary through the analyzer");
  std::string normalized;
  char line[4096];
  long words = 0;
  while (gzgets(in, line, sizeof line) != nullptr) {
    std::string_view word(line);
    while (!word.empty() && (word.back() == '\n' || word.back() == '\r')) word.remove_suffix(1);
    if (word.empty()) continue;
    ++words;
    normalized.clear();
    normalizer.NormalizeTo(word, &normalized);
    CheckWord(normalized, &words_m);
    AnalyzeAndCheck(analyzer, word, &analyzer_m);
  }
  EXPECT_GT(words, 9000000) << "truncated vocabulary?";
}

TEST(StemmerDifferentialTest, NewsTokens) {
  const std::vector<std::string> docs = NewsDocuments();
  ASSERT_FALSE(docs.empty()) << "examples/data/news.jsonl is missing";
  Mismatches words_m("news token"), analyzer_m("news through the analyzer");
  // Every token on its own...
  const libsearch::Tokenizer tokenizer;
  long tokens = 0;
  for (const std::string& doc : docs) {
    libsearch::TokenStream stream = tokenizer.Tokenize(doc);
    libsearch::Token t;
    while (stream.Next(&t)) {
      CheckWord(t.text, &words_m);
      ++tokens;
    }
  }
  // The sample archive alone has about 2,600 tokens (a clone without
  // ../shared); the shared corpus adds about a million.
  EXPECT_GT(tokens, 2000);
  // ...and through the analyzer, twice, so the second pass meets the words
  // the first one left in the analyzer's memo.
  const Analyzer analyzer;
  for (int pass = 0; pass < 2; ++pass) {
    long n = 0;
    for (const std::string& doc : docs) n += AnalyzeAndCheck(analyzer, doc, &analyzer_m);
    EXPECT_EQ(n, tokens);
  }
}

// Analyzers with different options interleaved token by token in one thread:
// none may see another's results.
TEST(StemmerDifferentialTest, InterleavedAnalyzersDoNotMix) {
  const std::vector<std::string> docs = NewsDocuments();
  ASSERT_FALSE(docs.empty());
  std::vector<Analyzer> analyzers;
  for (StemStrength s : {StemStrength::kLight, StemStrength::kNone, StemStrength::kSnowball}) {
    for (bool stop : {true, false}) analyzers.emplace_back(Options(s, stop));
  }
  Mismatches m("interleaved analyzers");
  for (int pass = 0; pass < 2; ++pass) {
    for (std::size_t d = 0; d < docs.size() && d < 400; ++d) {
      std::vector<AnalyzedStream> streams;
      for (const Analyzer& a : analyzers) streams.push_back(a.Analyze(docs[d]));
      for (bool more = true; more;) {
        more = false;
        for (std::size_t i = 0; i < streams.size(); ++i) {
          AnalyzedToken t;
          if (!streams[i].Next(&t)) continue;
          CheckToken(analyzers[i].options(), t, &m);
          more = true;
        }
      }
    }
  }
}

// Normalized Arabic letters, the affix letters weighted up so that the rules
// fire often.
std::string RandomArabicWord(std::mt19937& rng, int letters) {
  static const std::vector<char32_t> pool = {
      0x0627, 0x0627, 0x0627, 0x0644, 0x0644, 0x0644, 0x0648, 0x0648, 0x0641, 0x0628,
      0x0643, 0x0647, 0x0647, 0x0646, 0x0646, 0x062A, 0x062A, 0x0645, 0x0645, 0x064A,
      0x064A, 0x0629, 0x0621, 0x0631, 0x062F, 0x0633, 0x0639, 0x0642, 0x062D, 0x062C,
      0x0637, 0x0635, 0x0634, 0x062E, 0x0630, 0x0632, 0x062B, 0x0636, 0x0638, 0x063A};
  std::string s;
  for (int i = 0; i < letters; ++i) s += analysis_test::U8(pool[rng() % pool.size()]);
  return s;
}

TEST(StemmerDifferentialTest, RandomArabicWords) {
  std::mt19937 rng(20261121);
  const Analyzer analyzer;
  Mismatches words_m("random word"), analyzer_m("random word through the analyzer");
  std::string text;
  for (int i = 0; i < 1000000; ++i) {
    const std::string w = RandomArabicWord(rng, 1 + static_cast<int>(rng() % 12));
    CheckWord(w, &words_m);
    text += w;
    text += ' ';
    if (text.size() > 4000) {
      AnalyzeAndCheck(analyzer, text, &analyzer_m);
      text.clear();
    }
  }
  AnalyzeAndCheck(analyzer, text, &analyzer_m);
}

// Words of the stemmer's own lists and stopwords with random proclitics and
// suffixes: the paths where the lists decide.
TEST(StemmerDifferentialTest, ListedWordsWithAffixes) {
  std::vector<std::string_view> stems;
  for (std::string_view w : reference::detail::kLamInitial) stems.push_back(w);
  for (std::string_view w : reference::detail::kProcliticInitial) stems.push_back(w);
  for (std::string_view w : reference::detail::kRadicalEnding) stems.push_back(w);
  for (std::string_view w : reference::detail::kTwoLetterWords) stems.push_back(w);
  for (std::string_view w : reference::detail::kArabicStopwords) stems.push_back(w);
  const char* prefixes[] = {"", "", "", "و", "ف", "ب", "ك", "ل", "ال", "لل", "بال", "كال",
                            "وال", "فال", "وبال", "ولل", "فلل", "وب", "ول", "فب"};
  const char* suffixes[] = {"", "", "", "ه", "ها", "هم", "هما", "هن", "كم", "كما", "كن",
                            "نا", "ات", "ون", "ين", "ان", "ا", "وا", "ة", "ت", "تها", "تان",
                            "اتها", "ي", "ك", "يه", "ياتهم"};
  std::mt19937 rng(42);
  const Analyzer analyzer;
  Mismatches words_m("listed word"), analyzer_m("listed word through the analyzer");
  std::string text;
  for (std::string_view stem : stems) {
    CheckWord(stem, &words_m);
    for (int k = 0; k < 12; ++k) {
      std::string w = prefixes[rng() % std::size(prefixes)];
      w += stem;
      w += suffixes[rng() % std::size(suffixes)];
      CheckWord(w, &words_m);
      text += w;
      text += ' ';
    }
    if (text.size() > 4000) {
      AnalyzeAndCheck(analyzer, text, &analyzer_m);
      text.clear();
    }
  }
  AnalyzeAndCheck(analyzer, text, &analyzer_m);
}

// Any bytes at all go through StemView unchanged or stemmed as before:
// odd lengths, other scripts, marks, truncated UTF-8, over-long words.
TEST(StemmerDifferentialTest, ArbitraryBytes) {
  std::mt19937 rng(7);
  Mismatches m("arbitrary bytes");
  for (int i = 0; i < 300000; ++i) {
    std::string w;
    const int kind = static_cast<int>(rng() % 4);
    if (kind == 0) {
      w = analysis_test::RandomMix(rng, 1 + static_cast<int>(rng() % 10));
    } else if (kind == 1) {
      for (int j = static_cast<int>(rng() % 16); j > 0; --j) w += static_cast<char>(rng());
    } else if (kind == 2) {
      // Arabic words with one byte changed.
      w = RandomArabicWord(rng, 3 + static_cast<int>(rng() % 8));
      w[rng() % w.size()] = static_cast<char>(rng());
    } else {
      // Around the stemmer's 64-letter limit.
      w = RandomArabicWord(rng, 60 + static_cast<int>(rng() % 8));
    }
    CheckWord(w, &m);
  }
}

// The packed entry point's letter test (vector for the first 16 letters,
// masked by the count, then a loop): a character of U+0600–U+06FF that is
// not a letter, at every position of words of every length it takes.
TEST(StemmerDifferentialTest, NonLetterAtEveryPosition) {
  std::mt19937 rng(16);
  Mismatches m("word with a non-letter");
  for (int n = 1; n <= 64; ++n) {
    for (int at = 0; at < n; ++at) {
      for (char32_t other : {0x0600, 0x060C, 0x064B, 0x0660, 0x06D4, 0x06FF}) {
        std::string w = RandomArabicWord(rng, at);
        w += analysis_test::U8(other);
        w += RandomArabicWord(rng, n - at - 1);
        CheckWord(w, &m);
      }
    }
  }
}

}  // namespace
