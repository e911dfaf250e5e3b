// libsearch-index: index a news archive (JSON Lines, plain or .gz, or a
// directory tree of text files) into a libsearch index.
//
// Exit status: 0 done (bad articles are skipped and counted), 1 stopped at
// a bad article because of --strict, 2 error (usage, index, unreadable
// input), 130 interrupted by Ctrl-C (what was indexed is committed).
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <exception>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "cli_common.h"
#include "libsearch/libsearch.h"

namespace {

constexpr const char* kProgram = "libsearch-index";
volatile std::sig_atomic_t g_interrupted = 0;

// The first Ctrl-C stops after the current article and commits. A second
// one ends the process at once (say the input is a terminal or a stalled
// pipe, where the reader waits for more): the last commit is kept anyway.
void OnSignal(int sig) {
  if (g_interrupted) {
    std::signal(sig, SIG_DFL);
    std::raise(sig);
  }
  g_interrupted = 1;
}

// "title=headline,name" → fields.title = {"headline", "name"}.
bool ApplyFieldMapping(const std::string& spec, libsearch::JsonFieldMap* map, std::string* error) {
  const std::size_t eq = spec.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size()) {
    *error = "--field wants FIELD=NAME[,NAME...], got \"" + spec + "\"";
    return false;
  }
  const std::string field = spec.substr(0, eq);
  std::vector<std::string> names;
  std::size_t start = eq + 1;
  while (start <= spec.size()) {
    std::size_t comma = spec.find(',', start);
    if (comma == std::string::npos) comma = spec.size();
    if (comma > start) names.push_back(spec.substr(start, comma - start));
    start = comma + 1;
  }
  std::vector<std::string>* target = field == "id"       ? &map->id
                                     : field == "title"  ? &map->title
                                     : field == "body"   ? &map->body
                                     : field == "date"   ? &map->date
                                     : field == "source" ? &map->source
                                     : field == "url"    ? &map->url
                                                         : nullptr;
  if (target == nullptr) {
    *error = "--field: unknown field \"" + field + "\" (id, title, body, date, source, url)";
    return false;
  }
  *target = names;
  return true;
}

struct Stats {
  std::uint64_t added = 0, updated = 0, unchanged = 0, skipped = 0, deleted = 0;
  std::uint64_t bytes = 0;
  std::map<std::string, std::uint64_t> reasons;  // skip reason → count
};

// The reason without its specifics, for the summary's tally: no "line N: "
// prefix (the reader's problems carry one), cut at the first ':', ';' or
// '(', numbers after a space as N ("invalid UTF-8 at byte N"), so one
// kind of fault counts once however many lines have it.
std::string ReasonKind(const std::string& problem) {
  std::size_t from = 0;
  if (problem.compare(0, 5, "line ") == 0) {
    const std::size_t end = problem.find_first_not_of("0123456789", 5);
    if (end != std::string::npos && end > 5 && problem.compare(end, 2, ": ") == 0) from = end + 2;
  }
  std::string kind;
  for (std::size_t i = from; i < problem.size(); ++i) {
    const char c = problem[i];
    if (c == ':' || c == ';' || c == '(') break;
    const bool digit = c >= '0' && c <= '9';
    if (digit && !kind.empty() && kind.back() == ' ') {
      kind += 'N';
      while (i + 1 < problem.size() && problem[i + 1] >= '0' && problem[i + 1] <= '9') ++i;
      continue;
    }
    kind += c;
  }
  while (!kind.empty() && kind.back() == ' ') kind.pop_back();
  if (kind.size() > 60) kind.resize(60);
  return kind;
}

class Progress {
 public:
  Progress(bool enabled, std::uint64_t total) : enabled_(enabled), total_(total) {}
  void Update(const Stats& s, std::uint64_t docs, double seconds) {
    if (!enabled_) return;
    auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    const double mb = s.bytes / 1e6;
    if (total_ > 0)
      std::fprintf(stderr, "\r%llu articles  %.1f MB (%.0f%%)  %.1f MB/s   ",
                   static_cast<unsigned long long>(docs), mb, 100.0 * s.bytes / total_,
                   seconds > 0 ? mb / seconds : 0.0);
    else
      std::fprintf(stderr, "\r%llu articles  %.1f MB  %.1f MB/s   ",
                   static_cast<unsigned long long>(docs), mb, seconds > 0 ? mb / seconds : 0.0);
    std::fflush(stderr);
    shown_ = true;
  }
  void Clear() {
    if (shown_) std::fprintf(stderr, "\r\x1b[K");
  }

 private:
  bool enabled_;
  std::uint64_t total_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point last_{};
};

// One article on its way from the reader to the writer, in input order.
struct Slot {
  libsearch::ArchiveRecord record;
  libsearch::PreparedDocument prepared;
  std::string problem;       // Prepare()'s InvalidDocumentError
  std::exception_ptr error;  // anything else Prepare() threw
  bool ready = false;
};

// Analysis threads: they Prepare() slots while the main thread reads the
// input and applies prepared slots in order, so results, commits and
// --strict stops are those of one Upsert() after another.
class Preparers {
 public:
  Preparers(const libsearch::IndexWriter& writer, unsigned threads) : writer_(writer) {
    for (unsigned i = 0; i < threads; ++i) threads_.emplace_back([this] { Run(); });
  }
  ~Preparers() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    work_.notify_all();
    for (std::thread& t : threads_) t.join();
  }
  void Submit(Slot* slot) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      queue_.push_back(slot);
    }
    work_.notify_one();
  }
  void Wait(const Slot& slot) {
    std::unique_lock<std::mutex> lock(mu_);
    done_.wait(lock, [&slot] { return slot.ready; });
  }

 private:
  void Run() {
    // Each thread its own analyzer: a Snowball stemmer cannot be shared.
    libsearch::Analyzer analyzer(writer_.analyzer().options());
    for (;;) {
      Slot* slot = nullptr;
      {
        std::unique_lock<std::mutex> lock(mu_);
        work_.wait(lock, [this] { return stop_ || !queue_.empty(); });
        if (stop_) return;
        slot = queue_.front();
        queue_.pop_front();
      }
      try {
        slot->prepared = writer_.Prepare(slot->record.document, &analyzer);
      } catch (const libsearch::InvalidDocumentError& e) {
        slot->problem = e.what();
      } catch (...) {
        slot->error = std::current_exception();
      }
      {
        std::lock_guard<std::mutex> lock(mu_);
        slot->ready = true;
      }
      done_.notify_all();
    }
  }

  const libsearch::IndexWriter& writer_;
  std::mutex mu_;
  std::condition_variable work_, done_;
  std::deque<Slot*> queue_;
  bool stop_ = false;
  std::vector<std::thread> threads_;
};

// A sharded index (libsearch::CreateShardedIndex) written by one thread per
// shard, analysis included: each article goes to the shard its id names,
// so every shard's upserts are exact and no id is in two shards. Each
// shard commits on its own, as an ordinary index would.
class ShardWriters {
 public:
  ShardWriters(const std::vector<std::string>& paths, libsearch::IndexWriterOptions options) {
    // The budgets are the whole run's: split them between the shards. A
    // missing shard is an error, not a new empty one.
    const std::size_t n = paths.size();
    options.create_if_missing = false;
    if (options.memory_mb > 0) options.memory_mb = std::max<std::size_t>(options.memory_mb / n, 1);
    if (options.commit_every > 0)
      options.commit_every = std::max<std::size_t>(options.commit_every / n, 1);
    for (const std::string& path : paths) {
      auto shard = std::make_unique<Shard>();
      shard->writer = std::make_unique<libsearch::IndexWriter>(path, options);
      if (!shards_.empty() && shard->writer->analyzer().Fingerprint() != first().analyzer().Fingerprint())
        throw libsearch::AnalyzerMismatchError("shards " + paths.front() + " and " + path +
                                               " were built by different analyzers");
      shards_.push_back(std::move(shard));
    }
  }
  ~ShardWriters() { Stop(); }

  const libsearch::IndexWriter& first() const { return *shards_.front()->writer; }

  // Before Start(), on the calling thread.
  bool Delete(const std::string& id) { return For(id).writer->Delete(id); }

  void Start() {
    for (auto& shard : shards_) shard->thread = std::thread([s = shard.get()] { Run(s); });
  }

  // Queues `doc` (already Check()ed) for its shard; waits while that
  // shard's queue is full, which bounds memory.
  void Add(libsearch::NewsDocument&& doc) {
    Shard& s = For(doc.id);
    std::unique_lock<std::mutex> lock(s.mu);
    s.cv.wait(lock, [&s] { return s.queue.size() < kQueue || s.error; });
    if (s.error) std::rethrow_exception(s.error);
    s.queue.push_back(std::move(doc));
    s.cv.notify_all();
  }

  // Writes what is queued and commits every shard. Adds the upsert results
  // to *stats.
  void Finish(Stats* stats) {
    Stop();
    for (auto& shard : shards_)
      if (shard->error) std::rethrow_exception(shard->error);
    for (auto& shard : shards_) {
      shard->writer->Commit();
      stats->added += shard->added;
      stats->updated += shard->updated;
      stats->unchanged += shard->unchanged;
    }
  }

 private:
  static constexpr std::size_t kQueue = 256;
  struct Shard {
    std::unique_ptr<libsearch::IndexWriter> writer;
    std::mutex mu;
    std::condition_variable cv;
    std::deque<libsearch::NewsDocument> queue;
    bool done = false;
    std::exception_ptr error;
    std::uint64_t added = 0, updated = 0, unchanged = 0;
    std::thread thread;
  };

  Shard& For(const std::string& id) {
    return *shards_[libsearch::ShardOfId(id, static_cast<unsigned>(shards_.size()))];
  }

  static void Run(Shard* s) {
    for (;;) {
      libsearch::NewsDocument doc;
      {
        std::unique_lock<std::mutex> lock(s->mu);
        s->cv.wait(lock, [s] { return s->done || !s->queue.empty(); });
        if (s->queue.empty()) return;
        doc = std::move(s->queue.front());
        s->queue.pop_front();
      }
      s->cv.notify_all();
      try {
        switch (s->writer->Upsert(doc)) {
          case libsearch::UpsertResult::kAdded: ++s->added; break;
          case libsearch::UpsertResult::kUpdated: ++s->updated; break;
          case libsearch::UpsertResult::kUnchanged: ++s->unchanged; break;
        }
      } catch (...) {
        std::lock_guard<std::mutex> lock(s->mu);
        s->error = std::current_exception();
        s->cv.notify_all();
        return;
      }
    }
  }

  void Stop() {
    for (auto& shard : shards_) {
      {
        std::lock_guard<std::mutex> lock(shard->mu);
        shard->done = true;
      }
      shard->cv.notify_all();
      if (shard->thread.joinable()) shard->thread.join();
    }
  }

  std::vector<std::unique_ptr<Shard>> shards_;
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "Index a news archive for Arabic full-text search.\n\n"
      "INPUT is a JSON Lines file (one article per line; .gz read directly), a directory\n"
      "of text files (first line the title, the rest the body; id = relative path) or -\n"
      "for JSON Lines on standard input. Articles are added or replaced by id, so running\n"
      "it again over the same archive changes nothing.\n\n"
      "Exit status: 0 done, 1 stopped by --strict, 2 error, 130 interrupted.",
      kProgram};
  std::string db_path;
  std::vector<std::string> inputs;
  std::vector<std::string> field_specs;
  std::vector<std::string> deletes;
  std::string encoding_name = "auto";
  std::string stem_name;
  bool no_stopwords = false, keep_teh = false, keep_hamza = false;
  bool strict = false, quiet = false, json = false;
  std::size_t commit_every = 10000;
  std::size_t memory_mb = 32;
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  unsigned shards = 1;
  std::size_t max_record_mb = 8;
  unsigned title_weight = 3;

  app.add_option("-d,--db", db_path, "Index directory (created if missing)")->required();
  app.add_option("inputs", inputs, "Archive files or directories, or - for stdin");
  app.add_option("--encoding", encoding_name,
                 "Input encoding: auto, utf-8, windows-1256, iso-8859-6")
      ->capture_default_str();
  app.add_option("--field", field_specs,
                 "JSON member names for a field, e.g. --field body=text,content "
                 "(fields: id title body date source url)");
  app.add_flag("--strict", strict, "Stop at the first bad article (what came before is kept)");
  app.add_option("--commit-every", commit_every,
                 "Commit after this many changed articles (bounds memory and what a crash loses)")
      ->capture_default_str();
  app.add_option("--memory-mb", memory_mb,
                 "Also commit before the uncommitted changes take about this much memory "
                 "(MiB, 0 = no limit); with --shards, split between the shards")
      ->capture_default_str();
  app.add_option("--threads", threads,
                 "Analysis threads beside the reading/writing one (default: the number of "
                 "CPUs); 1 analyses on the writing thread")
      ->check(CLI::Range(1u, 256u));
  app.add_option("--shards", shards,
                 "New index only: make it a sharded index of N shards, written by N threads "
                 "at once (then and in every later run) and searched as one. An existing "
                 "sharded index is always written this way")
      ->capture_default_str()
      ->check(CLI::Range(1u, 64u));
  app.add_option("--max-record-mb", max_record_mb, "Skip articles larger than this (MiB)")
      ->capture_default_str();
  app.add_option("--delete", deletes, "Delete the article with this id (repeatable)");
  auto* stem_opt = app.add_option("--stem", stem_name,
                                  "Stemming for a new index: none, light (default), snowball");
  auto* stop_opt = app.add_flag("--no-stopwords", no_stopwords, "New index: keep stopwords as words");
  auto* teh_opt = app.add_flag("--keep-teh-marbuta", keep_teh, "New index: do not fold ة into ه");
  auto* hamza_opt = app.add_flag("--keep-hamza-seats", keep_hamza, "New index: do not fold ؤ/ئ");
  app.add_option("--title-weight", title_weight, "How much a title word counts against a body word")
      ->capture_default_str();
  app.add_flag("-q,--quiet", quiet, "No progress and no per-article messages");
  app.add_flag("--json", json, "Print the summary as one JSON object on stdout");
  CLI11_PARSE(app, argc, argv);

  if (inputs.empty() && deletes.empty()) {
    cli::PrintError(kProgram, "nothing to do: give INPUT files or directories, or --delete ID");
    return cli::kExitError;
  }
  libsearch::ArchiveOptions archive_options;
  if (!libsearch::ParseEncoding(encoding_name, &archive_options.encoding)) {
    cli::PrintError(kProgram, "unknown encoding \"" + encoding_name +
                                  "\" (use auto, utf-8, windows-1256 or iso-8859-6)");
    return cli::kExitError;
  }
  archive_options.max_record_bytes = max_record_mb << 20;
  for (const std::string& spec : field_specs) {
    std::string error;
    if (!ApplyFieldMapping(spec, &archive_options.fields, &error)) {
      cli::PrintError(kProgram, error);
      return cli::kExitError;
    }
  }
  libsearch::IndexWriterOptions options;
  options.commit_every = commit_every;
  options.memory_mb = memory_mb;
  options.title_weight = title_weight;
  // Analyzer flags only matter for a new index; without them an existing
  // index is updated with the analyzer it was built with.
  const bool analyzer_given = stem_opt->count() + stop_opt->count() + teh_opt->count() + hamza_opt->count() > 0;
  options.keep_existing_analyzer = !analyzer_given;
  if (!stem_name.empty() && !libsearch::ParseStemStrength(stem_name, &options.analyzer.stemming)) {
    cli::PrintError(kProgram, "unknown --stem \"" + stem_name + "\" (use none, light or snowball)");
    return cli::kExitError;
  }
  options.analyzer.stopwords = !no_stopwords;
  options.analyzer.normalizer.fold_teh_marbuta = !keep_teh;
  options.analyzer.normalizer.fold_hamza_seats = !keep_hamza;

  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);

  const auto start = std::chrono::steady_clock::now();
  auto elapsed = [&start] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  Stats stats;
  int status = cli::kExitOk;
  std::string stop_reason;
  std::uint64_t queued = 0;  // --shards: handed to a shard, counted at the end
  // One record read, in input order: reports its problem (stopping under
  // --strict) or applies it with `apply`, which returns the upsert result
  // (nullopt: queued for a shard) or throws InvalidDocumentError. `problem`
  // is one found ahead (by Prepare()). Returns false to stop.
  auto handle = [&](const libsearch::ArchiveRecord& record, std::string problem,
                    Progress& progress, auto&& apply) -> bool {
    stats.bytes += record.bytes;
    if (record.kind == libsearch::ArchiveRecord::Kind::kProblem) {
      problem = record.problem;
    } else {
      if (!record.warning.empty() && !quiet) {
        progress.Clear();
        std::fprintf(stderr, "%s: %s:%llu: %s\n", kProgram, record.file.c_str(),
                     static_cast<unsigned long long>(record.line), record.warning.c_str());
      }
      if (problem.empty()) {
        try {
          const std::optional<libsearch::UpsertResult> result = apply();
          if (!result) ++queued;
          else if (*result == libsearch::UpsertResult::kAdded) ++stats.added;
          else if (*result == libsearch::UpsertResult::kUpdated) ++stats.updated;
          else ++stats.unchanged;
        } catch (const libsearch::InvalidDocumentError& e) {
          problem = e.what();
        }
      }
    }
    if (!problem.empty()) {
      ++stats.skipped;
      ++stats.reasons[ReasonKind(problem)];
      std::string where = record.file;
      if (record.line > 0) {
        where += ":" + std::to_string(record.line);
        // The reader's message starts "line N: " for callers that print no
        // location; ours already names it.
        const std::string prefix = "line " + std::to_string(record.line) + ": ";
        if (problem.compare(0, prefix.size(), prefix) == 0) problem.erase(0, prefix.size());
      }
      if (!quiet || strict) {
        progress.Clear();
        std::fprintf(stderr, "%s: %s: %s%s\n", kProgram, where.c_str(), problem.c_str(),
                     strict ? "" : " (skipped)");
      }
      if (strict) {
        stop_reason = where + ": " + problem;
        status = 1;
        return false;
      }
    }
    progress.Update(stats, stats.added + stats.updated + stats.unchanged + queued, elapsed());
    return true;
  };
  try {
    namespace fs = std::filesystem;
    std::vector<std::string> shard_paths = libsearch::ShardPaths(db_path);
    if (shard_paths.empty() && shards > 1) {
      std::error_code ec;
      if (!fs::exists(db_path, ec) || (fs::is_directory(db_path, ec) && fs::is_empty(db_path, ec))) {
        libsearch::CreateShardedIndex(db_path, shards, options);
        shard_paths = libsearch::ShardPaths(db_path);
      } else if (!quiet) {
        std::fprintf(stderr, "%s: %s is an ordinary index; --shards only makes a new one: writing it as it is\n",
                     kProgram, db_path.c_str());
      }
    } else if (!shard_paths.empty() && shards > 1 && shards != shard_paths.size() && !quiet) {
      std::fprintf(stderr, "%s: %s has %zu shards; writing those (--shards only makes a new index)\n",
                   kProgram, db_path.c_str(), shard_paths.size());
    }
    std::unique_ptr<libsearch::IndexWriter> writer;
    std::unique_ptr<ShardWriters> builder;
    if (shard_paths.empty()) writer = std::make_unique<libsearch::IndexWriter>(db_path, options);
    else builder = std::make_unique<ShardWriters>(shard_paths, options);
    for (const std::string& id : deletes) {
      if (writer ? writer->Delete(id) : builder->Delete(id)) {
        ++stats.deleted;
      } else if (!quiet) {
        std::fprintf(stderr, "%s: no article with id %s to delete\n", kProgram, id.c_str());
      }
    }
    if (builder) builder->Start();
    std::unique_ptr<Preparers> preparers;
    if (!builder && threads > 1) preparers = std::make_unique<Preparers>(*writer, threads);
    bool stop = false;
    for (const std::string& input : inputs) {
      if (g_interrupted || stop) break;
      libsearch::ArchiveReader reader(input, archive_options);
      Progress progress(!quiet && cli::IsTerminal(stderr), reader.total_bytes());
      if (!preparers) {
        libsearch::ArchiveRecord record;
        while (!stop && !g_interrupted && reader.Next(&record)) {
          stop = !handle(record, std::string(), progress,
                         [&]() -> std::optional<libsearch::UpsertResult> {
                           if (!builder) return writer->Upsert(record.document);
                           libsearch::IndexWriter::Check(record.document);
                           builder->Add(std::move(record.document));
                           return std::nullopt;
                         });
        }
      } else {
        // A window of articles read ahead, analysed by the preparers and
        // applied from its front; bounded in articles and in text bytes.
        std::deque<Slot> window;
        std::size_t window_bytes = 0;
        const std::size_t max_slots = 32 * static_cast<std::size_t>(threads);
        constexpr std::size_t kMaxWindowBytes = 32u << 20;
        auto text_bytes = [](const Slot& s) {
          return s.record.document.title.size() + s.record.document.body.size();
        };
        // Whatever ends the loop, no preparer may still hold a slot.
        struct Drain {
          Preparers* p;
          std::deque<Slot>* w;
          ~Drain() {
            for (const Slot& s : *w) p->Wait(s);
          }
        } drain{preparers.get(), &window};
        bool eof = false;
        for (;;) {
          while (!eof && !g_interrupted && window.size() < max_slots &&
                 window_bytes < kMaxWindowBytes) {
            Slot& s = window.emplace_back();
            if (!reader.Next(&s.record)) {
              window.pop_back();
              eof = true;
              break;
            }
            if (s.record.kind == libsearch::ArchiveRecord::Kind::kDocument) {
              window_bytes += text_bytes(s);
              preparers->Submit(&s);
            } else {
              s.ready = true;
            }
          }
          if (window.empty()) break;  // the end, or Ctrl-C with all read applied
          Slot& s = window.front();
          preparers->Wait(s);
          if (s.error) std::rethrow_exception(s.error);
          const bool go = handle(s.record, s.problem, progress,
                                 [&]() -> std::optional<libsearch::UpsertResult> {
                                   return writer->Upsert(std::move(s.prepared));
                                 });
          if (s.record.kind == libsearch::ArchiveRecord::Kind::kDocument) window_bytes -= text_bytes(s);
          window.pop_front();
          if (!go) {
            stop = true;
            break;
          }
        }
      }
      progress.Clear();
    }
    // Everything before a --strict stop or Ctrl-C is kept.
    if (builder) builder->Finish(&stats);
    else writer->Commit();
  } catch (const libsearch::Error& e) {
    cli::PrintError(kProgram, e.what());
    status = cli::kExitError;
  } catch (const std::filesystem::filesystem_error& e) {
    cli::PrintError(kProgram, e.what());
    status = cli::kExitError;
  }
  if (g_interrupted && status == cli::kExitOk) status = 130;

  const double seconds = elapsed();
  const std::uint64_t docs = stats.added + stats.updated + stats.unchanged;
  if (json) {
    nlohmann::json j = {{"type", "summary"},
                        {"db", db_path},
                        {"added", stats.added},
                        {"updated", stats.updated},
                        {"unchanged", stats.unchanged},
                        {"skipped", stats.skipped},
                        {"deleted", stats.deleted},
                        {"bytes", stats.bytes},
                        {"seconds", seconds},
                        {"documents_per_second", seconds > 0 ? docs / seconds : 0.0},
                        {"interrupted", g_interrupted != 0},
                        {"exit_status", status}};
    j["skip_reasons"] = stats.reasons;
    if (!stop_reason.empty()) j["stopped_at"] = stop_reason;
    std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else if (status != cli::kExitError || docs > 0) {
    std::fprintf(stderr,
                 "%s: %llu added, %llu updated, %llu unchanged, %llu skipped, %llu deleted; "
                 "%.1f MB in %.1f s (%.0f articles/s, %.1f MB/s)\n",
                 kProgram, static_cast<unsigned long long>(stats.added),
                 static_cast<unsigned long long>(stats.updated),
                 static_cast<unsigned long long>(stats.unchanged),
                 static_cast<unsigned long long>(stats.skipped),
                 static_cast<unsigned long long>(stats.deleted), stats.bytes / 1e6, seconds,
                 seconds > 0 ? docs / seconds : 0.0, seconds > 0 ? stats.bytes / 1e6 / seconds : 0.0);
    for (const auto& [reason, count] : stats.reasons)
      std::fprintf(stderr, "  skipped %llu × %s\n", static_cast<unsigned long long>(count), reason.c_str());
    if (status == 1) std::fprintf(stderr, "%s: stopped (--strict) at %s\n", kProgram, stop_reason.c_str());
    if (status == 130) std::fprintf(stderr, "%s: interrupted; everything indexed so far is committed\n", kProgram);
  }
  return status;
}
