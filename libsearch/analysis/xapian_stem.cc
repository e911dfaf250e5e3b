// libsearch's normalizer and stemmer behind Xapian's StemImplementation.
#include "libsearch/xapian_stem.h"

#include <memory>
#include <string>

namespace libsearch {
namespace {

class LibsearchStem final : public Xapian::StemImplementation {
 public:
  explicit LibsearchStem(const AnalyzerOptions& options)
      : normalizer_(options.normalizer),
        stemmer_(MakeStemmer(options.stemming)),
        description_("libsearch:" + Analyzer(options).Fingerprint()) {}

  // Xapian hands over words as its own tokenizer found them, diacritics and
  // all; normalizing here (idempotent on normalized text) makes snippet()
  // and QueryParser reach the same Z-terms as the index.
  std::string operator()(const std::string& word) override {
    normalized_.clear();
    normalizer_.NormalizeTo(word, &normalized_);
    return std::string(stemmer_->Stem(normalized_, &scratch_));
  }

  std::string get_description() const override { return description_; }

 private:
  Normalizer normalizer_;
  std::unique_ptr<Stemmer> stemmer_;
  std::string description_;
  // Reused buffers: operator() is non-const, and a Xapian::Stem (with its
  // copies) is used by one thread at a time.
  std::string normalized_;
  std::string scratch_;
};

}  // namespace

Xapian::Stem MakeXapianStem(const AnalyzerOptions& options) {
  return Xapian::Stem(new LibsearchStem(options));
}

}  // namespace libsearch
