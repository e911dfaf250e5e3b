// conflation: how well a stemmer groups the word forms of one lemma, and
// only those, measured on the PADT UD 1.3 word list (surface, lemma, root,
// count).
//
//   conflation [GOLD.counts.tsv]
//
// Every distinct (normalized surface, normalized lemma) pair is an item. A
// pair of items with different surfaces is "gold" when their lemmas are
// equal and "predicted" when their stems are equal. Precision, recall and
// F1 are printed over item pairs (types) and over pairs weighted by the
// product of their token counts (tokens), for four stemmers: none, a
// light10-style stemmer written here from its published description
// (arabic-text.md §2), Xapian's Snowball Arabic, and libsearch's light
// stemmer. A second table restricts the items to words with a root (content
// words), which leaves out the pronoun and particle lemmas that PADT gives
// to clitic-bearing function words (لها → هو). "stems" is the number of
// distinct stems of the distinct surfaces (fewer means coarser). Built with
// Lucene++, a fifth row runs Lucene's own light10 (ArabicNormalizer +
// ArabicStemmer) on the same folded words. --tsv prints one line per
// stemmer and table: table, stemmer, types P R F1, tokens P R F1, stems.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "libsearch/stemmer.h"

#ifdef LIBSEARCH_BENCH_HAVE_LUCENE
#include <lucene++/LuceneHeaders.h>
#include <lucene++/ArabicNormalizer.h>
#include <lucene++/ArabicStemmer.h>
#endif

namespace {

// --- UTF-8 helpers --------------------------------------------------------

std::u32string Decode(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    char32_t cp;
    int len;
    if (c < 0x80) {
      cp = c;
      len = 1;
    } else if ((c >> 5) == 6) {
      cp = c & 0x1F;
      len = 2;
    } else if ((c >> 4) == 14) {
      cp = c & 0x0F;
      len = 3;
    } else {
      cp = c & 0x07;
      len = 4;
    }
    for (int k = 1; k < len && i + k < s.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    }
    out.push_back(cp);
    i += len;
  }
  return out;
}

std::string Encode(const std::u32string& s) {
  std::string out;
  for (char32_t cp : s) {
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }
  return out;
}

// The default normalizer's foldings that matter for this word list
// (normalizer.h), restated here so that the measurement depends on the
// stemmers alone. Returns "" for anything that is not an Arabic word.
std::string Fold(std::string_view word) {
  std::u32string out;
  for (char32_t c : Decode(word)) {
    if ((c >= 0x064B && c <= 0x065F) || c == 0x0670 || c == 0x0640 ||
        (c >= 0x0610 && c <= 0x061A) || (c >= 0x06D6 && c <= 0x06ED)) {
      continue;
    }
    switch (c) {
      case 0x0622: case 0x0623: case 0x0625: case 0x0671: c = 0x0627; break;
      case 0x0649: c = 0x064A; break;
      case 0x0629: c = 0x0647; break;
      case 0x0624: case 0x0626: c = 0x0621; break;
      default: break;
    }
    if (c < 0x0621 || c > 0x064A) return "";
    out.push_back(c);
  }
  return Encode(out);
}

// --- light10, as arabic-text.md §2 describes it ------------------------------

std::string Light10(const std::string& word) {
  std::u32string w = Decode(word);
  auto starts = [&](const std::u32string& p) {
    return w.size() >= p.size() && w.compare(0, p.size(), p) == 0;
  };
  auto ends = [&](const std::u32string& s) {
    return w.size() >= s.size() &&
           w.compare(w.size() - s.size(), s.size(), s) == 0;
  };
  // One prefix, longest first; و needs three letters left, the rest two.
  static const std::u32string kPrefixes[] = {U"وال", U"بال", U"كال", U"فال",
                                             U"ال",  U"لل",  U"و"};
  for (const auto& p : kPrefixes) {
    std::size_t min = p == U"و" ? 3 : 2;
    if (starts(p) && w.size() - p.size() >= min) {
      w.erase(0, p.size());
      break;
    }
  }
  // Each suffix once, in this order, while two letters remain.
  static const std::u32string kSuffixes[] = {U"ها", U"ان", U"ات", U"ون", U"ين",
                                             U"يه", U"ية", U"ه",  U"ة",  U"ي"};
  for (const auto& s : kSuffixes) {
    if (ends(s) && w.size() - s.size() >= 2) w.erase(w.size() - s.size());
  }
  return Encode(w);
}

#ifdef LIBSEARCH_BENCH_HAVE_LUCENE
// Lucene's light10 as Lucene++ 3.0.8 ships it, normalizer first, as its
// ArabicAnalyzer chains them.
std::string LuceneLight10(const std::string& word) {
  static const Lucene::ArabicNormalizerPtr normalizer =
      Lucene::newLucene<Lucene::ArabicNormalizer>();
  static const Lucene::ArabicStemmerPtr stemmer = Lucene::newLucene<Lucene::ArabicStemmer>();
  Lucene::String w = Lucene::StringUtils::toUnicode(
      reinterpret_cast<const std::uint8_t*>(word.data()), static_cast<std::int32_t>(word.size()));
  std::vector<wchar_t> buf(w.begin(), w.end());
  buf.push_back(0);
  auto len = static_cast<std::int32_t>(w.size());
  len = normalizer->normalize(buf.data(), len);
  len = stemmer->stem(buf.data(), len);
  return Lucene::StringUtils::toUTF8(Lucene::String(buf.data(), static_cast<std::size_t>(len)));
}
#endif

// --- scoring --------------------------------------------------------------------

struct Item {
  std::string surface;
  std::string lemma;
  bool content;
  double count;
};

struct Score {
  double tp = 0, pred = 0, gold = 0;
  std::size_t stems = 0;  // distinct stems
  double P() const { return pred > 0 ? tp / pred : 0; }
  double R() const { return gold > 0 ? tp / gold : 0; }
  double F() const { return P() + R() > 0 ? 2 * P() * R() / (P() + R()) : 0; }
};

// Pairs within groups: sum over groups of (S^2 - Q)/2 where S is the sum of
// weights and Q the sum of squared weights.
struct PairSum {
  std::unordered_map<std::string, std::pair<double, double>> groups;
  void Add(const std::string& key, double w) {
    auto& g = groups[key];
    g.first += w;
    g.second += w * w;
  }
  double Pairs() const {
    double total = 0;
    for (const auto& [k, g] : groups) total += (g.first * g.first - g.second) / 2;
    return total;
  }
};

Score Measure(const std::vector<Item>& items,
              const std::function<std::string(const std::string&)>& stem,
              bool tokens, bool content_only) {
  PairSum by_stem, by_surface, by_lemma, by_stem_lemma;
  std::unordered_map<std::string, std::string> cache;
  for (const Item& item : items) {
    if (content_only && !item.content) continue;
    auto it = cache.find(item.surface);
    if (it == cache.end()) it = cache.emplace(item.surface, stem(item.surface)).first;
    const std::string& s = it->second;
    double w = tokens ? item.count : 1;
    by_stem.Add(s, w);
    by_surface.Add(item.surface, w);
    by_lemma.Add(item.lemma, w);
    by_stem_lemma.Add(s + '\t' + item.lemma, w);
  }
  Score score;
  score.tp = by_stem_lemma.Pairs();
  score.pred = by_stem.Pairs() - by_surface.Pairs();
  score.gold = by_lemma.Pairs();
  score.stems = by_stem.groups.size();
  return score;
}

}  // namespace

// --explain NAME: for each lemma (most frequent first), its surfaces and
// their stems under stemmer NAME, to see where a stemmer splits or joins.
void Explain(const std::vector<Item>& items,
             const std::function<std::string(const std::string&)>& stem) {
  std::map<std::string, std::vector<const Item*>> by_lemma;
  std::map<std::string, double> totals;
  for (const Item& item : items) {
    by_lemma[item.lemma].push_back(&item);
    totals[item.lemma] += item.count;
  }
  std::vector<std::pair<double, std::string>> order;
  for (const auto& [lemma, total] : totals) order.emplace_back(-total, lemma);
  std::sort(order.begin(), order.end());
  for (const auto& [neg, lemma] : order) {
    std::printf("%s\t%.0f\t", lemma.c_str(), -neg);
    for (const Item* item : by_lemma[lemma]) {
      std::printf(" %s→%s(%.0f)", item->surface.c_str(),
                  stem(item->surface).c_str(), item->count);
    }
    std::printf("\n");
  }
}

int main(int argc, char** argv) {
  std::string explain;
  bool tsv = false;
  std::string path = LIBSEARCH_SHARED_DIR "/data/gold/padt_ud13_words.counts.tsv";
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--explain" && i + 1 < argc) {
      explain = argv[++i];
    } else if (arg == "--tsv") {
      tsv = true;
    } else if (arg == "-h" || arg == "--help") {
      std::printf("usage: conflation [--tsv] [--explain none|light10|snowball|light] "
                  "[GOLD.counts.tsv]\n");
      return 0;
    } else {
      path = arg;
    }
  }
  std::ifstream in(path);
  if (!in) {
    std::cerr << "conflation: cannot read " << path << "\n";
    return 2;
  }
  std::map<std::pair<std::string, std::string>, Item> merged;
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::stringstream ss(line);
    std::string field;
    while (std::getline(ss, field, '\t')) f.push_back(field);
    if (f.size() < 4) continue;
    std::string surface = Fold(f[0]);
    std::string lemma = Fold(f[1]);
    if (surface.empty() || lemma.empty()) continue;
    Item& item = merged[{surface, lemma}];
    item.surface = surface;
    item.lemma = lemma;
    item.content = item.content || !f[2].empty();
    item.count += std::stod(f[3]);
  }
  std::vector<Item> items;
  for (auto& [k, v] : merged) items.push_back(v);

  libsearch::LightStemmer light;
  std::unique_ptr<libsearch::Stemmer> via_factory =
      libsearch::MakeStemmer(libsearch::StemStrength::kSnowball);
  const std::vector<std::pair<std::string, std::function<std::string(const std::string&)>>>
      stemmers = {
          {"none", [](const std::string& w) { return w; }},
          {"light10-style", Light10},
          {"snowball (" + via_factory->Name() + ")",
           [&](const std::string& w) {
             std::string scratch;
             return std::string(via_factory->Stem(w, &scratch));
           }},
          {"libsearch " + light.Name(),
           [&](const std::string& w) { return std::string(light.StemView(w)); }},
#ifdef LIBSEARCH_BENCH_HAVE_LUCENE
          {"lucene++ light10", LuceneLight10},
#endif
      };

  if (!explain.empty()) {
    for (const auto& [name, fn] : stemmers) {
      if (name.find(explain) != std::string::npos &&
          (explain != "light" || name.find("light10") == std::string::npos)) {
        Explain(items, fn);
        return 0;
      }
    }
    std::fprintf(stderr, "conflation: no stemmer named %s\n", explain.c_str());
    return 2;
  }
  if (tsv) {
    for (bool content : {false, true}) {
      for (const auto& [name, fn] : stemmers) {
        Score t = Measure(items, fn, false, content);
        Score k = Measure(items, fn, true, content);
        std::printf("%s\t%s\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%zu\n",
                    content ? "content" : "all", name.c_str(), t.P(), t.R(), t.F(), k.P(), k.R(),
                    k.F(), t.stems);
      }
    }
    return 0;
  }
  std::printf("%zu items (distinct normalized surface+lemma) from %s\n\n",
              items.size(), path.c_str());
  for (bool content : {false, true}) {
    std::printf("%s\n", content ? "content words (root given):"
                                : "all words:");
    std::printf("  %-34s %25s   %25s   %6s\n", "", "types: P      R      F1",
                "tokens: P      R      F1", "stems");
    for (const auto& [name, fn] : stemmers) {
      Score t = Measure(items, fn, false, content);
      Score k = Measure(items, fn, true, content);
      std::printf("  %-34s   %.3f  %.3f  %.3f        %.3f  %.3f  %.3f   %6zu\n",
                  name.c_str(), t.P(), t.R(), t.F(), k.P(), k.R(), k.F(), t.stems);
    }
    std::printf("\n");
  }
  return 0;
}
