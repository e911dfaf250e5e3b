// The light stemmer: proclitics and suffixes off, guarded by stem length and
// by three word lists. The rules are documented in stemmer.h; this file only
// says why where the code alone would not.
//
// Speed: the word is decoded once into one byte per letter (the low byte of
// its code point: every letter it accepts is U+06xx), so affix tests are
// byte compares and a list look-up is one hash probe of a 16-byte key,
// most often answered "absent" by a bit filter before the probe. The
// analyzer's memo keeps words in that packed form and hands it over on a
// miss (LightStemLetters, light_stemmer_internal.h).
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "libsearch/stemmer.h"

#include "analysis/light_stemmer_internal.h"

// SSE2 is part of x86-64; elsewhere the scalar code below does the same.
#if defined(__SSE2__) && (defined(__x86_64__) || defined(_M_X64))
#define LIBSEARCH_STEMMER_SSE2 1
#include <emmintrin.h>
#endif

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
constexpr bool IsArabicLetter(char16_t cp) noexcept {
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
// out[0..3], written even when the test fails so that callers can test
// several groups with one branch. Lanes are 16 bits, one character each.
inline bool DecodeFour(std::uint64_t v, std::uint8_t* out) noexcept {
  constexpr std::uint64_t kLanes = 0x0001000100010001ULL;
  // Lead byte D8–DB (U+0600–U+06FF), then a continuation byte.
  const bool block = (v & (0xC0FC * kLanes)) == 0x80D8 * kLanes;
  // The code point's low byte: (lead & 3) << 6 | (continuation & 3F).
  const std::uint64_t x =
      ((v & (0x0003 * kLanes)) << 6) | ((v >> 8) & (0x003F * kLanes));
  // IsArabicLetter per lane: bit 15 of x + (0x8000 - lo) is x >= lo, and
  // of x + (0x7FFF - hi) is x > hi (x < 0x100, so no lane carries).
  const std::uint64_t ok =
      ((x + (0x7FDF * kLanes)) & ~(x + (0x7FB5 * kLanes))) |  // 21–4A
      ((x + (0x7F92 * kLanes)) & ~(x + (0x7F2C * kLanes)));   // 6E–D3
  std::uint64_t p = (x | (x >> 8)) & 0x0000FFFF0000FFFFULL;
  p |= p >> 16;
  const auto four = static_cast<std::uint32_t>(p);
  std::memcpy(out, &four, 4);
  return block & ((ok & (0x8000 * kLanes)) == 0x8000 * kLanes);
}

inline std::uint64_t Load4(const void* p) noexcept {
  std::uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}
inline std::uint64_t Load2(const void* p) noexcept {
  std::uint16_t v;
  std::memcpy(&v, p, 2);
  return v;
}

#if LIBSEARCH_STEMMER_SSE2
// Sixteen characters, eight in each of a and b (16-bit lanes, lead byte
// low): their letter bytes in order, and a bit per character, set when it
// is an Arabic letter (the test of DecodeFour).
inline __m128i DecodeSixteen(__m128i a, __m128i b, unsigned* ok) noexcept {
  const __m128i lead_mask = _mm_set1_epi16(static_cast<short>(0xC0FC));
  const __m128i lead = _mm_set1_epi16(static_cast<short>(0x80D8));
  const __m128i low2 = _mm_set1_epi16(0x0003);
  const __m128i low6 = _mm_set1_epi16(0x003F);
  const auto letters = [&](__m128i v) {
    return _mm_or_si128(_mm_slli_epi16(_mm_and_si128(v, low2), 6),
                        _mm_and_si128(_mm_srli_epi16(v, 8), low6));
  };
  const auto good = [&](__m128i v, __m128i x) {
    const __m128i in1 = _mm_and_si128(_mm_cmpgt_epi16(x, _mm_set1_epi16(0x20)),
                                      _mm_cmplt_epi16(x, _mm_set1_epi16(0x4B)));
    const __m128i in2 = _mm_and_si128(_mm_cmpgt_epi16(x, _mm_set1_epi16(0x6D)),
                                      _mm_cmplt_epi16(x, _mm_set1_epi16(0xD4)));
    return _mm_and_si128(_mm_cmpeq_epi16(_mm_and_si128(v, lead_mask), lead),
                         _mm_or_si128(in1, in2));
  };
  const __m128i xa = letters(a), xb = letters(b);
  *ok = static_cast<unsigned>(_mm_movemask_epi8(_mm_packs_epi16(good(a, xa), good(b, xb))));
  return _mm_packus_epi16(xa, xb);
}
#endif

// Most words have 3 to 16 letters: they are decoded with a fixed number of
// overlapping groups and one test, so that no branch depends on the length
// within a size class (word lengths are data and mispredict).
bool Decode(std::string_view word, Letters* out) noexcept {
  if (word.size() % 2 != 0 || word.size() / 2 > kMaxLetters) return false;
  const auto* p = reinterpret_cast<const unsigned char*>(word.data());
  const int n = static_cast<int>(word.size() / 2);
  bool ok = true;
#if LIBSEARCH_STEMMER_SSE2
  if (n >= 4 && n <= 16) {
    // Characters 0–7 and the last eight (4–7 letters: 0–3 and the last
    // four, twice), by loads inside the word; their letter bytes are
    // stored overlapping.
    __m128i a, b;
    if (n >= 8) {
      a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 2 * n - 16));
    } else {
      a = _mm_set1_epi64x(static_cast<long long>(Load8(p)));
      b = _mm_set1_epi64x(static_cast<long long>(Load8(p + 2 * n - 8)));
    }
    unsigned good;
    const __m128i c = DecodeSixteen(a, b, &good);
    if (good != 0xFFFF) return false;
    const std::uint64_t lo = static_cast<std::uint64_t>(_mm_cvtsi128_si64(c));
    const std::uint64_t hi =
        static_cast<std::uint64_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(c, c)));
    const int tail = n >= 8 ? 8 : 4;
    std::memcpy(out->c, &lo, 8);
    std::memcpy(out->c + n - tail, &hi, 8);
    std::memset(out->c + n, 0, 16);
    out->n = n;
    return true;
  }
#endif
  if (n > 16) {
    int i = 0;
    for (; i + 4 <= n; i += 4) ok &= DecodeFour(Load8(p + 2 * i), out->c + i);
    ok &= DecodeFour(Load8(p + 2 * n - 8), out->c + n - 4);
  } else if (n > 8) {
    ok = DecodeFour(Load8(p), out->c) & DecodeFour(Load8(p + 8), out->c + 4) &
         DecodeFour(Load8(p + 2 * n - 16), out->c + n - 8) &
         DecodeFour(Load8(p + 2 * n - 8), out->c + n - 4);
  } else if (n >= 4) {
    ok = DecodeFour(Load8(p), out->c) & DecodeFour(Load8(p + 2 * n - 8), out->c + n - 4);
  } else if (n == 3) {
    // Two bytes, four bytes and an alef as the fourth letter (cleared below).
    ok = DecodeFour(Load2(p) | (Load4(p + 2) << 16) | (std::uint64_t{0xA7D8} << 48), out->c);
  } else {
    for (int i = 0; i < n; ++i) {
      unsigned char b0 = p[2 * i], b1 = p[2 * i + 1];
      if (b0 < 0xD8 || b0 > 0xDB || (b1 & 0xC0) != 0x80) return false;
      char16_t cp = static_cast<char16_t>(((b0 & 0x1F) << 6) | (b1 & 0x3F));
      if (!IsArabicLetter(cp)) return false;
      out->c[i] = static_cast<std::uint8_t>(cp);
    }
  }
  if (!ok) return false;
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

// kKeyMasks[n]: the masks that keep the first n letters of two 8-letter
// loads, so that building a key needs no branch on its length.
constexpr std::uint64_t LowMask(int n) {
  return n <= 0 ? 0 : n >= 8 ? ~std::uint64_t{0} : (std::uint64_t{1} << (8 * n)) - 1;
}
struct KeyMasks {
  Key m[kMaxKeyLetters + 1];
  constexpr KeyMasks() : m() {
    for (int n = 0; n <= kMaxKeyLetters; ++n) m[n] = Key{LowMask(n), LowMask(n - 8)};
  }
  constexpr const Key& operator[](int n) const { return m[n]; }
};
constexpr KeyMasks kKeyMasks;

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
  // c: the word's letters, then 16 zero bytes, so that both loads stay
  // inside; the masks keep the range's letters.
  std::uint8_t Lists(const std::uint8_t* c, Range r) const noexcept {
    const int n = r.size();
    if (n > kMaxKeyLetters || n <= 0) return LongLists(c, r);
    Key k{Load8(c + r.b) & kKeyMasks[n].lo, Load8(c + r.b + 8) & kKeyMasks[n].hi};
    const std::uint64_t h = Hash(k);
    // Most probes are of words in no list. The filter answers them with
    // one bit: a probe of the table would mispredict on about half of them
    // (whether the first slot is empty or holds another word).
    const std::uint64_t f = FilterBit(h);
    if ((filter_[f / 64] & (std::uint64_t{1} << (f % 64))) == 0) return 0;
    for (std::size_t i = Slot(h);; i = (i + 1) & (kSlots - 1)) {
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

  // 2^16 filter bits (8 KiB, L1-sized) for about 4,600 words: a word in no
  // list passes with probability about 7%.
  static constexpr int kFilterBits = 16;

  static std::uint64_t Hash(Key k) noexcept {
    return (k.lo ^ (k.hi * 0xC2B2AE3D27D4EB4FULL)) * 0x9E3779B97F4A7C15ULL;
  }
  // The slot and the filter bit come from disjoint bits of the hash.
  static std::size_t Slot(std::uint64_t h) noexcept {
    return static_cast<std::size_t>(h >> (64 - kBits));
  }
  static std::size_t FilterBit(std::uint64_t h) noexcept {
    return static_cast<std::size_t>(h >> (64 - kBits - kFilterBits)) &
           ((std::size_t{1} << kFilterBits) - 1);
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
      const std::uint64_t h = Hash(k);
      const std::size_t f = FilterBit(h);
      filter_[f / 64] |= std::uint64_t{1} << (f % 64);
      std::size_t i = Slot(h);
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

  std::uint8_t LongLists(const std::uint8_t* c, Range r) const noexcept {
    if (long_.empty()) return 0;
    std::string bytes;
    for (int i = r.b; i < r.e; ++i) {
      const char16_t cp = static_cast<char16_t>(0x0600 | c[i]);
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
  std::uint64_t filter_[(std::size_t{1} << kFilterBits) / 64] = {};
  std::vector<LongEntry> long_;
};

const Lexicon& TheLexicon() noexcept {
  // Built on first use; C++ makes the initialization thread-safe.
  static const Lexicon* lexicon = new Lexicon();
  return *lexicon;
}

class Word {
 public:
  Word(const std::uint8_t* c, const Lexicon& lex) : c_(c), lex_(lex) {}

  std::uint8_t at(int i) const { return c_[i]; }
  // True when r ends with the letters a b (c): one to three letters.
  bool EndsWith(Range r, std::uint8_t a) const {
    return r.size() >= 1 && c_[r.e - 1] == a;
  }
  bool EndsWith(Range r, std::uint8_t a, std::uint8_t b) const {
    return r.size() >= 2 && c_[r.e - 2] == a && c_[r.e - 1] == b;
  }
  bool EndsWith(Range r, std::uint8_t a, std::uint8_t b, std::uint8_t c) const {
    return r.size() >= 3 && c_[r.e - 3] == a && c_[r.e - 2] == b &&
           c_[r.e - 1] == c;
  }
  bool StartsWith(Range r, std::uint8_t a, std::uint8_t b) const {
    return r.size() >= 2 && c_[r.b] == a && c_[r.b + 1] == b;
  }
  bool In(Range r, std::uint8_t list) const {
    return (lex_.Lists(c_, r) & list) != 0;
  }

 private:
  const std::uint8_t* c_;
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

// The stem of a decoded word as letter offsets begin | end << 8.
inline unsigned StemRange(const std::uint8_t* c, int n) noexcept {
  // Words of one or two letters have nothing to strip.
  if (n < kMinStem) return static_cast<unsigned>(n) << 8;
  Word w(c, TheLexicon());
  Range r = StripPrefixes(w, Range{0, n});
  // A two-letter stem (after the article: اليد → يد) is final.
  r = StripSuffixes(w, r);
  return static_cast<unsigned>(r.b) | static_cast<unsigned>(r.e) << 8;
}

// Letter bytes of Arabic letters (IsArabicLetter), and 0 for the padding.
struct LetterTable {
  bool ok[256];
  constexpr LetterTable() : ok() {
    ok[0] = true;
    for (int b = 1; b < 256; ++b) ok[b] = IsArabicLetter(static_cast<char16_t>(0x0600 | b));
  }
};
constexpr LetterTable kLetterTable;

}  // namespace

namespace analysis {

unsigned LightStemLetters(const std::uint8_t* letters, int count) noexcept {
  // Decode's letter test (IsArabicLetter), without a branch on the count
  // for the first 16 letters: past the word the padding (0) passes, inside
  // it a 0 (U+0600) fails.
  bool ok;
#if LIBSEARCH_STEMMER_SSE2
  {
    // Bytes compared as signed after flipping the top bit: unsigned order.
    const __m128i flip = _mm_set1_epi8(static_cast<char>(0x80));
    const auto above = [&](__m128i x, int b) {
      return _mm_cmpgt_epi8(x, _mm_set1_epi8(static_cast<char>(b ^ 0x80)));
    };
    const auto below = [&](__m128i x, int b) {
      return _mm_cmplt_epi8(x, _mm_set1_epi8(static_cast<char>(b ^ 0x80)));
    };
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(letters));
    const __m128i x = _mm_xor_si128(v, flip);
    const __m128i index = _mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    const __m128i past = _mm_cmpgt_epi8(index, _mm_set1_epi8(static_cast<char>(count - 1)));
    const __m128i good = _mm_or_si128(
        _mm_or_si128(_mm_and_si128(above(x, 0x20), below(x, 0x4B)),
                     _mm_and_si128(above(x, 0x6D), below(x, 0xD4))),
        _mm_and_si128(past, _mm_cmpeq_epi8(v, _mm_setzero_si128())));
    ok = _mm_movemask_epi8(good) == 0xFFFF;
  }
#else
  ok = true;
  for (int i = 0; i < 16; ++i) {
    ok &= kLetterTable.ok[letters[i]] & ((letters[i] != 0) | (i >= count));
  }
#endif
  for (int i = 16; i < count; ++i) ok &= (letters[i] != 0) & kLetterTable.ok[letters[i]];
  if (!ok) return static_cast<unsigned>(count) << 8;
  return StemRange(letters, count);
}

}  // namespace analysis

std::string_view LightStemmer::StemView(std::string_view word) const noexcept {
  Letters letters;
  if (word.size() < 2 * kMinStem || !Decode(word, &letters)) return word;
  const unsigned r = StemRange(letters.c, letters.n);
  const unsigned b = r & 0xFF, e = r >> 8;
  return word.substr(2 * b, 2 * (e - b));
}

std::string_view LightStemmer::Stem(std::string_view word,
                                    std::string* /*scratch*/) const {
  return StemView(word);
}

std::string LightStemmer::Name() const { return "light/1"; }

}  // namespace libsearch
