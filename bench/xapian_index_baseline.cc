// xapian_index_baseline: stock Xapian indexing the news archive, the peer
// bench/index_bench.sh measures libsearch-index against.
//
//   xapian_index_baseline NEWS.jsonl[.gz] DBDIR [MAX_ARTICLES]
//
// What a Xapian user writes without libsearch: one WritableDatabase, one
// TermGenerator with Stem("arabic") and STEM_SOME (words with positions,
// Z-prefixed stems without), the title also under the S prefix, the id as a
// Q term, title and body stored as the document data, Xapian's default
// flush threshold, one commit at the end. Prints one JSON line.
#include <xapian.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "news_corpus.h"
#include "xapian_stock.h"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s NEWS.jsonl[.gz] DBDIR [MAX_ARTICLES]\n", argv[0]);
    return 2;
  }
  const unsigned long long max_articles = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 0;
  bench::NewsCorpus corpus(argv[1]);
  if (!corpus.ok()) {
    std::fprintf(stderr, "cannot open %s\n", argv[1]);
    return 2;
  }
  const auto start = std::chrono::steady_clock::now();
  try {
    Xapian::WritableDatabase db(argv[2], Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator tg = bench::StockTermGenerator();
    bench::Article a;
    while ((max_articles == 0 || corpus.articles() < max_articles) && corpus.Next(&a)) {
      db.replace_document("Q" + a.id, bench::StockDocument(tg, a));
    }
    db.commit();
  } catch (const Xapian::Error& e) {
    std::fprintf(stderr, "%s\n", e.get_description().c_str());
    return 1;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  bench::PrintSummary("xapian", corpus, seconds);
  return 0;
}
