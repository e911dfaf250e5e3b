#include <xapian.h>

#include <filesystem>

#include "index/schema.h"
#include "libsearch/error.h"
#include "libsearch/index.h"

namespace libsearch {

struct IndexWriter::Impl {
  std::string path;
  IndexWriterOptions options;
  Xapian::WritableDatabase db;
  std::unique_ptr<Analyzer> analyzer;
  std::size_t pending = 0;
};

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
        path, options.create_if_missing ? Xapian::DB_CREATE_OR_OPEN : Xapian::DB_OPEN);
    impl_->analyzer = SetUpAnalyzer(impl_->db, path, options);
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
    const std::string id_term = std::string(schema::kIdPrefix) + doc.id;
    UpsertResult result = UpsertResult::kAdded;
    Xapian::PostingIterator p = impl_->db.postlist_begin(id_term);
    if (p != impl_->db.postlist_end(id_term)) {
      // Same bytes stored means same terms too (the analyzer is fixed per
      // index), so an unchanged article costs a read and no write.
      if (impl_->db.get_document(*p).get_data() == schema::EncodeData(doc))
        return UpsertResult::kUnchanged;
      result = UpsertResult::kUpdated;
    }
    impl_->db.replace_document(
        id_term, schema::BuildDocument(*impl_->analyzer, doc, impl_->options.title_weight));
    if (++impl_->pending >= impl_->options.commit_every && impl_->options.commit_every > 0)
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
  } catch (const Xapian::Error& e) {
    schema::Rethrow(e, impl_->path);
  }
}

std::uint64_t IndexWriter::document_count() const { return impl_->db.get_doccount(); }

const Analyzer& IndexWriter::analyzer() const noexcept { return *impl_->analyzer; }

}  // namespace libsearch
