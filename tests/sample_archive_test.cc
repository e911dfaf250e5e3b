// The bundled sample archive, indexed through the library: each query
// feature returns exactly the articles examples/data/MANIFEST.md says hold
// it.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "libsearch/libsearch.h"
#include "test_util.h"

namespace libsearch {
namespace {

const std::string kData = std::string(LIBSEARCH_SOURCE_DIR) + "/examples/data";

std::size_t IndexSample(IndexWriter* writer, std::vector<std::string>* problems = nullptr) {
  std::size_t n = 0;
  for (const std::string input : {kData + "/news.jsonl", kData + "/articles"}) {
    ArchiveReader reader(input);
    ArchiveRecord r;
    while (reader.Next(&r)) {
      if (r.kind == ArchiveRecord::Kind::kProblem) {
        if (problems) problems->push_back(r.file + ":" + std::to_string(r.line) + ": " + r.problem);
        continue;
      }
      writer->Upsert(r.document);
      ++n;
    }
  }
  writer->Commit();
  return n;
}

std::set<std::string> S(std::initializer_list<int> numbers) {
  std::set<std::string> ids;
  for (int n : numbers) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "sample-%03d", n);
    ids.insert(buf);
  }
  return ids;
}

class SampleArchiveTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testutil::TempDir;
    IndexWriter writer(*dir_ / "db");
    std::vector<std::string> problems;
    indexed_ = IndexSample(&writer, &problems);
    for (const auto& p : problems) ADD_FAILURE() << p;
  }
  static void TearDownTestSuite() { delete dir_; }

  std::set<std::string> Find(const std::string& query, SearchOptions o = SearchOptions()) {
    Searcher s(*dir_ / "db");
    o.limit = 100;
    std::set<std::string> ids;
    for (const Hit& h : s.Search(query, o).hits) ids.insert(h.document.id);
    return ids;
  }
  std::vector<std::string> Ranked(const std::string& query, SearchOptions o) {
    Searcher s(*dir_ / "db");
    std::vector<std::string> ids;
    for (const Hit& h : s.Search(query, o).hits) ids.push_back(h.document.id);
    return ids;
  }

  static testutil::TempDir* dir_;
  static std::size_t indexed_;
};
testutil::TempDir* SampleArchiveTest::dir_ = nullptr;
std::size_t SampleArchiveTest::indexed_ = 0;

TEST_F(SampleArchiveTest, EveryArticleIsIndexed) {
  EXPECT_EQ(indexed_, 42u);
  EXPECT_EQ(Searcher(*dir_ / "db").document_count(), 42u);
}

TEST_F(SampleArchiveTest, DiacritisedAndPlainPhrasesFindEachOther) {
  EXPECT_EQ(Find("\"البنك المركزي\""), S({1, 14}));
  EXPECT_EQ(Find("\"الْبَنْكُ الْمَرْكَزِيُّ\""), S({1, 14}));
  EXPECT_EQ(Find("«البَنْكُ المَرْكَزِيُّ»"), S({1, 14}));
  EXPECT_EQ(Find("البنك المركزي"), S({1, 14}));
  EXPECT_EQ(Find("جـــديد"), S({22}));
  EXPECT_EQ(Find("جَدِيد"), S({22}));
}

TEST_F(SampleArchiveTest, AlefAndHamzaVariantsMatch) {
  EXPECT_EQ(Find("الاستراتيجية"), S({24, 25}));
  EXPECT_EQ(Find("الإستراتيجية"), S({24, 25}));
  EXPECT_EQ(Find("أحمد"), S({4, 23}));
  EXPECT_EQ(Find("احمد"), S({4, 23}));
  EXPECT_EQ(Find("إحمد"), S({4, 23}));
  EXPECT_EQ(Find("آثار"), S({4, 21}));
  EXPECT_EQ(Find("مستشفى"), S({3, 23}));
  EXPECT_EQ(Find("مستشفي"), S({3, 23}));
  EXPECT_EQ(Find("مسؤول"), S({3, 12}));
  EXPECT_EQ(Find("مسئول"), S({3, 12}));
}

TEST_F(SampleArchiveTest, DigitScriptsMatch) {
  EXPECT_EQ(Find("2024"), S({13, 16}));
  EXPECT_EQ(Find("٢٠٢٤"), S({13, 16}));
  EXPECT_EQ(Find("\"عام ٢٠٢٤\""), S({13, 16}));
  EXPECT_EQ(Find("1500"), S({13}));
  EXPECT_EQ(Find("٣٫٥"), S({30}));
  EXPECT_EQ(Find("3.5"), S({30}));
}

TEST_F(SampleArchiveTest, CliticsAreStripped) {
  EXPECT_EQ(Find("كتاب"), S({11, 15}));
  EXPECT_EQ(Find("المدرسة"), S({5, 15}));
  EXPECT_EQ(Find("الطلاب"), S({7, 15}));
  EXPECT_EQ(Find("المعلمين"), S({7, 15}));
  EXPECT_EQ(Find("الحكومة"), S({9, 10}));
  // The exact form does not stem: only the article that wrote it so.
  EXPECT_EQ(Find("=والكتاب"), S({15}));
}

TEST_F(SampleArchiveTest, LatinWordsNumbersAndMixedTokens) {
  EXPECT_EQ(Find("google"), S({7}));
  EXPECT_EQ(Find("NASA"), S({8}));
  EXPECT_EQ(Find("COVID-19"), S({12}));
  EXPECT_EQ(Find("iPhone"), S({16}));
  EXPECT_EQ(Find("عام2025"), S({27}));
  EXPECT_EQ(Find("2025"), S({27}));
}

TEST_F(SampleArchiveTest, TitleField) {
  EXPECT_EQ(Find("title:الفضاء"), S({8}));
  EXPECT_EQ(Find("الفضاء"), S({8, 26}));
}

TEST_F(SampleArchiveTest, BooleanOperators) {
  EXPECT_EQ(Find("برشلونة"), S({2, 19}));
  EXPECT_EQ(Find("برشلونة NOT ريال"), S({2}));
  EXPECT_EQ(Find("برشلونة -ريال"), S({2}));
  EXPECT_EQ(Find("برشلونة AND NOT ريال"), S({2}));
  EXPECT_EQ(Find("برشلونة OR ريال"), S({2, 17, 19}));
  EXPECT_EQ(Find("برشلونة ريال"), S({19}));
  EXPECT_EQ(Find("(برشلونة OR ريال) date:2024"), S({17, 19}));
}

TEST_F(SampleArchiveTest, PersianLettersAndLigatures) {
  EXPECT_EQ(Find("\"كرة القدم\""), S({2, 20}));
  EXPECT_EQ(Find("\"کرة القدم\""), S({2, 20}));
  EXPECT_EQ(Find("لاعب"), S({17, 19}));
}

TEST_F(SampleArchiveTest, SourceAndDateFilters) {
  EXPECT_EQ(Find("source:الجزيرة"), S({1, 7, 12, 17, 23, 29, 34}));
  EXPECT_EQ(Find("source:\"بي بي سي عربي\""), S({3, 9, 14, 20, 26, 31, 36}));
  EXPECT_EQ(Find("source:reuters.com"), S({6, 16, 24}));
  EXPECT_EQ(Find("source:العربية OR source:reuters.com").size(), 10u);
  EXPECT_EQ(Find("date:2024-01-01..2024-06-30"), S({13, 14, 15, 16, 17, 18}));
  EXPECT_EQ(Find("date:٢٠٢٤-٠١-٠١..٢٠٢٤-٠٦-٣٠"), S({13, 14, 15, 16, 17, 18}));
  EXPECT_EQ(Find("date:2024-01-02..2024-06-29"), S({14, 15, 16, 17}));
  EXPECT_EQ(Find("date:2025-12"), S({36}));
  EXPECT_TRUE(Find("date:2026").empty());
  EXPECT_EQ(Find("date:2024").size(), 12u);
  EXPECT_EQ(Find("source:الجزيرة date:2024-01-01..2024-06-30"), S({17}));
}

TEST_F(SampleArchiveTest, NamesKeepTheirFirstLetter) {
  EXPECT_EQ(Find("بوتين"), S({6}));
  EXPECT_EQ(Find("فلاديمير"), S({6}));
  EXPECT_EQ(Find("لبنان"), S({11}));
  EXPECT_EQ(Find("فلسطين"), S({29}));
}

TEST_F(SampleArchiveTest, TextTreeArticles) {
  EXPECT_EQ(Find("المسرح"), (std::set<std::string>{"culture/2025-theatre.txt"}));
  EXPECT_EQ(Find("تصديات"), (std::set<std::string>{"sport/handball/2025-final.txt"}));
}

TEST_F(SampleArchiveTest, SortByDate) {
  SearchOptions o;
  o.sort = SortOrder::kNewestFirst;
  EXPECT_EQ(Ranked("برشلونة OR ريال", o), (std::vector<std::string>{"sample-019", "sample-017", "sample-002"}));
  o.sort = SortOrder::kOldestFirst;
  EXPECT_EQ(Ranked("برشلونة OR ريال", o), (std::vector<std::string>{"sample-002", "sample-017", "sample-019"}));
}

TEST(SampleArchiveUpdateTest, ReindexingChangesNothingAndUpdatesInPlace) {
  testutil::TempDir dir;
  {
    IndexWriter w(dir / "db");
    IndexSample(&w);
  }
  std::string revision_text;
  {
    IndexWriter w(dir / "db");
    // Everything again: all unchanged.
    for (const std::string input : {kData + "/news.jsonl", kData + "/articles"}) {
      ArchiveReader reader(input);
      ArchiveRecord r;
      while (reader.Next(&r)) {
        ASSERT_EQ(r.kind, ArchiveRecord::Kind::kDocument);
        EXPECT_EQ(w.Upsert(r.document), UpsertResult::kUnchanged) << r.document.id;
      }
    }
    // A changed title replaces the article in place.
    Searcher before(dir / "db");
    NewsDocument d = *before.Get("sample-010");
    d.title = "افتتاح خط ترامواي جديد في العاصمة";
    EXPECT_EQ(w.Upsert(d), UpsertResult::kUpdated);
    w.Commit();
    EXPECT_EQ(w.document_count(), 42u);
  }
  Searcher s(dir / "db");
  SearchOptions o;
  o.limit = 100;
  auto ids = [&](const std::string& q) {
    std::set<std::string> out;
    for (const Hit& h : s.Search(q, o).hits) out.insert(h.document.id);
    return out;
  };
  EXPECT_EQ(ids("ترامواي"), S({10}));
  EXPECT_TRUE(ids("تدشين").empty());
  EXPECT_EQ(s.document_count(), 42u);
}

}  // namespace
}  // namespace libsearch
