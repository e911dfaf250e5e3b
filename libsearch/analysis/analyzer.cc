// The analysis chain: tokenizer (which normalizes) → stemmer → stopwords,
// with a per-thread memo of recent light stems (analyzer.h).
#include "libsearch/analyzer.h"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

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

// The memo (analyzer.h): direct-mapped, one 32-byte entry per slot, a
// normalized Arabic word of up to kMemoMaxBytes bytes → its light stem (as
// a byte range of the word) and stopword flag. News text is Zipfian: a few
// thousand words are most tokens, and a hit costs a hash and a compare
// instead of the stemmer's decoding, affix tests and list probes.
constexpr std::size_t kMemoMaxBytes = 24;  // 12 letters: 99.98% of news tokens
constexpr int kMemoBits = 14;  // 512 KiB: L2-sized; 8,192 entries hit 66% of news tokens, 16,384 72%
constexpr std::size_t kMemoSlots = std::size_t{1} << kMemoBits;

struct MemoEntry {
  std::uint64_t key[3];    // the word's bytes, zero padded
  std::uint32_t tag;       // its length | configuration << 8; 0: empty
  std::uint8_t stem_begin; // byte offset of the stem in the word
  std::uint8_t stem_size;
  bool stopword;
};
static_assert(sizeof(MemoEntry) == 32, "two entries per cache line");

struct Memo {
  MemoEntry slots[kMemoSlots];
};

// The calling thread's memo. A plain pointer, so that reaching it needs no
// guard; MemoOwner frees the memo when the thread ends.
thread_local Memo* tls_memo = nullptr;
// Set once the thread's memo is gone (thread-exit destructors may still
// analyze text): such calls go without a memo.
thread_local bool tls_memo_gone = false;

struct MemoOwner {
  Memo* memo = nullptr;
  ~MemoOwner() {
    delete memo;
    tls_memo = nullptr;
    tls_memo_gone = true;
  }
};

Memo* ThreadMemo() {
  if (tls_memo != nullptr) return tls_memo;
  if (tls_memo_gone) return nullptr;
  thread_local MemoOwner owner;
  owner.memo = new Memo();  // value-initialized: every tag 0
  tls_memo = owner.memo;
  return tls_memo;
}

inline std::uint64_t Load8(const char* p) noexcept {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}
inline std::uint64_t Load4(const char* p) noexcept {
  std::uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}
inline std::uint64_t Load2(const char* p) noexcept {
  std::uint16_t v;
  std::memcpy(&v, p, 2);
  return v;
}

// Packs a word of 1 to kMemoMaxBytes bytes into key[3] with loads that
// read only inside the word. Together with the length (in the tag) the key
// determines every byte: from 8 bytes on, the first eight, the last eight
// and, past 16, bytes 8–15, with no branch on the length (word lengths
// are data and mispredict).
inline void MemoKey(std::string_view w, std::uint64_t key[3]) noexcept {
  const char* p = w.data();
  const std::size_t n = w.size();
  if (n >= 8) {
    key[0] = Load8(p);
    key[1] = Load8(p + n - 8);
    key[2] = Load8(p + (n > 16 ? 8 : n - 8));
    return;
  }
  key[1] = key[2] = 0;
  if (n >= 4) {
    key[0] = Load4(p) | (Load4(p + n - 4) << 32);
  } else if (n >= 2) {
    key[0] = Load2(p) | (Load2(p + n - 2) << 16);
  } else {
    key[0] = static_cast<unsigned char>(p[0]);
  }
}

inline std::size_t MemoSlot(const std::uint64_t key[3]) noexcept {
  const std::uint64_t h =
      (key[0] ^ (key[1] * 0xC2B2AE3D27D4EB4FULL) ^ (key[2] * 0x165667B19E3779F9ULL)) *
      0x9E3779B97F4A7C15ULL;
  return static_cast<std::size_t>(h >> (64 - kMemoBits));
}

// A word the memo does not have: stem it, look it up, and remember it in
// `e` (its slot). Out of line, so that the hit path stays short.
[[gnu::noinline]] void StemAndRemember(const LightStemmer& light, bool stopwords,
                                       const std::uint64_t key[3], std::uint32_t tag,
                                       MemoEntry* e, AnalyzedToken* out) noexcept {
  const std::string_view text = out->token.text;
  const std::string_view stem = light.StemView(text);
  const bool stop = stopwords && Stopwords::Arabic().Contains(text);
  e->key[0] = key[0];
  e->key[1] = key[1];
  e->key[2] = key[2];
  e->tag = tag;
  e->stem_begin = static_cast<std::uint8_t>(stem.data() - text.data());
  e->stem_size = static_cast<std::uint8_t>(stem.size());
  e->stopword = stop;
  out->stem = stem;
  out->stopword = stop;
}

}  // namespace

AnalyzedStream::AnalyzedStream(const Analyzer* analyzer,
                               std::string_view text) noexcept
    : analyzer_(analyzer),
      tokens_(analyzer->tokenizer().Tokenize(text)),
      // The memo's key includes what decides a stem and a flag besides the
      // word, so analyzers with other options never see each other's
      // entries. Only the light stemmer is memoized: kNone has no stem to
      // save, and Snowball's stems are not substrings of the word.
      memo_config_(analyzer->options().stemming == StemStrength::kLight
                       ? (analyzer->options().stopwords ? 2 : 1)
                       : 0) {}

bool AnalyzedStream::Next(AnalyzedToken* out) {
  if (!tokens_.Next(&out->token)) return false;
  const Token& t = out->token;
  if (t.kind != TokenKind::kArabic) {
    out->stem = t.text;
    out->stopword = false;
    return true;
  }
  const std::size_t n = t.text.size();
  if (memo_config_ != 0) {
    // kLight: the stemmer is a LightStemmer; call it without the virtual
    // call.
    const auto& light = static_cast<const LightStemmer&>(analyzer_->stemmer());
    Memo* memo = n <= kMemoMaxBytes ? ThreadMemo() : nullptr;
    if (memo == nullptr) {
      out->stem = light.StemView(t.text);
      out->stopword = memo_config_ == 2 && Stopwords::Arabic().Contains(t.text);
      return true;
    }
    std::uint64_t key[3];
    MemoKey(t.text, key);
    const std::uint32_t tag = static_cast<std::uint32_t>(n) | (std::uint32_t{memo_config_} << 8);
    MemoEntry& e = memo->slots[MemoSlot(key)];
    if (e.tag == tag && e.key[0] == key[0] && e.key[1] == key[1] && e.key[2] == key[2]) {
      out->stem = t.text.substr(e.stem_begin, e.stem_size);
      out->stopword = e.stopword;
      return true;
    }
    StemAndRemember(light, memo_config_ == 2, key, tag, &e, out);
    return true;
  }
  // Only the Snowball stemmer writes into scratch_; the others return a
  // view into the token's own text.
  out->stem = analyzer_->stemmer().Stem(t.text, &scratch_);
  out->stopword = analyzer_->IsStopword(t.text);
  return true;
}

}  // namespace libsearch
