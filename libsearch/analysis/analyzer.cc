// The analysis chain: tokenizer (which normalizes) → stemmer → stopwords,
// with a per-thread memo of recent light stems (analyzer.h).
#include "libsearch/analyzer.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#if defined(__SSE2__) && (defined(__x86_64__) || defined(_M_X64))
#include <emmintrin.h>
#endif

#if defined(__unix__) || defined(__APPLE__)
#include <sys/mman.h>
#endif

#include "analysis/light_stemmer_internal.h"
#include "analysis/token_stream_inl.h"

namespace libsearch {

Analyzer::Analyzer(const AnalyzerOptions& options)
    : options_(options),
      normalizer_(options.normalizer),
      tokenizer_(options.normalizer, options.tokenizer),
      stemmer_(MakeStemmer(options.stemming)) {}

Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

bool Analyzer::IsStopword(std::string_view normalized_word) const noexcept {
  return options_.stopwords && Stopwords::Arabic().Contains(normalized_word);
}

std::string Analyzer::StemWord(std::string_view word) const {
  AnalyzedStream stream = Analyze(word);
  AnalyzedToken token;
  if (!stream.Next(&token)) return std::string();
  return std::string(token.stem);
}

std::string Analyzer::Fingerprint() const {
  std::string fp = "libsearch-ar/1 ";
  fp += normalizer_.Description();
  fp += ' ';
  fp += tokenizer_.Description();
  fp += " stem=";
  fp += stemmer_->Name();
  fp += " stop=";
  fp += options_.stopwords ? Stopwords::Arabic().Name() : "none";
  return fp;
}

namespace {

// The memo (analyzer.h): two-way set associative, 16-byte entries, a
// normalized Arabic word of up to kMemoMaxLetters letters → its light stem
// (as a letter range of the word) and stopword flag. News text is Zipfian:
// a few thousand words are most tokens, and a hit costs a key, a hash and
// a compare instead of the stemmer's affix tests and list probes.
//
// The key is the word packed one byte per character (the low byte of its
// code point, all in U+0600–U+06FF: two-byte UTF-8 with lead D8–DB), which
// is also the form the stemmer works on, so a miss does not decode again.
// Entry bytes 0–13: the packed word, zero padded; byte 14: the character
// count (bits 0–3, part of the key) and the stopword flag (bit 7); byte 15:
// the stem's first letter (bits 0–3) and its length (bits 4–7).
constexpr int kMemoMaxLetters = 14;  // 28 bytes: 99.98% of news tokens
// 262,144 × 16 bytes = 4 MiB of address space, touched as it fills.
// Share of the Arabic words of a stream of 30,000 news articles that miss,
// two-way (simulated, bench/memo_sim.py): 4.2%, against 6.1% with 2 MiB and
// 9.8% with 1 MiB. Most look-ups are of words the batch has already
// fetched, so a memo far larger than the L2 costs little; timed on that
// stream, 4 MiB ran 1.16× as fast as 1 MiB and 2 MiB 1.01× (bench/
// RESULTS.md). A set is the two entries of 32 aligned bytes, so both are in
// one cache line; the one hit last is first. A new word takes the second
// place (and moves up when it is hit again): a word seen once (most
// distinct words are rare) then cannot push out a word that was hit. On a
// stream of 30,000 articles that missed 4.9% fewer words than putting it
// first, with 1 MiB (bench/RESULTS.md).
constexpr int kMemoBits = 18;
constexpr int kMemoSetBits = kMemoBits - 1;
constexpr std::size_t kMemoSlots = std::size_t{1} << kMemoBits;
constexpr std::uint64_t kKeyHiMask = 0x000FFFFFFFFFFFFFULL;  // letters 8–13, count
constexpr int kStopBit = 55;

struct MemoEntry {
  std::uint64_t lo;  // packed letters 0–7
  std::uint64_t hi;  // letters 8–13, count, stopword flag, stem range
};
static_assert(sizeof(MemoEntry) == 16, "four entries per cache line");

struct Memo {
  MemoEntry* slots;  // kMemoSlots, 64-byte aligned, inside `block`
  void* block;
};

// The calling thread's memo. A plain pointer, so that reaching it needs no
// guard; MemoOwner frees the memo when the thread ends. Initial-exec: one
// load from the thread's block, where the default model for a shared
// library calls __tls_get_addr on every token.
[[gnu::tls_model("initial-exec")]] thread_local Memo* tls_memo = nullptr;
// Set once the thread's memo is gone (thread-exit destructors may still
// analyze text): such calls go without a memo.
thread_local bool tls_memo_gone = false;

constexpr std::size_t kMemoBytes = kMemoSlots * sizeof(MemoEntry);

// The memo's memory: zeroed pages (every entry empty: lo 0) that become
// memory only as they are first written, so that a thread that analyzes
// little (a query) holds little. Straight from the system where it can:
// calloc may take a block this size from the heap, after a large free
// raised malloc's threshold for mmap, and then clears all of it.
void* AllocateMemo() noexcept {
#if defined(__unix__) || defined(__APPLE__)
  void* block = mmap(nullptr, kMemoBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                     -1, 0);
  return block == MAP_FAILED ? nullptr : block;  // page aligned
#else
  return std::calloc(1, kMemoBytes + 64);
#endif
}

void FreeMemo(void* block) noexcept {
#if defined(__unix__) || defined(__APPLE__)
  if (block != nullptr) munmap(block, kMemoBytes);
#else
  std::free(block);
#endif
}

struct MemoOwner {
  Memo memo = {nullptr, nullptr};
  ~MemoOwner() {
    FreeMemo(memo.block);
    tls_memo = nullptr;
    tls_memo_gone = true;
  }
};

Memo* ThreadMemo() {
  if (tls_memo != nullptr) return tls_memo;
  if (tls_memo_gone) return nullptr;
  thread_local MemoOwner owner;
  if (owner.memo.block == nullptr) {
    // Without memory the thread goes without a memo: Next() must not
    // fail.
    void* block = AllocateMemo();
    if (block == nullptr) return nullptr;
    const auto at = (reinterpret_cast<std::uintptr_t>(block) + 63) & ~std::uintptr_t{63};
    owner.memo = Memo{reinterpret_cast<MemoEntry*>(at), block};
  }
  tls_memo = &owner.memo;
  return tls_memo;
}

inline std::uint64_t Load8(const char* p) noexcept {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

// The key of the word of `count` characters (1..kMemoMaxLetters) at p, or
// false when a character is not two-byte UTF-8 of U+0600–U+06FF. Reads 32
// bytes from p whatever the count (the token buffer has them), so that no
// branch depends on the word's length.
#if defined(__SSE2__) && (defined(__x86_64__) || defined(_M_X64))
inline bool MemoKey(const char* p, unsigned count, std::uint64_t* lo,
                    std::uint64_t* hi) noexcept {
  const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16));
  // Per 16-bit lane (lead byte low): lead D8–DB and a continuation byte.
  const __m128i lead_mask = _mm_set1_epi16(static_cast<short>(0xC0FC));
  const __m128i lead = _mm_set1_epi16(static_cast<short>(0x80D8));
  const unsigned ok = static_cast<unsigned>(_mm_movemask_epi8(
      _mm_packs_epi16(_mm_cmpeq_epi16(_mm_and_si128(a, lead_mask), lead),
                      _mm_cmpeq_epi16(_mm_and_si128(b, lead_mask), lead))));
  const unsigned need = (1u << count) - 1;
  // The code point's low byte: (lead & 3) << 6 | (continuation & 3F).
  const __m128i low2 = _mm_set1_epi16(0x0003);
  const __m128i low6 = _mm_set1_epi16(0x003F);
  const __m128i xa = _mm_or_si128(_mm_slli_epi16(_mm_and_si128(a, low2), 6),
                                  _mm_and_si128(_mm_srli_epi16(a, 8), low6));
  const __m128i xb = _mm_or_si128(_mm_slli_epi16(_mm_and_si128(b, low2), 6),
                                  _mm_and_si128(_mm_srli_epi16(b, 8), low6));
  // Bytes past the word are cleared: index < count.
  const __m128i index = _mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
  const __m128i keep = _mm_cmplt_epi8(index, _mm_set1_epi8(static_cast<char>(count)));
  const __m128i c = _mm_and_si128(_mm_packus_epi16(xa, xb), keep);
  *lo = static_cast<std::uint64_t>(_mm_cvtsi128_si64(c));
  *hi = static_cast<std::uint64_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(c, c))) |
        std::uint64_t{count} << 48;
  return (ok & need) == need;
}
#else
// Four characters (eight bytes) at once, as in the stemmer's decoder.
inline std::uint64_t PackFour(std::uint64_t v, bool* ok) noexcept {
  constexpr std::uint64_t kLanes = 0x0001000100010001ULL;
  *ok &= (v & (0xC0FC * kLanes)) == 0x80D8 * kLanes;
  const std::uint64_t x = ((v & (0x0003 * kLanes)) << 6) | ((v >> 8) & (0x003F * kLanes));
  std::uint64_t q = (x | (x >> 8)) & 0x0000FFFF0000FFFFULL;
  q |= q >> 16;
  return q & 0xFFFFFFFFULL;
}
inline bool MemoKey(const char* p, unsigned count, std::uint64_t* lo,
                    std::uint64_t* hi) noexcept {
  // Characters past the word pass the test and are cleared afterwards.
  constexpr std::uint64_t kPass = 0x80D880D880D880D8ULL;
  std::uint64_t v[4];
  for (unsigned i = 0; i < 4; ++i) {
    const std::uint64_t chars = Load8(p + 8 * i);
    const unsigned first = 4 * i;
    const unsigned in = count <= first ? 0 : count - first >= 4 ? 4 : count - first;
    const std::uint64_t mask = in == 4 ? ~std::uint64_t{0} : (std::uint64_t{1} << (16 * in)) - 1;
    v[i] = (chars & mask) | (kPass & ~mask);
  }
  bool ok = true;
  const std::uint64_t l = PackFour(v[0], &ok) | PackFour(v[1], &ok) << 32;
  const std::uint64_t h = PackFour(v[2], &ok) | PackFour(v[3], &ok) << 32;
  const auto low_bytes = [](unsigned n) {
    return n >= 8 ? ~std::uint64_t{0} : (std::uint64_t{1} << (8 * n)) - 1;
  };
  *lo = l & low_bytes(count);
  *hi = (h & low_bytes(count > 8 ? count - 8 : 0)) | std::uint64_t{count} << 48;
  return ok;
}
#endif

// The first of the two entries of the word's set. One multiply: the hash
// is on the path from the key to the memo load, which the hit test's
// mispredictions (misses, second-way hits) wait for.
inline std::size_t MemoSet(std::uint64_t lo, std::uint64_t hi) noexcept {
  const std::uint64_t h = (lo ^ hi) * 0x9E3779B97F4A7C15ULL;
  return static_cast<std::size_t>(h >> (64 - kMemoSetBits)) * 2;
}

// A word the memo does not have: stem it, look it up, and remember it in
// e[1], the second entry of its set `e`. Out of line, so that the hit path
// stays short.
// Returns true, so that callers can return its call (a jump).
[[gnu::noinline]] bool StemAndRemember(std::uint64_t lo, std::uint64_t hi, bool stopwords,
                                       MemoEntry* e, AnalyzedToken* out) noexcept {
  const std::string_view text = out->token.text;
  const unsigned count = static_cast<unsigned>(hi >> 48) & 0xF;
  // The packed word and the 16 zero bytes the stemmer wants after it.
  std::uint8_t letters[32] = {};
  std::memcpy(letters, &lo, 8);
  std::memcpy(letters + 8, &hi, 6);
  // One look-up in the stemmer's word lists answers the stopword test too.
  const unsigned r = analysis::LightStemLettersAndStopword(letters, static_cast<int>(count));
  const unsigned b = r & 0xFF, end = (r >> 8) & 0xFF;
  const bool stop = ((r >> 16) & 1) != 0;
  e[1].lo = lo;
  e[1].hi = hi | std::uint64_t{stop} << kStopBit | std::uint64_t{b | (end - b) << 4} << 56;
  out->stem = text.substr(2 * b, 2 * (end - b));
  out->stopword = stop && stopwords;
  return true;
}

// Sets out's stem and stopword flag from the memo set `set` (the word's,
// MemoSet(lo, hi)), stemming the word and remembering it when the set does
// not have it.
inline bool StemWithMemo(MemoEntry* set, std::uint64_t lo, std::uint64_t hi, bool stopwords,
                         AnalyzedToken* out) noexcept {
  std::uint64_t found;
  if (set[0].lo == lo && (set[0].hi & kKeyHiMask) == hi) {
    found = set[0].hi;
  } else if (set[1].lo == lo && (set[1].hi & kKeyHiMask) == hi) {
    found = set[1].hi;
    set[1] = set[0];
    set[0] = MemoEntry{lo, found};
  } else {
    return StemAndRemember(lo, hi, stopwords, set, out);
  }
  const unsigned range = static_cast<unsigned>(found >> 56);
  out->stem = std::string_view(out->token.text.data() + 2 * (range & 0xF), 2 * (range >> 4));
  out->stopword = stopwords && ((found >> kStopBit) & 1) != 0;
  return true;
}

}  // namespace

AnalyzedStream::AnalyzedStream(const Analyzer* analyzer,
                               std::string_view text) noexcept
    : analyzer_(analyzer),
      tokens_(analyzer->tokenizer().Tokenize(text)),
      // Only the light stemmer is memoized: kNone has no stem to save, and
      // Snowball's stems are not substrings of the word. Its stems depend
      // on the word alone, and every entry keeps the stopword flag, so the
      // key is the word and the options apply when an entry is read.
      memo_config_(analyzer->options().stemming == StemStrength::kLight
                       ? (analyzer->options().stopwords ? 2 : 1)
                       : 0) {}

// The stem and stopword flag of out->token without the memo; true.
[[gnu::noinline]] bool AnalyzedStream::StemWithoutMemo(AnalyzedToken* out) {
  const Token& t = out->token;
  if (memo_config_ != 0) {
    // kLight: the stemmer is a LightStemmer; call it without the virtual
    // call.
    const auto& light = static_cast<const LightStemmer&>(analyzer_->stemmer());
    out->stem = light.StemView(t.text);
    out->stopword = memo_config_ == 2 && Stopwords::Arabic().Contains(t.text);
    return true;
  }
  // Only the Snowball stemmer writes into scratch_; the others return a
  // view into the token's own text.
  out->stem = analyzer_->stemmer().Stem(t.text, &scratch_);
  out->stopword = analyzer_->IsStopword(t.text);
  return true;
}

template <bool kWide>
inline bool AnalyzedStream::NextOn(AnalyzedToken* out) {
  bool keyed;
  if (!tokens_.NextInline<true, kWide>(&out->token, &keyed)) return false;
  const Token& t = out->token;
  if (t.kind != TokenKind::kArabic) {
    out->stem = t.text;
    out->stopword = false;
    return true;
  }
  if (memo_config_ != 0) {
    const std::size_t n = t.text.size();
    Memo* memo = nullptr;
    std::uint64_t lo, hi;
    if (keyed && n <= 2 * kMemoMaxLetters) {
      // Most words: the tokenizer packed the key as it read the letters
      // (token_stream_inl.h), the same key MemoKey would build.
      memo = ThreadMemo();
      lo = Load8(tokens_.key_);
      hi = Load8(tokens_.key_ + 8) | std::uint64_t{n / 2} << 48;
    } else if (n <= 2 * kMemoMaxLetters && n % 2 == 0 && t.text.data() == tokens_.buf_) {
      // MemoKey reads 32 bytes from the text: it must start the stream's
      // buffer (it always does: checked rather than assumed).
      memo = ThreadMemo();
      if (memo != nullptr && !MemoKey(t.text.data(), static_cast<unsigned>(n / 2), &lo, &hi)) {
        memo = nullptr;
      }
    }
    if (memo != nullptr) {
      return StemWithMemo(&memo->slots[MemoSet(lo, hi)], lo, hi, memo_config_ == 2, out);
    }
  }
  return StemWithoutMemo(out);
}

// The next word of the batch. Every call in it is its last step (a
// jump), so that it needs no registers saved: it is most of Next().
inline bool AnalyzedStream::NextFromBatch(AnalyzedToken* out) {
  const Slot& s = batch_[batch_next_];
  const unsigned k = s.letters;
  out->token.text = std::string_view(s.bytes, 2 * k);
  out->token.begin = s.begin;
  out->token.end = s.begin + s.length;
  out->token.position = batch_position_ + batch_next_;
  out->token.kind = TokenKind::kArabic;
  ++batch_next_;
  // The thread's memo exists when it has one: FillBatch asked for it (a
  // stream moved to another thread since may find none).
  Memo* const memo = tls_memo;
  if (!s.memo || memo == nullptr) return StemWithoutMemo(out);
  const std::uint64_t lo = Load8(s.bytes + kKeyAt);
  const std::uint64_t hi = Load8(s.bytes + kKeyAt + 8) | std::uint64_t{k} << 48;
  return StemWithMemo(&memo->slots[s.set], lo, hi, memo_config_ == 2, out);
}

// Fills the batch (Slot, analyzer.h), when it can take at least one word:
// the common case of NextInline, several words at a time, with the AVX2
// blocks (kWide) or SSE2 ones. It stops before the first word it cannot
// take whole; NextInline goes on from there, and gives the same tokens
// (analyzer_test compares them). Returns whether it took a word.
template <bool kWide>
inline bool AnalyzedStream::FillBatch() {
#if LIBSEARCH_TOKENIZER_SSE2
  TokenStream& ts = tokens_;
  if (ts.pending_end_ != 0 || ts.pos_ >= ts.batch_stop_) return false;
  using analysis::CharClass;
  const auto& tables = *static_cast<const analysis::CharTables*>(ts.tables_);
  const analysis::CharTables::BlockPlan& plan = tables.block_plan();
#if LIBSEARCH_TOKENIZER_AVX2
  if (kWide && !plan.wide) return false;
#endif
  const auto* const begin = reinterpret_cast<const unsigned char*>(ts.text_.data());
  const auto* const end = begin + ts.text_.size();
  Memo* const memo = memo_config_ != 0 ? ThreadMemo() : nullptr;
  const unsigned char* p = begin + ts.pos_;
  unsigned n = 0;
  // Whether the last word had marks (TokenStream::marked_).
  bool marked = ts.marked_;
  while (n < kBatch) {
    // The separators before the word: ASCII ones 32 at a time (AVX2: a
    // count; SSE2: a loop), and one- or two-byte ones (the Arabic comma,
    // « ») one by one, as NextInline skips them. One space, the common
    // case, is a branch the processor predicts, so that the word's loads
    // need not wait for a count. w < batch_stop_: the 32 bytes of
    // separators, the 32 of the word the block reads and the one after it
    // are in the text.
    const unsigned char* w = p;
    Slot& s = batch_[n];
    unsigned k;
    for (;;) {
      if (static_cast<std::size_t>(w - begin) >= ts.batch_stop_) goto taken;
      if (*w == ' ') {
        ++w;
      } else {
#if LIBSEARCH_TOKENIZER_AVX2
        if (kWide) {
          w += analysis::WideSeparators(plan, w);
        } else
#endif
        {
          for (const unsigned char* const limit = w + 32; w < limit && *w < 0x80; ++w) {
            const CharClass c = tables.AsciiClass(*w);
            if (c != CharClass::kSeparator && c != CharClass::kDeleted) break;
          }
        }
      }
      if (marked) {
        // After a word with marks (diacritised text) the next one most
        // likely has them too, which would end the block at once: its
        // letters go through the scalar loop below, as in
        // ScanPlainArabic. A word starts at a plain letter.
        const std::uint32_t pair = analysis::CharTables::LoadPair(w);
        if (analysis::CharTables::IsArabicBlockPair(pair) &&
            ((tables.ArabicPair(pair) >> 16) & 0xFF) == 2) {
          k = 0;
          break;
        }
      } else if ((*w & 0xFE) == 0xD8) {  // the lead of a block letter?
#if LIBSEARCH_TOKENIZER_AVX2
        if (kWide) {
          k = analysis::WideBlock<true>(plan, w, s.bytes, s.bytes + kKeyAt);
        } else
#endif
        {
          k = analysis::NarrowBlock16(plan, w, s.bytes, s.bytes + kKeyAt);
        }
        if (k != 0) break;
      }
      const CharClass c = analysis::ShortClass(tables, w, end);
      if (c != CharClass::kSeparator && c != CharClass::kDeleted) goto taken;
      w += *w < 0x80 ? 1 : 2;
    }
    {
      const unsigned char* stop = w + 2 * k;
      // What ends the word: a character that is neither a letter nor
      // deleted, one or two bytes: a space, punctuation, the Arabic comma,
      // « ». Most words end after the block. Without a block (k == 0, after
      // a word with marks) the scalar loop takes the word from its first
      // letter.
      CharClass next = CharClass::kArabic;
      if (k != 0) {
        next = analysis::ShortClass(tables, stop, end);
      }
      unsigned bytes = 2 * k;  // of the word in s.bytes
      bool keyed = true;       // s.bytes + kKeyAt holds its key
      if (next == CharClass::kArabic || next == CharClass::kDeleted) {
        // The word goes on: marks (diacritised text), or letters the block
        // does not take. ScanPlainArabic's scalar loop, into the slot while
        // it has room for the output: a deleted character writes two
        // bytes that the next one overwrites. Past 16 letters, or past a
        // character the loop does not take, the batch stops.
        keyed = false;
        // Pairs start before `last`; Slot::length holds the word's bytes.
        const unsigned char* const last =
            end - w > 0xFFF0 ? w + 0xFFF0 : end - 1;
        while (stop < last) {
          const std::uint32_t pair = analysis::CharTables::LoadPair(stop);
          if (!analysis::CharTables::IsArabicBlockPair(pair)) break;
          const std::uint32_t e = tables.ArabicPair(pair);
          if (!(e & analysis::CharTables::kPlain)) break;
          // bytes <= kKeyAt: the two bytes fit in Slot::bytes.
          std::memcpy(s.bytes + bytes, &e, 2);
          bytes += (e >> 16) & 0xFF;
          stop += 2;
          if (bytes > kKeyAt) goto taken;  // over 16 letters
        }
        next = stop == end ? CharClass::kSeparator : analysis::ShortClass(tables, stop, end);
      }
      if (next == CharClass::kArabic || next == CharClass::kDeleted ||
          next == CharClass::kMixed) {
        break;
      }
      s.begin = static_cast<std::size_t>(w - begin);
      s.length = static_cast<std::uint16_t>(stop - w);
      marked = s.length != bytes;
      s.letters = static_cast<std::uint8_t>(bytes / 2);
      std::uint64_t lo, hi;
      if (keyed) {
        lo = Load8(s.bytes + kKeyAt);
        hi = Load8(s.bytes + kKeyAt + 8) | std::uint64_t{k} << 48;
      } else if (bytes / 2 > static_cast<unsigned>(kMemoMaxLetters) ||
                 !MemoKey(s.bytes, bytes / 2, &lo, &hi)) {
        // MemoKey reads the slot's 32 bytes. Plain outputs are all in
        // U+0600–U+06FF, which it packs: checked rather than assumed.
        keyed = false;
        lo = hi = 0;
      } else {
        std::memcpy(s.bytes + kKeyAt, &lo, 8);
        const std::uint64_t letters_hi = hi & 0x0000FFFFFFFFFFFFULL;
        std::memcpy(s.bytes + kKeyAt + 8, &letters_hi, 8);
        keyed = true;
      }
      s.memo = memo != nullptr && keyed && s.letters <= kMemoMaxLetters;
      s.set = static_cast<std::uint32_t>(MemoSet(lo, hi));
      if (s.memo) __builtin_prefetch(&memo->slots[s.set]);
      p = stop;
      ++n;
    }
  }
taken:
  if (n == 0) return false;
  batch_position_ = ts.position_;
  ts.position_ += n;
  ts.marked_ = marked;
  ts.pos_ = static_cast<std::size_t>(p - begin);
  batch_next_ = 0;
  batch_size_ = static_cast<std::uint8_t>(n);
  return true;
#else
  return false;
#endif
}

// Each is a whole Next(): the batch, or the tokenizer's common case
// inlined. Next() itself only picks one, with a jump (inlining either here
// would make the other pay its register saves).
[[gnu::noinline]] bool AnalyzedStream::NextNarrow(AnalyzedToken* out) {
  if (try_batch_ && FillBatch<false>()) return NextFromBatch(out);
  const bool more = NextOn<false>(out);
  try_batch_ = out->token.kind == TokenKind::kArabic;
  return more;
}

#if LIBSEARCH_TOKENIZER_AVX2
// Compiled for AVX2 and flattened: WideBlock (AVX2) can be inlined only
// into a function compiled for AVX2, so the calls in between are inlined
// into this one first.
[[gnu::noinline, gnu::target("avx2"), gnu::flatten]] bool AnalyzedStream::NextWide(
    AnalyzedToken* out) {
  if (try_batch_ && FillBatch<true>()) return NextFromBatch(out);
  const bool more = NextOn<true>(out);
  try_batch_ = out->token.kind == TokenKind::kArabic;
  return more;
}
#else
bool AnalyzedStream::NextWide(AnalyzedToken* out) { return NextNarrow(out); }
#endif

bool AnalyzedStream::Next(AnalyzedToken* out) {
  if (batch_next_ < batch_size_) return NextFromBatch(out);
#if LIBSEARCH_TOKENIZER_AVX2
  if (analysis::g_wide_blocks) return NextWide(out);
#endif
  return NextNarrow(out);
}

}  // namespace libsearch
