// bench/xapian_stock.h: the stock Xapian document of a news article, as a
// Xapian user writes it without libsearch. xapian_index_baseline and
// term_scheme_cost both measure it, so both must build the same one.
#ifndef LIBSEARCH_BENCH_XAPIAN_STOCK_H_
#define LIBSEARCH_BENCH_XAPIAN_STOCK_H_

#include <xapian.h>

#include "news_corpus.h"

namespace bench {

// A TermGenerator with Stem("arabic") and STEM_SOME: words with positions,
// Z-prefixed stems without.
inline Xapian::TermGenerator StockTermGenerator() {
  Xapian::TermGenerator tg;
  tg.set_stemmer(Xapian::Stem("arabic"));
  tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  return tg;
}

// The title also under the S prefix, the id as a Q term, title and body
// stored as the document data.
inline Xapian::Document StockDocument(Xapian::TermGenerator& tg, const Article& a) {
  Xapian::Document doc;
  tg.set_document(doc);
  tg.index_text(a.title, 1, "S");
  tg.index_text(a.title);
  tg.increase_termpos();
  tg.index_text(a.body);
  doc.add_boolean_term("Q" + a.id);
  doc.set_data(a.title + "\n" + a.body);
  return doc;
}

}  // namespace bench

#endif  // LIBSEARCH_BENCH_XAPIAN_STOCK_H_
