// The tools as a user runs them: exit codes, --json output, colour policy,
// bad input reported with file and line, --strict, locked and missing
// indexes.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "libsearch/libsearch.h"
#include "test_util.h"

namespace {

using testutil::Quote;
using testutil::RunResult;

const std::string kTools = LIBSEARCH_TOOLS_DIR;
const std::string kData = std::string(LIBSEARCH_SOURCE_DIR) + "/examples/data";

std::vector<nlohmann::json> JsonLines(const std::string& text) {
  std::vector<nlohmann::json> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) out.push_back(nlohmann::json::parse(line));  // throws if not JSON
  return out;
}

class CliTest : public ::testing::Test {
 protected:
  RunResult Index(const std::string& args) {
    return testutil::Run(kTools + "/libsearch-index --db " + Quote(db()) + " " + args, dir_.path());
  }
  RunResult Query(const std::string& args, const std::string& env = "") {
    return testutil::Run(env + " " + kTools + "/libsearch-query --db " + Quote(db()) + " " + args, dir_.path());
  }
  nlohmann::json IndexJson(const std::string& args) {
    RunResult r = Index("--json " + args);
    EXPECT_EQ(r.status, 0) << r.err;
    auto lines = JsonLines(r.out);
    EXPECT_EQ(lines.size(), 1u);
    return lines.empty() ? nlohmann::json() : lines.back();
  }
  std::set<std::string> HitIds(const std::string& query_args) {
    RunResult r = Query("--json -n 100 " + query_args);
    std::set<std::string> ids;
    for (const auto& j : JsonLines(r.out))
      if (j["type"] == "hit") ids.insert(j["id"].get<std::string>());
    return ids;
  }
  std::string db() const { return dir_ / "db"; }
  testutil::TempDir dir_;
};

TEST_F(CliTest, IndexThenReindexChangesNothing) {
  const std::string inputs = Quote(kData + "/news.jsonl") + " " + Quote(kData + "/articles");
  nlohmann::json first = IndexJson(inputs);
  EXPECT_EQ(first["added"], 42);
  EXPECT_EQ(first["skipped"], 0);
  EXPECT_GT(first["bytes"].get<double>(), 30000);
  nlohmann::json again = IndexJson(inputs);
  EXPECT_EQ(again["added"], 0);
  EXPECT_EQ(again["updated"], 0);
  EXPECT_EQ(again["unchanged"], 42);
  // The human summary goes to stderr.
  RunResult r = Index(inputs);
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.err.find("0 added, 0 updated, 42 unchanged, 0 skipped"), std::string::npos) << r.err;
}

TEST_F(CliTest, QueryExitCodesAndJson) {
  ASSERT_EQ(Index(Quote(kData + "/news.jsonl")).status, 0);
  RunResult hit = Query("--json --explain 'البنك المركزي'");
  EXPECT_EQ(hit.status, 0) << hit.err;
  auto lines = JsonLines(hit.out);
  ASSERT_EQ(lines.size(), 3u);
  std::set<std::string> ids;
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    EXPECT_EQ(lines[i]["type"], "hit");
    ids.insert(lines[i]["id"].get<std::string>());
    // Highlights are byte ranges of the snippet holding a matched word.
    const std::string snippet = lines[i]["snippet"];
    ASSERT_FALSE(lines[i]["highlights"].empty());
    for (const auto& range : lines[i]["highlights"]) {
      std::size_t b = range[0], e = range[1];
      ASSERT_LE(e, snippet.size());
      EXPECT_LT(b, e);
    }
  }
  EXPECT_EQ(ids, (std::set<std::string>{"sample-001", "sample-014"}));
  EXPECT_EQ(lines.back()["type"], "summary");
  EXPECT_EQ(lines.back()["estimated_total"], 2);
  EXPECT_NE(lines.back()["parsed_query"].get<std::string>().find("Z"), std::string::npos);

  EXPECT_EQ(Query("'زرافة'").status, 1);
  RunResult bad = Query("'\"البنك المركزي'");
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("unbalanced quote"), std::string::npos) << bad.err;
  RunResult dates = Query("'date:2024-06-01..2024-01-01'");
  EXPECT_EQ(dates.status, 2);
  EXPECT_NE(dates.err.find("impossible date range"), std::string::npos) << dates.err;
}

TEST_F(CliTest, ColourOnlyWhenAskedOrOnATerminal) {
  ASSERT_EQ(Index(Quote(kData + "/news.jsonl")).status, 0);
  RunResult plain = Query("'البنك المركزي'");
  EXPECT_EQ(plain.status, 0);
  EXPECT_EQ(plain.out.find('\x1b'), std::string::npos);
  EXPECT_NE(plain.out.find("[البنك]"), std::string::npos) << plain.out;
  RunResult color = Query("--color always 'البنك المركزي'");
  EXPECT_NE(color.out.find("\x1b[1;31m"), std::string::npos);
  RunResult no_color = Query("--color auto 'البنك'", "NO_COLOR=1");
  EXPECT_EQ(no_color.out.find('\x1b'), std::string::npos);
}

TEST_F(CliTest, SortAndFiltersFromTheShell) {
  ASSERT_EQ(Index(Quote(kData + "/news.jsonl")).status, 0);
  RunResult r = Query("--json --sort newest 'برشلونة OR ريال'");
  auto lines = JsonLines(r.out);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0]["id"], "sample-019");
  EXPECT_EQ(lines[2]["id"], "sample-002");
  EXPECT_EQ(HitIds("'source:الجزيرة date:2024-01-01..2024-06-30'"), (std::set<std::string>{"sample-017"}));
  RunResult page = Query("--json --offset 1 -n 1 --sort oldest 'برشلونة OR ريال'");
  auto paged = JsonLines(page.out);
  ASSERT_EQ(paged.size(), 2u) << page.out << page.err;
  EXPECT_EQ(paged[0]["id"], "sample-017");
  EXPECT_EQ(paged[0]["rank"], 2);
}

TEST_F(CliTest, MissingAndLockedIndex) {
  RunResult missing = Query("'البنك'");
  EXPECT_EQ(missing.status, 2);
  EXPECT_NE(missing.err.find(db()), std::string::npos) << missing.err;
  {
    libsearch::IndexWriter holder(db());  // holds the write lock
    RunResult locked = Index(Quote(kData + "/news.jsonl"));
    EXPECT_EQ(locked.status, 2);
    EXPECT_NE(locked.err.find("locked"), std::string::npos) << locked.err;
  }
  RunResult unknown = Index("--encoding klingon " + Quote(kData + "/news.jsonl"));
  EXPECT_EQ(unknown.status, 2);
  EXPECT_NE(unknown.err.find("klingon"), std::string::npos);
  RunResult no_input = Index(Quote(dir_ / "no-such-file.jsonl"));
  EXPECT_EQ(no_input.status, 2);
  EXPECT_NE(no_input.err.find("no-such-file.jsonl"), std::string::npos) << no_input.err;
}

TEST_F(CliTest, BadInputIsReportedSkippedAndNeverLosesWork) {
  const std::string good1 = R"({"id":"g1","title":"خبر أول","body":"نص عن القمح والمطر","date":"2024-01-01"})";
  const std::string good2 = R"({"id":"g2","title":"خبر ثان","body":"نص عن الذهب","date":"2024-01-02"})";
  std::string file = good1 + "\n" +
                     "{\"id\":\"broken\",\"title\":\"نص\"\n" +                     // line 2: broken JSON
                     "{\"title\":\"بلا معرف\",\"body\":\"نص\"}\n" +               // line 3: missing id
                     "{\"id\":\"bad-utf8\",\"title\":\"\xD8\",\"body\":\"x\"}\n" +  // line 4: invalid UTF-8
                     "{\"id\":\"huge\",\"body\":\"" + std::string(10u << 20, 'a') + "\"}\n" +  // line 5: 10 MB
                     good2 + "\n";
  testutil::WriteFile(dir_ / "in.jsonl", file);
  testutil::WriteFile(dir_ / "empty.jsonl", "");
  testutil::WriteFile(dir_ / "tree/empty.txt", "");
  testutil::WriteFile(dir_ / "tree/binary.txt", std::string("\x7f" "ELF\0\0\0\x01\x02", 9));
  testutil::WriteFile(dir_ / "tree/ok.txt", "عنوان الملف\nنص الملف عن الزيتون\n");

  RunResult r = Index("--max-record-mb 8 " + Quote(dir_ / "in.jsonl") + " " + Quote(dir_ / "tree"));
  EXPECT_EQ(r.status, 0) << r.err;
  const std::string in = dir_ / "in.jsonl";
  for (int line : {2, 3, 4, 5})
    EXPECT_NE(r.err.find(in + ":" + std::to_string(line) + ":"), std::string::npos) << "line " << line << "\n" << r.err;
  EXPECT_NE(r.err.find("empty.txt"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("binary.txt"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("3 added"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("6 skipped"), std::string::npos) << r.err;
  EXPECT_EQ(HitIds("'الذهب'"), (std::set<std::string>{"g2"}));
  EXPECT_EQ(HitIds("'الزيتون'"), (std::set<std::string>{"ok.txt"}));
}

TEST_F(CliTest, StrictStopsAtTheFirstBadArticleAndKeepsWhatCameBefore) {
  const std::string file =
      std::string(R"({"id":"g1","title":"خبر أول","body":"نص عن القمح","date":"2024-01-01"})") + "\n" +
      "not json at all\n" + R"({"id":"g2","title":"خبر ثان","body":"نص عن الذهب"})" + "\n";
  testutil::WriteFile(dir_ / "in.jsonl", file);
  RunResult r = Index("--strict " + Quote(dir_ / "in.jsonl"));
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.err.find(dir_ / "in.jsonl" + ":2:"), std::string::npos) << r.err;
  EXPECT_EQ(HitIds("'القمح'"), (std::set<std::string>{"g1"}));
  EXPECT_TRUE(HitIds("'الذهب'").empty());
}

TEST_F(CliTest, LegacyEncodingsAreConverted) {
  // The same article in Windows-1256, converted by glibc's iconv.
  testutil::WriteFile(dir_ / "utf8.txt", "أخبار الطقس\nأمطار غزيرة على المدينة\n");
  std::filesystem::create_directories(dir_ / "tree");
  RunResult conv = testutil::Run("iconv -f UTF-8 -t WINDOWS-1256 " + Quote(dir_ / "utf8.txt") + " > " +
                                     Quote(dir_ / "tree/cp1256.txt"),
                                 dir_.path());
  if (conv.status != 0) GTEST_SKIP() << "iconv cannot produce WINDOWS-1256 here";
  std::filesystem::remove(dir_ / "utf8.txt");
  ASSERT_EQ(Index(Quote(dir_ / "tree")).status, 0);
  EXPECT_EQ(HitIds("'أمطار'"), (std::set<std::string>{"cp1256.txt"}));
}

TEST_F(CliTest, DeleteFromTheShell) {
  ASSERT_EQ(Index(Quote(kData + "/news.jsonl")).status, 0);
  ASSERT_EQ(HitIds("'برشلونة'"), (std::set<std::string>{"sample-002", "sample-019"}));
  RunResult r = Index("--delete sample-002");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(HitIds("'برشلونة'"), (std::set<std::string>{"sample-019"}));
}

TEST_F(CliTest, AnalyzeJson) {
  RunResult r = testutil::Run(kTools + "/libsearch-analyze --json " + Quote("وَبِالكِتَابِ عام2024"), dir_.path());
  EXPECT_EQ(r.status, 0) << r.err;
  auto lines = JsonLines(r.out);
  ASSERT_EQ(lines.size(), 3u) << r.out;
  EXPECT_EQ(lines[1].dump().find("عام") != std::string::npos, true);
  RunResult help = testutil::Run(kTools + "/libsearch-analyze --help", dir_.path());
  EXPECT_EQ(help.status, 0);
}

}  // namespace
