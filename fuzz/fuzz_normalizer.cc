// libFuzzer target: the normalizer on arbitrary bytes. Checks that its
// output is valid UTF-8, that normalizing again changes nothing, and that
// the offset map has one in-range entry per output byte.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_util.h"
#include "libsearch/normalizer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  // The first byte picks the options, so the lossy foldings get both ways.
  libsearch::NormalizerOptions o;
  if (size > 0) {
    const std::uint8_t f = data[0];
    o.fold_teh_marbuta = f & 1;
    o.fold_hamza_seats = f & 2;
    o.fold_persian_letters = f & 4;
    o.strip_quranic_marks = f & 8;
    o.fold_digits = f & 16;
    o.fold_case = f & 32;
    o.zwnj = f & 64 ? libsearch::ZwnjPolicy::kSeparate : libsearch::ZwnjPolicy::kRemove;
  }
  const libsearch::Normalizer normalizer(o);
  const std::string once = normalizer.Normalize(input);
  FUZZ_CHECK(fuzz::IsValidUtf8(once));
  FUZZ_CHECK(normalizer.Normalize(once) == once);

  std::string out = "prefix";
  std::vector<std::uint32_t> offsets(3, 7);
  normalizer.NormalizeTo(input, &out, &offsets);
  FUZZ_CHECK(out.size() == 6 + once.size() && out.compare(6, std::string::npos, once) == 0);
  FUZZ_CHECK(offsets.size() == 3 + once.size());
  for (std::size_t i = 3; i < offsets.size(); ++i) FUZZ_CHECK(offsets[i] < size);
  return 0;
}
