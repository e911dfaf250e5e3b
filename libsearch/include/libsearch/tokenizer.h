// libsearch/tokenizer.h: a pull-style token stream over UTF-8 text.
//
//   libsearch::Tokenizer tokenizer;
//   libsearch::TokenStream stream = tokenizer.Tokenize(text);
//   libsearch::Token token;
//   while (stream.Next(&token)) {
//     // token.text     normalized form (valid until the next Next() call)
//     // token.begin/end byte range of the token in `text` itself
//     // token.position 0, 1, 2, ... one per token
//   }
//
// The tokenizer normalizes as it goes (see normalizer.h), so each token's
// text is its normalized form while its byte range points into the original,
// diacritised text: text.substr(begin, end - begin) normalizes to token.text,
// except where a rule below rewrites separators (numbers, acronyms,
// apostrophes) and for the words of a multi-word character. Marks and format
// controls right after a word are inside its range.
//
// Word rules, for news text:
//  - Arabic letters form words; marks, tatweel and format controls inside a
//    word vanish and never split it.
//  - A word splits where Arabic meets Latin letters or digits:
//    عام2024 → عام, 2024.  Latin letters and digits stay together (mp3, G20).
//  - Numbers keep decimal separators (. and ٫ between digits become ".") and
//    drop thousands separators (, and ٬ before exactly three digits, in a
//    number without a decimal point yet): ١٬٥٠٠٫٢٥ → 1500.25;  3,000 → 3000.
//  - Latin words keep inner apostrophes (don't; ’ becomes '); dotted
//    acronyms of single letters join (U.N. → un, and the range covers the
//    final dot); other dotted names stay whole (aljazeera.net, 1.2.3).
//  - URLs (http://, https://, www.) and e-mail addresses are one token each,
//    lower-cased when fold_case is on; trailing sentence punctuation and an
//    unbalanced ')' are not part of a URL.
//  - A character that expands to several words (ﷺ, U+FDFA) gives one token
//    per word, all with that character's byte range, and also ends the word
//    before it and after it (محمدﷺ → محمد, صلي, الله, عليه, وسلم).
//  - Everything else — spaces, Arabic and Latin punctuation, quotes,
//    brackets, symbols, invalid UTF-8 bytes — separates tokens.
//  - A token whose normalized form exceeds TokenizerOptions::max_token_bytes
//    is skipped (it still takes no position). Such tokens are hashes,
//    base64 or garbage, never words.
//
// Tokenize() and Next() allocate nothing and cannot fail; any byte sequence
// is accepted.
#ifndef LIBSEARCH_TOKENIZER_H_
#define LIBSEARCH_TOKENIZER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "libsearch/export.h"
#include "libsearch/normalizer.h"

namespace libsearch {

enum class TokenKind : std::uint8_t {
  kArabic,  // Arabic-script letters only
  kWord,    // letters of other scripts, possibly with digits (covid19)
  kNumber,  // digits, with "." as decimal point
  kUrl,     // http://..., https://..., www....
  kEmail,   // local@domain
};

const char* TokenKindName(TokenKind kind) noexcept;

struct Token {
  std::string_view text;     // normalized form; valid until the next Next()
  std::size_t begin = 0;     // byte offset of the token in the input
  std::size_t end = 0;       // one past its last byte
  std::uint32_t position = 0;
  TokenKind kind = TokenKind::kArabic;
};

struct TokenizerOptions {
  // Tokens whose normalized form is longer are skipped. Default: 120 bytes
  // (60 Arabic letters; Xapian's own limit for a term is about 245 bytes).
  // At most TokenStream::kMaxTokenBytes.
  std::size_t max_token_bytes = 120;
  // Recognise URLs and e-mail addresses as single tokens. Default: true.
  bool keep_urls = true;
};

class LIBSEARCH_EXPORT TokenStream {
 public:
  static constexpr std::size_t kMaxTokenBytes = 240;

  // Moves to the next token. Returns false at the end of the text.
  bool Next(Token* token) noexcept;

 private:
  friend class Tokenizer;
  // The analyzer reads a token's text with loads that may run past its end
  // inside buf_ (its memo key), so it must know the text is there.
  friend class AnalyzedStream;
  // Next() itself, inline in analysis/token_stream_inl.h (private), so
  // that the analyzer runs it without a call. kKeyed (the analyzer):
  // *keyed tells whether key_ holds the token's memo key. kWide: the
  // caller is compiled for AVX2 and may use its blocks.
  template <bool kKeyed, bool kWide = false>
  inline bool NextInline(Token* token, bool* keyed) noexcept;
  // Next() past its common case (tokenizer.cc).
  bool NextGeneral(Token* token) noexcept;
  bool NextArabic(Token* token, std::size_t len,
                  const unsigned char* stop) noexcept;
  TokenStream(std::string_view text, const NormalizerOptions* norm,
              const TokenizerOptions* options, const void* tables, bool batch) noexcept
      : text_(text),
        norm_(norm),
        options_(options),
        tables_(tables),
        batch_stop_(batch && text.size() >= 65 ? text.size() - 64 : 0) {}

  std::string_view text_;
  const NormalizerOptions* norm_;
  const TokenizerOptions* options_;
  std::size_t pos_ = 0;          // next byte to read
  std::uint32_t position_ = 0;   // next token position
  // Expansion of one character into several (ﷺ, ﻻ) that is being emitted.
  // pending_end_ == 0: none. pending_offset_: next byte of its expansion.
  std::size_t pending_begin_ = 0;
  std::size_t pending_end_ = 0;
  std::size_t pending_offset_ = 0;
  // The normalizer's character tables (analysis::CharTables), from the
  // Tokenizer.
  const void* tables_;
  // The analyzer's batch (AnalyzedStream::FillBatch) reads up to 65 bytes
  // from where each step over separators starts (32 of separators, 32 of
  // the word, the byte after it): it takes words while that is before
  // batch_stop_, never when 0 (off for these options, or the text is
  // shorter).
  std::size_t batch_stop_;
  // The last word of the common case had a deleted character (a mark):
  // the next one skips the eight-letter blocks (ScanPlainArabic).
  bool marked_ = false;
  // Every token's text, from its first byte. Zeroed, so that bytes past a
  // token are always initialized (AnalyzedStream reads 32 at a time).
  char buf_[kMaxTokenBytes + 16] = {};
  // The analyzer's memo key of the last token, when NextInline<true> says
  // so: its letters one byte each, then zeros (ScanPlainArabic). Eight
  // bytes per 16-byte block of the token, and 16 more.
  char key_[kMaxTokenBytes / 2 + 16];
};

class LIBSEARCH_EXPORT Tokenizer {
 public:
  explicit Tokenizer(const NormalizerOptions& normalizer = NormalizerOptions(),
                     const TokenizerOptions& options = TokenizerOptions());

  // The stream refers to `text` and to this tokenizer: both must outlive it.
  TokenStream Tokenize(std::string_view text) const noexcept {
    return TokenStream(text, &normalizer_, &options_, tables_, batch_);
  }

  const NormalizerOptions& normalizer_options() const noexcept {
    return normalizer_;
  }
  const TokenizerOptions& options() const noexcept { return options_; }

  // Stable description for the index fingerprint, e.g. "tok/1:120,url".
  std::string Description() const;

 private:
  NormalizerOptions normalizer_;
  TokenizerOptions options_;
  // Its character tables (analysis::CharTables, built once per option set
  // and kept), and whether they and the options allow the analyzer's
  // batch.
  const void* tables_;
  bool batch_;
};

}  // namespace libsearch

#endif  // LIBSEARCH_TOKENIZER_H_
