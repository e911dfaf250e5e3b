// analysis/utf8.h: bounds-checked UTF-8 decoding and encoding (private).
#ifndef LIBSEARCH_ANALYSIS_UTF8_H_
#define LIBSEARCH_ANALYSIS_UTF8_H_

#include <cstddef>
#include <cstdint>

namespace libsearch {
namespace utf8 {

// Returned by Decode() for a byte that does not start a valid, shortest-form
// sequence. Not a code point, so it can never be confused with real input.
constexpr char32_t kInvalid = 0xFFFFFFFFu;

// Decodes the character at p (p < end). Sets *len to its byte length; an
// invalid, overlong, surrogate or truncated sequence yields kInvalid with
// *len == 1, so the caller resynchronises on the next byte. Never reads at or
// beyond `end`.
inline char32_t Decode(const unsigned char* p, const unsigned char* end,
                       std::size_t* len) noexcept {
  const unsigned b0 = p[0];
  *len = 1;
  if (b0 < 0x80) return b0;
  const std::ptrdiff_t avail = end - p;
  if (b0 < 0xC2) return kInvalid;  // continuation byte or overlong C0/C1
  if (b0 < 0xE0) {
    if (avail < 2 || (p[1] & 0xC0) != 0x80) return kInvalid;
    *len = 2;
    return ((b0 & 0x1Fu) << 6) | (p[1] & 0x3Fu);
  }
  if (b0 < 0xF0) {
    if (avail < 3) return kInvalid;
    const unsigned b1 = p[1];
    // E0 needs A0..BF (else overlong), ED needs 80..9F (else surrogate).
    const unsigned lo = b0 == 0xE0 ? 0xA0 : 0x80;
    const unsigned hi = b0 == 0xED ? 0x9F : 0xBF;
    if (b1 < lo || b1 > hi || (p[2] & 0xC0) != 0x80) return kInvalid;
    *len = 3;
    return ((b0 & 0x0Fu) << 12) | ((b1 & 0x3Fu) << 6) | (p[2] & 0x3Fu);
  }
  if (b0 < 0xF5) {
    if (avail < 4) return kInvalid;
    const unsigned b1 = p[1];
    // F0 needs 90..BF (else overlong), F4 needs 80..8F (else > U+10FFFF).
    const unsigned lo = b0 == 0xF0 ? 0x90 : 0x80;
    const unsigned hi = b0 == 0xF4 ? 0x8F : 0xBF;
    if (b1 < lo || b1 > hi || (p[2] & 0xC0) != 0x80 ||
        (p[3] & 0xC0) != 0x80) {
      return kInvalid;
    }
    *len = 4;
    return ((b0 & 0x07u) << 18) | ((b1 & 0x3Fu) << 12) |
           ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu);
  }
  return kInvalid;  // F5..FF never appear in UTF-8
}

// Writes c (a valid scalar value) to out; returns the byte count (1..4).
inline std::size_t Encode(char32_t c, char* out) noexcept {
  if (c < 0x80) {
    out[0] = static_cast<char>(c);
    return 1;
  }
  if (c < 0x800) {
    out[0] = static_cast<char>(0xC0 | (c >> 6));
    out[1] = static_cast<char>(0x80 | (c & 0x3F));
    return 2;
  }
  if (c < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (c >> 12));
    out[1] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (c & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (c >> 18));
  out[1] = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (c & 0x3F));
  return 4;
}

}  // namespace utf8
}  // namespace libsearch

#endif  // LIBSEARCH_ANALYSIS_UTF8_H_
