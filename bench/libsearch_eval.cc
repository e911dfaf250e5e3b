// libsearch-eval: retrieval quality on a TREC-style collection.
//
//   libsearch-eval [options] COLLECTION_DIR
//
// COLLECTION_DIR holds corpus.jsonl (id, title, text), topics.tsv
// (qid<TAB>query) and qrels.txt (qid 0 docid grade; grade >= 1 is
// relevant). Each selected system indexes the corpus into a fresh Xapian
// database, runs every topic and is scored with trec_eval's definitions:
//   MAP      mean over topics of average precision over all of the topic's
//            relevant documents (retrieved to --depth, default 1000)
//   MRR@10   1 / rank of the first relevant document within 10, else 0
//   nDCG@10  gain = grade, discount log2(rank + 1), ideal from the qrels
//   P@10     relevant in the first 10 / 10
//   R@100    relevant in the first 100 / relevant
// Every topic with a relevant document counts; a topic with no result (or
// a query that fails to parse) scores 0, as with trec_eval -c. Ties in score
// are ordered as trec_eval orders them (document id, descending), on the
// scores as written to the run file, so trec_eval on --run gives the same
// figures.
//
// Systems (--system, repeatable; default all that are built in):
//   libsearch          the library's defaults: IndexWriterOptions(),
//                      SearchOptions() (snippets off)
//   libsearch-nostem   the same with AnalyzerOptions::stemming = kNone
//   xapian-snowball    stock Xapian: TermGenerator + Stem("arabic"),
//                      STEM_SOME; QueryParser with the same stemmer, OR
//   lucene-light10     Lucene++ ArabicAnalyzer terms (light10) indexed into
//                      Xapian, queried as the OR of the analyzed query terms
// All use the same BM25 parameters and title weight (the library's
// defaults unless --k1/--b/--title-weight say otherwise), so the systems
// differ in analysis and query construction only.
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <optional>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "libsearch/archive.h"
#include "libsearch/error.h"
#include "libsearch/index.h"

#ifdef LIBSEARCH_BENCH_HAVE_LUCENE
#include <lucene++/LuceneHeaders.h>
#include <lucene++/ArabicAnalyzer.h>
#include <lucene++/TermAttribute.h>
#endif

namespace fs = std::filesystem;

namespace {

struct Topic {
  std::string qid;
  std::string query;
};

using Qrels = std::map<std::string, std::map<std::string, int>>;  // qid → doc → grade

struct Config {
  std::string collection_dir;
  std::string name;
  std::string corpus, topics, qrels;
  std::vector<std::string> systems;
  std::string work_dir;
  bool keep_indexes = false;
  bool reuse_indexes = false;
  std::string run_file;
  std::string per_topic_file;
  std::size_t depth = 1000;
  bool tsv = false;
  // Overrides of the library's defaults, for tuning experiments only.
  std::optional<double> k1, b, exact;
  std::optional<unsigned> title_weight;
  std::optional<libsearch::DefaultOperator> op;
  std::optional<libsearch::StemStrength> stem;
  std::optional<bool> stopwords;
};

struct Ranked {
  std::string docid;
  double score;
};

// One system: builds its index from the documents, then answers queries.
class System {
 public:
  virtual ~System() = default;
  // Opens an index built earlier with identical settings instead of
  // building one (--reuse-indexes, for query-time tuning sweeps).
  virtual void Open() = 0;
  virtual void Add(const libsearch::NewsDocument& doc) = 0;
  virtual void Finish() = 0;
  // Ranked document ids, best first; empty on a query error.
  virtual std::vector<Ranked> Query(const std::string& query, std::size_t depth) = 0;
  // Queries that did not parse and were run again as plain words.
  virtual std::size_t retried() const { return 0; }
  virtual std::uint64_t documents() const = 0;
};

double DefaultK1(const Config& c) { return c.k1 ? *c.k1 : libsearch::SearchOptions().bm25_k1; }
double DefaultB(const Config& c) { return c.b ? *c.b : libsearch::SearchOptions().bm25_b; }
unsigned TitleWeight(const Config& c) {
  return c.title_weight ? *c.title_weight : libsearch::IndexWriterOptions().title_weight;
}

// --- libsearch ----------------------------------------------------------------

class LibsearchSystem : public System {
 public:
  LibsearchSystem(const std::string& path, const Config& c, bool nostem, bool open)
      : path_(path) {
    wopts_.commit_every = 0;  // one commit at the end, as a bulk load would
    if (c.title_weight) wopts_.title_weight = *c.title_weight;
    if (c.stem) wopts_.analyzer.stemming = *c.stem;
    if (c.stopwords) wopts_.analyzer.stopwords = *c.stopwords;
    if (nostem) wopts_.analyzer.stemming = libsearch::StemStrength::kNone;
    sopts_.snippets = false;
    if (c.k1) sopts_.bm25_k1 = *c.k1;
    if (c.b) sopts_.bm25_b = *c.b;
    if (c.op) sopts_.default_operator = *c.op;
    if (c.exact) sopts_.exact_form_weight = *c.exact;
    if (!open) writer_ = std::make_unique<libsearch::IndexWriter>(path_, wopts_);
  }
  // What decides the terms: the analyzer and the title weight.
  static std::string Key(const Config& c, bool nostem) {
    libsearch::AnalyzerOptions a;
    if (c.stem) a.stemming = *c.stem;
    if (c.stopwords) a.stopwords = *c.stopwords;
    if (nostem) a.stemming = libsearch::StemStrength::kNone;
    return libsearch::Analyzer(a).Fingerprint() + " title_weight=" + std::to_string(TitleWeight(c));
  }
  void Open() override { searcher_ = std::make_unique<libsearch::Searcher>(path_); }
  void Add(const libsearch::NewsDocument& doc) override { writer_->Upsert(doc); }
  void Finish() override {
    writer_->Commit();
    writer_.reset();
    searcher_ = std::make_unique<libsearch::Searcher>(path_);
  }
  std::vector<Ranked> Query(const std::string& query, std::size_t depth) override {
    std::vector<Ranked> out;
    libsearch::SearchOptions o = sopts_;
    o.limit = depth;
    try {
      for (const libsearch::Hit& h : searcher_->Search(query, o).hits)
        out.push_back({h.document.id, h.score});
    } catch (const libsearch::QueryError&) {
      // What a search box does with a malformed query (an unbalanced quote
      // or parenthesis in a pasted question): search its words. The Xapian
      // peer does the same by re-parsing without syntax.
      ++retried_;
      try {
        for (const libsearch::Hit& h : searcher_->Search(PlainWords(query), o).hits)
          out.push_back({h.document.id, h.score});
      } catch (const libsearch::QueryError&) {
        // Scores 0, like any topic without results.
      }
    }
    return out;
  }
  std::size_t retried() const override { return retried_; }
  std::uint64_t documents() const override { return searcher_->document_count(); }

  // The query with its quote and parenthesis characters as spaces.
  static std::string PlainWords(const std::string& q) {
    std::string out;
    for (std::size_t i = 0; i < q.size(); ++i) {
      if (q[i] == '"' || q[i] == '(' || q[i] == ')') { out += ' '; continue; }
      if (q.compare(i, 2, "\xC2\xAB") == 0 || q.compare(i, 2, "\xC2\xBB") == 0) {  // « »
        out += ' ';
        ++i;
        continue;
      }
      if (q.compare(i, 3, "\xE2\x80\x9C") == 0 || q.compare(i, 3, "\xE2\x80\x9D") == 0) {  // “ ”
        out += ' ';
        i += 2;
        continue;
      }
      out += q[i];
    }
    return out;
  }

 private:
  std::string path_;
  std::size_t retried_ = 0;
  libsearch::IndexWriterOptions wopts_;
  libsearch::SearchOptions sopts_;
  std::unique_ptr<libsearch::IndexWriter> writer_;
  std::unique_ptr<libsearch::Searcher> searcher_;
};

// --- plain Xapian database shared by the two peers ---------------------------

constexpr const char* kIdPrefix = "Q";

class XapianSystem : public System {
 public:
  XapianSystem(const std::string& path, const Config& c, bool open)
      : path_(path), k1_(DefaultK1(c)), b_(DefaultB(c)), title_weight_(TitleWeight(c)) {
    if (!open) wdb_ = Xapian::WritableDatabase(path_, Xapian::DB_CREATE_OR_OVERWRITE);
  }
  void Open() override { db_ = Xapian::Database(path_); }
  void Add(const libsearch::NewsDocument& doc) override {
    Xapian::Document xdoc;
    IndexText(doc, &xdoc);
    xdoc.add_boolean_term(kIdPrefix + doc.id);
    xdoc.set_data(doc.id);
    wdb_.replace_document(kIdPrefix + doc.id, xdoc);
  }
  void Finish() override {
    wdb_.commit();
    wdb_.close();
    db_ = Xapian::Database(path_);
  }
  std::vector<Ranked> Query(const std::string& query, std::size_t depth) override {
    std::vector<Ranked> out;
    Xapian::Query q;
    if (!MakeQuery(query, &q) || q.empty()) return out;
    Xapian::Enquire enquire(db_);
    enquire.set_query(q);
    // The parameters libsearch's Searcher passes.
    enquire.set_weighting_scheme(Xapian::BM25Weight(k1_, 0, 1, b_, 0.5));
    Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(depth));
    for (auto it = mset.begin(); it != mset.end(); ++it)
      out.push_back({it.get_document().get_data(), it.get_weight()});
    return out;
  }

 protected:
  virtual void IndexText(const libsearch::NewsDocument& doc, Xapian::Document* xdoc) = 0;
  virtual bool MakeQuery(const std::string& query, Xapian::Query* q) = 0;
  unsigned title_weight() const { return title_weight_; }
  Xapian::Database& db() { return db_; }
  std::size_t retried_ = 0;

 public:
  std::size_t retried() const override { return retried_; }
  std::uint64_t documents() const override { return db_.get_doccount(); }

 private:
  std::string path_;
  double k1_, b_;
  unsigned title_weight_;
  Xapian::WritableDatabase wdb_;
  Xapian::Database db_;
};

class SnowballSystem : public XapianSystem {
 public:
  SnowballSystem(const std::string& path, const Config& c, bool open)
      : XapianSystem(path, c, open), stem_("arabic") {
    tg_.set_stemmer(stem_);
    tg_.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  }

 protected:
  void IndexText(const libsearch::NewsDocument& doc, Xapian::Document* xdoc) override {
    tg_.set_document(*xdoc);
    tg_.set_termpos(0);
    tg_.index_text(doc.title, std::max(1u, title_weight()));
    tg_.increase_termpos(100);
    tg_.index_text(doc.body);
    *xdoc = tg_.get_document();
  }
  bool MakeQuery(const std::string& query, Xapian::Query* q) override {
    Xapian::QueryParser qp;
    qp.set_database(db());
    qp.set_stemmer(stem_);
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    qp.set_default_op(Xapian::Query::OP_OR);
    try {
      *q = qp.parse_query(query);
    } catch (const Xapian::QueryParserError&) {
      ++retried_;
      try {
        *q = qp.parse_query(query, 0);  // as plain words
      } catch (const Xapian::QueryParserError&) {
        return false;
      }
    }
    return true;
  }

 private:
  Xapian::Stem stem_;
  Xapian::TermGenerator tg_;
};

#ifdef LIBSEARCH_BENCH_HAVE_LUCENE
class LuceneSystem : public XapianSystem {
 public:
  LuceneSystem(const std::string& path, const Config& c, bool open)
      : XapianSystem(path, c, open),
        analyzer_(Lucene::newLucene<Lucene::ArabicAnalyzer>(Lucene::LuceneVersion::LUCENE_CURRENT)) {}

 protected:
  void IndexText(const libsearch::NewsDocument& doc, Xapian::Document* xdoc) override {
    for (const std::string& t : Terms(doc.title)) xdoc->add_term(t, std::max(1u, title_weight()));
    for (const std::string& t : Terms(doc.body)) xdoc->add_term(t);
  }
  bool MakeQuery(const std::string& query, Xapian::Query* q) override {
    std::vector<Xapian::Query> sub;
    for (const std::string& t : Terms(query)) sub.emplace_back(t);
    *q = Xapian::Query(Xapian::Query::OP_OR, sub.begin(), sub.end());
    return true;
  }

 private:
  std::vector<std::string> Terms(const std::string& text) {
    std::vector<std::string> out;
    Lucene::String wide = Lucene::StringUtils::toUnicode(
        reinterpret_cast<const std::uint8_t*>(text.data()), static_cast<std::int32_t>(text.size()));
    Lucene::TokenStreamPtr ts =
        analyzer_->reusableTokenStream(L"body", Lucene::newLucene<Lucene::StringReader>(wide));
    Lucene::TermAttributePtr term = ts->addAttribute<Lucene::TermAttribute>();
    ts->reset();
    while (ts->incrementToken()) {
      std::string t = Lucene::StringUtils::toUTF8(term->term());
      // Xapian's term length limit; Lucene's tokenizer has none.
      if (!t.empty() && t.size() <= 240) out.push_back(std::move(t));
    }
    ts->end();
    return out;
  }
  Lucene::AnalyzerPtr analyzer_;
};
#endif

const std::vector<std::string>& AllSystems() {
  static const std::vector<std::string> all = {
      "libsearch", "libsearch-nostem", "xapian-snowball",
#ifdef LIBSEARCH_BENCH_HAVE_LUCENE
      "lucene-light10",
#endif
  };
  return all;
}

std::unique_ptr<System> MakeSystem(const std::string& name, const std::string& path,
                                   const Config& c, bool open) {
  if (name == "libsearch") return std::make_unique<LibsearchSystem>(path, c, false, open);
  if (name == "libsearch-nostem") return std::make_unique<LibsearchSystem>(path, c, true, open);
  if (name == "xapian-snowball") return std::make_unique<SnowballSystem>(path, c, open);
#ifdef LIBSEARCH_BENCH_HAVE_LUCENE
  if (name == "lucene-light10") return std::make_unique<LuceneSystem>(path, c, open);
#endif
  return nullptr;
}

// Everything an index's terms depend on, recorded next to it.
std::string IndexKey(const std::string& name, const Config& c) {
  std::string key = name + "\n" + fs::absolute(c.corpus).string();
  std::error_code ec;
  key += "\nbytes=" + std::to_string(fs::file_size(c.corpus, ec));
  if (name.rfind("libsearch", 0) == 0)
    key += "\n" + LibsearchSystem::Key(c, name == "libsearch-nostem");
  else
    key += "\ntitle_weight=" + std::to_string(TitleWeight(c)) + " xapian=" + Xapian::version_string();
  return key + "\n";
}

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// --- input -------------------------------------------------------------------

std::vector<Topic> ReadTopics(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<Topic> out;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    out.push_back({line.substr(0, tab), line.substr(tab + 1)});
  }
  return out;
}

Qrels ReadQrels(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  Qrels out;
  std::string qid, iter, doc;
  int grade;
  while (in >> qid >> iter >> doc >> grade) out[qid][doc] = grade;
  return out;
}

// --- metrics -----------------------------------------------------------------

struct Metrics {
  double ap = 0, rr10 = 0, ndcg10 = 0, p10 = 0, r100 = 0;
  void Add(const Metrics& m) {
    ap += m.ap; rr10 += m.rr10; ndcg10 += m.ndcg10; p10 += m.p10; r100 += m.r100;
  }
  void Divide(double n) {
    if (n <= 0) return;
    ap /= n; rr10 /= n; ndcg10 /= n; p10 /= n; r100 /= n;
  }
};

// `ranked` is in trec_eval's order already.
Metrics Score(const std::vector<Ranked>& ranked, const std::map<std::string, int>& judged) {
  Metrics m;
  std::vector<int> ideal;
  for (const auto& [doc, grade] : judged)
    if (grade > 0) ideal.push_back(grade);
  const double num_rel = static_cast<double>(ideal.size());
  if (num_rel == 0) return m;
  std::sort(ideal.rbegin(), ideal.rend());
  double idcg = 0;
  for (std::size_t i = 0; i < ideal.size() && i < 10; ++i) idcg += ideal[i] / std::log2(i + 2.0);
  double rel_so_far = 0, dcg = 0;
  for (std::size_t i = 0; i < ranked.size(); ++i) {
    auto it = judged.find(ranked[i].docid);
    const int grade = it == judged.end() ? 0 : it->second;
    if (grade <= 0) continue;
    const double rank = static_cast<double>(i + 1);
    rel_so_far += 1;
    m.ap += rel_so_far / rank;
    if (i < 10) {
      if (m.rr10 == 0) m.rr10 = 1 / rank;
      dcg += grade / std::log2(rank + 1);
      m.p10 += 1;
    }
    if (i < 100) m.r100 += 1;
  }
  m.ap /= num_rel;
  m.ndcg10 = idcg > 0 ? dcg / idcg : 0;
  m.p10 /= 10;
  m.r100 /= num_rel;
  return m;
}

// The score as the run file prints it, and trec_eval's order: score
// descending, then document id descending.
void TrecOrder(std::vector<Ranked>* ranked) {
  for (Ranked& r : *ranked) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6f", r.score);
    r.score = std::strtod(buf, nullptr);
  }
  std::stable_sort(ranked->begin(), ranked->end(), [](const Ranked& a, const Ranked& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.docid > b.docid;
  });
}

std::string PathFor(const std::string& pattern, const std::string& system, bool several) {
  std::string out = pattern;
  std::size_t at = out.find("{system}");
  if (at != std::string::npos) return out.replace(at, 8, system);
  if (!several) return out;
  return out + "." + system;
}

// --- driver ------------------------------------------------------------------

struct Result {
  std::string system;
  Metrics mean;
  std::size_t topics = 0;
  double index_seconds = 0;
  double query_ms = 0;
  std::uint64_t docs = 0;
  std::size_t retried = 0;
};

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

Result QuerySystem(const Config& c, const std::string& system, System& sys,
                   const std::vector<Topic>& topics, const Qrels& qrels, std::ofstream* per_topic,
                   bool several, Result res);

Result RunSystem(const Config& c, const std::string& system, const std::vector<Topic>& topics,
                 const Qrels& qrels, std::ofstream* per_topic, bool several) {
  Result res;
  res.system = system;
  const fs::path index = fs::path(c.work_dir) / (c.name + "." + system + ".db");
  const fs::path key_file = fs::path(c.work_dir) / (c.name + "." + system + ".key");
  const std::string key = IndexKey(system, c);
  std::error_code ec;
  if (c.reuse_indexes && fs::exists(index) && ReadFile(key_file) == key) {
    std::unique_ptr<System> sys = MakeSystem(system, index.string(), c, true);
    sys->Open();
    return QuerySystem(c, system, *sys, topics, qrels, per_topic, several, res);
  }
  fs::remove_all(index, ec);
  fs::remove(key_file, ec);
  std::unique_ptr<System> sys = MakeSystem(system, index.string(), c, false);

  auto t0 = std::chrono::steady_clock::now();
  libsearch::ArchiveReader reader(c.corpus);
  libsearch::ArchiveRecord rec;
  std::size_t problems = 0;
  while (reader.Next(&rec)) {
    if (rec.kind != libsearch::ArchiveRecord::Kind::kDocument) {
      if (++problems <= 3) std::fprintf(stderr, "%s: %s\n", rec.file.c_str(), rec.problem.c_str());
      continue;
    }
    sys->Add(rec.document);
    ++res.docs;
  }
  sys->Finish();
  res.index_seconds = Seconds(t0);
  if (problems > 0) std::fprintf(stderr, "libsearch-eval: %zu corpus records skipped\n", problems);
  if (c.keep_indexes) std::ofstream(key_file) << key;
  res = QuerySystem(c, system, *sys, topics, qrels, per_topic, several, res);
  sys.reset();
  if (!c.keep_indexes) fs::remove_all(index, ec);
  return res;
}

Result QuerySystem(const Config& c, const std::string& system, System& sys_ref,
                   const std::vector<Topic>& topics, const Qrels& qrels, std::ofstream* per_topic,
                   bool several, Result res) {
  System* sys = &sys_ref;

  std::ofstream run;
  if (!c.run_file.empty()) {
    run.open(PathFor(c.run_file, system, several));
    if (!run) throw std::runtime_error("cannot write " + PathFor(c.run_file, system, several));
  }
  static const std::map<std::string, int> kNone;
  auto t1 = std::chrono::steady_clock::now();
  std::set<std::string> seen;
  for (const Topic& t : topics) {
    auto judged_it = qrels.find(t.qid);
    const auto& judged = judged_it == qrels.end() ? kNone : judged_it->second;
    std::vector<Ranked> ranked = sys->Query(t.query, c.depth);
    TrecOrder(&ranked);
    if (run.is_open()) {
      for (std::size_t i = 0; i < ranked.size(); ++i) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.6f", ranked[i].score);
        run << t.qid << " Q0 " << ranked[i].docid << ' ' << (i + 1) << ' ' << buf << ' ' << system
            << '\n';
      }
    }
    bool counts = false;
    for (const auto& [doc, grade] : judged) counts = counts || grade > 0;
    if (!counts || !seen.insert(t.qid).second) continue;  // trec_eval skips these
    Metrics m = Score(ranked, judged);
    res.mean.Add(m);
    ++res.topics;
    if (per_topic != nullptr && per_topic->is_open()) {
      char buf[160];
      std::snprintf(buf, sizeof buf, "\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%zu\n", m.ap, m.rr10,
                    m.ndcg10, m.p10, m.r100, ranked.size());
      *per_topic << c.name << '\t' << system << '\t' << t.qid << buf;
    }
  }
  res.query_ms = topics.empty() ? 0 : Seconds(t1) * 1000 / static_cast<double>(topics.size());
  res.retried = sys->retried();
  res.docs = sys->documents();
  // Topics judged but never asked count as zeros, as with trec_eval -c.
  for (const auto& [qid, judged] : qrels) {
    bool counts = false;
    for (const auto& [doc, grade] : judged) counts = counts || grade > 0;
    if (counts && seen.insert(qid).second) ++res.topics;
  }
  res.mean.Divide(static_cast<double>(res.topics));
  return res;
}

void Usage(FILE* out) {
  std::fprintf(out,
      "usage: libsearch-eval [options] COLLECTION_DIR\n"
      "  --system NAME       libsearch, libsearch-nostem, xapian-snowball%s\n"
      "                      (repeatable; default: all)\n"
      "  --corpus FILE       instead of COLLECTION_DIR/corpus.jsonl (.gz accepted)\n"
      "  --topics FILE       instead of COLLECTION_DIR/topics.tsv\n"
      "  --qrels FILE        instead of COLLECTION_DIR/qrels.txt\n"
      "  --name NAME         collection name in the output (default: the directory's)\n"
      "  --work DIR          where the indexes are built (default: a temporary directory)\n"
      "  --keep-indexes      leave them there\n"
      "  --reuse-indexes     keep them, and reuse one built with the same corpus and\n"
      "                      index-time settings (for sweeps of query-time settings)\n"
      "  --run FILE          write the TREC run ({system} in FILE is replaced; with several\n"
      "                      systems and no {system}, .SYSTEM is appended)\n"
      "  --per-topic FILE    per-topic scores: collection system qid AP RR@10 nDCG@10 P@10\n"
      "                      R@100 retrieved (tab-separated)\n"
      "  --depth N           results per topic (default 1000)\n"
      "A query that does not parse (an unbalanced quote or parenthesis) is run again with\n"
      "its quotes and parentheses as spaces; 'retried' counts them.\n"
      "  --print-defaults    print the library defaults the libsearch system uses\n"
      "  --tsv               one tab-separated line per system instead of the table:\n"
      "                      collection system MAP MRR@10 nDCG@10 P@10 R@100 topics docs\n"
      "                      index-seconds query-ms retried\n"
      "tuning overrides of the library's defaults (all systems: --k1 --b --title-weight;\n"
      "libsearch systems only: the rest):\n"
      "  --k1 X  --b X  --title-weight N  --op and|or|auto  --stem none|light|snowball\n"
      "  --stopwords on|off  --exact-weight X\n",
#ifdef LIBSEARCH_BENCH_HAVE_LUCENE
      ", lucene-light10"
#else
      " (lucene-light10: not built)"
#endif
  );
}

}  // namespace

int main(int argc, char** argv) {
  Config c;
  try {
    for (int i = 1; i < argc; ++i) {
      std::string a = argv[i];
      auto value = [&]() -> std::string {
        if (i + 1 >= argc) throw std::runtime_error(a + " needs a value");
        return argv[++i];
      };
      if (a == "-h" || a == "--help") { Usage(stdout); return 0; }
      if (a == "--print-defaults") {
        // The library defaults the `libsearch` system runs with.
        const libsearch::SearchOptions so;
        const char* op = so.default_operator == libsearch::DefaultOperator::kAnd  ? "and"
                         : so.default_operator == libsearch::DefaultOperator::kOr ? "or"
                                                                                  : "auto";
        std::printf("operator=%s k1=%g b=%g exact_form_weight=%g title_weight=%u analyzer=\"%s\"\n",
                    op, so.bm25_k1, so.bm25_b, so.exact_form_weight,
                    libsearch::IndexWriterOptions().title_weight,
                    libsearch::Analyzer().Fingerprint().c_str());
        return 0;
      }
      else if (a == "--system") c.systems.push_back(value());
      else if (a == "--corpus") c.corpus = value();
      else if (a == "--topics") c.topics = value();
      else if (a == "--qrels") c.qrels = value();
      else if (a == "--name") c.name = value();
      else if (a == "--work") c.work_dir = value();
      else if (a == "--keep-indexes") c.keep_indexes = true;
      else if (a == "--reuse-indexes") c.keep_indexes = c.reuse_indexes = true;
      else if (a == "--run") c.run_file = value();
      else if (a == "--per-topic") c.per_topic_file = value();
      else if (a == "--depth") c.depth = std::stoul(value());
      else if (a == "--tsv") c.tsv = true;
      else if (a == "--k1") c.k1 = std::stod(value());
      else if (a == "--b") c.b = std::stod(value());
      else if (a == "--exact-weight") c.exact = std::stod(value());
      else if (a == "--title-weight") c.title_weight = static_cast<unsigned>(std::stoul(value()));
      else if (a == "--op") {
        std::string v = value();
        if (v == "and") c.op = libsearch::DefaultOperator::kAnd;
        else if (v == "or") c.op = libsearch::DefaultOperator::kOr;
        else if (v == "auto") c.op = libsearch::DefaultOperator::kAuto;
        else throw std::runtime_error("--op: and, or or auto, not " + v);
      } else if (a == "--stem") {
        libsearch::StemStrength s;
        std::string v = value();
        if (!libsearch::ParseStemStrength(v, &s)) throw std::runtime_error("--stem: unknown " + v);
        c.stem = s;
      } else if (a == "--stopwords") {
        c.stopwords = value() == "on";
      } else if (!a.empty() && a[0] == '-') {
        throw std::runtime_error("unknown option " + a);
      } else if (c.collection_dir.empty()) {
        c.collection_dir = a;
      } else {
        throw std::runtime_error("one collection directory only");
      }
    }
    if (c.collection_dir.empty() && (c.corpus.empty() || c.topics.empty() || c.qrels.empty())) {
      Usage(stderr);
      return 2;
    }
    const fs::path dir(c.collection_dir);
    if (c.corpus.empty()) c.corpus = (dir / "corpus.jsonl").string();
    if (c.topics.empty()) c.topics = (dir / "topics.tsv").string();
    if (c.qrels.empty()) c.qrels = (dir / "qrels.txt").string();
    if (c.name.empty()) c.name = fs::absolute(dir).lexically_normal().filename().string();
    if (c.name.empty()) c.name = fs::absolute(dir).lexically_normal().parent_path().filename().string();
    if (c.systems.empty()) c.systems = AllSystems();
    for (const std::string& s : c.systems)
      if (std::find(AllSystems().begin(), AllSystems().end(), s) == AllSystems().end())
        throw std::runtime_error("unknown or unavailable system " + s);

    bool temp = false;
    if (c.work_dir.empty()) {
      std::string tmpl = (fs::temp_directory_path() / "libsearch-eval.XXXXXX").string();
      if (mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("cannot make a temporary directory");
      c.work_dir = tmpl;
      temp = !c.keep_indexes;
    } else {
      fs::create_directories(c.work_dir);
    }

    const std::vector<Topic> topics = ReadTopics(c.topics);
    const Qrels qrels = ReadQrels(c.qrels);
    std::ofstream per_topic;
    if (!c.per_topic_file.empty()) {
      per_topic.open(c.per_topic_file);
      if (!per_topic) throw std::runtime_error("cannot write " + c.per_topic_file);
      per_topic << "collection\tsystem\tqid\tAP\tRR@10\tnDCG@10\tP@10\tR@100\tretrieved\n";
    }
    if (!c.tsv) {
      std::printf("%s: %zu topics, %s\n", c.name.c_str(), topics.size(), c.corpus.c_str());
      std::printf("%-18s %6s %7s %8s %6s %6s %7s %9s %9s %7s\n", "system", "MAP", "MRR@10",
                  "nDCG@10", "P@10", "R@100", "docs", "index s", "query ms", "retried");
      std::fflush(stdout);
    }
    for (const std::string& s : c.systems) {
      Result r = RunSystem(c, s, topics, qrels, &per_topic, c.systems.size() > 1);
      if (c.tsv)
        std::printf("%s\t%s\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%zu\t%llu\t%.1f\t%.2f\t%zu\n",
                    c.name.c_str(), s.c_str(), r.mean.ap, r.mean.rr10, r.mean.ndcg10, r.mean.p10,
                    r.mean.r100, r.topics, static_cast<unsigned long long>(r.docs),
                    r.index_seconds, r.query_ms, r.retried);
      else
        std::printf("%-18s %6.4f %7.4f %8.4f %6.4f %6.4f %7llu %9.1f %9.2f %7zu\n", s.c_str(),
                    r.mean.ap, r.mean.rr10, r.mean.ndcg10, r.mean.p10, r.mean.r100,
                    static_cast<unsigned long long>(r.docs), r.index_seconds, r.query_ms,
                    r.retried);
      std::fflush(stdout);
    }
    if (temp) {
      std::error_code ec;
      fs::remove_all(c.work_dir, ec);
    }
#ifdef LIBSEARCH_BENCH_HAVE_LUCENE
  } catch (Lucene::LuceneException& e) {
    std::fprintf(stderr, "libsearch-eval: Lucene++: %s\n",
                 Lucene::StringUtils::toUTF8(e.getError()).c_str());
    return 2;
#endif
  } catch (const std::exception& e) {
    std::fprintf(stderr, "libsearch-eval: %s\n", e.what());
    return 2;
  } catch (const Xapian::Error& e) {
    std::fprintf(stderr, "libsearch-eval: Xapian: %s\n", e.get_description().c_str());
    return 2;
  }
  return 0;
}
