// Normalizer and the shared character tables (analysis/char_class.h).
#include "libsearch/normalizer.h"

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>

#include <atomic>
#include <cstring>
#include <mutex>
#include <stdexcept>
#include <string>

#include "analysis/char_class.h"
#include "analysis/utf8.h"

namespace libsearch {
namespace analysis {
namespace {

// Enough for any single code point's NFKC(_Casefold) expansion (max 18).
constexpr int kMaxCps = 32;

// Padded so callers may always copy 4 bytes.
constexpr char kReplacement[8] = "\xEF\xBF\xBD";

const UNormalizer2* Nfkc(bool casefold) noexcept {
  // ICU returns process-wide singletons; cache them to skip the lookup.
  static const UNormalizer2* const nfkc = [] {
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2* n = unorm2_getNFKCInstance(&err);
    return U_SUCCESS(err) ? n : nullptr;
  }();
  static const UNormalizer2* const nfkc_cf = [] {
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2* n = unorm2_getNFKCCasefoldInstance(&err);
    return U_SUCCESS(err) ? n : nullptr;
  }();
  return casefold ? nfkc_cf : nfkc;
}

bool IsPresentationForm(char32_t cp) noexcept {
  return (cp >= 0xFB50 && cp < 0xFE00) || (cp >= 0xFE70 && cp < 0xFF00);
}

bool IsWordCategory(std::int8_t type) noexcept {
  switch (type) {
    case U_UPPERCASE_LETTER:
    case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
    case U_NON_SPACING_MARK:
    case U_ENCLOSING_MARK:
    case U_COMBINING_SPACING_MARK:
    case U_DECIMAL_DIGIT_NUMBER:
    case U_LETTER_NUMBER:
    case U_OTHER_NUMBER:
      return true;
    default:
      return false;
  }
}

bool IsMark(std::int8_t type) noexcept {
  return type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK ||
         type == U_COMBINING_SPACING_MARK;
}

bool IsArabicScript(char32_t cp) noexcept {
  if ((cp >= 0x0600 && cp <= 0x06FF) || (cp >= 0x0750 && cp <= 0x077F) ||
      (cp >= 0x08A0 && cp <= 0x08FF) || IsPresentationForm(cp)) {
    return true;
  }
  UErrorCode err = U_ZERO_ERROR;
  return uscript_getScript(static_cast<UChar32>(cp), &err) == USCRIPT_ARABIC;
}

// The Arabic-block rules of arabic-text.md §1. Same contract as Step().
int ArabicStep(std::uint32_t flags, char32_t cp, char32_t* out) noexcept {
  auto one = [out](char32_t c) {
    out[0] = c;
    return 1;
  };
  if ((cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 || cp == 0x0640) {
    return 0;  // harakat, superscript alef, tatweel
  }
  if ((cp >= 0x0610 && cp <= 0x061A) || (cp >= 0x06D6 && cp <= 0x06ED)) {
    if (flags & CharTables::kQuranic) return 0;
    // Kept: fall through to the general-category default below.
  } else {
    switch (cp) {
      case 0x0622: case 0x0623: case 0x0625: case 0x0671:
        return one(0x0627);  // alef forms → bare alef
      case 0x0649:
        return one(0x064A);  // alef maksura → yeh
      case 0x0629:
        return one(flags & CharTables::kTehMarbuta ? 0x0647 : cp);
      // Both seats fold to the bare hamza: the seat is spelling convention
      // (مسئول in Egypt, مسؤول elsewhere; شئون/شؤون), the hamza is the sound.
      case 0x0624:
      case 0x0626:
        return one(flags & CharTables::kHamzaSeats ? 0x0621 : cp);
      case 0x06CC: case 0x06D2: case 0x06D3:
        return one(flags & CharTables::kPersian ? 0x064A : cp);
      case 0x06A9:
        return one(flags & CharTables::kPersian ? 0x0643 : cp);
      case 0x06BE: case 0x06C0: case 0x06C1: case 0x06C2:
        return one(flags & CharTables::kPersian ? 0x0647 : cp);
      default:
        break;
    }
    if (cp >= 0x0660 && cp <= 0x0669) {
      return one(flags & CharTables::kDigits ? U'0' + (cp - 0x0660) : cp);
    }
    if (cp >= 0x06F0 && cp <= 0x06F9) {
      return one(flags & CharTables::kDigits ? U'0' + (cp - 0x06F0) : cp);
    }
  }
  const std::int8_t type = u_charType(static_cast<UChar32>(cp));
  if (type == U_FORMAT_CHAR) return 0;  // U+0600–0605, U+061C, U+06DD
  if (IsWordCategory(type)) return one(cp);
  return -1;
}

// One application of the rules to cp. Returns -1 when cp is a separator
// (kept unchanged), otherwise the number of code points written to out
// (0: deleted).
int Step(std::uint32_t flags, char32_t cp, char32_t* out) noexcept {
  if (cp < 0x80) {
    if (cp >= 'A' && cp <= 'Z') {
      out[0] = flags & CharTables::kCase ? cp + 32 : cp;
      return 1;
    }
    if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
      out[0] = cp;
      return 1;
    }
    return -1;
  }
  if (cp >= 0x0600 && cp <= 0x06FF) return ArabicStep(flags, cp, out);
  if (cp == 0x200C) return flags & CharTables::kZwnjSeparates ? -1 : 0;
  const std::int8_t type = u_charType(static_cast<UChar32>(cp));
  if (type == U_FORMAT_CHAR) return 0;
  const bool word = IsWordCategory(type);
  if (!word && !IsPresentationForm(cp)) return -1;
  if (IsMark(type) && IsArabicScript(cp)) return 0;

  const UNormalizer2* norm = Nfkc(flags & CharTables::kCase);
  UChar src[2];
  int32_t src_len = 0;
  U16_APPEND_UNSAFE(src, src_len, cp);
  UChar dst[64];
  UErrorCode err = U_ZERO_ERROR;
  const int32_t dst_len =
      norm ? unorm2_normalize(norm, src, src_len, dst, 64, &err) : 0;
  if (!norm || U_FAILURE(err)) {
    if (!word) return -1;
    out[0] = cp;
    return 1;
  }
  int n = 0;
  for (int32_t i = 0; i < dst_len && n < kMaxCps;) {
    UChar32 c;
    U16_NEXT(dst, i, dst_len, c);
    out[n++] = static_cast<char32_t>(c);
  }
  // A presentation-range symbol without a decomposition (﴾ ﴿ ﷽) stays a
  // separator.
  if (!word && n == 1 && out[0] == cp) return -1;
  return n;
}

// Class of a code point that Step() keeps as a word character.
CharClass WordClass(char32_t cp) noexcept {
  if (cp < 0x80) return cp >= '0' && cp <= '9' ? CharClass::kDigit
                                               : CharClass::kLetter;
  if (u_charType(static_cast<UChar32>(cp)) == U_DECIMAL_DIGIT_NUMBER) {
    return CharClass::kDigit;
  }
  return IsArabicScript(cp) ? CharClass::kArabic : CharClass::kLetter;
}

// Applies Step() until nothing changes. Returns the class; for anything but
// kSeparator (keep the input) the result is in out[0..*n).
CharClass Resolve(std::uint32_t flags, char32_t cp, char32_t* out,
                  int* n) noexcept {
  int count = Step(flags, cp, out);
  if (count < 0) {
    *n = 0;
    return CharClass::kSeparator;
  }
  // NFKC results are normally already fixed points; this loop makes the
  // Arabic rules apply to them (ﺃ → أ → ا) and guarantees idempotence.
  for (int round = 0; round < 4; ++round) {
    char32_t next[kMaxCps];
    int m = 0;
    bool changed = false;
    for (int i = 0; i < count; ++i) {
      char32_t tmp[kMaxCps];
      const int k = Step(flags, out[i], tmp);
      if (k < 0) {
        if (m < kMaxCps) next[m++] = out[i];
        continue;
      }
      if (k != 1 || tmp[0] != out[i]) changed = true;
      for (int j = 0; j < k && m < kMaxCps; ++j) next[m++] = tmp[j];
    }
    std::memcpy(out, next, sizeof(char32_t) * m);
    count = m;
    if (!changed) break;
  }
  bool any_word = false, arabic = false, letter = false, digit = false,
       sep = false;
  for (int i = 0; i < count; ++i) {
    char32_t tmp[kMaxCps];
    if (Step(flags, out[i], tmp) < 0) {
      sep = true;
      continue;
    }
    any_word = true;
    switch (WordClass(out[i])) {
      case CharClass::kArabic: arabic = true; break;
      case CharClass::kDigit: digit = true; break;
      default: letter = true; break;
    }
  }
  if (!any_word) {  // deleted, or a letter that left only spaces (U+FE70)
    *n = 0;
    return CharClass::kDeleted;
  }
  *n = count;
  if (sep || (arabic && (letter || digit))) return CharClass::kMixed;
  if (arabic) return CharClass::kArabic;
  if (letter) return CharClass::kLetter;  // letters with digits: one word
  return CharClass::kDigit;
}

int TableIndex(char32_t cp) noexcept {
  if (cp < 0x800) return static_cast<int>(cp);
  if (cp >= 0x2000 && cp < 0x2070) return 0x800 + static_cast<int>(cp - 0x2000);
  if (cp >= 0xFB50 && cp < 0xFE00) return 0x870 + static_cast<int>(cp - 0xFB50);
  if (cp >= 0xFE70 && cp < 0xFF00) {
    return 0x870 + 0x2B0 + static_cast<int>(cp - 0xFE70);
  }
  return -1;
}

char32_t TableCodePoint(int index) noexcept {
  if (index < 0x800) return static_cast<char32_t>(index);
  if (index < 0x870) return static_cast<char32_t>(0x2000 + index - 0x800);
  if (index < 0x870 + 0x2B0) return static_cast<char32_t>(0xFB50 + index - 0x870);
  return static_cast<char32_t>(0xFE70 + index - 0x870 - 0x2B0);
}

std::size_t EncodeAll(const char32_t* cps, int n, char* out,
                      std::size_t cap) noexcept {
  std::size_t w = 0;
  for (int i = 0; i < n && w + 4 <= cap; ++i) w += utf8::Encode(cps[i], out + w);
  return w;
}

std::atomic<const CharTables*> g_tables[CharTables::kSlots];
std::mutex g_tables_mutex;

}  // namespace

std::uint32_t CharTables::Flags(const NormalizerOptions& o) noexcept {
  return (o.fold_teh_marbuta ? kTehMarbuta : 0) |
         (o.fold_hamza_seats ? kHamzaSeats : 0) |
         (o.fold_persian_letters ? kPersian : 0) |
         (o.strip_quranic_marks ? kQuranic : 0) |
         (o.fold_digits ? kDigits : 0) | (o.fold_case ? kCase : 0) |
         (o.zwnj == ZwnjPolicy::kSeparate ? kZwnjSeparates : 0);
}

const CharTables& CharTables::For(const NormalizerOptions& options) {
  const std::uint32_t flags = Flags(options);
  const CharTables* t = g_tables[flags].load(std::memory_order_acquire);
  if (t != nullptr) return *t;
  std::lock_guard<std::mutex> lock(g_tables_mutex);
  t = g_tables[flags].load(std::memory_order_relaxed);
  if (t == nullptr) {
    // Never freed: one small table per option set for the process lifetime.
    t = new CharTables(flags);
    g_tables[flags].store(t, std::memory_order_release);
  }
  return *t;
}

CharTables::CharTables(std::uint32_t flags) : flags_(flags), pool_(nullptr) {
  std::string pool;
  for (int i = 0; i < static_cast<int>(kEntries); ++i) {
    const char32_t cp = TableCodePoint(i);
    char32_t cps[kMaxCps];
    int n = 0;
    const CharClass cls = Resolve(flags, cp, cps, &n);
    char buf[kMaxCharOut];
    std::size_t len;
    if (cls == CharClass::kSeparator) {
      len = utf8::Encode(cp, buf);  // separators are copied unchanged
    } else {
      len = EncodeAll(cps, n, buf, sizeof buf);
    }
    entries_[i].off = static_cast<std::uint16_t>(pool.size());
    entries_[i].len = static_cast<std::uint8_t>(len);
    entries_[i].cls = cls;
    pool.append(buf, len);
  }
  pool.append(8, '\0');  // callers copy 4 bytes at a time
  std::memset(arabic_pairs_, 0, sizeof arabic_pairs_);
  bool one_to_one = true;
  bool seen[256] = {};
  for (unsigned b0 = 0xD8; b0 <= 0xDB; ++b0) {
    for (unsigned b1 = 0x80; b1 <= 0xBF; ++b1) {
      const unsigned char bytes[2] = {static_cast<unsigned char>(b0),
                                      static_cast<unsigned char>(b1)};
      const std::uint32_t pair = LoadPair(bytes);
      const unsigned index = ArabicPairIndex(pair);
      one_to_one &= IsArabicBlockPair(pair) && !seen[index];
      seen[index] = true;
      const Entry& e = entries_[((b0 & 0x1F) << 6) | (b1 & 0x3F)];
      std::uint32_t packed = 0;
      if (e.cls == CharClass::kArabic && e.len == 2) {
        // The output bytes where a 2-byte copy of the packed value puts them.
        std::uint16_t out;
        std::memcpy(&out, pool.data() + e.off, 2);
        packed = kPlain | (2u << 16) | out;
      } else if (e.cls == CharClass::kDeleted && e.len == 0) {
        packed = kPlain;
      }
      arabic_pairs_[index] = packed;
    }
  }
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  one_to_one = false;  // the packed bytes are the value's high half there
#endif
  if (!one_to_one) std::memset(arabic_pairs_, 0, sizeof arabic_pairs_);
  BuildBlockPlan(one_to_one);
  if (pool.size() > 0xFFFF) throw std::length_error("CharTables pool");
  pool_ = new char[pool.size()];
  std::memcpy(pool_, pool.data(), pool.size());
}

void CharTables::BuildBlockPlan(bool pairs_active) noexcept {
  BlockPlan& plan = block_plan_;
  plan.enabled = false;
  for (int i = 0; i < BlockPlan::kFoldings; ++i) {
    for (int lane = 0; lane < 8; ++lane) {
      plan.fold_from[i][lane] = 0xFFFF;
      plan.fold_delta[i][lane] = 0;
    }
  }
  plan.wide = false;
  int others = 0;  // foldings that are not D8 Ax: WideBlock has one slot
  for (int lane = 0; lane < 16; ++lane) {
    plan.wide_range_add[0][lane] = static_cast<std::uint16_t>(0x8000 - 0xD8A1);
    plan.wide_range_lim[0][lane] = static_cast<std::uint16_t>(0xBA - 0xA1 + 1 - 0x8000);
    plan.wide_range_add[1][lane] = static_cast<std::uint16_t>(0x8000 - 0xD981);
    plan.wide_range_lim[1][lane] = static_cast<std::uint16_t>(0x8A - 0x81 + 1 - 0x8000);
    plan.wide_nibble[lane] = 0x000F;
    plan.wide_group_mask[lane] = 0xF0FF;
    plan.wide_group[lane] = 0xA0D8;
    plan.wide_from[lane] = 0xFFFF;
    plan.wide_delta[lane] = 0;
  }
  std::memset(plan.wide_lead_delta, 0, sizeof plan.wide_lead_delta);
  std::memset(plan.wide_cont_delta, 0, sizeof plan.wide_cont_delta);
  std::memset(plan.sep_low, 0, sizeof plan.sep_low);
  for (int i = 0; i < 32; ++i) {
    const int h = i & 15;
    plan.sep_high[i] = static_cast<std::uint8_t>(h < 8 ? 1u << h : 0u);
    plan.low_nibbles[i] = 0x0F;
  }
  for (unsigned b = 0; b < 0x80; ++b) {
    const CharClass c = AsciiClass(b);
    if (c != CharClass::kSeparator && c != CharClass::kDeleted) continue;
    plan.sep_low[b & 15] = static_cast<std::uint8_t>(plan.sep_low[b & 15] | 1u << (b >> 4));
    plan.sep_low[16 + (b & 15)] = plan.sep_low[b & 15];
  }
  // Without the pair table (big-endian machines) the word loop is off.
  if (!pairs_active) return;
  int foldings = 0;
  for (unsigned low = 0x21; low <= 0x4A; ++low) {
    if (low > 0x3A && low < 0x41) continue;  // the ranges of BlockPlan
    const unsigned cp = 0x0600 | low;
    const unsigned char bytes[2] = {static_cast<unsigned char>(0xC0 | (cp >> 6)),
                                    static_cast<unsigned char>(0x80 | (cp & 0x3F))};
    const std::uint32_t pair = LoadPair(bytes);
    const std::uint32_t e = ArabicPair(pair);
    const std::uint32_t out = e & 0xFFFF;
    if ((e & kPlain) == 0 || ((e >> 16) & 0xFF) != 2) return;  // deleted, not plain
    if (out == pair) continue;  // itself
    // The analyzer's memo key, packed in the blocks, assumes the leads D8
    // and D9 (ScanPlainArabic).
    if ((out & 0xFE) != 0xD8) return;
    if (foldings == BlockPlan::kFoldings) return;
    for (int lane = 0; lane < 8; ++lane) {
      plan.fold_from[foldings][lane] = static_cast<std::uint16_t>(pair);
      plan.fold_delta[foldings][lane] = static_cast<std::uint16_t>(pair ^ out);
    }
    ++foldings;
    // Lanes are continuation << 8 | lead. Nibble 0 stays out of the
    // tables: a lane's other byte looks up entry 0, which must be 0.
    const unsigned lead = pair & 0xFF, cont = pair >> 8;
    if (lead == 0xD8 && (cont & 0xF0) == 0xA0 && (cont & 0x0F) != 0) {
      for (int half = 0; half < 32; half += 16) {
        plan.wide_lead_delta[half + (cont & 0x0F)] = static_cast<std::uint8_t>(lead ^ (out & 0xFF));
        plan.wide_cont_delta[half + (cont & 0x0F)] = static_cast<std::uint8_t>(cont ^ (out >> 8));
      }
    } else if (others++ == 0) {
      for (int lane = 0; lane < 16; ++lane) {
        plan.wide_from[lane] = static_cast<std::uint16_t>(pair);
        plan.wide_delta[lane] = static_cast<std::uint16_t>(pair ^ out);
      }
    }
  }
  plan.enabled = true;
  plan.wide = others <= 1;
}

CharTables::~CharTables() { delete[] pool_; }

MappedChar CharTables::MapSlow(const unsigned char* p, const unsigned char* end,
                               char* scratch) const noexcept {
  std::size_t len = 1;
  const char32_t cp = utf8::Decode(p, end, &len);
  const std::uint32_t in_len = static_cast<std::uint32_t>(len);
  if (cp == utf8::kInvalid) {
    return {kReplacement, 3, 1, CharClass::kSeparator};
  }
  const int index = TableIndex(cp);
  if (index >= 0) {
    const Entry& e = entries_[index];
    return {pool_ + e.off, e.len, in_len, e.cls};
  }
  char32_t cps[kMaxCps];
  int n = 0;
  const CharClass cls = Resolve(flags_, cp, cps, &n);
  // Always hand out scratch, never the input: callers copy 4 bytes at once.
  std::size_t out_len;
  if (cls == CharClass::kSeparator) {
    std::memcpy(scratch, p, len);
    out_len = len;
  } else {
    out_len = EncodeAll(cps, n, scratch, kMaxCharOut);
  }
  return {scratch, static_cast<std::uint32_t>(out_len), in_len, cls};
}

CharClass CharTables::ClassOfNormalized(char32_t cp) const noexcept {
  char bytes[4];
  const std::size_t len = utf8::Encode(cp, bytes);
  char scratch[kMaxCharOut];
  const auto* p = reinterpret_cast<const unsigned char*>(bytes);
  return Map(p, p + len, scratch).cls;
}

}  // namespace analysis

namespace {

template <bool kOffsets>
void NormalizeImpl(const analysis::CharTables& tables, std::string_view text,
                   std::string* out, std::vector<std::uint32_t>* offsets) {
  using analysis::kMaxCharOut;
  const auto* const begin = reinterpret_cast<const unsigned char*>(text.data());
  const auto* const end = begin + text.size();
  const std::size_t base = out->size();
  // Arabic text keeps or shrinks its size; grow only for expansions.
  out->resize(base + text.size() + text.size() / 8 + 2 * kMaxCharOut);
  char* w = &(*out)[base];
  char* limit = &(*out)[0] + out->size() - kMaxCharOut;
  char scratch[kMaxCharOut];
  for (const unsigned char* p = begin; p < end;) {
    if (w > limit) {
      const std::size_t used = static_cast<std::size_t>(w - &(*out)[0]);
      out->resize(out->size() * 2 + kMaxCharOut);
      w = &(*out)[0] + used;
      limit = &(*out)[0] + out->size() - kMaxCharOut;
    }
    if (!kOffsets) {
      // Fast path for runs of ASCII and two-byte characters (Arabic block)
      // whose output fits in 4 bytes (not ½ → 1⁄2): a fixed-size copy.
      const char* const pool = tables.pool();
      while (w <= limit && p < end) {
        if (p[0] < 0x80) {
          const auto& e = tables.EntryFor2Byte(0xC0 | (p[0] >> 6), 0x80 | (p[0] & 0x3F));
          std::memcpy(w, pool + e.off, 4);
          w += e.len;  // ASCII outputs are 1 byte
          p += 1;
        } else if (end - p >= 2 && p[0] >= 0xC2 && p[0] < 0xE0 &&
                   (p[1] & 0xC0) == 0x80) {
          const auto& e = tables.EntryFor2Byte(p[0], p[1]);
          if (e.len > 4) break;
          std::memcpy(w, pool + e.off, 4);
          w += e.len;
          p += 2;
        } else {
          break;
        }
      }
      if (w > limit || p >= end) continue;
    }
    const analysis::MappedChar m = tables.Map(p, end, scratch);
    // Every source is padded to at least 4 readable bytes.
    std::memcpy(w, m.out, 4);
    if (m.out_len > 4) std::memcpy(w, m.out, m.out_len);
    if (kOffsets) {
      offsets->insert(offsets->end(), m.out_len,
                      static_cast<std::uint32_t>(p - begin));
    }
    w += m.out_len;
    p += m.in_len;
  }
  out->resize(static_cast<std::size_t>(w - &(*out)[0]));
}

}  // namespace

Normalizer::Normalizer(const NormalizerOptions& options) : options_(options) {
  analysis::CharTables::For(options_);  // build the tables now, not later
}

std::string Normalizer::Normalize(std::string_view text) const {
  std::string out;
  NormalizeTo(text, &out);
  return out;
}

void Normalizer::NormalizeTo(std::string_view text, std::string* out,
                             std::vector<std::uint32_t>* offsets) const {
  const analysis::CharTables& tables = analysis::CharTables::For(options_);
  if (offsets != nullptr) {
    offsets->reserve(offsets->size() + text.size());
    NormalizeImpl<true>(tables, text, out, offsets);
  } else {
    NormalizeImpl<false>(tables, text, out, nullptr);
  }
}

std::string Normalizer::Description() const {
  // Order and spelling are part of the index fingerprint: never change them.
  std::string d = "norm/1:";
  auto add = [&d](bool on, const char* code) {
    if (!on) return;
    d += code;
    d += ',';
  };
  add(options_.fold_teh_marbuta, "tm");
  add(options_.fold_hamza_seats, "hs");
  add(options_.fold_persian_letters, "fa");
  add(options_.strip_quranic_marks, "qm");
  add(options_.fold_digits, "dg");
  add(options_.fold_case, "cf");
  d += options_.zwnj == ZwnjPolicy::kSeparate ? "zs" : "zr";
  return d;
}

}  // namespace libsearch
