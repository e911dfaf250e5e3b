// An archive split into per-year shards and searched as one, through a
// Xapian stub file (local shards) and through xapian-tcpsrv (remote
// shards), gives the results of a single index; a stub whose shards were
// built by different analyzers is refused.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "libsearch/libsearch.h"
#include "process_util.h"
#include "test_util.h"

namespace libsearch {
namespace {

using testutil::Quote;

const std::string kData = std::string(LIBSEARCH_SOURCE_DIR) + "/examples/data";
const std::string kTools = LIBSEARCH_TOOLS_DIR;

// The shard an article belongs to: its year, or "undated".
std::string ShardOf(const NewsDocument& doc) {
  return doc.date.size() >= 4 ? doc.date.substr(0, 4) : "undated";
}

const std::vector<std::string> kShards = {"2023", "2024", "2025", "undated"};

// Indexes the sample archive into `single` and into `shard_root`/YEAR.
void BuildIndexes(const std::string& single, const std::string& shard_root) {
  IndexWriter all(single);
  std::map<std::string, std::unique_ptr<IndexWriter>> shards;
  std::filesystem::create_directories(shard_root);  // Xapian makes one level only
  for (const std::string& name : kShards)
    shards[name] = std::make_unique<IndexWriter>(shard_root + "/" + name);
  for (const std::string input : {kData + "/news.jsonl", kData + "/articles"}) {
    ArchiveReader reader(input);
    ArchiveRecord r;
    while (reader.Next(&r)) {
      ASSERT_EQ(r.kind, ArchiveRecord::Kind::kDocument) << r.file << ":" << r.line << ": " << r.problem;
      all.Upsert(r.document);
      ASSERT_TRUE(shards.count(ShardOf(r.document))) << r.document.id;
      shards[ShardOf(r.document)]->Upsert(r.document);
    }
  }
  all.Commit();
  for (auto& [name, writer] : shards) writer->Commit();
}

const std::string kMixed =
    "عام OR مدينة OR الحكومة OR الطلاب OR مهرجان OR الصحة OR العلماء OR تحويلات OR الباحثين OR الألياف";

struct Case {
  std::string query;
  SortOrder sort = SortOrder::kRelevance;
  DefaultOperator op = DefaultOperator::kAnd;
};

const std::vector<Case> kCases = {
    {"البنك المركزي"},
    {"\"البنك المركزي\""},
    {"برشلونة OR ريال"},
    {"برشلونة OR ريال", SortOrder::kNewestFirst},
    {"برشلونة OR ريال", SortOrder::kOldestFirst},
    {"(برشلونة OR ريال) date:2024"},
    {"source:الجزيرة"},
    {"source:الجزيرة", SortOrder::kNewestFirst},
    {"source:الجزيرة date:2023-06..2025-03", SortOrder::kOldestFirst},
    {"date:2024-01-01..2024-12-31", SortOrder::kNewestFirst},
    {"date:..2023"},
    {"الحكومة OR الطلاب OR الفضاء OR كتاب", SortOrder::kRelevance},
    {"الحكومة الطلاب الفضاء كتاب المدرسة", SortOrder::kRelevance, DefaultOperator::kOr},
    {"title:الفضاء"},
    {"الاستراتيجية"},
    {"2024"},
    {"برشلونة -ريال"},
    {"id:sample-017"},
    {"الزيتون OR القهوة OR الشاي", SortOrder::kNewestFirst},
    // Dated and undated matches: oldest first puts the undated ones last.
    {kMixed, SortOrder::kOldestFirst},
    {kMixed, SortOrder::kNewestFirst},
    {kMixed},
};

// Pages of 3 put together give the whole list, for each sort order.
void ExpectPagesMakeTheWhole(Searcher& s, const std::string& query, const std::string& label) {
  for (SortOrder sort : {SortOrder::kOldestFirst, SortOrder::kNewestFirst, SortOrder::kRelevance}) {
    SearchOptions o;
    o.sort = sort;
    o.limit = 100;
    o.snippets = false;
    std::vector<std::string> whole, paged;
    const SearchResults all = s.Search(query, o);
    for (const Hit& h : all.hits) whole.push_back(h.document.id);
    o.limit = 3;
    for (o.offset = 0; o.offset < whole.size() + 3; o.offset += 3) {
      const SearchResults page = s.Search(query, o);
      // A short page has seen every match, so its count is exact.
      if (page.hits.size() < o.limit)
        EXPECT_EQ(page.estimated_total, whole.size()) << label << " offset " << o.offset;
      for (const Hit& h : page.hits) {
        paged.push_back(h.document.id);
        EXPECT_EQ(h.rank, paged.size()) << label;
      }
    }
    EXPECT_EQ(paged, whole) << label << " sort " << int(sort);
    if (sort == SortOrder::kOldestFirst) {
      // Undated articles (the text tree's) come last.
      ASSERT_GE(all.hits.size(), 3u);
      EXPECT_EQ(all.hits.back().document.date, "") << label;
      EXPECT_NE(all.hits.front().document.date, "") << label;
    }
  }
}

std::vector<Hit> Hits(Searcher& s, const Case& c) {
  SearchOptions o;
  o.limit = 100;
  o.sort = c.sort;
  o.default_operator = c.op;
  return s.Search(c.query, o).hits;
}

bool Close(double a, double b) { return std::fabs(a - b) <= 1e-9 + 1e-6 * std::fabs(a); }

// Same ids in the same order with close scores. Hits that tie on the sort
// key (date and score, or score) may come in any order: Xapian breaks ties
// by document id, and shards interleave ids differently from one index.
void ExpectSameResults(const std::vector<Hit>& want, const std::vector<Hit>& got,
                       const std::string& label, bool by_date) {
  ASSERT_EQ(want.size(), got.size()) << label;
  auto same_key = [by_date](const Hit& a, const Hit& b) {
    return (!by_date || a.document.date == b.document.date) && Close(a.score, b.score);
  };
  std::size_t i = 0;
  while (i < want.size()) {
    std::size_t j = i + 1;
    while (j < want.size() && same_key(want[i], want[j])) ++j;
    std::multiset<std::string> a, b;
    for (std::size_t k = i; k < j; ++k) {
      a.insert(want[k].document.id);
      b.insert(got[k].document.id);
      EXPECT_TRUE(Close(want[k].score, got[k].score))
          << label << " rank " << k + 1 << ": " << want[k].score << " vs " << got[k].score;
    }
    EXPECT_EQ(a, b) << label << " ranks " << i + 1 << ".." << j;
    i = j;
  }
}

class ShardsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testutil::TempDir;
    BuildIndexes(*dir_ / "single", *dir_ / "shards");
  }
  static void TearDownTestSuite() { delete dir_; }

  // A stub listing `lines` (written as given).
  std::string Stub(const std::string& name, const std::vector<std::string>& lines) {
    std::string text = "# libsearch test stub\n";
    for (const std::string& l : lines) text += l + "\n";
    testutil::WriteFile(*dir_ / name, text);
    return *dir_ / name;
  }
  std::string Shard(const std::string& year) { return *dir_ / ("shards/" + year); }

  static testutil::TempDir* dir_;
};
testutil::TempDir* ShardsTest::dir_ = nullptr;

TEST_F(ShardsTest, StubOfYearShardsSearchesLikeOneIndex) {
  // Absolute lines, and one relative to the stub's directory.
  const std::string stub = Stub("news.stub", {"auto " + Shard("2023"), "auto " + Shard("2024"),
                                              "auto " + Shard("2025"), "auto shards/undated"});
  Searcher single(*dir_ / "single");
  Searcher sharded(stub);
  EXPECT_EQ(sharded.document_count(), 42u);
  EXPECT_EQ(sharded.analyzer_fingerprint(), single.analyzer_fingerprint());
  for (const Case& c : kCases) {
    const std::vector<Hit> want = Hits(single, c);
    EXPECT_FALSE(want.empty()) << c.query << " should match something in the sample";
    ExpectSameResults(want, Hits(sharded, c), c.query + " sort " + std::to_string(int(c.sort)),
                      c.sort != SortOrder::kRelevance);
  }
  // Lookup by id reaches every shard.
  for (const std::string id : {"sample-001", "sample-019", "sample-036"}) {
    ASSERT_TRUE(sharded.Get(id).has_value()) << id;
    EXPECT_EQ(sharded.Get(id)->title, single.Get(id)->title);
  }
  ExpectPagesMakeTheWhole(single, kMixed, "single");
  ExpectPagesMakeTheWhole(sharded, kMixed, "stub");
}

TEST_F(ShardsTest, XapianCompactMergesShardsKeepingTheAnalyzer) {
  const std::string merged = *dir_ / "merged";
  testutil::RunResult r = testutil::Run("xapian-compact " + Quote(Shard("2023")) + " " + Quote(Shard("2024")) +
                                            " " + Quote(Shard("2025")) + " " + Quote(Shard("undated")) + " " +
                                            Quote(merged),
                                        dir_->path());
  ASSERT_EQ(r.status, 0) << r.err;
  Searcher single(*dir_ / "single");
  Searcher compacted(merged);
  EXPECT_EQ(compacted.document_count(), 42u);
  for (const Case& c : kCases) ExpectSameResults(Hits(single, c), Hits(compacted, c), "compacted: " + c.query,
                      c.sort != SortOrder::kRelevance);
}

TEST_F(ShardsTest, DirectoryWithXapiandbIsAStubToo) {
  testutil::WriteFile(*dir_ / "stubdir/XAPIANDB",
                      "auto " + Shard("2023") + "\nauto " + Shard("2024") + "\n");
  Searcher s(*dir_ / "stubdir");
  EXPECT_EQ(s.document_count(), 24u);
}

TEST_F(ShardsTest, ShardsBuiltByDifferentAnalyzersAreRefused) {
  IndexWriterOptions other;
  other.analyzer.stemming = StemStrength::kNone;
  {
    IndexWriter w(*dir_ / "unstemmed", other);
    NewsDocument d;
    d.id = "other-1";
    d.title = "خبر";
    d.body = "نص";
    w.Upsert(d);
  }
  // Whichever shard comes first, the other one is checked.
  for (const auto& lines : std::vector<std::vector<std::string>>{
           {"auto " + Shard("2023"), "auto " + (*dir_ / "unstemmed")},
           {"auto " + (*dir_ / "unstemmed"), "auto " + Shard("2023")}}) {
    const std::string stub = Stub("mixed.stub", lines);
    try {
      Searcher s(stub);
      ADD_FAILURE() << "a stub mixing analyzers was accepted";
    } catch (const AnalyzerMismatchError& e) {
      EXPECT_NE(std::string(e.what()).find("unstemmed"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("different analyzers"), std::string::npos) << e.what();
    }
  }
  // The stub as a whole still checks against what the caller asks for.
  EXPECT_THROW(Searcher(Stub("one.stub", {"auto " + Shard("2023")}), other.analyzer),
               AnalyzerMismatchError);
}

TEST_F(ShardsTest, BadShardsAreClearErrors) {
  {
    Xapian::WritableDatabase plain(*dir_ / "plain-xapian", Xapian::DB_CREATE_OR_OPEN);
    Xapian::Document d;
    d.add_term("x");
    plain.add_document(d);
    plain.commit();
  }
  try {
    Searcher s(Stub("plain.stub", {"auto " + Shard("2023"), "auto " + (*dir_ / "plain-xapian")}));
    ADD_FAILURE() << "a shard without an analyzer was accepted";
  } catch (const IndexNotFoundError& e) {
    EXPECT_NE(std::string(e.what()).find("plain-xapian"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("not a libsearch index"), std::string::npos) << e.what();
  }
  try {
    Searcher s(Stub("missing.stub", {"auto " + Shard("2023"), "auto " + (*dir_ / "no-such-shard")}));
    ADD_FAILURE() << "a missing shard was accepted";
  } catch (const IndexNotFoundError& e) {
    EXPECT_NE(std::string(e.what()).find("no-such-shard"), std::string::npos) << e.what();
  }
  EXPECT_THROW(Searcher(Stub("empty.stub", {})), IndexNotFoundError);
  EXPECT_THROW(Searcher(Stub("inmem.stub", {"inmemory"})), IndexNotFoundError);
}

// ------------------------------------------------------------------ remote

// xapian-tcpsrv serving `dbs` on a free loopback port; stopped (with the
// children it forked per connection) when the object goes away.
class TcpServer {
 public:
  TcpServer(const std::vector<std::string>& dbs, const std::string& log) {
    // The port may be taken between choosing and binding: try another.
    for (int attempt = 0; attempt < 5 && port_ < 0; ++attempt) {
      const int port = testutil::FreeLoopbackPort();
      if (port <= 0) continue;
      std::vector<std::string> argv = {"xapian-tcpsrv", "--interface", "127.0.0.1", "--port",
                                       std::to_string(port)};
      argv.insert(argv.end(), dbs.begin(), dbs.end());
      auto child = std::make_unique<testutil::Child>(argv, log);
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
      while (child->Running() && std::chrono::steady_clock::now() < deadline) {
        if (testutil::Accepts(port)) {
          port_ = port;
          child_ = std::move(child);
          break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    }
  }
  int port() const { return port_; }
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }

 private:
  int port_ = -1;
  std::unique_ptr<testutil::Child> child_;
};

std::vector<std::string> QueryIds(const std::string& db, const Case& c, const std::string& scratch,
                                  std::string* error) {
  std::string args = "--json -n 100 --no-snippets";
  if (c.sort == SortOrder::kNewestFirst) args += " --sort newest";
  if (c.sort == SortOrder::kOldestFirst) args += " --sort oldest";
  if (c.op == DefaultOperator::kOr) args += " --or";
  testutil::RunResult r =
      testutil::Run(kTools + "/libsearch-query --db " + Quote(db) + " " + args + " " + Quote(c.query), scratch);
  std::vector<std::string> ids;
  if (r.status != 0) *error = r.err;
  std::istringstream in(r.out);
  std::string line;
  while (std::getline(in, line)) {
    auto j = nlohmann::json::parse(line);
    if (j["type"] == "hit") ids.push_back(j["id"]);
  }
  return ids;
}

TEST_F(ShardsTest, RemoteShardsServedByXapianTcpsrv) {
  const std::string log = *dir_ / "tcpsrv.log";
  // One server per shard, and one serving two shards at once.
  TcpServer a({Shard("2024")}, log);
  TcpServer b({Shard("2025"), Shard("undated")}, log);
  ASSERT_GT(a.port(), 0) << "xapian-tcpsrv (Debian xapian-tools) did not start:\n" << testutil::ReadFile(log);
  ASSERT_GT(b.port(), 0) << testutil::ReadFile(log);
  // 2023 through xapian-progsrv: the "remote :PROGRAM ARGS" form.
  const std::string stub = Stub("remote.stub", {"remote :xapian-progsrv " + Shard("2023"),
                                                "remote " + a.address(), "remote " + b.address()});
  {
    Searcher single(*dir_ / "single");
    Searcher remote(stub);
    EXPECT_EQ(remote.document_count(), 42u);
    EXPECT_EQ(remote.analyzer_fingerprint(), single.analyzer_fingerprint());
    for (const Case& c : kCases) ExpectSameResults(Hits(single, c), Hits(remote, c), "remote: " + c.query,
                      c.sort != SortOrder::kRelevance);
    ExpectPagesMakeTheWhole(remote, kMixed, "remote");
    ASSERT_TRUE(remote.Get("sample-019").has_value());
    // Snippets come from the stored text, fetched over the wire.
    SearchResults r = remote.Search("\"البنك المركزي\"");
    ASSERT_FALSE(r.hits.empty());
    EXPECT_FALSE(r.hits[0].snippet.highlights.empty());
  }
  // The command-line tool, through the same stub.
  Searcher single(*dir_ / "single");
  for (const Case& c : kCases) {
    std::string error;
    std::vector<std::string> got = QueryIds(stub, c, dir_->path(), &error);
    EXPECT_TRUE(error.empty()) << c.query << ": " << error;
    std::multiset<std::string> want_ids, got_ids(got.begin(), got.end());
    for (const Hit& h : Hits(single, c)) want_ids.insert(h.document.id);
    EXPECT_EQ(got_ids, want_ids) << c.query;
  }
}

TEST_F(ShardsTest, RemoteShardWithAnotherAnalyzerIsRefused) {
  IndexWriterOptions other;
  other.analyzer.stopwords = false;
  { IndexWriter w(*dir_ / "with-stopwords", other); }
  const std::string log = *dir_ / "tcpsrv2.log";
  TcpServer server({*dir_ / "with-stopwords"}, log);
  ASSERT_GT(server.port(), 0) << testutil::ReadFile(log);
  const std::string stub = Stub("remote-mixed.stub", {"auto " + Shard("2023"), "remote " + server.address()});
  EXPECT_THROW(Searcher s(stub), AnalyzerMismatchError);
  testutil::RunResult r =
      testutil::Run(kTools + "/libsearch-query --db " + Quote(stub) + " 'البنك'", dir_->path());
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("different analyzers"), std::string::npos) << r.err;
}

TEST_F(ShardsTest, RemoteShardThatIsDownIsAnError) {
  const int port = testutil::FreeLoopbackPort();
  ASSERT_GT(port, 0);
  const std::string stub = Stub("down.stub", {"remote 127.0.0.1:" + std::to_string(port)});
  EXPECT_THROW(Searcher s(stub), Error);
}

}  // namespace
}  // namespace libsearch
