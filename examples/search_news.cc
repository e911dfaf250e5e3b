// search_news: the library end to end. Indexes a news archive (JSON Lines
// or a directory of text files) and runs one query against it.
//
//   search_news ARCHIVE INDEX_DIR QUERY
#include <cstdio>
#include <string>

#include <libsearch/libsearch.h>

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: %s ARCHIVE INDEX_DIR QUERY\n", argv[0]);
    return 2;
  }
  try {
    {
      libsearch::IndexWriter writer(argv[2]);
      libsearch::ArchiveReader reader(argv[1]);
      libsearch::ArchiveRecord record;
      while (reader.Next(&record)) {
        if (record.kind == libsearch::ArchiveRecord::Kind::kProblem) {
          std::fprintf(stderr, "%s:%llu: %s (skipped)\n", record.file.c_str(),
                       static_cast<unsigned long long>(record.line), record.problem.c_str());
          continue;
        }
        writer.Upsert(record.document);
      }
      writer.Commit();
    }

    libsearch::Searcher searcher(argv[2]);
    libsearch::SearchOptions options;
    options.limit = 5;
    libsearch::SearchResults results = searcher.Search(argv[3], options);
    std::printf("about %llu matches\n", static_cast<unsigned long long>(results.estimated_total));
    for (const libsearch::Hit& hit : results.hits) {
      std::printf("%zu. %s (%s, %s)\n   %s\n", hit.rank, hit.document.title.c_str(),
                  hit.document.date.c_str(), hit.document.source.c_str(),
                  hit.snippet.Marked("[", "]").c_str());
    }
    return results.hits.empty() ? 1 : 0;
  } catch (const libsearch::Error& e) {
    std::fprintf(stderr, "search_news: %s\n", e.what());
    return 2;
  }
}
