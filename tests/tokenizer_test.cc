// TokenStream: the word rules of tokenizer.h on news-like sentences, byte
// ranges against the normalizer, positions, limits, fuzzing and a
// differential test against a naive splitter over the reference normalizer,
// and one against a copy of the tokenizer before its fast paths.
#include "libsearch/tokenizer.h"

#include <gtest/gtest.h>
#include <unicode/uchar.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "analysis_test_util.h"
#include "libsearch/normalizer.h"
#include "tokenizer_reference.h"

namespace {

using libsearch::Normalizer;
using libsearch::NormalizerOptions;
using libsearch::Token;
using libsearch::TokenKind;
using libsearch::Tokenizer;
using libsearch::TokenizerOptions;

struct Tok {
  std::string text;
  TokenKind kind;
  size_t begin, end;
  uint32_t position;
};

std::vector<Tok> All(const Tokenizer& t, std::string_view text) {
  std::vector<Tok> out;
  libsearch::TokenStream stream = t.Tokenize(text);
  Token token;
  while (stream.Next(&token)) {
    out.push_back({std::string(token.text), token.kind, token.begin, token.end,
                   token.position});
  }
  EXPECT_FALSE(stream.Next(&token));  // stays at the end
  return out;
}

// "text/kind text/kind ..." for compact table rows.
std::string Compact(const std::vector<Tok>& toks) {
  std::string s;
  for (const Tok& t : toks) {
    if (!s.empty()) s += ' ';
    s += t.text + "/" + libsearch::TokenKindName(t.kind);
  }
  return s;
}

struct Row {
  const char* input;
  const char* expected;
};

const Row kRows[] = {
    // Arabic words, punctuation of news text.
    {"قال الرئيسُ، في كلمته؛ هل نجحنا؟", "قال/arabic الرءيس/arabic في/arabic كلمته/arabic هل/arabic نجحنا/arabic"},
    {"«الجزيرة» و“الشرق” (لندن)", "الجزيره/arabic و/arabic الشرق/arabic لندن/arabic"},
    {"مُحَمَّدٌ محــمد", "محمد/arabic محمد/arabic"},
    {"ك\u200Fت\u200Dب", "كتب/arabic"},
    {"نمی‌شود", "نميشود/arabic"},
    // Arabic meets Latin or digits.
    {"عام2024", "عام/arabic 2024/number"},
    {"2024عام", "2024/number عام/arabic"},
    {"Arabicعربي", "arabic/word عربي/arabic"},
    {"عام٢٠٢٤م", "عام/arabic 2024/number م/arabic"},
    // Latin words with digits.
    {"mp3 G20 covid19 COVID-19", "mp3/word g20/word covid19/word covid/word 19/number"},
    // Numbers.
    {"١٬٥٠٠٫٢٥", "1500.25/number"},
    {"3,000 و2.5 مليون", "3000/number و/arabic 2.5/number مليون/arabic"},
    {"1,000,000.5", "1000000.5/number"},
    {"1,2 12,34 1,2345", "1/number 2/number 12/number 34/number 1/number 2345/number"},
    {"٣٫١٤ و٢،٥", "3.14/number و/arabic 2/number 5/number"},
    {"5.\u200F7 نقطة", "5.7/number نقطه/arabic"},
    {"العام 2024.", "العام/arabic 2024/number"},
    {"10%", "10/number"},
    {"6:00", "6/number 00/number"},
    // Apostrophes, acronyms, dotted names.
    {"don't rock’n’roll 'quoted'", "don't/word rock'n'roll/word quoted/word"},
    {"U.N. U.S.A e.g. A.", "un/word usa/word eg/word a/word"},
    {"aljazeera.net bbc.co.uk news24.com", "aljazeera.net/word bbc.co.uk/word news24.com/word"},
    {"موقع aljazeera.net.", "موقع/arabic aljazeera.net/word"},
    // URLs and e-mails.
    {"http://www.Example.com/a?b=1. ثم", "http://www.example.com/a?b=1/url ثم/arabic"},
    {"(https://ar.wikipedia.org/wiki/X_(Y))", "https://ar.wikipedia.org/wiki/x_(y)/url"},
    {"(https://t.co/AbC)", "https://t.co/abc/url"},
    {"زوروا www.bbc.co.uk/arabic،", "زوروا/arabic www.bbc.co.uk/arabic/url"},
    {"راسلونا info@aljazeera.net, Foo.Bar+x@mail.example.org.",
     "راسلونا/arabic info@aljazeera.net/email foo.bar+x@mail.example.org/email"},
    {"http:// alone", "http/word alone/word"},
    {"a@b not-mail@", "a/word b/word not/word mail/word"},
    // Separators and invalid bytes.
    {"a\xFF" "b\xD8" "c", "a/word b/word c/word"},
    {"حرب\xC0\xAFسلام", "حرب/arabic سلام/arabic"},
    {"x+y=z - (w)", "x/word y/word z/word w/word"},
    // Expansions of one character.
    {"ﻻ ﻛﻼﻡ", "لا/arabic كلام/arabic"},
    {"النبي ﷺ قال", "النبي/arabic صلي/arabic الله/arabic عليه/arabic وسلم/arabic قال/arabic"},
    {"محمدﷺ", "محمد/arabic صلي/arabic الله/arabic عليه/arabic وسلم/arabic"},
    {"½", "1/number 2/number"},
    {"ＡＢＣ１２３", "abc123/word"},
    {"Straße ΑΘΗΝΑ", "strasse/word αθηνα/word"},
};

TEST(TokenizerTest, RulesTable) {
  const Tokenizer t;
  for (const Row& row : kRows) {
    EXPECT_EQ(Compact(All(t, row.input)), row.expected) << row.input;
  }
}

TEST(TokenizerTest, PositionsAndRanges) {
  const Tokenizer t;
  const std::string text = "قالَ: ﷺ 3,000 U.N. و";
  const auto toks = All(t, text);
  ASSERT_EQ(toks.size(), 8u);
  for (size_t i = 0; i < toks.size(); ++i) EXPECT_EQ(toks[i].position, i);
  EXPECT_EQ(text.substr(toks[0].begin, toks[0].end - toks[0].begin), "قالَ");
  // The four words of ﷺ share its byte range.
  for (int i = 1; i <= 4; ++i) {
    EXPECT_EQ(text.substr(toks[i].begin, toks[i].end - toks[i].begin), "ﷺ");
  }
  EXPECT_EQ(text.substr(toks[5].begin, toks[5].end - toks[5].begin), "3,000");
  EXPECT_EQ(text.substr(toks[6].begin, toks[6].end - toks[6].begin), "U.N.");
  EXPECT_EQ(toks[7].text, "و");
  EXPECT_EQ(toks[7].end, text.size());
}

TEST(TokenizerTest, LongTokensAreSkippedWithoutPosition) {
  TokenizerOptions o;
  o.max_token_bytes = 8;  // four Arabic letters
  const Tokenizer t(NormalizerOptions(), o);
  const auto toks = All(t, "كتب مكتبات abcdefgh abcdefghi ١٢٣٤٥٦٧٨٩ ﷺ");
  EXPECT_EQ(Compact(toks),
            "كتب/arabic abcdefgh/word صلي/arabic الله/arabic عليه/arabic وسلم/arabic");
  for (size_t i = 0; i < toks.size(); ++i) EXPECT_EQ(toks[i].position, i);
  // Diacritics do not count, only the normalized form.
  EXPECT_EQ(Compact(All(t, "مُحَمَّدٌ")), "محمد/arabic");
  // The limit is capped at kMaxTokenBytes.
  o.max_token_bytes = 100000;
  const Tokenizer big(NormalizerOptions(), o);
  EXPECT_EQ(big.Description(), "tok/1:240,url");
  const std::string word240(240, 'a'), word241(241, 'a');
  EXPECT_EQ(All(big, word240 + " " + word241 + " x").size(), 2u);
}

TEST(TokenizerTest, UrlsCanBeTurnedOff) {
  TokenizerOptions o;
  o.keep_urls = false;
  const Tokenizer t(NormalizerOptions(), o);
  EXPECT_EQ(Compact(All(t, "http://x.com/a info@x.org")),
            "http/word x.com/word a/word info/word x.org/word");
  EXPECT_EQ(t.Description(), "tok/1:120");
  EXPECT_EQ(Tokenizer().Description(), "tok/1:120,url");
}

TEST(TokenizerTest, NormalizerOptionsApply) {
  NormalizerOptions n;
  n.fold_digits = false;
  n.fold_teh_marbuta = false;
  n.fold_case = false;
  n.zwnj = libsearch::ZwnjPolicy::kSeparate;
  const Tokenizer t(n);
  EXPECT_EQ(Compact(All(t, "مدرسة ١٬٥٠٠٫٢٥ ABC نمی‌شود")),
            "مدرسة/arabic ١٥٠٠.٢٥/number ABC/word نمي/arabic شود/arabic");
}

TEST(TokenizerTest, KindNames) {
  EXPECT_STREQ(libsearch::TokenKindName(TokenKind::kArabic), "arabic");
  EXPECT_STREQ(libsearch::TokenKindName(TokenKind::kWord), "word");
  EXPECT_STREQ(libsearch::TokenKindName(TokenKind::kNumber), "number");
  EXPECT_STREQ(libsearch::TokenKindName(TokenKind::kUrl), "url");
  EXPECT_STREQ(libsearch::TokenKindName(TokenKind::kEmail), "email");
}

TEST(TokenizerTest, EmptyAndSeparatorOnlyInput) {
  const Tokenizer t;
  EXPECT_TRUE(All(t, "").empty());
  EXPECT_TRUE(All(t, " ،؛؟ \u200F\u064E ... ").empty());
}

// What Normalize() gives for a token's source range, with the documented
// rewrites: numbers drop thousands separators and write '٫' as '.', words
// write ’ as ', acronyms drop their dots.
std::string ExpectedText(const Normalizer& n, const std::string& source, const Tok& tok) {
  std::string s = n.Normalize(source);
  auto replace_all = [&s](const std::string& from, const std::string& to) {
    for (size_t k = 0; (k = s.find(from, k)) != std::string::npos; k += to.size()) {
      s.replace(k, from.size(), to);
    }
  };
  if (tok.kind == TokenKind::kNumber) {
    replace_all(",", "");
    replace_all("٬", "");
    replace_all("٫", ".");
  } else if (tok.kind == TokenKind::kWord) {
    replace_all("’", "'");
    if (tok.text.find('.') == std::string::npos) replace_all(".", "");
  }
  return s;
}

// For every token, its source range normalizes to its text (except the
// documented cases), ranges are ordered, and tokenizing the normalized text
// gives the same tokens as tokenizing the original.
void CheckTokens(const Tokenizer& t, const std::string& text) {
  const Normalizer n(t.normalizer_options());
  const auto toks = All(t, text);
  size_t prev_end = 0;
  for (size_t i = 0; i < toks.size(); ++i) {
    const Tok& tok = toks[i];
    ASSERT_EQ(tok.position, i);
    ASSERT_LE(tok.begin, tok.end);
    ASSERT_LE(tok.end, text.size());
    ASSERT_FALSE(tok.text.empty());
    ASSERT_LE(tok.text.size(), t.options().max_token_bytes);
    ASSERT_TRUE(analysis_test::IsValidUtf8(tok.text));
    const std::string source = text.substr(tok.begin, tok.end - tok.begin);
    const bool expansion = i > 0 && toks[i - 1].begin == tok.begin;
    const bool next_shares = i + 1 < toks.size() && toks[i + 1].begin == tok.begin;
    if (expansion || next_shares) {
      // One character, several words: each word is inside its expansion.
      EXPECT_NE(n.Normalize(source).find(tok.text), std::string::npos) << source;
    } else {
      ASSERT_GE(tok.begin, prev_end);
      EXPECT_EQ(ExpectedText(n, source, tok), tok.text) << "[" << source << "]";
    }
    prev_end = tok.end;
  }
  // Exception: an expansion glued to a word (محمدﷺ) is a boundary for the
  // tokenizer but not in the normalized text.
  for (size_t i = 1; i < toks.size(); ++i) {
    if (toks[i].begin == toks[i - 1].begin) return;
  }
  std::vector<std::string> a, b;
  for (const Tok& tok : toks) a.push_back(tok.text);
  for (const Tok& tok : All(t, n.Normalize(text))) b.push_back(tok.text);
  EXPECT_EQ(a, b);
}

TEST(TokenizerTest, RangesOnRows) {
  const Tokenizer t;
  for (const Row& row : kRows) CheckTokens(t, row.input);
}

TEST(TokenizerTest, RangesOnRealText) {
  const auto texts = analysis_test::NewsTexts(300);
  if (texts.empty()) GTEST_SKIP() << "news sample not found";
  const Tokenizer t;
  size_t tokens = 0;
  for (const std::string& text : texts) {
    CheckTokens(t, text);
    tokens += All(t, text).size();
  }
  EXPECT_GT(tokens, texts.size() * 50);
}

TEST(TokenizerTest, RandomBytesFuzz) {
  std::mt19937 rng(99);
  const unsigned char alphabet[] = {0x20, 0x2E, 0x2C, 0x27, 0x40, 0x2F, 0x3A, 0x41,
                                    0x61, 0x31, 0x77, 0x68, 0x80, 0x8C, 0x8E, 0xA0,
                                    0xAB, 0xBF, 0xC2, 0xD8, 0xD9, 0xDB, 0xE2, 0xED,
                                    0xEF, 0xF0, 0xFF, 0xB7, 0xBB, 0x85, 0x84, 0x00};
  TokenizerOptions small;
  small.max_token_bytes = 6;
  const Tokenizer tokenizers[] = {Tokenizer(), Tokenizer(NormalizerOptions(), small)};
  for (int iter = 0; iter < 300000; ++iter) {
    std::string s(rng() % 32, '\0');
    for (char& ch : s) {
      ch = static_cast<char>(rng() % 4 == 0 ? rng() % 256
                                            : alphabet[rng() % sizeof alphabet]);
    }
    const Tokenizer& t = tokenizers[iter % 2];
    libsearch::TokenStream stream = t.Tokenize(s);
    Token token;
    uint32_t expected_position = 0;
    size_t prev_begin = 0;
    while (stream.Next(&token)) {
      ASSERT_EQ(token.position, expected_position++);
      ASSERT_LT(token.begin, token.end);
      ASSERT_LE(token.end, s.size());
      ASSERT_GE(token.begin, prev_begin);
      ASSERT_FALSE(token.text.empty());
      ASSERT_LE(token.text.size(), t.options().max_token_bytes);
      ASSERT_TRUE(analysis_test::IsValidUtf8(token.text)) << testing::PrintToString(s);
      prev_begin = token.begin;
    }
  }
}

// Naive word splitting of the reference normalizer's output: runs of
// Arabic-block letters, runs of other letters and digits.
std::vector<std::string> NaiveTokens(const std::string& normalized) {
  std::vector<std::string> words;
  std::string cur;
  int cur_group = 0;  // 0 none, 1 Arabic, 2 other alnum
  const auto* p = reinterpret_cast<const uint8_t*>(normalized.data());
  const int32_t n = static_cast<int32_t>(normalized.size());
  for (int32_t i = 0; i < n;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    int group = 0;
    if (c >= 0x0600 && c <= 0x06FF && !u_isdigit(c) && (u_isalpha(c) || u_charType(c) == U_NON_SPACING_MARK)) {
      group = 1;
    } else if (c >= 0 && (u_isalnum(c) || u_charType(c) == U_NON_SPACING_MARK)) {
      group = 2;
    }
    if (group != cur_group && !cur.empty()) {
      words.push_back(cur);
      cur.clear();
    }
    cur_group = group;
    if (group != 0) cur.append(normalized, start, i - start);
  }
  if (!cur.empty()) words.push_back(cur);
  return words;
}

TEST(TokenizerTest, DifferentialAgainstNaiveSplit) {
  std::mt19937 rng(1234);
  std::vector<NormalizerOptions> options(3);
  options[1].strip_quranic_marks = false;
  options[1].fold_digits = false;
  options[2].zwnj = libsearch::ZwnjPolicy::kSeparate;
  options[2].fold_case = false;
  // Real sentences with the punctuation the word rules treat specially
  // blanked out, and random mixes.
  std::vector<std::string> inputs;
  for (std::string s : analysis_test::NewsSentences(100)) {
    for (char& ch : s) {
      if (ch != ' ' && static_cast<unsigned char>(ch) < 0x80 && !isalnum(static_cast<unsigned char>(ch))) ch = ' ';
    }
    inputs.push_back(s);
  }
  for (int i = 0; i < 20000; ++i) inputs.push_back(analysis_test::RandomMix(rng, 1 + rng() % 40));
  TokenizerOptions big;
  big.max_token_bytes = libsearch::TokenStream::kMaxTokenBytes;
  for (const NormalizerOptions& o : options) {
    const Tokenizer t(o, big);
    for (const std::string& in : inputs) {
      std::vector<std::string> got;
      for (const Tok& tok : All(t, in)) got.push_back(tok.text);
      ASSERT_EQ(got, NaiveTokens(analysis_test::RefNormalize(in, o))) << in;
    }
  }
}

// Every token of `text` from the library and from the reference copy
// (tokenizer_reference.h): same text, range, position and kind.
void ExpectSameAsReference(const NormalizerOptions& norm,
                           const TokenizerOptions& options, const std::string& text) {
  const Tokenizer t(norm, options);
  libsearch::TokenStream got = t.Tokenize(text);
  tokenizer_reference::Stream want(text, norm, options);
  Token a, b;
  for (size_t i = 0;; ++i) {
    const bool more_a = got.Next(&a);
    const bool more_b = want.Next(&b);
    ASSERT_EQ(more_a, more_b) << "token " << i << " of " << testing::PrintToString(text);
    if (!more_a) return;
    ASSERT_EQ(a.text, b.text) << "token " << i << " of " << testing::PrintToString(text);
    ASSERT_EQ(a.begin, b.begin) << "token " << i << " of " << testing::PrintToString(text);
    ASSERT_EQ(a.end, b.end) << "token " << i << " of " << testing::PrintToString(text);
    ASSERT_EQ(a.position, b.position) << "token " << i << " of " << testing::PrintToString(text);
    ASSERT_EQ(a.kind, b.kind) << "token " << i << " of " << testing::PrintToString(text);
  }
}

// The option sets the differential tests run under: defaults, each
// normalizer switch flipped, and token limits around typical word lengths
// (a limit inside a run of letters is where a fast path can go wrong).
std::vector<std::pair<NormalizerOptions, TokenizerOptions>> ReferenceOptions() {
  std::vector<std::pair<NormalizerOptions, TokenizerOptions>> out;
  NormalizerOptions n;
  TokenizerOptions t;
  out.emplace_back(n, t);
  NormalizerOptions a;
  a.fold_teh_marbuta = false;
  a.fold_hamza_seats = false;
  a.strip_quranic_marks = false;
  out.emplace_back(a, t);
  NormalizerOptions b;
  b.fold_persian_letters = false;
  b.fold_digits = false;
  b.fold_case = false;
  b.zwnj = libsearch::ZwnjPolicy::kSeparate;
  TokenizerOptions no_urls;
  no_urls.keep_urls = false;
  out.emplace_back(b, no_urls);
  for (size_t max : {1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 16, 17, 240}) {
    TokenizerOptions m;
    m.max_token_bytes = max;
    out.emplace_back(n, m);
  }
  return out;
}

void ExpectSameAsReferenceAll(const std::vector<std::string>& texts) {
  for (const auto& [norm, options] : ReferenceOptions()) {
    for (const std::string& text : texts) {
      ExpectSameAsReference(norm, options, text);
      if (testing::Test::HasFatalFailure()) return;
    }
  }
}

TEST(TokenizerReferenceTest, RealNews) {
  auto texts = analysis_test::NewsTexts(1000);
  if (texts.empty()) GTEST_SKIP() << "news sample not found";
  ExpectSameAsReferenceAll(texts);
}

TEST(TokenizerReferenceTest, SampleArchive) {
  const std::filesystem::path data = std::filesystem::path(LIBSEARCH_SOURCE_DIR) / "examples/data";
  std::vector<std::string> texts;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(data)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    texts.push_back(ss.str());
  }
  ASSERT_GT(texts.size(), 5u);
  ExpectSameAsReferenceAll(texts);
}

// Full harakat, Qur'anic marks, alef wasla: the Uthmani text if the shared
// data is there, and news with marks and tatweel inserted either way.
TEST(TokenizerReferenceTest, DiacritisedText) {
  std::vector<std::string> texts;
  std::ifstream quran(std::string(LIBSEARCH_SHARED_DIR) + "/data/quran/quran_verses.tsv",
                      std::ios::binary);
  if (quran) {
    std::stringstream ss;
    ss << quran.rdbuf();
    texts.push_back(ss.str());
  }
  std::mt19937 rng(7);
  const char32_t marks[] = {0x064B, 0x064E, 0x064F, 0x0650, 0x0651, 0x0652, 0x0670,
                            0x0640, 0x06D6, 0x0610, 0x200C, 0x200F, 0x0653, 0x0654};
  std::ifstream sample(std::string(LIBSEARCH_SOURCE_DIR) + "/examples/data/news.jsonl",
                       std::ios::binary);
  std::stringstream ss;
  ss << sample.rdbuf();
  const std::string plain = ss.str();
  std::string marked;
  for (size_t i = 0; i < plain.size(); ++i) {
    marked += plain[i];
    const auto b = static_cast<unsigned char>(plain[i]);
    if ((b & 0xC0) == 0x80 && rng() % 2 == 0) marked += analysis_test::U8(marks[rng() % 14]);
  }
  texts.push_back(marked);
  ExpectSameAsReferenceAll(texts);
}

TEST(TokenizerReferenceTest, RandomMixes) {
  std::mt19937 rng(4321);
  // Characters of every class and path: plain and folded Arabic letters,
  // marks, tatweel, digits of three scripts, separators of the Arabic block,
  // Latin, URL and e-mail pieces, presentation forms and expansions (ﷺ, ﻻ),
  // format controls, other scripts.
  const std::vector<char32_t> pool = {
      0x0627, 0x0628, 0x062A, 0x0645, 0x062D, 0x062F, 0x0644, 0x0648, 0x064A, 0x0646,
      0x0647, 0x0629, 0x0649, 0x0622, 0x0623, 0x0625, 0x0671, 0x0624, 0x0626, 0x0621,
      0x06CC, 0x06A9, 0x06C1, 0x06D2, 0x06BE, 0x0675, 0x064B, 0x0651, 0x0670, 0x0640,
      0x0610, 0x06D6, 0x060C, 0x061B, 0x061F, 0x066B, 0x066C, 0x066A, 0x06D4, 0x0660,
      0x0665, 0x06F4, 0x200C, 0x200D, 0x200F, 0x00AD, 0x2019, 0xFEFB, 0xFDFA, 0xFE8D,
      0xFB50, 0xFE70, 0x00BD, 0x0416, 0x03A3, 0x00E9, 0x4E2D, 0x1F600, 'a', 'Z', 'w',
      'h', 't', 'p', 's', '0', '7', '.', ',', '\'', ':', '/', '@', '-', '(', ')', ' ',
      ' ', ' ', '\n'};
  const std::vector<std::string> pieces = {"http://", "https://", "www.", "U.N.", "3,000",
                                           "1.5", "a@b.co", "\xD8", "\xD9\x20", "\x80",
                                           "\xDB\xBF", "\xDA\x80", "\xFF"};
  std::vector<std::string> texts;
  for (int i = 0; i < 30000; ++i) {
    std::string s;
    const int n = 1 + static_cast<int>(rng() % 48);
    // Some inputs are long runs of letters: words at and past the limits.
    const bool letters = rng() % 4 == 0;
    for (int k = 0; k < n; ++k) {
      const unsigned r = rng() % 16;
      if (letters) {
        s += analysis_test::U8(pool[rng() % 20]);
      } else if (r == 0) {
        s += pieces[rng() % pieces.size()];
      } else if (r < 8) {
        s += analysis_test::U8(pool[rng() % 20]);
      } else {
        s += analysis_test::U8(pool[rng() % pool.size()]);
      }
    }
    texts.push_back(s);
    texts.push_back(analysis_test::RandomMix(rng, 1 + rng() % 60));
  }
  ExpectSameAsReferenceAll(texts);
}

// Latin-heavy text, built like analyzer_bench's "latin" input: English
// words (upper case, apostrophes, hyphens, acronyms), numbers with points
// and thousands separators, URLs, e-mail addresses, some Arabic words, and
// the punctuation between them; the ASCII fast path takes most of it.
TEST(TokenizerReferenceTest, LatinText) {
  std::mt19937 rng(2468);
  const std::vector<std::string> words = {
      "the", "Government", "said", "on", "MONDAY", "that", "year's", "don't", "isn't",
      "rock’n’roll", "O'Neill", "COVID-19", "G20", "U.N.", "U.S.A", "e.g.", "OPEC+", "mp3",
      "iPhone", "aljazeera.net", "bbc.co.uk", "Café", "naïve", "Straße", "x_y", "50%",
      "C++", "a-b-c", "https", "http", "www", "WWW", "Http", "mailto", "abcdefghijklmno",
      "abcdefghijklmnop", "abcdefghijklmnopq", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"};
  const std::vector<std::string> arabic = {"الحكومة", "قالت", "إن", "مؤتمر", "مسؤول", "مدرسة",
                                           "في", "عام"};
  const std::vector<std::string> tlds = {".com", ".org", ".net", ".co.uk", ".gov.sa", "."};
  const std::vector<std::string> punct = {" ", " ", " ", " ", ", ", ". ", " (", ") ", ": ",
                                          "; ", " - ", "\n", "", "-", ".", ",", "'", "’",
                                          "@", ":", "/", "\u00A0", "«", "“", "—", "\u200F",
                                          "\u064E", "\u00AD", "٫", "٬", "\xFF", "ﷺ", "\t"};
  auto pick = [&](const std::vector<std::string>& v) { return v[rng() % v.size()]; };
  std::vector<std::string> texts;
  for (int doc = 0; doc < 3000; ++doc) {
    std::string s;
    const int items = 1 + static_cast<int>(rng() % 24);
    for (int i = 0; i < items; ++i) {
      const unsigned r = rng() % 100;
      if (r < 55) {
        s += pick(words);
      } else if (r < 68) {
        s += pick(arabic);
      } else if (r < 80) {
        switch (rng() % 4) {
          case 0: s += std::to_string(rng() % 100000); break;
          case 1: s += std::to_string(rng() % 1000) + "." + std::to_string(rng() % 100); break;
          case 2: s += std::to_string(1 + rng() % 999) + "," + std::to_string(rng() % 10000); break;
          default: s += "٢٠" + std::to_string(rng() % 100); break;
        }
      } else if (r < 90) {
        const char* const schemes[] = {"https://www.", "http://", "HTTP://", "www.", "https://",
                                       "http:/", "www"};
        s += schemes[rng() % 7];
        s += pick(words) + pick(tlds);
        if (rng() % 2) s += "/news/" + std::to_string(rng() % 1000000) + "?page=(" +
                            std::to_string(rng() % 10) + (rng() % 2 ? ")" : "");
      } else {
        s += pick(words) + (rng() % 2 ? "." : "") + std::to_string(rng() % 100) +
             (rng() % 8 ? "@" : "") + "example" + pick(tlds);
      }
      s += pick(punct);
    }
    texts.push_back(s);
  }
  ExpectSameAsReferenceAll(texts);
}

// Every ending of an ASCII run: runs of 1 to 40 letters, digits or both
// (so 15/16/17- and 31/32/33-byte runs, and the limits of
// ReferenceOptions), in both cases, followed by every ASCII byte and by
// non-ASCII characters that end, continue or join a word, then by a letter,
// a digit, a separator or the end of the text.
TEST(TokenizerReferenceTest, AsciiRunBoundaries) {
  std::vector<std::string> afters;
  for (int b = 0; b < 0x80; ++b) {
    if (!isalnum(b)) afters.push_back(std::string(1, static_cast<char>(b)));
  }
  for (const char* a : {"é", "É", "’", "٫", "٬", "ب", "ا", "\u064E", "\u0640", "\u200F",
                        "\u00AD", "\u0301", "\u00A0", "«", "“", "—", "ﷺ", "ﻻ", "١", "٢",
                        "\xFF", "\xD8", "\xC3", "\xE2\x80", "Ж", "中", "😀", "½", "ﬁ"}) {
    afters.push_back(a);
  }
  const std::string nexts[] = {"", "b", "B", "7", " ", ".", "'", "x.y", "1,234", "ب"};
  std::vector<std::string> texts;
  for (int len = 1; len <= 40; ++len) {
    for (int style = 0; style < 4; ++style) {
      std::string run;
      for (int i = 0; i < len; ++i) {
        switch (style) {
          case 0: run += static_cast<char>('a' + i % 26); break;
          case 1: run += static_cast<char>('0' + i % 10); break;
          case 2: run += static_cast<char>(i % 3 == 0 ? 'A' + i % 26 : 'z' - i % 26); break;
          default: run += static_cast<char>(i % 2 ? '0' + i % 10 : 'Q'); break;
        }
      }
      texts.push_back(run);
      for (const std::string& after : afters) {
        for (const std::string& next : nexts) texts.push_back(run + after + next);
        texts.push_back("x " + run + after + run);
      }
    }
  }
  // Around the default limit (120) and the cap (240).
  for (size_t len : {119, 120, 121, 239, 240, 241}) {
    for (const char* after : {"", " ", ".", "'s", "é", "ب", ".b"}) {
      texts.push_back(std::string(len, 'a') + after + " next");
      texts.push_back(std::string(len - 2, '9') + "'s" + after);
      texts.push_back("www." + std::string(len, 'W') + after);
      texts.push_back(std::string(len - 10, 'm') + "@x.example" + after);
    }
  }
  ExpectSameAsReferenceAll(texts);
  TokenizerOptions big;
  big.max_token_bytes = libsearch::TokenStream::kMaxTokenBytes;
  for (const std::string& text : texts) {
    ExpectSameAsReference(NormalizerOptions(), big, text);
    if (HasFatalFailure()) return;
  }
}

// Numbers with points and thousands separators, and acronyms, with a
// deleted, non-ASCII or ASCII character put at every place: where the
// general rules look past deleted characters and the fast path gives up.
TEST(TokenizerReferenceTest, NumbersAndAcronymsWithInserts) {
  const std::string bases[] = {"1,000", "12,345,678", "1,000.5", "3.14", "1.2.3", "1,00",
                               "1,0000", "1,000,00", "2024.", "a,000", "1,000a", "a.b",
                               "U.N.", "ab.c", "A.b1", "x.y.z.", "don't", "rock'n'roll"};
  const std::string inserts[] = {"\u200F", "\u064E", "\u00AD", "٫", "٬", "٣", "é", "ب",
                                 "’", " ", ",", ".", "'", "7", "z", "\xFF"};
  std::vector<std::string> texts;
  for (const std::string& base : bases) {
    texts.push_back(base);
    for (size_t at = 0; at <= base.size(); ++at) {
      for (const std::string& insert : inserts) {
        const std::string s = base.substr(0, at) + insert + base.substr(at);
        texts.push_back(s);
        texts.push_back("x " + s + " y");
      }
    }
  }
  ExpectSameAsReferenceAll(texts);
}

// Every byte value at every place of a URL's and an e-mail address's
// 16-byte blocks, and after them.
TEST(TokenizerReferenceTest, UrlAndEmailBytes) {
  std::vector<std::string> texts;
  for (int b = 0; b < 256; ++b) {
    const std::string byte(1, static_cast<char>(b));
    for (int at = 0; at < 20; ++at) {
      const std::string pad(static_cast<size_t>(at), 'q');
      texts.push_back("see http://example.com/" + pad + byte + "x/y?z=1 next");
      texts.push_back("www.Example.ORG/" + pad + byte);
      texts.push_back("first.last" + pad + byte + "x@example.co.uk. next");
      texts.push_back("user@mail" + pad + byte + "x.example.com");
    }
  }
  ExpectSameAsReferenceAll(texts);
}

// Random strings of ASCII letters, digits and the punctuation the word
// rules look at, with URL and e-mail pieces and a few non-ASCII characters.
TEST(TokenizerReferenceTest, RandomAscii) {
  std::mt19937 rng(97531);
  const std::string alphabet = "aAzZmMwWhHtTpPsS0159 .,'@:/-_%+()!?\"\n";
  const std::vector<std::string> pieces = {"http://", "https://", "www.", "HTTPS://", "Www.",
                                           "@ex.com", "’", "٫", "é", "ب", "\u200F", "\u064E",
                                           "\xFF", "3,000", "U.N.", "ﷺ", "‘", "…", ".."};
  std::vector<std::string> texts;
  for (int i = 0; i < 20000; ++i) {
    std::string s;
    const int n = 1 + static_cast<int>(rng() % 40);
    // Some inputs are long runs of letters and digits.
    const bool runs = rng() % 4 == 0;
    for (int k = 0; k < n; ++k) {
      const unsigned r = rng() % 16;
      if (r == 0) {
        s += pieces[rng() % pieces.size()];
      } else if (runs || r < 6) {
        const char* const alnum = "abcxyzABCXYZ0123456789";
        s += alnum[rng() % 22];
      } else {
        s += alphabet[rng() % alphabet.size()];
      }
    }
    texts.push_back(s);
  }
  ExpectSameAsReferenceAll(texts);
}

}  // namespace
