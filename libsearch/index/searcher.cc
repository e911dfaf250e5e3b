#include <xapian.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <vector>

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

namespace {

namespace fs = std::filesystem;

// One shard of what `path` names, and how to name it in a message.
struct Shard {
  std::string name;
  Xapian::Database db;
};

std::string TrimSpace(std::string s) {
  const char* ws = " \t\r\n";
  const std::size_t b = s.find_first_not_of(ws);
  if (b == std::string::npos) return std::string();
  return s.substr(b, s.find_last_not_of(ws) - b + 1);
}

// Xapian treats a regular file, or a directory holding XAPIANDB, as a stub.
bool IsStub(const std::string& path, std::string* stub_file) {
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) {
    *stub_file = path;
    return true;
  }
  if (fs::is_regular_file(fs::path(path) / "XAPIANDB", ec)) {
    *stub_file = (fs::path(path) / "XAPIANDB").string();
    return true;
  }
  return false;
}

// Opens every shard of `path` separately. Xapian's own multi-database
// answers get_metadata() from the first shard only, so a stub joining
// indexes built by different analyzers would go unnoticed; opening the
// shards ourselves lets each one be checked. Follows the stub syntax of
// Xapian 1.4 (docs/overview.rst): "auto|glass|chert PATH" (relative to the
// stub's directory, possibly another stub), "remote HOST:PORT",
// "remote :PROGRAM ARGS", "#" comments.
void OpenShards(const std::string& path, int depth, std::vector<Shard>* shards) {
  std::string stub_file;
  if (!IsStub(path, &stub_file)) {
    shards->push_back({path, Xapian::Database(path)});
    return;
  }
  if (depth > 8)
    throw IndexNotFoundError("stub file " + path + " nests stubs more than 8 deep (a loop?)");
  std::ifstream in(stub_file, std::ios::binary);
  if (!in) throw IndexNotFoundError("cannot read stub file " + stub_file);
  const fs::path base = fs::path(stub_file).parent_path();
  std::string raw;
  for (int line_no = 1; std::getline(in, raw); ++line_no) {
    const std::string line = TrimSpace(raw);
    if (line.empty() || line[0] == '#') continue;
    const std::size_t space = line.find_first_of(" \t");
    const std::string type = line.substr(0, space);
    const std::string rest = space == std::string::npos ? "" : TrimSpace(line.substr(space));
    const std::string where = stub_file + ":" + std::to_string(line_no);
    if ((type == "auto" || type == "glass" || type == "chert") && !rest.empty()) {
      fs::path p(rest);
      if (p.is_relative()) p = base / p;
      OpenShards(p.string(), depth + 1, shards);
    } else if (type == "remote" && !rest.empty() && rest[0] == ':') {
      const std::string command = rest.substr(1);
      const std::size_t sp = command.find_first_of(" \t");
      const std::string program = command.substr(0, sp);
      const std::string args = sp == std::string::npos ? "" : TrimSpace(command.substr(sp));
      shards->push_back({"remote :" + command + " (" + where + ")", Xapian::Remote::open(program, args)});
    } else if (type == "remote" && rest.rfind(':') != std::string::npos) {
      const std::size_t colon = rest.rfind(':');
      const std::string host = rest.substr(0, colon);
      const std::string port = rest.substr(colon + 1);
      char* end = nullptr;
      const unsigned long number = std::strtoul(port.c_str(), &end, 10);
      if (host.empty() || port.empty() || *end != '\0' || number == 0 || number > 65535)
        throw IndexNotFoundError(where + ": bad remote shard \"" + rest + "\" (want HOST:PORT)");
      shards->push_back({"remote " + rest + " (" + where + ")",
                         Xapian::Remote::open(host, static_cast<unsigned>(number))});
    } else {
      throw IndexNotFoundError(where + ": cannot use the shard line \"" + line +
                               "\" (libsearch takes auto, glass, chert and remote lines)");
    }
  }
}

}  // namespace

void Searcher::OpenIndex(const std::string& path, const AnalyzerOptions* requested) {
  Impl* impl = impl_.get();
  impl->path = path;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec))
    throw IndexNotFoundError("no index at " + path +
                             " (it does not exist); build one with libsearch-index");
  try {
    std::vector<Shard> shards;
    OpenShards(path, 0, &shards);
    if (shards.empty())
      throw IndexNotFoundError("stub file " + path + " lists no shards");
    // Every shard must record the same analyzer: one query is parsed once
    // for all of them, so a shard built differently would silently miss.
    std::string stored, fingerprint, first;
    for (const Shard& shard : shards) {
      const std::string options = shard.db.get_metadata(schema::kMetaAnalyzerOptions);
      const std::string print = shard.db.get_metadata(schema::kMetaAnalyzerFingerprint);
      const std::string name = shards.size() == 1 ? path : "shard " + shard.name + " of " + path;
      if (options.empty())
        throw IndexNotFoundError(name + " is a Xapian database but not a libsearch index "
                                        "(it records no analyzer)");
      if (first.empty()) {
        stored = options;
        fingerprint = print;
        first = shard.name;
      } else if (options != stored || print != fingerprint) {
        throw AnalyzerMismatchError("the shards of " + path + " were built by different analyzers: " +
                                    first + " with \"" + stored + "\" (" + fingerprint + "), " +
                                    shard.name + " with \"" + options + "\" (" + print +
                                    "); re-index them alike");
      }
      impl->db.add_database(shard.db);
    }
    AnalyzerOptions recorded;
    if (!schema::DecodeAnalyzerOptions(stored, &recorded))
      throw AnalyzerMismatchError("index " + path + " was built by a newer libsearch (analyzer \"" +
                                  stored + "\"); upgrade libsearch or re-index");
    if (requested != nullptr && schema::EncodeAnalyzerOptions(*requested) != stored)
      throw AnalyzerMismatchError("index " + path + " was built with analyzer options \"" + stored +
                                  "\", not \"" + schema::EncodeAnalyzerOptions(*requested) + "\"");
    impl->analyzer = std::make_unique<Analyzer>(recorded);
    impl->fingerprint = fingerprint;
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
  QueryParser parser(*impl_->analyzer, options.default_operator, options.exact_form_weight);
  ParsedQuery parsed = parser.Parse(query);
  results.normalized_query = impl_->analyzer->normalizer().Normalize(query);
  results.parsed_query = parsed.query.get_description();
  return results;
}

SearchResults Searcher::Search(std::string_view query, const SearchOptions& options) {
  SearchResults results;
  QueryParser parser(*impl_->analyzer, options.default_operator, options.exact_form_weight);
  ParsedQuery parsed = parser.Parse(query);  // QueryError goes to the caller
  results.normalized_query = impl_->analyzer->normalizer().Normalize(query);
  results.parsed_query = parsed.query.get_description();

  // A writer committing meanwhile can invalidate our snapshot: reopen and
  // run the query again, a few times at most.
  bool stale = false;
  for (int attempt = 0;; ++attempt) {
    try {
      if (stale) impl_->db.reopen();  // inside the try: it may fail too
      results.hits.clear();
      const Xapian::doccount first = static_cast<Xapian::doccount>(options.offset);
      const Xapian::doccount want = static_cast<Xapian::doccount>(options.limit);
      auto run = [&](const Xapian::Query& q, bool by_date, bool newest, Xapian::doccount from,
                     Xapian::doccount count) {
        Xapian::Enquire enquire(impl_->db);
        enquire.set_query(q);
        enquire.set_weighting_scheme(Xapian::BM25Weight(options.bm25_k1, 0, 1, options.bm25_b, 0.5));
        // Sorting by the value itself, not by a KeyMaker: the remote
        // backend refuses KeyMakers (UnimplementedError), and a stub may
        // hold remote shards.
        if (by_date) enquire.set_sort_by_value_then_relevance(schema::kDateSlot, newest);
        return enquire.get_mset(from, count);
      };
      // Undated documents sort last both ways. Newest first, their empty
      // value already does; oldest first, the dated matches come first and
      // the undated ones (by relevance) after them.
      std::vector<Xapian::MSet> parts;
      if (options.sort == SortOrder::kRelevance) {
        parts.push_back(run(parsed.query, false, false, first, want));
        results.estimated_total = parts[0].get_matches_estimated();
      } else if (options.sort == SortOrder::kNewestFirst) {
        parts.push_back(run(parsed.query, true, true, first, want));
        results.estimated_total = parts[0].get_matches_estimated();
      } else {
        const Xapian::Query has_date(Xapian::Query::OP_VALUE_GE, schema::kDateSlot, "0");
        parts.push_back(run(Xapian::Query(Xapian::Query::OP_FILTER, parsed.query, has_date), true,
                            false, first, want));
        const Xapian::Query undated(Xapian::Query::OP_AND_NOT, parsed.query, has_date);
        if (parts[0].size() < want) {
          // A short page means every dated match was seen: the count is exact.
          const Xapian::doccount dated = parts[0].get_matches_estimated();
          parts.push_back(run(undated, false, false, first > dated ? first - dated : 0,
                              want - parts[0].size()));
        } else {
          parts.push_back(run(undated, false, false, 0, 0));  // for the estimate
        }
        results.estimated_total = parts[0].get_matches_estimated() + parts[1].get_matches_estimated();
      }
      std::size_t rank = options.offset;
      for (const Xapian::MSet& mset : parts) {
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
      }
      return results;
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (attempt >= 3) schema::Rethrow(e, impl_->path);
      stale = true;
    } catch (const Xapian::Error& e) {
      schema::Rethrow(e, impl_->path);
    }
  }
}

std::optional<NewsDocument> Searcher::Get(std::string_view id) {
  // As in Search(): a commit meanwhile may invalidate the snapshot.
  bool stale = false;
  for (int attempt = 0;; ++attempt) {
    try {
      if (stale) impl_->db.reopen();
      const std::string term = std::string(schema::kIdPrefix) + std::string(id);
      Xapian::PostingIterator p = impl_->db.postlist_begin(term);
      if (p == impl_->db.postlist_end(term)) return std::nullopt;
      NewsDocument doc;
      schema::DecodeData(impl_->db.get_document(*p).get_data(), &doc, true);
      return doc;
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (attempt >= 3) schema::Rethrow(e, impl_->path);
      stale = true;
    } catch (const Xapian::Error& e) {
      schema::Rethrow(e, impl_->path);
    }
  }
}

std::uint64_t Searcher::document_count() const {
  try {
    return impl_->db.get_doccount();
  } catch (const Xapian::Error& e) {  // a remote shard that went away
    schema::Rethrow(e, impl_->path);
  }
}

std::string Searcher::analyzer_fingerprint() const { return impl_->fingerprint; }

void Searcher::Reopen() {
  try {
    impl_->db.reopen();
  } catch (const Xapian::Error& e) {
    schema::Rethrow(e, impl_->path);
  }
}

}  // namespace libsearch
