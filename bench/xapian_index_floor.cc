// xapian_index_floor: the least work a positional Xapian 1.4 index of the
// news archive can be given, to bound what any term scheme on Xapian's
// writer can reach (bench/index_bench.sh runs it beside the real systems).
//
//   xapian_index_floor NEWS.jsonl[.gz] DBDIR [MAX_ARTICLES [SHARD/SHARDS]]
//
// With SHARD/SHARDS (e.g. 0/2) it indexes only every SHARDS-th article from
// the SHARD-th on, so that SHARDS processes build shards in parallel
// (index_bench.sh merges them with xapian-compact, as --shards does).
//
// It holds what Lucene++'s ArabicAnalyzer index in lucene_index_baseline
// holds: one term per token, with positions — the light stem of an Arabic
// word, the token itself otherwise, stopwords dropped — title and body
// under the same terms, the id, no stored text, no exact forms, no title
// field. One writer, commits every 1,000 articles (the cheapest batch size
// measured for libsearch-index on this corpus). Prints one JSON line.
#include <xapian.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "libsearch/analyzer.h"
#include "news_corpus.h"

namespace {

void AddField(const libsearch::Analyzer& analyzer, const std::string& text,
              Xapian::termpos base, Xapian::Document* doc, std::string* term) {
  libsearch::AnalyzedStream stream = analyzer.Analyze(text);
  libsearch::AnalyzedToken t;
  while (stream.Next(&t)) {
    if (t.stopword) continue;
    term->assign(t.stem);
    doc->add_posting(*term, base + t.token.position + 1);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s NEWS.jsonl[.gz] DBDIR [MAX_ARTICLES]\n", argv[0]);
    return 2;
  }
  const unsigned long long max_articles = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 0;
  unsigned long long shard = 0, shards = 1;
  if (argc > 4 && (std::sscanf(argv[4], "%llu/%llu", &shard, &shards) != 2 || shards == 0 ||
                   shard >= shards)) {
    std::fprintf(stderr, "bad SHARD/SHARDS: %s\n", argv[4]);
    return 2;
  }
  bench::NewsCorpus corpus(argv[1]);
  if (!corpus.ok()) {
    std::fprintf(stderr, "cannot open %s\n", argv[1]);
    return 2;
  }
  const auto start = std::chrono::steady_clock::now();
  try {
    Xapian::WritableDatabase db(argv[2], Xapian::DB_CREATE_OR_OVERWRITE);
    const libsearch::Analyzer analyzer;
    std::string term;
    bench::Article a;
    unsigned long long mine = 0;
    while ((max_articles == 0 || corpus.articles() < max_articles) && corpus.Next(&a)) {
      if ((corpus.articles() - 1) % shards != shard) continue;
      Xapian::Document doc;
      AddField(analyzer, a.title, 0, &doc, &term);
      AddField(analyzer, a.body, 100000, &doc, &term);
      doc.add_boolean_term("Q" + a.id);
      db.replace_document("Q" + a.id, doc);
      if (++mine % 1000 == 0) db.commit();
    }
    db.commit();
  } catch (const Xapian::Error& e) {
    std::fprintf(stderr, "%s\n", e.get_description().c_str());
    return 1;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  bench::PrintSummary("xapian-floor", corpus, seconds);
  return 0;
}
