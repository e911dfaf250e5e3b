// The query language of index.h, parsed into a Xapian::Query with the same
// Analyzer that built the index, so query terms and index terms agree by
// construction.
#ifndef LIBSEARCH_INDEX_QUERY_PARSER_H_
#define LIBSEARCH_INDEX_QUERY_PARSER_H_

#include <xapian.h>

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "libsearch/analyzer.h"
#include "libsearch/index.h"

namespace libsearch {

// What the highlighter should mark: the positive (not excluded) parts of
// the query, in analyzed form.
struct HighlightSpec {
  std::set<std::string> stems;                 // Arabic stems of plain words
  std::set<std::string> words;                 // normalized words, matched exactly
  std::vector<std::vector<std::string>> phrases;  // normalized word sequences
  bool empty() const { return stems.empty() && words.empty() && phrases.empty(); }
};

struct ParsedQuery {
  Xapian::Query query;
  HighlightSpec highlight;
};

class QueryParser {
 public:
  // exact_form_weight: SearchOptions::exact_form_weight.
  QueryParser(const Analyzer& analyzer, DefaultOperator default_operator,
              double exact_form_weight = SearchOptions().exact_form_weight)
      : analyzer_(analyzer),
        default_operator_(default_operator),
        exact_form_weight_(exact_form_weight) {}

  // Throws QueryError with the byte position in `query`.
  ParsedQuery Parse(std::string_view query) const;

 private:
  const Analyzer& analyzer_;
  DefaultOperator default_operator_;
  double exact_form_weight_;
};

}  // namespace libsearch

#endif  // LIBSEARCH_INDEX_QUERY_PARSER_H_
