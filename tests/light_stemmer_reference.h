// A test-only copy of the light stemmer (light/1) and of the stopword
// look-up as they were before the speed work: the same rules, the same
// lexicon (included from the library, so word-list changes reach both), and
// plain binary or linear searches. Slow and obvious on purpose; the
// differential test holds the fast path to it. When the stemmer's rules
// change, change them here too (git log -p libsearch/analysis/light_stemmer.cc).
#ifndef LIBSEARCH_TESTS_LIGHT_STEMMER_REFERENCE_H_
#define LIBSEARCH_TESTS_LIGHT_STEMMER_REFERENCE_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>

namespace reference {
namespace detail {

// Normalized Arabic letters, as code points.
constexpr char16_t kAlef = 0x0627;
constexpr char16_t kBeh = 0x0628;
constexpr char16_t kTehMarbuta = 0x0629;
constexpr char16_t kTeh = 0x062A;
constexpr char16_t kFeh = 0x0641;
constexpr char16_t kKaf = 0x0643;
constexpr char16_t kLam = 0x0644;
constexpr char16_t kHeh = 0x0647;
constexpr char16_t kWaw = 0x0648;

// Longest word the stemmer looks at; longer ones (never real words: the
// tokenizer caps tokens at 60 letters by default) are returned unchanged.
constexpr int kMaxLetters = 64;

// Minimum letters a stem keeps. Arabic roots have three letters, so a
// shorter stem would erase the root; two-letter stems are allowed only
// after the article (see stemmer.h).
constexpr int kMinStem = 3;
constexpr int kMinStemAfterArticle = 2;

#include "analysis/light_stemmer_lexicon.inc"

// A word as letters. Every letter of the Arabic block is two bytes in
// UTF-8, so letter i is bytes [2i, 2i+2) of the word.
struct Letters {
  char16_t c[kMaxLetters];
  int n = 0;
};

// Arabic letters proper (hamza to yeh, and the extended letters used by
// Persian and Urdu when the normalizer does not fold them). Digits, marks
// and punctuation make the word "not plain Arabic".
inline bool IsArabicLetter(char16_t cp) noexcept {
  return (cp >= 0x0621 && cp <= 0x064A) || (cp >= 0x066E && cp <= 0x06D3);
}

inline bool Decode(std::string_view word, Letters* out) noexcept {
  if (word.size() % 2 != 0 || word.size() / 2 > kMaxLetters) return false;
  const auto* p = reinterpret_cast<const unsigned char*>(word.data());
  int n = static_cast<int>(word.size() / 2);
  for (int i = 0; i < n; ++i) {
    unsigned char b0 = p[2 * i], b1 = p[2 * i + 1];
    if (b0 < 0xD8 || b0 > 0xDB || (b1 & 0xC0) != 0x80) return false;
    char16_t cp = static_cast<char16_t>(((b0 & 0x1F) << 6) | (b1 & 0x3F));
    if (!IsArabicLetter(cp)) return false;
    out->c[i] = cp;
  }
  out->n = n;
  return true;
}

// A letter range [b, e) of the word and the bytes it spans.
struct Range {
  int b;
  int e;
  int size() const { return e - b; }
};

class Word {
 public:
  Word(std::string_view bytes, const Letters& l) : bytes_(bytes), l_(l) {}

  char16_t at(int i) const { return l_.c[i]; }
  std::string_view View(Range r) const {
    return bytes_.substr(static_cast<std::size_t>(2 * r.b),
                         static_cast<std::size_t>(2 * r.size()));
  }
  // True when r starts with the letters of `s` (UTF-8, Arabic only).
  bool StartsWith(Range r, std::string_view s) const {
    return static_cast<int>(s.size()) <= 2 * r.size() &&
           bytes_.compare(static_cast<std::size_t>(2 * r.b), s.size(), s) == 0;
  }
  bool EndsWith(Range r, std::string_view s) const {
    return static_cast<int>(s.size()) <= 2 * r.size() &&
           bytes_.compare(static_cast<std::size_t>(2 * r.e) - s.size(),
                          s.size(), s) == 0;
  }

 private:
  std::string_view bytes_;
  const Letters& l_;
};

inline bool InList(const std::string_view* begin, const std::string_view* end,
            std::string_view key) noexcept {
  return std::binary_search(begin, end, key);
}

#define REFERENCE_IN_LIST(list, key) \
  InList(std::begin(list), std::end(list), (key))

// Suffix candidates, longest first within each class.
// Object pronouns and possessives. ك ("your", singular) is left out: far
// more words end in a radical ك (ملك, بنك, شريك, مشترك) than take it in news.
constexpr std::string_view kPronouns[] = {
    "هما", "كما", "هم", "هن", "ها", "كم", "كن", "نا", "ه",
};
// Sound plurals and duals.
constexpr std::string_view kNumber[] = {"ات", "ون", "ين", "ان"};

constexpr std::string_view kArticle = "ال";
constexpr std::string_view kLamLam = "لل";

// Two-letter words that a proclitic or a pronoun may leave behind (ومن →
// من, فيها → في): the closed-class words and the few two-letter nouns.
// Any other two-letter remainder means the letter belonged to the word.
// Not اب ام اي: باب, امه (nation) and ايه (verse) are words of their own.
constexpr std::string_view kTwoLetterWords[] = {
    "ان", "او", "ثم", "حق", "دم", "ذو", "عن", "في", "قد", "كل", "كم",
    "لا", "لم", "لن", "لو", "ما", "مع", "من", "هم", "هن", "هو", "هي", "يد",
};

inline bool IsTwoLetterWord(const Word& w, Range r) noexcept {
  return r.size() == 2 && REFERENCE_IN_LIST(kTwoLetterWords, w.View(r));
}

// Strips suffixes from r; returns the shortened range.
inline Range StripSuffixes(const Word& w, Range r) noexcept {
  // الله and the names built on it (عبدالله) end in a radical ه.
  if (r.size() < kMinStem || w.EndsWith(r, "لله")) return r;
  // Tanwin alef after a listed word: قانونا → قانون, not قانو + نا.
  if (w.at(r.e - 1) == kAlef && r.size() - 1 >= kMinStem &&
      REFERENCE_IN_LIST(kRadicalEnding, w.View(Range{r.b, r.e - 1}))) {
    return Range{r.b, r.e - 1};
  }
  if (REFERENCE_IN_LIST(kRadicalEnding, w.View(r))) return r;
  bool stripped = false;
  // 1. One pronoun.
  for (std::string_view s : kPronouns) {
    int len = static_cast<int>(s.size() / 2);
    if (!w.EndsWith(r, s)) continue;
    Range rest{r.b, r.e - len};
    if (rest.size() >= kMinStem || IsTwoLetterWord(w, rest)) {
      r = rest;
      stripped = true;
    }
    break;
  }
  if (r.size() < kMinStem) return r;
  if (stripped && REFERENCE_IN_LIST(kRadicalEnding, w.View(r))) return r;
  // 2. Endings that end the word and take nothing after them: the verb
  //    plural وا (قالوا) and the alef of the indefinite accusative (عاما).
  if (!stripped && w.at(r.e - 1) == kAlef) {
    int len = w.EndsWith(r, "وا") ? 2 : 1;
    if (r.size() - len >= kMinStem) r.e -= len;
    return r;
  }
  // 3. A plural or dual ending. ان needs four letters left: far more nouns
  //    end in a radical ان (لبنان, ايران, انسان, سلطان) than are duals of
  //    three-letter nouns.
  bool number = false;
  for (std::string_view s : kNumber) {
    int min = s == "ان" ? kMinStem + 1 : kMinStem;
    if (r.size() - 2 >= min && w.EndsWith(r, s)) {
      r.e -= 2;
      number = true;
      break;
    }
  }
  // 4. The feminine ending: ه (ة folded) or ة, and ت where ة is spelt
  //    before a suffix (سيارتها, سيارتان).
  char16_t last = w.at(r.e - 1);
  if (!number && !stripped && (last == kHeh || last == kTehMarbuta) &&
      r.size() - 1 >= kMinStem) {
    r.e -= 1;
  } else if ((stripped || number) && last == kTeh &&
             r.size() - 1 >= kMinStem && !w.EndsWith(r, "ات")) {
    r.e -= 1;
  }
  return r;
}

// The stem range after stripping suffixes, used as the lookup key of the
// proclitic lists so that وزيرها is protected by the entry وزير.
inline bool ProcliticBelongs(const Word& w, Range r) noexcept {
  if (REFERENCE_IN_LIST(kProcliticInitial, w.View(r))) return true;
  Range s = StripSuffixes(w, r);
  return s.size() != r.size() &&
         REFERENCE_IN_LIST(kProcliticInitial, w.View(s));
}

inline bool ArticleBelongs(const Word& w, Range r) noexcept {
  if (REFERENCE_IN_LIST(kLamInitial, w.View(r))) return true;
  Range s = StripSuffixes(w, r);
  return s.size() != r.size() && REFERENCE_IN_LIST(kLamInitial, w.View(s));
}

inline Range StripPrefixes(const Word& w, Range r) noexcept {
  // 1. The conjunction و or ف.
  char16_t c0 = w.at(r.b);
  if ((c0 == kWaw || c0 == kFeh) &&
      (r.size() - 1 >= kMinStem || IsTwoLetterWord(w, Range{r.b + 1, r.e})) &&
      !ProcliticBelongs(w, r)) {
    ++r.b;
  }
  // 2. A preposition, possibly fused with the article: بال كال لل, or ب ك ل.
  c0 = w.at(r.b);
  if (c0 == kBeh || c0 == kKaf || c0 == kLam) {
    Range rest{r.b + 1, r.e};
    if (c0 != kLam && w.StartsWith(rest, kArticle) &&
        rest.size() - 2 >= kMinStemAfterArticle) {
      // بالله: the ال of a lam-initial word stays.
      if (ArticleBelongs(w, rest)) return rest;
      return Range{rest.b + 2, r.e};
    }
    if (c0 == kLam && w.StartsWith(r, kLamLam) &&
        r.size() - 2 >= kMinStemAfterArticle) {
      // للبنان is ل + لبنان, للوزير is ل + ال + وزير.
      if (ProcliticBelongs(w, rest)) return rest;
      return Range{r.b + 2, r.e};
    }
    // ك as a bare preposition is rare next to words that start with a
    // radical ك (كانت, كتبت), so it needs a longer remainder.
    int min = c0 == kKaf ? kMinStem + 1 : kMinStem;
    if ((rest.size() >= min || (c0 != kKaf && IsTwoLetterWord(w, rest))) &&
        !ProcliticBelongs(w, r)) {
      return rest;
    }
    return r;
  }
  // 3. The article.
  if (w.StartsWith(r, kArticle) && r.size() - 2 >= kMinStemAfterArticle &&
      !ArticleBelongs(w, r)) {
    r.b += 2;
  }
  return r;
}

#undef REFERENCE_IN_LIST

// The stopword list "ar/1", copied from libsearch/analysis/stopwords.cc.
constexpr std::string_view kArabicStopwords[] = {
    "اثناء", "احد", "اذ", "اذا", "اذن", "ازاء", "اصبح", "اصبحت", "الا",
    "التي", "الذي", "الذين", "اللاءي", "اللاتي", "اللتان", "اللتين", "اللذان",
    "اللذين", "اللواتي", "الي", "الينا", "اليه", "اليها", "اليهم", "ام",
    "اما", "امام", "ان", "انا", "انت", "انتم", "انتما", "انتن", "انما",
    "اننا", "انني", "انه", "انها", "انهم", "او", "اولءك", "اي", "اياه",
    "اياها", "اياهم", "ايضا", "اين", "بات", "بان", "بانه", "بانها", "بحسب",
    "بسبب", "بشان", "بعد", "بعدما", "بعض", "بل", "بما", "بنا", "به", "بها",
    "بهم", "بهما", "بين", "بينما", "بينها", "بينهم", "بينهما", "تجاه", "تحت",
    "تكن", "تكون", "تلك", "تم", "ثم", "جدا", "جراء", "جميع", "حتي", "حسب",
    "حول", "حيث", "حين", "حينما", "خارج", "خلال", "خلف", "داخل", "دون", "ذاك",
    "ذلك", "رغم", "سوف", "سوي", "صار", "ضد", "ضمن", "طالما", "ظل", "عبر",
    "عدا", "عده", "علي", "علينا", "عليه", "عليها", "عليهم", "عليهما", "عن",
    "عند", "عندما", "عنده", "عندها", "عندهم", "عنه", "عنها", "عنهم", "غير",
    "ف", "فان", "فقد", "فقط", "فلا", "فما", "فهو", "فهي", "فوق", "في", "فيما",
    "فيه", "فيها", "فيهم", "فيهما", "قبل", "قد", "كافه", "كان", "كانت",
    "كانوا", "كذلك", "كل", "كلا", "كلما", "كم", "كما", "كي", "كيف", "لا",
    "لان", "لايزال", "لدن", "لدي", "لدينا", "لديه", "لديها", "لديهم", "لصالح",
    "لقد", "لك", "لكم", "لكن", "لكنه", "لكنها", "لكي", "لم", "لما", "لماذا",
    "لن", "لنا", "له", "لها", "لهم", "لهما", "لهن", "لو", "لولا", "لي", "ليس",
    "ليست", "ما", "ماذا", "مازال", "متي", "مثل", "مع", "معنا", "معه", "معها",
    "معهم", "مما", "من", "منا", "منذ", "منه", "منها", "منهم", "منهما", "نحن",
    "نحو", "نعم", "نفس", "نفسه", "هءلاء", "هاتان", "هاتين", "هذا", "هذان",
    "هذه", "هذين", "هل", "هم", "هما", "هن", "هنا", "هناك", "هنالك", "هو",
    "هي", "و", "والتي", "والذي", "والذين", "والي", "وان", "وانه", "وبعد",
    "وبين", "وحتي", "وذلك", "وسط", "وعلي", "وعن", "وفق", "وفقا", "وفي",
    "وفيما", "وقبل", "وقد", "وكان", "وكانت", "وكذلك", "وكل", "وكما", "ولا",
    "ولكن", "ولم", "ولن", "وما", "ومع", "ومن", "وهذا", "وهذه", "وهم", "وهو",
    "وهي", "يتم", "يكن", "يكون",
};

}  // namespace detail

// LightStemmer::StemView as it was: the stem, a substring of `word`.
inline std::string_view LightStem(std::string_view word) noexcept {
  using namespace detail;
  Letters letters;
  // Words of one or two letters have nothing to strip.
  if (word.size() < 2 * kMinStem || !Decode(word, &letters)) return word;
  Word w(word, letters);
  Range r = StripPrefixes(w, Range{0, letters.n});
  // A two-letter stem (after the article: اليد → يد) is final.
  r = StripSuffixes(w, r);
  return w.View(r);
}

// Stopwords::Contains as a linear scan of the list.
inline bool IsStopword(std::string_view word) noexcept {
  for (std::string_view s : detail::kArabicStopwords) {
    if (s == word) return true;
  }
  return false;
}

}  // namespace reference

#endif  // LIBSEARCH_TESTS_LIGHT_STEMMER_REFERENCE_H_
