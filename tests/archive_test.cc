// Tests for libsearch::ArchiveReader. Every input is written into a fresh
// temporary directory by the test itself.
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <boost/locale/encoding.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "libsearch/archive.h"
#include "libsearch/error.h"

namespace libsearch {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using Kind = ArchiveRecord::Kind;

const std::string kArabic = "وزير الخارجية يزور القاهرة لبحث التعاون الاقتصادي في فصل الشتاء";

class ArchiveTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "archive_test.XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override {
    // chmod-000 entries would stop remove_all for a non-root user.
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir_, ec); !ec && it != fs::end(it);
         it.increment(ec))
      fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(dir_, ec);
  }

  std::string Path(const std::string& rel) const { return (fs::path(dir_) / rel).string(); }

  std::string Write(const std::string& rel, const std::string& content) {
    const std::string path = Path(rel);
    fs::create_directories(fs::path(path).parent_path());
    std::ofstream out(path, std::ios::binary);
    out << content;
    return path;
  }

  std::string WriteGz(const std::string& rel, const std::string& content) {
    const std::string path = Path(rel);
    fs::create_directories(fs::path(path).parent_path());
    gzFile gz = gzopen(path.c_str(), "wb");
    EXPECT_NE(gz, nullptr);
    EXPECT_EQ(gzwrite(gz, content.data(), static_cast<unsigned>(content.size())),
              static_cast<int>(content.size()));
    EXPECT_EQ(gzclose(gz), Z_OK);
    return path;
  }

  static std::vector<ArchiveRecord> ReadAll(const std::string& path,
                                            const ArchiveOptions& options = ArchiveOptions(),
                                            std::uint64_t* total = nullptr) {
    ArchiveReader reader(path, options);
    if (total) *total = reader.total_bytes();
    std::vector<ArchiveRecord> records;
    ArchiveRecord record;
    while (reader.Next(&record)) records.push_back(record);
    return records;
  }

  static std::vector<std::string> Ids(const std::vector<ArchiveRecord>& records) {
    std::vector<std::string> ids;
    for (const auto& r : records)
      ids.push_back(r.kind == Kind::kDocument ? r.document.id : "PROBLEM");
    return ids;
  }

  static std::string Line(const std::string& id, const std::string& title,
                          const std::string& extra = "") {
    return "{\"id\":\"" + id + "\",\"title\":\"" + title + "\"" + extra + "}\n";
  }

  std::string dir_;
};

TEST_F(ArchiveTest, ParseEncodingNames) {
  Encoding e = Encoding::kAuto;
  EXPECT_TRUE(ParseEncoding("UTF-8", &e));
  EXPECT_EQ(e, Encoding::kUtf8);
  EXPECT_TRUE(ParseEncoding("utf8", &e));
  EXPECT_TRUE(ParseEncoding("CP1256", &e));
  EXPECT_EQ(e, Encoding::kWindows1256);
  EXPECT_TRUE(ParseEncoding("Windows-1256", &e));
  EXPECT_TRUE(ParseEncoding("ISO-8859-6", &e));
  EXPECT_EQ(e, Encoding::kIso8859_6);
  EXPECT_TRUE(ParseEncoding("iso8859-6", &e));
  EXPECT_TRUE(ParseEncoding("Auto", &e));
  EXPECT_EQ(e, Encoding::kAuto);
  EXPECT_FALSE(ParseEncoding("latin1", &e));
  EXPECT_FALSE(ParseEncoding("", &e));
  for (Encoding x : {Encoding::kAuto, Encoding::kUtf8, Encoding::kWindows1256, Encoding::kIso8859_6}) {
    Encoding back;
    ASSERT_TRUE(ParseEncoding(EncodingName(x), &back));
    EXPECT_EQ(back, x);
  }
}

TEST_F(ArchiveTest, ValidJsonLines) {
  const std::string path = Write(
      "news.jsonl",
      "{\"id\":\"a1\",\"title\":\"" + kArabic + "\",\"body\":\"نص الخبر\",\"date\":\"2024-03-05\","
      "\"source\":\"الجزيرة\",\"url\":\"https://example.com/a1\",\"extra\":[1,2]}\n"
      "\n"
      "   \n" +
          Line("a2", "ثاني") + Line("a3", "ثالث"));
  std::uint64_t total = 0;
  const auto records = ReadAll(path, ArchiveOptions(), &total);
  ASSERT_EQ(records.size(), 3u);
  EXPECT_THAT(Ids(records), ::testing::ElementsAre("a1", "a2", "a3"));
  const NewsDocument& d = records[0].document;
  EXPECT_EQ(d.title, kArabic);
  EXPECT_EQ(d.body, "نص الخبر");
  EXPECT_EQ(d.date, "2024-03-05");
  EXPECT_EQ(d.source, "الجزيرة");
  EXPECT_EQ(d.url, "https://example.com/a1");
  EXPECT_EQ(records[0].file, path);
  EXPECT_EQ(records[0].line, 1u);
  EXPECT_EQ(records[1].line, 4u);  // blank lines are skipped, still counted
  EXPECT_EQ(records[2].line, 5u);
  EXPECT_TRUE(records[0].warning.empty());
  std::uint64_t sum = 0;
  for (const auto& r : records) sum += r.bytes;
  EXPECT_EQ(total, fs::file_size(path));
  EXPECT_EQ(sum, total);
}

TEST_F(ArchiveTest, FieldMappingAndTextAsBody) {
  const std::string path =
      Write("m.jsonl",
            "{\"doc_id\":\"x\",\"headline\":\"عنوان\",\"text\":\"متن\",\"published\":\"2020-01-02\"}\n"
            "{\"id\":\"y\",\"doc_id\":\"\",\"headline\":\"h\"}\n");
  ArchiveOptions options;
  options.fields.id = {"doc_id", "id"};
  options.fields.title = {"headline"};
  options.fields.date = {"published"};
  const auto records = ReadAll(path, options);
  ASSERT_EQ(records.size(), 2u);
  ASSERT_EQ(records[0].kind, Kind::kDocument) << records[0].problem;
  EXPECT_EQ(records[0].document.id, "x");
  EXPECT_EQ(records[0].document.title, "عنوان");
  EXPECT_EQ(records[0].document.body, "متن");  // default body names include "text"
  EXPECT_EQ(records[0].document.date, "2020-01-02");
  // An empty candidate counts as absent: the next name is used.
  ASSERT_EQ(records[1].kind, Kind::kDocument) << records[1].problem;
  EXPECT_EQ(records[1].document.id, "y");
}

TEST_F(ArchiveTest, NumericIds) {
  const std::string path =
      Write("n.jsonl", "{\"id\":42,\"title\":\"a\"}\n{\"id\":-7,\"title\":\"b\"}\n"
                       "{\"id\":9.0,\"title\":\"c\"}\n{\"id\":1.5,\"title\":\"d\"}\n"
                       "{\"id\":[1],\"title\":\"e\"}\n{\"id\":true}\n");
  const auto records = ReadAll(path);
  ASSERT_EQ(records.size(), 6u);
  EXPECT_EQ(records[0].document.id, "42");
  EXPECT_EQ(records[1].document.id, "-7");
  EXPECT_EQ(records[2].document.id, "9");
  for (int i : {3, 4, 5}) {
    EXPECT_EQ(records[i].kind, Kind::kProblem);
    EXPECT_THAT(records[i].problem, HasSubstr("expected a string or a whole number"));
  }
  EXPECT_THAT(records[4].problem, HasSubstr("an array"));
}

TEST_F(ArchiveTest, BomAndCrlf) {
  const std::string path =
      Write("bom.jsonl", "\xEF\xBB\xBF" + std::string("{\"id\":\"1\",\"title\":\"أ\"}\r\n") +
                             "\r\n{\"id\":\"2\",\"title\":\"ب\",\"body\":\"x\"}\r\n");
  const auto records = ReadAll(path);
  ASSERT_EQ(records.size(), 2u);
  ASSERT_EQ(records[0].kind, Kind::kDocument) << records[0].problem;
  EXPECT_EQ(records[0].document.title, "أ");
  ASSERT_EQ(records[1].kind, Kind::kDocument) << records[1].problem;
  EXPECT_EQ(records[1].document.body, "x");
  EXPECT_EQ(records[1].line, 3u);
}

TEST_F(ArchiveTest, GzipIsDetectedByContent) {
  std::string content;
  for (int i = 0; i < 500; ++i) content += Line("g" + std::to_string(i), kArabic);
  const std::string gz = WriteGz("a.jsonl.gz", content);
  const std::string disguised = WriteGz("named-plain.jsonl", content);
  std::uint64_t total = 0;
  const auto records = ReadAll(gz, ArchiveOptions(), &total);
  ASSERT_EQ(records.size(), 500u);
  EXPECT_EQ(records[499].document.id, "g499");
  EXPECT_EQ(records[499].line, 500u);
  EXPECT_EQ(records[0].document.title, kArabic);
  EXPECT_EQ(total, fs::file_size(gz));  // compressed size
  std::uint64_t sum = 0;
  for (const auto& r : records) sum += r.bytes;
  EXPECT_EQ(sum, total);
  EXPECT_EQ(ReadAll(disguised).size(), 500u);
}

TEST_F(ArchiveTest, ConcatenatedGzipMembers) {
  const std::string a = WriteGz("part1.gz", Line("1", "a"));
  const std::string b = WriteGz("part2.gz", Line("2", "b"));
  std::ifstream ia(a, std::ios::binary), ib(b, std::ios::binary);
  std::string both((std::istreambuf_iterator<char>(ia)), {});
  both.append((std::istreambuf_iterator<char>(ib)), {});
  const std::string path = Write("both.gz", both);
  EXPECT_THAT(Ids(ReadAll(path)), ::testing::ElementsAre("1", "2"));
}

TEST_F(ArchiveTest, TruncatedGzipReportsLineAndMovesOn) {
  std::string content;
  // Varied text so the compressed stream is long enough to cut in half.
  for (int i = 0; i < 3000; ++i)
    content += Line("t" + std::to_string(i), kArabic + " " + std::to_string(i * 7919 % 10007));
  const std::string gz = WriteGz("feed/a.jsonl.gz", content);
  fs::resize_file(gz, fs::file_size(gz) / 2);
  Write("feed/b.jsonl", Line("after", "x"));

  const auto records = ReadAll(Path("feed"));
  ASSERT_GE(records.size(), 3u);
  std::size_t docs_before = 0;
  while (docs_before < records.size() && records[docs_before].kind == Kind::kDocument) ++docs_before;
  ASSERT_LT(docs_before, records.size());
  EXPECT_GT(docs_before, 0u);
  EXPECT_LT(docs_before, 3000u);
  const ArchiveRecord& problem = records[docs_before];
  EXPECT_EQ(problem.file, gz);
  EXPECT_EQ(problem.line, docs_before + 1);
  EXPECT_THAT(problem.problem, HasSubstr("truncated gzip"));
  EXPECT_THAT(problem.problem, HasSubstr("line " + std::to_string(docs_before + 1)));
  ASSERT_EQ(records.size(), docs_before + 2);
  EXPECT_EQ(records.back().document.id, "after");
}

TEST_F(ArchiveTest, CorruptGzipIsAProblem) {
  std::string content;
  for (int i = 0; i < 3000; ++i)
    content += Line("c" + std::to_string(i), kArabic + " " + std::to_string(i * 7919 % 10007));
  const std::string gz = WriteGz("c.jsonl.gz", content);
  {
    std::fstream f(gz, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(fs::file_size(gz) / 2));
    const std::string junk(64, '\x55');
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
  const auto records = ReadAll(gz);
  ASSERT_FALSE(records.empty());
  EXPECT_EQ(records.back().kind, Kind::kProblem);
  EXPECT_THAT(records.back().problem, ::testing::AnyOf(HasSubstr("corrupt gzip"),
                                                       HasSubstr("truncated gzip")));
  EXPECT_LT(records.size(), 3001u);
}

TEST_F(ArchiveTest, BrokenJsonLineInTheMiddle) {
  const std::string path = Write("b.jsonl", Line("1", "a") + Line("2", "b") +
                                               "{\"id\":\"3\",\"title\":\"c\",}\n" + Line("4", "d"));
  const auto records = ReadAll(path);
  EXPECT_THAT(Ids(records), ::testing::ElementsAre("1", "2", "PROBLEM", "4"));
  EXPECT_EQ(records[2].file, path);
  EXPECT_EQ(records[2].line, 3u);
  EXPECT_THAT(records[2].problem, HasSubstr("line 3: broken JSON at byte 23"));
  EXPECT_THAT(records[2].problem, HasSubstr("unexpected '}'"));
}

TEST_F(ArchiveTest, UnterminatedStringMessageStaysShort) {
  const std::string path = Write("u.jsonl", "{\"id\":\"1\",\"title\":\"" + std::string(5000, 'x') + "\n");
  const auto records = ReadAll(path);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].kind, Kind::kProblem);
  EXPECT_THAT(records[0].problem, HasSubstr("broken JSON"));
  EXPECT_LT(records[0].problem.size(), 300u);
}

TEST_F(ArchiveTest, NotAnObject) {
  // Starts with an object: a single file starting with '[' would be text.
  const auto records = ReadAll(Write("arr.jsonl", Line("1", "a") + "[1,2]\n\"text\"\n"));
  ASSERT_EQ(records.size(), 3u);
  EXPECT_THAT(records[1].problem, HasSubstr("line 2: expected a JSON object, found an array"));
  EXPECT_THAT(records[2].problem, HasSubstr("found a string"));
}

TEST_F(ArchiveTest, MissingOrEmptyIdNamesTheMembersTried) {
  const std::string path = Write("i.jsonl", "{\"title\":\"a\"}\n{\"id\":\"\",\"title\":\"b\"}\n"
                                            "{\"id\":null}\n{\"id\":\"   \"}\n");
  ArchiveOptions options;
  options.fields.id = {"id", "guid"};
  const auto records = ReadAll(path, options);
  ASSERT_EQ(records.size(), 4u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(records[i].kind, Kind::kProblem);
    EXPECT_THAT(records[i].problem, HasSubstr("line " + std::to_string(i + 1) +
                                              ": no id: members \"id\", \"guid\" are missing or empty"));
  }
  EXPECT_THAT(records[3].problem, HasSubstr("blank"));
}

TEST_F(ArchiveTest, FieldOfTheWrongType) {
  const auto records =
      ReadAll(Write("w.jsonl", "{\"id\":\"1\",\"title\":5}\n{\"id\":\"2\",\"body\":{\"a\":1}}\n"));
  ASSERT_EQ(records.size(), 2u);
  EXPECT_THAT(records[0].problem, HasSubstr("member \"title\" is a number; expected a string"));
  EXPECT_THAT(records[1].problem, HasSubstr("member \"body\" is an object"));
}

TEST_F(ArchiveTest, IdTooLong) {
  const auto records = ReadAll(Write("l.jsonl", Line(std::string(201, 'x'), "t")));
  ASSERT_EQ(records.size(), 1u);
  EXPECT_THAT(records[0].problem, HasSubstr("201 bytes"));
}

TEST_F(ArchiveTest, Dates) {
  const std::string path = Write(
      "d.jsonl", Line("1", "a", ",\"date\":\"2024-03-05T10:00:00Z\"") +
                     Line("2", "b", ",\"date\":\"2024-03-05 23:15:00+03:00\"") +
                     Line("3", "c", ",\"date\":\"05/03/2024\"") +
                     Line("4", "d", ",\"date\":\"2023-02-29\"") +
                     Line("5", "e", ",\"date\":1709632800") + Line("6", "f", ",\"date\":\"\""));
  const auto records = ReadAll(path);
  ASSERT_EQ(records.size(), 6u);
  for (const auto& r : records) ASSERT_EQ(r.kind, Kind::kDocument) << r.problem;
  EXPECT_EQ(records[0].document.date, "2024-03-05");
  EXPECT_TRUE(records[0].warning.empty());
  EXPECT_EQ(records[1].document.date, "2024-03-05");
  EXPECT_EQ(records[2].document.date, "");
  EXPECT_THAT(records[2].warning,
              HasSubstr("line 3: date \"05/03/2024\" in member \"date\" is not YYYY-MM-DD"));
  EXPECT_THAT(records[2].warning, HasSubstr("kept without a date"));
  EXPECT_EQ(records[3].document.date, "");  // no 29 February in 2023
  EXPECT_FALSE(records[3].warning.empty());
  EXPECT_EQ(records[4].document.date, "");
  EXPECT_THAT(records[4].warning, HasSubstr("is a number"));
  EXPECT_TRUE(records[5].warning.empty());  // "" is simply no date
}

TEST_F(ArchiveTest, InvalidUtf8LineInAUtf8File) {
  std::string content;
  for (int i = 0; i < 20; ++i) content += Line("ok" + std::to_string(i), kArabic);
  content += "{\"id\":\"bad\",\"title\":\"\xD8\xA7\xFF\"}\n";  // alef, then 0xFF
  content += Line("last", kArabic);
  // The bad line first: detection must still settle on UTF-8.
  const std::string first = "{\"id\":\"bad\",\"title\":\"\xD8\xA7\xFF\"}\n" + content;
  for (const std::string& text : {content, first}) {
    const auto records = ReadAll(Write("u8.jsonl", text));
    std::size_t problems = 0;
    for (const auto& r : records) {
      if (r.kind == Kind::kProblem) {
        ++problems;
        EXPECT_THAT(r.problem, HasSubstr("invalid UTF-8 at byte 24 (0xFF)"));
      } else {
        EXPECT_EQ(r.document.title, kArabic);
      }
    }
    EXPECT_EQ(problems, text == first ? 2u : 1u);
    EXPECT_EQ(records.back().document.id, "last");
  }
}

// A small UTF-8 file whose one bad line is a whole Windows-1256 sentence:
// the file is still UTF-8 and only that line is a problem.
TEST_F(ArchiveTest, SmallUtf8FileWithALegacyLineStaysUtf8) {
  // "السلام عليكم" in Windows-1256: nearly every byte is invalid UTF-8.
  const std::string cp1256 = "\xC7\xE1\xD3\xE1\xC7\xE3 \xDA\xE1\xED\xDF\xE3";
  const std::string text = Line("a", kArabic) + Line("b", kArabic) +
                           "{\"id\":\"c\",\"title\":\"" + cp1256 + "\"}\n" + Line("d", kArabic);
  const auto records = ReadAll(Write("small.jsonl", text));
  EXPECT_EQ(Ids(records), (std::vector<std::string>{"a", "b", "PROBLEM", "d"}));
  EXPECT_EQ(records[3].document.title, kArabic);
}

TEST_F(ArchiveTest, TooLongLineIsSkippedAndReadingGoesOn) {
  const std::string big = "{\"id\":\"big\",\"title\":\"" + std::string(10u << 20, 'a') + "\"}\n";
  const std::string path = Write("big.jsonl", Line("1", "a") + big + Line("3", "c"));
  const auto records = ReadAll(path);
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].document.id, "1");
  EXPECT_EQ(records[1].kind, Kind::kProblem);
  EXPECT_EQ(records[1].line, 2u);
  EXPECT_THAT(records[1].problem, HasSubstr("line 2: record is " + std::to_string(big.size() - 1) +
                                            " bytes, over the limit of 8388608 bytes"));
  EXPECT_EQ(records[2].document.id, "3");
  EXPECT_EQ(records[2].line, 3u);
}

TEST_F(ArchiveTest, RecordLimitIsInclusiveAndAppliesToTheLastLine) {
  const std::string exact = Line("1", "abc");  // 24 bytes before the newline
  ArchiveOptions options;
  options.max_record_bytes = exact.size() - 1;
  const auto records = ReadAll(Write("x.jsonl", exact + Line("22", "abc")), options);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].kind, Kind::kDocument);
  EXPECT_EQ(records[1].kind, Kind::kProblem);  // one byte longer, no final newline needed
  const auto unterminated = ReadAll(Write("y.jsonl", Line("1", "abc") + std::string(200, 'z')), options);
  ASSERT_EQ(unterminated.size(), 2u);
  EXPECT_THAT(unterminated[1].problem, HasSubstr("line 2: record is 200 bytes"));
}

TEST_F(ArchiveTest, EmptyFiles) {
  const auto jsonl = ReadAll(Write("empty.jsonl", ""));
  ASSERT_EQ(jsonl.size(), 1u);
  EXPECT_EQ(jsonl[0].kind, Kind::kProblem);
  EXPECT_EQ(jsonl[0].problem, "empty file");

  Write("d/empty.txt", "");
  Write("d/blank.txt", "\n  \n");
  const auto dir = ReadAll(Path("d"));
  ASSERT_EQ(dir.size(), 2u);
  EXPECT_THAT(dir[0].problem, HasSubstr("empty file"));
  EXPECT_EQ(dir[1].problem, "empty file");
  EXPECT_EQ(dir[1].file, Path("d/empty.txt"));
}

TEST_F(ArchiveTest, BinaryFileInADirectory) {
  Write("d/a.txt", "عنوان\nنص");
  Write("d/image.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  const auto records = ReadAll(Path("d"));
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].document.id, "a.txt");
  EXPECT_EQ(records[1].kind, Kind::kProblem);
  EXPECT_EQ(records[1].file, Path("d/image.png"));
  EXPECT_THAT(records[1].problem, HasSubstr("binary file"));
}

TEST_F(ArchiveTest, TooLargeTextFile) {
  Write("d/big.txt", "title\n" + std::string(5000, 'x'));
  ArchiveOptions options;
  options.max_record_bytes = 1000;
  const auto records = ReadAll(Path("d"), options);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_THAT(records[0].problem, HasSubstr("file is 5006 bytes, over the limit of 1000 bytes"));
}

TEST_F(ArchiveTest, NoRecordLimit) {
  Write("d/a.txt", "title\nbody");
  Write("d/b.jsonl", Line("1", "x"));
  ArchiveOptions options;
  options.max_record_bytes = SIZE_MAX;
  EXPECT_THAT(Ids(ReadAll(Path("d"), options)), ::testing::ElementsAre("a.txt", "1"));
}

TEST_F(ArchiveTest, UnreadableFile) {
  if (geteuid() == 0) GTEST_SKIP() << "root can read a chmod-000 file";
  Write("d/a.txt", "a\nb");
  const std::string locked = Write("d/b.txt", "c\nd");
  Write("d/c.jsonl", Line("j", "x"));
  const std::string locked_jsonl = Write("d/z.jsonl", Line("k", "y"));
  fs::permissions(locked, fs::perms::none);
  fs::permissions(locked_jsonl, fs::perms::none);
  const auto records = ReadAll(Path("d"));
  EXPECT_THAT(Ids(records), ::testing::ElementsAre("a.txt", "PROBLEM", "j", "PROBLEM"));
  EXPECT_EQ(records[1].file, locked);
  EXPECT_THAT(records[1].problem, HasSubstr("Permission denied"));
  EXPECT_THAT(records[3].problem, HasSubstr("Permission denied"));
  EXPECT_THROW(ArchiveReader r(locked_jsonl), InputError);
}

TEST_F(ArchiveTest, DirectoryTree) {
  Write("root/b.txt", "\n\n  عنوان ب  \r\nسطر أول\r\n\r\nسطر ثان\r\n\r\n");
  Write("root/a/z.txt", "Title Z\nbody z");
  Write("root/a/deeper/y.txt", "Title Y");
  Write("root/a/feed.jsonl", Line("j1", "from jsonl") + Line("j2", "two"));
  WriteGz("root/c.json.gz", Line("g1", "gz"));
  Write("root/.hidden.txt", "hidden");
  Write("root/.git/config", "hidden dir");
  Write("root/a/.cache/x.txt", "hidden dir");
  std::uint64_t total = 0;
  const auto records = ReadAll(Path("root") + "/", ArchiveOptions(), &total);
  // Sorted by relative path: a/deeper/y.txt < a/feed.jsonl < a/z.txt < b.txt < c.json.gz
  EXPECT_THAT(Ids(records),
              ::testing::ElementsAre("a/deeper/y.txt", "j1", "j2", "a/z.txt", "b.txt", "g1"));
  EXPECT_EQ(records[0].document.title, "Title Y");
  EXPECT_EQ(records[0].document.body, "");
  EXPECT_EQ(records[0].line, 0u);
  EXPECT_EQ(records[1].file, Path("root/a/feed.jsonl"));
  EXPECT_EQ(records[2].line, 2u);
  EXPECT_EQ(records[3].document.body, "body z");
  EXPECT_EQ(records[4].document.title, "عنوان ب");
  EXPECT_EQ(records[4].document.body, "سطر أول\n\nسطر ثان");
  EXPECT_EQ(records[4].file, Path("root/b.txt"));
  std::uint64_t expected_total = 0, sum = 0;
  for (const char* f : {"b.txt", "a/z.txt", "a/deeper/y.txt", "a/feed.jsonl", "c.json.gz"})
    expected_total += fs::file_size(Path(std::string("root/") + f));
  for (const auto& r : records) sum += r.bytes;
  EXPECT_EQ(total, expected_total);
  EXPECT_EQ(sum, total);
}

TEST_F(ArchiveTest, SingleFileClassification) {
  const std::string text = Write("story.txt", "عنوان القصة\nالمتن");
  const auto t = ReadAll(text);
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].document.id, "story.txt");
  EXPECT_EQ(t[0].document.title, "عنوان القصة");
  EXPECT_EQ(t[0].document.body, "المتن");
  // Content decides, not the name.
  const auto j = ReadAll(Write("export.txt", "\xEF\xBB\xBF  \n" + Line("1", "a")));
  ASSERT_EQ(j.size(), 1u);
  EXPECT_EQ(j[0].document.id, "1");
}

TEST_F(ArchiveTest, StandardInput) {
  const std::string path = WriteGz("stdin.gz", Line("s1", "a") + Line("s2", "b"));
  const int saved = dup(STDIN_FILENO);
  const int fd = open(path.c_str(), O_RDONLY);
  ASSERT_GE(fd, 0);
  dup2(fd, STDIN_FILENO);
  close(fd);
  std::uint64_t total = 1;
  const auto records = ReadAll("-", ArchiveOptions(), &total);
  dup2(saved, STDIN_FILENO);
  close(saved);
  EXPECT_THAT(Ids(records), ::testing::ElementsAre("s1", "s2"));
  EXPECT_EQ(records[0].file, "<stdin>");
  EXPECT_EQ(total, 0u);
}

TEST_F(ArchiveTest, NonexistentPathThrows) {
  const std::string missing = Path("no/such/archive.jsonl");
  try {
    ArchiveReader reader(missing);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_THAT(e.what(), HasSubstr(missing));
    EXPECT_THAT(e.what(), HasSubstr("No such file"));
  }
}

// Legacy encodings: the Arabic text above converted with Boost.Locale. It
// has letters (ف ق ك غ) whose Windows-1256 bytes ISO-8859-6 leaves undefined.
class LegacyEncodingTest : public ArchiveTest,
                           public ::testing::WithParamInterface<Encoding> {};

TEST_P(LegacyEncodingTest, AutoDetectedAndExplicit) {
  const Encoding encoding = GetParam();
  const char* charset = encoding == Encoding::kWindows1256 ? "windows-1256" : "ISO-8859-6";
  auto legacy = [&](const std::string& utf8) {
    return boost::locale::conv::from_utf(utf8, charset, boost::locale::conv::stop);
  };
  std::string jsonl;
  for (int i = 0; i < 5; ++i)
    jsonl += legacy(Line("e" + std::to_string(i), kArabic, ",\"body\":\"" + kArabic + " " +
                                                          std::to_string(i) + "\""));
  Write("leg/news.jsonl", jsonl);
  Write("leg/story.txt", legacy("عنوان\n" + kArabic));

  for (Encoding option : {Encoding::kAuto, encoding}) {
    ArchiveOptions options;
    options.encoding = option;
    const auto records = ReadAll(Path("leg"), options);
    ASSERT_EQ(records.size(), 6u) << EncodingName(option);
    for (const auto& r : records) ASSERT_EQ(r.kind, Kind::kDocument) << r.problem;
    EXPECT_EQ(records[0].document.title, kArabic);
    EXPECT_EQ(records[4].document.body, kArabic + " 4");
    EXPECT_EQ(records[5].document.id, "story.txt");
    EXPECT_EQ(records[5].document.title, "عنوان");
    EXPECT_EQ(records[5].document.body, kArabic);
  }

  // Read as UTF-8 it is invalid, and says where.
  ArchiveOptions utf8;
  utf8.encoding = Encoding::kUtf8;
  const auto wrong = ReadAll(Path("leg/news.jsonl"), utf8);
  ASSERT_EQ(wrong.size(), 5u);
  EXPECT_THAT(wrong[0].problem, HasSubstr("line 1: invalid UTF-8 at byte 21"));
}

INSTANTIATE_TEST_SUITE_P(Charsets, LegacyEncodingTest,
                         ::testing::Values(Encoding::kWindows1256, Encoding::kIso8859_6),
                         [](const auto& info) {
                           return info.param == Encoding::kWindows1256 ? "Windows1256" : "Iso8859_6";
                         });

TEST_F(ArchiveTest, ByteUndefinedInIso8859_6) {
  ArchiveOptions options;
  options.encoding = Encoding::kIso8859_6;
  const auto records = ReadAll(Write("iso.jsonl", "{\"id\":\"1\",\"title\":\"\xDF\"}\n"), options);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_THAT(records[0].problem, HasSubstr("byte 20 (0xDF) is not a character in iso-8859-6"));
}

TEST_F(ArchiveTest, SharedNewsArchive) {
  const std::string path = LIBSEARCH_SHARED_DIR "/data/news/news.jsonl.gz";
  if (!fs::exists(path)) GTEST_SKIP() << path << " is not present";
  ArchiveReader reader(path);
  EXPECT_EQ(reader.total_bytes(), fs::file_size(path));
  ArchiveRecord record;
  int n = 0, titled = 0;
  for (; n < 2000 && reader.Next(&record); ++n) {
    ASSERT_EQ(record.kind, Kind::kDocument) << record.file << ": " << record.problem;
    EXPECT_FALSE(record.document.id.empty());
    EXPECT_FALSE(record.document.body.empty()) << record.document.id;
    EXPECT_EQ(record.document.date.size(), 10u) << record.document.id;
    EXPECT_TRUE(record.warning.empty()) << record.warning;
    if (!record.document.title.empty()) ++titled;
  }
  EXPECT_EQ(n, 2000);
  // The archive itself has a few scraped records with an empty title
  // (snn-2015-07-21-01207 is one); the reader passes them on as they are.
  EXPECT_GE(titled, 1990);
}

}  // namespace
}  // namespace libsearch
