// The stemmer factory and the three strengths behind it.
#include "libsearch/stemmer.h"

#include <xapian.h>

#include <memory>
#include <string>
#include <string_view>

namespace libsearch {

Stemmer::~Stemmer() = default;

const char* StemStrengthName(StemStrength strength) noexcept {
  switch (strength) {
    case StemStrength::kNone:
      return "none";
    case StemStrength::kLight:
      return "light";
    case StemStrength::kSnowball:
      return "snowball";
  }
  return "none";
}

bool ParseStemStrength(std::string_view name, StemStrength* strength) noexcept {
  for (StemStrength s : {StemStrength::kNone, StemStrength::kLight,
                         StemStrength::kSnowball}) {
    if (name == StemStrengthName(s)) {
      if (strength != nullptr) *strength = s;
      return true;
    }
  }
  return false;
}

namespace {

// True when `word` is made of Arabic-block characters only. Every strength
// returns Latin words, numbers and URLs unchanged (stemmer.h), so only these
// reach Snowball.
bool IsArabicWord(std::string_view word) noexcept {
  if (word.empty()) return false;
  for (unsigned char c : word) {
    if (c < 0x80) return false;  // ASCII letters, digits, URL punctuation
  }
  // Lead bytes D8–DB encode U+0600–U+06FF; anything else is another script.
  for (std::size_t i = 0; i < word.size();) {
    unsigned char c = static_cast<unsigned char>(word[i]);
    if (c < 0xD8 || c > 0xDB || i + 1 >= word.size()) return false;
    i += 2;
  }
  return true;
}

class NoneStemmer final : public Stemmer {
 public:
  std::string_view Stem(std::string_view word,
                        std::string* /*scratch*/) const override {
    return word;
  }
  std::string Name() const override { return "none"; }
};

class SnowballStemmer final : public Stemmer {
 public:
  SnowballStemmer() : stem_("arabic") {}

  std::string_view Stem(std::string_view word,
                        std::string* scratch) const override {
    if (!IsArabicWord(word) || scratch == nullptr) return word;
    *scratch = stem_(std::string(word));
    // Snowball may reduce a short word to nothing; a term must stay.
    if (scratch->empty()) return word;
    return *scratch;
  }

  std::string Name() const override {
    return std::string("snowball/xapian-") + Xapian::version_string();
  }

 private:
  // Xapian::Stem::operator() is const but its implementation keeps state,
  // hence one stemmer per thread (see stemmer.h).
  Xapian::Stem stem_;
};

}  // namespace

std::unique_ptr<Stemmer> MakeStemmer(StemStrength strength) {
  switch (strength) {
    case StemStrength::kNone:
      return std::make_unique<NoneStemmer>();
    case StemStrength::kLight:
      return std::make_unique<LightStemmer>();
    case StemStrength::kSnowball:
      return std::make_unique<SnowballStemmer>();
  }
  return std::make_unique<NoneStemmer>();
}

}  // namespace libsearch
