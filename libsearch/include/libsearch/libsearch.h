// libsearch/libsearch.h: Arabic full-text search on Xapian. Include this
// one header; this comment is the tutorial, each header the reference.
//
// 1. INDEX A NEWS ARCHIVE
//
//   #include <libsearch/libsearch.h>
//
//   libsearch::IndexWriter writer("news.db");       // creates it if missing
//   libsearch::ArchiveReader reader("news.jsonl.gz");  // or a directory of .txt
//   libsearch::ArchiveRecord record;
//   while (reader.Next(&record)) {
//     if (record.kind == libsearch::ArchiveRecord::Kind::kProblem) {
//       std::cerr << record.file << ":" << record.line << ": " << record.problem << "\n";
//       continue;                                   // bad articles are skipped
//     }
//     writer.Upsert(record.document);               // add, or replace by id
//   }
//   writer.Commit();
//
// Documents can also be built by hand: NewsDocument{id, title, body, date
// ("YYYY-MM-DD"), source, url}. Upsert() returns kAdded, kUpdated or
// kUnchanged (same content: nothing written), so re-indexing is idempotent.
//
// A big archive on a machine with several cores: make the index sharded,
// CreateShardedIndex("news.db", 4), and write its ShardPaths() from four
// threads, one IndexWriter each, sending each article to the shard
// ShardOfId(id, 4) names. Searcher reads it as one index (index.h).
//
// 2. SEARCH
//
//   libsearch::Searcher searcher("news.db");
//   libsearch::SearchOptions options;               // 10 hits, relevance, AND
//   options.sort = libsearch::SortOrder::kNewestFirst;
//   libsearch::SearchResults r =
//       searcher.Search("\"البنك المركزي\" source:الجزيرة date:2024", options);
//   for (const libsearch::Hit& hit : r.hits) {
//     hit.document.title;             // stored fields
//     hit.snippet.text;               // original (diacritised) text
//     hit.snippet.highlights;         // byte ranges of the matches in it
//     hit.snippet.Marked("<b>", "</b>");
//   }
//
// The query language is described in index.h. A malformed query throws
// QueryError, whose position() is the byte offset of the problem.
//
// 3. ANALYZE TEXT WITHOUT AN INDEX
//
//   libsearch::Analyzer analyzer;                   // normalizer → tokenizer →
//   libsearch::AnalyzedToken t;                     // stemmer → stopwords
//   for (auto s = analyzer.Analyze(text); s.Next(&t);)
//     // t.token.text (normalized), t.token.begin/end (bytes of `text`),
//     // t.token.position, t.stem, t.stopword
//
// Each stage also works alone: Normalizer (normalizer.h), Tokenizer
// (tokenizer.h), Stemmer (stemmer.h), Stopwords (stopwords.h). They accept
// any bytes and never throw. To use the analyzer inside Xapian's own
// TermGenerator or QueryParser, see xapian_stem.h.
//
// ERRORS: everything thrown derives from libsearch::Error (error.h).
// THREADS: one IndexWriter per index or shard (Xapian's single-writer lock); one
// Searcher per thread; an Analyzer with light or no stemming is shareable.
#ifndef LIBSEARCH_LIBSEARCH_H_
#define LIBSEARCH_LIBSEARCH_H_

#include "libsearch/analyzer.h"
#include "libsearch/archive.h"
#include "libsearch/document.h"
#include "libsearch/error.h"
#include "libsearch/index.h"
#include "libsearch/normalizer.h"
#include "libsearch/stemmer.h"
#include "libsearch/stopwords.h"
#include "libsearch/tokenizer.h"
#include "libsearch/version.h"

#endif  // LIBSEARCH_LIBSEARCH_H_
