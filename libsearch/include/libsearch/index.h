// libsearch/index.h: building and searching an index of news documents.
//
// An index is a Xapian database directory (or a Xapian stub file listing
// several shards, local or remote, for searching). libsearch writes no
// format of its own.
//
// Writing:
//   libsearch::IndexWriter writer("news.db");   // creates it if missing
//   writer.Upsert(doc);                         // add or replace by doc.id
//   writer.Delete("id-17");
//   writer.Commit();                            // durable from here on
//
// Searching:
//   libsearch::Searcher searcher("news.db");
//   libsearch::SearchResults r = searcher.Search("\"البنك المركزي\" date:2024-01-01..2024-06-30");
//   for (const libsearch::Hit& hit : r.hits) { ... hit.snippet ... }
//
// THE QUERY LANGUAGE (after normalization, so diacritics, tatweel,
// alef/hamza forms, alef maksura and digit script never matter):
//   word word        keywords: all words must match; a question or a
//                    longer, natural-language query (four words or more,
//                    a question mark, or an opening interrogative such as
//                    ما من متى كيف أين لماذا كم هل) ranks documents that
//                    match any of its words, most and rarest first
//                    (SearchOptions::default_operator: kAuto)
//   "a phrase"       the words in this order, next to each other (in a
//                    ranked OR query: the phrase counts most, its words
//                    apart count too)
//   a OR b, a AND b, NOT a, a AND NOT b, ( ... )   boolean operators
//                    (upper case; "و" and "أو" are words, not operators)
//   +word  -word     word required / excluded
//   =word            exact form: matches the normalized word, not its stem
//   title:word  title:"a phrase"     in the title only
//   source:name  source:"two words"  filter by source (whole source name)
//   id:ID            filter by document id
//   date:2024-01-01..2024-03-31      date range, inclusive; either end may be
//   date:2024-03     omitted (date:2024..); YYYY, YYYY-MM, YYYY-MM-DD;
//   date:2024        a single month or year means all of it
// Stopwords are dropped from the plain-word part of a query (not from
// phrases) unless nothing else is left. A malformed query throws QueryError
// with the byte position of the problem.
#ifndef LIBSEARCH_INDEX_H_
#define LIBSEARCH_INDEX_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "libsearch/analyzer.h"
#include "libsearch/document.h"
#include "libsearch/export.h"

namespace libsearch {

struct IndexWriterOptions {
  // The analyzer for a new index. An existing index keeps the analyzer it
  // was built with: opening it with different options throws
  // AnalyzerMismatchError. Default: AnalyzerOptions().
  AnalyzerOptions analyzer;
  // When the index exists, use the analyzer recorded in it and ignore
  // `analyzer` (which then only applies to a new index). Default: false.
  bool keep_existing_analyzer = false;
  // How many times a title word counts against a body word (within-document
  // frequency). Default: 3.
  unsigned title_weight = 3;
  // Commit automatically after this many changed documents, bounding memory
  // and what a crash can lose. 0 means only on Commit(). Default: 10000.
  std::size_t commit_every = 10000;
  // Also commit once the changes since the last commit are estimated to
  // hold about this many MiB of memory (Xapian buffers postings and
  // positions until a commit; about ten times the text's size). Bounds the
  // writer's memory whatever commit_every is. 0 means no limit.
  // Default: 32 (about 1,000 news articles). Larger batches cost more
  // CPU, not less: Xapian's in-memory buffers are trees whose every
  // insertion walks deeper as they grow (bench/RESULTS.md, "Indexing speed").
  std::size_t memory_mb = 32;
  // Create the index if it does not exist. Default: true.
  bool create_if_missing = true;
  // Make each commit durable (fsync) before it returns. false skips the
  // syncs (Xapian's DB_NO_SYNC): a killed process still loses nothing
  // committed, but an operating-system crash or power loss may lose or
  // corrupt the index. Only for scratch indexes that are rebuilt after a
  // failure. Default: true.
  bool sync = true;
};

// A document analysed ahead of IndexWriter::Upsert(), so that analysis can
// run on other threads than the writer (see IndexWriter::Prepare). Movable;
// holds the document's terms and stored data.
class LIBSEARCH_EXPORT PreparedDocument {
 public:
  PreparedDocument();
  ~PreparedDocument();
  PreparedDocument(PreparedDocument&&) noexcept;
  PreparedDocument& operator=(PreparedDocument&&) noexcept;

 private:
  friend class IndexWriter;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

enum class UpsertResult {
  kAdded,      // the id was new
  kUpdated,    // the id existed with different content and was replaced
  kUnchanged,  // the id existed with identical content; nothing written
};

// Single writer. Xapian allows one writer per index; a second one throws
// IndexLockedError. Not thread-safe: use from one thread.
//
// On a sharded index (CreateShardedIndex below) it writes every shard,
// each call going to the shard its id names; Commit() commits each shard
// in turn. To write the shards from several threads at once, open one
// IndexWriter per ShardPaths() entry instead and route with ShardOfId().
class LIBSEARCH_EXPORT IndexWriter {
 public:
  // Throws IndexLockedError, IndexNotFoundError (when !create_if_missing),
  // AnalyzerMismatchError, IndexError.
  explicit IndexWriter(const std::string& path,
                       const IndexWriterOptions& options = IndexWriterOptions());
  // Commits what is pending. Errors at that point are swallowed: call
  // Commit() first to see them.
  ~IndexWriter();
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

  // Adds `doc`, or replaces the document with the same id. Throws
  // InvalidDocumentError for an empty or over-long id or a bad date.
  UpsertResult Upsert(const NewsDocument& doc);

  // Upsert() in two steps. Prepare() checks and analyses `doc` (throwing
  // InvalidDocumentError as Upsert() does) and touches no index state, so
  // several threads may call it at once while one thread calls Upsert();
  // with kSnowball stemming give each thread its own `analyzer`, made from
  // analyzer().options() (nullptr: this writer's). Upsert(PreparedDocument)
  // then writes it with Upsert()'s result; applying prepared documents in
  // input order gives exactly what Upsert() one by one gives.
  PreparedDocument Prepare(const NewsDocument& doc, const Analyzer* analyzer = nullptr) const;
  UpsertResult Upsert(PreparedDocument&& doc);
  // Throws InvalidDocumentError when Upsert() would refuse `doc`; cheap.
  static void Check(const NewsDocument& doc);

  // Removes the document with this id. Returns false if there was none.
  bool Delete(std::string_view id);

  // Makes every change so far durable.
  void Commit();

  std::uint64_t document_count() const;
  const Analyzer& analyzer() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Merges the indexes `inputs` (all built by one analyzer, with no id in
// two of them) into a new compacted index at `output`, which must not
// exist: Xapian compaction, documents renumbered in the order given. The
// inputs are left as they are. Throws AnalyzerMismatchError, IndexError.
LIBSEARCH_EXPORT void MergeIndexes(const std::vector<std::string>& inputs,
                                   const std::string& output);

// Sharded indexes. A sharded index is a directory holding N ordinary
// indexes, shard0 … shardN-1, and a Xapian stub file, XAPIANDB, listing
// them, so Searcher (and any Xapian program) searches them as one index
// with the statistics of one. Each article lives in the shard its id
// hashes to, which keeps upserts by id exact and lets N writers, one per
// shard, index at once (libsearch-index --shards N). Each shard commits on
// its own: after a crash every shard holds its own last commit, and
// indexing the same input again completes the job without duplicates.
// `xapian-compact DIR OUT` turns one into an ordinary index.

// Creates an empty sharded index of `shards` (1–256) shards at `path`,
// which must not exist or be an empty directory; every shard records
// options.analyzer. Throws IndexError.
LIBSEARCH_EXPORT void CreateShardedIndex(const std::string& path, unsigned shards,
                                         const IndexWriterOptions& options = IndexWriterOptions());

// The shard directories of the sharded index at `path`, in routing order;
// empty when `path` is not a sharded index made by CreateShardedIndex (an
// ordinary index, another stub, or nothing). Throws IndexError for a
// libsearch stub that has been edited out of shape.
LIBSEARCH_EXPORT std::vector<std::string> ShardPaths(const std::string& path);

// Which of `shards` shards holds the article `id`: the 64-bit FNV-1a hash
// of its bytes modulo `shards`, the same on every platform and version.
LIBSEARCH_EXPORT unsigned ShardOfId(std::string_view id, unsigned shards) noexcept;

enum class SortOrder {
  kRelevance,        // BM25 score, best first
  kNewestFirst,      // date, newest first; relevance breaks ties
  kOldestFirst,      // date, oldest first; relevance breaks ties
};

enum class DefaultOperator {
  kAnd,   // every plain word must match
  kOr,    // any plain word may match; BM25 ranks documents with more of them,
          // and rarer ones, higher
  // kAnd for keyword queries, kOr for natural-language ones: a run of plain
  // words (stopwords included) of four words or more, one containing ? or
  // ؟, or one opening with an interrogative (ما ماذا من متى كيف أين لماذا كم
  // هل أي). So البنك المركزي requires both words, while «ما هي عاصمة
  // اليمن؟» or a pasted headline finds the best match even if it lacks a word.
  kAuto,
};

struct SearchOptions {
  // Results to skip and to return (paging). Defaults: 0 and 10.
  std::size_t offset = 0;
  std::size_t limit = 10;
  // Default: kRelevance.
  SortOrder sort = SortOrder::kRelevance;
  // How plain words combine. Default: kAuto.
  DefaultOperator default_operator = DefaultOperator::kAuto;
  // Make snippets. Default: true.
  bool snippets = true;
  // Snippet length in characters (code points) of body text. Default: 200.
  std::size_t snippet_chars = 200;
  // Load each hit's body into Hit::document.body. Default: false.
  bool load_body = false;
  // How much a plain word's exact (normalized) form counts on top of its
  // stem, as a fraction of the stem's BM25 weight: documents that use the
  // word as typed — with the same clitics and endings — rank a little
  // higher than ones that only share its stem. Changes ranking, never which
  // documents match. 0 turns it off. Default: 0.25.
  double exact_form_weight = 0.25;
  // BM25 parameters. Defaults: k1 = 1.2, b = 0.75.
  double bm25_k1 = 1.2;
  double bm25_b = 0.75;
};

// A byte range [begin, end).
struct ByteRange {
  std::size_t begin = 0;
  std::size_t end = 0;
  bool operator==(const ByteRange& o) const {
    return begin == o.begin && end == o.end;
  }
};

struct Snippet {
  // A passage of the original (diacritised) body text, cut at word
  // boundaries; "…" marks where text was left out.
  std::string text;
  // The matched words, as byte ranges of `text`.
  std::vector<ByteRange> highlights;
  // The same matches as byte ranges of the document's original body.
  std::vector<ByteRange> body_highlights;

  // `text` with each highlight wrapped in `open` ... `close`.
  std::string Marked(std::string_view open = "[", std::string_view close = "]") const;
};

struct Hit {
  std::size_t rank = 0;   // 1-based, counting from the first result overall
  double score = 0;       // BM25 weight (0 when sorting by date only)
  NewsDocument document;  // body empty unless SearchOptions::load_body
  Snippet snippet;        // of the body; of the title when the body is empty
  Snippet title_highlights;  // the whole title with its matches
};

struct SearchResults {
  std::uint64_t estimated_total = 0;  // Xapian's estimate of all matches
  std::vector<Hit> hits;
  std::string normalized_query;       // the query after normalization
  std::string parsed_query;           // the Xapian query, for --explain
};

// Reader. Cheap to open; keeps a snapshot of the index. Not thread-safe:
// one Searcher per thread (they may share the index).
class LIBSEARCH_EXPORT Searcher {
 public:
  // `path` is an index directory or a Xapian stub file (or a directory
  // holding one named XAPIANDB) listing shards searched as one: "auto
  // PATH" lines (relative to the stub), "remote HOST:PORT" for
  // xapian-tcpsrv, "remote :PROGRAM ARGS" for xapian-progsrv. Each shard is
  // opened and checked: all must record the same analyzer, or this throws
  // AnalyzerMismatchError naming them. Remote shards are checked the same
  // way (Xapian 1.4's remote protocol carries the metadata), so no analyzer
  // need be given for them; but an xapian-tcpsrv serving several databases
  // on one port looks like one shard, checked by its first database only.
  // Throws IndexNotFoundError (missing index or shard, a shard that is not
  // a libsearch index), AnalyzerMismatchError (also if `analyzer` is given
  // and differs from the index's), IndexError (e.g. a remote shard that
  // cannot be reached).
  explicit Searcher(const std::string& path);
  Searcher(const std::string& path, const AnalyzerOptions& analyzer);
  ~Searcher();
  Searcher(Searcher&&) noexcept;
  Searcher& operator=(Searcher&&) noexcept;

  // Throws QueryError for a malformed query, IndexError otherwise.
  SearchResults Search(std::string_view query,
                       const SearchOptions& options = SearchOptions());

  // The query as the index sees it, without running it.
  SearchResults Explain(std::string_view query,
                        const SearchOptions& options = SearchOptions());

  std::optional<NewsDocument> Get(std::string_view id);
  std::uint64_t document_count() const;
  // The analyzer fingerprint recorded in the index.
  std::string analyzer_fingerprint() const;
  // Picks up commits made since opening.
  void Reopen();

 private:
  void OpenIndex(const std::string& path, const AnalyzerOptions* requested);
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace libsearch

#endif  // LIBSEARCH_INDEX_H_
