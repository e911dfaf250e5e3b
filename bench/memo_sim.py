#!/usr/bin/env python3
"""Simulates the analyzer's memo (analyzer.cc) on news text.

usage: bench/memo_sim.py NEWS_JSONL_GZ ARTICLES PASSES [ENTRIES]

Takes the Arabic words of up to 14 letters of the first ARTICLES articles
(field "text"; not normalized, which changes few words), hashes each word
at random into ENTRIES entries (default 262,144, the memo's size; 65,536
until session 5), and prints the share of words each policy misses per
pass, and the share found in a place other than the first (where the
analyzer's test of the first place mispredicts too):
  two-way     as built: a new word takes the second place, a hit there
              moves it first;
  four-way    four places, a new word takes the last, a hit moves it up;
  clock       two places with a hit bit instead of moving entries.
"""
import gzip
import json
import random
import re
import sys

ENTRIES = 262144


def words_of(path, articles):
    arabic = re.compile(r"[\u0621-\u064A]+")
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i >= articles:
                break
            text = json.loads(line).get("text", "")
            out += [w for w in arabic.findall(text) if len(w) <= 14]
    return out


def simulate(words, passes, ways, kind):
    sets = ENTRIES // ways
    rng = random.Random(1)
    hashes = {}
    table = [[] for _ in range(sets)]
    hit_bit = {}
    result = []
    for _ in range(passes):
        misses = later = 0
        for w in words:
            h = hashes.get(w)
            if h is None:
                h = hashes[w] = rng.getrandbits(32)
            s = table[h % sets]
            if w in s:
                i = s.index(w)
                later += i > 0
                if kind == "clock":
                    hit_bit[w] = True
                elif i > 0:
                    s[i - 1], s[i] = s[i], s[i - 1]
                continue
            misses += 1
            if kind == "clock" and len(s) == ways:
                # A place without its hit bit, the last first; the word
                # that stays loses its bit.
                victim = next((j for j in reversed(range(ways)) if not hit_bit.get(s[j])), ways - 1)
                for j in range(ways):
                    if j != victim:
                        hit_bit[s[j]] = False
                hit_bit.pop(s[victim], None)
                s[victim] = w
                continue
            if len(s) == ways:
                s.pop()
            s.append(w)
        result.append((100.0 * misses / len(words), 100.0 * later / len(words)))
    return result


def main():
    global ENTRIES
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    if len(sys.argv) == 5:
        ENTRIES = int(sys.argv[4])
    words = words_of(sys.argv[1], int(sys.argv[2]))
    passes = int(sys.argv[3])
    print("words %d, distinct %d" % (len(words), len(set(words))))
    for name, ways, kind in (("two-way", 2, "up"), ("four-way", 4, "up"), ("clock", 2, "clock")):
        passes_out = simulate(words, passes, ways, kind)
        print("%-9s misses per pass: %s; found past the first place: %s" % (
            name, ", ".join("%.2f%%" % m for m, _ in passes_out),
            ", ".join("%.2f%%" % l for _, l in passes_out)))


if __name__ == "__main__":
    main()
