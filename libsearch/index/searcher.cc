#include <xapian.h>

#include <filesystem>

#include "index/highlighter.h"
#include "index/query_parser.h"
#include "index/schema.h"
#include "libsearch/error.h"
#include "libsearch/index.h"

namespace libsearch {

struct Searcher::Impl {
  std::string path;
  Xapian::Database db;
  std::unique_ptr<Analyzer> analyzer;
  std::string fingerprint;
};

void Searcher::OpenIndex(const std::string& path, const AnalyzerOptions* requested) {
  Impl* impl = impl_.get();
  impl->path = path;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec))
    throw IndexNotFoundError("no index at " + path +
                             " (it does not exist); build one with libsearch-index");
  try {
    impl->db = Xapian::Database(path);
    const std::string stored = impl->db.get_metadata(schema::kMetaAnalyzerOptions);
    if (stored.empty())
      throw IndexNotFoundError(path + " is a Xapian database but not a libsearch index "
                                      "(it records no analyzer)");
    AnalyzerOptions recorded;
    if (!schema::DecodeAnalyzerOptions(stored, &recorded))
      throw AnalyzerMismatchError("index " + path + " was built by a newer libsearch (analyzer \"" +
                                  stored + "\"); upgrade libsearch or re-index");
    if (requested != nullptr && schema::EncodeAnalyzerOptions(*requested) != stored)
      throw AnalyzerMismatchError("index " + path + " was built with analyzer options \"" + stored +
                                  "\", not \"" + schema::EncodeAnalyzerOptions(*requested) + "\"");
    impl->analyzer = std::make_unique<Analyzer>(recorded);
    impl->fingerprint = impl->db.get_metadata(schema::kMetaAnalyzerFingerprint);
    if (impl->fingerprint != impl->analyzer->Fingerprint())
      throw AnalyzerMismatchError("index " + path + " was built by analyzer \"" + impl->fingerprint +
                                  "\" but this libsearch has \"" + impl->analyzer->Fingerprint() +
                                  "\"; its results would be wrong: re-index the archive");
  } catch (const Xapian::Error& e) {
    schema::Rethrow(e, path);
  }
}

Searcher::Searcher(const std::string& path) : impl_(new Impl) { OpenIndex(path, nullptr); }

Searcher::Searcher(const std::string& path, const AnalyzerOptions& analyzer) : impl_(new Impl) {
  OpenIndex(path, &analyzer);
}

Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

SearchResults Searcher::Explain(std::string_view query, const SearchOptions& options) {
  SearchResults results;
  QueryParser parser(*impl_->analyzer, options.default_operator);
  ParsedQuery parsed = parser.Parse(query);
  results.normalized_query = impl_->analyzer->normalizer().Normalize(query);
  results.parsed_query = parsed.query.get_description();
  return results;
}

SearchResults Searcher::Search(std::string_view query, const SearchOptions& options) {
  SearchResults results;
  QueryParser parser(*impl_->analyzer, options.default_operator);
  ParsedQuery parsed = parser.Parse(query);  // QueryError goes to the caller
  results.normalized_query = impl_->analyzer->normalizer().Normalize(query);
  results.parsed_query = parsed.query.get_description();

  // A writer committing meanwhile can invalidate our snapshot: reopen and
  // run the query again, a few times at most.
  for (int attempt = 0;; ++attempt) {
    try {
      results.hits.clear();
      Xapian::Enquire enquire(impl_->db);
      enquire.set_query(parsed.query);
      enquire.set_weighting_scheme(Xapian::BM25Weight(options.bm25_k1, 0, 1, options.bm25_b, 0.5));
      // Undated documents sort last both ways.
      Xapian::MultiValueKeyMaker by_date;
      if (options.sort == SortOrder::kNewestFirst) {
        by_date.add_value(schema::kDateSlot, true, "00000000");
        enquire.set_sort_by_key_then_relevance(&by_date, false);
      } else if (options.sort == SortOrder::kOldestFirst) {
        by_date.add_value(schema::kDateSlot, false, "99999999");
        enquire.set_sort_by_key_then_relevance(&by_date, false);
      }
      const Xapian::doccount want = static_cast<Xapian::doccount>(options.limit);
      Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(options.offset), want);
      results.estimated_total = mset.get_matches_estimated();
      std::size_t rank = options.offset;
      for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) {
        Hit hit;
        hit.rank = ++rank;
        hit.score = it.get_weight();
        schema::DecodeData(it.get_document().get_data(), &hit.document, true);
        if (options.snippets) {
          const std::string& text = hit.document.body.empty() ? hit.document.title : hit.document.body;
          hit.snippet = MakeSnippet(*impl_->analyzer, parsed.highlight, text, options.snippet_chars, false);
          hit.title_highlights = MakeSnippet(*impl_->analyzer, parsed.highlight, hit.document.title, 0, true);
        }
        if (!options.load_body) hit.document.body.clear();
        results.hits.push_back(std::move(hit));
      }
      return results;
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (attempt >= 3) schema::Rethrow(e, impl_->path);
      impl_->db.reopen();
    } catch (const Xapian::Error& e) {
      schema::Rethrow(e, impl_->path);
    }
  }
}

std::optional<NewsDocument> Searcher::Get(std::string_view id) {
  try {
    const std::string term = std::string(schema::kIdPrefix) + std::string(id);
    Xapian::PostingIterator p = impl_->db.postlist_begin(term);
    if (p == impl_->db.postlist_end(term)) return std::nullopt;
    NewsDocument doc;
    schema::DecodeData(impl_->db.get_document(*p).get_data(), &doc, true);
    return doc;
  } catch (const Xapian::Error& e) {
    schema::Rethrow(e, impl_->path);
  }
}

std::uint64_t Searcher::document_count() const { return impl_->db.get_doccount(); }

std::string Searcher::analyzer_fingerprint() const { return impl_->fingerprint; }

void Searcher::Reopen() {
  try {
    impl_->db.reopen();
  } catch (const Xapian::Error& e) {
    schema::Rethrow(e, impl_->path);
  }
}

}  // namespace libsearch
