// libsearch/stemmer.h: stemmers for normalized Arabic words.
//
// Three strengths behind one interface:
//   kNone      the normalized word is its own stem
//   kLight     libsearch's light stemmer (this file documents its rules)
//   kSnowball  the stock Snowball Arabic stemmer that Xapian ships
//
// A stemmer takes a word as the tokenizer produced it (normalized). Words
// that are not Arabic (Latin words, numbers, URLs) are returned unchanged by
// every strength: an Arabic news archive's Latin words are mostly names and
// acronyms, which English stemming would damage.
//
// THE LIGHT STEMMER (kLight). Its stem is always a substring of the word,
// so it allocates nothing. It strips at most one run of proclitics and one
// run of suffixes, and never leaves fewer than three letters, except where
// stated. Words it does not touch: anything that is not made of Arabic
// letters only (Latin, numbers, URLs, words with marks left in), words of
// one or two letters, words over 64 letters.
//
// Proclitics, in this order (each step at most once):
//   1. the conjunction و or ف, when three letters remain, or when the
//      remainder is one of the two-letter words below (ومن → من);
//   2. a preposition: بال كال (two letters may remain: بالحق → حق), لل
//      (ل + article: للوزير → وزير), or a bare ب ل (three letters remain, or
//      a two-letter word: بما → ما) or ك (four letters remain: bare ك is
//      rare next to words such as كانت);
//   3. the article ال, when no preposition was stripped; two letters may
//      remain (اليد → يد).
//   So وبالكتاب, فللكتاب, والكتاب, فالكتاب, بالكتاب, للكتاب → كتاب.
// Suffixes, on what the proclitics left:
//   1. one pronoun: هما كما هم هن ها كم كن نا ه (كتابهم, كتابنا, كتابهما →
//      كتاب); a two-letter word may remain (فيها → في, منه → من). ك and ي
//      ("your", "my") are not stripped: far more news words end in a
//      radical ك (بنك, شريك) or in the nisba ي (عربي) than take them;
//   2. if no pronoun went: the verb plural وا or the tanwin alef ا, then stop
//      (قالوا → قال, عاما → عام);
//   3. a sound plural or dual: ات ون ين, or ان when four letters remain
//      (ان ends far more words — لبنان, ايران, انسان — than it makes duals);
//   4. the feminine ending: ه (ة after normalization) or ة when nothing else
//      went, or ت after a pronoun or plural ending, where ة is spelt ت
//      (سيارتها, سيارتان). The nisba ي stays, so عربي, عربيه, عربيات,
//      عربيين → عربي, while عرب stays apart.
//   So طالبات/طالبه/طالب → طالب, معلمات/معلم → معلم, مستشفيات/مستشفي →
//   مستشفي, مكتبات/مكتبه → مكتب, سيارات/سياره/سيارتها → سيار.
// Two-letter words a step may leave: ان او ثم حق دم ذو عن في قد كل كم لا
// لم لن لو ما مع من هم هن هو هي يد (not اب ام اي: باب, امه "nation" and
// ايه "verse" are words of their own).
//
// Protected words. Letters that look like affixes but belong to the word
// stay, by four lists (libsearch/analysis/light_stemmer_lexicon.inc),
// checked on the word as it is and on its suffix-stripped form (so وزيرها
// is protected by وزير):
//   - first letter و ف ب ل ك belongs to the word (~2,500 entries: وزير والد
//     وطني ولايه بطوله فيلم بوتين فلاديمير فلسطين لبنان بطاطس, the function
//     words بين بعد كان لكن ...); للبنان is ل + لبنان;
//   - ال is not the article (~540: الله, the relatives الذي التي, الي, and
//     hamza-initial words that normalization made look like it: العاب
//     الوان المانيا, form VIII nouns التزام التقاء);
//   - the ending belongs to the word (~1,560: قانون مليون تلفزيون فلسطين
//     لبنان برلمان كورونا مساهم محاكم اتجاه جنيه, the forms of يكون, and
//     the tens عشرين ... تسعين, which ين would merge with the units);
//     قانونا → قانون when the word minus its tanwin alef is listed;
//   - a word ending in لله (الله, عبدالله) keeps its ending.
// Most entries are derived from the news corpus by
// bench/derive_stemmer_lexicon.py (forms seen at least 20 times): a
// proclitic letter belongs to a word when the article or another proclitic
// attaches in front of it (الوزير, لبوتين) or when the word without it is
// rare (وتين); an ending belongs to a word when the word without it is rare
// (قان next to قانون), when the article attaches to it (المساهم) or, for
// ن-endings, when the nisba or a pronoun follows (تلفزيوني, قانونه). A few
// closed-class words are listed by hand.
//
// Out of scope: broken plurals (كتب/كتاب, اطفال/طفل), verb prefixes (يقول
// stays apart from قال), the future س. Conflation against the PADT lemma
// list (bench/conflation.cc, distinct word types): precision 0.88, recall
// 0.54, F1 0.67 — light10-style 0.46, Snowball 0.44.
#ifndef LIBSEARCH_STEMMER_H_
#define LIBSEARCH_STEMMER_H_

#include <memory>
#include <string>
#include <string_view>

#include "libsearch/export.h"

namespace libsearch {

enum class StemStrength {
  kNone,
  kLight,
  kSnowball,
};

// "none", "light", "snowball"; ParseStemStrength accepts the same names and
// returns false for anything else.
const char* StemStrengthName(StemStrength strength) noexcept;
LIBSEARCH_EXPORT bool ParseStemStrength(std::string_view name,
                                        StemStrength* strength) noexcept;

class LIBSEARCH_EXPORT Stemmer {
 public:
  virtual ~Stemmer();

  // Returns the stem of `word`, a normalized token. The result either points
  // into `word` or into *scratch; it stays valid while both are unchanged.
  virtual std::string_view Stem(std::string_view word,
                                std::string* scratch) const = 0;

  // Name and version, e.g. "light/1". Part of the index fingerprint: change
  // it whenever a stem changes.
  virtual std::string Name() const = 0;
};

// kNone and kLight stemmers are stateless and safe to share between
// threads. A kSnowball stemmer holds a Xapian::Stem, which is not: give
// each thread its own.
LIBSEARCH_EXPORT std::unique_ptr<Stemmer> MakeStemmer(StemStrength strength);

// The light stemmer, usable without the factory (and inlinable where the
// caller knows the type).
class LIBSEARCH_EXPORT LightStemmer final : public Stemmer {
 public:
  std::string_view Stem(std::string_view word,
                        std::string* scratch) const override;
  // Same stem without the virtual call or scratch.
  std::string_view StemView(std::string_view word) const noexcept;
  std::string Name() const override;
};

}  // namespace libsearch

#endif  // LIBSEARCH_STEMMER_H_
