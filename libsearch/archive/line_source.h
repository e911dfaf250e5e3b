// libsearch/archive/line_source.h (private): streaming input for the
// archive reader — a file descriptor, transparently gunzipped, split into
// lines with bounded memory.
#ifndef LIBSEARCH_ARCHIVE_LINE_SOURCE_H_
#define LIBSEARCH_ARCHIVE_LINE_SOURCE_H_

#include <zlib.h>

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace libsearch {
namespace archive_internal {

// Reads a file descriptor; if the data starts with the gzip magic bytes
// (1f 8b) it is inflated on the fly, one chunk at a time. Concatenated gzip
// members are read as one stream, as gzip(1) does.
//
// With `prefetch`, gzip data is inflated ahead on a helper thread, so
// decompression overlaps the caller's parsing (nearly doubling throughput).
// Only for regular files: a read that blocks on a pipe would stall the
// destructor, which joins the thread.
class InputStream {
 public:
  // Closes `fd` on destruction when `owns_fd` (not for standard input).
  InputStream(int fd, bool owns_fd, bool prefetch = false);
  ~InputStream();
  InputStream(const InputStream&) = delete;
  InputStream& operator=(const InputStream&) = delete;

  // Reads up to `cap` (> 0) decoded bytes into `dst`. Returns 0 at the end
  // of the data or on failure; then failed() tells which.
  std::size_t Read(char* dst, std::size_t cap);

  bool failed() const { return !seen_error_.empty(); }
  // What went wrong, for a person ("truncated gzip data ...").
  const std::string& error() const { return seen_error_; }
  bool gzip() const { return gzip_; }
  // Bytes read from the file for the data handed out so far (compressed
  // bytes for gzip).
  std::uint64_t raw_bytes() const { return seen_raw_; }
  // Bytes handed out by Read() so far.
  std::uint64_t decoded_bytes() const { return seen_decoded_; }

 private:
  // Inflated data passed from the helper thread to Read().
  struct Chunk {
    std::unique_ptr<char[]> data;
    std::size_t size = 0;       // 0: the end (error_ says whether clean)
    std::uint64_t raw = 0;      // raw_bytes_ when it was produced
    std::string error;
  };

  void Start();
  bool Fill();  // reads more raw input into in_; false at EOF or on error
  std::size_t ReadDirect(char* dst, std::size_t cap);
  std::size_t ReadGzip(char* dst, std::size_t cap);
  std::size_t ReadPrefetched(char* dst, std::size_t cap);
  void PrefetchLoop();  // the helper thread

  int fd_;
  bool owns_fd_;
  std::unique_ptr<unsigned char[]> in_;
  std::size_t in_pos_ = 0;  // plain mode: unread bytes of the first chunk
  std::size_t in_end_ = 0;
  bool started_ = false;
  bool gzip_ = false;
  bool zstream_ready_ = false;
  bool between_members_ = false;  // a gzip member ended; another may follow
  bool done_ = false;
  z_stream zs_{};
  // Decoder state; owned by the helper thread while it runs.
  std::uint64_t raw_bytes_ = 0;
  std::uint64_t decoded_bytes_ = 0;
  std::string error_;

  // What the caller of Read() has been given.
  std::uint64_t seen_raw_ = 0;
  std::uint64_t seen_decoded_ = 0;
  std::string seen_error_;

  bool prefetch_;
  std::thread worker_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Chunk> ready_;                     // guarded by mu_
  std::vector<std::unique_ptr<char[]>> spare_;  // guarded by mu_
  bool stop_ = false;                           // guarded by mu_
  Chunk current_;                               // being handed out by Read()
  std::size_t current_pos_ = 0;
  bool prefetch_done_ = false;
};

// Splits an InputStream into lines. A line longer than `max_line` bytes is
// skipped while reading (never held whole in memory) and reported as
// kTooLong with its length.
class LineReader {
 public:
  enum class Result { kLine, kTooLong, kEnd, kError };

  LineReader(InputStream* in, std::size_t max_line);

  Result Next();

  // kLine: the line without its '\n' and a trailing '\r'. Valid until the
  // next call.
  std::string_view line() const { return line_; }
  // 1-based number of the line just returned, or at kError of the line
  // being read when the input failed.
  std::uint64_t line_number() const { return line_number_; }
  // kTooLong: length of the skipped line in bytes.
  std::uint64_t skipped_length() const { return skipped_length_; }
  // The current line and whatever is buffered after it; for guessing the
  // encoding from more than one line.
  std::string_view buffered_from_line() const {
    return std::string_view(line_.data(), buf_.get() + end_ - line_.data());
  }
  // Decoded stream offset just past the last line returned.
  std::uint64_t position() const { return buf_offset_ + begin_; }

 private:
  bool ReadMore();  // appends input after end_; false at end or failure
  Result SkipLongLine(std::uint64_t already);
  Result Emit(const char* start, const char* stop);

  InputStream* in_;
  std::size_t max_line_;
  std::unique_ptr<char[]> buf_;
  std::size_t cap_;
  std::size_t begin_ = 0;  // first unconsumed byte
  std::size_t end_ = 0;    // end of buffered data
  std::uint64_t buf_offset_ = 0;  // stream offset of buf_[0]
  bool eof_ = false;
  bool reported_error_ = false;
  std::string_view line_;
  std::uint64_t line_number_ = 0;
  std::uint64_t skipped_length_ = 0;
};

}  // namespace archive_internal
}  // namespace libsearch

#endif  // LIBSEARCH_ARCHIVE_LINE_SOURCE_H_
