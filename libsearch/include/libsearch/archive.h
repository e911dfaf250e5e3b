// libsearch/archive.h: reading news archives into NewsDocuments.
//
// Two layouts:
//  - JSON Lines: one article per line, plain or gzip-compressed (.gz is
//    recognised by its magic bytes, not its name). Field names are mapped by
//    JsonFieldMap.
//  - A directory tree of text files: each regular file is one article; its
//    first non-empty line is the title, the rest the body; its id is its
//    path relative to the root. Hidden files and directories are skipped.
//    Files are visited in sorted path order, so runs are reproducible.
//
// Encodings: UTF-8 (with or without BOM), Windows-1256 and ISO-8859-6,
// converted to UTF-8 with Boost.Locale. kAuto decides per file: valid UTF-8
// is UTF-8; otherwise bytes 0x80–0x9F or letters outside ISO-8859-6's
// Arabic block mean Windows-1256, else ISO-8859-6.
//
// Bad input never stops the reader: each bad article comes back as a
// Problem naming the file and line (and is counted), and reading goes on
// with the next one. A problem that ends a file (truncated .gz, unreadable
// file) comes back the same way, with the line where reading stopped.
#ifndef LIBSEARCH_ARCHIVE_H_
#define LIBSEARCH_ARCHIVE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "libsearch/document.h"
#include "libsearch/export.h"

namespace libsearch {

enum class Encoding { kAuto, kUtf8, kWindows1256, kIso8859_6 };

// Accepts "auto", "utf-8"/"utf8", "windows-1256"/"cp1256",
// "iso-8859-6"/"iso8859-6" (any case). Returns false for anything else.
LIBSEARCH_EXPORT bool ParseEncoding(std::string_view name, Encoding* out);
LIBSEARCH_EXPORT const char* EncodingName(Encoding encoding) noexcept;

// Which JSON member holds which field. Each entry lists candidate names,
// tried in order; the first present wins. Members that are numbers are
// accepted for id (converted to text).
struct JsonFieldMap {
  std::vector<std::string> id = {"id"};
  std::vector<std::string> title = {"title", "headline"};
  std::vector<std::string> body = {"body", "text", "content"};
  std::vector<std::string> date = {"date"};
  std::vector<std::string> source = {"source"};
  std::vector<std::string> url = {"url"};
};

struct ArchiveOptions {
  // Default: kAuto.
  Encoding encoding = Encoding::kAuto;
  // Default: the names above.
  JsonFieldMap fields;
  // A JSON line or text file longer than this is skipped as a Problem
  // (without holding it in memory). Default: 8 MiB.
  std::size_t max_record_bytes = 8u << 20;
};

// One article read, or one article (or file) that could not be.
struct ArchiveRecord {
  enum class Kind { kDocument, kProblem };
  Kind kind = Kind::kDocument;
  NewsDocument document;      // kDocument only
  std::string file;           // the file it came from
  std::uint64_t line = 0;     // 1-based line in `file` (JSONL); 0 for a whole file
  std::string problem;        // kProblem only: what is wrong, for a person
  std::uint64_t bytes = 0;    // input bytes this record consumed
};

class LIBSEARCH_EXPORT ArchiveReader {
 public:
  // `path` is a JSON Lines file (plain or .gz), "-" for standard input, or
  // a directory of text files (and of .jsonl/.jsonl.gz files, which are read
  // as JSON Lines). Throws InputError if `path` does not exist or cannot be
  // opened at all.
  ArchiveReader(const std::string& path, const ArchiveOptions& options = ArchiveOptions());
  ~ArchiveReader();
  ArchiveReader(const ArchiveReader&) = delete;
  ArchiveReader& operator=(const ArchiveReader&) = delete;

  // Fills *record with the next article or problem. Returns false at the end.
  bool Next(ArchiveRecord* record);

  // Total size of the input files in bytes, when known up front (0 for
  // stdin); for progress display.
  std::uint64_t total_bytes() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace libsearch

#endif  // LIBSEARCH_ARCHIVE_H_
