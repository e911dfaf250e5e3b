// lucene_index_baseline: Lucene++ indexing the news archive, the mark
// bench/index_bench.sh compares libsearch-index with (built only when
// Lucene++ is installed).
//
//   lucene_index_baseline NEWS.jsonl[.gz] INDEXDIR [MAX_ARTICLES]
//
// ArabicAnalyzer, one IndexWriter with its default RAM buffer, the id as an
// untokenized stored field (updateDocument by it, like an upsert), title
// and body tokenized with positions but not stored (Lucene++ 3 has no
// stored-field compression; this is the configuration behind the 39 MB
// figure in shared/docs/arabic-text.md). UTF-8 → UTF-32 conversion is part
// of the timed work, as it is for any UTF-8 caller. Prints one JSON line.
#include <lucene++/LuceneHeaders.h>
#include <lucene++/ArabicAnalyzer.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "news_corpus.h"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s NEWS.jsonl[.gz] INDEXDIR [MAX_ARTICLES]\n", argv[0]);
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
    using namespace Lucene;
    IndexWriterPtr writer = newLucene<IndexWriter>(
        FSDirectory::open(StringUtils::toUnicode(argv[2])),
        newLucene<ArabicAnalyzer>(LuceneVersion::LUCENE_CURRENT), true,
        IndexWriter::MaxFieldLengthUNLIMITED);
    bench::Article a;
    while ((max_articles == 0 || corpus.articles() < max_articles) && corpus.Next(&a)) {
      const String id = StringUtils::toUnicode(a.id);
      DocumentPtr doc = newLucene<Document>();
      doc->add(newLucene<Field>(L"id", id, Field::STORE_YES, Field::INDEX_NOT_ANALYZED));
      doc->add(newLucene<Field>(L"title", StringUtils::toUnicode(a.title), Field::STORE_NO,
                                Field::INDEX_ANALYZED));
      doc->add(newLucene<Field>(L"body", StringUtils::toUnicode(a.body), Field::STORE_NO,
                                Field::INDEX_ANALYZED));
      writer->updateDocument(newLucene<Term>(L"id", id), doc);
    }
    writer->close();
  } catch (Lucene::LuceneException& e) {
    std::fprintf(stderr, "Lucene++: %s\n", Lucene::StringUtils::toUTF8(e.getError()).c_str());
    return 1;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  bench::PrintSummary("lucene", corpus, seconds);
  return 0;
}
