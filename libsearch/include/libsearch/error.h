// libsearch/error.h: the exceptions the library throws.
//
// Every exception the library throws derives from libsearch::Error, so a
// caller that only wants "it failed, tell the user" catches that one type.
// Messages are written for the person at the terminal: they name the file,
// line, index path or query position involved and say what to do.
//
// The analyzer (Normalizer, Tokenizer, Stemmer) never throws: it accepts any
// byte sequence. Only I/O, the index and the query parser throw.
#ifndef LIBSEARCH_ERROR_H_
#define LIBSEARCH_ERROR_H_

#include <cstddef>
#include <stdexcept>
#include <string>

#include "libsearch/export.h"

namespace libsearch {

// Base of everything the library throws.
class LIBSEARCH_EXPORT Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
};

// The index does not exist (opening for search) or cannot be opened
// (not a Xapian database, unreadable, corrupt).
class LIBSEARCH_EXPORT IndexNotFoundError : public Error {
 public:
  using Error::Error;
};

// Another process holds the index's write lock.
class LIBSEARCH_EXPORT IndexLockedError : public Error {
 public:
  using Error::Error;
};

// The index was built by a different analyzer (name/version/options) than
// the one asked to search or update it. Re-index, or open it with the
// analyzer options recorded in the index (Index::analyzer_fingerprint()).
class LIBSEARCH_EXPORT AnalyzerMismatchError : public Error {
 public:
  using Error::Error;
};

// Any other failure of the underlying engine (I/O error, corruption, a
// remote shard that went away). The message carries Xapian's own text.
class LIBSEARCH_EXPORT IndexError : public Error {
 public:
  using Error::Error;
};

// A document the index cannot take (empty id, id too long, date not
// YYYY-MM-DD).
class LIBSEARCH_EXPORT InvalidDocumentError : public Error {
 public:
  using Error::Error;
};

// A query that cannot be parsed: unbalanced quote or parenthesis, an
// impossible date range, an operator with nothing to apply to. position()
// is the byte offset into the query string as the caller gave it.
class LIBSEARCH_EXPORT QueryError : public Error {
 public:
  QueryError(const std::string& message, std::size_t position)
      : Error(message), position_(position) {}
  std::size_t position() const noexcept { return position_; }

 private:
  std::size_t position_;
};

// Input that cannot be read at all: a missing or unreadable file or
// directory, a truncated .gz, an unknown encoding name.
class LIBSEARCH_EXPORT InputError : public Error {
 public:
  using Error::Error;
};

}  // namespace libsearch

#endif  // LIBSEARCH_ERROR_H_
