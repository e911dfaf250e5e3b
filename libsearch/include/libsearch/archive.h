// libsearch/archive.h: reading news archives into NewsDocuments.
//
// Two layouts:
//  - JSON Lines: one article per line, plain or gzip-compressed (.gz is
//    recognised by its magic bytes, not its name), streamed in chunks.
//    Field names are mapped by JsonFieldMap. Blank lines are skipped; CRLF
//    line ends and a UTF-8 BOM are accepted. The date member may be
//    "YYYY-MM-DD" or an ISO 8601 timestamp ("2024-03-05T10:00:00Z" gives
//    "2024-03-05": the date as written, not shifted by the time zone).
//  - A directory tree of text files: each regular file is one article; its
//    first non-empty line is the title (trimmed), the rest the body; its id
//    is its path relative to the root, with '/' separators. Hidden files and
//    directories are skipped; symbolic links to files are followed, to
//    directories not. Files named *.jsonl, *.jsonl.gz or *.json.gz are read
//    as JSON Lines instead. Files are visited in sorted path order (byte
//    order of the relative path), so runs are reproducible.
//  - A single file path: gzip data, or text whose first non-blank byte
//    (after a BOM) is '{', is JSON Lines; any other file is one text
//    article whose id is the file name. Pipes and devices are JSON Lines.
//
// Encodings: UTF-8 (with or without BOM), Windows-1256 and ISO-8859-6,
// converted to UTF-8 with Boost.Locale. kAuto decides once per file, from
// up to 64 KiB starting at the first line with non-ASCII bytes (the whole
// start of a text file): a BOM, or text most of whose non-ASCII sequences
// are well-formed UTF-8, is UTF-8 (legacy Arabic text is almost all
// invalid UTF-8, so the majority is a safe line); otherwise bytes
// 0x80–0x9F or bytes ISO-8859-6 leaves undefined mean Windows-1256, else
// ISO-8859-6. So one bad line in a UTF-8 file is an invalid-UTF-8 problem
// for that line, not a reason to read the whole file as Windows-1256.
//
// Bad input never stops the reader: each bad article comes back as a
// Problem naming the file and line (and is counted), and reading goes on
// with the next one. A problem that ends a file (truncated .gz, unreadable
// file) comes back the same way, with the line where reading stopped.
// Problem messages start with "line N: " for JSON Lines; byte positions in
// them are 1-based within the line ("invalid UTF-8 at byte 45 (0xFF)").
// A record whose only fault is its date is kept, without the date, and
// says so in ArchiveRecord::warning.
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
// tried in order; the first present wins (a null or "" member counts as
// absent). Members that are whole numbers are accepted for id (converted to
// text); any other field of the wrong type makes the line a Problem, except
// the date (see ArchiveRecord::warning). Other members are ignored.
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
  // (without holding a long line in memory). Default: 8 MiB.
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
  // kDocument only: set when the article was kept but something in it was
  // dropped (an unreadable date), for a person; empty otherwise.
  std::string warning;
  // Input bytes this record consumed, including blank lines before it. For
  // gzip these are compressed bytes, spread over the lines by the
  // compression ratio; over a whole run they add up to total_bytes().
  std::uint64_t bytes = 0;
};

// One reader is used by one thread at a time. For gzip data in a regular
// file it runs a helper thread of its own that inflates a few MiB ahead,
// so decompression overlaps the caller's work; it ends with the reader.
class LIBSEARCH_EXPORT ArchiveReader {
 public:
  // `path` is a JSON Lines file (plain or .gz), "-" for standard input, or
  // a directory of text files (and of .jsonl/.jsonl.gz files, which are read
  // as JSON Lines), or a single text file (see above). Throws InputError,
  // naming `path`, if it does not exist or cannot be opened at all; files
  // inside a directory that cannot be read are Problems instead.
  ArchiveReader(const std::string& path, const ArchiveOptions& options = ArchiveOptions());
  ~ArchiveReader();
  ArchiveReader(const ArchiveReader&) = delete;
  ArchiveReader& operator=(const ArchiveReader&) = delete;

  // Fills *record (reset first) with the next article or problem. Returns
  // false at the end.
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
