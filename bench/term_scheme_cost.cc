// term_scheme_cost: what each part of an index's term scheme costs Xapian's
// writer, on the first N articles of the news archive. For the "what
// limits further speed" part of bench/RESULTS.md (Indexing speed).
//
//   term_scheme_cost NEWS.jsonl[.gz] N DBDIR [SCHEME...]
//
// Articles are read and kept in memory first; then, per scheme, each one is
// analysed into a Xapian::Document ("build", CPU s) and written with
// replace_document by its Q id term, committing every 1,000 ("write", CPU s,
// commits included), into a fresh DBDIR. Schemes:
//   stock       TermGenerator + Stem("arabic"), STEM_SOME, title also as S
//               (what bench/xapian_index_baseline.cc indexes)
//   libsearch   libsearch's own scheme (index/schema.cc: words with
//               positions, Z stems, S/ZS title copies)
//   no-title    libsearch's without the S/ZS title copies
//   words-only  positional words and S title copies, no Z stems (stems
//               would have to be found at query time)
//   stems-only  one positional term per token: the stem of an Arabic word,
//               the token otherwise (no exact forms)
//   floor       stems-only without stopwords and without stored text
//               (what xapian_index_floor.cc and Lucene++'s index hold)
// Every scheme but floor stores the article as document data.
#include <xapian.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include "index/schema.h"
#include "libsearch/analyzer.h"
#include "libsearch/error.h"
#include "news_corpus.h"
#include "xapian_stock.h"

namespace {

double Cpu() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

enum class Scheme { kStock, kLibsearch, kNoTitle, kWordsOnly, kStemsOnly, kFloor };

void Field(const libsearch::Analyzer& analyzer, const std::string& text, Xapian::termpos base,
           unsigned wdf, bool title, Scheme scheme, Xapian::Document* doc) {
  libsearch::AnalyzedStream stream = analyzer.Analyze(text);
  libsearch::AnalyzedToken t;
  std::string term;
  while (stream.Next(&t)) {
    const Xapian::termpos pos = base + t.token.position + 1;
    const bool stem = !t.stopword && t.token.kind == libsearch::TokenKind::kArabic;
    switch (scheme) {
      case Scheme::kNoTitle:
        term.assign(t.token.text);
        doc->add_posting(term, pos, wdf);
        if (stem) doc->add_term("Z" + std::string(t.stem), wdf);
        break;
      case Scheme::kWordsOnly:
        term.assign(t.token.text);
        doc->add_posting(term, pos, wdf);
        if (title) doc->add_posting("S" + term, pos);
        break;
      case Scheme::kStemsOnly:
        term.assign(stem ? t.stem : t.token.text);
        doc->add_posting(term, pos, wdf);
        break;
      case Scheme::kFloor:
        if (t.stopword) break;
        term.assign(t.stem);
        doc->add_posting(term, pos);
        break;
      default:
        break;
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: %s NEWS.jsonl[.gz] N DBDIR [SCHEME...]\n", argv[0]);
    return 2;
  }
  const unsigned long long n = std::strtoull(argv[2], nullptr, 10);
  const std::string db_path = argv[3];
  std::vector<std::string> names;
  for (int i = 4; i < argc; ++i) names.push_back(argv[i]);
  if (names.empty())
    names = {"stock", "libsearch", "no-title", "words-only", "stems-only", "floor"};
  bench::NewsCorpus corpus(argv[1]);
  if (!corpus.ok()) {
    std::fprintf(stderr, "cannot open %s\n", argv[1]);
    return 2;
  }
  std::vector<bench::Article> articles;
  bench::Article a;
  while ((n == 0 || articles.size() < n) && corpus.Next(&a)) articles.push_back(a);

  const libsearch::Analyzer analyzer;
  Xapian::TermGenerator tg = bench::StockTermGenerator();
  std::printf("| scheme | articles | terms/article | positional terms/article | build CPU s | write CPU s | total CPU s |\n");
  std::printf("|---|---|---|---|---|---|---|\n");
  for (const std::string& name : names) {
    Scheme scheme;
    if (name == "stock") scheme = Scheme::kStock;
    else if (name == "libsearch") scheme = Scheme::kLibsearch;
    else if (name == "no-title") scheme = Scheme::kNoTitle;
    else if (name == "words-only") scheme = Scheme::kWordsOnly;
    else if (name == "stems-only") scheme = Scheme::kStemsOnly;
    else if (name == "floor") scheme = Scheme::kFloor;
    else {
      std::fprintf(stderr, "unknown scheme %s\n", name.c_str());
      return 2;
    }
    try {
      const double t0 = Cpu();
      std::vector<Xapian::Document> docs;
      docs.reserve(articles.size());
      for (const bench::Article& art : articles) {
        Xapian::Document doc;
        if (scheme == Scheme::kStock) {
          doc = bench::StockDocument(tg, art);
        } else if (scheme == Scheme::kLibsearch) {
          libsearch::NewsDocument nd;
          nd.id = art.id;
          nd.title = art.title;
          nd.body = art.body;
          nd.date = art.date;
          nd.source = art.source;
          try {
            libsearch::schema::Validate(nd);
          } catch (const libsearch::Error&) {
            nd.date.clear();  // as libsearch-index keeps an article with a bad date
          }
          doc = libsearch::schema::BuildDocument(analyzer, nd, 3);
        } else {
          Field(analyzer, art.title, 0, scheme == Scheme::kFloor ? 1 : 3, true, scheme, &doc);
          Field(analyzer, art.body, 1000, 1, false, scheme, &doc);
          doc.add_boolean_term("Q" + art.id);
          if (scheme != Scheme::kFloor) doc.set_data(art.title + "\n" + art.body);
        }
        docs.push_back(std::move(doc));
      }
      const double t1 = Cpu();
      unsigned long long terms = 0, positional = 0;
      for (const Xapian::Document& doc : docs) {
        terms += doc.termlist_count();
        for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it)
          positional += it.positionlist_count() > 0;
      }
      const double t2 = Cpu();
      {
        Xapian::WritableDatabase db(db_path, Xapian::DB_CREATE_OR_OVERWRITE);
        for (std::size_t i = 0; i < docs.size(); ++i) {
          db.replace_document("Q" + articles[i].id, docs[i]);
          if ((i + 1) % 1000 == 0) db.commit();
        }
        db.commit();
      }
      const double t3 = Cpu();
      const double k = static_cast<double>(docs.size());
      std::printf("| %s | %zu | %.0f | %.0f | %.2f | %.2f | %.2f |\n", name.c_str(), docs.size(),
                  terms / k, positional / k, t1 - t0, t3 - t2, (t1 - t0) + (t3 - t2));
      std::fflush(stdout);
    } catch (const Xapian::Error& e) {
      std::fprintf(stderr, "%s: %s\n", name.c_str(), e.get_description().c_str());
      return 1;
    }
  }
  return 0;
}
