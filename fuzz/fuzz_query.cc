// libFuzzer target: query parsing. Any input either parses or throws
// libsearch::QueryError with a position inside the query; nothing else may
// escape. A parsed query also runs against a small in-memory index.
#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_util.h"
#include "index/query_parser.h"
#include "index/schema.h"
#include "libsearch/analyzer.h"
#include "libsearch/error.h"

namespace {

// A few documents built by the library's own schema, so parsed queries
// meet real terms, positions and date values.
Xapian::Database& SmallIndex(const libsearch::Analyzer& analyzer) {
  static Xapian::WritableDatabase db = [&analyzer] {
    Xapian::WritableDatabase w(std::string(), Xapian::DB_BACKEND_INMEMORY);
    const char* const docs[][4] = {
        {"a", "البنك المركزي يرفع الفائدة", "قرّر البَنْكُ المَرْكَزِيُّ رفع سعر الفائدة عام ٢٠٢٤", "2024-03-05"},
        {"b", "برشلونة وريال مدريد", "مباراة كرة القدم في الملعب", "2023-11-20"},
        {"c", "NASA and the moon", "رحلة إلى الفضاء مع NASA سنة 2025", ""}};
    for (const auto& d : docs) {
      libsearch::NewsDocument doc;
      doc.id = d[0];
      doc.title = d[1];
      doc.body = d[2];
      doc.date = d[3];
      doc.source = "الجزيرة";
      w.replace_document("Q" + doc.id, libsearch::schema::BuildDocument(analyzer, doc, 3));
    }
    w.commit();
    return w;
  }();
  return db;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 4096) return 0;  // queries are short; keep each run fast
  const std::string_view query(reinterpret_cast<const char*>(data), size);
  static const libsearch::Analyzer analyzer{libsearch::AnalyzerOptions()};
  for (const auto op : {libsearch::DefaultOperator::kAnd, libsearch::DefaultOperator::kOr}) {
    libsearch::QueryParser parser(analyzer, op);
    try {
      libsearch::ParsedQuery parsed = parser.Parse(query);
      Xapian::Enquire enquire(SmallIndex(analyzer));
      enquire.set_query(parsed.query);
      Xapian::MSet mset = enquire.get_mset(0, 10);
      FUZZ_CHECK(mset.size() <= 3);
    } catch (const libsearch::QueryError& e) {
      FUZZ_CHECK(e.position() <= size);
    }
    // Anything else escapes and libFuzzer reports it as a crash.
  }
  return 0;
}
