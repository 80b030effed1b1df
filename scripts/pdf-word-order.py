#!/usr/bin/env python3
"""How much of a PDF's text minutes indexes in the order of a reference text.

    scripts/pdf-word-order.py MINUTES_BIN PDF_FOLDER TEXT_FOLDER

Indexes PDF_FOLDER into a temporary index, then for every PDF with a text
file at the same path under TEXT_FOLDER (NAME.pdf -> NAME.txt), compares the
words of the indexed document (`minutes show ID --format json`) with the
reference's: the share of the reference's words that a longest common
subsequence of the two word lists keeps (difflib), per file and in all.
Words are compared lower-case, punctuation stripped. Python 3 stdlib only.
"""
import difflib
import json
import pathlib
import re
import subprocess
import sys
import tempfile

WORD = re.compile(r"\w+", re.UNICODE)


def words(text):
    return [w.lower() for w in WORD.findall(text)]


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    binary, pdfs, texts = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
    with tempfile.TemporaryDirectory() as tmp:
        index = pathlib.Path(tmp) / "index"
        subprocess.run([binary, "index", "--corpus", str(pdfs), "--index", str(index), "--quiet"], check=True)
        kept_all = ref_all = 0
        rows = []
        for pdf in sorted(pdfs.rglob("*.pdf")):
            rel = pdf.relative_to(pdfs).as_posix()
            ref = texts / pathlib.Path(rel).with_suffix(".txt")
            if not ref.exists():
                continue
            shown = subprocess.run(
                [binary, "show", f"{rel}#0", "--index", str(index), "--format", "json"],
                capture_output=True, text=True)
            if shown.returncode != 0:
                rows.append((rel, 0, len(words(ref.read_text())), "not indexed"))
                continue
            ours = words(json.loads(shown.stdout)["text"])
            theirs = words(ref.read_text(errors="replace"))
            matcher = difflib.SequenceMatcher(None, theirs, ours, autojunk=False)
            kept = sum(b.size for b in matcher.get_matching_blocks())
            rows.append((rel, kept, len(theirs), ""))
        for rel, kept, total, note in rows:
            share = 100.0 * kept / total if total else 100.0
            print(f"{share:6.2f}%  {kept:6d}/{total:<6d} {rel} {note}")
            kept_all += kept
            ref_all += total
        print(f"all: {100.0 * kept_all / max(ref_all, 1):.2f}% of {ref_all} reference words in order, {len(rows)} files")


if __name__ == "__main__":
    main()
