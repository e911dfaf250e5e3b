// The light stemmer: proclitics and suffixes off, guarded by stem length and
// by three word lists. The rules are documented in stemmer.h; this file only
// says why where the code alone would not.
//
// Speed: the word is decoded once into one byte per letter (the low byte of
// its code point: every letter it accepts is U+06xx), so affix tests are
// byte compares and a list look-up is one hash probe of a 16-byte key.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "libsearch/stemmer.h"

namespace libsearch {
namespace {

// Normalized Arabic letters, as the low byte of their code points U+06xx.
constexpr std::uint8_t kAlef = 0x27;
constexpr std::uint8_t kBeh = 0x28;
constexpr std::uint8_t kTehMarbuta = 0x29;
constexpr std::uint8_t kTeh = 0x2A;
constexpr std::uint8_t kFeh = 0x41;
constexpr std::uint8_t kKaf = 0x43;
constexpr std::uint8_t kLam = 0x44;
constexpr std::uint8_t kMeem = 0x45;
constexpr std::uint8_t kNoon = 0x46;
constexpr std::uint8_t kHeh = 0x47;
constexpr std::uint8_t kWaw = 0x48;
constexpr std::uint8_t kYeh = 0x4A;

// Longest word the stemmer looks at; longer ones (never real words: the
// tokenizer caps tokens at 60 letters by default) are returned unchanged.
constexpr int kMaxLetters = 64;

// Minimum letters a stem keeps. Arabic roots have three letters, so a
// shorter stem would erase the root; two-letter stems are allowed only
// after the article (see stemmer.h).
constexpr int kMinStem = 3;
constexpr int kMinStemAfterArticle = 2;

#include "analysis/light_stemmer_lexicon.inc"

// Two-letter words that a proclitic or a pronoun may leave behind (ومن →
// من, فيها → في): the closed-class words and the few two-letter nouns.
// Any other two-letter remainder means the letter belonged to the word.
// Not اب ام اي: باب, امه (nation) and ايه (verse) are words of their own.
constexpr std::string_view kTwoLetterWords[] = {
    "ان", "او", "ثم", "حق", "دم", "ذو", "عن", "في", "قد", "كل", "كم",
    "لا", "لم", "لن", "لو", "ما", "مع", "من", "هم", "هن", "هو", "هي", "يد",
};

// Arabic letters proper (hamza to yeh, and the extended letters used by
// Persian and Urdu when the normalizer does not fold them). Digits, marks
// and punctuation make the word "not plain Arabic".
inline bool IsArabicLetter(char16_t cp) noexcept {
  return (cp >= 0x0621 && cp <= 0x064A) || (cp >= 0x066E && cp <= 0x06D3);
}

// A word as letters, one byte each, then 16 zero bytes so that a key can be
// loaded 8 bytes at a time from any letter.
struct Letters {
  std::uint8_t c[kMaxLetters + 16];
  int n = 0;
};

inline std::uint64_t Load8(const void* p) noexcept {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

// Four letters at once: the eight bytes in v (little-endian) must be four
// two-byte characters that are Arabic letters; their letter bytes go to
// out[0..3]. Lanes are 16 bits, one character each.
inline bool DecodeFour(std::uint64_t v, std::uint8_t* out) noexcept {
  constexpr std::uint64_t kLanes = 0x0001000100010001ULL;
  // Lead byte D8–DB (U+0600–U+06FF), then a continuation byte.
  if ((v & (0xC0FC * kLanes)) != 0x80D8 * kLanes) return false;
  // The code point's low byte: (lead & 3) << 6 | (continuation & 3F).
  const std::uint64_t x =
      ((v & (0x0003 * kLanes)) << 6) | ((v >> 8) & (0x003F * kLanes));
  // IsArabicLetter per lane: bit 15 of x + (0x8000 - lo) is x >= lo, and
  // of x + (0x7FFF - hi) is x > hi (x < 0x100, so no lane carries).
  const std::uint64_t ok =
      ((x + (0x7FDF * kLanes)) & ~(x + (0x7FB5 * kLanes))) |  // 21–4A
      ((x + (0x7F92 * kLanes)) & ~(x + (0x7F2C * kLanes)));   // 6E–D3
  if ((ok & (0x8000 * kLanes)) != 0x8000 * kLanes) return false;
  std::uint64_t p = (x | (x >> 8)) & 0x0000FFFF0000FFFFULL;
  p |= p >> 16;
  const auto four = static_cast<std::uint32_t>(p);
  std::memcpy(out, &four, 4);
  return true;
}

bool Decode(std::string_view word, Letters* out) noexcept {
  if (word.size() % 2 != 0 || word.size() / 2 > kMaxLetters) return false;
  const auto* p = reinterpret_cast<const unsigned char*>(word.data());
  int n = static_cast<int>(word.size() / 2);
  if (n >= 4) {
    int i = 0;
    for (; i + 4 <= n; i += 4) {
      if (!DecodeFour(Load8(p + 2 * i), out->c + i)) return false;
    }
    // The last letters again, overlapping, rather than one at a time.
    if (i < n && !DecodeFour(Load8(p + 2 * n - 8), out->c + n - 4)) return false;
  } else {
    for (int i = 0; i < n; ++i) {
      unsigned char b0 = p[2 * i], b1 = p[2 * i + 1];
      if (b0 < 0xD8 || b0 > 0xDB || (b1 & 0xC0) != 0x80) return false;
      char16_t cp = static_cast<char16_t>(((b0 & 0x1F) << 6) | (b1 & 0x3F));
      if (!IsArabicLetter(cp)) return false;
      out->c[i] = static_cast<std::uint8_t>(cp);
    }
  }
  std::memset(out->c + n, 0, 16);
  out->n = n;
  return true;
}

// A letter range [b, e) of the word and the bytes it spans.
struct Range {
  int b;
  int e;
  int size() const { return e - b; }
};

// The low `n` bytes (n ≤ 8) of a 64-bit word.
inline std::uint64_t LowBytes(std::uint64_t v, int n) noexcept {
  return n >= 8 ? v : v & ((std::uint64_t{1} << (8 * n)) - 1);
}

// Membership in the word lists: bit per list.
enum : std::uint8_t {
  kInLamInitial = 1,
  kInProcliticInitial = 2,
  kInRadicalEnding = 4,
  kInTwoLetterWords = 8,
};

// Words of up to kMaxKeyLetters letters, packed one byte per letter in
// little-endian order and zero-padded (no letter byte is zero, so the
// padding also encodes the length). The last byte holds the list bits.
constexpr int kMaxKeyLetters = 15;
constexpr std::uint64_t kKeyMask = (std::uint64_t{1} << 56) - 1;

struct Key {
  std::uint64_t lo;
  std::uint64_t hi;
};

// Slots for `entries` keys, as a power of two, so that at most 60% of
// them are used.
constexpr int SlotBits(std::size_t entries) {
  int bits = 4;
  while ((std::size_t{1} << bits) * 3 < entries * 5) ++bits;
  return bits;
}
constexpr std::size_t kLexiconEntries =
    std::size(kLamInitial) + std::size(kProcliticInitial) +
    std::size(kRadicalEnding) + std::size(kTwoLetterWords);

// One open-addressing table (linear probing, load ≤ 0.6) for all lists:
// one probe answers every list a key is in. Built once from the sorted
// tables above; entries the packing cannot hold (none today: the longest
// has 14 letters) go to a short list that is searched only for keys as long.
class Lexicon {
 public:
  Lexicon() {
    Add(kLamInitial, kInLamInitial);
    Add(kProcliticInitial, kInProcliticInitial);
    Add(kRadicalEnding, kInRadicalEnding);
    Add(kTwoLetterWords, kInTwoLetterWords);
  }

  // The list bits of letters [b, e) of l.
  std::uint8_t Lists(const Letters& l, Range r) const noexcept {
    const int n = r.size();
    if (n > kMaxKeyLetters || n <= 0) return LongLists(l, r);
    Key k{LowBytes(Load8(l.c + r.b), n),
          n > 8 ? LowBytes(Load8(l.c + r.b + 8), n - 8) : 0};
    for (std::size_t i = Hash(k);; i = (i + 1) & (kSlots - 1)) {
      const Key& s = slots_[i];
      if (s.lo == k.lo && (s.hi & kKeyMask) == k.hi) {
        return static_cast<std::uint8_t>(s.hi >> 56);
      }
      if (s.lo == 0) return 0;
    }
  }

 private:
  static constexpr int kBits = SlotBits(kLexiconEntries);
  static constexpr std::size_t kSlots = std::size_t{1} << kBits;

  static std::size_t Hash(Key k) noexcept {
    std::uint64_t h = (k.lo ^ (k.hi * 0xC2B2AE3D27D4EB4FULL)) * 0x9E3779B97F4A7C15ULL;
    return static_cast<std::size_t>(h >> (64 - kBits));
  }

  template <std::size_t N>
  void Add(const std::string_view (&list)[N], std::uint8_t bit) {
    for (std::string_view word : list) {
      Letters l;
      // A listed word that is not plain Arabic letters can never equal a
      // range of a decoded word; it needs no slot.
      if (word.empty() || !Decode(word, &l)) continue;
      if (l.n > kMaxKeyLetters) {
        AddLong(word, bit);
        continue;
      }
      Key k{LowBytes(Load8(l.c), l.n), l.n > 8 ? LowBytes(Load8(l.c + 8), l.n - 8) : 0};
      std::size_t i = Hash(k);
      while (slots_[i].lo != 0 &&
             !(slots_[i].lo == k.lo && (slots_[i].hi & kKeyMask) == k.hi)) {
        i = (i + 1) & (kSlots - 1);
      }
      slots_[i].lo = k.lo;
      slots_[i].hi |= k.hi | (std::uint64_t{bit} << 56);
    }
  }

  void AddLong(std::string_view word, std::uint8_t bit) {
    for (LongEntry& e : long_) {
      if (e.word == word) {
        e.lists |= bit;
        return;
      }
    }
    long_.push_back(LongEntry{std::string(word), bit});
  }

  std::uint8_t LongLists(const Letters& l, Range r) const noexcept {
    if (long_.empty()) return 0;
    std::string bytes;
    for (int i = r.b; i < r.e; ++i) {
      const char16_t cp = static_cast<char16_t>(0x0600 | l.c[i]);
      bytes += static_cast<char>(0xC0 | (cp >> 6));
      bytes += static_cast<char>(0x80 | (cp & 0x3F));
    }
    for (const LongEntry& e : long_) {
      if (e.word == bytes) return e.lists;
    }
    return 0;
  }

  struct LongEntry {
    std::string word;
    std::uint8_t lists;
  };

  Key slots_[kSlots] = {};
  std::vector<LongEntry> long_;
};

const Lexicon& TheLexicon() noexcept {
  // Built on first use; C++ makes the initialization thread-safe.
  static const Lexicon* lexicon = new Lexicon();
  return *lexicon;
}

class Word {
 public:
  Word(const Letters& l, const Lexicon& lex) : l_(l), lex_(lex) {}

  std::uint8_t at(int i) const { return l_.c[i]; }
  // True when r ends with the letters a b (c): one to three letters.
  bool EndsWith(Range r, std::uint8_t a) const {
    return r.size() >= 1 && l_.c[r.e - 1] == a;
  }
  bool EndsWith(Range r, std::uint8_t a, std::uint8_t b) const {
    return r.size() >= 2 && l_.c[r.e - 2] == a && l_.c[r.e - 1] == b;
  }
  bool EndsWith(Range r, std::uint8_t a, std::uint8_t b, std::uint8_t c) const {
    return r.size() >= 3 && l_.c[r.e - 3] == a && l_.c[r.e - 2] == b &&
           l_.c[r.e - 1] == c;
  }
  bool StartsWith(Range r, std::uint8_t a, std::uint8_t b) const {
    return r.size() >= 2 && l_.c[r.b] == a && l_.c[r.b + 1] == b;
  }
  bool In(Range r, std::uint8_t list) const {
    return (lex_.Lists(l_, r) & list) != 0;
  }

 private:
  const Letters& l_;
  const Lexicon& lex_;
};

bool IsTwoLetterWord(const Word& w, Range r) noexcept {
  return r.size() == 2 && w.In(r, kInTwoLetterWords);
}

// The pronoun suffix r ends with, in letters, or 0: هما كما هم هن ها كم كن
// نا ه. ك ("your", singular) is left out: far more words end in a radical
// ك (ملك, بنك, شريك, مشترك) than take it in news. r has ≥ 3 letters.
int PronounLength(const Word& w, Range r) noexcept {
  const std::uint8_t last = w.at(r.e - 1), prev = w.at(r.e - 2);
  switch (last) {
    case kAlef:
      if (prev == kMeem) {
        const std::uint8_t p2 = w.at(r.e - 3);
        return p2 == kHeh || p2 == kKaf ? 3 : 0;  // هما كما
      }
      return prev == kHeh || prev == kNoon ? 2 : 0;  // ها نا
    case kMeem:
    case kNoon:
      return prev == kHeh || prev == kKaf ? 2 : 0;  // هم كم هن كن
    case kHeh:
      return 1;
    default:
      return 0;
  }
}

// The last letters of every suffix StripSuffixes removes.
inline bool EndsLikeSuffix(std::uint8_t last) noexcept {
  return last == kAlef || last == kHeh || last == kMeem || last == kNoon ||
         last == kTeh || last == kTehMarbuta;
}

// Strips suffixes from r; returns the shortened range.
Range StripSuffixes(const Word& w, Range r) noexcept {
  // الله and the names built on it (عبدالله) end in a radical ه.
  if (r.size() < kMinStem || w.EndsWith(r, kLam, kLam, kHeh)) return r;
  // Every step below strips a last letter ا ه م ن ت or ة; a word ending in
  // another letter keeps its ending, listed or not, so it needs no probe.
  if (!EndsLikeSuffix(w.at(r.e - 1))) return r;
  // Tanwin alef after a listed word: قانونا → قانون, not قانو + نا.
  if (w.at(r.e - 1) == kAlef && r.size() - 1 >= kMinStem &&
      w.In(Range{r.b, r.e - 1}, kInRadicalEnding)) {
    return Range{r.b, r.e - 1};
  }
  if (w.In(r, kInRadicalEnding)) return r;
  bool stripped = false;
  // 1. One pronoun.
  if (int len = PronounLength(w, r)) {
    Range rest{r.b, r.e - len};
    if (rest.size() >= kMinStem || IsTwoLetterWord(w, rest)) {
      r = rest;
      stripped = true;
    }
  }
  if (r.size() < kMinStem) return r;
  // After a pronoun only a plural or dual ending or ت can go, so only a
  // stem ending in ت or ن needs the probe.
  if (stripped && (w.at(r.e - 1) == kTeh || w.at(r.e - 1) == kNoon) &&
      w.In(r, kInRadicalEnding)) {
    return r;
  }
  // 2. Endings that end the word and take nothing after them: the verb
  //    plural وا (قالوا) and the alef of the indefinite accusative (عاما).
  if (!stripped && w.at(r.e - 1) == kAlef) {
    int len = w.EndsWith(r, kWaw, kAlef) ? 2 : 1;
    if (r.size() - len >= kMinStem) r.e -= len;
    return r;
  }
  // 3. A plural or dual ending: ات ون ين, or ان with four letters left:
  //    far more nouns end in a radical ان (لبنان, ايران, انسان, سلطان) than
  //    are duals of three-letter nouns.
  bool number = false;
  {
    const std::uint8_t last = w.at(r.e - 1), prev = w.at(r.e - 2);
    const bool plural = (last == kTeh && prev == kAlef) ||
                        (last == kNoon && (prev == kWaw || prev == kYeh));
    const bool dual = last == kNoon && prev == kAlef;
    if ((plural && r.size() - 2 >= kMinStem) ||
        (dual && r.size() - 2 >= kMinStem + 1)) {
      r.e -= 2;
      number = true;
    }
  }
  // 4. The feminine ending: ه (ة folded) or ة, and ت where ة is spelt
  //    before a suffix (سيارتها, سيارتان).
  std::uint8_t last = w.at(r.e - 1);
  if (!number && !stripped && (last == kHeh || last == kTehMarbuta) &&
      r.size() - 1 >= kMinStem) {
    r.e -= 1;
  } else if ((stripped || number) && last == kTeh &&
             r.size() - 1 >= kMinStem && !w.EndsWith(r, kAlef, kTeh)) {
    r.e -= 1;
  }
  return r;
}

// The stem range after stripping suffixes, used as the lookup key of the
// proclitic lists so that وزيرها is protected by the entry وزير.
bool ProcliticBelongs(const Word& w, Range r) noexcept {
  if (w.In(r, kInProcliticInitial)) return true;
  Range s = StripSuffixes(w, r);
  return s.size() != r.size() && w.In(s, kInProcliticInitial);
}

bool ArticleBelongs(const Word& w, Range r) noexcept {
  if (w.In(r, kInLamInitial)) return true;
  Range s = StripSuffixes(w, r);
  return s.size() != r.size() && w.In(s, kInLamInitial);
}

Range StripPrefixes(const Word& w, Range r) noexcept {
  // 1. The conjunction و or ف.
  std::uint8_t c0 = w.at(r.b);
  if ((c0 == kWaw || c0 == kFeh) &&
      (r.size() - 1 >= kMinStem || IsTwoLetterWord(w, Range{r.b + 1, r.e})) &&
      !ProcliticBelongs(w, r)) {
    ++r.b;
  }
  // 2. A preposition, possibly fused with the article: بال كال لل, or ب ك ل.
  c0 = w.at(r.b);
  if (c0 == kBeh || c0 == kKaf || c0 == kLam) {
    Range rest{r.b + 1, r.e};
    if (c0 != kLam && w.StartsWith(rest, kAlef, kLam) &&
        rest.size() - 2 >= kMinStemAfterArticle) {
      // بالله: the ال of a lam-initial word stays.
      if (ArticleBelongs(w, rest)) return rest;
      return Range{rest.b + 2, r.e};
    }
    if (c0 == kLam && w.StartsWith(r, kLam, kLam) &&
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
  if (w.StartsWith(r, kAlef, kLam) && r.size() - 2 >= kMinStemAfterArticle &&
      !ArticleBelongs(w, r)) {
    r.b += 2;
  }
  return r;
}

}  // namespace

std::string_view LightStemmer::StemView(std::string_view word) const noexcept {
  Letters letters;
  // Words of one or two letters have nothing to strip.
  if (word.size() < 2 * kMinStem || !Decode(word, &letters)) return word;
  Word w(letters, TheLexicon());
  Range r = StripPrefixes(w, Range{0, letters.n});
  // A two-letter stem (after the article: اليد → يد) is final.
  r = StripSuffixes(w, r);
  return word.substr(static_cast<std::size_t>(2 * r.b),
                     static_cast<std::size_t>(2 * r.size()));
}

std::string_view LightStemmer::Stem(std::string_view word,
                                    std::string* /*scratch*/) const {
  return StemView(word);
}

std::string LightStemmer::Name() const { return "light/1"; }

}  // namespace libsearch
