#!/usr/bin/env python3
"""Turns analyzer_bench's JSON output into Markdown tables.

usage: analyzer_bench_report.py RESULT.json

Prints MB/s (10^6 bytes of input per CPU second, median of the
repetitions, with the coefficient of variation) per benchmark and input,
then the ratios ours/peer computed from those medians, then the goals.
"""
import json
import sys

INPUTS = ["news", "diacritised", "latin"]
OURS = ["ours_normalize", "ours_tokenize", "ours_light_stem", "ours_analyze",
        "ours_analyze_sse2", "ours_analyze_nostem"]
PEERS = ["xapian_tg_stem", "xapian_tg_nostem", "lucene_arabic",
         "lucene_arabic_wide"]
# Which of ours is compared with which peer: the full chain against the
# full chains, normalize+tokenize against the peers' cheapest mode too.
PAIRS = [
    ("ours_analyze", "lucene_arabic"),
    ("ours_analyze", "lucene_arabic_wide"),
    ("ours_analyze", "xapian_tg_stem"),
    ("ours_analyze", "xapian_tg_nostem"),
    ("ours_analyze_sse2", "lucene_arabic_wide"),
    ("ours_analyze_sse2", "xapian_tg_stem"),
    ("ours_analyze_nostem", "lucene_arabic_wide"),
    ("ours_analyze_nostem", "xapian_tg_nostem"),
    ("ours_tokenize", "xapian_tg_nostem"),
    ("ours_tokenize", "lucene_arabic_wide"),
]


def load(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    rates, cvs, items, errors = {}, {}, {}, {}
    for b in data["benchmarks"]:
        run = b.get("run_name", b["name"])
        if b.get("error_occurred"):
            errors[run] = b.get("error_message", "error")
            continue
        if b.get("run_type") == "aggregate":
            agg = b.get("aggregate_name")
            if agg == "median":
                rates[run] = b.get("bytes_per_second")
                items[run] = b.get("items_per_second")
            elif agg == "cv":
                cvs[run] = b.get("cpu_time")
        elif run not in rates:
            # A run without repetitions: use it as it is.
            rates[run] = b.get("bytes_per_second")
            items[run] = b.get("items_per_second")
    return data.get("context", {}), rates, cvs, items, errors


def cell(run, rates, cvs, errors):
    if run in errors:
        return "error: " + errors[run]
    r = rates.get(run)
    if r is None:
        return "—"
    text = "%.1f" % (r / 1e6)
    if run in cvs and cvs[run] is not None:
        text += " ±%.0f%%" % (100 * cvs[run])
    return text


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    context, rates, cvs, items, errors = load(sys.argv[1])
    names = [n for n in OURS + PEERS
             if any("%s/%s" % (n, i) in rates or "%s/%s" % (n, i) in errors
                    for i in INPUTS)]

    print("### Throughput, MB/s (median of repetitions ± CV)\n")
    print("| benchmark | " + " | ".join(INPUTS) + " |")
    print("|---|" + "---:|" * len(INPUTS))
    for n in names:
        print("| %s | %s |" % (n, " | ".join(
            cell("%s/%s" % (n, i), rates, cvs, errors) for i in INPUTS)))

    print("\n### Tokens per second, millions (each engine counts its own "
          "output)\n")
    print("| benchmark | " + " | ".join(INPUTS) + " |")
    print("|---|" + "---:|" * len(INPUTS))
    for n in names:
        row = []
        for i in INPUTS:
            v = items.get("%s/%s" % (n, i))
            row.append("%.2f" % (v / 1e6) if v else "—")
        print("| %s | %s |" % (n, " | ".join(row)))

    print("\n### Ratios (ours / peer, same run)\n")
    print("| ours / peer | " + " | ".join(INPUTS) + " |")
    print("|---|" + "---:|" * len(INPUTS))
    for ours, peer in PAIRS:
        row = []
        for i in INPUTS:
            a = rates.get("%s/%s" % (ours, i))
            b = rates.get("%s/%s" % (peer, i))
            row.append("%.1f×" % (a / b) if a and b else "—")
        if any(c != "—" for c in row):
            print("| %s / %s | %s |" % (ours, peer, " | ".join(row)))
    if not any(r.startswith("ours_") for r in rates):
        print("| (no ours_* results in this run) | | | |")

    print("\n### Goals\n")
    goals = [
        ("full analyzer ≥ 10× Lucene++ ArabicAnalyzer (conversion excluded)",
         "ours_analyze", "lucene_arabic_wide", 10.0),
        ("full analyzer ≥ 20× Xapian TermGenerator + Snowball",
         "ours_analyze", "xapian_tg_stem", 20.0),
    ]
    for text, ours, peer, want in goals:
        row = []
        for i in INPUTS:
            a = rates.get("%s/%s" % (ours, i))
            b = rates.get("%s/%s" % (peer, i))
            if a and b:
                row.append("%s %.1f× %s" % (i, a / b,
                                            "met" if a / b >= want else
                                            "NOT met"))
        print("- %s: %s" % (text, "; ".join(row) if row else "not measured"))
    tok = rates.get("ours_tokenize/news")
    if tok:
        print("- normalizer+tokenizer ≥ 300 MB/s on news: %.1f MB/s "
              "(%.1f MiB/s) %s" % (tok / 1e6, tok / 2**20,
                                   "met" if tok / 1e6 >= 300 else "NOT met"))
    else:
        print("- normalizer+tokenizer ≥ 300 MB/s on news: not measured")

    print()
    for k in sorted(context):
        if k.startswith("input_"):
            print("- %s: %s" % (k[len("input_"):], context[k]))
    print("- library_build_type (Debian's libbenchmark, not ours): %s"
          % context.get("library_build_type", "?"))
    print("- load average at start: %s" % context.get("load_avg", "?"))


if __name__ == "__main__":
    main()
