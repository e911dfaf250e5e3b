// Normalizer: one row per rule of arabic-text.md §1, every option on and
// off, idempotence, offsets, invalid UTF-8, fuzzing and a differential test
// against the simple reference in analysis_test_util.h.
#include "libsearch/normalizer.h"

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "analysis/char_class.h"
#include "analysis_test_util.h"

namespace {

using analysis_test::U8;
using libsearch::Normalizer;
using libsearch::NormalizerOptions;
using libsearch::ZwnjPolicy;

NormalizerOptions With(const std::function<void(NormalizerOptions&)>& f) {
  NormalizerOptions o;
  f(o);
  return o;
}

const NormalizerOptions kDefault;
const NormalizerOptions kNoTeh = With([](auto& o) { o.fold_teh_marbuta = false; });
const NormalizerOptions kNoHamza = With([](auto& o) { o.fold_hamza_seats = false; });
const NormalizerOptions kNoPersian = With([](auto& o) { o.fold_persian_letters = false; });
const NormalizerOptions kNoQuranic = With([](auto& o) { o.strip_quranic_marks = false; });
const NormalizerOptions kNoDigits = With([](auto& o) { o.fold_digits = false; });
const NormalizerOptions kNoCase = With([](auto& o) { o.fold_case = false; });
const NormalizerOptions kZwnjSplit = With([](auto& o) { o.zwnj = ZwnjPolicy::kSeparate; });

struct Row {
  const char* rule;
  NormalizerOptions options;
  std::string input;
  std::string expected;
};

// Wraps a code point between two letters: ك<c>تب.
std::string InWord(char32_t c) { return "ك" + U8(c) + "تب"; }

std::vector<Row> Rows() {
  std::vector<Row> rows;
  // Harakat and the other combining marks U+064B–U+065F: always deleted.
  for (char32_t c = 0x064B; c <= 0x065F; ++c) {
    rows.push_back({"harakat/marks", kDefault, InWord(c), "كتب"});
    rows.push_back({"harakat/marks, other options off", kNoQuranic, InWord(c), "كتب"});
  }
  rows.push_back({"superscript alef", kDefault, "هٰذا", "هذا"});
  rows.push_back({"tatweel everywhere", kDefault, "ــمحــمدــ", "محمد"});
  // Qur'anic marks: deleted by default, kept when the option is off.
  for (char32_t c = 0x0610; c <= 0x061A; ++c) {
    rows.push_back({"quranic marks 0610-061A", kDefault, InWord(c), "كتب"});
    rows.push_back({"quranic marks kept", kNoQuranic, InWord(c), InWord(c)});
  }
  for (char32_t c = 0x06D6; c <= 0x06ED; ++c) {
    rows.push_back({"quranic marks 06D6-06ED", kDefault, InWord(c), "كتب"});
  }
  rows.push_back({"quranic mark 06D6 kept", kNoQuranic, InWord(0x06D6), InWord(0x06D6)});
  rows.push_back({"quranic mark 06ED kept", kNoQuranic, InWord(0x06ED), InWord(0x06ED)});
  // Alef forms.
  rows.push_back({"alef madda", kDefault, "آمن", "امن"});
  rows.push_back({"alef hamza above", kDefault, "أحمد", "احمد"});
  rows.push_back({"alef hamza below", kDefault, "إسلام", "اسلام"});
  rows.push_back({"alef wasla", kDefault, "ٱلله", "الله"});
  rows.push_back({"alef forms with all options off",
                  With([](auto& o) { o = NormalizerOptions{false, false, false, false, false, false, ZwnjPolicy::kRemove}; }),
                  "آأإٱ", "اااا"});
  rows.push_back({"alef maksura to yeh", kDefault, "على مصطفى", "علي مصطفي"});
  rows.push_back({"teh marbuta", kDefault, "مدرسة", "مدرسه"});
  rows.push_back({"teh marbuta kept", kNoTeh, "مدرسة", "مدرسة"});
  rows.push_back({"waw hamza", kDefault, "مسؤول", "مسءول"});
  rows.push_back({"yeh hamza", kDefault, "مسئول", "مسءول"});
  rows.push_back({"hamza seats meet", kDefault, "شؤون شئون رءوس رؤوس", "شءون شءون رءوس رءوس"});
  rows.push_back({"hamza seats kept", kNoHamza, "مسؤول مسئول", "مسؤول مسئول"});
  // Persian/Urdu letters.
  rows.push_back({"farsi yeh", kDefault, "علی", "علي"});
  rows.push_back({"yeh barree", kDefault, "ے", "ي"});
  rows.push_back({"keheh", kDefault, "کتاب", "كتاب"});
  rows.push_back({"heh with yeh above", kDefault, "ۀ", "ه"});
  rows.push_back({"heh goal", kDefault, "ہ", "ه"});
  rows.push_back({"heh doachashmee", kDefault, "ھ", "ه"});
  rows.push_back({"persian kept", kNoPersian, "ی ے ک ۀ ہ ھ", "ی ے ک ۀ ہ ھ"});
  // Presentation forms and ligatures (NFKC, then the Arabic rules).
  rows.push_back({"lam-alef", kDefault, "ﻻ", "لا"});
  rows.push_back({"lam-alef hamza above", kDefault, "ﻷ", "لا"});
  rows.push_back({"lam-alef hamza below", kDefault, "ﻹ", "لا"});
  rows.push_back({"lam-alef madda", kDefault, "ﻵ", "لا"});
  rows.push_back({"presentation word", kDefault, "ﻛﻼﻡ", "كلام"});
  rows.push_back({"final teh marbuta form", kDefault, "ﺔ", "ه"});
  rows.push_back({"final teh marbuta form kept", kNoTeh, "ﺔ", "ة"});
  rows.push_back({"waw hamza form", kNoHamza, "ﺅ", "ؤ"});
  rows.push_back({"keheh form", kDefault, "ﮎ", "ك"});
  rows.push_back({"keheh form kept", kNoPersian, "ﮎ", "ک"});
  rows.push_back({"allah ligature", kDefault, "ﷲ", "الله"});
  rows.push_back({"salla ligature", kDefault, "ﷺ", "صلي الله عليه وسلم"});
  rows.push_back({"rial sign", kDefault, "﷼", "ريال"});
  rows.push_back({"isolated harakat form", kDefault, "ﹰ", ""});
  rows.push_back({"ornate parenthesis stays", kDefault, "﴿x﴾", "﴿x﴾"});
  // Digits.
  rows.push_back({"arabic-indic digits", kDefault, "٠١٢٣٤٥٦٧٨٩", "0123456789"});
  rows.push_back({"extended arabic-indic digits", kDefault, "۰۱۲۳۴۵۶۷۸۹", "0123456789"});
  rows.push_back({"digits kept", kNoDigits, "٢٠٢٤ ۲۰۲۴", "٢٠٢٤ ۲۰۲۴"});
  // Separators are copied unchanged.
  rows.push_back({"arabic punctuation", kDefault, "،؛؟٪٫٬«»“”‹›•", "،؛؟٪٫٬«»“”‹›•"});
  rows.push_back({"query syntax", kDefault, "\"A B\" (c OR d) -e +f x:y 1..5 a=b",
                  "\"a b\" (c or d) -e +f x:y 1..5 a=b"});
  rows.push_back({"whitespace", kDefault, "a\tb\nc\u00A0d", "a\tb\nc\u00A0d"});
  // Format controls vanish; ZWNJ per policy.
  for (char32_t c : {0x200B, 0x200D, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D,
                     0x202E, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0x2066, 0x2067,
                     0x2068, 0x2069, 0xFEFF, 0x00AD, 0x061C}) {
    rows.push_back({"format control", kDefault, "ab" + U8(c) + "cd", "abcd"});
    rows.push_back({"format control in arabic", kZwnjSplit, InWord(c), "كتب"});
  }
  rows.push_back({"zwnj removed", kDefault, "نمی‌شود", "نميشود"});
  rows.push_back({"zwnj separates", kZwnjSplit, "نمی‌شود", "نمي‌شود"});
  // Case folding.
  rows.push_back({"ascii case", kDefault, "Hello WORLD", "hello world"});
  rows.push_back({"ascii case kept", kNoCase, "Hello WORLD", "Hello WORLD"});
  rows.push_back({"latin-1 case", kDefault, "ÀÉÎÕÜ", "àéîõü"});
  rows.push_back({"cyrillic case", kDefault, "ПРИВЕТ", "привет"});
  rows.push_back({"greek case", kDefault, "ΑΘΗΝΑ", "αθηνα"});
  rows.push_back({"sharp s", kDefault, "Straße", "strasse"});
  rows.push_back({"fullwidth latin", kDefault, "ＡＢＣ１２", "abc12"});
  rows.push_back({"fullwidth latin, case kept", kNoCase, "ＡＢＣ", "ABC"});
  rows.push_back({"latin ligature", kDefault, "ﬁle", "file"});
  rows.push_back({"non-arabic case kept", kNoCase, "ÀΘП", "ÀΘП"});
  // Invalid bytes.
  rows.push_back({"invalid byte", kDefault, "a\xFF" "b", "a\uFFFD" "b"});
  rows.push_back({"mixed sentence", kDefault, "قالَ الرئيسُ: «إنّ ٣ ملايين»؛ OK؟",
                  "قال الرءيس: «ان 3 ملايين»؛ ok؟"});
  return rows;
}

TEST(NormalizerTest, RulesTable) {
  for (const Row& row : Rows()) {
    const Normalizer n(row.options);
    EXPECT_EQ(n.Normalize(row.input), row.expected)
        << row.rule << " [" << row.input << "] " << n.Description();
  }
}

TEST(NormalizerTest, RowsAreIdempotent) {
  for (const Row& row : Rows()) {
    const Normalizer n(row.options);
    const std::string once = n.Normalize(row.input);
    EXPECT_EQ(n.Normalize(once), once) << row.rule;
  }
}

TEST(NormalizerTest, Description) {
  EXPECT_EQ(Normalizer().Description(), "norm/1:tm,hs,fa,qm,dg,cf,zr");
  EXPECT_EQ(Normalizer(kNoTeh).Description(), "norm/1:hs,fa,qm,dg,cf,zr");
  EXPECT_EQ(Normalizer(kZwnjSplit).Description(), "norm/1:tm,hs,fa,qm,dg,cf,zs");
  const NormalizerOptions none{false, false, false, false, false, false,
                               ZwnjPolicy::kSeparate};
  EXPECT_EQ(Normalizer(none).Description(), "norm/1:zs");
}

// Every one of the 128 option sets gives a different description and a
// distinct behaviour on a probe that exercises each option.
TEST(NormalizerTest, EveryOptionCombinationWorks) {
  const std::string probe = "مدرسة مسؤول کتاب ك" + U8(0x06D6) + "تب ٢٠ AB نمی‌شود";
  std::map<std::string, std::string> seen;  // output → description
  for (int bits = 0; bits < 128; ++bits) {
    NormalizerOptions o;
    o.fold_teh_marbuta = bits & 1;
    o.fold_hamza_seats = bits & 2;
    o.fold_persian_letters = bits & 4;
    o.strip_quranic_marks = bits & 8;
    o.fold_digits = bits & 16;
    o.fold_case = bits & 32;
    o.zwnj = bits & 64 ? ZwnjPolicy::kSeparate : ZwnjPolicy::kRemove;
    const Normalizer n(o);
    const std::string out = n.Normalize(probe);
    EXPECT_EQ(n.Normalize(out), out);
    EXPECT_TRUE(seen.emplace(out, n.Description()).second)
        << n.Description() << " behaves like " << seen[out];
  }
}

TEST(NormalizerTest, InvalidUtf8) {
  const std::string r = "\uFFFD";
  const struct {
    std::string in, out;
  } cases[] = {
      {"\xC3", r},                               // truncated 2-byte
      {"\xD8", r},                               // truncated Arabic lead at end
      {"\xD9" "a", r + "a"},                     // lead without continuation
      {"\xE2\x80", r + r},                       // truncated 3-byte
      {"\xF0\x9F\x98", r + r + r},               // truncated 4-byte
      {"\xC0\xAF", r + r},                       // overlong '/'
      {"\xE0\x80\xAF", r + r + r},               // overlong 3-byte
      {"\xF0\x80\x80\xAF", r + r + r + r},       // overlong 4-byte
      {"\xED\xA0\x80", r + r + r},               // surrogate D800
      {"\xED\xBF\xBF", r + r + r},               // surrogate DFFF
      {"\xF4\x90\x80\x80", r + r + r + r},       // above U+10FFFF
      {"\x80", r},                               // lone continuation
      {"\xBF\x80", r + r},
      {"\xFF\xFE", r + r},
      {"\xF5\x80\x80\x80", r + r + r + r},
      {std::string("a\0b", 3), std::string("a\0b", 3)},  // NUL is valid
      {"\xD9\x8E", ""},                          // fatha, valid: deleted
      {"\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80"},  // emoji: a separator, kept
      {"\xD9\x85\xD9", "م" + r},                 // letter then truncated
  };
  const Normalizer n;
  for (const auto& c : cases) {
    const std::string out = n.Normalize(c.in);
    EXPECT_EQ(out, c.out) << testing::PrintToString(c.in);
    EXPECT_TRUE(analysis_test::IsValidUtf8(out));
  }
}

// The output of each character maps back to it: grouping output bytes by
// offset gives, for each source character, exactly its own normalization.
void CheckOffsets(const Normalizer& n, const std::string& text) {
  std::string out = "prefix";  // NormalizeTo appends
  std::vector<uint32_t> offsets = {7, 7};
  n.NormalizeTo(text, &out, &offsets);
  ASSERT_EQ(out.substr(0, 6), "prefix");
  ASSERT_EQ(offsets.size() - 2, out.size() - 6);
  out.erase(0, 6);
  offsets.erase(offsets.begin(), offsets.begin() + 2);
  EXPECT_EQ(out, n.Normalize(text));
  size_t i = 0;
  uint32_t prev_end = 0;
  while (i < out.size()) {
    const uint32_t at = offsets[i];
    ASSERT_LT(at, text.size());
    ASSERT_GE(at, prev_end);  // monotonic, one group per source character
    size_t j = i;
    while (j < out.size() && offsets[j] == at) ++j;
    // The source character: from `at` to the next group's offset is too
    // long when deleted characters follow, so normalize growing prefixes.
    bool found = false;
    for (size_t len = 1; len <= 4 && at + len <= text.size(); ++len) {
      if (n.Normalize(text.substr(at, len)) == out.substr(i, j - i)) {
        found = true;
        prev_end = static_cast<uint32_t>(at + len);
        break;
      }
    }
    EXPECT_TRUE(found) << "output [" << out.substr(i, j - i) << "] at " << at;
    i = j;
  }
}

TEST(NormalizerTest, OffsetsMapBackIntoDiacritisedText) {
  const Normalizer n;
  const std::string text = "مُحَمَّدٌ";
  std::string out;
  std::vector<uint32_t> offsets;
  n.NormalizeTo(text, &out, &offsets);
  EXPECT_EQ(out, "محمد");
  // م ُ ح َ م َّ د ٌ: each letter is 2 bytes, each mark 2 bytes.
  EXPECT_EQ(offsets, (std::vector<uint32_t>{0, 0, 4, 4, 8, 8, 14, 14}));
  CheckOffsets(n, text);
  CheckOffsets(n, "أَلْقَى الرَّئِيسُ خِطَابًا ﷺ ﻻ ٢٠٢٤ Straße ½\xFF");
  CheckOffsets(Normalizer(kZwnjSplit), "نمی‌شود و ۀ ﮎ");
}

TEST(NormalizerTest, RealTextIdempotentAndOffsets) {
  const auto texts = analysis_test::NewsTexts(200);
  if (texts.empty()) GTEST_SKIP() << "news sample not found";
  const Normalizer n;
  for (size_t k = 0; k < texts.size(); ++k) {
    const std::string once = n.Normalize(texts[k]);
    ASSERT_EQ(n.Normalize(once), once) << "article " << k;
    ASSERT_TRUE(analysis_test::IsValidUtf8(once));
    if (k < 20) CheckOffsets(n, texts[k]);
  }
}

// Every code point of Unicode, alone and inside an Arabic word, under
// default and all-off options: valid output, idempotent.
TEST(NormalizerTest, AllCodePointsIdempotent) {
  const NormalizerOptions off{false, false, false, false, false, false,
                              ZwnjPolicy::kSeparate};
  for (const NormalizerOptions& o : {kDefault, off}) {
    const Normalizer n(o);
    for (char32_t c = 0; c <= 0x10FFFF; ++c) {
      if (c >= 0xD800 && c < 0xE000) continue;
      const std::string once = n.Normalize(InWord(c));
      ASSERT_TRUE(analysis_test::IsValidUtf8(once)) << std::hex << c;
      ASSERT_EQ(n.Normalize(once), once) << "U+" << std::hex << c;
    }
  }
}

TEST(NormalizerTest, RandomBytesFuzz) {
  std::mt19937 rng(20240601);
  // Bytes biased towards what breaks decoders: leads, continuations, the
  // Arabic block, general punctuation, presentation forms, ASCII.
  const unsigned char alphabet[] = {0x00, 0x20, 0x2E, 0x41, 0x61, 0x31, 0x80, 0x8C,
                                    0x8E, 0xA0, 0xBF, 0xC0, 0xC2, 0xD8, 0xD9, 0xDA,
                                    0xDB, 0xE0, 0xE2, 0xED, 0xEF, 0xF0, 0xF4, 0xFF,
                                    0xB7, 0xBB, 0x85, 0x84};
  const Normalizer n;
  const Normalizer persian(kZwnjSplit);
  for (int iter = 0; iter < 300000; ++iter) {
    std::string s(rng() % 24, '\0');
    for (char& ch : s) {
      ch = static_cast<char>(rng() % 3 == 0 ? rng() % 256
                                            : alphabet[rng() % sizeof alphabet]);
    }
    const Normalizer& norm = iter % 2 ? n : persian;
    const std::string once = norm.Normalize(s);
    ASSERT_TRUE(analysis_test::IsValidUtf8(once)) << testing::PrintToString(s);
    ASSERT_EQ(norm.Normalize(once), once) << testing::PrintToString(s);
  }
}

// The fast path agrees with the one-rule-at-a-time reference.
TEST(NormalizerTest, DifferentialAgainstReference) {
  std::vector<std::string> inputs = analysis_test::NewsSentences(150);
  std::mt19937 rng(7);
  for (int i = 0; i < 20000; ++i) {
    inputs.push_back(analysis_test::RandomMix(rng, 1 + rng() % 30));
  }
  for (const NormalizerOptions& o :
       {kDefault, kNoTeh, kNoHamza, kNoPersian, kNoQuranic, kNoDigits, kNoCase, kZwnjSplit}) {
    const Normalizer n(o);
    for (const std::string& in : inputs) {
      ASSERT_EQ(n.Normalize(in), analysis_test::RefNormalize(in, o))
          << n.Description() << " [" << in << "]";
    }
  }
}

TEST(NormalizerTest, CharClasses) {
  using libsearch::analysis::CharClass;
  using libsearch::analysis::CharTables;
  const CharTables& t = CharTables::For(kDefault);
  EXPECT_EQ(t.ClassOfNormalized(0x0645), CharClass::kArabic);
  EXPECT_EQ(t.ClassOfNormalized('a'), CharClass::kLetter);
  EXPECT_EQ(t.ClassOfNormalized('7'), CharClass::kDigit);
  EXPECT_EQ(t.ClassOfNormalized(' '), CharClass::kSeparator);
  EXPECT_EQ(t.ClassOfNormalized(0x060C), CharClass::kSeparator);  // ،
  EXPECT_EQ(t.ClassOfNormalized(0x0651), CharClass::kDeleted);    // shadda
  EXPECT_EQ(t.ClassOfNormalized(0x0436), CharClass::kLetter);   // ж
  EXPECT_EQ(t.ClassOfNormalized(0x0660), CharClass::kDigit);    // folded, still a digit
  EXPECT_EQ(CharTables::For(kNoDigits).ClassOfNormalized(0x0663), CharClass::kDigit);
  EXPECT_EQ(CharTables::For(kZwnjSplit).ClassOfNormalized(0x200C), CharClass::kSeparator);
  EXPECT_EQ(t.ClassOfNormalized(0x200C), CharClass::kDeleted);
  // Same options → same tables.
  EXPECT_EQ(&CharTables::For(kDefault), &CharTables::For(NormalizerOptions()));
}

}  // namespace
