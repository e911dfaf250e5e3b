#!/usr/bin/env python3
"""Derives the light stemmer's word lists from the news corpus.

    bench/derive_stemmer_lexicon.py [NEWS.jsonl.gz] > libsearch/analysis/light_stemmer_lexicon.inc

The light stemmer strips a letter or an ending only where it is an affix.
Whether the first letter of وزير or the last letters of قانون are affixes is
a fact about the word, and the corpus tells it (counts c(.) of normalized
word types; a form needs MIN_COUNT occurrences to be listed):

  * a proclitic letter (و ف ب ل ك) belongs to word W when the article or
    another proclitic attaches in front of it (الوزير, ووزير, لبوتين: an
    article or second proclitic never precedes a real one), or when W
    without that letter is rare next to W (بوتين: وتين hardly occurs);
  * the ال of W is not the article when the article attaches in front of it
    (الالعاب, الالتزام) or when W without it is rare (المانيا);
  * an ending belongs to W when W without it is rare next to W (قانون/قان,
    مليون/ملي, لبنان/لبن, كورونا/كورو, مساهم/مسا).

Hand lists below add closed-class words and cases the counts cannot see.
"""
import collections
import gzip
import json
import re
import sys

MIN_COUNT = 20
EVIDENCE = 0.05   # attachment evidence / c(W) above which W is protected
LAM_EVIDENCE = 0.3
RARE = 0.05       # c(stem forms) / c(W) below which W is protected

DIAC = re.compile('[\u064B-\u065F\u0670\u0610-\u061A\u06D6-\u06ED\u0640]')
FOLD = str.maketrans({'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ى': 'ي',
                      'ة': 'ه', 'ؤ': 'ء', 'ئ': 'ء', 'ی': 'ي', 'ے': 'ي',
                      'ک': 'ك', 'ۀ': 'ه', 'ہ': 'ه', 'ھ': 'ه'})
WORD = re.compile('[\u0621-\u064A]+')

# Closed-class words that start with ال but take no article.
LAM_INITIAL = ['الله', 'الذي', 'التي', 'الذين', 'اللذان', 'اللتان', 'اللذين',
               'اللتين', 'اللاتي', 'اللواتي', 'اللائي', 'الي', 'الا', 'الان',
               'اللهم']
# Function words whose first letter is a radical و ف ب ل ك.
PROCLITIC_INITIAL = ['في', 'فيما', 'بين', 'بعد', 'بعض', 'بل', 'لكن', 'لدي',
                     'لقد', 'لعل', 'لما', 'لولا', 'ولكن', 'كان', 'كانت',
                     'كانوا', 'كل', 'كلا', 'كما', 'كيف', 'كي', 'فوق', 'ليس',
                     'ليست', 'لن', 'لم', 'لا', 'لدى', 'وفق', 'وفقا', 'بدون',
                     'بينما', 'بيد', 'كلما', 'لذا', 'لذلك', 'لهذا', 'ولا']
# Words whose ending looks like a suffix but is radical, and numerals that
# a plural ending would merge with another numeral (عشرين/عشر).
RADICAL_ENDING = ['اتجاه', 'انتباه', 'اشتباه', 'مياه', 'تنبيه', 'تشبيه',
                  'فقه', 'نزيه', 'جنيه', 'وجه', 'يكون', 'تكون', 'نكون',
                  'اكون', 'سيكون', 'ستكون', 'سنكون', 'ساكون', 'عشرين',
                  'عشرون', 'ثلاثين', 'ثلاثون', 'اربعين', 'اربعون', 'خمسين',
                  'خمسون', 'ستين', 'ستون', 'سبعين', 'سبعون', 'ثمانين',
                  'ثمانون', 'تسعين', 'تسعون']

PROCLITICS_ANY = ['ال', 'و', 'ف', 'ب', 'ل', 'ك', 'وال', 'فال', 'بال', 'كال',
                  'لل', 'وب', 'ول', 'وك', 'فب', 'فل', 'ولل', 'فلل', 'وبال']
ENDINGS = ['هما', 'كما', 'هم', 'هن', 'ها', 'كم', 'كن', 'نا', 'ات', 'ون',
           'ين', 'ان', 'ه', 'وا', 'ا']


def counts(path):
    c = collections.Counter()
    with gzip.open(path, 'rt', encoding='utf-8') as f:
        for line in f:
            d = json.loads(line)
            text = (d.get('title') or '') + ' ' + (d.get('text') or '')
            c.update(WORD.findall(DIAC.sub('', text).translate(FOLD)))
    return c


def forms(c, stem, word):
    """How often `stem` occurs as a word of its own: bare, with the article
    or a proclitic, with a plural or feminine ending; `word` itself, whose
    analysis is in question, does not count."""
    spellings = {p + stem for p in [''] + PROCLITICS_ANY}
    for s in ['ات', 'ين', 'ون', 'ه', 'ي', 'يه']:
        spellings |= {stem + s, 'ال' + stem + s}
    # Spellings that end in `word` are `word` with a proclitic (للبنان).
    spellings = {f for f in spellings if not f.endswith(word)}
    return sum(c[f] for f in spellings)


def rare(c, rest, word, n):
    """True when `rest` (word without its first letters) is rare next to
    `word`, also as a stem: الجانبان is ال + جانبان though جانبان is rare."""
    return (forms(c, rest, word) < RARE * n and
            forms(c, strip_suffixes(rest), word) < RARE * n)


def strip_suffixes(w):
    """The light stemmer's suffix rules (light_stemmer.cc), without its lists."""
    stripped = False
    for s in ['هما', 'كما', 'هم', 'هن', 'ها', 'كم', 'كن', 'نا', 'ه']:
        if w.endswith(s) and len(w) - len(s) >= 3:
            w, stripped = w[:-len(s)], True
            break
    if not stripped and w.endswith('ا'):
        n = 2 if w.endswith('وا') else 1
        return w[:-n] if len(w) - n >= 3 else w
    number = False
    for s in ['ات', 'ون', 'ين', 'ان']:
        if w.endswith(s) and len(w) - 2 >= (4 if s == 'ان' else 3):
            w, number = w[:-2], True
            break
    if not stripped and not number and w[-1] in 'هة' and len(w) > 3:
        w = w[:-1]
    elif (stripped or number) and w[-1] == 'ت' and len(w) > 3 and not w.endswith('ات'):
        w = w[:-1]
    return w


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else '/work/shared/data/news/news.jsonl.gz'
    c = counts(path)
    # A word counts as frequent with the article's help (البطاطس 50, بطاطس 11).
    frequent = [w for w, n in c.items() if n >= 3 and n + c['ال' + w] >= MIN_COUNT]
    lam, proc, rad = set(LAM_INITIAL), set(PROCLITIC_INITIAL), set(RADICAL_ENDING)
    for w in frequent:
        n = c[w]
        first = w[0]
        if w.startswith('ال') and len(w) >= 5:
            # الباب (the door) and الالباب (minds) are both words: the
            # article needs stronger evidence here than the other proclitics.
            ev = sum(c[p + w] for p in ['ال', 'وال', 'فال', 'بال', 'كال', 'لل'])
            if ev >= LAM_EVIDENCE * n or rare(c, w[2:], w, n):
                lam.add(w)
        elif first in 'وفبلك' and len(w) >= 3:
            if first in 'وف':
                before = PROCLITICS_ANY
            elif first == 'ل':
                # ل + ل... would read as ل + article.
                before = ['ال', 'وال', 'فال', 'بال', 'كال', 'لل', 'ولل', 'ب', 'ك', 'وب', 'فب']
            else:
                before = ['ال', 'وال', 'فال', 'بال', 'كال', 'لل', 'ولل', 'ب', 'ل', 'ك', 'وب', 'ول', 'فب', 'فل']
            ev = sum(c[p + w] for p in before)
            if ev >= EVIDENCE * n or rare(c, w[1:], w, n):
                proc.add(w)
    for w in frequent:
        n = c[w]
        # Endings are judged on bare words: those without a proclitic or
        # whose first letters were found to belong to them.
        if (w.startswith('ال') and w not in lam) or (w[0] in 'وفبلك' and w not in proc):
            continue
        for s in ENDINGS:
            if w.endswith(s) and len(w) - len(s) >= 3:
                # The article never comes with a possessive: المساهم says
                # that هم belongs to مساهم.
                article = c['ال' + w] if len(s) >= 2 and s not in ('ات', 'ون', 'ين', 'ان', 'وا') else 0
                # A radical ن takes the nisba ي or a pronoun (تلفزيوني,
                # قانونه); the ن of a plural or dual drops before them.
                nisba = sum(c[w + e] + c['ال' + w + e] for e in ('ي', 'يه', 'ه', 'ها')) if s in ('ون', 'ين', 'ان') else 0
                if (forms(c, w[:-len(s)], w) < RARE * n or article >= EVIDENCE * n
                        or nisba >= EVIDENCE * n):
                    rad.add(w)
                break
    # Inflected forms are found through their stem (the stemmer looks a word
    # up as it is and with its suffixes stripped), so list only the stem.
    proc = {w for w in proc if w in PROCLITIC_INITIAL or strip_suffixes(w) == w or strip_suffixes(w) not in proc}
    # The stemmer takes قانونا to قانون itself when قانون is listed.
    rad = {w for w in rad if not (w.endswith('ا') and w[:-1] in rad)}
    out = sys.stdout
    out.write('// Generated by bench/derive_stemmer_lexicon.py from the news corpus\n'
              f'// ({sum(c.values())} tokens, {len(c)} word types; forms seen at least\n'
              f'// {MIN_COUNT} times) plus its hand lists. Sorted bytewise: looked up by\n'
              '// binary search.\n')
    write(out, 'kLamInitial', lam, 'ال is part of the word (not the article).')
    write(out, 'kProcliticInitial', proc, 'The first letter (و ف ب ل ك) is part of the word.')
    write(out, 'kRadicalEnding', rad, 'The ending is part of the word.')
    print(f'lam {len(lam)} proc {len(proc)} rad {len(rad)}', file=sys.stderr)


def write(out, name, words, comment):
    out.write(f'\n// {comment}\nconstexpr std::string_view {name}[] = {{\n')
    line = '   '
    for w in sorted(words, key=lambda s: s.encode('utf-8')):
        item = f' "{w}",'
        if len(line) + len(item) > 78:
            out.write(line + '\n')
            line = '   '
        line += item
    out.write(line + '\n};\n')


if __name__ == '__main__':
    main()
