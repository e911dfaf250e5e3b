// The analysis chain: tokenizer (which normalizes) → stemmer → stopwords.
#include "libsearch/analyzer.h"

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

AnalyzedStream::AnalyzedStream(const Analyzer* analyzer,
                               std::string_view text) noexcept
    : analyzer_(analyzer), tokens_(analyzer->tokenizer().Tokenize(text)) {}

bool AnalyzedStream::Next(AnalyzedToken* out) {
  if (!tokens_.Next(&out->token)) return false;
  const Token& t = out->token;
  if (t.kind == TokenKind::kArabic) {
    // Only the Snowball stemmer writes into scratch_; the others return a
    // view into the token's own text.
    out->stem = analyzer_->stemmer().Stem(t.text, &scratch_);
    out->stopword = analyzer_->IsStopword(t.text);
  } else {
    out->stem = t.text;
    out->stopword = false;
  }
  return true;
}

}  // namespace libsearch
