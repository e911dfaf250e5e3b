// libsearch/normalizer.h: Arabic-aware text normalization.
//
// The normalizer decides which spellings are "the same" for search. It
// works on any byte sequence, never throws, and is idempotent:
// Normalize(Normalize(x)) == Normalize(x).
//
// What it does by default (arabic-text.md §1 has the code points):
//   deletes   harakat U+064B–U+065F, superscript alef U+0670, Qur'anic marks
//             U+0610–U+061A and U+06D6–U+06ED, tatweel U+0640, and the
//             format controls (LRM/RLM, bidi embeddings and isolates, ZWJ,
//             BOM, soft hyphen, word joiner)
//   folds     آ أ إ ٱ → ا;  ى → ي;  ة → ه;  ؤ ئ → ء;
//             ی ے → ي;  ک → ك;  ۀ ہ ھ → ه (Persian/Urdu keyboards);
//             presentation forms and lam-alef ligatures (U+FB50–U+FDFF,
//             U+FE70–U+FEFF) by compatibility decomposition;
//             Arabic-Indic and Extended Arabic-Indic digits → ASCII 0–9;
//             Latin and other cased scripts → lower case (Unicode case
//             folding; ICU serves non-ASCII letters outside Arabic, with
//             NFKC, so fullwidth Ａ and ligature ﬁ fold too). Mapping is per
//             code point: a letter and a following combining accent are not
//             composed.
//   also      every other format control (Cf, e.g. U+0600–U+0605, U+061C)
//             is deleted; ۓ U+06D3 and ۂ U+06C2 fold with the Persian
//             letters; Arabic-script combining marks outside U+0600–U+06FF
//             are deleted like harakat.
//   ZWNJ      deleted (Arabic usage: it only shapes); kSeparate makes it a
//             word boundary, as Persian analyzers do.
//
// Separators (anything that is not a letter, mark or digit) are copied
// unchanged, even when NFKC would change them (U+00A0 stays).
//
// Invalid UTF-8: each byte that does not start a valid, shortest-form UTF-8
// sequence is replaced by U+FFFD in Normalize() output, and is a word
// separator for the tokenizer. Nothing is read beyond the input.
#ifndef LIBSEARCH_NORMALIZER_H_
#define LIBSEARCH_NORMALIZER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "libsearch/export.h"

namespace libsearch {

enum class ZwnjPolicy : std::uint8_t {
  kRemove,    // ZWNJ vanishes: نمی‌شود → نميشود (one word)
  kSeparate,  // ZWNJ splits words, like a space
};

// Every field states its default. The lossy foldings are options because a
// user who needs to tell مدرسة from مدرسه, or the seat a hamza was written on, can turn them off.
struct NormalizerOptions {
  // ة → ه. Default: true (Lucene does the same; writers mix them freely at
  // word ends).
  bool fold_teh_marbuta = true;
  // ؤ and ئ → ء: the hamza's seat is a spelling convention, so مسؤول and
  // مسئول (and شؤون/شئون, رؤوس/رءوس) are one word. Default: true.
  bool fold_hamza_seats = true;
  // ی ے → ي, ک → ك, ۀ ہ ھ → ه. Default: true.
  bool fold_persian_letters = true;
  // Delete Qur'anic annotation marks. Default: true.
  bool strip_quranic_marks = true;
  // Arabic-Indic digits → ASCII. Default: true (٢٠٢٤ matches 2024).
  bool fold_digits = true;
  // Lower-case Latin and other cased scripts. Default: true.
  bool fold_case = true;
  // What ZWNJ U+200C does. Default: kRemove.
  ZwnjPolicy zwnj = ZwnjPolicy::kRemove;
};

class LIBSEARCH_EXPORT Normalizer {
 public:
  explicit Normalizer(const NormalizerOptions& options = NormalizerOptions());

  // Returns the normalized form of `text`. Separators (spaces, punctuation)
  // are kept as they are, so query syntax survives normalization.
  std::string Normalize(std::string_view text) const;

  // Appends the normalized form of `text` to *out. When `offsets` is not
  // null, appends one entry per output byte: the byte offset in `text` of
  // the character that produced it, so a range of the output maps back to
  // the original (diacritised) text.
  void NormalizeTo(std::string_view text, std::string* out,
                   std::vector<std::uint32_t>* offsets = nullptr) const;

  const NormalizerOptions& options() const noexcept { return options_; }

  // A short, stable description of what this normalizer does, e.g.
  // "norm/1:tm,hs,fa,qm,dg,cf,zr". It goes into the index's analyzer
  // fingerprint: two normalizers with the same description agree.
  std::string Description() const;

 private:
  NormalizerOptions options_;
};

}  // namespace libsearch

#endif  // LIBSEARCH_NORMALIZER_H_
