#!/usr/bin/env python3
"""Resolutions a reader would list, counted with grep patterns, beside the
resolution records minutes finds, per document and per source.

    scripts/resolution-recall.py MINUTES_BIN [SHARED_CORPORA]

Indexes SHARED_CORPORA (default ../shared/corpora) into a temporary index,
lists every resolution record (`minutes resolutions --format json`), and for
each source compares, document by document:
  by hand  the decisions the source's own wording marks (one pattern a
           source, below: the line that opens or closes each decision);
  found    resolution records of that document;
  complete found records whose text ends as that source's decisions end
           (its closing quotation, "Carried.", "Motion Passed", ...).
Recall counts a document's decisions up to the number found. Python 3
stdlib only; the patterns are written out so a reader can check them.
"""
import collections
import json
import pathlib
import re
import subprocess
import sys
import tempfile

SOURCES = {
    # source folder: (decision pattern, per line; pattern a complete text ends with)
    "limerick": (re.compile(r"And Resolved|^On the proposal of|it was proposed by", re.I),
                 re.compile(r"[\u201d\"'.;)]\s*$")),
    "london-ontario": (re.compile(r"Motion (Passed|Failed)"),
                       re.compile(r"Motion (Passed|Failed)[^\n]*$")),
    "nipissing-township": (re.compile(r"^R20\d\d-\d+"),
                           re.compile(r"(Carried|Defeated|Deferred|Lost|Withdrawn)\.?\W*(\n\s*Recorded Vote:[^\n]*)?$", re.I)),
    "cleveland-city-record": (re.compile(r"^(Ord|Res|Ordinance|Resolution)\.? No\. \d+-\d+(\.\s*$|\s*[\u2014\u2013-]\s)"),
                              re.compile(r"\S\s*$")),
    "kent-county-council": (re.compile(r"RESOLVED"), re.compile(r"[.;:)]\s*$")),
}


COUNCILS = ["limerick", "london", "nipissing", "cleveland", "kent"]


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else "target/release/minutes"
    shared = pathlib.Path(sys.argv[2] if len(sys.argv) > 2 else "../shared/corpora")
    with tempfile.TemporaryDirectory() as tmp:
        index = pathlib.Path(tmp) / "index"
        subprocess.run([binary, "index", "--corpus", str(shared), "--index", str(index), "--quiet"],
                       check=True, stderr=subprocess.DEVNULL)
        found = collections.defaultdict(list)
        # One listing a council: a search pages through at most 10,000.
        for council in COUNCILS:
            out = subprocess.run([binary, "resolutions", "--index", str(index), "--format", "json",
                                  "--council", council, "--limit", "10000", "--all"],
                                 capture_output=True, text=True, check=True)
            for line in out.stdout.splitlines():
                hit = json.loads(line)
                if hit.get("type") == "hit":
                    found[hit["source"]].append(hit.get("text") or "")
    print("| source | documents | by hand | found | recall | complete |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for folder, (pattern, ending) in SOURCES.items():
        docs = hand = got = kept = complete = 0
        for path in sorted((shared / folder).rglob("*")):
            if path.suffix.lower() not in (".txt", ".md", ".html", ".htm") or path.name.startswith(("PROVENANCE", "README")):
                continue
            text = path.read_text(errors="replace")
            n = sum(1 for l in text.splitlines() if pattern.search(l.strip()))
            rel = path.relative_to(shared).as_posix()
            records = found.get(rel, [])
            if n == 0 and not records:
                continue
            docs += 1
            hand += n
            got += len(records)
            kept += min(n, len(records))
            complete += sum(1 for r in records if ending.search(r.strip()))
        recall = 100.0 * kept / hand if hand else 100.0
        share = 100.0 * complete / got if got else 100.0
        print(f"| {folder} | {docs} | {hand} | {got} | {recall:.1f}% | {share:.1f}% |")


if __name__ == "__main__":
    main()
