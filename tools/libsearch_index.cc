// libsearch-index: index a news archive (JSON Lines, plain or .gz, or a
// directory tree of text files) into a libsearch index.
//
// Exit status: 0 done (bad articles are skipped and counted), 1 stopped at
// a bad article because of --strict, 2 error (usage, index, unreadable
// input), 130 interrupted by Ctrl-C (what was indexed is committed).
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <map>
#include <string>
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
  try {
    libsearch::IndexWriter writer(db_path, options);
    for (const std::string& id : deletes) {
      if (writer.Delete(id)) {
        ++stats.deleted;
      } else if (!quiet) {
        std::fprintf(stderr, "%s: no article with id %s to delete\n", kProgram, id.c_str());
      }
    }
    for (const std::string& input : inputs) {
      if (g_interrupted) break;
      libsearch::ArchiveReader reader(input, archive_options);
      Progress progress(!quiet && cli::IsTerminal(stderr), reader.total_bytes());
      libsearch::ArchiveRecord record;
      while (!g_interrupted && reader.Next(&record)) {
        stats.bytes += record.bytes;
        std::string problem;
        if (record.kind == libsearch::ArchiveRecord::Kind::kProblem) {
          problem = record.problem;
        } else {
          if (!record.warning.empty() && !quiet) {
            progress.Clear();
            std::fprintf(stderr, "%s: %s:%llu: %s\n", kProgram, record.file.c_str(),
                         static_cast<unsigned long long>(record.line), record.warning.c_str());
          }
          try {
            switch (writer.Upsert(record.document)) {
              case libsearch::UpsertResult::kAdded: ++stats.added; break;
              case libsearch::UpsertResult::kUpdated: ++stats.updated; break;
              case libsearch::UpsertResult::kUnchanged: ++stats.unchanged; break;
            }
          } catch (const libsearch::InvalidDocumentError& e) {
            problem = e.what();
          }
        }
        if (!problem.empty()) {
          ++stats.skipped;
          ++stats.reasons[ReasonKind(problem)];
          std::string where = record.file;
          if (record.line > 0) where += ":" + std::to_string(record.line);
          if (!quiet || strict) {
            progress.Clear();
            std::fprintf(stderr, "%s: %s: %s%s\n", kProgram, where.c_str(), problem.c_str(),
                         strict ? "" : " (skipped)");
          }
          if (strict) {
            stop_reason = where + ": " + problem;
            status = 1;
            break;
          }
        }
        progress.Update(stats, stats.added + stats.updated + stats.unchanged, elapsed());
      }
      progress.Clear();
      if (status != cli::kExitOk) break;
    }
    writer.Commit();  // everything before a --strict stop or Ctrl-C is kept
  } catch (const libsearch::Error& e) {
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
