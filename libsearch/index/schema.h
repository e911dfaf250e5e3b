// How a NewsDocument becomes a Xapian document: term prefixes, value
// slots, the stored data format and the index metadata. Everything that
// index and query must agree on lives here.
#ifndef LIBSEARCH_INDEX_SCHEMA_H_
#define LIBSEARCH_INDEX_SCHEMA_H_

#include <xapian.h>

#include <string>
#include <string_view>

#include "libsearch/analyzer.h"
#include "libsearch/document.h"

namespace libsearch {
namespace schema {

// Term prefixes (Xapian's conventions where one exists: Q unique id, S
// title, Z stemmed).
//   (none)  normalized word of body or title, with positions
//   S       normalized title word, with positions (title:"phrase")
//   Z       stem of an Arabic body or title word (no positions)
//   ZS      stem of an Arabic title word
//   Q       document id (unique-id term)
//   XSRC    normalized source name (boolean filter)
// Stopwords get no stem term; non-Arabic tokens (Latin words, numbers,
// URLs) are their own stem, so they get none either and queries use the
// unprefixed term for them.
inline constexpr std::string_view kTitlePrefix = "S";
inline constexpr std::string_view kStemPrefix = "Z";
inline constexpr std::string_view kIdPrefix = "Q";
inline constexpr std::string_view kSourcePrefix = "XSRC";

// Value slot holding the date as "YYYYMMDD" (absent when unknown).
inline constexpr Xapian::valueno kDateSlot = 0;

// Body positions start after the title's plus this gap, so a phrase never
// spans title and body.
inline constexpr Xapian::termpos kBodyPositionGap = 100;

inline constexpr std::size_t kMaxIdBytes = 200;
inline constexpr std::size_t kMaxSourceBytes = 200;

// Metadata keys.
inline constexpr const char* kMetaSchema = "libsearch.schema";
inline constexpr const char* kMetaAnalyzerOptions = "libsearch.analyzer.options";
inline constexpr const char* kMetaAnalyzerFingerprint = "libsearch.analyzer.fingerprint";
inline constexpr const char* kSchemaVersion = "1";

// The stored document data: a version byte, then the six fields as
// varint-length-prefixed byte strings. Compact and cheap to compare, which
// makes "re-indexing an unchanged article writes nothing" a byte compare.
std::string EncodeData(const NewsDocument& doc);
// Returns false if `data` is not in this format.
bool DecodeData(std::string_view data, NewsDocument* doc, bool with_body = true);

// Throws InvalidDocumentError unless doc.id is 1..kMaxIdBytes bytes and
// doc.date is empty or a real calendar date "YYYY-MM-DD".
void Validate(const NewsDocument& doc);

// Days in `month` (1–12) of `year`, Gregorian.
int DaysInMonth(int year, int month);

// "2024-03-05" → "20240305"; "" for an empty date. Assumes Validate().
std::string DateValue(std::string_view date);

// The source filter term's body: the normalized source, trimmed, runs of
// white space as one space, cut to kMaxSourceBytes at a character boundary.
std::string SourceKey(const Normalizer& normalizer, std::string_view source);

// The Xapian document for `doc`: terms, positions, value, data.
Xapian::Document BuildDocument(const Analyzer& analyzer, const NewsDocument& doc,
                               unsigned title_weight);

// AnalyzerOptions ↔ a stable text form stored in the index metadata.
std::string EncodeAnalyzerOptions(const AnalyzerOptions& options);
// Returns false when `text` is not a recognised encoding.
bool DecodeAnalyzerOptions(std::string_view text, AnalyzerOptions* options);

// Maps a Xapian exception to the library's error types, adding `path`.
[[noreturn]] void Rethrow(const Xapian::Error& e, const std::string& path);

}  // namespace schema
}  // namespace libsearch

#endif  // LIBSEARCH_INDEX_SCHEMA_H_
