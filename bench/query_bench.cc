// query_bench: query latency and throughput of Searcher::Search on an index.
//
//   query_bench DB TOPICS.tsv [THREADS...]     (default threads: 1 2)
//
// TOPICS.tsv holds "id<TAB>query" lines (shared/data/eval/*/topics.tsv).
// Every query goes through Searcher::Search with default SearchOptions (10
// hits, snippets and title highlights made). One pass over all queries
// first warms the page cache and is not counted; then, for each thread
// count T, T threads with a Searcher each take the queries from a shared
// counter, PASSES times over (env, default 3). Prints per-query latency
// percentiles and queries/s as JSON lines, one per thread count.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "libsearch/libsearch.h"

namespace {

using Clock = std::chrono::steady_clock;

std::vector<std::string> ReadQueries(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> out;
  std::string line;
  while (std::getline(in, line)) {
    const std::size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    std::string q = line.substr(tab + 1);
    while (!q.empty() && (q.back() == '\r' || q.back() == '\n')) q.pop_back();
    if (!q.empty()) out.push_back(q);
  }
  return out;
}

struct Outcome {
  double ms = 0;
  bool error = false;
  std::size_t hits = 0;
};

Outcome RunOne(libsearch::Searcher& s, const std::string& q) {
  Outcome o;
  const auto t0 = Clock::now();
  try {
    o.hits = s.Search(q).hits.size();
  } catch (const libsearch::QueryError&) {
    o.error = true;  // timed all the same: a malformed headline is a query too
  }
  o.ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  return o;
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const std::size_t i = std::min(v.size() - 1, static_cast<std::size_t>(p * (v.size() - 1) + 0.5));
  return v[i];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s DB TOPICS.tsv [THREADS...]\n", argv[0]);
    return 2;
  }
  const std::string db = argv[1];
  const std::vector<std::string> queries = ReadQueries(argv[2]);
  if (queries.empty()) {
    std::fprintf(stderr, "no queries in %s\n", argv[2]);
    return 2;
  }
  std::vector<unsigned> thread_counts;
  for (int i = 3; i < argc; ++i) thread_counts.push_back(std::max(1, std::atoi(argv[i])));
  if (thread_counts.empty()) thread_counts = {1, 2};
  const int passes = std::getenv("PASSES") ? std::max(1, std::atoi(std::getenv("PASSES"))) : 3;

  try {
    {
      libsearch::Searcher warm(db);
      for (const std::string& q : queries) RunOne(warm, q);
    }
    for (unsigned threads : thread_counts) {
      const std::size_t total = queries.size() * passes;
      std::vector<Outcome> outcomes(total);
      std::atomic<std::size_t> next{0};
      std::vector<std::thread> pool;
      const auto t0 = Clock::now();
      for (unsigned t = 0; t < threads; ++t) {
        pool.emplace_back([&] {
          libsearch::Searcher s(db);
          for (std::size_t i; (i = next.fetch_add(1)) < total;)
            outcomes[i] = RunOne(s, queries[i % queries.size()]);
        });
      }
      for (std::thread& t : pool) t.join();
      const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
      std::vector<double> ms;
      std::size_t errors = 0, empty = 0;
      double sum = 0;
      for (const Outcome& o : outcomes) {
        ms.push_back(o.ms);
        sum += o.ms;
        errors += o.error;
        empty += !o.error && o.hits == 0;
      }
      std::printf(
          "{\"threads\":%u,\"queries\":%zu,\"passes\":%d,\"p50_ms\":%.2f,\"p90_ms\":%.2f,"
          "\"p99_ms\":%.2f,\"max_ms\":%.2f,\"mean_ms\":%.2f,\"queries_per_s\":%.1f,"
          "\"query_errors\":%zu,\"no_hits\":%zu}\n",
          threads, total, passes, Percentile(ms, 0.50), Percentile(ms, 0.90), Percentile(ms, 0.99),
          Percentile(ms, 1.0), sum / total, total / seconds, errors / passes, empty / passes);
      std::fflush(stdout);
    }
  } catch (const libsearch::Error& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
  return 0;
}
