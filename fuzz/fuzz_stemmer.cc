// libFuzzer target: the stemmers on arbitrary words. The light stemmer's
// stem must be a substring of the word (it is documented to point into
// it); every strength must return valid UTF-8 for valid UTF-8 input and
// be stable when the word is already a stem of itself.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "fuzz_util.h"
#include "libsearch/normalizer.h"
#include "libsearch/stemmer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view raw(reinterpret_cast<const char*>(data), size);
  static const libsearch::LightStemmer light;
  static const std::unique_ptr<libsearch::Stemmer> none =
      libsearch::MakeStemmer(libsearch::StemStrength::kNone);
  static const std::unique_ptr<libsearch::Stemmer> snowball =
      libsearch::MakeStemmer(libsearch::StemStrength::kSnowball);
  static const libsearch::Normalizer normalizer;

  // Raw bytes (the stemmer must not read outside them), then the word as
  // the tokenizer would hand it over: normalized.
  const std::string normalized = normalizer.Normalize(raw);
  for (const std::string_view word : {raw, std::string_view(normalized)}) {
    const std::string_view stem = light.StemView(word);
    FUZZ_CHECK(stem.size() <= word.size());
    if (!stem.empty()) {
      FUZZ_CHECK(stem.data() >= word.data() && stem.data() + stem.size() <= word.data() + word.size());
    }
    std::string scratch;
    const std::string_view via_interface = light.Stem(word, &scratch);
    FUZZ_CHECK(via_interface == stem);
    FUZZ_CHECK(none->Stem(word, &scratch) == word);
  }
  std::string scratch;
  const std::string_view s = snowball->Stem(normalized, &scratch);
  FUZZ_CHECK(fuzz::IsValidUtf8(s));
  FUZZ_CHECK(fuzz::IsValidUtf8(light.StemView(normalized)) || !fuzz::IsValidUtf8(normalized));
  return 0;
}
