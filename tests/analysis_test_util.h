// Helpers shared by normalizer_test.cc and tokenizer_test.cc.
#ifndef LIBSEARCH_TESTS_ANALYSIS_TEST_UTIL_H_
#define LIBSEARCH_TESTS_ANALYSIS_TEST_UTIL_H_

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "libsearch/normalizer.h"

#include <cstdint>
#include <cstdio>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace analysis_test {

// UTF-8 of one code point.
inline std::string U8(char32_t cp) {
  std::string s;
  if (cp < 0x80) {
    s += static_cast<char>(cp);
  } else if (cp < 0x800) {
    s += static_cast<char>(0xC0 | (cp >> 6));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    s += static_cast<char>(0xE0 | (cp >> 12));
    s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    s += static_cast<char>(0xF0 | (cp >> 18));
    s += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return s;
}

// Validity by ICU's decoder, independent of the library's own.
inline bool IsValidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
  }
  return true;
}

// Decodes the JSON string starting just after an opening quote.
inline std::string JsonString(std::string_view s, size_t i) {
  std::string out;
  while (i < s.size() && s[i] != '"') {
    if (s[i] != '\\') {
      out += s[i++];
      continue;
    }
    const char e = s[i + 1];
    i += 2;
    switch (e) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'u': {
        char32_t cp = std::stoul(std::string(s.substr(i, 4)), nullptr, 16);
        i += 4;
        if (cp >= 0xD800 && cp < 0xDC00 && s.substr(i, 2) == "\\u") {
          const char32_t lo = std::stoul(std::string(s.substr(i + 2, 4)), nullptr, 16);
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          i += 6;
        }
        if (cp >= 0xD800 && cp < 0xE000) cp = 0xFFFD;
        out += U8(cp);
        break;
      }
      default: out += e; break;
    }
  }
  return out;
}

// The bodies of the first `count` articles of the news sample, or nothing
// when the data is not there.
inline std::vector<std::string> NewsTexts(int count) {
  std::vector<std::string> texts;
  const std::string cmd = std::string("zcat '") + LIBSEARCH_SHARED_DIR +
                          "/data/news/news.jsonl.gz' 2>/dev/null | head -n " +
                          std::to_string(count);
  FILE* f = popen(cmd.c_str(), "r");
  if (f == nullptr) return texts;
  std::string line;
  char buf[65536];
  while (fgets(buf, sizeof buf, f) != nullptr) {
    line += buf;
    if (line.empty() || line.back() != '\n') continue;
    const size_t k = line.find("\"text\": \"");
    if (k != std::string::npos) texts.push_back(JsonString(line, k + 9));
    line.clear();
  }
  pclose(f);
  return texts;
}

// Sentences (split at newlines and full stops) of the news sample.
inline std::vector<std::string> NewsSentences(int articles) {
  std::vector<std::string> out;
  for (const std::string& t : NewsTexts(articles)) {
    size_t start = 0;
    for (size_t i = 0; i <= t.size(); ++i) {
      if (i == t.size() || t[i] == '\n' || (t[i] == '.' && i + 1 < t.size() && t[i + 1] == ' ')) {
        if (i > start + 1) out.push_back(t.substr(start, i - start));
        start = i + 1;
      }
    }
  }
  return out;
}

// A random mix of Arabic letters, marks, tatweel, digits of both scripts,
// Latin letters, spaces and format controls.
inline std::string RandomMix(std::mt19937& rng, int chars) {
  static const std::vector<char32_t> pool = {
      0x0627, 0x0628, 0x062A, 0x0645, 0x062D, 0x062F, 0x0644, 0x0648, 0x064A,
      0x0646, 0x0647, 0x0629, 0x0649, 0x0622, 0x0623, 0x0625, 0x0671, 0x0624,
      0x0626, 0x06CC, 0x06A9, 0x06C1, 0x06D2, 0x064B, 0x064E, 0x064F, 0x0650,
      0x0651, 0x0652, 0x0670, 0x0640, 0x0610, 0x06D6, 0x0660, 0x0665, 0x0669,
      0x06F4, 0x200C, 0x200D, 0x200F, 0x00AD, 'a',    'b',    'Z',    'Q',
      '0',    '7',    ' ',    ' ',    ' ',    0x00E9, 0x00C9, 0x0416, 0x03A3};
  std::string s;
  for (int i = 0; i < chars; ++i) s += U8(pool[rng() % pool.size()]);
  return s;
}

// A deliberately simple reference normalizer for differential tests: decode
// with ICU, then apply the rules of normalizer.h one at a time, one code
// point at a time. Slow and obvious on purpose.
inline bool RefIsFormatControl(char32_t c) {
  return c == 0x00AD || c == 0x061C || (c >= 0x0600 && c <= 0x0605) ||
         c == 0x200B || (c >= 0x200D && c <= 0x200F) ||
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x2064) ||
         (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF;
}

inline std::string RefMap(char32_t c, const libsearch::NormalizerOptions& o) {
  if (c >= 0x064B && c <= 0x065F) return "";  // harakat and other marks
  if (c == 0x0670 || c == 0x0640) return "";  // dagger alef, tatweel
  if (o.strip_quranic_marks &&
      ((c >= 0x0610 && c <= 0x061A) || (c >= 0x06D6 && c <= 0x06ED))) {
    return "";
  }
  if (c == 0x200C) return o.zwnj == libsearch::ZwnjPolicy::kRemove ? "" : U8(c);
  if (RefIsFormatControl(c)) return "";
  if (c == 0x0622 || c == 0x0623 || c == 0x0625 || c == 0x0671) return U8(0x0627);
  if (c == 0x0649) return U8(0x064A);
  if (c == 0x0629 && o.fold_teh_marbuta) return U8(0x0647);
  if ((c == 0x0624 || c == 0x0626) && o.fold_hamza_seats) return U8(0x0621);
  if (o.fold_persian_letters) {
    if (c == 0x06CC || c == 0x06D2 || c == 0x06D3) return U8(0x064A);
    if (c == 0x06A9) return U8(0x0643);
    if (c == 0x06BE || (c >= 0x06C0 && c <= 0x06C2)) return U8(0x0647);
  }
  if (o.fold_digits && c >= 0x0660 && c <= 0x0669) return U8('0' + (c - 0x0660));
  if (o.fold_digits && c >= 0x06F0 && c <= 0x06F9) return U8('0' + (c - 0x06F0));
  if (c < 0x80) {
    if (o.fold_case && c >= 'A' && c <= 'Z') return U8(c + 32);
    return U8(c);
  }
  // Letters of other scripts: NFKC, case folded when asked.
  if (!(c >= 0x0600 && c <= 0x06FF) && (u_isalpha(c) || u_isdigit(c))) {
    UErrorCode err = U_ZERO_ERROR;
    const icu::Normalizer2* n = o.fold_case
                                    ? icu::Normalizer2::getNFKCCasefoldInstance(err)
                                    : icu::Normalizer2::getNFKCInstance(err);
    icu::UnicodeString in(static_cast<UChar32>(c)), out;
    n->normalize(in, out, err);
    std::string r;
    for (int32_t i = 0; i < out.length();) {
      const UChar32 d = out.char32At(i);
      r += d == static_cast<UChar32>(c) ? U8(c) : RefMap(static_cast<char32_t>(d), o);
      i += U16_LENGTH(d);
    }
    return r;
  }
  return U8(c);
}

inline std::string RefNormalize(std::string_view text,
                                const libsearch::NormalizerOptions& o) {
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t n = static_cast<int32_t>(text.size());
  std::string out;
  for (int32_t i = 0; i < n;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) {  // one U+FFFD per byte of an invalid sequence
      out += U8(0xFFFD);
      i = start + 1;
      continue;
    }
    out += RefMap(static_cast<char32_t>(c), o);
  }
  return out;
}

}  // namespace analysis_test

#endif  // LIBSEARCH_TESTS_ANALYSIS_TEST_UTIL_H_
