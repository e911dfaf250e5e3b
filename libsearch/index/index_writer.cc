#include <xapian.h>

#include <filesystem>
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

IndexWriter::IndexWriter(const std::string& path, const IndexWriterOptions& options)
    : impl_(new Impl) {
  impl_->path = path;
  impl_->options = options;
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
  try {
    impl_->db.commit();
  } catch (...) {
    // Documented: call Commit() to see errors.
  }
}

UpsertResult IndexWriter::Upsert(const NewsDocument& doc) {
  schema::Validate(doc);
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
  try {
    impl_->db.commit();
    impl_->pending = 0;
    impl_->pending_bytes = 0;
  } catch (const Xapian::Error& e) {
    schema::Rethrow(e, impl_->path);
  }
}

std::uint64_t IndexWriter::document_count() const { return impl_->db.get_doccount(); }

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
