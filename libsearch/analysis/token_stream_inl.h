// analysis/token_stream_inl.h: the common case of TokenStream::Next(),
// inline (private). tokenizer.cc defines Next() with it, and the analyzer
// calls it directly, so that its per-token work needs no call and its
// token fields stay in registers.
#ifndef LIBSEARCH_ANALYSIS_TOKEN_STREAM_INL_H_
#define LIBSEARCH_ANALYSIS_TOKEN_STREAM_INL_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "analysis/char_class.h"
#include "libsearch/tokenizer.h"

#if LIBSEARCH_TOKENIZER_AVX2
#include <immintrin.h>
#elif LIBSEARCH_TOKENIZER_SSE2
#include <emmintrin.h>
#endif

namespace libsearch {
namespace analysis {

// Appends the plain Arabic-block characters from p on (CharTables::
// PairEntry), at most `room` input bytes of them, to buf at *len; returns
// where it stopped. A pair adds at most 2 output bytes, so a room of at
// most end - p and max - *len keeps the loop inside both without testing
// either; this is most of news text, one table load per letter.
// *marked: on entry, whether to skip the eight-letter blocks; on return,
// whether this run deleted a character (a mark): in diacritised text
// nearly every word has marks, which end a block at once, so the blocks
// are tried only after a word without.
//
// kKeyed (the analyzer's call, from a word's first letter): each block
// also stores its letters packed one byte each, the memo key's form
// (analyzer.cc), at key + 8 × block, zero past the word; *keyed says
// whether key then holds the whole word (only blocks ran). The letters are
// in registers here: the analyzer would otherwise load, check and pack them
// again.
#if LIBSEARCH_TOKENIZER_SSE2
// kPrefixLanes[k]: 0x007F in 16-bit lanes 0..k-1.
alignas(16) inline constexpr std::uint16_t kPrefixLanes[9][8] = {
    {0, 0, 0, 0, 0, 0, 0, 0},
    {0x7F, 0, 0, 0, 0, 0, 0, 0},
    {0x7F, 0x7F, 0, 0, 0, 0, 0, 0},
    {0x7F, 0x7F, 0x7F, 0, 0, 0, 0, 0},
    {0x7F, 0x7F, 0x7F, 0x7F, 0, 0, 0, 0},
    {0x7F, 0x7F, 0x7F, 0x7F, 0x7F, 0, 0, 0},
    {0x7F, 0x7F, 0x7F, 0x7F, 0x7F, 0x7F, 0, 0},
    {0x7F, 0x7F, 0x7F, 0x7F, 0x7F, 0x7F, 0x7F, 0},
    {0x7F, 0x7F, 0x7F, 0x7F, 0x7F, 0x7F, 0x7F, 0x7F},
};

// The SSE2 block's steps on the eight characters (16 bytes) in v.
// BlockLetters: bit i set when character i is a letter of the ranges.
inline unsigned BlockLetters(__m128i v) noexcept {
  // Lanes are continuation << 8 | lead. Swapped to lead << 8 |
  // continuation, U+0621–U+063A (D8 A1–BA) and U+0641–U+064A (D9 81–8A)
  // are each one range of lane values: x in [lo, hi] when x + 8000 - lo
  // is below hi - lo + 1 - 8000 as signed 16-bit numbers.
  const __m128i s = _mm_or_si128(_mm_slli_epi16(v, 8), _mm_srli_epi16(v, 8));
  const __m128i r1 =
      _mm_cmplt_epi16(_mm_add_epi16(s, _mm_set1_epi16(static_cast<short>(0x8000 - 0xD8A1))),
                      _mm_set1_epi16(static_cast<short>(0xBA - 0xA1 + 1 - 0x8000)));
  const __m128i r2 =
      _mm_cmplt_epi16(_mm_add_epi16(s, _mm_set1_epi16(static_cast<short>(0x8000 - 0xD981))),
                      _mm_set1_epi16(static_cast<short>(0x8A - 0x81 + 1 - 0x8000)));
  return static_cast<unsigned>(
      _mm_movemask_epi8(_mm_packs_epi16(_mm_or_si128(r1, r2), _mm_setzero_si128())));
}

// The block's output: v with the plan's foldings applied.
inline __m128i BlockFold(const CharTables::BlockPlan& plan, __m128i v) noexcept {
  __m128i out = v;
  for (int i = 0; i < CharTables::BlockPlan::kFoldings; ++i) {
    const __m128i from = _mm_load_si128(reinterpret_cast<const __m128i*>(plan.fold_from[i]));
    const __m128i delta = _mm_load_si128(reinterpret_cast<const __m128i*>(plan.fold_delta[i]));
    out = _mm_xor_si128(out, _mm_and_si128(_mm_cmpeq_epi16(v, from), delta));
  }
  return out;
}

// The memo key's bytes of the first k (0..8) characters of a block's
// output, in 16-bit lanes, the others cleared. A letter's byte is the low
// byte of its code point, (lead & 3) << 6 | (continuation & 3F): for the
// leads D8 and D9 of the block's letters and foldings (BuildBlockPlan
// checks) that is (continuation ^ lead << 6) & 7F.
inline __m128i BlockKey(__m128i out, unsigned k) noexcept {
  return _mm_and_si128(_mm_xor_si128(_mm_srli_epi16(out, 8), _mm_slli_epi16(out, 6)),
                       _mm_load_si128(reinterpret_cast<const __m128i*>(kPrefixLanes[k])));
}

// WideBlock's work with SSE2 (the analyzer's batch where the processor
// has no AVX2): sixteen characters at p as two blocks. Stores the 32
// output bytes at out and 16 key bytes at key; returns how many of the 16
// are letters of the ranges before the first that is not.
inline unsigned NarrowBlock16(const CharTables::BlockPlan& plan, const unsigned char* p,
                              char* out, char* key) noexcept {
  const __m128i v0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i v1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16));
  const unsigned mask = BlockLetters(v0) | BlockLetters(v1) << 8;
  const unsigned k = static_cast<unsigned>(__builtin_ctz(~mask | 0x10000u));
  const __m128i f0 = BlockFold(plan, v0);
  const __m128i f1 = BlockFold(plan, v1);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out), f0);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out + 16), f1);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(key),
                   _mm_packus_epi16(BlockKey(f0, k < 8 ? k : 8), BlockKey(f1, k > 8 ? k - 8 : 0)));
  return k;
}
#endif

#if LIBSEARCH_TOKENIZER_AVX2
// Whether the analyzer runs the AVX2 blocks (WideBlock): set once, from
// what the processor has (tokenizer.cc). Tests and benchmarks may turn it
// off to compare the two; the tokens are the same either way.
extern bool g_wide_blocks;

// kWidePrefixLanes[k]: 0x007F in 16-bit lanes 0..k-1 of 16.
struct WidePrefixLanes {
  alignas(32) std::uint16_t lanes[17][16];
  constexpr WidePrefixLanes() : lanes() {
    for (int k = 0; k <= 16; ++k)
      for (int i = 0; i < k; ++i) lanes[k][i] = 0x7F;
  }
};
inline constexpr WidePrefixLanes kWidePrefixLanes;

// ScanPlainArabic's block on sixteen characters (32 bytes) at p instead of
// eight: the same tests, folding and memo key, one block for nearly every
// word (a word of eight letters or more took two SSE2 blocks and a
// mispredicted branch). Stores the 32 output bytes at out and, kKeyed, 16
// key bytes at key; returns how many of the 16 characters are letters of
// the ranges before the first that is not. Compiled for AVX2 alone: it
// runs only when g_wide_blocks says the processor has it.
template <bool kKeyed>
[[gnu::target("avx2")]] inline unsigned WideBlock(const CharTables::BlockPlan& plan,
                                                  const unsigned char* p, char* out,
                                                  char* key) noexcept {
#define LIBSEARCH_WIDE(field) _mm256_load_si256(reinterpret_cast<const __m256i*>(plan.field))
  const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
  // As in ScanPlainArabic: lead << 8 | continuation, two ranges.
  const __m256i s = _mm256_or_si256(_mm256_slli_epi16(v, 8), _mm256_srli_epi16(v, 8));
  const __m256i r1 = _mm256_cmpgt_epi16(LIBSEARCH_WIDE(wide_range_lim[0]),
                                        _mm256_add_epi16(s, LIBSEARCH_WIDE(wide_range_add[0])));
  const __m256i r2 = _mm256_cmpgt_epi16(LIBSEARCH_WIDE(wide_range_lim[1]),
                                        _mm256_add_epi16(s, LIBSEARCH_WIDE(wide_range_add[1])));
  // Foldings of D8 Ax: the xor for the lead byte and for the continuation,
  // looked up by the continuation's low nibble, kept where the lane is
  // D8 Ax. (nibble << 8 looks up entry 0, which is 0, for the lead byte.)
  const __m256i nibble = _mm256_and_si256(_mm256_srli_epi16(v, 8), LIBSEARCH_WIDE(wide_nibble));
  const __m256i table =
      _mm256_or_si256(_mm256_shuffle_epi8(LIBSEARCH_WIDE(wide_lead_delta), nibble),
                      _mm256_shuffle_epi8(LIBSEARCH_WIDE(wide_cont_delta),
                                          _mm256_slli_epi16(nibble, 8)));
  const __m256i group = _mm256_cmpeq_epi16(_mm256_and_si256(v, LIBSEARCH_WIDE(wide_group_mask)),
                                           LIBSEARCH_WIDE(wide_group));
  // The one other folding (ى → ي), a compare.
  const __m256i other = _mm256_and_si256(_mm256_cmpeq_epi16(v, LIBSEARCH_WIDE(wide_from)),
                                         LIBSEARCH_WIDE(wide_delta));
  const __m256i folded =
      _mm256_xor_si256(v, _mm256_or_si256(_mm256_and_si256(table, group), other));
#undef LIBSEARCH_WIDE
  // Two mask bits per lane; all 32 set: 16 letters.
  const std::uint64_t mask =
      static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_or_si256(r1, r2)));
  const unsigned k = static_cast<unsigned>(__builtin_ctzll(~mask)) / 2;
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(out), folded);
  if (kKeyed) {
    const __m256i letters = _mm256_and_si256(
        _mm256_xor_si256(_mm256_srli_epi16(folded, 8), _mm256_slli_epi16(folded, 6)),
        _mm256_load_si256(reinterpret_cast<const __m256i*>(kWidePrefixLanes.lanes[k])));
    // The pack works within each 128-bit half: letters 0-7 land in bytes
    // 0-7, letters 8-15 in bytes 16-23; the permute joins them.
    const __m256i packed = _mm256_permute4x64_epi64(
        _mm256_packus_epi16(letters, _mm256_setzero_si256()), 0xD8);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(key), _mm256_castsi256_si128(packed));
  }
  return k;
}

// How many of the 32 bytes at p are ASCII separators (or deleted ASCII
// characters), counted from p: NextInline's loop over them, without a
// branch per byte. 32 when all are.
[[gnu::target("avx2")]] inline unsigned WideSeparators(const CharTables::BlockPlan& plan,
                                                       const unsigned char* p) noexcept {
  const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
  const __m256i nibbles = _mm256_load_si256(reinterpret_cast<const __m256i*>(plan.low_nibbles));
  const __m256i high = _mm256_and_si256(_mm256_srli_epi16(v, 4), nibbles);
  const __m256i low = _mm256_and_si256(v, nibbles);
  const __m256i sep = _mm256_and_si256(
      _mm256_shuffle_epi8(_mm256_load_si256(reinterpret_cast<const __m256i*>(plan.sep_high)), high),
      _mm256_shuffle_epi8(_mm256_load_si256(reinterpret_cast<const __m256i*>(plan.sep_low)), low));
  const std::uint64_t others = static_cast<std::uint32_t>(
      _mm256_movemask_epi8(_mm256_cmpeq_epi8(sep, _mm256_setzero_si256())));
  return static_cast<unsigned>(__builtin_ctzll(others | std::uint64_t{1} << 32));
}
#endif

template <bool kKeyed = false, bool kWide = false>
inline const unsigned char* ScanPlainArabic(const CharTables& tables,
                                            const unsigned char* p, std::size_t room,
                                            char* buf, std::size_t* len,
                                            bool* marked, char* key = nullptr,
                                            bool* keyed = nullptr) noexcept {
  std::size_t n = *len;
  const unsigned char* const p0 = p;
  const std::size_t n0 = n;
  if (kKeyed) *keyed = false;
  (void)key;
#if LIBSEARCH_TOKENIZER_SSE2
  // Eight characters at a time while 16 bytes are in room (BlockPlan):
  // the block's letters are found with compares, not a branch each, so
  // the end of the word, which is data, costs no mispredicted branch.
  // The scalar loop below goes on where a block stopped.
  const CharTables::BlockPlan& plan = tables.block_plan();
  if (plan.enabled && !*marked) {
    // false once a block stopped before a character the scalar loop may
    // take: no later block could start there.
    bool blocks = true;
#if LIBSEARCH_TOKENIZER_AVX2
    if constexpr (kWide) {
      while (plan.wide && room >= 32) {
        const unsigned k = WideBlock<kKeyed>(plan, p, buf + n, key);
        if (kKeyed) key += 16;
        n += 2 * k;
        p += 2 * k;
        room -= 2 * k;
        if (k < 16) {
          if (*p < 0x80) {  // as below
            if (kKeyed) *keyed = p != p0;
            *marked = false;
            *len = n;
            return p;
          }
          blocks = false;
          break;
        }
      }
    }
#endif
    while (blocks && room >= 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      const __m128i out = BlockFold(plan, v);
      // Lanes before the first one that is not a letter of the ranges.
      const unsigned k = static_cast<unsigned>(__builtin_ctz(~BlockLetters(v) | 0x100u));
      // n + 16 <= max: room was at most max - n, and shrinks as n grows.
      _mm_storeu_si128(reinterpret_cast<__m128i*>(buf + n), out);
      if (kKeyed) {
        // Lanes from k on are cleared.
        _mm_storeu_si128(reinterpret_cast<__m128i*>(key),
                         _mm_packus_epi16(BlockKey(out, k), _mm_setzero_si128()));
        key += 8;
      }
      n += 2 * k;
      p += 2 * k;
      room -= 2 * k;
      if (k < 8) {
        // Most words end at a space or punctuation: ASCII, where the
        // scalar loop below could not go on (it takes only two-byte
        // characters), so its tests are skipped. p < end: a block had 16
        // bytes of room and stopped inside them.
        if (*p < 0x80) {
          if (kKeyed) *keyed = p != p0;
          *marked = false;  // blocks delete nothing
          *len = n;
          return p;
        }
        break;
      }
    }
    if (kKeyed) {
      // After a full last block (the room ran out) the key needs its zeros.
      _mm_storeu_si128(reinterpret_cast<__m128i*>(key), _mm_setzero_si128());
      *keyed = p != p0;
    }
  }
  const unsigned char* const blocks_end = p;
#endif
  // Pairs start before `last`.
  const unsigned char* const last = room > 0 ? p + room - 1 : p;
  while (p < last) {
    const std::uint32_t pair = CharTables::LoadPair(p);
    if (!CharTables::IsArabicBlockPair(pair)) break;
    const std::uint32_t e = tables.ArabicPair(pair);
    if (!(e & CharTables::kPlain)) break;
    // A deleted character writes two bytes that the next one overwrites.
    std::memcpy(buf + n, &e, 2);
    n += (e >> 16) & 0xFF;
    p += 2;
  }
#if LIBSEARCH_TOKENIZER_SSE2
  // The key holds the word only if the scalar loop added nothing.
  if (kKeyed) *keyed = *keyed && p == blocks_end;
#endif
  // Input and output advance alike but for deleted characters.
  *marked = static_cast<std::size_t>(p - p0) != n - n0;
  *len = n;
  return p;
}

// The class of the one- or two-byte character at p (p < end), or kMixed
// for longer or invalid sequences: callers treat kMixed as "not known
// here" and leave the character to the general path.
inline CharClass ShortClass(const CharTables& tables, const unsigned char* p,
                            const unsigned char* end) noexcept {
  if (*p < 0x80) return tables.AsciiClass(*p);
  if (*p >= 0xC2 && *p < 0xE0 && end - p >= 2 && (p[1] & 0xC0) == 0x80) {
    return tables.EntryFor2Byte(p[0], p[1]).cls;
  }
  return CharClass::kMixed;
}

}  // namespace analysis

template <bool kKeyed, bool kWide>
inline bool TokenStream::NextInline(Token* token, bool* keyed) noexcept {
  using analysis::CharClass;
  using analysis::CharTables;
  using analysis::ScanPlainArabic;
  using analysis::ShortClass;
  const CharTables& tables = *static_cast<const CharTables*>(tables_);
  const auto* const begin = reinterpret_cast<const unsigned char*>(text_.data());
  const auto* const end = begin + text_.size();
  const std::size_t max = std::min(options_->max_token_bytes, kMaxTokenBytes);
  if (pending_end_ == 0) {
    // The common case first, without the Scanner: separators, then a word
    // of plain Arabic-block letters that a one- or two-byte character
    // other than kArabic and kDeleted, or the end of the text, ends.
    // Anything else goes on through NextArabic() or NextGeneral() from
    // where this stopped, which gives the same tokens.
    const unsigned char* p = begin + pos_;
    for (;;) {
      while (p < end && *p < 0x80) {
        const CharClass c = tables.AsciiClass(*p);
        if (c != CharClass::kSeparator && c != CharClass::kDeleted) break;
        ++p;
      }
      if (end - p >= 2 && max >= 2) {
        const std::uint32_t pair = CharTables::LoadPair(p);
        const std::uint32_t first = tables.ArabicPair(pair);
        // Only plain letters have length 2: a word starts here.
        if (CharTables::IsArabicBlockPair(pair) && ((first >> 16) & 0xFF) == 2) {
          pos_ = static_cast<std::size_t>(p - begin);
          // The first letter too goes through the loop, so that a word of
          // up to eight letters is one 16-byte store (which the analyzer's
          // memo key then loads whole, forwarded from the store).
          std::size_t len = 0;
          const unsigned char* stop = ScanPlainArabic<kKeyed, kWide>(
              tables, p, std::min<std::size_t>(static_cast<std::size_t>(end - p), max), buf_,
              &len, &marked_, key_, keyed);
          // ScanArabic() would add a kArabic character (one that stopped
          // the loop is not plain, or the token is full) and skip a
          // kDeleted one; any other class ends the word.
          const CharClass next =
              stop == end ? CharClass::kSeparator : ShortClass(tables, stop, end);
          if (next != CharClass::kArabic && next != CharClass::kDeleted &&
              next != CharClass::kMixed) {
            token->text = std::string_view(buf_, len);
            token->begin = pos_;
            token->end = static_cast<std::size_t>(stop - begin);
            token->position = position_++;
            token->kind = TokenKind::kArabic;
            pos_ = token->end;
            return true;
          }
          if (kKeyed) *keyed = false;
          return NextArabic(token, len, stop);
        }
      }
      // A two-byte separator (Arabic comma, «, ») before the word: common
      // in news; the general path would skip it the same way (Map()).
      if (p < end && *p >= 0x80) {
        const CharClass c = ShortClass(tables, p, end);
        if (c == CharClass::kSeparator || c == CharClass::kDeleted) {
          p += 2;
          continue;
        }
      }
      break;
    }
    pos_ = static_cast<std::size_t>(p - begin);
  }
  if (kKeyed) *keyed = false;
  return NextGeneral(token);
}

}  // namespace libsearch

#endif  // LIBSEARCH_ANALYSIS_TOKEN_STREAM_INL_H_
