#include "index/highlighter.h"

#include <algorithm>
#include <string>
#include <vector>

namespace libsearch {

std::string Snippet::Marked(std::string_view open, std::string_view close) const {
  std::string out;
  out.reserve(text.size() + highlights.size() * (open.size() + close.size()));
  std::size_t at = 0;
  for (const ByteRange& r : highlights) {
    if (r.begin < at || r.end > text.size()) continue;
    out.append(text, at, r.begin - at).append(open).append(text, r.begin, r.end - r.begin).append(close);
    at = r.end;
  }
  out.append(text, at, std::string::npos);
  return out;
}

namespace {

constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // …

struct Tok {
  std::size_t begin, end;   // bytes in the text
  std::size_t cp_begin, cp_end;  // code points in the text
  std::string text;
  int key = -1;    // which query part it matches; -1 none
  int group = -1;  // phrase occurrence, for merging its words into one mark
};

bool IsLead(unsigned char c) { return (c & 0xC0) != 0x80; }

}  // namespace

Snippet MakeSnippet(const Analyzer& analyzer, const HighlightSpec& spec, std::string_view text,
                    std::size_t max_chars, bool whole) {
  Snippet out;
  if (text.empty()) return out;

  // Tokens with their code-point offsets (one pass over the text).
  std::vector<Tok> toks;
  std::vector<std::string> stems;
  {
    AnalyzedStream stream = analyzer.Analyze(text);
    AnalyzedToken a;
    std::size_t byte = 0, cps = 0;
    auto advance = [&](std::size_t to) {
      for (; byte < to && byte < text.size(); ++byte) cps += IsLead(static_cast<unsigned char>(text[byte]));
      return cps;
    };
    while (stream.Next(&a)) {
      Tok t;
      t.begin = a.token.begin;
      t.end = a.token.end;
      t.cp_begin = advance(t.begin);
      t.cp_end = advance(t.end);
      t.text.assign(a.token.text);
      const bool stem_match = a.token.kind == TokenKind::kArabic && !a.stopword &&
                              spec.stems.count(std::string(a.stem)) > 0;
      if (stem_match || spec.words.count(t.text) > 0) t.key = 0;
      toks.push_back(std::move(t));
      stems.emplace_back(a.stem);
    }
  }
  // Distinct keys: 0 for any single-word match refined by its text, phrases
  // numbered after. Word keys use the stem so inflected repeats count once.
  std::vector<std::string> keys;
  std::vector<int> key_of(toks.size(), -1);
  auto key_id = [&keys](const std::string& k) {
    auto it = std::find(keys.begin(), keys.end(), k);
    if (it != keys.end()) return static_cast<int>(it - keys.begin());
    keys.push_back(k);
    return static_cast<int>(keys.size() - 1);
  };
  for (std::size_t i = 0; i < toks.size(); ++i)
    if (toks[i].key == 0) key_of[i] = key_id("w:" + stems[i]);
  int group = 0;
  for (std::size_t p = 0; p < spec.phrases.size(); ++p) {
    const auto& words = spec.phrases[p];
    if (words.empty() || words.size() > toks.size()) continue;
    for (std::size_t i = 0; i + words.size() <= toks.size(); ++i) {
      bool match = true;
      for (std::size_t j = 0; j < words.size() && match; ++j) match = toks[i + j].text == words[j];
      if (!match) continue;
      const int k = key_id("p:" + std::to_string(p));
      for (std::size_t j = 0; j < words.size(); ++j) {
        key_of[i + j] = k;
        toks[i + j].group = group;
      }
      ++group;
    }
  }

  // Choose the window [s, e] of tokens.
  std::size_t s = 0, e = toks.empty() ? 0 : toks.size() - 1;
  std::size_t slice_begin = 0, slice_end = text.size();
  if (!whole) {
    auto fit_end = [&](std::size_t start) {
      std::size_t end = start;
      while (end + 1 < toks.size() && toks[end + 1].cp_end - toks[start].cp_begin <= max_chars) ++end;
      return end;
    };
    const std::size_t context = max_chars / 5;
    long best_score = -1;
    std::size_t anchors = 0;
    for (std::size_t m = 0; m < toks.size() && anchors < 500; ++m) {
      if (key_of[m] < 0) continue;
      ++anchors;
      std::size_t start = m;
      while (start > 0 && toks[m].cp_begin - toks[start - 1].cp_begin <= context) --start;
      std::size_t end = fit_end(start);
      std::vector<bool> seen(keys.size(), false);
      long distinct = 0, total = 0;
      for (std::size_t i = start; i <= end; ++i) {
        if (key_of[i] < 0) continue;
        ++total;
        if (!seen[key_of[i]]) { seen[key_of[i]] = true; ++distinct; }
      }
      long score = distinct * 1000 + total;
      if (score > best_score) { best_score = score; s = start; e = end; }
    }
    if (best_score < 0 && !toks.empty()) { s = 0; e = fit_end(0); }
    if (toks.empty()) {
      // No words at all (punctuation, numbers cut out): the start of the text.
      std::size_t n = 0, b = 0;
      while (b < text.size() && (n < max_chars || !IsLead(static_cast<unsigned char>(text[b])))) {
        n += IsLead(static_cast<unsigned char>(text[b]));
        ++b;
      }
      slice_end = b;
    } else {
      slice_begin = s == 0 ? 0 : toks[s].begin;
      slice_end = e + 1 == toks.size() ? text.size() : toks[e].end;
      // Keep a closing punctuation mark or quote that follows the last word.
      if (slice_end < text.size() && e + 1 < toks.size()) {
        std::size_t b = slice_end;
        while (b < toks[e + 1].begin && text[b] != ' ' && text[b] != '\n') ++b;
        if (b - slice_end <= 4) slice_end = b;
      }
    }
  }

  std::string prefix = slice_begin > 0 ? std::string(kEllipsis) + " " : std::string();
  out.text = prefix;
  out.text.append(text.substr(slice_begin, slice_end - slice_begin));
  // Trailing whitespace of a cut, then the ellipsis.
  if (slice_end < text.size()) {
    while (!out.text.empty() && (out.text.back() == ' ' || out.text.back() == '\n')) out.text.pop_back();
    out.text.append(" ").append(kEllipsis);
  }
  for (char& c : out.text)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';

  if (toks.empty()) return out;
  for (std::size_t i = s; i <= e && i < toks.size(); ++i) {
    if (key_of[i] < 0) continue;
    ByteRange body{toks[i].begin, toks[i].end};
    // Words of one phrase occurrence become one mark.
    while (toks[i].group >= 0 && i + 1 <= e && i + 1 < toks.size() && toks[i + 1].group == toks[i].group) {
      ++i;
      body.end = toks[i].end;
    }
    if (body.begin < slice_begin || body.end > slice_end) continue;
    out.body_highlights.push_back(body);
    out.highlights.push_back({body.begin - slice_begin + prefix.size(), body.end - slice_begin + prefix.size()});
  }
  return out;
}

}  // namespace libsearch
