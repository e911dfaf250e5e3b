// libsearch/document.h: a news article as the index stores it.
#ifndef LIBSEARCH_DOCUMENT_H_
#define LIBSEARCH_DOCUMENT_H_

#include <string>

namespace libsearch {

struct NewsDocument {
  std::string id;      // required, unique in the index; at most 200 bytes
  std::string title;   // free text, searched (title: prefix) and boosted
  std::string body;    // free text, searched; snippets are cut from it
  std::string date;    // "YYYY-MM-DD", or empty when unknown
  std::string source;  // e.g. "الجزيرة" or "aljazeera.net"; filter with source:
  std::string url;     // stored and shown, not searched

  bool operator==(const NewsDocument& o) const {
    return id == o.id && title == o.title && body == o.body &&
           date == o.date && source == o.source && url == o.url;
  }
  bool operator!=(const NewsDocument& o) const { return !(*this == o); }
};

}  // namespace libsearch

#endif  // LIBSEARCH_DOCUMENT_H_
