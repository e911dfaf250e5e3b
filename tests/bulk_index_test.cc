// The fast indexing paths give what the plain one gives: Prepare() then
// Upsert(PreparedDocument) against Upsert(), MergeIndexes(), and
// libsearch-index with analysis threads or --shards against --threads 1.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "libsearch/libsearch.h"
#include "test_util.h"

namespace {

using libsearch::IndexWriter;
using libsearch::NewsDocument;
using libsearch::Searcher;
using libsearch::UpsertResult;
using testutil::Quote;

const std::string kTools = LIBSEARCH_TOOLS_DIR;
const std::string kSample = std::string(LIBSEARCH_SOURCE_DIR) + "/examples/data/news.jsonl";

NewsDocument Doc(std::string id, std::string title, std::string body, std::string date = "") {
  NewsDocument d;
  d.id = std::move(id);
  d.title = std::move(title);
  d.body = std::move(body);
  d.date = std::move(date);
  d.source = "الجزيرة";
  return d;
}

// Ids and snippets of the hits, in rank order.
std::vector<std::string> Hits(const std::string& db, const std::string& query) {
  Searcher s(db);
  libsearch::SearchOptions o;
  o.limit = 100;
  std::vector<std::string> out;
  for (const libsearch::Hit& h : s.Search(query, o).hits)
    out.push_back(h.document.id + " " + h.snippet.Marked() + " " + h.title_highlights.Marked());
  return out;
}

std::vector<std::string> SortedIds(const std::string& db) {
  Searcher s(db);
  libsearch::SearchOptions o;
  o.limit = 1000;
  o.snippets = false;
  std::vector<std::string> ids;
  for (const libsearch::Hit& h : s.Search("NOT id:none-such", o).hits) ids.push_back(h.document.id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

const char* const kQueries[] = {"المدرسة", "\"وزارة التعليم\"", "title:النفط", "النفط OR المدارس",
                                "source:الجزيرة الطلاب", "=المدرسة"};

TEST(BulkIndexTest, PrepareThenUpsertEqualsUpsert) {
  testutil::TempDir dir;
  const std::string a = dir / "a", b = dir / "b";
  const std::vector<NewsDocument> docs = {
      Doc("1", "المدرسة الجديدة", "افتتحت وزارة التعليم المدرسة في الرياض.", "2023-05-01"),
      Doc("2", "سعر النفط", "ارتفع سعر النفط في الأسواق العالمية.", "2024-02-10"),
      Doc("1", "المدرسة الجديدة", "افتتحت وزارة التعليم المدرسة في الرياض.", "2023-05-01"),
      Doc("2", "سعر النفط اليوم", "انخفض سعر النفط.", "2024-02-11"),
      Doc("3", "الطلاب والمدارس", "عاد الطلاب إلى المدارس بعد العطلة.")};
  std::vector<UpsertResult> plain, prepared;
  {
    IndexWriter w(a);
    for (const NewsDocument& d : docs) plain.push_back(w.Upsert(d));
  }
  {
    IndexWriter w(b);
    libsearch::Analyzer own(w.analyzer().options());
    for (const NewsDocument& d : docs) prepared.push_back(w.Upsert(w.Prepare(d, &own)));
    EXPECT_THROW(w.Prepare(Doc("", "t", "b")), libsearch::InvalidDocumentError);
    EXPECT_THROW(IndexWriter::Check(Doc("x", "t", "b", "2024-02-30")), libsearch::InvalidDocumentError);
    libsearch::AnalyzerOptions other = w.analyzer().options();
    other.stopwords = !other.stopwords;
    libsearch::Analyzer wrong(other);
    EXPECT_THROW(w.Prepare(docs[0], &wrong), libsearch::AnalyzerMismatchError);
  }
  EXPECT_EQ(plain, prepared);
  EXPECT_EQ(prepared, (std::vector<UpsertResult>{UpsertResult::kAdded, UpsertResult::kAdded,
                                                 UpsertResult::kUnchanged, UpsertResult::kUpdated,
                                                 UpsertResult::kAdded}));
  for (const char* q : kQueries) EXPECT_EQ(Hits(a, q), Hits(b, q)) << q;
}

TEST(BulkIndexTest, MemoryBudgetCommitsEarly) {
  testutil::TempDir dir;
  libsearch::IndexWriterOptions o;
  o.commit_every = 0;
  o.memory_mb = 1;  // each document below is estimated at over 100 KiB
  IndexWriter w(dir / "db", o);
  const std::string body(10000, 'x');
  for (int i = 0; i < 20; ++i) w.Upsert(Doc(std::to_string(i), "t", body));
  Searcher s(dir / "db");  // sees the commits made so far, without Commit()
  EXPECT_GE(s.document_count(), 8u);
}

TEST(BulkIndexTest, UnsyncedWriterCommitsWhatReadersSee) {
  testutil::TempDir dir;
  libsearch::IndexWriterOptions o;
  o.sync = false;
  {
    IndexWriter w(dir / "db", o);
    w.Upsert(Doc("1", "سعر النفط", "ارتفع سعر النفط في الأسواق العالمية."));
    w.Commit();
    EXPECT_EQ(Hits(dir / "db", "\"سعر النفط\"").size(), 1u);
    w.Upsert(Doc("2", "الطلاب والمدارس", "عاد الطلاب إلى المدارس بعد العطلة."));
  }
  // Reopened as a durable writer: the same index, nothing lost.
  IndexWriter w(dir / "db");
  EXPECT_EQ(w.document_count(), 2u);
  EXPECT_EQ(SortedIds(dir / "db"), (std::vector<std::string>{"1", "2"}));
}

TEST(BulkIndexTest, ShardOfIdIsFnv1aOfTheIdBytes) {
  // Published FNV-1a 64-bit values: the routing must not change between
  // versions or platforms, or a re-run would duplicate articles.
  EXPECT_EQ(libsearch::ShardOfId("", 1000), 14695981039346656037ULL % 1000);
  EXPECT_EQ(libsearch::ShardOfId("a", 1000), 0xaf63dc4c8601ec8cULL % 1000);
  EXPECT_EQ(libsearch::ShardOfId("foobar", 1000), 0x85944171f73967e8ULL % 1000);
  std::vector<int> seen(4);
  for (int i = 0; i < 400; ++i) ++seen[libsearch::ShardOfId("article-" + std::to_string(i), 4)];
  for (int n : seen) EXPECT_GT(n, 60);  // spread, not all in one
}

TEST(BulkIndexTest, ShardedIndexRoutesEachIdToOneShardAndSearchesAsOne) {
  testutil::TempDir dir;
  const std::vector<NewsDocument> docs = {
      Doc("1", "المدرسة الجديدة", "افتتحت وزارة التعليم المدرسة في الرياض."),
      Doc("2", "سعر النفط", "ارتفع سعر النفط في الأسواق العالمية."),
      Doc("3", "الطلاب والمدارس", "عاد الطلاب إلى المدارس بعد العطلة."),
      Doc("4", "النفط والغاز", "تراجعت أسعار الغاز بينما استقر سعر النفط."),
      Doc("5", "وزارة الصحة", "أعلنت وزارة الصحة حملة تطعيم في المدارس.")};
  libsearch::CreateShardedIndex(dir / "sharded", 3);
  const std::vector<std::string> paths = libsearch::ShardPaths(dir / "sharded");
  ASSERT_EQ(paths.size(), 3u);
  EXPECT_TRUE(libsearch::ShardPaths(dir / "nothing").empty());
  {
    IndexWriter w(dir / "sharded");
    IndexWriter one(dir / "one");
    for (const NewsDocument& d : docs) {
      EXPECT_EQ(w.Upsert(d), UpsertResult::kAdded);
      one.Upsert(d);
    }
    EXPECT_EQ(w.Upsert(docs[1]), UpsertResult::kUnchanged);
    EXPECT_EQ(w.Upsert(w.Prepare(Doc("2", "سعر النفط", "هبط سعر النفط."))), UpsertResult::kUpdated);
    one.Upsert(Doc("2", "سعر النفط", "هبط سعر النفط."));
    EXPECT_TRUE(w.Delete("3"));
    EXPECT_FALSE(w.Delete("3"));
    one.Delete("3");
    EXPECT_EQ(w.document_count(), 4u);
  }
  // Each article is in its own shard, once.
  for (unsigned s = 0; s < 3; ++s) {
    const std::vector<std::string> ids = SortedIds(paths[s]);
    for (const NewsDocument& d : docs) {
      const bool want = d.id != "3" && libsearch::ShardOfId(d.id, 3) == s;
      EXPECT_EQ(std::find(ids.begin(), ids.end(), d.id) != ids.end(), want)
          << d.id << " in shard " << s;
    }
  }
  EXPECT_EQ(SortedIds(dir / "sharded"), SortedIds(dir / "one"));
  for (const char* q : {"النفط", "\"وزارة الصحة\"", "المدارس", "title:النفط"}) {
    std::vector<std::string> a = Hits(dir / "one", q), b = Hits(dir / "sharded", q);
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    EXPECT_EQ(a, b) << q;
  }
  // Not over an index or a non-empty directory; a hand-edited stub is named.
  EXPECT_THROW(libsearch::CreateShardedIndex(dir / "one", 2), libsearch::IndexError);
  EXPECT_THROW(libsearch::CreateShardedIndex(dir / "new", 0), libsearch::IndexError);
  testutil::WriteFile(dir / "sharded/XAPIANDB",
                      testutil::ReadFile(dir / "sharded/XAPIANDB") + "auto ../one\n");
  try {
    IndexWriter w(dir / "sharded");
    ADD_FAILURE() << "an edited stub was opened";
  } catch (const libsearch::IndexError& e) {
    EXPECT_NE(std::string(e.what()).find("XAPIANDB:6"), std::string::npos) << e.what();
  }
}

TEST(BulkIndexTest, MergeIndexesJoinsShardsAndRefusesMixedAnalyzers) {
  testutil::TempDir dir;
  {
    IndexWriter w(dir / "s0");
    w.Upsert(Doc("1", "المدرسة الجديدة", "افتتحت وزارة التعليم المدرسة في الرياض."));
  }
  {
    IndexWriter w(dir / "s1");
    w.Upsert(Doc("2", "سعر النفط", "ارتفع سعر النفط في الأسواق العالمية."));
    w.Upsert(Doc("3", "الطلاب والمدارس", "عاد الطلاب إلى المدارس بعد العطلة."));
  }
  libsearch::MergeIndexes({dir / "s0", dir / "s1"}, dir / "all");
  EXPECT_EQ(SortedIds(dir / "all"), (std::vector<std::string>{"1", "2", "3"}));
  EXPECT_EQ(Hits(dir / "all", "\"وزارة التعليم\"").size(), 1u);
  {
    IndexWriter w(dir / "all");  // a merged index is an ordinary index
    EXPECT_EQ(w.Upsert(Doc("2", "سعر النفط", "ارتفع سعر النفط في الأسواق العالمية.")),
              UpsertResult::kUnchanged);
  }
  EXPECT_THROW(libsearch::MergeIndexes({dir / "s0"}, dir / "all"), libsearch::IndexError);
  {
    libsearch::IndexWriterOptions o;
    o.analyzer.stemming = libsearch::StemStrength::kNone;
    IndexWriter w(dir / "none", o);
    w.Upsert(Doc("9", "t", "b"));
  }
  EXPECT_THROW(libsearch::MergeIndexes({dir / "s0", dir / "none"}, dir / "mixed"),
               libsearch::AnalyzerMismatchError);
}

class BulkCliTest : public ::testing::Test {
 protected:
  testutil::RunResult Index(const std::string& db, const std::string& args) {
    return testutil::Run(kTools + "/libsearch-index -q --db " + Quote(dir_ / db) + " " + args,
                         dir_.path());
  }
  testutil::TempDir dir_;
};

TEST_F(BulkCliTest, ThreadsAndShardsIndexWhatOneThreadIndexes) {
  // The sample twice over, the second time with one article changed: every
  // upsert result is exercised, within one run.
  std::string archive = testutil::ReadFile(kSample);
  std::string changed = archive;
  const std::size_t at = changed.find("\"title\": \"");
  ASSERT_NE(at, std::string::npos);
  changed.insert(at + 10, "عاجل ");
  testutil::WriteFile(dir_ / "in.jsonl", archive + changed);

  const testutil::RunResult one = Index("one", "--threads 1 --json " + Quote(dir_ / "in.jsonl"));
  ASSERT_EQ(one.status, 0) << one.err;
  const testutil::RunResult threads = Index("threads", "--threads 3 --json " + Quote(dir_ / "in.jsonl"));
  const testutil::RunResult shards = Index("shards", "--shards 3 --json " + Quote(dir_ / "in.jsonl"));
  ASSERT_EQ(threads.status, 0) << threads.err;
  ASSERT_EQ(shards.status, 0) << shards.err;
  // The summary's counts (--json: one flat object).
  auto counts = [](const std::string& json) {
    std::string out;
    for (const char* key : {"\"added\":", "\"updated\":", "\"unchanged\":", "\"skipped\":"}) {
      const std::size_t at = json.find(key);
      out += at == std::string::npos ? std::string("?") : json.substr(at, json.find_first_of(",}", at) - at);
      out += ' ';
    }
    return out;
  };
  EXPECT_EQ(counts(one.out), "\"added\":36 \"updated\":1 \"unchanged\":35 \"skipped\":0 ");
  EXPECT_EQ(counts(threads.out), counts(one.out));
  EXPECT_EQ(counts(shards.out), counts(one.out));

  EXPECT_EQ(SortedIds(dir_ / "shards"), SortedIds(dir_ / "one"));
  for (const char* q : kQueries) {
    std::vector<std::string> a = Hits(dir_ / "one", q), b = Hits(dir_ / "shards", q),
                             c = Hits(dir_ / "threads", q);
    // Docids differ after a merge, so equal scores may tie in another order.
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    std::sort(c.begin(), c.end());
    EXPECT_EQ(a, b) << q;
    EXPECT_EQ(a, c) << q;
  }
  // No work directories left beside the index.
  for (const auto& e : std::filesystem::directory_iterator(dir_.path()))
    EXPECT_EQ(e.path().filename().string().find("shards-"), std::string::npos) << e.path();

  // A second --shards run has an index to upsert against: it writes in
  // place (the changed article goes back and forth: two updates).
  const testutil::RunResult again = Index("shards", "--shards 2 --json " + Quote(dir_ / "in.jsonl"));
  ASSERT_EQ(again.status, 0) << again.err;
  EXPECT_EQ(counts(again.out), "\"added\":0 \"updated\":2 \"unchanged\":70 \"skipped\":0 ");
}

TEST_F(BulkCliTest, StrictStopsAtTheSameArticleWithShards) {
  std::string archive = testutil::ReadFile(kSample);
  const std::size_t third = archive.find('\n', archive.find('\n', archive.find('\n') + 1) + 1);
  archive.insert(third + 1, "{\"id\": \"bad\", \"title\": \"t\", \"body\": \"b\", \"date\": 7}\n"
                            "{\"id\": \"\", \"title\": \"t\", \"body\": \"b\"}\n");
  testutil::WriteFile(dir_ / "in.jsonl", archive);
  const testutil::RunResult one = Index("one", "--threads 1 --strict --json " + Quote(dir_ / "in.jsonl"));
  const testutil::RunResult threads = Index("threads", "--strict --threads 2 --json " + Quote(dir_ / "in.jsonl"));
  const testutil::RunResult shards = Index("shards", "--strict --shards 2 --json " + Quote(dir_ / "in.jsonl"));
  EXPECT_EQ(one.status, 1);
  EXPECT_EQ(threads.status, 1);
  EXPECT_EQ(shards.status, 1);
  // The three articles before the bad ones, and the one kept without its
  // date; not the articles after the empty id.
  const std::vector<std::string> ids = SortedIds(dir_ / "one");
  EXPECT_EQ(ids.size(), 4u);
  EXPECT_NE(std::find(ids.begin(), ids.end(), "bad"), ids.end());
  EXPECT_EQ(SortedIds(dir_ / "threads"), SortedIds(dir_ / "one"));
  EXPECT_EQ(SortedIds(dir_ / "shards"), SortedIds(dir_ / "one"));
}

}  // namespace
