#include "index/schema.h"

#include <cstdint>
#include <cstdio>
#include <vector>

#include "libsearch/error.h"

namespace libsearch {
namespace schema {
namespace {

constexpr char kDataVersion = '\x01';

void PutVarint(std::string* out, std::uint64_t v) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

bool GetVarint(std::string_view* in, std::uint64_t* v) {
  std::uint64_t result = 0;
  for (int shift = 0; shift < 64 && !in->empty(); shift += 7) {
    auto byte = static_cast<unsigned char>(in->front());
    in->remove_prefix(1);
    result |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) {
      *v = result;
      return true;
    }
  }
  return false;
}

bool GetField(std::string_view* in, std::string* field, bool keep) {
  std::uint64_t n = 0;
  if (!GetVarint(in, &n) || n > in->size()) return false;
  if (keep) field->assign(in->data(), n);
  in->remove_prefix(n);
  return true;
}

bool IsDigits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// Cuts `s` to at most `max` bytes without splitting a UTF-8 sequence.
void TruncateUtf8(std::string* s, std::size_t max) {
  if (s->size() <= max) return;
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>((*s)[n]) & 0xC0) == 0x80) --n;
  s->resize(n);
}

}  // namespace

int DaysInMonth(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) return 29;
  return kDays[month - 1];
}

std::string EncodeData(const NewsDocument& doc) {
  std::string out;
  out.reserve(16 + doc.id.size() + doc.title.size() + doc.body.size() +
              doc.date.size() + doc.source.size() + doc.url.size());
  out.push_back(kDataVersion);
  for (const std::string* f : {&doc.id, &doc.title, &doc.body, &doc.date, &doc.source, &doc.url}) {
    PutVarint(&out, f->size());
    out += *f;
  }
  return out;
}

bool DecodeData(std::string_view data, NewsDocument* doc, bool with_body) {
  if (data.empty() || data.front() != kDataVersion) return false;
  data.remove_prefix(1);
  return GetField(&data, &doc->id, true) && GetField(&data, &doc->title, true) &&
         GetField(&data, &doc->body, with_body) && GetField(&data, &doc->date, true) &&
         GetField(&data, &doc->source, true) && GetField(&data, &doc->url, true);
}

void Validate(const NewsDocument& doc) {
  if (doc.id.empty()) throw InvalidDocumentError("document has an empty id");
  if (doc.id.size() > kMaxIdBytes)
    throw InvalidDocumentError("document id is " + std::to_string(doc.id.size()) +
                               " bytes long; the limit is " + std::to_string(kMaxIdBytes));
  if (doc.date.empty()) return;
  const std::string& d = doc.date;
  bool ok = d.size() == 10 && d[4] == '-' && d[7] == '-' && IsDigits(d.substr(0, 4)) &&
            IsDigits(d.substr(5, 2)) && IsDigits(d.substr(8, 2));
  if (ok) {
    int y = std::stoi(d.substr(0, 4)), m = std::stoi(d.substr(5, 2)), day = std::stoi(d.substr(8, 2));
    ok = m >= 1 && m <= 12 && day >= 1 && day <= DaysInMonth(y, m);
  }
  if (!ok)
    throw InvalidDocumentError("document " + doc.id + " has date \"" + d +
                               "\"; expected a calendar date YYYY-MM-DD");
}

std::string DateValue(std::string_view date) {
  if (date.size() != 10) return std::string();
  std::string v;
  v.reserve(8);
  v.append(date.substr(0, 4)).append(date.substr(5, 2)).append(date.substr(8, 2));
  return v;
}

std::string SourceKey(const Normalizer& normalizer, std::string_view source) {
  std::string norm = normalizer.Normalize(source);
  std::string key;
  key.reserve(norm.size());
  bool space = false;
  for (char c : norm) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !key.empty();
      continue;
    }
    if (space) key.push_back(' ');
    space = false;
    key.push_back(c);
  }
  TruncateUtf8(&key, kMaxSourceBytes);
  return key;
}

namespace {

// Adds one field's terms. Returns the position after the field's last token.
Xapian::termpos IndexField(const Analyzer& analyzer, std::string_view text,
                           Xapian::termpos base, unsigned wdf, bool title,
                           Xapian::Document* doc, std::string* term) {
  AnalyzedStream stream = analyzer.Analyze(text);
  AnalyzedToken t;
  Xapian::termpos last = base;
  while (stream.Next(&t)) {
    const Xapian::termpos pos = base + t.token.position + 1;
    last = pos;
    term->assign(t.token.text);
    doc->add_posting(*term, pos, wdf);
    if (title) {
      term->assign(kTitlePrefix).append(t.token.text);
      doc->add_posting(*term, pos);
    }
    if (t.stopword || t.token.kind != TokenKind::kArabic) continue;
    term->assign(kStemPrefix).append(t.stem);
    doc->add_term(*term, wdf);
    if (title) {
      term->assign(kStemPrefix).append(kTitlePrefix).append(t.stem);
      doc->add_term(*term);
    }
  }
  return last;
}

}  // namespace

Xapian::Document BuildDocument(const Analyzer& analyzer, const NewsDocument& doc,
                               unsigned title_weight) {
  Xapian::Document xdoc;
  std::string term;
  Xapian::termpos end = IndexField(analyzer, doc.title, 0, title_weight == 0 ? 1 : title_weight,
                                   true, &xdoc, &term);
  IndexField(analyzer, doc.body, end + kBodyPositionGap, 1, false, &xdoc, &term);

  xdoc.add_boolean_term(std::string(kIdPrefix) + doc.id);
  if (!doc.source.empty()) {
    std::string key = SourceKey(analyzer.normalizer(), doc.source);
    if (!key.empty()) xdoc.add_boolean_term(std::string(kSourcePrefix) + key);
  }
  if (!doc.date.empty()) xdoc.add_value(kDateSlot, DateValue(doc.date));
  xdoc.set_data(EncodeData(doc));
  return xdoc;
}

std::string EncodeAnalyzerOptions(const AnalyzerOptions& o) {
  const NormalizerOptions& n = o.normalizer;
  std::string s = "v1";
  auto flag = [&s](const char* name, bool v) { s += ';'; s += name; s += v ? "=1" : "=0"; };
  flag("tm", n.fold_teh_marbuta);
  flag("hs", n.fold_hamza_seats);
  flag("fa", n.fold_persian_letters);
  flag("qm", n.strip_quranic_marks);
  flag("dg", n.fold_digits);
  flag("cf", n.fold_case);
  s += n.zwnj == ZwnjPolicy::kSeparate ? ";zw=s" : ";zw=r";
  s += ";max=" + std::to_string(o.tokenizer.max_token_bytes);
  flag("url", o.tokenizer.keep_urls);
  s += ";stem=";
  s += StemStrengthName(o.stemming);
  flag("stop", o.stopwords);
  return s;
}

bool DecodeAnalyzerOptions(std::string_view text, AnalyzerOptions* out) {
  AnalyzerOptions o;
  std::size_t start = 0;
  bool first = true;
  while (start <= text.size()) {
    std::size_t end = text.find(';', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view item = text.substr(start, end - start);
    start = end + 1;
    if (first) {
      if (item != "v1") return false;
      first = false;
      continue;
    }
    std::size_t eq = item.find('=');
    if (eq == std::string_view::npos) return false;
    std::string_view key = item.substr(0, eq), val = item.substr(eq + 1);
    bool b = val == "1";
    if (key == "tm") o.normalizer.fold_teh_marbuta = b;
    else if (key == "hs") o.normalizer.fold_hamza_seats = b;
    else if (key == "fa") o.normalizer.fold_persian_letters = b;
    else if (key == "qm") o.normalizer.strip_quranic_marks = b;
    else if (key == "dg") o.normalizer.fold_digits = b;
    else if (key == "cf") o.normalizer.fold_case = b;
    else if (key == "zw") o.normalizer.zwnj = val == "s" ? ZwnjPolicy::kSeparate : ZwnjPolicy::kRemove;
    else if (key == "max") {
      if (val.empty() || !IsDigits(val) || val.size() > 4) return false;
      o.tokenizer.max_token_bytes = std::stoul(std::string(val));
    } else if (key == "url") o.tokenizer.keep_urls = b;
    else if (key == "stem") {
      if (!ParseStemStrength(val, &o.stemming)) return false;
    } else if (key == "stop") o.stopwords = b;
    else return false;  // written by a newer library: refuse rather than guess
  }
  *out = o;
  return !first;
}

void Rethrow(const Xapian::Error& e, const std::string& path) {
  const std::string what = e.get_msg().empty() ? e.get_type() : e.get_msg();
  // Xapian::Error has no virtual functions in 1.4: dispatch on the type name.
  const std::string type = e.get_type();
  if (type == "DatabaseLockError")
    throw IndexLockedError("index " + path +
                           " is locked: another libsearch-index (or Xapian writer) is "
                           "updating it; wait for it to finish (" + what + ")");
  if (type == "DatabaseNotFoundError" || type == "DatabaseOpeningError" ||
      type == "DatabaseVersionError")
    throw IndexNotFoundError("cannot open index " + path + ": " + what);
  throw IndexError("index " + path + ": " + type + ": " + what);
}

}  // namespace schema
}  // namespace libsearch
