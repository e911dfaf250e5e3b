#!/usr/bin/env python3
"""Checks that examples/data/MANIFEST.md tells the truth about the sample data.

    python3 examples/data/check_manifest.py [DATA_DIR]

DATA_DIR defaults to the directory of this script. Exit status 0 when every
claim holds, 1 otherwise (each failure is printed).

What is checked:
  * news.jsonl: valid UTF-8 without BOM, one JSON object per line, exactly the
    members id/title/body/date/source/url, ids sample-001..sample-036 in
    order, real dates in 2023-01-01..2025-12-31, a body of 3-6 sentences and
    60-160 words, urls under https://example.com/, sources from the allowed set.
  * Every claim row of MANIFEST.md (a table row whose first cell is a kind in
    backticks, e.g. | `norm` | «البنك المركزي» | any | sample-001, sample-014 |):
    the set of articles matching it must be exactly the ids listed.
  * The article index rows (| sample-NNN | date | source | title |) agree with
    the JSONL.
  * The directory tree articles/: exactly the files listed in the manifest's
    directory table, UTF-8, first line = the listed title, a body after it,
    the listed distinctive word in that file only (and in no JSONL article),
    and none of the controlled words of the claims (so indexing both sources
    together keeps every claim true).

Claim kinds (the text cell holds one or more «...» groups):
  raw     some group is a substring of the field text as stored
  norm    some group, normalized, is a substring of the normalized field
  token   some group equals a token of the field as stored
  tnorm   some group, normalized, equals a normalized token of the field
  and     every group (normalized) is a substring of the normalized field
  not     the first group is (normalized) in the field, none of the others
  char    the field contains one of the listed code points (U+XXXX)
  harakat the field contains a haraka, tanwin, shadda or sukun (U+064B-U+0652)
  latin   the field contains a Latin letter A-Z/a-z
  digit   the field contains a digit (ASCII, Arabic-Indic or Persian)
  source  (field meta) the source member equals the group
  year    (field meta) the date starts with the group
  range   (field meta) first group <= date <= second group
Fields: title, body, any (title or body), meta.

Normalization mirrors libsearch/normalizer.h defaults: delete harakat
U+064B-U+065F, U+0670, Qur'anic marks, tatweel; decompose presentation forms
(lam-alef ligatures); fold آ أ إ ٱ→ا, ى→ي, ة→ه, ؤ ئ→ء, ی ے→ي, ک→ك,
ۀ ہ ھ→ه; Arabic-Indic/Persian digits→ASCII; case-fold.
Tokens: maximal runs of Arabic letters (marks and tatweel included), of Latin
letters, or of digits.
"""

import datetime
import json
import os
import re
import sys
import unicodedata

EXPECTED_MEMBERS = {"id", "title", "body", "date", "source", "url"}
ALLOWED_SOURCES = {"الجزيرة", "العربية", "بي بي سي عربي", "الشرق الأوسط",
                   "سكاي نيوز عربية", "reuters.com"}
N_ARTICLES = 36
N_DIR_FILES = 6

_FOLD = {
    "آ": "ا", "أ": "ا", "إ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه",
    "ؤ": "ء", "ئ": "ء", "ی": "ي", "ے": "ي", "ک": "ك", "ۀ": "ه",
    "ہ": "ه", "ھ": "ه",
}


def _deleted(cp):
    return (0x064B <= cp <= 0x065F or cp == 0x0670 or cp == 0x0640
            or 0x0610 <= cp <= 0x061A or 0x06D6 <= cp <= 0x06ED)


def normalize(text):
    out = []
    for ch in text:
        cp = ord(ch)
        if 0xFB50 <= cp <= 0xFDFF or 0xFE70 <= cp <= 0xFEFF:
            ch = unicodedata.normalize("NFKC", ch)
        for c in ch:
            o = ord(c)
            if _deleted(o):
                continue
            c = _FOLD.get(c, c)
            o = ord(c)
            if 0x0660 <= o <= 0x0669:
                c = chr(o - 0x0660 + 0x30)
            elif 0x06F0 <= o <= 0x06F9:
                c = chr(o - 0x06F0 + 0x30)
            out.append(c.casefold())
    return "".join(out)


_ARABIC_WORD = ("[\u0621-\u063A\u0640-\u065F\u0670-\u06D3\u06D5-\u06ED"
                "\uFB50-\uFDFF\uFE70-\uFEFC]+")
_TOKEN_RE = re.compile(_ARABIC_WORD + "|[A-Za-z]+|[0-9\u0660-\u0669\u06F0-\u06F9]+")


def tokens(text):
    return _TOKEN_RE.findall(text)


def harakat(text):
    return any(0x064B <= ord(c) <= 0x0652 for c in text)


_GROUP_RE = re.compile("«([^»]*)»")
_CLAIM_RE = re.compile(r"^\|\s*`([a-z]+)`\s*\|(.*)\|(.*)\|(.*)\|\s*$")
_INDEX_RE = re.compile(r"^\|\s*(sample-\d{3})\s*\|(.*)\|(.*)\|(.*)\|\s*$")
_DIR_RE = re.compile(r"^\|\s*`articles/([^`]+)`\s*\|(.*)\|(.*)\|\s*$")

TEXT_KINDS = {"raw", "norm", "token", "tnorm", "and", "not", "char",
              "harakat", "latin", "digit"}
META_KINDS = {"source", "year", "range"}


def field_text(article, field):
    if field == "title":
        return article["title"]
    if field == "body":
        return article["body"]
    if field == "any":
        return article["title"] + "\n" + article["body"]
    raise ValueError("unknown field %r" % field)


def matches(kind, groups, text_cell, field, article):
    """Does `article` satisfy the claim? `article` has title/body/date/source."""
    if kind in META_KINDS:
        if kind == "source":
            return article["source"] == groups[0]
        if kind == "year":
            return article["date"].startswith(groups[0])
        return groups[0] <= article["date"] <= groups[1]
    text = field_text(article, field)
    if kind == "raw":
        return any(g in text for g in groups)
    if kind == "norm":
        n = normalize(text)
        return any(normalize(g) in n for g in groups)
    if kind == "token":
        toks = set(tokens(text))
        return any(g in toks for g in groups)
    if kind == "tnorm":
        toks = {normalize(t) for t in tokens(text)}
        return any(normalize(g) in toks for g in groups)
    if kind == "and":
        n = normalize(text)
        return all(normalize(g) in n for g in groups)
    if kind == "not":
        n = normalize(text)
        return (normalize(groups[0]) in n
                and not any(normalize(g) in n for g in groups[1:]))
    if kind == "char":
        cps = [chr(int(h, 16)) for h in re.findall(r"U\+([0-9A-Fa-f]{4,6})", text_cell)]
        if not cps:
            raise ValueError("char claim without U+XXXX")
        return any(c in text for c in cps)
    if kind == "harakat":
        return harakat(text)
    if kind == "latin":
        return re.search("[A-Za-z]", text) is not None
    if kind == "digit":
        return re.search("[0-9\u0660-\u0669\u06F0-\u06F9]", text) is not None
    raise ValueError("unknown kind %r" % kind)


def parse_ids(cell):
    cell = cell.strip()
    if cell.lower() in ("none", "—", "-", ""):
        return set()
    return {x.strip() for x in cell.split(",") if x.strip()}


class Checker:
    def __init__(self, data_dir):
        self.dir = data_dir
        self.failures = []
        self.claims = 0

    def fail(self, msg):
        self.failures.append(msg)

    # ---------------------------------------------------------------- JSONL
    def load_jsonl(self):
        path = os.path.join(self.dir, "news.jsonl")
        raw = open(path, "rb").read()
        if raw.startswith(b"\xef\xbb\xbf"):
            self.fail("news.jsonl starts with a BOM")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            self.fail("news.jsonl is not valid UTF-8: %s" % e)
            return []
        if not text.endswith("\n"):
            self.fail("news.jsonl does not end with a newline")
        articles = []
        for n, line in enumerate(text.split("\n")[:-1], 1):
            try:
                obj = json.loads(line)
            except ValueError as e:
                self.fail("news.jsonl line %d: bad JSON: %s" % (n, e))
                continue
            if not isinstance(obj, dict) or set(obj) != EXPECTED_MEMBERS:
                self.fail("line %d: members %s" % (n, sorted(obj) if isinstance(obj, dict) else obj))
                continue
            if not all(isinstance(v, str) and v.strip() for v in obj.values()):
                self.fail("line %d: every member must be a non-empty string" % n)
            articles.append(obj)
        return articles

    def check_articles(self, articles):
        if len(articles) != N_ARTICLES:
            self.fail("expected %d articles, found %d" % (N_ARTICLES, len(articles)))
        ids = [a["id"] for a in articles]
        if ids != ["sample-%03d" % i for i in range(1, len(articles) + 1)]:
            self.fail("ids are not sample-001..sample-%03d in order" % len(articles))
        if len(set(ids)) != len(ids):
            self.fail("duplicate ids")
        years = {}
        sources = {}
        for a in articles:
            i = a["id"]
            try:
                d = datetime.date.fromisoformat(a["date"])
                if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", a["date"]):
                    raise ValueError
            except ValueError:
                self.fail("%s: bad date %r" % (i, a["date"]))
                continue
            if not datetime.date(2023, 1, 1) <= d <= datetime.date(2025, 12, 31):
                self.fail("%s: date %s outside 2023..2025" % (i, a["date"]))
            years[d.year] = years.get(d.year, 0) + 1
            sources[a["source"]] = sources.get(a["source"], 0) + 1
            if a["source"] not in ALLOWED_SOURCES:
                self.fail("%s: source %r not allowed" % (i, a["source"]))
            if not a["url"].startswith("https://example.com/"):
                self.fail("%s: url not under https://example.com/" % i)
            words = len(a["body"].split())
            if not 60 <= words <= 160:
                self.fail("%s: body has %d words (60-160)" % (i, words))
            plain = re.sub(r"https?://\S+|\S+@\S+", "X", a["body"])
            sentences = len(re.findall(r"[.!?؟](?=\s|»|$)", plain))
            if not 3 <= sentences <= 6:
                self.fail("%s: body has %d sentences (3-6)" % (i, sentences))
        for y in (2023, 2024, 2025):
            if years.get(y, 0) < 5:
                self.fail("year %d has only %d articles" % (y, years.get(y, 0)))
        if not 2 <= sources.get("reuters.com", 0) <= 3:
            self.fail("reuters.com should source 2-3 articles")
        urls = [a["url"] for a in articles]
        if len(set(urls)) != len(urls):
            self.fail("duplicate urls")

    # ------------------------------------------------------------- manifest
    def check_manifest(self, articles):
        by_id = {a["id"]: a for a in articles}
        lines = open(os.path.join(self.dir, "MANIFEST.md"), encoding="utf-8").read().split("\n")
        controlled = []  # (kind, groups) whose text must stay out of articles/
        dir_rows = []
        index_rows = 0
        for n, line in enumerate(lines, 1):
            m = _CLAIM_RE.match(line)
            if m:
                kind, text_cell, field, ids_cell = (m.group(1), m.group(2),
                                                    m.group(3).strip(), m.group(4))
                if kind not in TEXT_KINDS | META_KINDS:
                    self.fail("MANIFEST.md:%d: unknown kind %r" % (n, kind))
                    continue
                groups = _GROUP_RE.findall(text_cell)
                needs_groups = kind not in ("char", "harakat", "latin", "digit")
                if needs_groups and not groups:
                    self.fail("MANIFEST.md:%d: no «...» group" % n)
                    continue
                if kind == "range" and len(groups) != 2:
                    self.fail("MANIFEST.md:%d: range needs two dates" % n)
                    continue
                if (kind in META_KINDS) != (field == "meta"):
                    self.fail("MANIFEST.md:%d: field %r does not fit kind %r" % (n, field, kind))
                    continue
                expected = parse_ids(ids_cell)
                unknown = expected - set(by_id)
                if unknown:
                    self.fail("MANIFEST.md:%d: unknown ids %s" % (n, sorted(unknown)))
                try:
                    got = {a["id"] for a in articles
                           if matches(kind, groups, text_cell, field, a)}
                except ValueError as e:
                    self.fail("MANIFEST.md:%d: %s" % (n, e))
                    continue
                self.claims += 1
                if got != expected:
                    self.fail("MANIFEST.md:%d: %s %s in %s: manifest says %s, data has %s"
                              % (n, kind, " ".join(groups) or text_cell.strip(), field,
                                 sorted(expected), sorted(got)))
                if kind in ("raw", "norm", "token", "tnorm"):
                    controlled.append((kind, groups, text_cell))
                continue
            m = _INDEX_RE.match(line)
            if m:
                index_rows += 1
                i, date, source, title = (m.group(1), m.group(2).strip(),
                                          m.group(3).strip(), m.group(4).strip())
                a = by_id.get(i)
                if a is None:
                    self.fail("MANIFEST.md:%d: index row for unknown %s" % (n, i))
                elif (a["date"], a["source"], a["title"]) != (date, source, title):
                    self.fail("MANIFEST.md:%d: index row for %s disagrees with news.jsonl" % (n, i))
                continue
            m = _DIR_RE.match(line)
            if m:
                dir_rows.append((n, m.group(1), m.group(2).strip(),
                                 _GROUP_RE.findall(m.group(3))))
        if index_rows != len(articles):
            self.fail("MANIFEST.md: article index has %d rows, news.jsonl %d articles"
                      % (index_rows, len(articles)))
        self.check_tree(articles, dir_rows, controlled)

    # ------------------------------------------------------- directory tree
    def check_tree(self, articles, dir_rows, controlled):
        root = os.path.join(self.dir, "articles")
        found = []
        for base, dirs, files in os.walk(root):
            for f in files:
                found.append(os.path.relpath(os.path.join(base, f), root).replace(os.sep, "/"))
        listed = [r[1] for r in dir_rows]
        if len(found) != N_DIR_FILES:
            self.fail("articles/ holds %d files, expected %d" % (len(found), N_DIR_FILES))
        if sorted(found) != sorted(listed):
            self.fail("articles/ files %s differ from the manifest's %s"
                      % (sorted(found), sorted(listed)))
        texts = {}
        for rel in found:
            raw = open(os.path.join(root, rel), "rb").read()
            if raw.startswith(b"\xef\xbb\xbf"):
                self.fail("articles/%s starts with a BOM" % rel)
            try:
                texts[rel] = raw.decode("utf-8")
            except UnicodeDecodeError:
                self.fail("articles/%s is not valid UTF-8" % rel)
        for n, rel, title, groups in dir_rows:
            text = texts.get(rel)
            if text is None:
                continue
            parts = text.split("\n", 1)
            if parts[0].strip() != title:
                self.fail("MANIFEST.md:%d: articles/%s first line is not the listed title" % (n, rel))
            if len(parts) < 2 or len(parts[1].split()) < 40:
                self.fail("articles/%s: body missing or too short" % rel)
            for g in groups:
                holders = [r for r, t in texts.items() if normalize(g) in normalize(t)]
                if holders != [rel]:
                    self.fail("MANIFEST.md:%d: distinctive word %s found in %s"
                              % (n, g, holders))
                in_jsonl = [a["id"] for a in articles
                            if normalize(g) in normalize(a["title"] + " " + a["body"])]
                if in_jsonl:
                    self.fail("MANIFEST.md:%d: distinctive word %s also in %s" % (n, g, in_jsonl))
        for rel, text in texts.items():
            doc = {"title": text.split("\n", 1)[0], "body": text.split("\n", 1)[-1]}
            for kind, groups, cell in controlled:
                if matches(kind, groups, cell, "any", doc):
                    self.fail("articles/%s contains controlled word(s) %s" % (rel, groups))

    def run(self):
        articles = self.load_jsonl()
        self.check_articles(articles)
        self.check_manifest(articles)
        return articles


def main():
    data_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    checker = Checker(data_dir)
    articles = checker.run()
    for f in checker.failures:
        print("FAIL:", f)
    if checker.failures:
        print("%d failure(s)" % len(checker.failures))
        return 1
    print("OK: %d articles, %d manifest claims hold" % (len(articles), checker.claims))
    return 0


if __name__ == "__main__":
    sys.exit(main())
