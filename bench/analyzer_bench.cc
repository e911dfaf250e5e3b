// analyzer_bench: throughput of libsearch's analysis chain against the
// engines it replaces, on the same inputs in the same process.
//
// Benchmarks are named "<what>/<input>":
//   ours_normalize    Normalizer::NormalizeTo over each document
//   ours_tokenize     Tokenizer (normalizes as it goes), every token pulled
//   ours_light_stem   LightStemmer::StemView over the input's tokens, already
//                     tokenized (bytes = token bytes, not input bytes)
//   ours_analyze      Analyzer: tokens + light stems + stopword flags
//   ours_analyze_nostem  the same with StemStrength::kNone
//   ours_analyze_sse2 ours_analyze on the SSE2 path, as on a processor
//                     without AVX2 (only where the AVX2 path exists)
//   xapian_tg_stem    Xapian::TermGenerator, Stem("arabic"), STEM_SOME, into
//                     a fresh Xapian::Document per input document
//   xapian_tg_nostem  the same without a stemmer
//   lucene_arabic     Lucene++ ArabicAnalyzer, UTF-8 → wide conversion
//                     included (a UTF-8 caller has to pay it)
//   lucene_arabic_wide  the same over text converted beforehand (conversion
//                     not timed): Lucene++ at its best
// Inputs: news (real articles), diacritised (Qur'an, Uthmani script),
// latin (English words, numbers, URLs, some Arabic; fixed seed).
//
// Every benchmark checks that each iteration produced the same output
// counts as the first, so the work cannot be skipped or vary unnoticed.
//
// Built twice: analyzer_bench (everything) and analyzer_bench_peers
// (LIBSEARCH_BENCH_PEERS_ONLY: Xapian and Lucene++ only, no libsearch), so
// the peers can be measured while the library is incomplete.

#include <benchmark/benchmark.h>
#include <zlib.h>

#include <xapian.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#ifndef LIBSEARCH_BENCH_PEERS_ONLY
#include "libsearch/analyzer.h"
#include "libsearch/normalizer.h"
#include "libsearch/stemmer.h"
#include "libsearch/tokenizer.h"
#endif

#ifdef LIBSEARCH_BENCH_HAVE_LUCENE
#include <lucene++/LuceneHeaders.h>
#include <lucene++/ArabicAnalyzer.h>
#include <lucene++/TermAttribute.h>
#endif

#ifndef LIBSEARCH_SOURCE_DIR
#define LIBSEARCH_SOURCE_DIR "."
#endif
#ifndef LIBSEARCH_SHARED_DIR
#define LIBSEARCH_SHARED_DIR "../shared"
#endif

namespace {

// ---------------------------------------------------------------- inputs

struct Input {
  std::string name;
  std::string source;                 // where it came from, for the log
  std::string storage;                // all documents, back to back
  std::vector<std::string_view> docs; // views into storage
  std::size_t bytes = 0;
};

std::string DataDir() {
  // Overridable so the benchmark can run from an installed tree.
  const char* env = std::getenv("LIBSEARCH_BENCH_DATA");
  return env != nullptr ? env : LIBSEARCH_SHARED_DIR "/data";
}

bool FileExists(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return f.good();
}

void AppendUtf8(std::uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool ReadHex4(std::string_view s, std::size_t i, std::uint32_t* v) {
  if (i + 4 > s.size()) return false;
  *v = 0;
  for (std::size_t k = 0; k < 4; ++k) {
    int d = HexDigit(s[i + k]);
    if (d < 0) return false;
    *v = *v * 16 + static_cast<std::uint32_t>(d);
  }
  return true;
}

// The string value of top-level member `key` of one flat JSON object line.
// Enough for the news dumps (flat objects); a quote inside a string is
// always escaped, so a raw "key": can only be a member name.
bool JsonStringField(std::string_view line, std::string_view key,
                     std::string* out) {
  std::string needle = "\"" + std::string(key) + "\"";
  std::size_t at = 0;
  while ((at = line.find(needle, at)) != std::string_view::npos) {
    std::size_t i = at + needle.size();
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (i >= line.size() || line[i] != ':') { at = i; continue; }
    ++i;
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (i >= line.size() || line[i] != '"') return false;
    ++i;
    out->clear();
    while (i < line.size()) {
      char c = line[i++];
      if (c == '"') return true;
      if (c != '\\') { out->push_back(c); continue; }
      if (i >= line.size()) return false;
      char e = line[i++];
      switch (e) {
        case 'n': out->push_back('\n'); break;
        case 't': out->push_back('\t'); break;
        case 'r': out->push_back('\r'); break;
        case 'b': out->push_back('\b'); break;
        case 'f': out->push_back('\f'); break;
        case 'u': {
          std::uint32_t cp;
          if (!ReadHex4(line, i, &cp)) return false;
          i += 4;
          std::uint32_t lo;
          if (cp >= 0xD800 && cp < 0xDC00 && i + 6 <= line.size() &&
              line[i] == '\\' && line[i + 1] == 'u' &&
              ReadHex4(line, i + 2, &lo) && lo >= 0xDC00 && lo < 0xE000) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            i += 6;
          }
          AppendUtf8(cp, out);
          break;
        }
        default: out->push_back(e); break;  // \" \\ \/
      }
    }
    return false;
  }
  return false;
}

void Seal(Input* in, const std::vector<std::size_t>& ends) {
  std::size_t begin = 0;
  for (std::size_t end : ends) {
    in->docs.emplace_back(in->storage.data() + begin, end - begin);
    begin = end;
  }
  in->bytes = in->storage.size();
}

// Repeats the documents until the input has at least `min_bytes`, so small
// samples still measure streaming throughput rather than a cache-hot loop.
void RepeatTo(std::vector<std::string>* docs, std::size_t min_bytes) {
  std::size_t total = 0;
  for (const auto& d : *docs) total += d.size();
  if (docs->empty() || total == 0) return;
  std::size_t n = docs->size();
  for (std::size_t i = 0; total < min_bytes; ++i) {
    docs->push_back((*docs)[i % n]);
    total += docs->back().size();
  }
}

Input FromDocs(std::string name, std::string source,
               std::vector<std::string> docs) {
  Input in;
  in.name = std::move(name);
  in.source = std::move(source);
  std::vector<std::size_t> ends;
  for (const auto& d : docs) {
    in.storage += d;
    ends.push_back(in.storage.size());
  }
  Seal(&in, ends);
  return in;
}

constexpr std::size_t kNewsArticles = 3000;
constexpr std::size_t kMinBytes = 4u << 20;

// LIBSEARCH_BENCH_NEWS_ARTICLES=N reads N articles instead: with tens of
// thousands, more distinct words than the analyzer's memo holds, so that
// repeated passes see about the hit rate of a stream of new text.
std::size_t NewsArticles() {
  const char* env = std::getenv("LIBSEARCH_BENCH_NEWS_ARTICLES");
  const long n = env != nullptr ? std::atol(env) : 0;
  return n > 0 ? static_cast<std::size_t>(n) : kNewsArticles;
}

std::vector<std::string> ReadNewsGz(const std::string& path) {
  std::vector<std::string> docs;
  gzFile f = gzopen(path.c_str(), "rb");
  if (f == nullptr) return docs;
  gzbuffer(f, 1 << 20);
  std::string line, body;
  char buf[1 << 16];
  const std::size_t articles = NewsArticles();
  while (docs.size() < articles) {
    line.clear();
    bool got = false;
    while (gzgets(f, buf, sizeof buf) != nullptr) {
      got = true;
      line += buf;
      if (!line.empty() && line.back() == '\n') break;
    }
    if (!got) break;
    if (JsonStringField(line, "text", &body) && !body.empty())
      docs.push_back(body);
  }
  gzclose(f);
  return docs;
}

std::vector<std::string> ReadNewsSample(const std::string& path) {
  std::vector<std::string> docs;
  std::ifstream f(path);
  std::string line, body;
  while (std::getline(f, line))
    if (JsonStringField(line, "body", &body) && !body.empty())
      docs.push_back(body);
  RepeatTo(&docs, kMinBytes);
  return docs;
}

const Input& News() {
  static const Input input = [] {
    std::string gz = DataDir() + "/news/news.jsonl.gz";
    std::vector<std::string> docs = ReadNewsGz(gz);
    std::string source = gz + " (first " + std::to_string(docs.size()) +
                         " articles, member \"text\")";
    if (docs.empty()) {
      std::string sample = LIBSEARCH_SOURCE_DIR "/examples/data/news.jsonl";
      docs = ReadNewsSample(sample);
      source = sample + " (member \"body\", repeated to >= 4 MiB)";
    }
    return FromDocs("news", source, std::move(docs));
  }();
  return input;
}

// Deterministic harakat after every Arabic letter: the fallback when the
// Qur'an file is absent. Same byte mix as real vocalised text.
std::string Diacritise(std::string_view text, std::uint32_t* state) {
  static constexpr std::uint32_t kHarakat[] = {0x064E, 0x064F, 0x0650,
                                               0x0652, 0x064E, 0x0650};
  std::string out;
  out.reserve(text.size() * 2);
  for (std::size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (i + len > text.size()) len = text.size() - i;
    out.append(text.substr(i, len));
    if (len == 2) {
      std::uint32_t cp = ((c & 0x1F) << 6) |
                         (static_cast<unsigned char>(text[i + 1]) & 0x3F);
      if (cp >= 0x0621 && cp <= 0x064A && cp != 0x0627) {
        *state = *state * 1103515245u + 12345u;
        std::uint32_t r = *state >> 16;
        if (r % 11 == 0) AppendUtf8(0x0651, &out);  // shadda
        AppendUtf8(kHarakat[r % 6], &out);
      }
    }
    i += len;
  }
  return out;
}

const Input& Diacritised() {
  static const Input input = [] {
    std::string tsv = DataDir() + "/quran/quran_verses.tsv";
    std::vector<std::string> docs;
    std::string source;
    std::ifstream f(tsv);
    std::string line;
    int column = -1;
    std::string column_name;
    if (f && std::getline(f, line)) {
      // The Uthmani column: full harakat plus Qur'anic annotation marks and
      // alef wasla, the most the normalizer has to strip.
      std::vector<std::string> head;
      std::stringstream ss(line);
      std::string cell;
      while (std::getline(ss, cell, '\t')) head.push_back(cell);
      for (std::size_t k = 0; k < head.size() && column < 0; ++k)
        if (head[k].rfind("uthmani_diacritized", 0) == 0) {
          column = static_cast<int>(k);
          column_name = head[k];
        }
    }
    if (column >= 0) {
      // One document per sura, verses one per line.
      std::string current_sura, doc;
      while (std::getline(f, line)) {
        std::vector<std::string_view> cells;
        std::size_t b = 0;
        for (std::size_t e; (e = line.find('\t', b)) != std::string::npos;
             b = e + 1)
          cells.emplace_back(line.data() + b, e - b);
        cells.emplace_back(line.data() + b, line.size() - b);
        if (cells.size() <= static_cast<std::size_t>(column)) continue;
        if (std::string(cells[0]) != current_sura && !doc.empty()) {
          docs.push_back(doc);
          doc.clear();
        }
        current_sura = std::string(cells[0]);
        doc.append(cells[column]);
        doc.push_back('\n');
      }
      if (!doc.empty()) docs.push_back(doc);
      std::size_t once = 0;
      for (const auto& d : docs) once += d.size();
      RepeatTo(&docs, kMinBytes);
      source = tsv + " column \"" + column_name + "\" (" +
               std::to_string(once) + " bytes, one document per sura, " +
               "repeated to >= 4 MiB)";
    } else {
      std::uint32_t state = 20240601u;
      for (std::string_view d : News().docs) {
        docs.push_back(Diacritise(d, &state));
        if (docs.size() >= 1000) break;
      }
      RepeatTo(&docs, kMinBytes);
      source = "news input with generated harakat (Qur'an TSV not found)";
    }
    return FromDocs("diacritised", source, std::move(docs));
  }();
  return input;
}

const Input& Latin() {
  static const Input input = [] {
    static const char* const kEnglish[] = {
        "the", "government", "said", "on", "Monday", "that", "it", "would",
        "increase", "spending", "for", "health", "and", "education", "in",
        "next", "year's", "budget", "according", "to", "officials", "who",
        "spoke", "Reuters", "reported", "markets", "rallied", "after",
        "central", "bank", "raised", "interest", "rates", "by", "quarter",
        "point", "analysts", "expect", "inflation", "slowing", "down",
        "President", "visited", "Cairo", "Riyadh", "Dubai", "summit",
        "COVID-19", "pandemic", "vaccines", "doses", "delivered", "G20",
        "U.N.", "Security", "Council", "resolution", "don't", "isn't",
        "oil", "prices", "barrel", "Brent", "crude", "OPEC+", "output",
        "football", "match", "won", "championship", "season", "players",
        "software", "release", "version", "mp3", "iPhone", "Android",
        "network", "server", "database", "index", "search", "engine"};
    static const char* const kArabic[] = {
        "الحكومة", "قالت", "إن", "الميزانية", "للعام", "المقبل", "ستزيد",
        "الإنفاق", "على", "الصحة", "والتعليم", "مؤتمر", "الرئيس",
        "الاقتصاد", "النفط", "مسؤول", "مدرسة", "وزارة", "الخارجية", "في"};
    static const char* const kTld[] = {".com", ".org", ".net", ".co.uk",
                                       ".gov.sa"};
    static const char* const kPunct[] = {" ", " ", " ", " ", " ", ", ",
                                         ". ", " (", ") ", ": ", "; ",
                                         " - ", "\n"};
    // mt19937's sequence is fixed by the standard; the distributions are
    // not, so draw with plain modulo for the same text everywhere.
    std::mt19937 rng(12345u);
    auto pick = [&](std::uint32_t n) { return rng() % n; };
    std::vector<std::string> docs;
    std::size_t total = 0;
    while (total < kMinBytes) {
      std::string doc;
      while (doc.size() < 3000) {
        std::uint32_t r = pick(100);
        if (r < 66) {
          doc += kEnglish[pick(std::size(kEnglish))];
        } else if (r < 81) {
          doc += kArabic[pick(std::size(kArabic))];
        } else if (r < 91) {
          switch (pick(4)) {
            case 0: doc += std::to_string(pick(100000)); break;
            case 1: doc += std::to_string(1990 + pick(40)); break;
            case 2:
              doc += std::to_string(pick(1000)) + "." +
                     std::to_string(pick(100));
              break;
            default:
              doc += std::to_string(1 + pick(999)) + "," +
                     std::to_string(100 + pick(900));
              break;
          }
        } else if (r < 97) {
          doc += pick(2) ? "https://www." : "http://";
          doc += kEnglish[pick(std::size(kEnglish))];
          doc += kTld[pick(std::size(kTld))];
          doc += "/news/" + std::to_string(pick(1000000)) + "?page=" +
                 std::to_string(pick(10));
        } else {
          doc += kEnglish[pick(std::size(kEnglish))];
          doc += "." + std::to_string(pick(100)) + "@example";
          doc += kTld[pick(std::size(kTld))];
        }
        doc += kPunct[pick(std::size(kPunct))];
      }
      total += doc.size();
      docs.push_back(std::move(doc));
    }
    return FromDocs("latin", "generated: English words, numbers, URLs, "
                    "e-mails, 15% Arabic words (mt19937 seed 12345)",
                    std::move(docs));
  }();
  return input;
}

using InputFn = const Input& (*)();
const std::pair<const char*, InputFn> kInputs[] = {
    {"news", &News}, {"diacritised", &Diacritised}, {"latin", &Latin}};

// Fails the benchmark when an iteration's output differs from the first
// iteration's: the check that keeps the work observable and deterministic.
class Expect {
 public:
  bool Check(benchmark::State& state, std::uint64_t a, std::uint64_t b) {
    if (!set_) {
      a_ = a;
      b_ = b;
      set_ = true;
      return true;
    }
    if (a != a_ || b != b_) {
      state.SkipWithError("output changed between iterations");
      return false;
    }
    return true;
  }
  std::uint64_t first() const { return a_; }

 private:
  bool set_ = false;
  std::uint64_t a_ = 0, b_ = 0;
};

// An input whose files are all missing is reported, not timed as empty.
bool Missing(benchmark::State& state, const Input& in) {
  if (in.bytes > 0) return false;
  state.SkipWithError(("no text for input " + in.name + ": " + in.source)
                          .c_str());
  return true;
}

void Describe(benchmark::State& state, const Input& in) {
  state.SetLabel(std::to_string(in.docs.size()) + " docs, " +
                 std::to_string(in.bytes) + " B");
}

// ------------------------------------------------------------------ ours
#ifndef LIBSEARCH_BENCH_PEERS_ONLY

void BM_OursNormalize(benchmark::State& state, InputFn get) {
  const Input& in = get();
  if (Missing(state, in)) return;
  libsearch::Normalizer normalizer;
  std::string out;
  out.reserve(64 << 10);
  Expect expect;
  for (auto _ : state) {
    std::uint64_t produced = 0;
    for (std::string_view doc : in.docs) {
      out.clear();
      normalizer.NormalizeTo(doc, &out);
      produced += out.size();
      benchmark::DoNotOptimize(out.data());
    }
    if (!expect.Check(state, produced, 0)) break;
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() *
                                                    in.bytes));
  Describe(state, in);
}

void BM_OursTokenize(benchmark::State& state, InputFn get) {
  const Input& in = get();
  if (Missing(state, in)) return;
  libsearch::Tokenizer tokenizer;
  Expect expect;
  for (auto _ : state) {
    std::uint64_t tokens = 0, token_bytes = 0;
    for (std::string_view doc : in.docs) {
      libsearch::TokenStream stream = tokenizer.Tokenize(doc);
      libsearch::Token token;
      while (stream.Next(&token)) {
        ++tokens;
        token_bytes += token.text.size();
      }
    }
    benchmark::DoNotOptimize(token_bytes);
    if (!expect.Check(state, tokens, token_bytes)) break;
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() *
                                                    in.bytes));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() *
                                                    expect.first()));
  Describe(state, in);
}

// The input's tokens as the tokenizer produced them, packed in one buffer.
struct Words {
  std::string storage;
  std::vector<std::string_view> words;
  std::size_t bytes = 0;
};

const Words& WordsOf(const Input& in) {
  static std::map<const Input*, Words> cache;
  auto it = cache.find(&in);
  if (it != cache.end()) return it->second;
  Words& w = cache[&in];
  libsearch::Tokenizer tokenizer;
  std::vector<std::size_t> ends;
  for (std::string_view doc : in.docs) {
    libsearch::TokenStream stream = tokenizer.Tokenize(doc);
    libsearch::Token token;
    while (stream.Next(&token)) {
      w.storage.append(token.text);
      ends.push_back(w.storage.size());
    }
  }
  std::size_t begin = 0;
  for (std::size_t end : ends) {
    w.words.emplace_back(w.storage.data() + begin, end - begin);
    begin = end;
  }
  w.bytes = w.storage.size();
  return w;
}

void BM_OursLightStem(benchmark::State& state, InputFn get) {
  if (Missing(state, get())) return;
  const Words& w = WordsOf(get());
  libsearch::LightStemmer stemmer;
  Expect expect;
  for (auto _ : state) {
    std::uint64_t stem_bytes = 0;
    for (std::string_view word : w.words) {
      std::string_view stem = stemmer.StemView(word);
      stem_bytes += stem.size();
    }
    benchmark::DoNotOptimize(stem_bytes);
    if (!expect.Check(state, stem_bytes, 0)) break;
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() *
                                                    w.bytes));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() *
                                                    w.words.size()));
  state.SetLabel(std::to_string(w.words.size()) + " words, " +
                 std::to_string(w.bytes) + " B");
}

#if defined(__SSE2__) && defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define LIBSEARCH_BENCH_WIDE 1
}  // namespace
namespace libsearch::analysis {
extern bool g_wide_blocks;  // the analyzer's AVX2 path on or off (tokenizer.cc)
}  // namespace libsearch::analysis
namespace {
#endif

// `stemming` kLight is the default chain; kNone shows what the chain costs
// without its stemmer. sse2: the analyzer's SSE2 path, where it has another.
void BM_OursAnalyze(benchmark::State& state, InputFn get,
                    libsearch::StemStrength stemming, bool sse2 = false) {
  const Input& in = get();
  if (Missing(state, in)) return;
#ifdef LIBSEARCH_BENCH_WIDE
  // Restored when this benchmark ends; the other benchmarks take the path
  // the processor has.
  struct Restore {
    bool saved = libsearch::analysis::g_wide_blocks;
    ~Restore() { libsearch::analysis::g_wide_blocks = saved; }
  } restore;
  if (sse2) libsearch::analysis::g_wide_blocks = false;
#else
  (void)sse2;
#endif
  libsearch::AnalyzerOptions options;
  options.stemming = stemming;
  libsearch::Analyzer analyzer(options);
  Expect expect;
  for (auto _ : state) {
    std::uint64_t tokens = 0, checksum = 0;
    for (std::string_view doc : in.docs) {
      libsearch::AnalyzedStream stream = analyzer.Analyze(doc);
      libsearch::AnalyzedToken t;
      while (stream.Next(&t)) {
        ++tokens;
        checksum += t.stem.size() * 2 + (t.stopword ? 1 : 0);
      }
    }
    benchmark::DoNotOptimize(checksum);
    if (!expect.Check(state, tokens, checksum)) break;
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() *
                                                    in.bytes));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() *
                                                    expect.first()));
  Describe(state, in);
}

#endif  // LIBSEARCH_BENCH_PEERS_ONLY

// ---------------------------------------------------------------- Xapian

// Words TermGenerator indexed: the wdf of its unprefixed terms (the Z
// stem terms double-count under STEM_SOME). Counted outside the timing.
std::uint64_t XapianWords(const Xapian::Document& doc) {
  std::uint64_t n = 0;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
    if ((*t)[0] != 'Z') n += t.get_wdf();
  return n;
}

void BM_XapianTermGenerator(benchmark::State& state, InputFn get, bool stem) {
  const Input& in = get();
  if (Missing(state, in)) return;
  Xapian::TermGenerator tg;
  if (stem) {
    tg.set_stemmer(Xapian::Stem("arabic"));
    tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  } else {
    tg.set_stemming_strategy(Xapian::TermGenerator::STEM_NONE);
  }
  std::uint64_t words = 0;
  for (std::string_view doc : in.docs) {
    Xapian::Document d;
    tg.set_document(d);
    tg.index_text(Xapian::Utf8Iterator(doc.data(), doc.size()));
    words += XapianWords(d);
  }
  Expect expect;
  for (auto _ : state) {
    std::uint64_t terms = 0;
    for (std::string_view doc : in.docs) {
      // A fresh document per input document, as an indexer does;
      // index_text takes a const char* range, so no copy is made here.
      Xapian::Document d;
      tg.set_document(d);
      tg.index_text(Xapian::Utf8Iterator(doc.data(), doc.size()));
      terms += d.termlist_count();
    }
    benchmark::DoNotOptimize(terms);
    if (!expect.Check(state, terms, 0)) break;
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() *
                                                    in.bytes));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() *
                                                    words));
  Describe(state, in);
}

// -------------------------------------------------------------- Lucene++
#ifdef LIBSEARCH_BENCH_HAVE_LUCENE

const std::vector<Lucene::String>& WideDocs(const Input& in) {
  static std::map<const Input*, std::vector<Lucene::String>> cache;
  auto it = cache.find(&in);
  if (it != cache.end()) return it->second;
  auto& v = cache[&in];
  for (std::string_view doc : in.docs)
    v.push_back(Lucene::StringUtils::toUnicode(
        reinterpret_cast<const std::uint8_t*>(doc.data()),
        static_cast<std::int32_t>(doc.size())));
  return v;
}

// Pulls every token of `text` through the analyzer's reusable stream.
void LuceneConsume(const Lucene::AnalyzerPtr& analyzer,
                   const Lucene::String& text, std::uint64_t* tokens,
                   std::uint64_t* chars) {
  Lucene::TokenStreamPtr ts = analyzer->reusableTokenStream(
      L"body", Lucene::newLucene<Lucene::StringReader>(text));
  Lucene::TermAttributePtr term = ts->addAttribute<Lucene::TermAttribute>();
  ts->reset();
  while (ts->incrementToken()) {
    ++*tokens;
    *chars += static_cast<std::uint64_t>(term->termLength());
  }
  ts->end();
}

void BM_LuceneArabic(benchmark::State& state, InputFn get, bool convert) {
  const Input& in = get();
  if (Missing(state, in)) return;
  try {
    Lucene::AnalyzerPtr analyzer = Lucene::newLucene<Lucene::ArabicAnalyzer>(
        Lucene::LuceneVersion::LUCENE_CURRENT);
    const std::vector<Lucene::String>* wide = convert ? nullptr : &WideDocs(in);
    Expect expect;
    for (auto _ : state) {
      std::uint64_t tokens = 0, chars = 0;
      if (convert) {
        for (std::string_view doc : in.docs) {
          Lucene::String text = Lucene::StringUtils::toUnicode(
              reinterpret_cast<const std::uint8_t*>(doc.data()),
              static_cast<std::int32_t>(doc.size()));
          LuceneConsume(analyzer, text, &tokens, &chars);
        }
      } else {
        for (const Lucene::String& text : *wide)
          LuceneConsume(analyzer, text, &tokens, &chars);
      }
      benchmark::DoNotOptimize(chars);
      if (!expect.Check(state, tokens, chars)) break;
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() *
                                                      expect.first()));
  } catch (Lucene::LuceneException& e) {
    static std::string message;
    message = "Lucene++: " + Lucene::StringUtils::toUTF8(e.getError());
    state.SkipWithError(message.c_str());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() *
                                                    in.bytes));
  Describe(state, in);
}

#endif  // LIBSEARCH_BENCH_HAVE_LUCENE

// Registers every benchmark on every input, grouped by input so one input's
// results sit together. Rates use CPU time: this single-threaded work on a
// shared 2-core machine is preempted by other jobs, which wall time counts.
const bool kRegistered = [] {
  // Where each input came from, in the JSON "context" of every run.
  for (const auto& [name, get] : kInputs)
    benchmark::AddCustomContext(std::string("input_") + name, get().source);
  for (const auto& [name, get] : kInputs) {
    std::string suffix = std::string("/") + name;
    auto reg = [&](const char* what, auto fn) {
      benchmark::RegisterBenchmark((std::string(what) + suffix).c_str(), fn)
          ->Unit(benchmark::kMillisecond);
    };
    InputFn g = get;
#ifndef LIBSEARCH_BENCH_PEERS_ONLY
    reg("ours_normalize", [g](benchmark::State& s) { BM_OursNormalize(s, g); });
    reg("ours_tokenize", [g](benchmark::State& s) { BM_OursTokenize(s, g); });
    reg("ours_light_stem", [g](benchmark::State& s) { BM_OursLightStem(s, g); });
    reg("ours_analyze", [g](benchmark::State& s) {
      BM_OursAnalyze(s, g, libsearch::StemStrength::kLight);
    });
    reg("ours_analyze_nostem", [g](benchmark::State& s) {
      BM_OursAnalyze(s, g, libsearch::StemStrength::kNone);
    });
#ifdef LIBSEARCH_BENCH_WIDE
    reg("ours_analyze_sse2", [g](benchmark::State& s) {
      BM_OursAnalyze(s, g, libsearch::StemStrength::kLight, true);
    });
#endif
#endif
    reg("xapian_tg_stem",
        [g](benchmark::State& s) { BM_XapianTermGenerator(s, g, true); });
    reg("xapian_tg_nostem",
        [g](benchmark::State& s) { BM_XapianTermGenerator(s, g, false); });
#ifdef LIBSEARCH_BENCH_HAVE_LUCENE
    reg("lucene_arabic",
        [g](benchmark::State& s) { BM_LuceneArabic(s, g, true); });
    reg("lucene_arabic_wide",
        [g](benchmark::State& s) { BM_LuceneArabic(s, g, false); });
#endif
  }
  return true;
}();

}  // namespace
