// The light stemmer: proclitics and suffixes off, guarded by stem length and
// by three word lists. The rules are documented in stemmer.h; this file only
// says why where the code alone would not.
//
// Speed: the word is decoded once into one byte per letter (the low byte of
// its code point: every letter it accepts is U+06xx); the facts the affix
// rules test come from small tables on those bytes (pairs of letter
// classes at the end, three letters at the start), and a list look-up is
// one hash probe of a 16-byte key, most often answered "absent" by a bit
// filter before the probe; the stopwords are in the same hash, so the
// probe of the whole word answers the stopword test too. The analyzer's
// memo keeps words in that packed form and hands it over on a miss
// (LightStemLettersAndStopword, light_stemmer_internal.h).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <new>
#include <string>
#include <string_view>
#include <vector>

#include "libsearch/stemmer.h"

#include "analysis/light_stemmer_internal.h"
#include "analysis/stopwords_internal.h"

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
  // Not a stemmer list: Stopwords::Arabic(), so that one probe of the
  // whole word answers the stopword test too.
  kInStopwords = 16,
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
// The stopword list is not counted: it is about 260 words, most of them
// listed already (two-letter words, و-initial ones).
constexpr std::size_t kLexiconEntries =
    std::size(kLamInitial) + std::size(kProcliticInitial) +
    std::size(kRadicalEnding) + std::size(kTwoLetterWords) + 300;

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
    std::size_t stopwords;
    const std::string_view* list = analysis::ArabicStopwordList(&stopwords);
    for (std::size_t i = 0; i < stopwords; ++i) AddWord(list[i], kInStopwords);
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
    // one load: a probe of the table would mispredict on about half of them
    // (whether the first slot is empty or holds another word), and every
    // word that passes the filter costs a mispredicted branch.
    if (((filter_[FilterWord(h)] >> FilterBit(h)) & 1) == 0) return 0;
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

  // 2^17 filter bits (16 KiB) for about 4,900 words: a word in no list
  // passes with probability about 3.7%. (Two bits a word in 2^16 would
  // pass 2.5% but cost more instructions than the few mispredictions save.)
  static constexpr int kFilterBits = 17;

  static std::uint64_t Hash(Key k) noexcept {
    return (k.lo ^ (k.hi * 0xC2B2AE3D27D4EB4FULL)) * 0x9E3779B97F4A7C15ULL;
  }
  // The slot and the filter bit come from disjoint bits of the hash.
  static std::size_t Slot(std::uint64_t h) noexcept {
    return static_cast<std::size_t>(h >> (64 - kBits));
  }
  static std::size_t FilterWord(std::uint64_t h) noexcept {
    return static_cast<std::size_t>(h >> (64 - kBits - (kFilterBits - 6))) &
           ((std::size_t{1} << (kFilterBits - 6)) - 1);
  }
  // The bit within the word comes from the 6 hash bits below the word's
  // (the high bits of the product mix the whole key; the low ones do not).
  static unsigned FilterBit(std::uint64_t h) noexcept {
    return static_cast<unsigned>(h >> (64 - kBits - kFilterBits)) & 63;
  }

  template <std::size_t N>
  void Add(const std::string_view (&list)[N], std::uint8_t bit) {
    for (std::string_view word : list) AddWord(word, bit);
  }

  void AddWord(std::string_view word, std::uint8_t bit) {
    Letters l;
    // A listed word that is not plain Arabic letters can never equal a
    // range of a decoded word; it needs no slot. (Every stopword is plain
    // letters: LightStemLettersAndStopword relies on it, and
    // stemmer_differential_test checks it.)
    if (word.empty() || !Decode(word, &l)) return;
    if (l.n > kMaxKeyLetters) {
      AddLong(word, bit);
      return;
    }
    Key k{LowBytes(Load8(l.c), l.n), l.n > 8 ? LowBytes(Load8(l.c + 8), l.n - 8) : 0};
    const std::uint64_t h = Hash(k);
    filter_[FilterWord(h)] |= std::uint64_t{1} << FilterBit(h);
    std::size_t i = Slot(h);
    while (slots_[i].lo != 0 &&
           !(slots_[i].lo == k.lo && (slots_[i].hi & kKeyMask) == k.hi)) {
      i = (i + 1) & (kSlots - 1);
    }
    slots_[i].lo = k.lo;
    slots_[i].hi |= k.hi | (std::uint64_t{bit} << 56);
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

// Static storage, so that the lexicon's address is a link-time constant
// (no pointer to load and keep in a register on every stemmed word); built
// on first use and never destroyed (the stemmer may run in other objects'
// destructors).
alignas(Lexicon) unsigned char lexicon_storage[sizeof(Lexicon)];

const Lexicon& TheLexicon() noexcept {
  // C++ makes the initialization thread-safe.
  static const bool built = (new (lexicon_storage) Lexicon(), true);
  static_cast<void>(built);
  return *std::launder(reinterpret_cast<const Lexicon*>(lexicon_storage));
}

// Letter classes for the suffix rules: every suffix is made of the letters
// below, so a pair of classes (a letter and the one before it) indexes a
// table of every fact the rules test about them. The suffix letters
// (every suffix ends in one) come first: classes 1 to 6.
enum : std::uint8_t {
  kClassOther = 0,
  kClassAlef,
  kClassTeh,
  kClassNoon,
  kClassHeh,
  kClassTehMarbuta,
  kClassMeem,
  kClassWaw,
  kClassYeh,
  kClassKaf,
  kClassLam,
  kClassCount,
};

struct ClassTable {
  std::uint8_t c[256];
  constexpr ClassTable() : c() {
    c[kAlef] = kClassAlef;
    c[kTeh] = kClassTeh;
    c[kNoon] = kClassNoon;
    c[kHeh] = kClassHeh;
    c[kTehMarbuta] = kClassTehMarbuta;
    c[kMeem] = kClassMeem;
    c[kWaw] = kClassWaw;
    c[kYeh] = kClassYeh;
    c[kKaf] = kClassKaf;
    c[kLam] = kClassLam;
  }
};
constexpr ClassTable kClass;

// Facts about the last two letters of a range, `last` and the one before it
// (`prev`).
enum : std::uint32_t {
  kPairPronoun1 = 1u << 0,     // ه
  kPairPronoun2 = 1u << 1,     // ها نا هم كم هن كن
  kPairMeemAlef = 1u << 2,     // ما: هما كما if ه or ك is before it
  kPairHehOrKaf = 1u << 3,     // last is ه or ك
  kPairWawAlef = 1u << 4,      // وا
  kPairPlural = 1u << 5,       // ات ون ين
  kPairDual = 1u << 6,         // ان
  kPairTeh = 1u << 7,          // ت, not after ا
  kPairFeminine = 1u << 8,     // ه or ة
  // Not a pair fact: set in Stemming's at0_/atp_ when ت (not after ا)
  // precedes the plural or dual ending.
  kTehBeforeNumber = kPairTeh << 2,
  kPairTehOrNoon = 1u << 10,   // ت or ن
};

// Bits 4 to 9, kPairWawAlef to kTehBeforeNumber: every fact the suffix
// rules' last steps test (kEndings below).
constexpr int kEndingShift = 4;
constexpr std::uint32_t kEndingBits = 0x3F;
static_assert(((kPairWawAlef | kPairPlural | kPairDual | kPairTeh | kPairFeminine |
                kTehBeforeNumber) >> kEndingShift) == kEndingBits,
              "the ending facts are six adjacent bits");

constexpr std::uint32_t PairFacts(int last, int prev) {
  std::uint32_t f = 0;
  if (last == kClassHeh) f |= kPairPronoun1;
  if ((last == kClassAlef && (prev == kClassHeh || prev == kClassNoon)) ||
      ((last == kClassMeem || last == kClassNoon) && (prev == kClassHeh || prev == kClassKaf))) {
    f |= kPairPronoun2;
  }
  if (last == kClassAlef && prev == kClassMeem) f |= kPairMeemAlef;
  if (last == kClassHeh || last == kClassKaf) f |= kPairHehOrKaf;
  if (last == kClassAlef && prev == kClassWaw) f |= kPairWawAlef;
  if ((last == kClassTeh && prev == kClassAlef) ||
      (last == kClassNoon && (prev == kClassWaw || prev == kClassYeh))) {
    f |= kPairPlural;
  }
  if (last == kClassNoon && prev == kClassAlef) f |= kPairDual;
  if (last == kClassTeh && prev != kClassAlef) f |= kPairTeh;
  if (last == kClassTeh || last == kClassNoon) f |= kPairTehOrNoon;
  if (last == kClassHeh || last == kClassTehMarbuta) f |= kPairFeminine;
  return f;
}

// The suffix rules' steps 2 to 4 (stemmer.h) on a range of `size` letters
// whose ending facts are f, once the probes found nothing: how many letters
// go. `stripped`: a pronoun went (then f is the facts before it, and size
// counts the letters left); `alef`: the word ends in ا.
constexpr int EndingLetters(bool alef, bool stripped, std::uint32_t f, int size) {
  // 2. No pronoun went: the verb plural وا or the tanwin alef, then stop.
  if (alef && !stripped) {
    const int len = (f & kPairWawAlef) ? 2 : 1;
    return size - len >= kMinStem ? len : 0;
  }
  // 3. A plural or dual ending (ان only with four letters left), then
  // 4. the feminine ending: ه or ة when nothing went, ت after a pronoun
  //    or plural.
  const bool number = ((f & kPairPlural) && size - 2 >= kMinStem) ||
                      ((f & kPairDual) && size - 2 >= kMinStem + 1);
  const int left = size - 2 * number;
  const bool feminine = !number && !stripped && (f & kPairFeminine) && left - 1 >= kMinStem;
  const bool teh = (stripped || number) && (f & (number ? kTehBeforeNumber : kPairTeh)) &&
                   left - 1 >= kMinStem;
  return 2 * number + (feminine || teh);
}

// EndingLetters for every argument, sizes above 7 counted as 7 (no rule
// looks further): a table look-up instead of about forty instructions of
// branch-free arithmetic on each call of StripSuffixes.
// Index: alef << 10 | stripped << 9 | ending facts << 3 | min(size, 7).
constexpr int kEndingSizes = 8;
struct EndingTable {
  std::uint8_t n[2 << 10];
  constexpr EndingTable() : n() {
    for (int i = 0; i < (2 << 10); ++i) {
      n[i] = static_cast<std::uint8_t>(EndingLetters((i >> 10) & 1, (i >> 9) & 1,
                                                     static_cast<std::uint32_t>((i >> 3) & kEndingBits)
                                                         << kEndingShift,
                                                     i & 7));
    }
  }
};
constexpr EndingTable kEndings;

struct PairTable {
  std::uint16_t f[16 * 16];
  constexpr PairTable() : f() {
    for (int last = 0; last < kClassCount; ++last) {
      for (int prev = 0; prev < kClassCount; ++prev) {
        f[last + 16 * prev] = static_cast<std::uint16_t>(PairFacts(last, prev));
      }
    }
  }
};
constexpr PairTable kPairs;

// What kind of last letter the word has: no suffix rule applies (and no
// list is probed for suffixes), the alef rules apply, or the others.
enum class Tail { kNone, kAlef, kOther };

// Prefix classes of a letter: the proclitic letters.
enum : std::uint8_t {
  kPrefixOther = 0,
  kPrefixBeh,
  kPrefixKaf,
  kPrefixLam,
  kPrefixAlef,
  kPrefixConjunction,  // و ف
};
struct PrefixClassTable {
  std::uint8_t c[256];
  constexpr PrefixClassTable() : c() {
    c[kBeh] = kPrefixBeh;
    c[kKaf] = kPrefixKaf;
    c[kLam] = kPrefixLam;
    c[kAlef] = kPrefixAlef;
    c[kWaw] = kPrefixConjunction;
    c[kFeh] = kPrefixConjunction;
  }
};
constexpr PrefixClassTable kPrefixClass;

// Steps 2 and 3 of the proclitics (a preposition, or the article) at
// letter b, decided by one table look-up on the prefix classes of letters
// b, b+1, b+2 and the letters left, m = n - b (2, 3, 4, or 5 and more):
// which letters may go, and which range and list decide whether they
// belong to the word.
enum : std::uint8_t {
  kPrefixTest = 1,         // test whether they belong (Belongs)
  kPrefixTestIfTwo = 2,    // test only if [b+1, n) is a two-letter word
  kPrefixTestAfter = 4,    // the range tested starts at b + 1, else b
  kPrefixLamInitial = 8,   // the list is kLamInitial, else kProcliticInitial
  kPrefixStripShift = 4,   // bits 4-5: letters that go if they do not belong
};

constexpr std::uint8_t PrefixRule(int d0, int d1, int d2, int m) {
  const bool beh_kaf = d0 == kPrefixBeh || d0 == kPrefixKaf;
  const bool lam = d0 == kPrefixLam;
  // بال كال: two letters may remain after the article.
  if (beh_kaf && d1 == kPrefixAlef && d2 == kPrefixLam && m - 1 - 2 >= kMinStemAfterArticle) {
    return kPrefixTest | kPrefixTestAfter | kPrefixLamInitial | 3 << kPrefixStripShift;
  }
  // لل: ل + article, or ل + a word starting with ل (للبنان).
  if (lam && d1 == kPrefixLam && m - 2 >= kMinStemAfterArticle) {
    return kPrefixTest | kPrefixTestAfter | 2 << kPrefixStripShift;
  }
  if (beh_kaf || lam) {
    // ك as a bare preposition is rare next to words that start with a
    // radical ك (كانت, كتبت), so it needs a longer remainder.
    if (m - 1 >= (d0 == kPrefixKaf ? kMinStem + 1 : kMinStem)) {
      return kPrefixTest | 1 << kPrefixStripShift;
    }
    if (d0 != kPrefixKaf && m - 1 == 2) return kPrefixTestIfTwo | 1 << kPrefixStripShift;
    return 0;
  }
  if (d0 == kPrefixAlef && d1 == kPrefixLam && m - 2 >= kMinStemAfterArticle) {
    return kPrefixTest | kPrefixLamInitial | 2 << kPrefixStripShift;
  }
  return 0;
}

// Index: d0 << 8 | d1 << 5 | d2 << 2 | (min(m, 5) - 2).
struct PrefixTable {
  std::uint8_t r[6 << 8];
  constexpr PrefixTable() : r() {
    for (int d0 = 0; d0 < 6; ++d0) {
      for (int d1 = 0; d1 < 6; ++d1) {
        for (int d2 = 0; d2 < 6; ++d2) {
          for (int m = 2; m <= 5; ++m) r[d0 << 8 | d1 << 5 | d2 << 2 | (m - 2)] = PrefixRule(d0, d1, d2, m);
        }
      }
    }
  }
};
constexpr PrefixTable kPrefixRules;

// One word being stemmed. The suffix rules depend on the range's start
// only through its length and the list probes; the letters they test are
// the word's last seven, analysed once (Analyse) for all the ranges the
// proclitic steps try. Every range they try ends where the word does.
class Stemming {
 public:
  Stemming(const std::uint8_t* c, int n, const Lexicon& lex, std::uint8_t whole) noexcept
      : c_(c), n_(n), lex_(lex), whole_(whole) {}

  // The stem as begin | end << 8.
  unsigned Stem() noexcept {
    // The last eight letters, the last in the top byte; zeros before the
    // word's start when it is shorter (their class is "other").
    const int n = n_;
    const int from = n >= 8 ? n - 8 : 0;
    const std::uint64_t tail = Load8(c_ + from) << (8 * (8 - (n - from)));
    const std::uint8_t last = kClass.c[tail >> 56];
    // الله and the names built on it (عبدالله) end in a radical ه.
    const bool allah = (tail >> 40) == (std::uint64_t{kHeh} << 16 | kLam << 8 | kLam);
    // Every suffix ends in a letter of classes 1 to 6; other words keep
    // their ending, listed or not, so they need no suffix probe at all.
    if ((static_cast<unsigned>(last - 1) >= 6) | allah) return StemAs<Tail::kNone>();
    Analyse(tail);
    return last == kClassAlef ? StemAs<Tail::kAlef>() : StemAs<Tail::kOther>();
  }

 private:
  std::uint8_t Lists(int b, int e) const noexcept { return lex_.Lists(c_, Range{b, e}); }

  // Pronoun length and the number/feminine facts at the end and before the
  // pronoun, from the classes of the last seven letters, a nibble each
  // (the last letter lowest), so that pair i is one shift away.
  void Analyse(std::uint64_t tail) noexcept {
    std::uint32_t cs = 0;
    for (int i = 0; i < 7; ++i) cs |= std::uint32_t{kClass.c[(tail >> (56 - 8 * i)) & 0xFF]} << (4 * i);
    const auto pair = [cs](int i) -> std::uint32_t { return kPairs.f[(cs >> (4 * i)) & 0xFF]; };
    const auto at = [&](int i) { return pair(i) | (pair(i + 2) & kPairTeh) << 2; };
    const std::uint32_t p0 = pair(0);
    static_assert(kPairPronoun1 == 1 && kPairPronoun2 == 2, "p_ adds them up");
    p_ = static_cast<int>((p0 & 3) + 3 * ((p0 >> 2) & (pair(2) >> 3) & 1));
    at0_ = at(0);
    atp_ = at(p_);
  }

  // The end of the stem after the suffix rules on [b, n) (stemmer.h);
  // xb is the list bits of [b, n). Below three letters (n - b < 3) every
  // rule keeps the word as it is, with no test needed: each strip needs
  // three letters left, and the probes are of longer ranges.
  template <Tail K>
  int StripSuffixes(int b, std::uint8_t xb) const noexcept {
    const int n = n_;
    if constexpr (K == Tail::kNone) {
      return n;
    } else {
      const int s = n - b;
      // Tanwin alef after a listed word: قانونا → قانون, not قانو + نا.
      if constexpr (K == Tail::kAlef) {
        if (s - 1 >= kMinStem && (Lists(b, n - 1) & kInRadicalEnding)) return n - 1;
      }
      if (xb & kInRadicalEnding) return n;
      // 1. One pronoun, if three letters remain, or a two-letter word (then
      //    nothing else goes).
      const int p = p_;
      // The probes below are rare, but the facts that decide them (a
      // pronoun, a ت or ن before it) are common and unpredictable: each
      // condition is one flag tested by one branch, not two branches.
      if (static_cast<unsigned>(p > 0) & static_cast<unsigned>(s - p == 2)) {
        if (Lists(b, n - p) & kInTwoLetterWords) return n - p;
      }
      const bool stripped = (p > 0) & (s - p >= kMinStem);
      // Selected by masks: as a branch, this would mispredict often.
      const int all = -static_cast<int>(stripped);
      const int e = n - (p & all);
      const std::uint32_t f = at0_ ^ ((at0_ ^ atp_) & static_cast<std::uint32_t>(all));
      // After a pronoun, a listed stem ending in ت or ن keeps its ending.
      if (f & kPairTehOrNoon & static_cast<std::uint32_t>(all)) {
        if (Lists(b, e) & kInRadicalEnding) return e;
      }
      // 2.–4. (EndingLetters): the letters are data, so a table, not
      // branches. With no pronoun gone, e - b is s.
      const int size = e - b;
      const unsigned index = static_cast<unsigned>(K == Tail::kAlef) << 10 |
                             static_cast<unsigned>(stripped) << 9 |
                             ((f >> kEndingShift) & kEndingBits) << 3 |
                             std::min<unsigned>(static_cast<unsigned>(size), kEndingSizes - 1);
      return e - kEndings.n[index];
    }
  }

  // True when the proclitic letters before b belong to the word: [b, n)
  // or its suffix-stripped stem [b, end) is in `list`.
  template <Tail K>
  bool Belongs(int b, std::uint8_t xb, int end, std::uint8_t list) const noexcept {
    if (xb & list) return true;
    if constexpr (K == Tail::kNone) {
      return false;
    } else {
      return end != n_ && (Lists(b, end) & list) != 0;
    }
  }

  static unsigned Pack(int b, int e) noexcept {
    return static_cast<unsigned>(b) | static_cast<unsigned>(e) << 8;
  }

  template <Tail K>
  unsigned StemAs() const noexcept {
    const int n = n_;
    int b = 0;
    // 1. The conjunction و or ف.
    if (kPrefixClass.c[c_[0]] == kPrefixConjunction) {
      if (n - 1 >= kMinStem || (n - 1 == 2 && (Lists(1, n) & kInTwoLetterWords))) {
        const int end = StripSuffixes<K>(0, whole_);
        if (Belongs<K>(0, whole_, end, kInProcliticInitial)) return Pack(0, end);
        b = 1;
      }
    }
    // 2. A preposition (بال كال لل, or a bare ب ك ل) or 3. the article.
    const int m = n - b;
    const std::uint8_t rule =
        kPrefixRules.r[kPrefixClass.c[c_[b]] << 8 | kPrefixClass.c[c_[b + 1]] << 5 |
                       kPrefixClass.c[c_[b + 2]] << 2 | ((m >= 5 ? 5 : m) - 2)];
    if (rule != 0) {
      bool test = (rule & kPrefixTest) != 0;
      if (rule & kPrefixTestIfTwo) test = (Lists(b + 1, n) & kInTwoLetterWords) != 0;
      if (test) {
        const int t = b + ((rule / kPrefixTestAfter) & 1);
        const std::uint8_t list = rule & kPrefixLamInitial ? kInLamInitial : kInProcliticInitial;
        const std::uint8_t xt = t == 0 ? whole_ : Lists(t, n);
        const int end = StripSuffixes<K>(t, xt);
        if (Belongs<K>(t, xt, end, list)) return Pack(t, end);
        b += rule >> kPrefixStripShift;
      }
    }
    if constexpr (K == Tail::kNone) {
      return Pack(b, n);
    } else {
      return Pack(b, StripSuffixes<K>(b, b == 0 ? whole_ : Lists(b, n)));
    }
  }

  const std::uint8_t* c_;
  int n_;
  const Lexicon& lex_;
  std::uint8_t whole_;     // list bits of the whole word
  int p_ = 0;              // pronoun length the word ends with
  std::uint32_t at0_ = 0;  // facts of the last letters (kPair*, kTehBeforeNumber)
  std::uint32_t atp_ = 0;  // the same, p_ letters earlier
};

// The stem of a decoded word as letter offsets begin | end << 8, and bit 16
// set when the whole word is a stopword.
inline unsigned StemRange(const std::uint8_t* c, int n) noexcept {
  const Lexicon& lex = TheLexicon();
  const std::uint8_t whole = lex.Lists(c, Range{0, n});
  const unsigned stop = static_cast<unsigned>((whole & kInStopwords) != 0) << 16;
  // Words of one or two letters have nothing to strip.
  if (n < kMinStem) return stop | static_cast<unsigned>(n) << 8;
  return stop | Stemming(c, n, lex, whole).Stem();
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

unsigned LightStemLettersAndStopword(const std::uint8_t* letters, int count) noexcept {
  // Decode's letter test (IsArabicLetter), without a branch on the count
  // for the first 16 letters: the bytes past the word are not tested
  // (scalar: the padding, 0, passes), inside it a 0 (U+0600) fails.
  bool ok;
#if LIBSEARCH_STEMMER_SSE2
  {
    // x is in [lo, lo + w] when (x - lo) mod 256 <= w, that is when the
    // saturating x - lo - w is 0; outside both ranges, both are nonzero.
    const auto outside = [](__m128i x, int lo, int w) {
      return _mm_subs_epu8(_mm_sub_epi8(x, _mm_set1_epi8(static_cast<char>(lo))),
                           _mm_set1_epi8(static_cast<char>(w)));
    };
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(letters));
    const __m128i bad = _mm_min_epu8(outside(v, 0x21, 0x4A - 0x21), outside(v, 0x6E, 0xD3 - 0x6E));
    const std::uint64_t fails =
        static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(bad, _mm_setzero_si128()))) ^ 0xFFFFu;
    // Only the word's letters count: shifted left by 64 - count, the
    // failures at count and above leave the 64 bits. (Count 0 shifts by 0
    // and fails on the padding: the empty range, as StemRange gives.)
    ok = (fails << ((64 - count) & 63)) == 0;
  }
#else
  ok = true;
  for (int i = 0; i < 16; ++i) {
    ok &= kLetterTable.ok[letters[i]] & ((letters[i] != 0) | (i >= count));
  }
#endif
  for (int i = 16; i < count; ++i) ok &= (letters[i] != 0) & kLetterTable.ok[letters[i]];
  // Every stopword is Arabic letters only, so a word with anything else is
  // not one.
  if (!ok) return static_cast<unsigned>(count) << 8;
  return StemRange(letters, count);
}

unsigned LightStemLetters(const std::uint8_t* letters, int count) noexcept {
  return LightStemLettersAndStopword(letters, count) & 0xFFFF;
}

}  // namespace analysis

std::string_view LightStemmer::StemView(std::string_view word) const noexcept {
  Letters letters;
  if (word.size() < 2 * kMinStem || !Decode(word, &letters)) return word;
  const unsigned r = StemRange(letters.c, letters.n);
  const unsigned b = r & 0xFF, e = (r >> 8) & 0xFF;
  return word.substr(2 * b, 2 * (e - b));
}

std::string_view LightStemmer::Stem(std::string_view word,
                                    std::string* /*scratch*/) const {
  return StemView(word);
}

std::string LightStemmer::Name() const { return "light/1"; }

}  // namespace libsearch
