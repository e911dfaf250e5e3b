// libsearch/archive/archive_reader.cc: JSON Lines (plain or gzip) and
// directory-of-text-files input for the indexer. See libsearch/archive.h.
#include "libsearch/archive.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <boost/locale/encoding.hpp>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <system_error>
#include <utility>

#include "archive/line_source.h"
#include "archive/text_encoding.h"
#include "libsearch/error.h"

namespace libsearch {

namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

}  // namespace

bool ParseEncoding(std::string_view name, Encoding* out) {
  static const struct {
    const char* name;
    Encoding encoding;
  } kNames[] = {
      {"auto", Encoding::kAuto},
      {"utf-8", Encoding::kUtf8},
      {"utf8", Encoding::kUtf8},
      {"windows-1256", Encoding::kWindows1256},
      {"cp1256", Encoding::kWindows1256},
      {"iso-8859-6", Encoding::kIso8859_6},
      {"iso8859-6", Encoding::kIso8859_6},
  };
  for (const auto& n : kNames) {
    if (EqualsIgnoreCase(name, n.name)) {
      if (out) *out = n.encoding;
      return true;
    }
  }
  return false;
}

const char* EncodingName(Encoding encoding) noexcept {
  switch (encoding) {
    case Encoding::kAuto: return "auto";
    case Encoding::kUtf8: return "utf-8";
    case Encoding::kWindows1256: return "windows-1256";
    case Encoding::kIso8859_6: return "iso-8859-6";
  }
  return "unknown";
}

namespace archive_internal {

// ---------------------------------------------------------------- encodings

SingleByteCharset::SingleByteCharset(Encoding encoding) {
  const char* charset = encoding == Encoding::kWindows1256 ? "windows-1256" : "ISO-8859-6";
  for (int b = 0x80; b < 0x100; ++b) {
    const std::string in(1, static_cast<char>(b));
    std::string utf8;
    try {
      utf8 = boost::locale::conv::to_utf<char>(in, charset, boost::locale::conv::stop);
    } catch (const boost::locale::conv::conversion_error&) {
      continue;  // undefined in this charset
    }
    if (utf8.empty() || utf8.size() > sizeof(Entry::bytes)) continue;
    Entry& e = table_[b];
    std::memcpy(e.bytes, utf8.data(), utf8.size());
    e.length = static_cast<unsigned char>(utf8.size());
  }
}

const SingleByteCharset& CharsetFor(Encoding encoding) {
  static const SingleByteCharset windows1256(Encoding::kWindows1256);
  static const SingleByteCharset iso8859_6(Encoding::kIso8859_6);
  return encoding == Encoding::kWindows1256 ? windows1256 : iso8859_6;
}

Encoding DetectEncoding(std::string_view sample) {
  const auto* p = reinterpret_cast<const unsigned char*>(sample.data());
  const std::size_t size = sample.size();
  std::size_t valid = 0, invalid = 0;
  for (std::size_t i = 0; i < size;) {
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    bool truncated;
    const std::size_t n = Utf8SequenceLength(p + i, size - i, &truncated);
    if (truncated) break;  // the sample was cut mid-sequence
    if (n == 0) {
      ++invalid;
      ++i;
    } else {
      ++valid;
      i += n;
    }
  }
  // In Windows-1256 or ISO-8859-6 Arabic nearly every letter byte is
  // followed by another letter byte, which is invalid UTF-8; a valid pair
  // arises only by accident (a letter before ، or ؟). So a majority of valid
  // sequences means UTF-8, and one bad line in a small UTF-8 file cannot
  // turn the whole file into Windows-1256.
  if (valid > invalid) return Encoding::kUtf8;

  const SingleByteCharset& iso = CharsetFor(Encoding::kIso8859_6);
  for (std::size_t i = 0; i < size; ++i) {
    if ((p[i] >= 0x80 && p[i] <= 0x9F) || !iso.Defines(p[i])) return Encoding::kWindows1256;
  }
  return Encoding::kIso8859_6;
}

// ------------------------------------------------------------ InputStream

namespace {
constexpr std::size_t kRawChunk = 256u << 10;
constexpr std::size_t kLineBufferStart = 256u << 10;
constexpr std::size_t kMinRead = 64u << 10;

std::string ErrnoText(int err) { return std::strerror(err); }
}  // namespace

InputStream::InputStream(int fd, bool owns_fd, bool prefetch)
    : fd_(fd), owns_fd_(owns_fd), in_(new unsigned char[kRawChunk]), prefetch_(prefetch) {}

InputStream::~InputStream() {
  if (worker_.joinable()) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    worker_.join();
  }
  if (zstream_ready_) inflateEnd(&zs_);
  if (owns_fd_ && fd_ >= 0) ::close(fd_);
}

void InputStream::Start() {
  started_ = true;
  // A pipe may deliver fewer than the two magic bytes in one read.
  std::size_t have = 0;
  while (have < 2) {
    const ssize_t n = ::read(fd_, in_.get() + have, kRawChunk - have);
    if (n < 0) {
      if (errno == EINTR) continue;
      error_ = "read error: " + ErrnoText(errno);
      done_ = true;
      return;
    }
    if (n == 0) break;
    have += static_cast<std::size_t>(n);
    raw_bytes_ += static_cast<std::uint64_t>(n);
  }
  in_pos_ = 0;
  in_end_ = have;
  gzip_ = have >= 2 && in_[0] == 0x1f && in_[1] == 0x8b;
  if (!gzip_) return;
  // 15 + 16: maximum window, gzip wrapper only.
  if (inflateInit2(&zs_, 15 + 16) != Z_OK) {
    error_ = "cannot start the gzip decoder (out of memory?)";
    done_ = true;
    return;
  }
  zstream_ready_ = true;
  zs_.next_in = in_.get();
  zs_.avail_in = static_cast<uInt>(have);
}

bool InputStream::Fill() {
  for (;;) {
    const ssize_t n = ::read(fd_, in_.get(), kRawChunk);
    if (n < 0) {
      if (errno == EINTR) continue;
      error_ = "read error: " + ErrnoText(errno);
      return false;
    }
    if (n == 0) return false;
    raw_bytes_ += static_cast<std::uint64_t>(n);
    in_pos_ = 0;
    in_end_ = static_cast<std::size_t>(n);
    return true;
  }
}

std::size_t InputStream::Read(char* dst, std::size_t cap) {
  if (!started_) {
    Start();
    seen_raw_ = raw_bytes_;
    if (gzip_ && prefetch_ && !done_) worker_ = std::thread(&InputStream::PrefetchLoop, this);
  }
  if (worker_.joinable()) return ReadPrefetched(dst, cap);
  const std::size_t n = ReadDirect(dst, cap);
  seen_raw_ = raw_bytes_;
  seen_decoded_ = decoded_bytes_;
  if (n == 0) seen_error_ = error_;
  return n;
}

namespace {
constexpr std::size_t kPrefetchChunk = 1u << 20;
constexpr std::size_t kPrefetchDepth = 4;  // chunks inflated ahead at most
}  // namespace

void InputStream::PrefetchLoop() {
  for (;;) {
    Chunk chunk;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!spare_.empty()) {
        chunk.data = std::move(spare_.back());
        spare_.pop_back();
      }
    }
    if (!chunk.data) chunk.data.reset(new char[kPrefetchChunk]);
    chunk.size = ReadDirect(chunk.data.get(), kPrefetchChunk);
    chunk.raw = raw_bytes_;
    const bool end = chunk.size == 0;
    if (end) chunk.error = error_;
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return stop_ || ready_.size() < kPrefetchDepth; });
    if (stop_) return;
    ready_.push_back(std::move(chunk));
    lock.unlock();
    cv_.notify_all();
    if (end) return;
  }
}

std::size_t InputStream::ReadPrefetched(char* dst, std::size_t cap) {
  while (current_pos_ == current_.size) {
    if (prefetch_done_) return 0;
    std::unique_lock<std::mutex> lock(mu_);
    if (current_.data) spare_.push_back(std::move(current_.data));
    cv_.wait(lock, [&] { return !ready_.empty(); });
    current_ = std::move(ready_.front());
    ready_.pop_front();
    lock.unlock();
    cv_.notify_all();
    current_pos_ = 0;
    seen_raw_ = current_.raw;
    if (current_.size == 0) {
      prefetch_done_ = true;
      seen_error_ = current_.error;
      return 0;
    }
  }
  const std::size_t n = std::min(cap, current_.size - current_pos_);
  std::memcpy(dst, current_.data.get() + current_pos_, n);
  current_pos_ += n;
  seen_decoded_ += n;
  return n;
}

std::size_t InputStream::ReadDirect(char* dst, std::size_t cap) {
  if (done_) return 0;
  if (gzip_) return ReadGzip(dst, cap);
  if (in_pos_ < in_end_) {  // what Start() peeked at
    const std::size_t n = std::min(cap, in_end_ - in_pos_);
    std::memcpy(dst, in_.get() + in_pos_, n);
    in_pos_ += n;
    decoded_bytes_ += n;
    return n;
  }
  for (;;) {
    const ssize_t n = ::read(fd_, dst, cap);
    if (n < 0) {
      if (errno == EINTR) continue;
      error_ = "read error: " + ErrnoText(errno);
      done_ = true;
      return 0;
    }
    if (n == 0) {
      done_ = true;
      return 0;
    }
    raw_bytes_ += static_cast<std::uint64_t>(n);
    decoded_bytes_ += static_cast<std::uint64_t>(n);
    return static_cast<std::size_t>(n);
  }
}

std::size_t InputStream::ReadGzip(char* dst, std::size_t cap) {
  cap = std::min<std::size_t>(cap, 1u << 30);  // avail_out is a uInt
  zs_.next_out = reinterpret_cast<Bytef*>(dst);
  zs_.avail_out = static_cast<uInt>(cap);
  while (zs_.avail_out == cap && !done_) {
    if (zs_.avail_in == 0) {
      if (!Fill()) {
        done_ = true;
        if (!failed() && !between_members_)
          error_ = "truncated gzip data: the file ends inside the compressed stream";
        break;
      }
      zs_.next_in = in_.get();
      zs_.avail_in = static_cast<uInt>(in_end_);
    }
    if (between_members_) {
      // Bytes after the last member that are not another member are
      // ignored, as gzip(1) does (often zero padding).
      if (zs_.next_in[0] != 0x1f) {
        done_ = true;
        break;
      }
      inflateReset(&zs_);
      between_members_ = false;
    }
    const int rc = inflate(&zs_, Z_NO_FLUSH);
    if (rc == Z_STREAM_END) {
      between_members_ = true;
    } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
      error_ = std::string("corrupt gzip data (zlib: ") +
               (zs_.msg ? zs_.msg : "error " + std::to_string(rc)) + ")";
      done_ = true;
      break;
    }
  }
  const std::size_t produced = cap - zs_.avail_out;
  decoded_bytes_ += produced;
  return produced;
}

// ------------------------------------------------------------- LineReader

LineReader::LineReader(InputStream* in, std::size_t max_line)
    : in_(in), max_line_(max_line), buf_(new char[kLineBufferStart]), cap_(kLineBufferStart) {}

bool LineReader::ReadMore() {
  if (cap_ - end_ < kMinRead && begin_ > 0) {
    // Move the partial line to the front; done only when space runs low,
    // so most reads append without copying.
    std::memmove(buf_.get(), buf_.get() + begin_, end_ - begin_);
    buf_offset_ += begin_;
    end_ -= begin_;
    begin_ = 0;
  }
  if (cap_ - end_ < kMinRead) {
    const std::size_t new_cap = cap_ * 2;
    std::unique_ptr<char[]> bigger(new char[new_cap]);
    std::memcpy(bigger.get(), buf_.get(), end_);
    buf_ = std::move(bigger);
    cap_ = new_cap;
  }
  const std::size_t n = in_->Read(buf_.get() + end_, cap_ - end_);
  end_ += n;
  return n > 0;
}

LineReader::Result LineReader::Emit(const char* start, const char* stop) {
  ++line_number_;
  std::size_t length = static_cast<std::size_t>(stop - start);
  if (length > 0 && start[length - 1] == '\r') --length;
  if (length > max_line_) {
    skipped_length_ = length;
    return Result::kTooLong;
  }
  line_ = std::string_view(start, length);
  return Result::kLine;
}

LineReader::Result LineReader::SkipLongLine(std::uint64_t already) {
  // Drop what is buffered and scan chunk by chunk for the line's end.
  std::uint64_t skipped = already;
  buf_offset_ += end_;
  begin_ = end_ = 0;
  for (;;) {
    const std::size_t n = in_->Read(buf_.get(), cap_);
    ++line_number_;
    if (n == 0) {
      eof_ = true;
      if (in_->failed()) {
        reported_error_ = true;
        return Result::kError;
      }
      skipped_length_ = skipped;
      return Result::kTooLong;
    }
    const char* nl = static_cast<const char*>(std::memchr(buf_.get(), '\n', n));
    if (nl) {
      skipped += static_cast<std::uint64_t>(nl - buf_.get());
      begin_ = static_cast<std::size_t>(nl - buf_.get()) + 1;
      end_ = n;
      skipped_length_ = skipped;
      return Result::kTooLong;
    }
    --line_number_;
    skipped += n;
    buf_offset_ += n;
  }
}

LineReader::Result LineReader::Next() {
  skipped_length_ = 0;
  for (;;) {
    const char* start = buf_.get() + begin_;
    const std::size_t pending = end_ - begin_;
    if (pending > 0) {
      const char* nl = static_cast<const char*>(std::memchr(start, '\n', pending));
      if (nl) {
        begin_ = static_cast<std::size_t>(nl - buf_.get()) + 1;
        return Emit(start, nl);
      }
    }
    if (eof_) {
      if (in_->failed()) {
        // Report the failure once, at the line it interrupted; a partial
        // line before it is not a record.
        if (reported_error_) return Result::kEnd;
        reported_error_ = true;
        begin_ = end_;
        ++line_number_;
        return Result::kError;
      }
      if (pending == 0) return Result::kEnd;
      begin_ = end_;
      return Emit(start, start + pending);
    }
    if (pending > max_line_) return SkipLongLine(pending);
    if (!ReadMore()) eof_ = true;
  }
}

}  // namespace archive_internal
}  // namespace libsearch

// ============================================================== the reader

namespace libsearch {
namespace {

using archive_internal::CharsetFor;
using archive_internal::DetectEncoding;
using archive_internal::FindInvalidUtf8;
using archive_internal::InputStream;
using archive_internal::IsAscii;
using archive_internal::kNoError;
using archive_internal::LineReader;
using Json = nlohmann::json;
namespace fs = std::filesystem;

constexpr std::size_t kMaxIdBytes = 200;          // see NewsDocument::id
constexpr std::size_t kDetectSample = 64u << 10;  // bytes looked at by kAuto
constexpr std::size_t kBinaryProbe = 8u << 10;    // NUL bytes here: binary
constexpr const char kBom[] = "\xEF\xBB\xBF";

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

bool IsBlank(std::string_view s) { return Trim(s).empty(); }

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool IsUtf16Bom(std::string_view s) {
  return s.size() >= 2 && ((s[0] == '\xFF' && s[1] == '\xFE') || (s[0] == '\xFE' && s[1] == '\xFF'));
}

std::string Hex(unsigned char b) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%02X", b);
  return buf;
}

// At most `max` bytes of `s` for a message, not cutting a UTF-8 sequence.
std::string Excerpt(std::string_view s, std::size_t max = 40) {
  if (s.size() <= max) return std::string(s);
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return std::string(s.substr(0, cut)) + "...";
}

std::string Quoted(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) {
    if (!out.empty()) out += ", ";
    out += '"' + n + '"';
  }
  return out;
}

// "a number", "an array": for messages about wrong member types.
std::string WithArticle(const char* type_name) {
  const char c = type_name[0];
  const bool vowel = c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
  return std::string(vowel ? "an " : "a ") + type_name;
}

int DaysInMonth(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// "YYYY-MM-DD", or an ISO 8601 timestamp starting with one
// ("2024-03-05T10:00:00Z", "2024-03-05 10:00:00+03:00"): the date as
// written, without shifting by the time zone.
bool ParseDate(std::string_view s, std::string* out) {
  s = Trim(s);
  auto digits = [&](std::size_t pos, std::size_t n, int* value) {
    int v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
      if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
      v = v * 10 + (s[i] - '0');
    }
    *value = v;
    return true;
  };
  int y, m, d;
  if (s.size() < 10 || !digits(0, 4, &y) || s[4] != '-' || !digits(5, 2, &m) || s[7] != '-' ||
      !digits(8, 2, &d))
    return false;
  if (y == 0 || m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m)) return false;
  if (s.size() > 10) {
    int hh, mm;
    if (!(s[10] == 'T' || s[10] == 't' || s[10] == ' ') || !digits(11, 2, &hh) || s.size() < 14 ||
        s[13] != ':' || !digits(14, 2, &mm) || hh > 24 || mm > 59)
      return false;
    for (char c : s.substr(16)) {
      if (!((c >= '0' && c <= '9') || c == ':' || c == '.' || c == ',' || c == '+' || c == '-' ||
            c == 'Z' || c == 'z'))
        return false;
    }
  }
  out->assign(s.data(), 10);
  return true;
}

// nlohmann's message without its "[json.exception...] parse error at line
// 1, column N: " preamble, and with an overlong "last read" excerpt cut.
std::string JsonErrorText(const Json::parse_error& e) {
  std::string what = e.what();
  std::size_t pos = what.find("column ");
  pos = what.find(": ", pos == std::string::npos ? 0 : pos);
  std::string text = pos == std::string::npos ? what : what.substr(pos + 2);
  const std::string marker = "last read: '";
  const std::size_t lr = text.find(marker);
  if (lr != std::string::npos) {
    const std::size_t from = lr + marker.size();
    std::size_t to = text.rfind("'; expected");
    if (to == std::string::npos || to < from) to = text.rfind('\'');
    if (to != std::string::npos && to >= from && to - from > 40)
      text = text.substr(0, from) + Excerpt(std::string_view(text).substr(from, to - from)) +
             text.substr(to);
  }
  return text;
}

// A field's member: the first candidate that is present, not null and not
// an empty string. *which is its name.
Json* FindMember(Json& object, const std::vector<std::string>& names, const std::string** which) {
  for (const auto& name : names) {
    auto it = object.find(name);
    if (it == object.end() || it->is_null()) continue;
    if (it->is_string() && it->get_ref<const std::string&>().empty()) continue;
    *which = &name;
    return &*it;
  }
  return nullptr;
}

void SetProblem(ArchiveRecord* record, std::string message) {
  record->kind = ArchiveRecord::Kind::kProblem;
  record->document = NewsDocument();
  record->problem = std::move(message);
}

// Fills record->document from a parsed JSON object, or makes the record a
// problem. `where` is "line N: ".
void MapObject(Json& object, const JsonFieldMap& fields, const std::string& where,
               ArchiveRecord* record) {
  NewsDocument& doc = record->document;
  const std::string* name = nullptr;

  Json* id = FindMember(object, fields.id, &name);
  if (!id) {
    SetProblem(record, where + "no id: member" + (fields.id.size() == 1 ? " " : "s ") +
                           Quoted(fields.id) + (fields.id.size() == 1 ? " is" : " are") +
                           " missing or empty");
    return;
  }
  if (id->is_string()) {
    doc.id = std::move(id->get_ref<std::string&>());
  } else if (id->is_number_unsigned()) {
    doc.id = std::to_string(id->get<std::uint64_t>());
  } else if (id->is_number_integer()) {
    doc.id = std::to_string(id->get<std::int64_t>());
  } else if (id->is_number_float() && std::isfinite(id->get<double>()) &&
             id->get<double>() == std::floor(id->get<double>()) &&
             std::fabs(id->get<double>()) < 9007199254740992.0) {  // 2^53: exact
    doc.id = std::to_string(static_cast<std::int64_t>(id->get<double>()));
  } else {
    SetProblem(record, where + "id member \"" + *name + "\" is " + WithArticle(id->type_name()) +
                           (id->is_number() ? " that is not a whole number" : "") +
                           "; expected a string or a whole number");
    return;
  }
  if (IsBlank(doc.id)) {
    SetProblem(record, where + "id member \"" + *name + "\" is blank");
    return;
  }
  if (doc.id.size() > kMaxIdBytes) {
    SetProblem(record, where + "id is " + std::to_string(doc.id.size()) + " bytes long; at most " +
                           std::to_string(kMaxIdBytes) + " are allowed");
    return;
  }

  const struct {
    const std::vector<std::string>* names;
    std::string* out;
  } text_fields[] = {{&fields.title, &doc.title},
                     {&fields.body, &doc.body},
                     {&fields.source, &doc.source},
                     {&fields.url, &doc.url}};
  for (const auto& f : text_fields) {
    Json* v = FindMember(object, *f.names, &name);
    if (!v) continue;
    if (!v->is_string()) {
      SetProblem(record, where + "member \"" + *name + "\" is " + WithArticle(v->type_name()) +
                             "; expected a string");
      return;
    }
    *f.out = std::move(v->get_ref<std::string&>());
  }

  // A bad date costs the article its date, not the article itself.
  Json* date = FindMember(object, fields.date, &name);
  if (!date) return;
  if (!date->is_string()) {
    record->warning = where + "date member \"" + *name + "\" is " + WithArticle(date->type_name()) +
                      ", not a \"YYYY-MM-DD\" string; article kept without a date";
  } else if (!ParseDate(date->get_ref<const std::string&>(), &doc.date)) {
    record->warning = where + "date \"" + Excerpt(date->get_ref<const std::string&>()) +
                      "\" in member \"" + *name +
                      "\" is not YYYY-MM-DD or an ISO 8601 timestamp; article kept without a date";
  }
}

const char* const kEncodingHint =
    "; if the file is not UTF-8, give its encoding (windows-1256 or iso-8859-6)";

bool IsRegularFile(int fd) {
  struct stat st;
  return ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
}

// One JSON Lines file (or standard input), read line by line.
class JsonlFile {
 public:
  JsonlFile(int fd, bool owns_fd, std::string display, const ArchiveOptions& options)
      : options_(options),
        display_(std::move(display)),
        in_(fd, owns_fd, IsRegularFile(fd)),
        lines_(&in_, options.max_record_bytes),
        encoding_(options.encoding) {}

  // Fills *record with the next article or problem; false at the end.
  bool Next(ArchiveRecord* record) {
    if (done_) return false;
    for (;;) {
      const LineReader::Result r = lines_.Next();
      if (r == LineReader::Result::kEnd) {
        done_ = true;
        if (in_.decoded_bytes() != 0 || in_.failed()) return false;
        Start(record, 0);
        SetProblem(record, "empty file");
        return true;
      }
      if (r == LineReader::Result::kError) {
        done_ = true;
        Start(record, lines_.line_number());
        SetProblem(record, Where() + in_.error() + "; the rest of the file is skipped");
        return true;
      }
      if (r == LineReader::Result::kTooLong) {
        Start(record, lines_.line_number());
        SetProblem(record, Where() + "record is " + std::to_string(lines_.skipped_length()) +
                               " bytes, over the limit of " +
                               std::to_string(options_.max_record_bytes) +
                               " bytes (max_record_bytes); skipped");
        return true;
      }
      std::string_view line = lines_.line();
      std::size_t sample_skip = 0;
      if (lines_.line_number() == 1) {
        if (StartsWith(line, kBom)) {
          line.remove_prefix(3);
          sample_skip = 3;
          if (encoding_ == Encoding::kAuto) encoding_ = Encoding::kUtf8;
        } else if (IsUtf16Bom(line)) {
          done_ = true;
          Start(record, 1);
          SetProblem(record, "the file is UTF-16, which is not supported; convert it to UTF-8");
          return true;
        }
      }
      if (IsBlank(line)) continue;
      // kAuto: the first line with non-ASCII bytes decides for the whole
      // file, judged on up to 64 KiB from there.
      if (encoding_ == Encoding::kAuto && !IsAscii(line)) {
        std::string_view sample = lines_.buffered_from_line().substr(sample_skip);
        encoding_ = DetectEncoding(sample.substr(0, kDetectSample));
      }
      Start(record, lines_.line_number());
      Parse(line, record);
      return true;
    }
  }

  // Input bytes not yet attributed to a record (blank lines at the end).
  std::uint64_t unreported_bytes() const { return in_.raw_bytes() - reported_; }

 private:
  void Start(ArchiveRecord* record, std::uint64_t line) {
    *record = ArchiveRecord();
    record->file = display_;
    record->line = line;
    record->bytes = TakeBytes();
  }

  std::string Where() const { return "line " + std::to_string(lines_.line_number()) + ": "; }

  // Input bytes consumed since the last record. For gzip the compressed
  // position of a line is estimated from the compression ratio so far;
  // the estimates add up to the file size.
  std::uint64_t TakeBytes() {
    std::uint64_t at;
    if (done_) {
      at = in_.raw_bytes();
    } else if (!in_.gzip()) {
      at = lines_.position();
    } else if (in_.decoded_bytes() == 0) {
      at = 0;
    } else {
      at = static_cast<std::uint64_t>(static_cast<long double>(in_.raw_bytes()) *
                                      lines_.position() / in_.decoded_bytes());
    }
    at = std::min(std::max(at, reported_), in_.raw_bytes());
    const std::uint64_t bytes = at - reported_;
    reported_ = at;
    return bytes;
  }

  void Parse(std::string_view line, ArchiveRecord* record) {
    const bool legacy =
        encoding_ == Encoding::kWindows1256 || encoding_ == Encoding::kIso8859_6;
    std::string_view text = line;
    if (legacy) {
      converted_.clear();
      const std::size_t bad = CharsetFor(encoding_).ToUtf8(line, &converted_);
      if (bad != kNoError) {
        SetProblem(record, Where() + "byte " + std::to_string(bad + 1) + " (" +
                               Hex(static_cast<unsigned char>(line[bad])) +
                               ") is not a character in " + EncodingName(encoding_) +
                               "; is that the file's encoding?");
        return;
      }
      text = converted_;
    }
    Json object;
    try {
      object = Json::parse(text.data(), text.data() + text.size());
    } catch (const Json::parse_error& e) {
      // nlohmann rejects ill-formed UTF-8 too; say so precisely.
      const std::size_t bad = legacy ? kNoError : FindInvalidUtf8(text);
      if (bad != kNoError) {
        SetProblem(record, Where() + "invalid UTF-8 at byte " + std::to_string(bad + 1) + " (" +
                               Hex(static_cast<unsigned char>(text[bad])) + ")" +
                               (options_.encoding == Encoding::kAuto ? kEncodingHint : ""));
      } else {
        SetProblem(record, Where() + "broken JSON at byte " + std::to_string(e.byte) + ": " +
                               JsonErrorText(e));
      }
      return;
    }
    if (!object.is_object()) {
      SetProblem(record, Where() + "expected a JSON object, found " +
                             WithArticle(object.type_name()));
      return;
    }
    MapObject(object, options_.fields, Where(), record);
  }

  const ArchiveOptions& options_;
  std::string display_;
  InputStream in_;
  LineReader lines_;
  Encoding encoding_;  // kAuto until a non-ASCII line decides it
  bool done_ = false;
  std::uint64_t reported_ = 0;
  std::string converted_;
};

// ------------------------------------------------------- directory input

struct Entry {
  enum class Type { kJsonl, kText, kProblem };
  Type type = Type::kText;
  std::string id;       // path relative to the root, '/'-separated
  std::string path;     // for open() and messages
  std::string problem;  // kProblem
  std::uint64_t size = 0;
  int fd = -1;  // already open (the top-level file), else opened when read
};

bool IsJsonlName(std::string_view name) {
  return EndsWith(name, ".jsonl") || EndsWith(name, ".jsonl.gz") || EndsWith(name, ".json.gz");
}

std::string JoinPath(const std::string& dir, const std::string& rel) {
  if (dir.empty() || dir.back() == '/') return dir + rel;
  return dir + "/" + rel;
}

// Collects the regular files under root/rel. Hidden entries are skipped;
// symbolic links to files are followed, to directories not (no cycles).
void Walk(const std::string& root, const std::string& rel, std::vector<Entry>* out) {
  const std::string dir = rel.empty() ? root : JoinPath(root, rel);
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  const fs::directory_iterator end;
  for (; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.empty() || name[0] == '.') continue;
    const std::string child = rel.empty() ? name : rel + "/" + name;
    std::error_code sec;
    const fs::file_status link = it->symlink_status(sec);
    if (fs::is_directory(link)) {
      Walk(root, child, out);
      continue;
    }
    const fs::file_status st = fs::is_symlink(link) ? it->status(sec) : link;
    if (!fs::is_regular_file(st)) continue;
    Entry e;
    e.type = IsJsonlName(name) ? Entry::Type::kJsonl : Entry::Type::kText;
    e.id = child;
    e.path = JoinPath(root, child);
    const auto size = it->file_size(sec);
    e.size = sec ? 0 : static_cast<std::uint64_t>(size);
    out->push_back(std::move(e));
  }
  if (ec) {
    Entry e;
    e.type = Entry::Type::kProblem;
    e.id = rel;
    e.path = dir;
    e.problem = "cannot read directory: " + ec.message() + "; its files are skipped";
    out->push_back(std::move(e));
  }
}

// Reads up to limit + 1 bytes of fd into *out; false with errno on failure.
bool ReadAll(int fd, std::size_t limit, std::string* out) {
  out->clear();
  std::size_t have = 0;
  for (;;) {
    const std::size_t cap = limit == SIZE_MAX ? limit : limit + 1;  // + 1: "too big"
    if (out->size() - have < 64u << 10) out->resize(std::min(have + (1u << 20), cap));
    if (have == out->size()) break;
    const ssize_t n = ::read(fd, &(*out)[have], out->size() - have);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    if (n == 0) break;
    have += static_cast<std::size_t>(n);
  }
  out->resize(have);
  return true;
}

// One text file is one article: first non-blank line the title, the rest
// the body.
void ReadTextArticle(const Entry& entry, const ArchiveOptions& options, ArchiveRecord* record) {
  record->file = entry.path;
  record->bytes = entry.size;
  const int fd = ::open(entry.path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    SetProblem(record, "cannot open: " + std::string(std::strerror(errno)));
    return;
  }
  std::string content;
  const bool ok = ReadAll(fd, options.max_record_bytes, &content);
  const int read_errno = errno;
  ::close(fd);
  if (!ok) {
    SetProblem(record, "read error: " + std::string(std::strerror(read_errno)));
    return;
  }
  if (content.size() > options.max_record_bytes) {
    SetProblem(record, "file is " + std::to_string(std::max<std::uint64_t>(entry.size, content.size())) +
                           " bytes, over the limit of " + std::to_string(options.max_record_bytes) +
                           " bytes (max_record_bytes); skipped");
    return;
  }
  if (content.empty()) {
    SetProblem(record, "empty file");
    return;
  }
  if (std::memchr(content.data(), '\0', std::min(content.size(), kBinaryProbe))) {
    SetProblem(record, "binary file (NUL bytes in its first 8 KiB); skipped");
    return;
  }
  Encoding encoding = options.encoding;
  std::string_view text = content;
  if (StartsWith(text, kBom)) {
    text.remove_prefix(3);
    if (encoding == Encoding::kAuto) encoding = Encoding::kUtf8;
  }
  if (encoding == Encoding::kAuto) encoding = DetectEncoding(text.substr(0, kDetectSample));
  std::string converted;
  if (encoding == Encoding::kUtf8) {
    const std::size_t bad = FindInvalidUtf8(text);
    if (bad != kNoError) {
      const std::size_t line_start = text.rfind('\n', bad);
      const std::size_t column = line_start == std::string_view::npos ? bad + 1 : bad - line_start;
      const auto line = 1 + std::count(text.begin(), text.begin() + bad, '\n');
      SetProblem(record, "invalid UTF-8 at line " + std::to_string(line) + ", byte " +
                             std::to_string(column) + " (" +
                             Hex(static_cast<unsigned char>(text[bad])) + ")" +
                             (options.encoding == Encoding::kAuto ? kEncodingHint : ""));
      return;
    }
  } else {
    const std::size_t bad = CharsetFor(encoding).ToUtf8(text, &converted);
    if (bad != kNoError) {
      SetProblem(record, "byte " + std::to_string(bad + 1) + " (" +
                             Hex(static_cast<unsigned char>(text[bad])) +
                             ") is not a character in " + EncodingName(encoding) +
                             "; is that the file's encoding?");
      return;
    }
    text = converted;
  }

  // Title: the first non-blank line.
  std::size_t pos = 0;
  std::string_view title;
  while (pos < text.size() && title.empty()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    title = Trim(text.substr(pos, nl - pos));
    pos = nl + 1;
  }
  if (title.empty()) {
    SetProblem(record, "empty file (only blank lines)");
    return;
  }
  NewsDocument& doc = record->document;
  doc.id = entry.id;
  doc.title.assign(title.data(), title.size());
  const std::string_view body = pos < text.size() ? Trim(text.substr(pos)) : std::string_view();
  doc.body.reserve(body.size());
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '\r' && i + 1 < body.size() && body[i + 1] == '\n') continue;  // CRLF → LF
    doc.body.push_back(body[i]);
  }
}

// A single file given as the input: gzip data or text starting with '{'
// (after a BOM and blank space) is JSON Lines; anything else is one text
// article. Pipes and devices cannot be peeked at, so they are JSON Lines.
Entry::Type ClassifyFile(int fd) {
  unsigned char head[4096];
  ssize_t n;
  do {
    n = ::pread(fd, head, sizeof head, 0);
  } while (n < 0 && errno == EINTR);
  if (n <= 0) return Entry::Type::kJsonl;  // empty: reported as an empty file
  std::string_view s(reinterpret_cast<const char*>(head), static_cast<std::size_t>(n));
  if (s.size() >= 2 && head[0] == 0x1f && head[1] == 0x8b) return Entry::Type::kJsonl;
  if (StartsWith(s, kBom)) s.remove_prefix(3);
  s = Trim(s);
  if (s.empty()) return Entry::Type::kJsonl;
  return s[0] == '{' ? Entry::Type::kJsonl : Entry::Type::kText;
}

}  // namespace

// ============================================================ ArchiveReader

struct ArchiveReader::Impl {
  ArchiveOptions options;
  std::vector<Entry> entries;
  std::size_t next_entry = 0;
  std::unique_ptr<JsonlFile> current;
  std::uint64_t total_bytes = 0;
  std::uint64_t carry_bytes = 0;  // consumed by nothing yet (blank tail lines)

  ~Impl() {
    current.reset();
    for (const Entry& e : entries)
      if (e.fd >= 0) ::close(e.fd);
  }

  bool Next(ArchiveRecord* record) {
    for (;;) {
      if (current) {
        if (current->Next(record)) {
          record->bytes += std::exchange(carry_bytes, 0);
          return true;
        }
        carry_bytes += current->unreported_bytes();
        current.reset();
      }
      if (next_entry == entries.size()) return false;
      Entry& entry = entries[next_entry++];
      if (entry.type == Entry::Type::kJsonl) {
        if (entry.path == "-") {
          current = std::make_unique<JsonlFile>(STDIN_FILENO, false, "<stdin>", options);
          continue;
        }
        const int fd =
            entry.fd >= 0 ? std::exchange(entry.fd, -1) : ::open(entry.path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd >= 0) {
          current = std::make_unique<JsonlFile>(fd, true, entry.path, options);
          continue;
        }
        *record = ArchiveRecord();
        record->file = entry.path;
        record->bytes = entry.size;
        SetProblem(record, "cannot open: " + std::string(std::strerror(errno)));
      } else {
        *record = ArchiveRecord();
        if (entry.type == Entry::Type::kText) {
          ReadTextArticle(entry, options, record);
        } else {
          record->file = entry.path;
          SetProblem(record, entry.problem);
        }
      }
      record->bytes += std::exchange(carry_bytes, 0);
      return true;
    }
  }
};

ArchiveReader::ArchiveReader(const std::string& path, const ArchiveOptions& options)
    : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
  Entry top;
  top.path = path;
  if (path == "-") {
    top.type = Entry::Type::kJsonl;
    impl_->entries.push_back(std::move(top));
    return;
  }
  struct stat st;
  if (::stat(path.c_str(), &st) != 0)
    throw InputError("cannot read archive '" + path + "': " + std::strerror(errno));
  if (S_ISDIR(st.st_mode)) {
    std::error_code ec;
    fs::directory_iterator probe(path, ec);
    if (ec) throw InputError("cannot read archive directory '" + path + "': " + ec.message());
    Walk(path, "", &impl_->entries);
    std::sort(impl_->entries.begin(), impl_->entries.end(),
              [](const Entry& a, const Entry& b) { return a.id < b.id; });
    for (const Entry& e : impl_->entries) impl_->total_bytes += e.size;
    return;
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw InputError("cannot open archive '" + path + "': " + std::strerror(errno));
  top.type = S_ISREG(st.st_mode) ? ClassifyFile(fd) : Entry::Type::kJsonl;
  // Kept open: re-opening a named pipe would lose its writer.
  if (top.type == Entry::Type::kJsonl)
    top.fd = fd;
  else
    ::close(fd);
  top.id = fs::path(path).filename().string();
  top.size = S_ISREG(st.st_mode) ? static_cast<std::uint64_t>(st.st_size) : 0;
  impl_->total_bytes = top.size;
  impl_->entries.push_back(std::move(top));
}

ArchiveReader::~ArchiveReader() = default;

bool ArchiveReader::Next(ArchiveRecord* record) { return impl_->Next(record); }

std::uint64_t ArchiveReader::total_bytes() const noexcept { return impl_->total_bytes; }

}  // namespace libsearch
