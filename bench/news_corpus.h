// news_corpus.h: the index benchmarks' shared reader of a news JSON Lines
// archive (plain or gzip), so the stock-Xapian and Lucene++ baselines read
// and count the corpus the same way as each other. Header-only, for the
// baseline programs in bench/ only.
//
// "Text bytes" (the MB/s every indexing figure is quoted in) are the UTF-8
// bytes of title + body of each article, the same for every system.
#ifndef LIBSEARCH_BENCH_NEWS_CORPUS_H_
#define LIBSEARCH_BENCH_NEWS_CORPUS_H_

#include <nlohmann/json.hpp>
#include <zlib.h>

#include <cstdint>
#include <cstdio>
#include <string>

namespace bench {

struct Article {
  std::string id, title, body, date, source;
};

class NewsCorpus {
 public:
  explicit NewsCorpus(const std::string& path) : gz_(gzopen(path.c_str(), "rb")) {
    if (gz_ != nullptr) gzbuffer(gz_, 1 << 20);
  }
  ~NewsCorpus() {
    if (gz_ != nullptr) gzclose(gz_);
  }
  NewsCorpus(const NewsCorpus&) = delete;
  NewsCorpus& operator=(const NewsCorpus&) = delete;

  bool ok() const { return gz_ != nullptr; }

  // Next article with a non-empty id; false at the end.
  bool Next(Article* a) {
    while (ReadLine()) {
      if (line_.find_first_not_of(" \t\r") == std::string::npos) continue;
      nlohmann::json j = nlohmann::json::parse(line_, nullptr, false);
      if (!j.is_object()) continue;
      a->id = Member(j, "id");
      if (a->id.empty()) continue;
      a->title = Member(j, "title");
      a->body = Member(j, "text");
      if (a->body.empty()) a->body = Member(j, "body");
      a->date = Member(j, "date");
      a->source = Member(j, "source");
      text_bytes_ += a->title.size() + a->body.size();
      ++articles_;
      return true;
    }
    return false;
  }

  std::uint64_t text_bytes() const { return text_bytes_; }
  std::uint64_t articles() const { return articles_; }

 private:
  static std::string Member(const nlohmann::json& j, const char* name) {
    auto it = j.find(name);
    if (it == j.end()) return std::string();
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number_integer()) return std::to_string(it->get<long long>());
    return std::string();
  }

  bool ReadLine() {
    line_.clear();
    char buf[1 << 16];
    while (gzgets(gz_, buf, sizeof buf) != nullptr) {
      line_ += buf;
      if (!line_.empty() && line_.back() == '\n') return true;
    }
    return !line_.empty();
  }

  gzFile gz_;
  std::string line_;
  std::uint64_t text_bytes_ = 0;
  std::uint64_t articles_ = 0;
};

// The one JSON line every baseline prints, which index_bench.sh reads.
inline void PrintSummary(const char* system, const NewsCorpus& corpus, double seconds) {
  std::printf("{\"system\":\"%s\",\"articles\":%llu,\"text_bytes\":%llu,\"seconds\":%.3f}\n",
              system, static_cast<unsigned long long>(corpus.articles()),
              static_cast<unsigned long long>(corpus.text_bytes()), seconds);
}

}  // namespace bench

#endif  // LIBSEARCH_BENCH_NEWS_CORPUS_H_
