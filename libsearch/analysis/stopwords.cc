// The built-in Arabic stopword list "ar/1" (how it was chosen: stopwords.h).
#include "libsearch/stopwords.h"

#include <cstdint>
#include <cstring>
#include <iterator>
#include <string_view>

#include "analysis/stopwords_internal.h"

namespace libsearch {
namespace {

// Normalized forms, sorted bytewise.
constexpr std::string_view kArabicStopwords[] = {
    "اثناء", "احد", "اذ", "اذا", "اذن", "ازاء", "اصبح", "اصبحت", "الا",
    "التي", "الذي", "الذين", "اللاءي", "اللاتي", "اللتان", "اللتين", "اللذان",
    "اللذين", "اللواتي", "الي", "الينا", "اليه", "اليها", "اليهم", "ام",
    "اما", "امام", "ان", "انا", "انت", "انتم", "انتما", "انتن", "انما",
    "اننا", "انني", "انه", "انها", "انهم", "او", "اولءك", "اي", "اياه",
    "اياها", "اياهم", "ايضا", "اين", "بات", "بان", "بانه", "بانها", "بحسب",
    "بسبب", "بشان", "بعد", "بعدما", "بعض", "بل", "بما", "بنا", "به", "بها",
    "بهم", "بهما", "بين", "بينما", "بينها", "بينهم", "بينهما", "تجاه", "تحت",
    "تكن", "تكون", "تلك", "تم", "ثم", "جدا", "جراء", "جميع", "حتي", "حسب",
    "حول", "حيث", "حين", "حينما", "خارج", "خلال", "خلف", "داخل", "دون", "ذاك",
    "ذلك", "رغم", "سوف", "سوي", "صار", "ضد", "ضمن", "طالما", "ظل", "عبر",
    "عدا", "عده", "علي", "علينا", "عليه", "عليها", "عليهم", "عليهما", "عن",
    "عند", "عندما", "عنده", "عندها", "عندهم", "عنه", "عنها", "عنهم", "غير",
    "ف", "فان", "فقد", "فقط", "فلا", "فما", "فهو", "فهي", "فوق", "في", "فيما",
    "فيه", "فيها", "فيهم", "فيهما", "قبل", "قد", "كافه", "كان", "كانت",
    "كانوا", "كذلك", "كل", "كلا", "كلما", "كم", "كما", "كي", "كيف", "لا",
    "لان", "لايزال", "لدن", "لدي", "لدينا", "لديه", "لديها", "لديهم", "لصالح",
    "لقد", "لك", "لكم", "لكن", "لكنه", "لكنها", "لكي", "لم", "لما", "لماذا",
    "لن", "لنا", "له", "لها", "لهم", "لهما", "لهن", "لو", "لولا", "لي", "ليس",
    "ليست", "ما", "ماذا", "مازال", "متي", "مثل", "مع", "معنا", "معه", "معها",
    "معهم", "مما", "من", "منا", "منذ", "منه", "منها", "منهم", "منهما", "نحن",
    "نحو", "نعم", "نفس", "نفسه", "هءلاء", "هاتان", "هاتين", "هذا", "هذان",
    "هذه", "هذين", "هل", "هم", "هما", "هن", "هنا", "هناك", "هنالك", "هو",
    "هي", "و", "والتي", "والذي", "والذين", "والي", "وان", "وانه", "وبعد",
    "وبين", "وحتي", "وذلك", "وسط", "وعلي", "وعن", "وفق", "وفقا", "وفي",
    "وفيما", "وقبل", "وقد", "وكان", "وكانت", "وكذلك", "وكل", "وكما", "ولا",
    "ولكن", "ولم", "ولن", "وما", "ومع", "ومن", "وهذا", "وهذه", "وهم", "وهو",
    "وهي", "يتم", "يكن", "يكون",
};

// Entry lengths: words outside them are rejected before hashing.
constexpr std::size_t EntryBytes(bool longest) {
  std::size_t m = longest ? 0 : ~std::size_t{0};
  for (std::string_view w : kArabicStopwords) {
    if (longest ? w.size() > m : w.size() < m) m = w.size();
  }
  return m;
}
constexpr std::size_t kMinBytes = EntryBytes(false);
constexpr std::size_t kMaxBytes = EntryBytes(true);
static_assert(kMinBytes >= 2 && kMaxBytes <= 15, "the key holds 2 to 15 bytes");

// A word of kMinBytes..kMaxBytes bytes as a 16-byte key: its bytes, zero
// padded, and its length in the last byte (a word may contain NUL bytes).
// Overlapping loads read only inside the word.
struct Key {
  std::uint64_t lo;
  std::uint64_t hi;
  bool operator==(const Key& o) const { return lo == o.lo && hi == o.hi; }
};

template <int N>
inline std::uint64_t Load(const char* p) noexcept {
  if constexpr (N == 8) {
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
  } else if constexpr (N == 4) {
    std::uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
  } else {
    std::uint16_t v;
    std::memcpy(&v, p, 2);
    return v;
  }
}

inline Key MakeKey(std::string_view w) noexcept {
  const char* p = w.data();
  const std::size_t n = w.size();
  Key k{0, std::uint64_t{n} << 56};
  if (n >= 8) {
    k.lo = Load<8>(p);
    // Bytes 8..n-1 are the top n-8 bytes of the last eight.
    if (n > 8) k.hi |= Load<8>(p + n - 8) >> (8 * (16 - n));
  } else if (n >= 4) {
    k.lo = Load<4>(p) | (Load<4>(p + n - 4) << (8 * (n - 4)));
  } else {
    k.lo = Load<2>(p) | (Load<2>(p + n - 2) << (8 * (n - 2)));
  }
  return k;
}

// Open addressing, linear probing, 1,024 slots (16 KB) for 259 words.
class Table {
 public:
  Table() {
    for (std::string_view w : kArabicStopwords) {
      const Key k = MakeKey(w);
      const std::uint64_t h = HashOf(k);
      filter_[FilterBit(h) / 64] |= std::uint64_t{1} << (FilterBit(h) % 64);
      std::size_t i = Slot(h);
      while (slots_[i].hi != 0 && !(slots_[i] == k)) i = (i + 1) & (kSlots - 1);
      slots_[i] = k;
    }
  }

  bool Contains(std::string_view w) const noexcept {
    const Key k = MakeKey(w);
    const std::uint64_t h = HashOf(k);
    // Most words looked up are not stopwords: one filter bit answers most
    // of them, where the probe would mispredict on whether its first slot
    // is empty.
    if ((filter_[FilterBit(h) / 64] & (std::uint64_t{1} << (FilterBit(h) % 64))) == 0) {
      return false;
    }
    for (std::size_t i = Slot(h);; i = (i + 1) & (kSlots - 1)) {
      if (slots_[i] == k) return true;
      if (slots_[i].hi == 0) return false;  // every key has its length
    }
  }

 private:
  static constexpr int kBits = 10;
  static constexpr std::size_t kSlots = std::size_t{1} << kBits;
  // At most half full, so that a miss ends within a probe or two.
  static_assert(std::size(kArabicStopwords) * 2 <= kSlots, "table too full");

  // 2^12 filter bits (512 bytes) for 259 words: a word not in the list
  // passes with probability about 6%.
  static constexpr int kFilterBits = 12;

  static std::uint64_t HashOf(const Key& k) noexcept {
    return (k.lo ^ (k.hi * 0xC2B2AE3D27D4EB4FULL)) * 0x9E3779B97F4A7C15ULL;
  }
  // The slot and the filter bit come from disjoint bits of the hash.
  static std::size_t Slot(std::uint64_t h) noexcept {
    return static_cast<std::size_t>(h >> (64 - kBits));
  }
  static std::size_t FilterBit(std::uint64_t h) noexcept {
    return static_cast<std::size_t>(h >> (64 - kBits - kFilterBits)) &
           ((std::size_t{1} << kFilterBits) - 1);
  }

  Key slots_[kSlots] = {};
  std::uint64_t filter_[(std::size_t{1} << kFilterBits) / 64] = {};
};

const Table& TheTable() noexcept {
  static const Table table;  // thread-safe initialization
  return table;
}

}  // namespace

namespace analysis {

const std::string_view* ArabicStopwordList(std::size_t* count) noexcept {
  *count = std::size(kArabicStopwords);
  return kArabicStopwords;
}

}  // namespace analysis

const Stopwords& Stopwords::Arabic() noexcept {
  static const Stopwords list;
  return list;
}

bool Stopwords::Contains(std::string_view word) const noexcept {
  if (word.size() < kMinBytes || word.size() > kMaxBytes) return false;
  return TheTable().Contains(word);
}

std::size_t Stopwords::size() const noexcept {
  return std::size(kArabicStopwords);
}

const char* Stopwords::Name() const noexcept { return "ar/1"; }

}  // namespace libsearch
