// libsearch-query: search a libsearch index from the shell.
//
// Exit status (as grep): 0 something matched, 1 nothing matched, 2 error
// (malformed query, missing or unreadable index, bad option).
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "cli_common.h"
#include "libsearch/libsearch.h"

namespace {

constexpr const char* kProgram = "libsearch-query";

nlohmann::json Ranges(const std::vector<libsearch::ByteRange>& ranges) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& r : ranges) a.push_back({r.begin, r.end});
  return a;
}

std::string Dump(const nlohmann::json& j) {
  // Stored text is UTF-8 checked at indexing; replace rather than throw if not.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "Search a libsearch index.\n\n"
      "Query language: words (keywords must all match; a question or a query of four words\n"
      "or more ranks any of them; --and, --or to choose), \"a phrase\", AND OR NOT ( ),\n"
      "+word -word, =word (exact form, no stemming), title:word, title:\"a phrase\",\n"
      "source:NAME, source:\"two words\", id:ID, date:2024-01-01..2024-03-31, date:2024-05,\n"
      "date:2024.. — diacritics, tatweel, alef/hamza forms and digit script never matter.\n\n"
      "Exit status: 0 matched, 1 no match, 2 error.",
      kProgram};
  std::string db_path;
  std::vector<std::string> words;
  std::size_t limit = 10, offset = 0, snippet_chars = 200;
  std::string sort = "relevance";
  std::string color = "auto";
  bool json = false, explain = false, any = false, all = false, no_snippets = false;

  app.add_option("-d,--db", db_path, "Index directory or Xapian stub file")->required();
  app.add_option("query", words, "The query (several arguments are joined with spaces)")->required();
  app.add_option("-n,--limit", limit, "Results to show")->capture_default_str();
  app.add_option("--offset", offset, "Results to skip (paging)")->capture_default_str();
  app.add_option("--sort", sort, "relevance, newest (or date) or oldest")
      ->check(CLI::IsMember({"relevance", "newest", "date", "oldest"}))
      ->capture_default_str();
  app.add_flag("--or", any,
               "Any word may match (default: all words of a keyword query must; a question or "
               "a query of four words or more ranks documents with any of them)");
  app.add_flag("--and", all, "All words must match, however long the query")->excludes("--or");
  app.add_option("--snippet-chars", snippet_chars, "Snippet length in characters")->capture_default_str();
  app.add_flag("--no-snippets", no_snippets, "Do not print snippets");
  app.add_flag("--json", json, "JSON Lines: one object per hit, then a summary");
  app.add_flag("--explain", explain, "Show the normalized query and the parsed Xapian query");
  app.add_option("--color", color, "auto, always or never (auto honours NO_COLOR)")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  std::string query;
  for (const std::string& w : words) query += (query.empty() ? "" : " ") + w;

  libsearch::SearchOptions options;
  options.limit = limit;
  options.offset = offset;
  options.snippet_chars = snippet_chars;
  options.snippets = !no_snippets;
  if (any) options.default_operator = libsearch::DefaultOperator::kOr;
  if (all) options.default_operator = libsearch::DefaultOperator::kAnd;
  options.sort = sort == "relevance" ? libsearch::SortOrder::kRelevance
                 : sort == "oldest"  ? libsearch::SortOrder::kOldestFirst
                                     : libsearch::SortOrder::kNewestFirst;
  const bool colored = !json && cli::UseColor(color == "always" ? cli::ColorMode::kAlways
                                              : color == "never" ? cli::ColorMode::kNever
                                                                 : cli::ColorMode::kAuto,
                                              stdout);
  // Highlights: bold red on a terminal, brackets otherwise (markers that
  // survive a pipe and do not disturb right-to-left text).
  const std::string open = colored ? "\x1b[1;31m" : "[";
  const std::string close = colored ? "\x1b[0m" : "]";
  const std::string dim = colored ? "\x1b[2m" : "";
  const std::string bold = colored ? "\x1b[1m" : "";
  const std::string reset = colored ? "\x1b[0m" : "";

  libsearch::SearchResults results;
  const auto start = std::chrono::steady_clock::now();
  try {
    libsearch::Searcher searcher(db_path);
    results = searcher.Search(query, options);
  } catch (const libsearch::QueryError& e) {
    cli::PrintError(kProgram, std::string("bad query: ") + e.what());
    return cli::kExitError;
  } catch (const libsearch::Error& e) {
    cli::PrintError(kProgram, e.what());
    return cli::kExitError;
  }
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();

  if (json) {
    for (const libsearch::Hit& h : results.hits) {
      nlohmann::json j = {{"type", "hit"},
                          {"rank", h.rank},
                          {"id", h.document.id},
                          {"score", h.score},
                          {"title", h.document.title},
                          {"title_highlights", Ranges(h.title_highlights.highlights)},
                          {"date", h.document.date},
                          {"source", h.document.source},
                          {"url", h.document.url},
                          {"snippet", h.snippet.text},
                          {"highlights", Ranges(h.snippet.highlights)},
                          {"body_highlights", Ranges(h.snippet.body_highlights)}};
      std::cout << Dump(j) << "\n";
    }
    nlohmann::json s = {{"type", "summary"},
                        {"query", query},
                        {"estimated_total", results.estimated_total},
                        {"returned", results.hits.size()},
                        {"offset", offset},
                        {"limit", limit},
                        {"milliseconds", ms}};
    if (explain) {
      s["normalized_query"] = results.normalized_query;
      s["parsed_query"] = results.parsed_query;
    }
    std::cout << Dump(s) << "\n";
  } else {
    if (explain) {
      std::cout << "Normalized query: " << results.normalized_query << "\n";
      std::cout << "Parsed query: " << results.parsed_query << "\n\n";
    }
    for (const libsearch::Hit& h : results.hits) {
      std::cout << bold << h.rank << ". " << reset << h.title_highlights.Marked(open, close) << "\n";
      std::string meta = h.document.date;
      if (!h.document.source.empty()) meta += (meta.empty() ? "" : " · ") + h.document.source;
      meta += (meta.empty() ? "" : " · ") + h.document.id;
      char score[32];
      std::snprintf(score, sizeof score, "%.3f", h.score);
      meta += std::string(" · score ") + score;
      std::cout << "   " << dim << meta << reset << "\n";
      if (!no_snippets && !h.snippet.text.empty()) std::cout << "   " << h.snippet.Marked(open, close) << "\n";
      if (!h.document.url.empty()) std::cout << "   " << dim << h.document.url << reset << "\n";
      std::cout << "\n";
    }
    std::cout << dim << "about " << results.estimated_total
              << (results.estimated_total == 1 ? " match" : " matches") << "; showing "
              << (results.hits.empty() ? 0 : offset + 1) << "–" << offset + results.hits.size()
              << " (" << static_cast<int>(ms + 0.5) << " ms)" << reset << "\n";
  }
  return results.hits.empty() && results.estimated_total == 0 ? cli::kExitNoMatch : cli::kExitOk;
}
