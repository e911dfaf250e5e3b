#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <utility>

#include "index/schema.h"
#include "libsearch/error.h"
#include "libsearch/index.h"

namespace libsearch {

struct IndexWriter::Impl {
  std::string path;
  IndexWriterOptions options;
  Xapian::WritableDatabase db;
  std::unique_ptr<Analyzer> analyzer;
  std::string analyzer_options;  // encoded, to check Prepare()'s analyzer
  std::size_t pending = 0;
  std::size_t pending_bytes = 0;  // estimated memory of the uncommitted changes
  // A sharded index: one writer per shard, in routing order (`db` unused).
  std::vector<std::unique_ptr<IndexWriter>> shards;
  IndexWriter& ShardFor(std::string_view id) {
    return *shards[ShardOfId(id, static_cast<unsigned>(shards.size()))];
  }
};

struct PreparedDocument::Impl {
  std::string id_term;
  Xapian::Document doc;
  std::size_t memory = 0;  // what applying it adds to Xapian's buffers, estimated
  // Set by Upsert(const NewsDocument&), which has just looked the id up on
  // this writer's thread: whether the id exists, so Upsert(Prepared) need
  // not look again.
  bool id_checked = false;
  bool id_exists = false;
};

PreparedDocument::PreparedDocument() = default;
PreparedDocument::~PreparedDocument() = default;
PreparedDocument::PreparedDocument(PreparedDocument&&) noexcept = default;
PreparedDocument& PreparedDocument::operator=(PreparedDocument&&) noexcept = default;

namespace {

// Chooses the analyzer for `db`: records it in a new index, checks it
// against an existing one.
std::unique_ptr<Analyzer> SetUpAnalyzer(Xapian::WritableDatabase& db, const std::string& path,
                                        const IndexWriterOptions& options) {
  const std::string stored = db.get_metadata(schema::kMetaAnalyzerOptions);
  if (stored.empty()) {
    if (db.get_doccount() > 0)
      throw IndexError(path + " is a Xapian database with documents but was not built by "
                              "libsearch (it records no analyzer); index into a new directory");
    auto analyzer = std::make_unique<Analyzer>(options.analyzer);
    db.set_metadata(schema::kMetaSchema, schema::kSchemaVersion);
    db.set_metadata(schema::kMetaAnalyzerOptions, schema::EncodeAnalyzerOptions(options.analyzer));
    db.set_metadata(schema::kMetaAnalyzerFingerprint, analyzer->Fingerprint());
    db.commit();
    return analyzer;
  }
  AnalyzerOptions recorded;
  if (!schema::DecodeAnalyzerOptions(stored, &recorded))
    throw AnalyzerMismatchError("index " + path + " was built by a newer libsearch (analyzer \"" +
                                stored + "\"); upgrade libsearch or re-index");
  if (!options.keep_existing_analyzer &&
      schema::EncodeAnalyzerOptions(options.analyzer) != stored)
    throw AnalyzerMismatchError("index " + path + " was built with analyzer options \"" + stored +
                                "\" but this run asks for \"" +
                                schema::EncodeAnalyzerOptions(options.analyzer) +
                                "\"; use the same options or index into a new directory");
  auto analyzer = std::make_unique<Analyzer>(recorded);
  const std::string fingerprint = db.get_metadata(schema::kMetaAnalyzerFingerprint);
  if (fingerprint != analyzer->Fingerprint())
    throw AnalyzerMismatchError("index " + path + " was built by analyzer \"" + fingerprint +
                                "\" but this libsearch has \"" + analyzer->Fingerprint() +
                                "\"; re-index the archive into a new directory");
  return analyzer;
}

}  // namespace

namespace {

constexpr std::string_view kStubHeader = "# libsearch sharded index: ";

}  // namespace

IndexWriter::IndexWriter(const std::string& path, const IndexWriterOptions& options)
    : impl_(new Impl) {
  impl_->path = path;
  impl_->options = options;
  const std::vector<std::string> shard_paths = ShardPaths(path);
  if (!shard_paths.empty()) {
    // The budgets are the whole index's: split them between the shards.
    const std::size_t n = shard_paths.size();
    IndexWriterOptions o = options;
    o.create_if_missing = false;
    if (o.memory_mb > 0) o.memory_mb = std::max<std::size_t>(o.memory_mb / n, 1);
    if (o.commit_every > 0) o.commit_every = std::max<std::size_t>(o.commit_every / n, 1);
    for (std::size_t i = 0; i < n; ++i) {
      auto shard = std::make_unique<IndexWriter>(shard_paths[i], o);
      if (i > 0 && schema::EncodeAnalyzerOptions(shard->analyzer().options()) !=
                       schema::EncodeAnalyzerOptions(impl_->shards[0]->analyzer().options()))
        throw AnalyzerMismatchError("shards " + shard_paths[0] + " and " + shard_paths[i] +
                                    " of " + path + " were built by different analyzers");
      impl_->shards.push_back(std::move(shard));
    }
    impl_->analyzer = std::make_unique<Analyzer>(impl_->shards[0]->analyzer().options());
    impl_->analyzer_options = schema::EncodeAnalyzerOptions(impl_->analyzer->options());
    return;
  }
  if (!options.create_if_missing && !std::filesystem::exists(path))
    throw IndexNotFoundError("no index at " + path);
  try {
    impl_->db = Xapian::WritableDatabase(
        path, (options.create_if_missing ? Xapian::DB_CREATE_OR_OPEN : Xapian::DB_OPEN) |
                  (options.sync ? 0 : Xapian::DB_NO_SYNC));
    impl_->analyzer = SetUpAnalyzer(impl_->db, path, options);
    impl_->analyzer_options = schema::EncodeAnalyzerOptions(impl_->analyzer->options());
  } catch (const Xapian::Error& e) {
    schema::Rethrow(e, path);
  }
}

IndexWriter::~IndexWriter() {
  if (!impl_->shards.empty()) return;  // each shard's writer commits itself
  try {
    impl_->db.commit();
  } catch (...) {
    // Documented: call Commit() to see errors.
  }
}

UpsertResult IndexWriter::Upsert(const NewsDocument& doc) {
  schema::Validate(doc);
  if (!impl_->shards.empty()) return impl_->ShardFor(doc.id).Upsert(doc);
  try {
    // An unchanged article costs a read: no analysis, no write.
    const std::string id_term = std::string(schema::kIdPrefix) + doc.id;
    Xapian::PostingIterator it = impl_->db.postlist_begin(id_term);
    const bool exists = it != impl_->db.postlist_end(id_term);
    if (exists && impl_->db.get_document(*it).get_data() == schema::EncodeData(doc))
      return UpsertResult::kUnchanged;
    PreparedDocument prepared = Prepare(doc);
    prepared.impl_->id_checked = true;
    prepared.impl_->id_exists = exists;
    return Upsert(std::move(prepared));
  } catch (const Xapian::Error& e) {
    schema::Rethrow(e, impl_->path);
  }
}

void IndexWriter::Check(const NewsDocument& doc) { schema::Validate(doc); }

PreparedDocument IndexWriter::Prepare(const NewsDocument& doc, const Analyzer* analyzer) const {
  schema::Validate(doc);
  if (analyzer == nullptr) {
    analyzer = impl_->analyzer.get();
  } else if (analyzer != impl_->analyzer.get() &&
             schema::EncodeAnalyzerOptions(analyzer->options()) != impl_->analyzer_options) {
    throw AnalyzerMismatchError("IndexWriter::Prepare: the analyzer given differs from index " +
                                impl_->path + "'s (\"" + impl_->analyzer_options + "\")");
  }
  PreparedDocument prepared;
  prepared.impl_ = std::make_unique<PreparedDocument::Impl>();
  PreparedDocument::Impl& p = *prepared.impl_;
  try {
    p.id_term.assign(schema::kIdPrefix).append(doc.id);
    p.doc = schema::BuildDocument(*analyzer, doc, impl_->options.title_weight);
  } catch (const Xapian::Error& e) {
    schema::Rethrow(e, impl_->path);
  }
  // Xapian keeps each pending posting and position list in std::maps:
  // measured on the news corpus, about 10 bytes of memory per byte of
  // article text, plus the stored data and a fixed cost per document.
  p.memory = 12 * (doc.title.size() + doc.body.size()) + 2048;
  return prepared;
}

UpsertResult IndexWriter::Upsert(PreparedDocument&& doc) {
  if (!doc.impl_) throw IndexError("IndexWriter::Upsert: empty PreparedDocument (moved from?)");
  const PreparedDocument::Impl& p = *doc.impl_;
  if (!impl_->shards.empty())
    return impl_->ShardFor(std::string_view(p.id_term).substr(schema::kIdPrefix.size()))
        .Upsert(std::move(doc));
  try {
    UpsertResult result = UpsertResult::kAdded;
    if (p.id_checked) {
      if (p.id_exists) result = UpsertResult::kUpdated;  // and known to differ
    } else if (Xapian::PostingIterator it = impl_->db.postlist_begin(p.id_term);
               it != impl_->db.postlist_end(p.id_term)) {
      // Same bytes stored means same terms too (the analyzer is fixed per
      // index), so an unchanged article costs a read and no write.
      if (impl_->db.get_document(*it).get_data() == p.doc.get_data())
        return UpsertResult::kUnchanged;
      result = UpsertResult::kUpdated;
    }
    impl_->db.replace_document(p.id_term, p.doc);
    impl_->pending_bytes += p.memory;
    ++impl_->pending;
    const std::size_t budget = impl_->options.memory_mb << 20;
    if ((impl_->options.commit_every > 0 && impl_->pending >= impl_->options.commit_every) ||
        (budget > 0 && impl_->pending_bytes >= budget))
      Commit();
    return result;
  } catch (const Xapian::Error& e) {
    schema::Rethrow(e, impl_->path);
  }
}

bool IndexWriter::Delete(std::string_view id) {
  if (!impl_->shards.empty()) return impl_->ShardFor(id).Delete(id);
  try {
    const std::string id_term = std::string(schema::kIdPrefix) + std::string(id);
    if (!impl_->db.term_exists(id_term)) return false;
    impl_->db.delete_document(id_term);
    if (++impl_->pending >= impl_->options.commit_every && impl_->options.commit_every > 0)
      Commit();
    return true;
  } catch (const Xapian::Error& e) {
    schema::Rethrow(e, impl_->path);
  }
}

void IndexWriter::Commit() {
  for (auto& shard : impl_->shards) shard->Commit();
  if (!impl_->shards.empty()) return;
  try {
    impl_->db.commit();
    impl_->pending = 0;
    impl_->pending_bytes = 0;
  } catch (const Xapian::Error& e) {
    schema::Rethrow(e, impl_->path);
  }
}

std::uint64_t IndexWriter::document_count() const {
  std::uint64_t n = 0;
  for (const auto& shard : impl_->shards) n += shard->document_count();
  return impl_->shards.empty() ? impl_->db.get_doccount() : n;
}

const Analyzer& IndexWriter::analyzer() const noexcept { return *impl_->analyzer; }

void MergeIndexes(const std::vector<std::string>& inputs, const std::string& output) {
  if (inputs.empty()) throw IndexError("MergeIndexes: no input indexes");
  if (std::filesystem::exists(output))
    throw IndexError("MergeIndexes: " + output + " exists; the merged index must be new");
  std::string current = inputs.front();
  try {
    Xapian::Database all;
    std::string analyzer;
    for (const std::string& path : inputs) {
      current = path;
      Xapian::Database db(path);
      const std::string options = db.get_metadata(schema::kMetaAnalyzerOptions) + " " +
                                  db.get_metadata(schema::kMetaAnalyzerFingerprint);
      if (&path == &inputs.front()) analyzer = options;
      else if (options != analyzer)
        throw AnalyzerMismatchError("cannot merge " + path + " (analyzer \"" + options +
                                    "\") with " + inputs.front() + " (\"" + analyzer + "\")");
      all.add_database(db);
    }
    current = output;
    // Full compaction packs the B-tree blocks; the inputs' metadata is the
    // same, so keeping the first copy of each key loses nothing.
    all.compact(output, Xapian::Compactor::FULL);
  } catch (const Xapian::Error& e) {
    schema::Rethrow(e, current);
  }
}

}  // namespace libsearch

namespace libsearch {

unsigned ShardOfId(std::string_view id, unsigned shards) noexcept {
  std::uint64_t h = 14695981039346656037ULL;  // FNV-1a, 64 bits
  for (unsigned char c : id) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return shards == 0 ? 0 : static_cast<unsigned>(h % shards);
}

std::vector<std::string> ShardPaths(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path stub = fs::path(path) / "XAPIANDB";
  if (!fs::is_regular_file(stub, ec)) return {};
  std::ifstream in(stub, std::ios::binary);
  std::string line;
  if (!in || !std::getline(in, line) || line.compare(0, kStubHeader.size(), kStubHeader) != 0)
    return {};  // a stub, but not one CreateShardedIndex wrote
  const unsigned long n = std::strtoul(line.c_str() + kStubHeader.size(), nullptr, 10);
  std::vector<std::string> paths;
  int line_no = 1;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    const std::string want = "auto shard" + std::to_string(paths.size());
    if (line != want || paths.size() >= n)
      throw IndexError(stub.string() + ":" + std::to_string(line_no) + ": \"" + line +
                       "\" where a libsearch sharded index of " + std::to_string(n) +
                       " shards lists \"" + want + "\"; the stub was edited by hand");
    paths.push_back((fs::path(path) / ("shard" + std::to_string(paths.size()))).string());
  }
  if (n == 0 || paths.size() != n)
    throw IndexError(stub.string() + " lists " + std::to_string(paths.size()) +
                     " shards; its first line says " + std::to_string(n));
  return paths;
}

void CreateShardedIndex(const std::string& path, unsigned shards,
                        const IndexWriterOptions& options) {
  namespace fs = std::filesystem;
  if (shards < 1 || shards > 256)
    throw IndexError("a sharded index has 1 to 256 shards, not " + std::to_string(shards));
  std::error_code ec;
  if (fs::exists(path, ec) && !(fs::is_directory(path, ec) && fs::is_empty(path, ec)))
    throw IndexError("cannot create a sharded index at " + path +
                     ": it exists and is not an empty directory");
  // Built beside its place and renamed into it, so that a crash leaves no
  // half-made index under `path`.
  std::mt19937_64 rng(std::random_device{}() ^
                      static_cast<std::uint64_t>(
                          std::chrono::steady_clock::now().time_since_epoch().count()));
  const fs::path work = path + ".creating-" + std::to_string(rng() % 1000000000);
  std::string current = work.string();
  try {
    fs::create_directories(work);
    std::string stub = std::string(kStubHeader) + std::to_string(shards) +
                       " shards; each article is in shard FNV-1a(id) mod " +
                       std::to_string(shards) + ".\n"
                       "# Searched as one index; written by libsearch's IndexWriter or "
                       "libsearch-index.\n";
    for (unsigned i = 0; i < shards; ++i) {
      const std::string name = "shard" + std::to_string(i);
      current = (work / name).string();
      Xapian::WritableDatabase db(current, Xapian::DB_CREATE);
      IndexWriterOptions o = options;
      o.keep_existing_analyzer = false;
      SetUpAnalyzer(db, current, o);
      stub += "auto " + name + "\n";
    }
    current = (work / "XAPIANDB").string();
    std::ofstream out(current, std::ios::binary);
    out << stub;
    out.close();
    if (!out) throw IndexError("cannot write " + current);
    current = path;
    if (fs::exists(path)) fs::remove(path);  // the empty directory
    fs::rename(work, path);
  } catch (const Xapian::Error& e) {
    fs::remove_all(work, ec);
    schema::Rethrow(e, current);
  } catch (const fs::filesystem_error& e) {
    fs::remove_all(work, ec);
    throw IndexError("cannot create sharded index " + path + ": " + e.what());
  } catch (...) {
    fs::remove_all(work, ec);
    throw;
  }
}

}  // namespace libsearch
