// Faults, run through the real tools: the indexer killed (SIGKILL) or
// interrupted (SIGINT) mid-run, searching while it commits, and hostile
// input files. Each one must leave an index that opens and holds every
// article committed before, and say what went wrong with file and line.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <xapian.h>
#include <zlib.h>

#include <sys/stat.h>

#include <atomic>
#include <csignal>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "libsearch/libsearch.h"
#include "process_util.h"
#include "test_util.h"

namespace libsearch {
namespace {

using testutil::Quote;
using testutil::RunResult;

const std::string kTools = LIBSEARCH_TOOLS_DIR;
const std::string kIndexTool = kTools + "/libsearch-index";

// ------------------------------------------------------ synthetic archive

const char* const kWords[] = {
    "الحكومة", "الاقتصاد", "المدينة", "الطلاب", "المدرسة", "المستشفى", "الطقس", "الأمطار",
    "السوق",   "الأسعار",  "النفط",   "الذهب",  "القمح",   "الزيتون",  "البحر", "الجبل",
    "الفريق",  "المباراة", "الملعب",  "الكتاب", "المعرض",  "الفيلم",   "المسرح", "الجامعة",
    "البحث",   "العلماء",  "الفضاء",  "القمر",  "الشمس",   "الطاقة",   "الماء", "الزراعة",
    "في",      "من",       "على",     "إلى",    "عن",      "مع",       "قال",   "أعلن"};
constexpr std::size_t kWordCount = sizeof kWords / sizeof kWords[0];

// A fixed-seed generator, so every run sees the same archive.
class Lcg {
 public:
  explicit Lcg(std::uint64_t seed) : state_(seed) {}
  std::uint32_t Next() {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>(state_ >> 33);
  }

 private:
  std::uint64_t state_;
};

std::string SyntheticId(std::size_t i) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "syn-%06zu", i);
  return buf;
}

// `n` short articles as JSON Lines, ids syn-000000 upwards.
std::string SyntheticArchive(std::size_t n, std::uint64_t seed = 20240305) {
  Lcg rng(seed);
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    std::string title, body;
    for (int w = 0; w < 4; ++w) title += std::string(w ? " " : "") + kWords[rng.Next() % kWordCount];
    for (int w = 0; w < 24; ++w) body += std::string(w ? " " : "") + kWords[rng.Next() % kWordCount];
    char date[16];
    std::snprintf(date, sizeof date, "%04u-%02u-%02u", 2015 + rng.Next() % 10, 1 + rng.Next() % 12,
                  1 + rng.Next() % 28);
    nlohmann::json j = {{"id", SyntheticId(i)}, {"title", title}, {"body", body}, {"date", date}};
    out += j.dump() + "\n";
  }
  return out;
}

// Documents in the index at `db`, or 0 while it does not exist yet.
std::uint64_t CountIn(const std::string& db) {
  try {
    return Searcher(db).document_count();
  } catch (const Error&) {
    return 0;
  }
}

// How many documents carry each of ids syn-000000..syn-(n-1), checked
// with Xapian directly: every one of them must be there exactly once.
void ExpectEachIdOnce(const std::string& db, std::size_t n) {
  Xapian::Database x(db);
  EXPECT_EQ(x.get_doccount(), n);
  std::size_t missing = 0, duplicated = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const Xapian::doccount f = x.get_termfreq("Q" + SyntheticId(i));
    missing += f == 0;
    duplicated += f > 1;
  }
  EXPECT_EQ(missing, 0u);
  EXPECT_EQ(duplicated, 0u);
}

// Feeds `archive` to a child's stdin from a thread, so the child's own
// pace sets the speed; stops when the child goes away.
class Feeder {
 public:
  Feeder(testutil::Child* child, const std::string& archive, bool close_at_end = true)
      : thread_([this, child, &archive, close_at_end] {
          const std::size_t chunk = 16 << 10;
          for (std::size_t at = 0; at < archive.size() && !stop_; at += chunk)
            if (!child->Write(archive.substr(at, chunk))) return;
          if (close_at_end) child->CloseStdin();
        }) {}
  ~Feeder() {
    stop_ = true;
    thread_.join();
  }

 private:
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

class FaultsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::signal(SIGPIPE, SIG_IGN);  // a killed child's stdin: EPIPE, not death
    archive_ = new std::string(SyntheticArchive(kArticles));
  }
  static void TearDownTestSuite() { delete archive_; }

  std::string db() const { return dir_ / "db"; }
  std::string log() const { return dir_ / "indexer.log"; }

  // Waits until the index holds at least `n` documents (a commit landed).
  bool WaitForCount(std::uint64_t n, testutil::Child& child) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (std::chrono::steady_clock::now() < deadline) {
      if (CountIn(db()) >= n) return true;
      if (!child.Running()) return CountIn(db()) >= n;
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return false;
  }

  // The --json summary the indexer printed into the log.
  nlohmann::json Summary() {
    nlohmann::json last;
    std::istringstream in(testutil::ReadFile(log()));
    std::string line;
    while (std::getline(in, line))
      if (!line.empty() && line[0] == '{') last = nlohmann::json::parse(line);
    return last;
  }

  // Indexing the whole archive again over an index killed with `at_kill`
  // articles committed adds exactly the rest, each id once.
  void ExpectRerunCompletes(std::uint64_t at_kill, const std::string& args) {
    testutil::WriteFile(dir_ / "archive.jsonl", *archive_);
    RunResult again = testutil::Run(kIndexTool + " --db " + Quote(db()) + " " + args + " --json " +
                                        Quote(dir_ / "archive.jsonl"),
                                    dir_.path());
    ASSERT_EQ(again.status, 0) << again.err;
    nlohmann::json summary = nlohmann::json::parse(again.out);
    EXPECT_EQ(summary["added"], kArticles - at_kill);
    EXPECT_EQ(summary["unchanged"], at_kill);
    EXPECT_EQ(summary["updated"], 0);
    ExpectEachIdOnce(db(), kArticles);
  }

  static constexpr std::size_t kArticles = 30000;
  static constexpr std::size_t kBatch = 2000;
  static std::string* archive_;
  testutil::TempDir dir_;
};
std::string* FaultsTest::archive_ = nullptr;

TEST_F(FaultsTest, SigkillKeepsTheLastCommitAndARerunFinishesWithoutDuplicates) {
  std::uint64_t at_kill = 0;
  {
    testutil::Child indexer({kIndexTool, "--db", db(), "--commit-every", std::to_string(kBatch), "-q", "-"},
                            log(), /*stdin_pipe=*/true);
    ASSERT_TRUE(indexer.started());
    Feeder feeder(&indexer, *archive_);
    ASSERT_TRUE(WaitForCount(kBatch, indexer)) << testutil::ReadFile(log());
    indexer.Signal(SIGKILL);
    EXPECT_EQ(indexer.Wait(), 128 + SIGKILL);
  }
  // It opens, and holds whole batches: every article of the last commit.
  at_kill = CountIn(db());
  EXPECT_GE(at_kill, kBatch);
  EXPECT_LT(at_kill, kArticles) << "the kill came after the end: nothing was tested";
  EXPECT_EQ(at_kill % kBatch, 0u) << at_kill;
  ExpectEachIdOnce(db(), at_kill);  // the input is in id order
  {
    Searcher s(db());
    EXPECT_FALSE(s.Search("الحكومة").hits.empty());
  }

  // Running again over the whole archive finishes the job.
  ExpectRerunCompletes(at_kill, "--commit-every 2000");
}

TEST_F(FaultsTest, SigkillOfAShardedRunKeepsEachShardsLastCommit) {
  constexpr unsigned kShards = 2;
  constexpr std::size_t kShardBatch = kBatch / kShards;  // --commit-every is split
  {
    testutil::Child indexer({kIndexTool, "--db", db(), "--shards", std::to_string(kShards),
                             "--commit-every", std::to_string(kBatch), "-q", "-"},
                            log(), /*stdin_pipe=*/true);
    ASSERT_TRUE(indexer.started());
    Feeder feeder(&indexer, *archive_);
    ASSERT_TRUE(WaitForCount(kShardBatch, indexer)) << testutil::ReadFile(log());
    indexer.Signal(SIGKILL);
    EXPECT_EQ(indexer.Wait(), 128 + SIGKILL);
  }
  // Each shard holds whole batches of its own articles: the first ones, in
  // input order, that route to it — and no other.
  const std::vector<std::string> shards = libsearch::ShardPaths(db());
  ASSERT_EQ(shards.size(), kShards);
  std::uint64_t at_kill = 0;
  for (unsigned s = 0; s < kShards; ++s) {
    Xapian::Database x(shards[s]);
    const std::size_t count = x.get_doccount();
    at_kill += count;
    EXPECT_EQ(count % kShardBatch, 0u) << "shard " << s << ": " << count;
    std::size_t seen = 0, wrong = 0;
    for (std::size_t i = 0; i < kArticles; ++i) {
      const std::string id = SyntheticId(i);
      const bool here = x.get_termfreq("Q" + id) > 0;
      if (libsearch::ShardOfId(id, kShards) != s) {
        wrong += here;
      } else if (seen < count) {
        EXPECT_TRUE(here) << "shard " << s << " lacks " << id;
        ++seen;
      } else {
        wrong += here;
      }
    }
    EXPECT_EQ(wrong, 0u) << "shard " << s;
  }
  EXPECT_GE(at_kill, kShardBatch);
  EXPECT_LT(at_kill, kArticles) << "the kill came after the end: nothing was tested";
  EXPECT_EQ(CountIn(db()), at_kill);  // searched as one

  ExpectRerunCompletes(at_kill, "");
}

TEST_F(FaultsTest, CtrlCCommitsWhatIsDoneAndExits130) {
  testutil::Child indexer({kIndexTool, "--db", db(), "--commit-every", std::to_string(kBatch), "--json", "-"},
                          log(), /*stdin_pipe=*/true);
  ASSERT_TRUE(indexer.started());
  {
    Feeder feeder(&indexer, *archive_);
    ASSERT_TRUE(WaitForCount(kBatch, indexer)) << testutil::ReadFile(log());
    indexer.Signal(SIGINT);
    EXPECT_EQ(indexer.Wait(), 130) << testutil::ReadFile(log());
  }
  nlohmann::json summary = Summary();
  ASSERT_TRUE(summary.is_object()) << testutil::ReadFile(log());
  EXPECT_EQ(summary["interrupted"], true);
  EXPECT_EQ(summary["exit_status"], 130);
  // Everything it reports as added is committed, not just whole batches.
  const std::uint64_t added = summary["added"];
  EXPECT_GE(added, kBatch);
  EXPECT_LT(added, kArticles);
  ExpectEachIdOnce(db(), added);
}

TEST_F(FaultsTest, CtrlCWhileWaitingForInput) {
  // The producer of a pipeline gets the same Ctrl-C and ends its output:
  // the indexer commits the articles it had and exits 130.
  const std::string some = SyntheticArchive(10);
  {
    testutil::Child indexer({kIndexTool, "--db", db(), "-q", "-"}, log(), /*stdin_pipe=*/true);
    ASSERT_TRUE(indexer.Write(some));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    indexer.Signal(SIGINT);
    indexer.CloseStdin();
    EXPECT_EQ(indexer.Wait(std::chrono::seconds(30)), 130) << testutil::ReadFile(log());
  }
  ExpectEachIdOnce(db(), 10);
  // With input that never ends, a second Ctrl-C stops it at once; the last
  // commit (the 10 above) stays.
  {
    testutil::Child indexer({kIndexTool, "--db", db(), "-q", "-"}, log(), /*stdin_pipe=*/true);
    ASSERT_TRUE(indexer.Write(SyntheticArchive(20)));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    indexer.Signal(SIGINT);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    EXPECT_TRUE(indexer.Running()) << "still waiting for input after one Ctrl-C";
    indexer.Signal(SIGINT);
    EXPECT_EQ(indexer.Wait(std::chrono::seconds(30)), 128 + SIGINT) << testutil::ReadFile(log());
  }
  EXPECT_EQ(CountIn(db()), 10u);
}

TEST_F(FaultsTest, SearchingWhileTheIndexerCommits) {
  testutil::WriteFile(dir_ / "archive.jsonl", *archive_);
  // Small batches: many commits, so a reader's snapshot goes stale often.
  testutil::Child indexer({kIndexTool, "--db", db(), "--commit-every", "250", "-q", dir_ / "archive.jsonl"},
                          log());
  ASSERT_TRUE(indexer.started());
  ASSERT_TRUE(WaitForCount(1, indexer)) << testutil::ReadFile(log());
  Searcher reopening(db());  // calls Reopen() itself
  Searcher stale(db());      // never does: Search() and Get() must cope
  std::size_t rounds = 0, hits = 0;
  std::uint64_t last_count = 0;
  const char* const queries[] = {"الحكومة", "\"الطقس الأمطار\"", "الذهب OR النفط", "date:2020",
                                 "الفضاء -القمر"};
  try {
    while (indexer.Running() || rounds < 5) {
      for (const char* q : queries) {
        SearchOptions o;
        o.limit = 20;
        o.sort = rounds % 2 ? SortOrder::kNewestFirst : SortOrder::kRelevance;
        hits += reopening.Search(q, o).hits.size();
        hits += stale.Search(q, o).hits.size();
      }
      EXPECT_TRUE(stale.Get(SyntheticId(0)).has_value());
      const std::uint64_t count = reopening.document_count();
      EXPECT_GE(count, last_count);  // commits only ever add here
      last_count = count;
      reopening.Reopen();
      ++rounds;
    }
  } catch (const std::exception& e) {
    ADD_FAILURE() << "after " << rounds << " rounds: " << e.what();
  }
  EXPECT_EQ(indexer.Wait(), 0) << testutil::ReadFile(log());
  EXPECT_GT(rounds, 5u);
  EXPECT_GT(hits, 0u);
  reopening.Reopen();
  EXPECT_EQ(reopening.document_count(), kArticles);
}

// ---------------------------------------------------------- hostile input

class HostileInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // What was committed before the hostile file arrives.
    testutil::WriteFile(dir_ / "before.jsonl",
                        R"({"id":"before","title":"خبر سابق","body":"نص عن البرتقال"})" "\n");
    RunResult r = Index(Quote(dir_ / "before.jsonl"));
    ASSERT_EQ(r.status, 0) << r.err;
  }

  // The hostile file holds a good article before and after the bad part.
  static std::string Good(const std::string& id, const std::string& word) {
    return R"({"id":")" + id + R"(","title":"عنوان","body":"نص عن )" + word + "\"}\n";
  }

  RunResult Index(const std::string& args, const std::string& prefix = "") {
    return testutil::Run(prefix + kIndexTool + " --db " + Quote(dir_ / "db") + " " + args, dir_.path());
  }

  std::set<std::string> Ids(const std::string& query) {
    std::set<std::string> ids;
    SearchOptions o;
    o.limit = 100;
    for (const Hit& h : Searcher(dir_ / "db").Search(query, o).hits) ids.insert(h.document.id);
    return ids;
  }

  // Indexes `file` (plus `args`): it must finish, name FILE:LINE and
  // `expect` in its message, keep the earlier article and take the good
  // ones of the same file.
  void ExpectReported(const std::string& file, int line, const std::string& expect,
                      const std::string& args = "") {
    RunResult r = Index(args + " " + Quote(file));
    EXPECT_EQ(r.status, 0) << r.err;
    const std::string where = file + ":" + std::to_string(line) + ":";
    EXPECT_NE(r.err.find(where), std::string::npos) << "no " << where << " in:\n" << r.err.substr(0, 2000);
    EXPECT_NE(r.err.find(expect), std::string::npos) << "no \"" << expect << "\" in:\n" << r.err.substr(0, 2000);
    EXPECT_NE(r.err.find("(skipped)"), std::string::npos) << r.err.substr(0, 2000);
    EXPECT_EQ(Ids("البرتقال"), std::set<std::string>{"before"});
  }

  testutil::TempDir dir_;
};

TEST_F(HostileInputTest, InvalidUtf8) {
  // Enough good lines around it that encoding detection (kAuto) still sees
  // a UTF-8 file with one bad line, as a real archive would be.
  std::string text;
  for (int i = 0; i < 20; ++i) text += Good("pre-" + std::to_string(i), "الرمان");
  text += Good("a", "التفاح") + "{\"id\":\"bad\",\"title\":\"\xD8\xA7\xFF\xFE\",\"body\":\"\xC0\xAF\"}\n" +
          Good("b", "العنب");
  const std::string file = dir_ / "bad-utf8.jsonl";
  testutil::WriteFile(file, text);
  ExpectReported(file, 22, "invalid UTF-8 at byte 24 (0xFF)");
  EXPECT_EQ(Ids("التفاح OR العنب"), (std::set<std::string>{"a", "b"}));
  // Told it is UTF-8, the same.
  testutil::WriteFile(dir_ / "bad2.jsonl", text);
  ExpectReported(dir_ / "bad2.jsonl", 22, "invalid UTF-8 at byte 24 (0xFF)", "--encoding utf-8");
}

TEST_F(HostileInputTest, SkipReasonsAreTalliedByKind) {
  // Regression: the tally used to key on "line N", one entry per bad line.
  std::string text;
  for (int i = 0; i < 30; ++i) text += Good("ok-" + std::to_string(i), "الرمان");
  for (int i = 0; i < 3; ++i) text += "{\"id\":\"u" + std::to_string(i) + "\",\"title\":\"\xFF\"}\n";
  text += "{\"id\":\"j1\",\n{\"id\":\"j2\"\n";
  testutil::WriteFile(dir_ / "mixed.jsonl", text);
  RunResult r = Index("--json " + Quote(dir_ / "mixed.jsonl"));
  ASSERT_EQ(r.status, 0) << r.err;
  const nlohmann::json summary = nlohmann::json::parse(r.out);
  EXPECT_EQ(summary["skip_reasons"], (nlohmann::json{{"invalid UTF-8 at byte N", 3}, {"broken JSON at byte N", 2}}))
      << summary.dump();
}

TEST_F(HostileInputTest, NulBytesInsideAJsonLine) {
  const std::string file = dir_ / "nul.jsonl";
  static const char kNul[] = "{\"id\":\"nul\",\"title\":\"x\0y\",\"body\":\"\0\"}\n";
  testutil::WriteFile(file, Good("a", "التفاح") + std::string(kNul, sizeof kNul - 1) + Good("b", "العنب"));
  ExpectReported(file, 2, "broken JSON");
  EXPECT_EQ(Ids("التفاح OR العنب"), (std::set<std::string>{"a", "b"}));
}

TEST_F(HostileInputTest, TenMegabyteLine) {
  const std::string file = dir_ / "long.jsonl";
  testutil::WriteFile(file, Good("a", "التفاح") + "{\"id\":\"long\",\"body\":\"" +
                                std::string(10u << 20, 'x') + "\"}\n" + Good("b", "العنب"));
  ExpectReported(file, 2, "over the limit");
  EXPECT_EQ(Ids("التفاح OR العنب"), (std::set<std::string>{"a", "b"}));
}

TEST_F(HostileInputTest, DeeplyNestedJson) {
  // 100,000 unclosed brackets, 1,000,000 balanced ones inside an ignored
  // member, and a nested value where a field's text should be: none may
  // overflow the stack.
  const std::string file = dir_ / "deep.jsonl";
  const std::string open(100000, '['), deep_open(1000000, '['), deep_close(1000000, ']');
  testutil::WriteFile(file, Good("a", "التفاح") + open + "\n" +
                                R"({"id":"deep","title":"عميق","body":"نص عن الليمون","extra":)" + deep_open +
                                deep_close + "}\n" + R"({"id":"nested","body":)" + open +
                                std::string(100000, ']') + "}\n" + Good("b", "العنب"));
  ExpectReported(file, 2, "broken JSON");
  RunResult r = Index(Quote(file));
  EXPECT_NE(r.err.find(file + ":4:"), std::string::npos) << r.err.substr(0, 2000);
  EXPECT_NE(r.err.find("an array"), std::string::npos) << r.err.substr(0, 2000);
  EXPECT_EQ(Ids("التفاح OR العنب OR الليمون"), (std::set<std::string>{"a", "b", "deep"}));
}

TEST_F(HostileInputTest, Windows1256ReadAsUtf8) {
  const std::string utf8 = dir_ / "utf8.jsonl";
  testutil::WriteFile(utf8, Good("a", "التفاح") + Good("b", "العنب"));
  RunResult conv = testutil::Run("iconv -f UTF-8 -t WINDOWS-1256 " + Quote(utf8) + " > " +
                                     Quote(dir_ / "cp1256.jsonl"),
                                 dir_.path());
  if (conv.status != 0) GTEST_SKIP() << "iconv cannot produce WINDOWS-1256 here";
  const std::string file = dir_ / "cp1256.jsonl";
  ExpectReported(file, 1, "invalid UTF-8 at byte", "--encoding utf-8");
  RunResult r = Index("--encoding utf-8 " + Quote(file));
  EXPECT_NE(r.err.find(file + ":2:"), std::string::npos) << r.err;
  EXPECT_TRUE(Ids("التفاح OR العنب").empty());
  // Read as what it is, it goes in.
  ASSERT_EQ(Index("--encoding windows-1256 " + Quote(file)).status, 0);
  EXPECT_EQ(Ids("التفاح OR العنب"), (std::set<std::string>{"a", "b"}));
}

TEST_F(HostileInputTest, TruncatedGzip) {
  std::string text;
  for (int i = 0; i < 3000; ++i) text += Good("gz-" + std::to_string(i), i % 2 ? "التفاح" : "العنب");
  std::string gz(compressBound(text.size()) + 64, '\0');
  {
    // A gzip stream (not zlib): deflateInit2 with 16 + 15 window bits.
    z_stream z{};
    ASSERT_EQ(deflateInit2(&z, 9, Z_DEFLATED, 16 + 15, 8, Z_DEFAULT_STRATEGY), Z_OK);
    z.next_in = reinterpret_cast<Bytef*>(text.data());
    z.avail_in = static_cast<uInt>(text.size());
    z.next_out = reinterpret_cast<Bytef*>(gz.data());
    z.avail_out = static_cast<uInt>(gz.size());
    ASSERT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
    gz.resize(z.total_out);
    deflateEnd(&z);
  }
  const std::string file = dir_ / "cut.jsonl.gz";
  testutil::WriteFile(file, gz.substr(0, gz.size() * 2 / 3));
  RunResult r = Index(Quote(file));
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find(file + ":"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("truncated"), std::string::npos) << r.err;
  EXPECT_EQ(Ids("البرتقال"), std::set<std::string>{"before"});
  // What came before the cut is in.
  Searcher after(dir_ / "db");
  EXPECT_GT(after.document_count(), 1000u);
  EXPECT_LT(after.document_count(), 3001u);
  EXPECT_TRUE(after.Get("gz-0").has_value());
}

TEST_F(HostileInputTest, UnreadableFile) {
  // Root reads anything: run the indexer as nobody when we are root.
  std::string prefix;
  if (geteuid() == 0) {
    if (testutil::Run("command -v setpriv", dir_.path()).status != 0)
      GTEST_SKIP() << "running as root without setpriv: every file is readable";
    prefix = "setpriv --reuid=65534 --regid=65534 --clear-groups ";
    std::filesystem::permissions(dir_.path(), std::filesystem::perms::all);
    testutil::Run("chmod -R a+rwX " + Quote(dir_.path()), dir_.path());
  }
  const std::string tree = dir_ / "tree";
  testutil::WriteFile(tree + "/a.txt", "عنوان\nنص عن التفاح\n");
  testutil::WriteFile(tree + "/locked.txt", "عنوان\nنص عن الممنوع\n");
  testutil::WriteFile(tree + "/z.txt", "عنوان\nنص عن العنب\n");
  testutil::Run("chmod -R a+rX " + Quote(tree), dir_.path());
  chmod((tree + "/locked.txt").c_str(), 0);
  RunResult r = Index(Quote(tree), prefix);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("locked.txt"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("ermission denied"), std::string::npos) << r.err;
  EXPECT_EQ(Ids("التفاح OR العنب OR الممنوع"), (std::set<std::string>{"a.txt", "z.txt"}));
  // Named on the command line it is an error (exit 2) naming the file;
  // what was committed stays.
  testutil::WriteFile(dir_ / "locked.jsonl", Good("x", "الممنوع"));
  chmod((dir_ / "locked.jsonl").c_str(), 0);
  RunResult top = Index(Quote(dir_ / "locked.jsonl"), prefix);
  EXPECT_EQ(top.status, 2) << top.err;
  EXPECT_NE(top.err.find(dir_ / "locked.jsonl"), std::string::npos) << top.err;
  EXPECT_EQ(Ids("البرتقال"), std::set<std::string>{"before"});
  EXPECT_TRUE(Ids("الممنوع").empty());
}

}  // namespace
}  // namespace libsearch
