// IndexWriter and Searcher on small hand-made documents: upsert semantics,
// delete, analyzer records, locking, sorting, paging and highlights.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "libsearch/libsearch.h"
#include "test_util.h"

namespace libsearch {
namespace {

NewsDocument Doc(std::string id, std::string title, std::string body, std::string date = "",
                 std::string source = "") {
  NewsDocument d;
  d.id = std::move(id);
  d.title = std::move(title);
  d.body = std::move(body);
  d.date = std::move(date);
  d.source = std::move(source);
  d.url = "https://example.com/" + d.id;
  return d;
}

std::vector<std::string> Ids(const SearchResults& r) {
  std::vector<std::string> ids;
  for (const Hit& h : r.hits) ids.push_back(h.document.id);
  return ids;
}

std::set<std::string> IdSet(const SearchResults& r) {
  auto v = Ids(r);
  return std::set<std::string>(v.begin(), v.end());
}

class IndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    IndexWriter w(db());
    w.Upsert(Doc("a", "المدرسة الجديدة", "افتتحت وزارة التعليم المدرسة في الرياض.", "2023-05-01", "الجزيرة"));
    w.Upsert(Doc("b", "سعر النفط", "ارتفع سعر النفط في الأسواق العالمية.", "2024-02-10", "العربية"));
    w.Upsert(Doc("c", "الطلاب والمدارس", "عاد الطلاب إلى المدارس بعد العطلة.", "2024-09-01", "الجزيرة"));
    w.Upsert(Doc("d", "بلا تاريخ", "خبر عن المدرسة بلا تاريخ.", "", "reuters.com"));
    w.Commit();
  }
  std::string db() const { return dir_ / "db"; }
  testutil::TempDir dir_;
};

TEST_F(IndexTest, UpsertAddsUpdatesAndLeavesUnchanged) {
  IndexWriter w(db());
  EXPECT_EQ(w.document_count(), 4u);
  EXPECT_EQ(w.Upsert(Doc("a", "المدرسة الجديدة", "افتتحت وزارة التعليم المدرسة في الرياض.", "2023-05-01", "الجزيرة")),
            UpsertResult::kUnchanged);
  EXPECT_EQ(w.Upsert(Doc("a", "المستشفى الجديد", "افتتحت وزارة الصحة المستشفى.", "2023-05-01", "الجزيرة")),
            UpsertResult::kUpdated);
  EXPECT_EQ(w.Upsert(Doc("e", "خبر", "نص الخبر.", "2022-01-01")), UpsertResult::kAdded);
  w.Commit();
  EXPECT_EQ(w.document_count(), 5u);

  Searcher s(db());
  // The old words of "a" are gone, the new ones found; still one "a".
  EXPECT_EQ(IdSet(s.Search("المستشفى")), (std::set<std::string>{"a"}));
  EXPECT_EQ(IdSet(s.Search("الرياض")).count("a"), 0u);
  EXPECT_EQ(s.Get("a")->title, "المستشفى الجديد");
}

TEST_F(IndexTest, DeleteRemovesById) {
  {
    IndexWriter w(db());
    EXPECT_TRUE(w.Delete("b"));
    EXPECT_FALSE(w.Delete("no-such-id"));
    w.Commit();
  }
  Searcher s(db());
  EXPECT_EQ(s.document_count(), 3u);
  EXPECT_FALSE(s.Get("b").has_value());
  EXPECT_TRUE(s.Search("النفط").hits.empty());
}

TEST_F(IndexTest, InvalidDocumentsAreRefused) {
  IndexWriter w(db());
  EXPECT_THROW(w.Upsert(Doc("", "t", "b")), InvalidDocumentError);
  EXPECT_THROW(w.Upsert(Doc(std::string(201, 'x'), "t", "b")), InvalidDocumentError);
  EXPECT_THROW(w.Upsert(Doc("x", "t", "b", "2024-02-30")), InvalidDocumentError);
  EXPECT_THROW(w.Upsert(Doc("x", "t", "b", "05/03/2024")), InvalidDocumentError);
}

TEST_F(IndexTest, SecondWriterIsLockedOut) {
  IndexWriter w(db());
  EXPECT_THROW(IndexWriter second(db()), IndexLockedError);
}

TEST_F(IndexTest, MissingIndexIsAClearError) {
  try {
    Searcher s(dir_ / "nope");
    FAIL();
  } catch (const IndexNotFoundError& e) {
    EXPECT_NE(std::string(e.what()).find(dir_ / "nope"), std::string::npos);
  }
  IndexWriterOptions o;
  o.create_if_missing = false;
  EXPECT_THROW(IndexWriter w(dir_ / "nope", o), IndexNotFoundError);
}

TEST_F(IndexTest, AnalyzerIsRecordedAndEnforced) {
  AnalyzerOptions snowball;
  snowball.stemming = StemStrength::kSnowball;
  IndexWriterOptions o;
  o.analyzer = snowball;
  EXPECT_THROW(IndexWriter w(db(), o), AnalyzerMismatchError);
  EXPECT_THROW(Searcher s(db(), snowball), AnalyzerMismatchError);
  o.keep_existing_analyzer = true;  // what libsearch-index does without analyzer flags
  EXPECT_NO_THROW(IndexWriter w(db(), o));
  Searcher s(db());
  EXPECT_EQ(s.analyzer_fingerprint(), Analyzer().Fingerprint());
}

TEST_F(IndexTest, SortByDateAndPaging) {
  Searcher s(db());
  SearchOptions o;
  o.sort = SortOrder::kNewestFirst;
  o.default_operator = DefaultOperator::kOr;
  // Every document has one of these words.
  const std::string q = "المدرسة النفط الطلاب";
  EXPECT_EQ(Ids(s.Search(q, o)), (std::vector<std::string>{"c", "b", "a", "d"}));
  o.sort = SortOrder::kOldestFirst;
  EXPECT_EQ(Ids(s.Search(q, o)), (std::vector<std::string>{"a", "b", "c", "d"}));
  o.offset = 1;
  o.limit = 2;
  SearchResults page = s.Search(q, o);
  EXPECT_EQ(Ids(page), (std::vector<std::string>{"b", "c"}));
  EXPECT_EQ(page.hits[0].rank, 2u);
  EXPECT_EQ(page.estimated_total, 4u);
}

TEST_F(IndexTest, StemmedWordsMatchInflections) {
  Searcher s(db());
  // المدارس is a broken plural of مدرسة: a light stemmer does not conflate it.
  EXPECT_EQ(IdSet(s.Search("مدرسة")), (std::set<std::string>{"a", "d"}));
  EXPECT_EQ(IdSet(s.Search("والطلاب")), (std::set<std::string>{"c"}));
}

TEST_F(IndexTest, SourceFilterAndTitleField) {
  Searcher s(db());
  EXPECT_EQ(IdSet(s.Search("source:الجزيرة")), (std::set<std::string>{"a", "c"}));
  EXPECT_EQ(IdSet(s.Search("source:REUTERS.COM")), (std::set<std::string>{"d"}));
  EXPECT_EQ(IdSet(s.Search("title:المدرسة")), (std::set<std::string>{"a"}));
  EXPECT_EQ(IdSet(s.Search("المدرسة")), (std::set<std::string>{"a", "d"}));
}

TEST(HighlightTest, MarksLandOnDiacritisedOriginalBytes) {
  testutil::TempDir dir;
  const std::string body = "قالَ المُتَحَدِّثُ إنَّ البَنْكَ المَرْكَزِيَّ رَفَعَ سعرَ الفائدةِ اليوم.";
  {
    IndexWriter w(dir / "db");
    w.Upsert(Doc("x", "خبر", body, "2024-01-01"));
  }
  Searcher s(dir / "db");
  SearchResults r = s.Search("\"البنك المركزي\"");
  ASSERT_EQ(r.hits.size(), 1u);
  const Snippet& sn = r.hits[0].snippet;
  ASSERT_EQ(sn.highlights.size(), 1u);
  const ByteRange h = sn.highlights[0];
  EXPECT_EQ(sn.text.substr(h.begin, h.end - h.begin), "البَنْكَ المَرْكَزِيَّ");
  ASSERT_EQ(sn.body_highlights.size(), 1u);
  EXPECT_EQ(body.substr(sn.body_highlights[0].begin, sn.body_highlights[0].end - sn.body_highlights[0].begin),
            "البَنْكَ المَرْكَزِيَّ");
  // A plain-word query marks each word.
  r = s.Search("الفائدة سعر");
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.hits[0].snippet.Marked("[", "]").find("[سعرَ] [الفائدةِ]") != std::string::npos, true)
      << r.hits[0].snippet.Marked("[", "]");
}

TEST(HighlightTest, LongBodyIsCutAroundTheMatches) {
  testutil::TempDir dir;
  std::string body;
  for (int i = 0; i < 80; ++i) body += "كلام عادي لا يعني شيئا هنا. ";
  body += "وفي النهاية أعلنت الوزارة عن اكتشاف أثري مهم. ";
  for (int i = 0; i < 80; ++i) body += "كلام عادي لا يعني شيئا هنا. ";
  {
    IndexWriter w(dir / "db");
    w.Upsert(Doc("x", "خبر", body));
  }
  Searcher s(dir / "db");
  SearchOptions o;
  o.snippet_chars = 120;
  SearchResults r = s.Search("اكتشاف أثري", o);
  ASSERT_EQ(r.hits.size(), 1u);
  const Snippet& sn = r.hits[0].snippet;
  EXPECT_EQ(sn.highlights.size(), 2u);
  EXPECT_LT(sn.text.size(), 400u);
  EXPECT_EQ(sn.text.rfind("\xE2\x80\xA6", 0), 0u) << "starts with an ellipsis: " << sn.text;
  EXPECT_NE(sn.Marked().find("[اكتشاف] [أثري]"), std::string::npos) << sn.Marked();
}

}  // namespace
}  // namespace libsearch
