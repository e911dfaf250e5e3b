// libsearch-analyze: show what the analyzer makes of a text, token by token.
//
//   libsearch-analyze [options] [TEXT...]     (stdin when no TEXT)
//
// Exit status: 0 success, 2 usage error.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "cli_common.h"
#include "libsearch/libsearch.h"

namespace {

constexpr const char* kProgram = "libsearch-analyze";

struct Row {
  std::string position, bytes, original, normalized, stem, kind, stop;
};

// Length of the valid UTF-8 sequence at s[i], or 0 when it is not one.
std::size_t Utf8Length(std::string_view s, std::size_t i, char32_t* cp) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  std::size_t len;
  char32_t v;
  if (c < 0x80) {
    *cp = c;
    return 1;
  } else if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
    v = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    v = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    v = c & 0x07;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    unsigned char b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    v = (v << 6) | (b & 0x3F);
  }
  if ((len == 3 && (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF))) ||
      (len == 4 && (v < 0x10000 || v > 0x10FFFF))) {
    return 0;
  }
  *cp = v;
  return len;
}

// The table shows text as text: invalid bytes become U+FFFD.
std::string Printable(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp;
    std::size_t len = Utf8Length(s, i, &cp);
    if (len == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(s.substr(i, len));
      i += len;
    }
  }
  return out;
}

// Columns a string takes in a terminal: one per character, none for
// combining marks and format controls (harakat must not push columns).
std::size_t Width(std::string_view s) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp;
    std::size_t len = Utf8Length(s, i, &cp);
    if (len == 0) len = 1, cp = 0xFFFD;
    i += len;
    bool zero = (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x0610 && cp <= 0x061A) ||
                (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 ||
                (cp >= 0x06D6 && cp <= 0x06ED) || (cp >= 0x200B && cp <= 0x200F) ||
                (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
                cp == 0xFEFF;
    if (!zero) ++width;
  }
  return width;
}

void PrintTable(const std::vector<Row>& rows) {
  std::vector<Row> all;
  all.push_back({"pos", "bytes", "original", "normalized", "stem", "kind", "stop"});
  all.insert(all.end(), rows.begin(), rows.end());
  std::size_t w[7] = {};
  for (const Row& r : all) {
    const std::string* f[7] = {&r.position, &r.bytes, &r.original, &r.normalized,
                               &r.stem, &r.kind, &r.stop};
    for (int i = 0; i < 7; ++i) w[i] = std::max(w[i], Width(*f[i]));
  }
  for (const Row& r : all) {
    const std::string* f[7] = {&r.position, &r.bytes, &r.original, &r.normalized,
                               &r.stem, &r.kind, &r.stop};
    std::string line;
    for (int i = 0; i < 7; ++i) {
      line += *f[i];
      if (i < 6) line.append(w[i] - Width(*f[i]) + 2, ' ');
    }
    // Logical order, as everywhere in libsearch's tools; the terminal does
    // the bidi display.
    std::cout << line << '\n';
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "Show how libsearch analyzes text: each token's position, byte range in the input,\n"
      "original slice, normalized form, stem, kind and stopword flag.\n"
      "Text comes from the arguments, or from standard input when there are none.\n\n"
      "Exit status: 0 success, 2 usage error.",
      kProgram};
  std::vector<std::string> words;
  std::string stem = "light";
  std::string zwnj = "remove";
  bool json = false, no_stopwords = false, keep_teh_marbuta = false, keep_hamza_seats = false;
  app.add_option("text", words, "Text to analyze (several arguments are joined with spaces)");
  app.add_flag("--json", json, "JSON Lines: one object per token");
  app.add_option("--stem", stem, "Stemming: none, light or snowball")
      ->check(CLI::IsMember({"none", "light", "snowball"}))
      ->capture_default_str();
  app.add_flag("--no-stopwords", no_stopwords, "Do not mark stopwords");
  app.add_flag("--keep-teh-marbuta", keep_teh_marbuta, "Keep ة distinct from ه");
  app.add_flag("--keep-hamza-seats", keep_hamza_seats, "Keep ؤ and ئ distinct from و and ي");
  app.add_option("--zwnj", zwnj, "What ZWNJ does: remove (Arabic) or separate (Persian)")
      ->check(CLI::IsMember({"remove", "separate"}))
      ->capture_default_str();
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {  // --help
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return cli::kExitError;
  }

  libsearch::AnalyzerOptions options;
  libsearch::ParseStemStrength(stem, &options.stemming);
  options.stopwords = !no_stopwords;
  options.normalizer.fold_teh_marbuta = !keep_teh_marbuta;
  options.normalizer.fold_hamza_seats = !keep_hamza_seats;
  options.normalizer.zwnj =
      zwnj == "separate" ? libsearch::ZwnjPolicy::kSeparate : libsearch::ZwnjPolicy::kRemove;

  std::string text;
  if (words.empty()) {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    for (const std::string& w : words) text += (text.empty() ? "" : " ") + w;
  }

  const libsearch::Analyzer analyzer(options);
  libsearch::AnalyzedStream stream = analyzer.Analyze(text);
  libsearch::AnalyzedToken t;
  std::vector<Row> rows;
  while (stream.Next(&t)) {
    std::string_view original =
        std::string_view(text).substr(t.token.begin, t.token.end - t.token.begin);
    const char* kind = libsearch::TokenKindName(t.token.kind);
    if (json) {
      nlohmann::json j = {
          {"position", t.token.position},
          {"begin", t.token.begin},
          {"end", t.token.end},
          {"original", std::string(original)},
          {"normalized", std::string(t.token.text)},
          {"stem", std::string(t.stem)},
          {"kind", kind},
          {"stopword", t.stopword},
      };
      // The original slice may hold invalid UTF-8: replace, never throw.
      std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    } else {
      rows.push_back({std::to_string(t.token.position),
                      std::to_string(t.token.begin) + "-" + std::to_string(t.token.end),
                      Printable(original), Printable(t.token.text), Printable(t.stem), kind,
                      t.stopword ? "yes" : "-"});
    }
  }
  if (!json) PrintTable(rows);
  std::cout.flush();
  return cli::kExitOk;
}
