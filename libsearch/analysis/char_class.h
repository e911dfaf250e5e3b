// analysis/char_class.h: the character core shared by Normalizer and
// TokenStream (private).
//
// Every input character maps to an output byte string and one class. The
// common characters (U+0000–U+07FF, which holds ASCII and the Arabic block,
// General Punctuation U+2000–U+206F and the Arabic presentation forms
// U+FB50–U+FDFF, U+FE70–U+FEFF) are looked up in a table built once per
// option set; everything else takes a slower path through ICU.
//
// The rules, applied per code point until nothing changes (so the result is
// idempotent by construction):
//  - U+0600–U+06FF: the Arabic rules of normalizer.h (arabic-text.md §1),
//    plus: ۓ U+06D3 and ۂ U+06C2 fold with the Persian letters, U+0600–U+0605
//    and U+061C (Cf) are deleted like every other format control.
//  - Format controls (general category Cf) are deleted; ZWNJ follows the
//    ZwnjPolicy.
//  - Letters, marks and numbers elsewhere go through NFKC (NFKC_Casefold
//    when fold_case is on), so presentation forms and ligatures become base
//    letters, fullwidth Latin becomes ASCII and Latin/Greek/Cyrillic are
//    case folded. Their results go through the Arabic rules again.
//    Combining marks of the Arabic script outside the main block
//    (U+08D3–U+08FF...) are deleted like harakat.
//  - A letter whose mapping leaves only spaces (the isolated harakat forms
//    U+FE70–U+FE7F) is deleted.
//  - Everything else (spaces, punctuation, symbols, unassigned) is a
//    separator and is copied unchanged.
// Mapping is per code point: a Latin letter followed by a combining accent
// is not composed.
#ifndef LIBSEARCH_ANALYSIS_CHAR_CLASS_H_
#define LIBSEARCH_ANALYSIS_CHAR_CLASS_H_

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "libsearch/normalizer.h"

// SSE2 is part of x86-64; elsewhere the tokenizer's scalar loop does all.
#if defined(__SSE2__) && (defined(__x86_64__) || defined(_M_X64))
#define LIBSEARCH_TOKENIZER_SSE2 1
// The same blocks twice as wide (AVX2), chosen at run time where the
// processor has it (token_stream_inl.h); GCC and Clang only, which can
// compile one function for AVX2 inside a file built for x86-64.
#if defined(__GNUC__) || defined(__clang__)
#define LIBSEARCH_TOKENIZER_AVX2 1
#endif
#endif

namespace libsearch {
namespace analysis {

enum class CharClass : std::uint8_t {
  kDeleted,    // vanishes, never splits a word
  kSeparator,  // copied unchanged (invalid bytes become U+FFFD); ends words
  kArabic,     // Arabic-script letter (or kept Qur'anic mark)
  kLetter,     // letter or mark of another script
  kDigit,      // decimal digit (ASCII, or Arabic-Indic when not folded)
  kMixed,      // output mixes classes (ﷺ → four words, ½ → 1⁄2): the caller
               // re-reads the output one code point at a time
};

// Longest output of one input character (U+FDFA: 33 bytes), with room.
constexpr std::size_t kMaxCharOut = 96;

struct MappedChar {
  const char* out;         // output bytes (table, input, or scratch)
  std::uint32_t out_len;
  std::uint32_t in_len;    // input bytes consumed (1..4)
  CharClass cls;
};

class CharTables {
 public:
  // Option bits, also the cache slot.
  static constexpr std::uint32_t kTehMarbuta = 1;
  static constexpr std::uint32_t kHamzaSeats = 2;
  static constexpr std::uint32_t kPersian = 4;
  static constexpr std::uint32_t kQuranic = 8;
  static constexpr std::uint32_t kDigits = 16;
  static constexpr std::uint32_t kCase = 32;
  static constexpr std::uint32_t kZwnjSeparates = 64;
  static constexpr std::uint32_t kSlots = 128;

  static std::uint32_t Flags(const NormalizerOptions& options) noexcept;

  // The tables for these options, built on first use (thread-safe) and kept
  // for the life of the process. Only the first call per option set
  // allocates; Normalizer and Tokenizer constructors make that call.
  static const CharTables& For(const NormalizerOptions& options);

  // Maps the character starting at p (p < end). `scratch` must hold
  // kMaxCharOut bytes; only the rare (ICU) path writes to it.
  MappedChar Map(const unsigned char* p, const unsigned char* end,
                 char* scratch) const noexcept {
    const unsigned b = p[0];
    if (b < 0x80) {
      const Entry& e = entries_[b];
      return {pool_ + e.off, e.len, 1, e.cls};
    }
    // Two-byte sequences: Latin-1 to the end of the Arabic block.
    if (b >= 0xC2 && b < 0xE0 && end - p >= 2 && (p[1] & 0xC0) == 0x80) {
      const Entry& e = entries_[((b & 0x1Fu) << 6) | (p[1] & 0x3Fu)];
      return {pool_ + e.off, e.len, 2, e.cls};
    }
    return MapSlow(p, end, scratch);
  }

  // Class of a code point that is already normalized (a fixed point), as
  // found inside a kMixed output.
  CharClass ClassOfNormalized(char32_t cp) const noexcept;

  std::uint32_t flags() const noexcept { return flags_; }

  // Hot loops inline this for U+0600–U+06FF: (lead & 0xFC) == 0xD8.
  struct Entry {
    std::uint16_t off;  // into pool()
    std::uint8_t len;
    CharClass cls;
  };
  const Entry& EntryFor2Byte(unsigned b0, unsigned b1) const noexcept {
    return entries_[((b0 & 0x1Fu) << 6) | (b1 & 0x3Fu)];
  }
  const char* pool() const noexcept { return pool_; }

  // U+0600–U+06FF for the tokenizer's word loop. `pair` is the two bytes
  // at p loaded as one native 16-bit value (LoadPair): IsArabicBlockPair
  // tests for lead D8..DB and a continuation byte, and ArabicPair packs the
  // output bytes (bits 0–15, in memory order), their length (bits 16–23)
  // and kPlain, set only for a kArabic character with a 2-byte output and a
  // kDeleted one with none. The index, a multiply and a shift, maps the
  // 256 little-endian pairs one to one (checked when the table is built);
  // on big-endian machines no entry is plain and the loop never runs.
  static constexpr std::uint32_t kPlain = 1u << 31;
  static std::uint32_t LoadPair(const unsigned char* p) noexcept {
    std::uint16_t v;
    std::memcpy(&v, p, 2);
    return v;
  }
  static bool IsArabicBlockPair(std::uint32_t pair) noexcept {
    return (pair & 0xC0FCu) == 0x80D8u;
  }
  static unsigned ArabicPairIndex(std::uint32_t pair) noexcept {
    return (pair * 0xCF03FD21u) >> 24;
  }
  std::uint32_t ArabicPair(std::uint32_t pair) const noexcept {
    return arabic_pairs_[ArabicPairIndex(pair)];
  }

  // Eight characters at a time for the tokenizer's word loop (SSE2): the
  // letters U+0621–U+063A and U+0641–U+064A, whose outputs are themselves
  // except for a few foldings (أ إ آ → ا, ى → ي, ...), each a compare and
  // an xor. The block ends before any other character, and the scalar
  // loop goes on from there. Lanes are 16 bits, in LoadPair order, each
  // list entry repeated over the eight lanes; unused foldings never match
  // (0xFFFF is no UTF-8). enabled only when every letter of the ranges is
  // itself or one of the foldings, and each folding gives a letter with the
  // lead D8 or D9 (the analyzer's memo key relies on it).
  struct BlockPlan {
    // Every option set has at most seven (all of them on: آ أ إ ى ة ؤ ئ);
    // a slot costs four instructions per block.
    static constexpr int kFoldings = 7;
    bool enabled = false;
    alignas(16) std::uint16_t fold_from[kFoldings][8];   // the pair
    alignas(16) std::uint16_t fold_delta[kFoldings][8];  // pair ^ output
    // The AVX2 block (WideBlock, token_stream_inl.h). Its constants are
    // here, in memory, so that they are operands of the instructions
    // rather than built in registers on every call. wide: usable, when
    // every folding but one is of a letter D8 A1–AF (آ أ ؤ إ ئ ة): those
    // are two table look-ups (pshufb) by the continuation's low nibble.
    bool wide = false;
    alignas(32) std::uint16_t wide_range_add[2][16];  // 0x8000 - first
    alignas(32) std::uint16_t wide_range_lim[2][16];  // count - 0x8000
    alignas(32) std::uint16_t wide_nibble[16];        // 0x000F
    alignas(32) std::uint16_t wide_group_mask[16];    // 0xF0FF
    alignas(32) std::uint16_t wide_group[16];         // 0xA0D8: D8 Ax
    alignas(32) std::uint8_t wide_lead_delta[32];     // by nibble, twice
    alignas(32) std::uint8_t wide_cont_delta[32];
    alignas(32) std::uint16_t wide_from[16];   // the other folding (ى)
    alignas(32) std::uint16_t wide_delta[16];
    // The ASCII bytes of class kSeparator or kDeleted, which skipping
    // between words passes over (WideSeparators): a byte b is one when
    // sep_high[b >> 4] & sep_low[b & 15] is not 0. sep_high[h] is bit h
    // for h < 8 (0 for the high nibbles of non-ASCII bytes); sep_low[l]
    // has bit h when byte h << 4 | l is one. Both twice, for pshufb.
    alignas(32) std::uint8_t sep_high[32];
    alignas(32) std::uint8_t sep_low[32];
    alignas(32) std::uint8_t low_nibbles[32];  // 0x0F
  };
  const BlockPlan& block_plan() const noexcept { return block_plan_; }
  CharClass AsciiClass(unsigned b) const noexcept { return entries_[b].cls; }

  CharTables(const CharTables&) = delete;
  CharTables& operator=(const CharTables&) = delete;

 private:
  static constexpr std::size_t kEntries = 0x800 + 0x70 + 0x2B0 + 0x90;

  explicit CharTables(std::uint32_t flags);
  void BuildBlockPlan(bool pairs_active) noexcept;
  ~CharTables();
  MappedChar MapSlow(const unsigned char* p, const unsigned char* end,
                     char* scratch) const noexcept;

  std::uint32_t flags_;
  Entry entries_[kEntries];
  std::uint32_t arabic_pairs_[256];
  BlockPlan block_plan_;
  char* pool_;
};

}  // namespace analysis
}  // namespace libsearch

#endif  // LIBSEARCH_ANALYSIS_CHAR_CLASS_H_
