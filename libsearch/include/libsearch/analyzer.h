// libsearch/analyzer.h: the whole analysis chain, normalizer → tokenizer →
// stemmer → stopwords, as used at index time and at query time.
//
//   libsearch::Analyzer analyzer;                 // default options
//   libsearch::AnalyzedStream stream = analyzer.Analyze(text);
//   libsearch::AnalyzedToken t;
//   while (stream.Next(&t)) {
//     // t.token: normalized text, byte range in `text`, position, kind
//     // t.stem:  its stem (t.token.text itself for non-Arabic tokens)
//     // t.stopword: true for stopwords
//   }
//
// The index records Analyzer::Fingerprint() and refuses to be searched or
// updated by an analyzer with a different fingerprint, so index and query
// always agree.
//
// Speed: Next() allocates nothing and cannot fail. On x86-64 it takes up
// to 64 words of the text at a time into the stream, and fetches their
// memo entries (below) ahead of returning them (an AnalyzedStream is about
// 4.5 KiB: keep it on the stack, or reuse it). On processors with AVX2 it
// runs code compiled for AVX2, chosen once when the library loads; the
// environment variable LIBSEARCH_NO_AVX2 (any value) keeps the baseline
// (SSE2) code. Both give the same tokens.
#ifndef LIBSEARCH_ANALYZER_H_
#define LIBSEARCH_ANALYZER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "libsearch/export.h"
#include "libsearch/normalizer.h"
#include "libsearch/stemmer.h"
#include "libsearch/stopwords.h"
#include "libsearch/tokenizer.h"

namespace libsearch {

struct AnalyzerOptions {
  // Default: NormalizerOptions() (see normalizer.h).
  NormalizerOptions normalizer;
  // Default: TokenizerOptions() (see tokenizer.h).
  TokenizerOptions tokenizer;
  // Default: kLight.
  StemStrength stemming = StemStrength::kLight;
  // Mark stopwords. Default: true.
  bool stopwords = true;
};

struct AnalyzedToken {
  Token token;
  std::string_view stem;  // valid until the next Next()
  bool stopword = false;
};

class Analyzer;

// The memo. With kLight stemming, Next() remembers the stems and stopword
// flags of recent Arabic words of up to 14 letters in a memo that belongs
// to the calling thread: 262,144 entries of 16 bytes (4 MiB of address
// space, zero pages from the system that become memory as they are first
// written, so a thread that analyzes little holds little), allocated on
// the thread's first Next() and freed when the thread exits, two-way set
// associative (a new word replaces the less recently used of the two in
// its set, and becomes the first only when it is found again; nothing is
// allocated per token; if the allocation fails the
// thread goes without). Its key is the normalized word alone: the light
// stemmer has no options, and the stopword flag is kept for every word and
// applied only when the analyzer marks stopwords, so analyzers of one
// thread share it without mixing. Results are the same with or without
// it; on a stream of news text about 96% of Arabic tokens hit it.
// Each thread touches only its own memo, so streams on different threads
// need no locking, and a stream may move between threads.
class LIBSEARCH_EXPORT AnalyzedStream {
 public:
  bool Next(AnalyzedToken* out);

 private:
  friend class Analyzer;
  AnalyzedStream(const Analyzer* analyzer, std::string_view text) noexcept;
  // Next() for processors without AVX2 (NextNarrow) and with it
  // (NextWide, compiled for AVX2); analyzer.cc.
  template <bool kWide>
  bool NextOn(AnalyzedToken* out);
  bool NextNarrow(AnalyzedToken* out);
  bool NextWide(AnalyzedToken* out);
  // The next token of the batch (below); batch_next_ < batch_size_.
  bool NextFromBatch(AnalyzedToken* out);
  template <bool kWide>
  bool FillBatch();
  bool StemWithoutMemo(AnalyzedToken* out);

  // The batch (FillBatch): up to kBatch words of the common case, one
  // after the other (separators, a word of at most 16 plain Arabic-block
  // letters, marks among them, then a one- or two-byte character that
  // ends it), taken from the text at once. Each word's memo set is
  // fetched as the word is taken, so that it is in the cache by the time
  // Next() returns the word, instead of on the way of that Next().
  static constexpr unsigned kKeyAt = 32;
  struct Slot {
    // Bytes 0–31: the normalized word, 2 bytes a letter; from kKeyAt, its
    // memo key: a byte a letter, then zeros. One array, so that the word
    // may run two bytes into the key before it is found too long.
    char bytes[kKeyAt + 16];
    std::size_t begin;      // its byte offset in the text
    std::uint32_t set;      // its memo set
    std::uint16_t length;   // its bytes in the text
    std::uint8_t letters;   // 1..16
    bool memo;              // key and set hold: look it up in the memo
  };
  static constexpr unsigned kBatch = 64;

  const Analyzer* analyzer_;
  TokenStream tokens_;
  std::string scratch_;
  // 0: no memo (kNone, kSnowball); 1: memo, no stopwords; 2: memo and
  // stopwords.
  std::uint8_t memo_config_;
  // Whether the next Next() tries to fill the batch: not after a token
  // that is not Arabic (most often another follows, which the batch does
  // not take: Latin-heavy text would try in vain before nearly every one).
  bool try_batch_ = true;
  std::uint8_t batch_next_ = 0;  // the next slot to return
  std::uint8_t batch_size_ = 0;  // slots filled
  std::uint32_t batch_position_ = 0;  // the first slot's token position
  Slot batch_[kBatch];  // written before read: not initialized
};

// Thread safety: an Analyzer with kNone or kLight stemming may be shared
// by threads; with kSnowball give each thread its own Analyzer.
class LIBSEARCH_EXPORT Analyzer {
 public:
  explicit Analyzer(const AnalyzerOptions& options = AnalyzerOptions());
  ~Analyzer();
  Analyzer(Analyzer&&) noexcept;
  Analyzer& operator=(Analyzer&&) noexcept;

  AnalyzedStream Analyze(std::string_view text) const noexcept {
    return AnalyzedStream(this, text);
  }

  // Normalizes and stems one word as the index would (the stem of the first
  // token of `word`; empty when `word` has no token).
  std::string StemWord(std::string_view word) const;

  const AnalyzerOptions& options() const noexcept { return options_; }
  const Normalizer& normalizer() const noexcept { return normalizer_; }
  const Tokenizer& tokenizer() const noexcept { return tokenizer_; }
  const Stemmer& stemmer() const noexcept { return *stemmer_; }
  bool IsStopword(std::string_view normalized_word) const noexcept;

  // "libsearch-ar/1 norm/1:... tok/1:... stem=light/1 stop=ar/1"; two
  // analyzers with equal fingerprints produce the same terms.
  std::string Fingerprint() const;

 private:
  AnalyzerOptions options_;
  Normalizer normalizer_;
  Tokenizer tokenizer_;
  std::unique_ptr<Stemmer> stemmer_;
};

}  // namespace libsearch

#endif  // LIBSEARCH_ANALYZER_H_
