// libsearch/archive/text_encoding.h (private): UTF-8 checks, legacy Arabic
// charset detection and conversion for the archive reader.
#ifndef LIBSEARCH_ARCHIVE_TEXT_ENCODING_H_
#define LIBSEARCH_ARCHIVE_TEXT_ENCODING_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "libsearch/archive.h"

namespace libsearch {
namespace archive_internal {

constexpr std::size_t kNoError = static_cast<std::size_t>(-1);

inline bool IsAscii(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  // Eight bytes at a time: a high bit anywhere means non-ASCII.
  for (; end - p >= 8; p += 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    if (w & 0x8080808080808080ull) return false;
  }
  for (; p < end; ++p)
    if (*p & 0x80) return false;
  return true;
}

// Length of the well-formed UTF-8 sequence (RFC 3629: no overlongs, no
// surrogates, nothing above U+10FFFF) starting at p, or 0 if there is none.
// `avail` is the number of bytes available from p; *truncated is set when
// the bytes so far are a valid prefix cut off by the end of the input.
inline std::size_t Utf8SequenceLength(const unsigned char* p, std::size_t avail,
                                      bool* truncated) {
  *truncated = false;
  const unsigned char b = p[0];
  if (b < 0x80) return 1;
  std::size_t n;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (b >= 0xC2 && b <= 0xDF) {
    n = 2;
  } else if (b >= 0xE0 && b <= 0xEF) {
    n = 3;
    if (b == 0xE0) lo = 0xA0;
    if (b == 0xED) hi = 0x9F;
  } else if (b >= 0xF0 && b <= 0xF4) {
    n = 4;
    if (b == 0xF0) lo = 0x90;
    if (b == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  for (std::size_t i = 1; i < n; ++i) {
    if (i >= avail) {
      *truncated = true;
      return 0;
    }
    const unsigned char c = p[i];
    if (i == 1 ? (c < lo || c > hi) : (c < 0x80 || c > 0xBF)) return 0;
  }
  return n;
}

// Offset of the first byte of `s` that is not well-formed UTF-8, or kNoError.
inline std::size_t FindInvalidUtf8(std::string_view s) {
  const auto* base = reinterpret_cast<const unsigned char*>(s.data());
  std::size_t i = 0;
  const std::size_t size = s.size();
  while (i < size) {
    if (size - i >= 8) {
      std::uint64_t w;
      std::memcpy(&w, base + i, 8);
      if (!(w & 0x8080808080808080ull)) {
        i += 8;
        continue;
      }
    }
    bool truncated;
    const std::size_t n = Utf8SequenceLength(base + i, size - i, &truncated);
    if (n == 0) return i;
    i += n;
  }
  return kNoError;
}

// 256-entry byte → UTF-8 table for a single-byte charset, built once from
// Boost.Locale. Converting by lookup avoids opening a converter per line.
class SingleByteCharset {
 public:
  explicit SingleByteCharset(Encoding encoding);

  // Appends the UTF-8 form of `in` to *out. On a byte the charset does not
  // define, returns its offset in `in` (and *out is partial); else kNoError.
  std::size_t ToUtf8(std::string_view in, std::string* out) const {
    out->reserve(out->size() + in.size() * 2);
    for (std::size_t i = 0; i < in.size(); ++i) {
      const auto b = static_cast<unsigned char>(in[i]);
      if (b < 0x80) {
        out->push_back(static_cast<char>(b));
        continue;
      }
      const Entry& e = table_[b];
      if (e.length == 0) return i;
      out->append(e.bytes, e.length);
    }
    return kNoError;
  }

  bool Defines(unsigned char b) const { return b < 0x80 || table_[b].length != 0; }

 private:
  struct Entry {
    char bytes[4];
    unsigned char length = 0;  // 0: undefined in this charset
  };
  std::array<Entry, 256> table_{};
};

// The shared table for kWindows1256 or kIso8859_6 (built on first use,
// thread-safe).
const SingleByteCharset& CharsetFor(Encoding encoding);

// Guesses the encoding of `sample` (never returns kAuto). Pure ASCII and
// text most of whose non-ASCII sequences are well-formed UTF-8 are UTF-8, so a stray bad byte in a UTF-8 file stays a local
// problem. Otherwise: any byte in 0x80–0x9F or one that ISO-8859-6 leaves
// undefined means Windows-1256, else ISO-8859-6.
Encoding DetectEncoding(std::string_view sample);

}  // namespace archive_internal
}  // namespace libsearch

#endif  // LIBSEARCH_ARCHIVE_TEXT_ENCODING_H_
