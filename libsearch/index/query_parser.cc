#include "index/query_parser.h"

#include <map>
#include <utility>

#include "index/schema.h"
#include "libsearch/error.h"

namespace libsearch {
namespace {

enum class Kind { kWord, kPhrase, kLParen, kRParen, kAnd, kOr, kNot, kEnd };

struct Lexeme {
  Kind kind = Kind::kEnd;
  std::string_view text;   // word or phrase content, field value excluded
  std::size_t pos = 0;     // byte offset of the lexeme in the query
  char modifier = 0;       // '+', '-', '=' or 0
  std::string field;       // "", "title", "source", "date", "id"
};

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Quote pairs accepted around phrases: "…", «…», “…”.
std::size_t OpenQuote(std::string_view q, std::size_t i, std::string_view* close) {
  if (q[i] == '"') { *close = "\""; return 1; }
  if (q.compare(i, 2, "\xC2\xAB") == 0) { *close = "\xC2\xBB"; return 2; }
  if (q.compare(i, 3, "\xE2\x80\x9C") == 0) { *close = "\xE2\x80\x9D"; return 3; }
  return 0;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool KnownField(const std::string& f) {
  return f == "title" || f == "source" || f == "date" || f == "id";
}

std::vector<Lexeme> Lex(std::string_view q) {
  std::vector<Lexeme> out;
  std::size_t i = 0;
  char pending_modifier = 0;
  std::string pending_field;
  std::size_t pending_pos = 0;
  auto flush_pending = [&](std::size_t at) {
    if (!pending_field.empty())
      throw QueryError(pending_field + ": at position " + std::to_string(pending_pos) +
                           " needs a value right after the colon",
                       pending_pos);
    pending_modifier = 0;
    (void)at;
  };
  while (i < q.size()) {
    if (IsSpace(q[i])) {
      flush_pending(i);
      ++i;
      continue;
    }
    Lexeme lx;
    lx.pos = pending_field.empty() && pending_modifier == 0 ? i : pending_pos;
    lx.modifier = pending_modifier;
    lx.field = pending_field;
    pending_modifier = 0;
    pending_field.clear();
    std::string_view close;
    if (q[i] == '(' || q[i] == ')') {
      if (!lx.field.empty())
        throw QueryError(lx.field + ": cannot take a parenthesised group (position " +
                             std::to_string(lx.pos) + ")",
                         lx.pos);
      lx.kind = q[i] == '(' ? Kind::kLParen : Kind::kRParen;
      ++i;
      out.push_back(lx);
      continue;
    }
    if (std::size_t n = OpenQuote(q, i, &close)) {
      std::size_t start = i + n;
      std::size_t end = q.find(close, start);
      if (end == std::string_view::npos)
        throw QueryError("unbalanced quote: the phrase opened at position " +
                             std::to_string(i) + " is never closed",
                         i);
      lx.kind = Kind::kPhrase;
      lx.text = q.substr(start, end - start);
      out.push_back(lx);
      i = end + close.size();
      continue;
    }
    // A word: up to white space, a parenthesis or an opening quote.
    std::size_t start = i;
    while (i < q.size() && !IsSpace(q[i]) && q[i] != '(' && q[i] != ')') {
      std::string_view dummy;
      if (OpenQuote(q, i, &dummy)) break;
      ++i;
    }
    std::string_view w = q.substr(start, i - start);
    if (lx.modifier == 0 && lx.field.empty()) {
      if (w == "AND") { lx.kind = Kind::kAnd; out.push_back(lx); continue; }
      if (w == "OR") { lx.kind = Kind::kOr; out.push_back(lx); continue; }
      if (w == "NOT") { lx.kind = Kind::kNot; out.push_back(lx); continue; }
    }
    if (lx.modifier == 0 && lx.field.empty() && (w[0] == '+' || w[0] == '-' || w[0] == '=')) {
      lx.modifier = w[0];
      w.remove_prefix(1);
      if (w.empty()) {
        // "+" or "-" right before a phrase or group applies to it.
        if (i < q.size() && !IsSpace(q[i])) {
          pending_modifier = lx.modifier;
          pending_pos = start;
        }
        continue;
      }
    }
    if (lx.field.empty()) {
      std::size_t colon = w.find(':');
      if (colon != std::string_view::npos && colon > 0) {
        std::string name = Lower(w.substr(0, colon));
        if (KnownField(name)) {
          lx.field = name;
          w.remove_prefix(colon + 1);
          if (w.empty()) {
            if (i < q.size() && !IsSpace(q[i]) && q[i] != '(' && q[i] != ')') {
              pending_field = name;  // title:"a phrase"
              pending_modifier = lx.modifier;
              pending_pos = start;
              continue;
            }
            throw QueryError(name + ": at position " + std::to_string(start) +
                                 " needs a value right after the colon",
                             start);
          }
        }
      }
    }
    lx.kind = Kind::kWord;
    lx.text = w;
    out.push_back(lx);
  }
  flush_pending(q.size());
  Lexeme end;
  end.kind = Kind::kEnd;
  end.pos = q.size();
  out.push_back(end);
  return out;
}

// A boolean expression in three parts: what scores, what is excluded, and
// filters that restrict without scoring.
struct Node {
  bool has_pos = false;
  Xapian::Query pos;
  bool has_neg = false;
  Xapian::Query neg;
  std::vector<Xapian::Query> filters;  // ANDed

  bool empty() const { return !has_pos && !has_neg && filters.empty(); }
};

Xapian::Query Combine(Xapian::Query::op op, const std::vector<Xapian::Query>& qs) {
  if (qs.size() == 1) return qs[0];
  return Xapian::Query(op, qs.begin(), qs.end());
}

Xapian::Query Materialize(const Node& n) {
  Xapian::Query q = n.has_pos ? n.pos : Xapian::Query::MatchAll;
  if (!n.filters.empty()) q = Xapian::Query(Xapian::Query::OP_FILTER, q, Combine(Xapian::Query::OP_AND, n.filters));
  if (n.has_neg) q = Xapian::Query(Xapian::Query::OP_AND_NOT, q, n.neg);
  return q;
}

class Parser {
 public:
  Parser(const Analyzer& analyzer, DefaultOperator op, double exact_weight, std::string_view query,
         bool keep_stopwords)
      : analyzer_(analyzer),
        op_(op),
        exact_weight_(exact_weight),
        query_(query),
        keep_stopwords_(keep_stopwords) {}

  Node Run(HighlightSpec* spec) {
    lex_ = Lex(query_);
    spec_ = spec;
    Node n = ParseOr();
    const Lexeme& t = Peek();
    if (t.kind == Kind::kRParen)
      throw QueryError("unbalanced parenthesis: the ) at position " + std::to_string(t.pos) +
                           " has no matching (",
                       t.pos);
    return n;
  }

  bool dropped_stopword() const { return dropped_stopword_; }

 private:
  const Lexeme& Peek() const { return lex_[i_]; }
  const Lexeme& Take() { return lex_[i_++]; }

  static bool EndsSequence(Kind k) {
    return k == Kind::kEnd || k == Kind::kRParen || k == Kind::kOr || k == Kind::kAnd;
  }

  [[noreturn]] void Nothing(const Lexeme& op, const char* name, const char* side) const {
    throw QueryError(std::string(name) + " at position " + std::to_string(op.pos) + " has nothing " +
                         side + " it",
                     op.pos);
  }

  Node ParseOr() {
    std::vector<Node> alts;
    alts.push_back(ParseAnd());
    while (Peek().kind == Kind::kOr) {
      const Lexeme& op = Take();
      if (alts.back().empty()) Nothing(op, "OR", "before");
      if (EndsSequence(Peek().kind)) Nothing(op, "OR", "after");
      alts.push_back(ParseAnd());
    }
    if (alts.size() == 1) return alts[0];
    std::vector<Xapian::Query> qs;
    for (const Node& n : alts)
      if (!n.empty()) qs.push_back(Materialize(n));
    Node out;
    if (!qs.empty()) {
      out.has_pos = true;
      out.pos = Combine(Xapian::Query::OP_OR, qs);
    }
    return out;
  }

  Node ParseAnd() {
    const Lexeme& first = Peek();
    if (first.kind == Kind::kAnd) Nothing(first, "AND", "before");
    if (first.kind == Kind::kOr) Nothing(first, "OR", "before");
    Node n = ParseSequence();
    while (Peek().kind == Kind::kAnd) {
      const Lexeme& op = Take();
      if (EndsSequence(Peek().kind)) Nothing(op, "AND", "after");
      Node m = ParseSequence();
      if (m.has_pos) {
        n.pos = n.has_pos ? Xapian::Query(Xapian::Query::OP_AND, n.pos, m.pos) : m.pos;
        n.has_pos = true;
      }
      if (m.has_neg) {
        n.neg = n.has_neg ? Xapian::Query(Xapian::Query::OP_OR, n.neg, m.neg) : m.neg;
        n.has_neg = true;
      }
      n.filters.insert(n.filters.end(), m.filters.begin(), m.filters.end());
    }
    return n;
  }

  Node ParseSequence() {
    std::vector<Xapian::Query> normal, required, negative;
    Loose loose;  // `normal` as it is ranked when the words combine with OR
    std::map<std::string, std::vector<Xapian::Query>> filters;  // field → alternatives
    std::size_t plain_words = 0;
    bool question = false;
    while (!EndsSequence(Peek().kind)) {
      const Lexeme& t = Take();
      if (t.kind == Kind::kWord && t.modifier == 0 && t.field.empty()) {
        if (plain_words++ == 0 && IsInterrogative(t.text)) question = true;
        question = question || HasQuestionMark(t.text);
      } else if (t.kind == Kind::kPhrase && t.modifier == 0 && t.field.empty()) {
        // Headlines quote: a quoted phrase counts as its words.
        plain_words += CountWords(t.text);
        question = question || HasQuestionMark(t.text);
      }
      if (t.kind == Kind::kNot) {
        if (EndsSequence(Peek().kind) || Peek().kind == Kind::kNot) Nothing(t, "NOT", "after");
        const Lexeme& operand = Take();
        Item(operand, /*positive=*/false, &normal, &required, &negative, &filters, &loose);
        continue;
      }
      Item(t, t.modifier != '-', &normal, &required, &negative, &filters, &loose);
    }
    Node n;
    DefaultOperator op = op_;
    if (op == DefaultOperator::kAuto)
      op = question || plain_words >= kAutoOrWords ? DefaultOperator::kOr : DefaultOperator::kAnd;
    Xapian::Query::op def = op == DefaultOperator::kAnd ? Xapian::Query::OP_AND : Xapian::Query::OP_OR;
    if (op == DefaultOperator::kOr) {
      normal = loose.normal;
      spec_->stems.insert(loose.stems.begin(), loose.stems.end());
    }
    if (op == DefaultOperator::kAnd) {
      std::vector<Xapian::Query> all = required;
      all.insert(all.end(), normal.begin(), normal.end());
      if (!all.empty()) { n.has_pos = true; n.pos = Combine(Xapian::Query::OP_AND, all); }
    } else if (!required.empty()) {
      n.has_pos = true;
      n.pos = Combine(Xapian::Query::OP_AND, required);
      if (!normal.empty()) n.pos = Xapian::Query(Xapian::Query::OP_AND_MAYBE, n.pos, Combine(def, normal));
    } else if (!normal.empty()) {
      n.has_pos = true;
      n.pos = Combine(def, normal);
    }
    if (!negative.empty()) { n.has_neg = true; n.neg = Combine(Xapian::Query::OP_OR, negative); }
    for (auto& [field, alts] : filters) n.filters.push_back(Combine(Xapian::Query::OP_OR, alts));
    return n;
  }

  // kAuto: a sequence of this many plain words (stopwords included) reads
  // as natural language — a question or a headline — rather than keywords.
  // Requiring every word of it would drop the best document for want of
  // one word, so it ranks with OR instead.
  static constexpr std::size_t kAutoOrWords = 4;

  static std::size_t CountWords(std::string_view text) {
    std::size_t n = 0;
    bool in_word = false;
    for (char c : text) {
      if (IsSpace(c)) in_word = false;
      else if (!in_word) { in_word = true; ++n; }
    }
    return n;
  }

  static bool HasQuestionMark(std::string_view w) {
    return w.find('?') != std::string_view::npos ||
           w.find("\xD8\x9F") != std::string_view::npos;  // ؟ U+061F
  }

  // A sequence that opens with an interrogative is a question (ما هي, من
  // هو, متى, كيف, أين, لماذا, كم, هل, ماذا, أي).
  bool IsInterrogative(std::string_view w) const {
    static const char* const kWords[] = {
        "ما", "ماذا", "ماهو", "ماهي", "من", "متي", "كيف", "اين", "لماذا", "كم", "هل", "اي",
    };
    const std::string norm = analyzer_.normalizer().Normalize(w);
    for (const char* q : kWords)
      if (norm == q) return true;
    return false;
  }

  // Under OR nothing is required, so a plain phrase ranks as the phrase or
  // its words: a document with the words apart still counts, one with the
  // exact phrase counts more.
  struct Loose {
    std::vector<Xapian::Query> normal;
    std::set<std::string> stems;  // to highlight when the words are used
  };

  // One operand: a group, word or phrase, with its field and modifier.
  void Item(const Lexeme& t, bool positive, std::vector<Xapian::Query>* normal,
            std::vector<Xapian::Query>* required, std::vector<Xapian::Query>* negative,
            std::map<std::string, std::vector<Xapian::Query>>* filters, Loose* loose) {
    if (t.kind == Kind::kRParen)
      throw QueryError("unbalanced parenthesis: the ) at position " + std::to_string(t.pos) +
                           " has no matching (",
                       t.pos);
    if (t.kind == Kind::kLParen) {
      HighlightSpec* saved = spec_;
      HighlightSpec discard;
      if (!positive) spec_ = &discard;
      Node inner = ParseOr();
      spec_ = saved;
      if (Peek().kind != Kind::kRParen)
        throw QueryError("unbalanced parenthesis: the ( at position " + std::to_string(t.pos) +
                             " is never closed",
                         t.pos);
      Take();
      if (inner.empty()) return;  // "()" or a group of stopwords only
      Xapian::Query q = Materialize(inner);
      (!positive ? negative : t.modifier == '+' ? required : normal)->push_back(q);
      if (positive && t.modifier != '+') loose->normal.push_back(q);
      return;
    }
    if (t.kind != Kind::kWord && t.kind != Kind::kPhrase) {
      throw QueryError("unexpected operator at position " + std::to_string(t.pos), t.pos);
    }
    if (t.field == "source" || t.field == "date" || t.field == "id") {
      Xapian::Query f = Filter(t);
      if (!positive) negative->push_back(f);
      else (*filters)[t.field].push_back(f);
      return;
    }
    Xapian::Query q;
    loose_words_ = Xapian::Query();
    loose_stems_.clear();
    if (!Text(t, positive, &q)) return;
    (!positive ? negative : t.modifier == '+' ? required : normal)->push_back(q);
    if (positive && t.modifier != '+') {
      if (t.kind == Kind::kPhrase && !loose_words_.empty()) {
        loose->normal.emplace_back(Xapian::Query::OP_OR, q, loose_words_);
        loose->stems.insert(loose_stems_.begin(), loose_stems_.end());
      } else {
        loose->normal.push_back(q);
      }
    }
  }

  Xapian::Query Filter(const Lexeme& t) {
    if (t.field == "id") return Xapian::Query(std::string(schema::kIdPrefix) + std::string(t.text));
    if (t.field == "source") {
      std::string key = schema::SourceKey(analyzer_.normalizer(), t.text);
      if (key.empty())
        throw QueryError("source: at position " + std::to_string(t.pos) + " has an empty name", t.pos);
      return Xapian::Query(std::string(schema::kSourcePrefix) + key);
    }
    return DateRange(t);
  }

  // date:FROM..TO with YYYY, YYYY-MM or YYYY-MM-DD at either end.
  Xapian::Query DateRange(const Lexeme& t) {
    std::string v = analyzer_.normalizer().Normalize(t.text);  // ٢٠٢٤ → 2024
    std::size_t dots = v.find("..");
    std::string from = dots == std::string::npos ? v : v.substr(0, dots);
    std::string to = dots == std::string::npos ? v : v.substr(dots + 2);
    if (from.empty() && to.empty())
      throw QueryError("date: at position " + std::to_string(t.pos) + " needs at least one date", t.pos);
    std::string lo, hi;
    if (!from.empty()) lo = DatePoint(from, false, t.pos);
    if (!to.empty()) hi = DatePoint(to, true, t.pos);
    if (!lo.empty() && !hi.empty() && lo > hi)
      throw QueryError("impossible date range at position " + std::to_string(t.pos) + ": " + from +
                           " is after " + to,
                       t.pos);
    if (lo.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::kDateSlot, hi);
    if (hi.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::kDateSlot, lo);
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kDateSlot, lo, hi);
  }

  std::string DatePoint(const std::string& s, bool upper, std::size_t pos) {
    auto bad = [&](const std::string& why) -> QueryError {
      return QueryError("date \"" + s + "\" at position " + std::to_string(pos) + ": " + why +
                            " (use YYYY, YYYY-MM or YYYY-MM-DD)",
                        pos);
    };
    auto digits = [](const std::string& p, std::size_t n) {
      if (p.size() != n) return false;
      for (char c : p)
        if (c < '0' || c > '9') return false;
      return true;
    };
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
      std::size_t dash = s.find('-', start);
      parts.push_back(s.substr(start, dash == std::string::npos ? std::string::npos : dash - start));
      if (dash == std::string::npos) break;
      start = dash + 1;
    }
    if (parts.size() > 3 || !digits(parts[0], 4)) throw bad("not a date");
    int y = std::stoi(parts[0]);
    int m = upper ? 12 : 1;
    if (parts.size() >= 2) {
      if (!digits(parts[1], 2)) throw bad("not a date");
      m = std::stoi(parts[1]);
      if (m < 1 || m > 12) throw bad("there is no month " + parts[1]);
    }
    int d = upper ? schema::DaysInMonth(y, m) : 1;
    if (parts.size() == 3) {
      if (!digits(parts[2], 2)) throw bad("not a date");
      d = std::stoi(parts[2]);
      if (d < 1 || d > schema::DaysInMonth(y, m)) throw bad("there is no such day");
    }
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d%02d%02d", y, m, d);
    return buf;
  }

  // A word or phrase as terms. Returns false when nothing searchable is left
  // (punctuation only, or a stopword being dropped).
  bool Text(const Lexeme& t, bool positive, Xapian::Query* out) {
    const bool title = t.field == "title";
    const std::string prefix = title ? std::string(schema::kTitlePrefix) : std::string();
    struct Tok { std::string text, stem; bool arabic, stop; };
    std::vector<Tok> toks;
    AnalyzedStream stream = analyzer_.Analyze(t.text);
    AnalyzedToken a;
    while (stream.Next(&a))
      toks.push_back({std::string(a.token.text), std::string(a.stem),
                      a.token.kind == TokenKind::kArabic, a.stopword});
    if (toks.empty()) return false;
    HighlightSpec discard;
    HighlightSpec* spec = positive ? spec_ : &discard;
    if (toks.size() > 1) {
      // A quoted phrase, or a word the tokenizer splits (عام2024, covid-19):
      // the words next to each other, in order.
      std::vector<Xapian::Query> terms;
      std::vector<std::string> words;
      Xapian::termcount qpos = 1;
      for (const Tok& k : toks) {
        terms.emplace_back(prefix + k.text, 1, qpos++);
        words.push_back(k.text);
      }
      spec->phrases.push_back(words);
      *out = Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(), terms.size());
      // The phrase's words one by one, as plain words would be (Loose).
      std::vector<Xapian::Query> loose;
      for (const Tok& w : toks) {
        if (w.stop) continue;
        if (w.arabic) {
          loose.emplace_back(std::string(schema::kStemPrefix) + prefix + w.stem);
          loose_stems_.push_back(w.stem);
        } else {
          loose.emplace_back(prefix + w.text);
        }
      }
      if (!loose.empty()) loose_words_ = Combine(Xapian::Query::OP_OR, loose);
      return true;
    }
    const Tok& k = toks[0];
    const bool exact = t.kind == Kind::kPhrase || t.modifier == '=';
    if (!exact && k.arabic && !k.stop) {
      spec->stems.insert(k.stem);
      *out = Xapian::Query(std::string(schema::kStemPrefix) + prefix + k.stem);
      // The form as typed, on top of its stem (SearchOptions::
      // exact_form_weight). It matches no document the stem does not.
      if (exact_weight_ > 0 && k.text != k.stem)
        *out = Xapian::Query(Xapian::Query::OP_OR, *out,
                             Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                           Xapian::Query(prefix + k.text), exact_weight_));
      return true;
    }
    if (!exact && k.stop && !keep_stopwords_ && t.modifier != '+') {
      dropped_stopword_ = true;
      return false;
    }
    spec->words.insert(k.text);
    *out = Xapian::Query(prefix + k.text);
    return true;
  }

  const Analyzer& analyzer_;
  DefaultOperator op_;
  double exact_weight_;
  std::string_view query_;
  bool keep_stopwords_;
  std::vector<Lexeme> lex_;
  std::size_t i_ = 0;
  HighlightSpec* spec_ = nullptr;
  bool dropped_stopword_ = false;
  // Set by Text() for a phrase: its words as plain words (see Loose).
  Xapian::Query loose_words_;
  std::vector<std::string> loose_stems_;
};

}  // namespace

ParsedQuery QueryParser::Parse(std::string_view query) const {
  ParsedQuery result;
  Parser parser(analyzer_, default_operator_, exact_form_weight_, query, /*keep_stopwords=*/false);
  Node n = parser.Run(&result.highlight);
  if (!n.has_pos && parser.dropped_stopword()) {
    // Nothing but stopwords to score: search for them after all.
    result.highlight = HighlightSpec();
    Parser again(analyzer_, default_operator_, exact_form_weight_, query, /*keep_stopwords=*/true);
    n = again.Run(&result.highlight);
  }
  if (n.empty()) throw QueryError("the query has no words to search for", 0);
  result.query = Materialize(n);
  return result;
}

}  // namespace libsearch
