// libFuzzer target: the tokenizer on arbitrary bytes. Checks that every
// token's byte range lies inside the input, that ranges never go backwards,
// that positions count up by one, and that token text is valid UTF-8 of
// bounded length. Then the analyzer on the same bytes, whose tokens must be
// the tokenizer's one for one: it runs the tokenizer's common case its own
// way (inline, and on processors with AVX2 with wider blocks and whole
// batches of words, analyzer.cc), and each light stem must lie inside its
// token.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_util.h"
#include "libsearch/analyzer.h"
#include "libsearch/tokenizer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  libsearch::NormalizerOptions n;
  libsearch::TokenizerOptions t;
  if (size > 0) {
    n.zwnj = data[0] & 1 ? libsearch::ZwnjPolicy::kSeparate : libsearch::ZwnjPolicy::kRemove;
    n.fold_case = data[0] & 2;
    t.keep_urls = data[0] & 4;
    t.max_token_bytes = data[0] & 8 ? 8 : 120;
  }
  const libsearch::Tokenizer tokenizer(n, t);
  libsearch::TokenStream stream = tokenizer.Tokenize(input);
  libsearch::Token token;
  std::size_t last_begin = 0;
  std::uint32_t expected_position = 0;
  while (stream.Next(&token)) {
    FUZZ_CHECK(token.begin < token.end);
    FUZZ_CHECK(token.end <= size);
    // A character that expands to several words gives tokens sharing its
    // range, so begin may repeat but never go back.
    FUZZ_CHECK(token.begin >= last_begin);
    last_begin = token.begin;
    FUZZ_CHECK(token.position >= expected_position);  // skipped long tokens take none
    expected_position = token.position + 1;
    FUZZ_CHECK(!token.text.empty());
    FUZZ_CHECK(token.text.size() <= t.max_token_bytes);
    FUZZ_CHECK(fuzz::IsValidUtf8(token.text));
  }

  libsearch::AnalyzerOptions a;
  a.normalizer = n;
  a.tokenizer = t;
  const libsearch::Analyzer analyzer(a);
  libsearch::TokenStream want = analyzer.tokenizer().Tokenize(input);
  libsearch::AnalyzedStream got = analyzer.Analyze(input);
  libsearch::AnalyzedToken g;
  for (;;) {
    const bool more_w = want.Next(&token);
    const bool more_g = got.Next(&g);
    FUZZ_CHECK(more_w == more_g);
    if (!more_w) break;
    FUZZ_CHECK(g.token.text == token.text);
    FUZZ_CHECK(g.token.begin == token.begin && g.token.end == token.end);
    FUZZ_CHECK(g.token.position == token.position && g.token.kind == token.kind);
    FUZZ_CHECK(g.stem.data() >= g.token.text.data() &&
               g.stem.data() + g.stem.size() <= g.token.text.data() + g.token.text.size());
  }
  return 0;
}
