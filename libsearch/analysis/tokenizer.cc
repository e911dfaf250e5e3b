// TokenStream: the word rules of tokenizer.h over the shared character
// tables (analysis/char_class.h). One pass over the bytes, the token text
// goes into the stream's own buffer: no allocation, no exceptions.
#include "libsearch/tokenizer.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <string>

#include "analysis/char_class.h"
#include "analysis/token_stream_inl.h"
#include "analysis/utf8.h"

#if LIBSEARCH_TOKENIZER_SSE2
#include <emmintrin.h>
#endif

namespace libsearch {

#if LIBSEARCH_TOKENIZER_AVX2
namespace analysis {
// Read once, when the library loads: a check per token would cost more
// than the answer. Before that (another file's static initializers), false:
// the SSE2 blocks, which give the same tokens. LIBSEARCH_NO_AVX2 set (to
// anything) keeps the SSE2 blocks, to compare the two or rule one out.
bool g_wide_blocks = __builtin_cpu_supports("avx2") && std::getenv("LIBSEARCH_NO_AVX2") == nullptr;
}  // namespace analysis
#endif

namespace {

using analysis::CharClass;
using analysis::CharTables;
using analysis::MappedChar;
using analysis::ScanPlainArabic;
using Byte = unsigned char;

bool IsAlnum(CharClass c) noexcept {
  return c == CharClass::kLetter || c == CharClass::kDigit;
}

bool IsAsciiAlnum(Byte b) noexcept {
  return (b >= '0' && b <= '9') || ((b | 0x20) >= 'a' && (b | 0x20) <= 'z');
}

// The state of scanning one token: where its normalized text goes and
// whether it outgrew the limit.
struct Scanner {
  Scanner(const CharTables& t, const Byte* e, char* b, std::size_t m) noexcept
      : tables(t), end(e), buf(b), max(m) {}

  MappedChar Map(const Byte* p) noexcept { return tables.Map(p, end, scratch); }

  void Append(const MappedChar& m) noexcept {
    if (len + m.out_len > max) {
      overflow = true;  // keep scanning to find the end; the token is dropped
      return;
    }
    // max <= kMaxTokenBytes and buf has 16 bytes of slack: 4 always fit.
    std::memcpy(buf + len, m.out, 4);
    if (m.out_len > 4) std::memcpy(buf + len, m.out, m.out_len);
    len += m.out_len;
  }
  void AppendByte(char c) noexcept {
    if (len + 1 > max) {
      overflow = true;
      return;
    }
    buf[len++] = c;
  }

  const CharTables& tables;
  const Byte* const end;
  char* const buf;
  const std::size_t max;
  std::size_t len = 0;
  bool overflow = false;
  char scratch[analysis::kMaxCharOut];
};

// An Arabic word from p (whose first character maps to kArabic), or the
// rest of one. Marks, tatweel and format controls inside or right after it
// belong to it. Returns its end.
const Byte* ScanArabic(Scanner& s, const Byte* p) noexcept {
  // Locals, not Scanner fields, so the loop keeps them in registers.
  std::size_t len = s.len;
  bool overflow = s.overflow;
  char* const buf = s.buf;
  for (;;) {
    if (!overflow) {
      bool marked = false;
      p = ScanPlainArabic(s.tables, p,
                          std::min<std::size_t>(static_cast<std::size_t>(s.end - p),
                                                s.max - len),
                          buf, &len, &marked);
    }
    // The general path, one character at a time.
    if (p >= s.end) break;
    const MappedChar m = s.Map(p);
    if (m.cls == CharClass::kArabic) {
      if (len + m.out_len > s.max) {
        overflow = true;
      } else {
        std::memcpy(buf + len, m.out, 4);
        if (m.out_len > 4) std::memcpy(buf + len, m.out, m.out_len);
        len += m.out_len;
      }
    } else if (m.cls != CharClass::kDeleted) {
      break;
    }
    p += m.in_len;
  }
  s.len = len;
  s.overflow = overflow;
  return p;
}

bool StartsWithNoCase(const Byte* p, const Byte* end, const char* prefix) {
  const std::size_t n = std::strlen(prefix);
  if (static_cast<std::size_t>(end - p) < n) return false;
  for (std::size_t i = 0; i < n; ++i) {
    Byte b = p[i];
    if (b >= 'A' && b <= 'Z') b = static_cast<Byte>(b | 0x20);
    if (b != static_cast<Byte>(prefix[i])) return false;
  }
  return true;
}

// A set of bytes, one flag each: the URL and e-mail loops test a byte with
// one load instead of a strchr() call.
struct ByteSet {
  bool has[256] = {};
  constexpr ByteSet(const char* chars, bool alnum) {
    for (; *chars != 0; ++chars) has[static_cast<Byte>(*chars)] = true;
    if (alnum) {
      for (int b = '0'; b <= '9'; ++b) has[b] = true;
      for (int b = 'a'; b <= 'z'; ++b) has[b] = true;
      for (int b = 'A'; b <= 'Z'; ++b) has[b] = true;
    }
  }
  bool Has(Byte b) const noexcept { return has[b]; }
};

constexpr ByteSet kUrlChars("-._~:/?#[]@!$&'()*+,;=%", true);
constexpr ByteSet kUrlTrailing(".,;:!?'\"]}*", false);
constexpr ByteSet kLocalPartChars("._%+-", true);
constexpr ByteSet kDomainChars("-", true);
// The bytes after a run of letters and digits with which an e-mail address
// may go on.
constexpr ByteSet kEmailEnd("._%+-@", false);

// ASCII bytes that end a run of ASCII letters and digits whatever follows:
// all but the joiners . , ' and what URLs and e-mail addresses continue
// with (: @ _ % + -).
constexpr ByteSet kPlainEnd = [] {
  ByteSet set("", false);
  for (int b = 0; b < 0x80; ++b) {
    const bool alnum = (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
    set.has[b] = !alnum;
  }
  for (const char* c = ".,':@_%+-"; *c != 0; ++c) set.has[static_cast<Byte>(*c)] = false;
  return set;
}();

// Copies the ASCII bytes p[0, n) to buf, lower-cased when `fold` (what
// CharTables maps them to: separators stay, letters fold with the case).
// n <= kMaxTokenBytes.
void CopyAscii(char* buf, const Byte* p, std::size_t n, bool fold) noexcept {
  if (!fold) {
    std::memcpy(buf, p, n);
    return;
  }
  std::size_t i = 0;
#if LIBSEARCH_TOKENIZER_SSE2
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i upper =
        _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(static_cast<char>(-128 - 'A'))),
                       _mm_set1_epi8(static_cast<char>(-128 + 26)));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(buf + i),
                     _mm_or_si128(v, _mm_and_si128(upper, _mm_set1_epi8(0x20))));
  }
#endif
  for (; i < n; ++i) {
    Byte b = p[i];
    if (b >= 'A' && b <= 'Z') b = static_cast<Byte>(b | 0x20);
    buf[i] = static_cast<char>(b);
  }
}

// Length of the URL starting at p, or 0. Trailing sentence punctuation is
// not part of it; a closing parenthesis is, if the URL opened it.
std::size_t UrlLength(const Byte* p, const Byte* end) noexcept {
  std::size_t n = StartsWithNoCase(p, end, "https://")  ? 8
                  : StartsWithNoCase(p, end, "http://") ? 7
                  : StartsWithNoCase(p, end, "www.")    ? 4
                                                        : 0;
  if (n == 0) return 0;
  const std::size_t prefix = n;
#if LIBSEARCH_TOKENIZER_SSE2
  // kUrlChars sixteen at a time: '!' to '~' but for " < > backslash ^ ` { | }.
  while (end - (p + n) >= 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + n));
    const __m128i v2 = _mm_or_si128(v, _mm_set1_epi8(2));
    const __m128i printable =
        _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(static_cast<char>(-128 - '!'))),
                       _mm_set1_epi8(static_cast<char>(-128 + '~' - '!' + 1)));
    const __m128i braces =  // { | }
        _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(static_cast<char>(-128 - '{'))),
                       _mm_set1_epi8(static_cast<char>(-128 + 3)));
    const __m128i excluded = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(v2, _mm_set1_epi8('>')),    // < >
                     _mm_cmpeq_epi8(v2, _mm_set1_epi8('^'))),   // backslash ^
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                                  _mm_cmpeq_epi8(v, _mm_set1_epi8('`'))),
                     braces));
    const unsigned ok =
        static_cast<unsigned>(_mm_movemask_epi8(_mm_andnot_si128(excluded, printable)));
    const unsigned k = static_cast<unsigned>(__builtin_ctz(~ok));
    n += k;
    if (k < 16) break;
  }
#endif
  while (p + n < end && kUrlChars.Has(p[n])) ++n;
  // '(' minus ')' over the URL, counted only when a ')' ends it (the
  // trailing punctuation stripped before that holds no parenthesis).
  int open = 0;
  bool counted = false;
  while (n > prefix) {
    const Byte last = p[n - 1];
    if (last == ')') {
      if (!counted) {
        for (std::size_t i = prefix; i < n; ++i) open += (p[i] == '(') - (p[i] == ')');
        counted = true;
      }
      if (open >= 0) break;
      ++open;
    } else if (!kUrlTrailing.Has(last)) {
      break;
    }
    --n;
  }
  for (std::size_t i = prefix; i < n; ++i) {
    if (IsAsciiAlnum(p[i])) return n;
  }
  return 0;  // "http://" alone is not a URL
}

// Length of the e-mail address starting at p, or 0: a local part of at
// most 64 characters, '@', and at least two dot-separated labels.
std::size_t EmailLength(const Byte* p, const Byte* end) noexcept {
  std::size_t i = 0;
  while (p + i < end && i < 64 && kLocalPartChars.Has(p[i])) ++i;
  if (i == 0 || p + i >= end || p[i] != '@' || p[i - 1] == '.') return 0;
  std::size_t j = i + 1, good = 0;
  int labels = 0;
  for (;;) {
    std::size_t k = j;
    while (p + k < end && k - j < 63 && kDomainChars.Has(p[k])) ++k;
    if (k == j) break;
    ++labels;
    good = k;
    if (p + k + 1 < end && p[k] == '.') {
      j = k + 1;
    } else {
      break;
    }
  }
  return labels >= 2 ? good : 0;
}

// The class of the first character at or after p that is not deleted
// (format controls hide between digits and dots in real text: 5.<RLM>7).
// Sets *next past it.
CharClass ClassPastDeleted(Scanner& s, const Byte* p,
                           const Byte** next) noexcept {
  while (p < s.end) {
    const MappedChar m = s.Map(p);
    p += m.in_len;
    if (m.cls != CharClass::kDeleted) {
      *next = p;
      return m.cls;
    }
  }
  *next = p;
  return CharClass::kSeparator;  // end of text
}

// True when exactly three digits start at p: the thousands-group test.
bool ThreeDigitsAt(Scanner& s, const Byte* p) noexcept {
  for (int i = 0; i < 3; ++i) {
    if (ClassPastDeleted(s, p, &p) != CharClass::kDigit) return false;
  }
  return ClassPastDeleted(s, p, &p) != CharClass::kDigit;
}

struct Scanned {
  const Byte* end;
  TokenKind kind;
};

// The common Latin token, ScanLatin's rules on ASCII: letters and digits
// from p (an ASCII letter or digit that starts a token), joined by
// apostrophes between letters, by '.' (not after a first segment of one
// letter, which may start an acronym) and by thousands separators; or a URL
// or e-mail address that starts with such a run. Its text goes to buf,
// lower-cased when `fold`. Returns its end and kind, or a null end whenever
// the general path could decide otherwise (a possible acronym, a joiner or
// anything but a plain separator that is not ASCII, a token longer than
// max): the caller then scans the token again from p with the general
// rules, so the tokens are theirs by construction.
[[gnu::always_inline]] inline Scanned ScanAsciiWord(const CharTables& tables, const Byte* const p,
                                                    const Byte* const end, char* const buf,
                                                    const std::size_t max, const bool fold,
                                                    const bool urls,
                                                    std::size_t* out_len) noexcept {
  constexpr Scanned kFallBack{nullptr, TokenKind::kWord};
  const Byte* q = p;
  std::size_t len = 0;
  bool letter = false;
  bool point = false;  // a '.' joined
  bool first_run = true;
  for (;;) {
    bool run_ended = false;
#if LIBSEARCH_TOKENIZER_SSE2
    // Sixteen bytes at a time: the end of the run, which is data, costs no
    // mispredicted branch. Bytes >= 0x80 are negative and match no range.
    while (end - q >= 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(q));
      // x in [lo, lo + n): x + (-128 - lo) < -128 + n, signed.
      const __m128i lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
      const __m128i is_letter =
          _mm_cmplt_epi8(_mm_add_epi8(lower, _mm_set1_epi8(static_cast<char>(-128 - 'a'))),
                         _mm_set1_epi8(static_cast<char>(-128 + 26)));
      const __m128i is_digit =
          _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(static_cast<char>(-128 - '0'))),
                         _mm_set1_epi8(static_cast<char>(-128 + 10)));
      const __m128i out =
          fold ? _mm_or_si128(v, _mm_and_si128(is_letter, _mm_set1_epi8(0x20))) : v;
      const unsigned letters = static_cast<unsigned>(_mm_movemask_epi8(is_letter));
      const unsigned alnum = letters | static_cast<unsigned>(_mm_movemask_epi8(is_digit));
      const unsigned k = static_cast<unsigned>(__builtin_ctz(~alnum));  // <= 16
      // len <= max <= kMaxTokenBytes here, and buf has 16 bytes of slack.
      _mm_storeu_si128(reinterpret_cast<__m128i*>(buf + len), out);
      letter |= (letters & ((1u << k) - 1)) != 0;
      len += k;
      q += k;
      if (len > max) return kFallBack;  // too long: the general path skips it
      if (k < 16) {
        run_ended = true;
        break;
      }
    }
#endif
    // The rest (or all, without SSE2), one byte at a time.
    while (!run_ended && q < end && IsAsciiAlnum(*q)) {
      if (len >= max) return kFallBack;
      Byte b = *q;
      const bool is_letter = b > '9';
      if (fold && b >= 'A' && b <= 'Z') b = static_cast<Byte>(b | 0x20);
      buf[len++] = static_cast<char>(b);
      letter |= is_letter;
      ++q;
    }
    if (q >= end) break;
    const Byte t = *q;
    // Space, newline, brackets, quotes...: nothing to look at.
    if (kPlainEnd.Has(t)) break;
    if (t >= 0x80) {
      // Arabic letters, expansions and separators other than the joiners
      // ٫ ٬ ’ end the word; letters (é), digits and marks may continue it.
      char scratch[analysis::kMaxCharOut];
      const MappedChar m = tables.Map(q, end, scratch);
      if (m.cls == CharClass::kArabic || m.cls == CharClass::kMixed) break;
      if (m.cls != CharClass::kSeparator) return kFallBack;
      std::size_t n;
      const char32_t cp = utf8::Decode(q, end, &n);
      if (cp == 0x066B || cp == 0x066C || cp == 0x2019) return kFallBack;
      break;
    }
    if (first_run && urls) {
      // ScanLatin's first look: a "www." or "http:" prefix, then a local
      // part (which goes on through . _ % + -) that reaches '@'. Neither
      // can start a run that an apostrophe or a non-ASCII byte ends.
      const std::size_t run = static_cast<std::size_t>(q - p);
      std::size_t n = 0;
      TokenKind kind = TokenKind::kUrl;
      // One branch, not four: t is often '.', run lengths vary.
      if (((t == '.') | (t == ':')) & (run - 3 <= 2)) n = UrlLength(p, end);
      if (n == 0 && kEmailEnd.Has(t)) {
        n = EmailLength(p, end);
        kind = TokenKind::kEmail;
      }
      if (n != 0) {
        if (n > max) return kFallBack;
        CopyAscii(buf, p, n, fold);
        *out_len = n;
        return {p + n, kind};
      }
    }
    first_run = false;
    // ScanLatin's joiners need a letter or digit right after them (or past
    // deleted characters, which are not ASCII).
    if (q + 1 >= end) break;
    const Byte after = q[1];
    if (after >= 0x80) {
      if (t == '.' || t == ',' || t == '\'') return kFallBack;
      break;
    }
    if (!IsAsciiAlnum(after)) break;
    if (t == '\'') {
      // Between letters it stays, and the word goes on.
      if (!(q[-1] > '9' && after > '9')) break;
    } else if (t == '.') {
      // Between letters and digits it stays (aljazeera.net, 2.5). After a
      // first segment of one letter the word may be an acronym (U.N.),
      // whose dots go: the general path decides.
      if (!point && q - p == 1 && q[-1] > '9') return kFallBack;
      point = true;
    } else if (t == ',') {
      // A thousands separator (3,000) in a number without a point yet, before
      // exactly three digits, is dropped; otherwise it ends the number.
      if (letter || point) break;
      for (int i = 1; i <= 3; ++i) {
        if (q + i >= end) goto done;
        if (q[i] >= 0x80) return kFallBack;  // a deleted character?
        if (q[i] < '0' || q[i] > '9') goto done;
      }
      if (q + 4 < end) {
        if (q[4] >= 0x80) return kFallBack;
        if (q[4] >= '0' && q[4] <= '9') break;
      }
      ++q;
      continue;
    } else {
      break;
    }
    if (len >= max) return kFallBack;
    buf[len++] = static_cast<char>(t);
    ++q;
  }
done:
  *out_len = len;
  return {q, letter ? TokenKind::kWord : TokenKind::kNumber};
}

// A word of non-Arabic letters and digits, a number, a URL or an e-mail
// address, from p (whose mapping m is kLetter or kDigit).
Scanned ScanLatin(Scanner& s, const Byte* p, MappedChar m,
                  bool urls) noexcept {
  if (urls && p[0] < 0x80) {
    TokenKind kind = TokenKind::kUrl;
    std::size_t n = UrlLength(p, s.end);
    if (n == 0) {
      n = EmailLength(p, s.end);
      kind = TokenKind::kEmail;
    }
    if (n != 0) {
      // All ASCII: each byte maps to itself or its lower case.
      if (n > s.max) {
        s.overflow = true;
      } else {
        CopyAscii(s.buf, p, n, (s.tables.flags() & CharTables::kCase) != 0);
        s.len = n;
      }
      return {p + n, kind};
    }
  }
  bool has_letter = false, has_point = false;
  // Dotted acronym tracking: every '.'-separated segment is one letter.
  bool acronym = true;
  int segments = 1, segment_chars = 0;
  bool segment_letter = true;
  CharClass prev = m.cls;
  for (;;) {
    if (IsAlnum(m.cls)) {
      s.Append(m);
      prev = m.cls;
      if (m.cls == CharClass::kLetter) {
        has_letter = true;
      } else {
        segment_letter = false;
      }
      ++segment_chars;
      p += m.in_len;
    } else if (m.cls == CharClass::kDeleted) {
      p += m.in_len;
    } else if (m.cls == CharClass::kSeparator) {
      // Joiners: '.' between alnums, '٫' between digits, ',' '٬' before a
      // group of three digits, an apostrophe between letters.
      const Byte* after = p + m.in_len;
      if (after >= s.end) break;
      std::size_t len;
      const char32_t sep = utf8::Decode(p, s.end, &len);
      const Byte* unused;
      const CharClass next = ClassPastDeleted(s, after, &unused);
      if (!IsAlnum(next)) break;
      if (sep == '.') {
        acronym &= segment_chars == 1 && segment_letter;
        ++segments;
        segment_chars = 0;
        segment_letter = true;
        has_point = true;
        s.AppendByte('.');
      } else if (sep == 0x066B && prev == CharClass::kDigit &&
                 next == CharClass::kDigit) {
        acronym = false;
        has_point = true;
        s.AppendByte('.');
      } else if ((sep == ',' || sep == 0x066C) && prev == CharClass::kDigit &&
                 !has_letter && !has_point && ThreeDigitsAt(s, after)) {
        // thousands separator: dropped
      } else if ((sep == '\'' || sep == 0x2019) && prev == CharClass::kLetter &&
                 next == CharClass::kLetter) {
        s.AppendByte('\'');
      } else {
        break;
      }
      p = after;
    } else {
      break;  // Arabic letter or an expansion: a new token
    }
    if (p >= s.end) break;
    m = s.Map(p);
  }
  acronym &= segments >= 2 && segment_chars == 1 && segment_letter;
  if (acronym && !s.overflow) {
    // U.N. → un; the final dot belongs to the acronym.
    std::size_t w = 0;
    for (std::size_t r = 0; r < s.len; ++r) {
      if (s.buf[r] != '.') s.buf[w++] = s.buf[r];
    }
    s.len = w;
    if (p < s.end && *p == '.') ++p;
  }
  return {p, has_letter ? TokenKind::kWord : TokenKind::kNumber};
}

// The next word inside the expansion of the character at ch (a kMixed
// character such as ﷺ), starting at *offset in its output. False when the
// expansion has no word left.
bool ScanExpansion(Scanner& s, const Byte* ch, std::size_t* offset,
                   TokenKind* kind) noexcept {
  char expansion[analysis::kMaxCharOut];
  const MappedChar m = s.Map(ch);
  const std::size_t n = std::min<std::size_t>(m.out_len, sizeof expansion);
  std::memcpy(expansion, m.out, n);
  const auto* const e = reinterpret_cast<const Byte*>(expansion);
  std::size_t off = *offset;
  // The output is normalized already: each code point is its own mapping.
  auto class_at = [&](std::size_t at, std::size_t* len) {
    const char32_t cp = utf8::Decode(e + at, e + n, len);
    return cp == utf8::kInvalid ? CharClass::kSeparator
                                : s.tables.ClassOfNormalized(cp);
  };
  std::size_t len = 0;
  CharClass first = CharClass::kSeparator;
  while (off < n) {
    first = class_at(off, &len);
    if (first == CharClass::kArabic || IsAlnum(first)) break;
    off += len;
  }
  if (off >= n) {
    *offset = off;
    return false;
  }
  const bool arabic = first == CharClass::kArabic;
  bool has_letter = false;
  while (off < n) {
    const CharClass c = class_at(off, &len);
    if (arabic ? c != CharClass::kArabic : !IsAlnum(c)) break;
    has_letter |= c == CharClass::kLetter;
    s.Append(MappedChar{expansion + off, static_cast<std::uint32_t>(len),
                        static_cast<std::uint32_t>(len), c});
    off += len;
  }
  *offset = off;
  *kind = arabic ? TokenKind::kArabic
                 : has_letter ? TokenKind::kWord : TokenKind::kNumber;
  return true;
}

}  // namespace

const char* TokenKindName(TokenKind kind) noexcept {
  switch (kind) {
    case TokenKind::kArabic: return "arabic";
    case TokenKind::kWord: return "word";
    case TokenKind::kNumber: return "number";
    case TokenKind::kUrl: return "url";
    case TokenKind::kEmail: return "email";
  }
  return "unknown";
}

bool TokenStream::Next(Token* token) noexcept { return NextInline<false>(token, nullptr); }

// The rest of an Arabic word that Next() began: the word's first `len`
// bytes are in buf_, from pos_ to `stop`.
[[gnu::noinline]] bool TokenStream::NextArabic(Token* token, std::size_t len,
                                               const unsigned char* stop) noexcept {
  const CharTables& tables = *static_cast<const CharTables*>(tables_);
  const auto* const begin = reinterpret_cast<const Byte*>(text_.data());
  const auto* const end = begin + text_.size();
  const std::size_t max = std::min(options_->max_token_bytes, kMaxTokenBytes);
  Scanner s(tables, end, buf_, max);
  s.len = len;
  stop = ScanArabic(s, stop);
  const std::size_t start = pos_;
  pos_ = static_cast<std::size_t>(stop - begin);
  if (!s.overflow) {  // len > 0: the first letter is in
    token->text = std::string_view(buf_, s.len);
    token->begin = start;
    token->end = pos_;
    token->position = position_++;
    token->kind = TokenKind::kArabic;
    return true;
  }
  return NextGeneral(token);
}

// Everything but the common case of Next(): kept out of line so that the
// common case needs neither the Scanner nor its registers and stack.
[[gnu::noinline]] bool TokenStream::NextGeneral(Token* token) noexcept {
  const CharTables& tables = *static_cast<const CharTables*>(tables_);
  const auto* const begin = reinterpret_cast<const Byte*>(text_.data());
  const auto* const end = begin + text_.size();
  const std::size_t max = std::min(options_->max_token_bytes, kMaxTokenBytes);
  const bool fold = (tables.flags() & CharTables::kCase) != 0;
  // A token of ASCII letters and digits (most of Latin text) where Next()
  // stopped: ScanAsciiWord, in this small frame. Anything else, and a
  // token it leaves to the general rules, goes on in general().
  const Byte* tried = nullptr;
  if (pending_end_ == 0 && pos_ < text_.size() && IsAsciiAlnum(begin[pos_])) {
    tried = begin + pos_;
    std::size_t len;
    const Scanned r = ScanAsciiWord(tables, tried, end, buf_, max, fold, options_->keep_urls, &len);
    if (r.end != nullptr) {
      token->text = std::string_view(buf_, len);
      token->begin = pos_;
      pos_ = static_cast<std::size_t>(r.end - begin);
      token->end = pos_;
      token->position = position_++;
      token->kind = r.kind;
      return true;
    }
  }
  // Its own frame: the Scanner and the loop's registers are set up only
  // here.
  const auto general = [this, token, &tables, begin, end, max, fold,
                        tried]() __attribute__((noinline)) -> bool {
    Scanner s(tables, end, buf_, max);
    for (;;) {
      s.len = 0;
      s.overflow = false;
      TokenKind kind;
      if (pending_end_ != 0) {
        if (!ScanExpansion(s, begin + pending_begin_, &pending_offset_, &kind)) {
          pending_end_ = 0;
          continue;
        }
        if (s.overflow) continue;
        token->text = std::string_view(buf_, s.len);
        token->begin = pending_begin_;
        token->end = pending_end_;
        token->position = position_++;
        token->kind = kind;
        return true;
      }
      const Byte* p = begin + pos_;
      MappedChar m;
      for (;;) {
        if (p >= end) {
          pos_ = text_.size();
          return false;
        }
        m = s.Map(p);
        if (m.cls != CharClass::kSeparator && m.cls != CharClass::kDeleted) break;
        p += m.in_len;
      }
      const std::size_t start = static_cast<std::size_t>(p - begin);
      const Byte* stop;
      if (m.cls == CharClass::kMixed) {
        // Its words are emitted one by one from the pending state, all with
        // this character's byte range.
        pending_begin_ = start;
        pending_end_ = start + m.in_len;
        pending_offset_ = 0;
        pos_ = pending_end_;
        continue;
      }
      if (p[0] < 0x80 && IsAlnum(m.cls) && p != tried) {
        // After a separator that Next() did not skip (“, —).
        std::size_t len;
        const Scanned r = ScanAsciiWord(tables, p, end, buf_, max, fold, options_->keep_urls, &len);
        if (r.end != nullptr) {
          pos_ = static_cast<std::size_t>(r.end - begin);
          token->text = std::string_view(buf_, len);
          token->begin = start;
          token->end = pos_;
          token->position = position_++;
          token->kind = r.kind;
          return true;
        }
      }
      if (m.cls == CharClass::kArabic) {
        stop = ScanArabic(s, p);
        kind = TokenKind::kArabic;
      } else {
        const Scanned r = ScanLatin(s, p, m, options_->keep_urls);
        stop = r.end;
        kind = r.kind;
      }
      pos_ = static_cast<std::size_t>(stop - begin);
      if (s.overflow || s.len == 0) continue;  // too long: skipped, no position
      token->text = std::string_view(buf_, s.len);
      token->begin = start;
      token->end = pos_;
      token->position = position_++;
      token->kind = kind;
      return true;
    }
  };
  return general();
}

Tokenizer::Tokenizer(const NormalizerOptions& normalizer,
                     const TokenizerOptions& options)
    : normalizer_(normalizer), options_(options) {
  // Build the character tables here so that Next() need not look them up.
  const analysis::CharTables& tables = analysis::CharTables::For(normalizer_);
  tables_ = &tables;
  // The batch's blocks read 32 bytes and keep 16 letters whole.
  batch_ = tables.block_plan().enabled &&
           std::min(options_.max_token_bytes, TokenStream::kMaxTokenBytes) >= 32;
}

std::string Tokenizer::Description() const {
  std::string d = "tok/1:";
  d += std::to_string(std::min(options_.max_token_bytes,
                               TokenStream::kMaxTokenBytes));
  if (options_.keep_urls) d += ",url";
  return d;
}

}  // namespace libsearch
