#!/usr/bin/env python3
"""Side-by-side benchmark: `minutes` against the local tools a user might pick
instead, on the same documents, in one run (Python 3.11 standard library only).

Peers, each run only when it is installed (a missing one is reported and skipped):

* SQLite FTS5 (`sqlite3` command, porter + unicode61), fed text pre-extracted here in
  transactions of 256 rows, then merged into one segment ('optimize'), as minutes merges
  its run's segments; searches are top 10 by bm25() with snippet().
* tantivy-cli (`tantivy`, raw tantivy with 2 indexing threads), fed the same text as
  JSON; its `search` prints every matching document, unranked.
* Recoll (`recollindex`, `recollq -n 10 -A`), which reads the folder itself.
* ripgrep (`rg -i -w -m 1`), no index, over the raw files.

`minutes` indexes the raw files itself (decoding, HTML clean-up, metadata, items and
resolutions); the others are given text this script extracts first (PDFs through
poppler's pdftotext, as minutes reads them), and the time and CPU that takes are
reported on their own so end-to-end costs can be compared. Build CPU is user + system
time from GNU time; the run ends with the issue's targets as ratios.

For each scale (1x, 4x, ...: the corpus hard-linked again under distinct paths in a
temporary folder, deleted afterwards) it reports build wall time, peak RSS, index size
over extracted text, and whole-process search latency p50/p95 over a fixed mix of
plain queries, timed once every engine is built, in rounds that run each engine's every
query once (so the machine's drift falls on all engines alike). Prints Markdown for
BENCHMARKS.md.

Usage:
  cargo build --release
  python3 benches/peers.py [--scales 1,4] [--runs 20] [--corpus ../shared/corpora]

Install the peers with: apt-get install sqlite3 ripgrep recollcmd;
cargo install tantivy-cli (puts `tantivy` in ~/.cargo/bin).
"""
import input_check
import argparse
import html
import json
import os
import re
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import namedtuple

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
DOC_EXTS = (".txt", ".md", ".html", ".htm", ".pdf")
NOT_DOCS = {"PROVENANCE.md", "README.md", "LICENSE.md"}

# The plain part of the e2e mix: what every peer can run.
QUERIES = [
    ("common term", ["council"]),
    ("rare term", ["defibrillator"]),
    ("phrase", ["emergency", "shelter"], "phrase"),
    ("2-term AND", ["housing", "grant"]),
    ("3-term AND", ["water", "quality", "inspection"]),
]


def query_words(q):
    return q[1]


def is_phrase(q):
    return len(q) > 2 and q[2] == "phrase"


def document_files(root):
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            if name in NOT_DOCS or not name.lower().endswith(DOC_EXTS):
                continue
            out.append(os.path.join(dirpath, name))
    return out


_DROP = re.compile(r"<(script|style|noscript)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
_BLOCK = re.compile(r"</?(p|div|br|li|tr|td|th|h[1-6]|table|section|article|ul|ol)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]+>")


def extract(path):
    if path.lower().endswith(".pdf"):
        # What minutes reads too (poppler's pdftotext); a PDF without it, or
        # without text, gives nothing.
        try:
            out = subprocess.run(["pdftotext", "-q", path, "-"], capture_output=True, timeout=120)
            data = out.stdout
        except (OSError, subprocess.TimeoutExpired):
            data = b""
    else:
        data = open(path, "rb").read()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        s = data.decode("utf-8")
    except UnicodeDecodeError:
        s = data.decode("cp1252", errors="replace")
    if path.lower().endswith((".html", ".htm")):
        s = _DROP.sub(" ", s)
        s = _BLOCK.sub("\n", s)
        s = _TAG.sub(" ", s)
        s = html.unescape(s).replace("\u00a0", " ")
    s = re.sub(r"[ \t\r\f]+", " ", s)
    return re.sub(r"\n\s*\n+", "\n\n", s)


GNU_TIME = "/usr/bin/time"

# A finished command: wall seconds, peak RSS in MB and CPU seconds (user +
# system, its children included) when measured (else None), exit code.
Ran = namedtuple("Ran", "seconds peak code cpu")


def run(cmd, stdin=None, rss=False):
    """Run a command to completion, as a `Ran`.

    Linux carries a process's high-water mark across exec, so a command forked
    from this Python process (which holds the extracted text) would report this
    process's size; GNU time, a small process, starts it and reports its own
    child's peak instead."""
    out = None
    if rss and os.path.exists(GNU_TIME):
        fd, out = tempfile.mkstemp(prefix="minutes-peers-rss-")
        os.close(fd)
        cmd = [GNU_TIME, "-f", "%M %U %S", "-o", out] + cmd
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdin=stdin, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    p.wait()
    seconds = time.perf_counter() - start
    peak = cpu = None
    if out:
        try:
            with open(out) as f:
                kb, user, system = f.read().split()[-3:]
            peak, cpu = int(kb) / 1024, float(user) + float(system)
        except (OSError, ValueError):
            pass
        os.remove(out)
    return Ran(seconds, peak, p.returncode, cpu)


def cpu_seconds():
    """CPU seconds of this process and of its finished children (pdftotext)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def dir_bytes(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    total = 0
    for dirpath, _, filenames in os.walk(path):
        for f in filenames:
            try:
                total += os.path.getsize(os.path.join(dirpath, f))
            except OSError:
                pass
    return total


def percentile(values, p):
    s = sorted(values)
    if not s:
        return float("nan")
    k = min(len(s) - 1, max(0, round(p / 100 * (len(s) - 1))))
    return s[k]


def latencies(engines, runs):
    """Whole-process latencies (ms) of each engine over the query mix, in
    rounds that run every engine's every query once: the machine's drift
    then falls on every engine alike, and their ratios compare like with
    like. Returns {engine name: {query name: [ms, ...]}}."""
    times = {e.name: {q[0]: [] for q in QUERIES} for e in engines}
    for e in engines:  # one warm-up each
        for q in QUERIES:
            run(e.search(q))
    for _ in range(runs):
        for e in engines:
            for q in QUERIES:
                seconds = run(e.search(q)).seconds
                times[e.name][q[0]].append(seconds * 1000)
    return times


class Engine:
    name = ""
    needs = ()

    def available(self):
        return all(shutil.which(n) for n in self.needs)


class Minutes(Engine):
    name = "minutes"

    def __init__(self, binary):
        self.binary = binary

    def available(self):
        return os.path.exists(self.binary)

    def build(self, work, corpus, texts):
        self.index = os.path.join(work, "minutes-index")
        return run([self.binary, "--corpus", corpus, "--index", self.index,
                    "index", "--full", "--quiet"], rss=True), self.index

    def rebuild(self, corpus):
        return run([self.binary, "--corpus", corpus, "--index", self.index, "index", "--quiet"])

    def search(self, q):
        words = query_words(q)
        text = '"' + " ".join(words) + '"' if is_phrase(q) else " ".join(words)
        return [self.binary, "--index", self.index, "search", text, "--format", "json"]


class Sqlite(Engine):
    name = "SQLite FTS5"
    needs = ("sqlite3",)

    def build(self, work, corpus, texts):
        staged = os.path.join(work, "staged.sqlite")
        con = sqlite3.connect(staged)
        con.execute("CREATE TABLE docs(path TEXT, body TEXT)")
        con.executemany("INSERT INTO docs VALUES (?, ?)", texts)
        con.commit()
        con.close()
        self.db = os.path.join(work, "fts.sqlite")
        # Batches of 256 rows, one transaction each, as a loader would commit.
        batches = "".join(
            f"BEGIN; INSERT INTO fts SELECT path, body FROM s.docs "
            f"WHERE rowid > {i} AND rowid <= {i + 256}; COMMIT;"
            for i in range(0, len(texts), 256))
        # Then merged into one b-tree ('optimize'), as minutes merges a run's
        # segments into one: both are searched as a loader would leave them.
        sql = (f"ATTACH '{staged}' AS s;"
               "CREATE VIRTUAL TABLE fts USING fts5(path UNINDEXED, body, tokenize='porter unicode61');"
               + batches + "INSERT INTO fts(fts) VALUES('optimize');")
        result = run(["sqlite3", self.db, sql], rss=True)
        os.remove(staged)
        return result, self.db

    def match(self, q):
        words = query_words(q)
        return '"' + " ".join(words) + '"' if is_phrase(q) else " AND ".join(words)

    def sql(self, q):
        return ("SELECT path, snippet(fts, 1, '[', ']', '...', 12) FROM fts "
                f"WHERE fts MATCH '{self.match(q)}' ORDER BY rank LIMIT 10;")

    def search(self, q):
        return ["sqlite3", self.db, self.sql(q)]

    def in_process(self, runs):
        con = sqlite3.connect(self.db)
        times = []
        for _ in range(runs):
            for q in QUERIES:
                start = time.perf_counter()
                con.execute(self.sql(q)).fetchall()
                con.execute(f"SELECT count(*) FROM fts WHERE fts MATCH '{self.match(q)}'").fetchall()
                times.append((time.perf_counter() - start) * 1000)
        con.close()
        return times


class TantivyCli(Engine):
    name = "tantivy-cli"
    needs = ("tantivy",)
    # `tantivy search` prints every match, unranked, with its whole stored
    # document: its search times are not those of a ranked top 10.
    comparable_search = False

    def build(self, work, corpus, texts):
        self.dir = os.path.join(work, "tantivy-index")
        os.makedirs(self.dir)
        text = {"indexing": {"record": "position", "fieldnorms": True, "tokenizer": "en_stem"},
                "stored": True}
        meta = {"index_settings": {"docstore_compression": "lz4", "docstore_blocksize": 16384},
                "segments": [], "opstamp": 0,
                "schema": [{"name": "path", "type": "text",
                            "options": {"indexing": {"record": "basic", "fieldnorms": False,
                                                     "tokenizer": "raw"}, "stored": True}},
                           {"name": "body", "type": "text", "options": text}]}
        with open(os.path.join(self.dir, "meta.json"), "w") as f:
            json.dump(meta, f)
        docs = os.path.join(work, "docs.json")
        with open(docs, "w") as f:
            for path, body in texts:
                f.write(json.dumps({"path": path, "body": body}) + "\n")
        with open(docs) as stdin:
            result = run(["tantivy", "index", "-i", self.dir, "-t", "2"], stdin=stdin, rss=True)
        os.remove(docs)
        return result, self.dir

    def search(self, q):
        words = query_words(q)
        text = '"' + " ".join(words) + '"' if is_phrase(q) else " AND ".join(words)
        return ["tantivy", "search", "-i", self.dir, "-q", text]


class Recoll(Engine):
    name = "Recoll"
    needs = ("recollindex", "recollq")

    def build(self, work, corpus, texts):
        self.conf = os.path.join(work, "recoll")
        os.makedirs(self.conf)
        with open(os.path.join(self.conf, "recoll.conf"), "w") as f:
            f.write(f"topdirs = {corpus}\nskippedNames+ = PROVENANCE.md README.md *.json *.csv *.pdf *.xml\n")
        return run(["recollindex", "-c", self.conf, "-z"], rss=True), os.path.join(self.conf, "xapiandb")

    def search(self, q):
        words = query_words(q)
        text = '"' + " ".join(words) + '"' if is_phrase(q) else " ".join(words)
        return ["recollq", "-c", self.conf, "-n", "10", "-A", text]


class Ripgrep(Engine):
    name = "ripgrep"
    needs = ("rg",)

    def build(self, work, corpus, texts):
        self.corpus = corpus
        return None, None

    def search(self, q):
        words = query_words(q)
        if is_phrase(q) or len(words) == 1:
            # rg has no AND: search the first word (a superset of the AND).
            return ["rg", "-i", "-w", "-m", "1", " ".join(words), self.corpus]
        return ["rg", "-i", "-w", "-m", "1", words[0], self.corpus]


def scaled_corpus(source, work, scale):
    if scale == 1:
        return os.path.abspath(source)
    root = os.path.join(work, f"corpus-{scale}x")
    for i in range(scale):
        shutil.copytree(source, os.path.join(root, f"copy-{i}"), copy_function=os.link)
    return root


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=os.path.join(REPO, "..", "shared", "corpora"))
    ap.add_argument("--minutes", default=os.path.join(REPO, "target", "release", "minutes"))
    ap.add_argument("--scales", default="1,4")
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--only", help="comma-separated engine names to run")
    args = ap.parse_args()

    if not os.path.isdir(args.corpus):
        print(f"peers benchmark skipped: {args.corpus} is not here (it needs the shared corpora)")
        return 0
    before = input_check.snapshot(args.corpus)
    engines = [Minutes(args.minutes), Sqlite(), TantivyCli(), Recoll(), Ripgrep()]
    if args.only:
        keep = {n.strip().lower() for n in args.only.split(",")}
        engines = [e for e in engines if e.name.lower() in keep]
    for e in engines:
        if not e.available():
            print(f"skipping {e.name}: not installed ({', '.join(e.needs) or args.minutes})",
                  file=sys.stderr)
    engines = [e for e in engines if e.available()]

    print(f"corpus: {os.path.abspath(args.corpus)}; {args.runs} runs of each query; "
          f"{os.cpu_count()} cores\n")
    header = ("| engine | scale | build s | build CPU s | peak RSS MB | index MB | index ÷ text | "
              "search p50 / p95 ms (whole process) | in-process p50 / p95 ms | search peak RSS MB |")
    rows = []
    per_query = {}
    # (engine or "extraction", scale) -> wall s, CPU s; and p50 over the mix.
    builds, p50s = {}, {}
    for scale in [int(s) for s in args.scales.split(",") if s.strip()]:
        with tempfile.TemporaryDirectory(prefix="minutes-peers-") as work:
            corpus = scaled_corpus(args.corpus, work, scale)
            start, start_cpu = time.perf_counter(), cpu_seconds()
            texts = [(os.path.relpath(p, corpus), extract(p)) for p in document_files(corpus)]
            extract_s = time.perf_counter() - start
            builds[("extraction", scale)] = (extract_s, cpu_seconds() - start_cpu)
            text_bytes = sum(len(t.encode("utf-8")) for _, t in texts)
            print(f"{scale}x: {len(texts)} documents, {text_bytes / 1e6:.1f} MB of text, "
                  f"extracted by this script in {extract_s:.2f} s", file=sys.stderr)
            rows.append(f"| (text extraction for SQLite and tantivy-cli) | {scale}× | "
                        f"{extract_s:.2f} | {builds[('extraction', scale)][1]:.2f} | | | | | | |")
            # Every engine is built first; their searches then run in rounds
            # that interleave the engines (see `latencies`).
            built_rows = []
            for e in engines:
                built, index = e.build(work, corpus, texts)
                cells = [e.name, f"{scale}×"]
                if built is None:
                    cells += ["–", "–", "–", "–", "0"]
                else:
                    seconds, rss, code, cpu = built
                    if code != 0:
                        print(f"{e.name}: build failed (exit {code}); skipped", file=sys.stderr)
                        continue
                    size = dir_bytes(index)
                    builds[(e.name, scale)] = (seconds, cpu)
                    cells += [f"{seconds:.2f}", "n/a" if cpu is None else f"{cpu:.2f}",
                              "n/a" if rss is None else f"{rss:.0f}",
                              f"{size / 1e6:.1f}",
                              f"{size / text_bytes:.2f}"]
                    print(f"  {e.name}: built in {seconds:.2f} s", file=sys.stderr)
                built_rows.append((e, cells))
            every_time = latencies([e for e, _ in built_rows], args.runs)
            for e, cells in built_rows:
                times = every_time[e.name]
                every = [t for ts in times.values() for t in ts]
                if getattr(e, "comparable_search", True):
                    p50s[(e.name, scale)] = percentile(every, 50)
                    cells.append(f"{percentile(every, 50):.1f} / {percentile(every, 95):.1f}")
                else:
                    cells.append(f"not comparable* ({percentile(every, 50):.1f} / {percentile(every, 95):.1f})")
                if hasattr(e, "in_process"):
                    inproc = e.in_process(args.runs)
                    cells.append(f"{percentile(inproc, 50):.2f} / {percentile(inproc, 95):.2f}")
                else:
                    cells.append("")
                search_rss = run(e.search(QUERIES[0]), rss=True).peak
                cells.append("n/a" if search_rss is None else f"{search_rss:.0f}")
                rows.append("| " + " | ".join(cells) + " |")
                for name, ts in times.items():
                    if getattr(e, "comparable_search", True):
                        per_query.setdefault((name, scale), {})[e.name] = percentile(ts, 50)
                if isinstance(e, Minutes):
                    seconds = e.rebuild(corpus).seconds
                    rows.append(f"| minutes, no-change rerun | {scale}× | {seconds:.3f} | | | | | | | |")
    print(header)
    print("|" + "---|" * 10)
    print("\n".join(rows))
    if any(not getattr(e, "comparable_search", True) for e in engines):
        print("\n\\* `tantivy search` prints every match, unranked, with its whole document, where "
              "the others print a ranked top 10: its times are shown but not compared.")
    names = [e.name for e in engines if getattr(e, "comparable_search", True)]
    print("\nWhole-process p50 ms per query\n")
    print("| query | scale | " + " | ".join(names) + " |")
    print("|" + "---|" * (len(names) + 2))
    for (query, scale), by in per_query.items():
        print(f"| {query} | {scale}× | " +
              " | ".join(f"{by[n]:.1f}" if n in by else "" for n in names) + " |")
    print_ratios(builds, p50s, sorted({scale for _, scale in builds}))
    input_check.assert_unchanged(args.corpus, before)
    return 0


def print_ratios(builds, p50s, scales):
    """The issue's targets as ratios of this run's own figures (a blank where
    a peer did not run)."""
    def ratio(a, b):
        return f"{a / b:.2f}" if a is not None and b else ""

    def cpu(name, scale):
        return builds.get((name, scale), (None, None))[1]

    def wall(name, scale):
        return builds.get((name, scale), (None, None))[0]

    def plus(a, b):
        return a + b if a is not None and b is not None else None

    measures = [
        ("build CPU ÷ tantivy-cli's ingest CPU (extracted text)",
         lambda s: ratio(cpu("minutes", s), cpu("tantivy-cli", s))),
        ("build CPU ÷ tantivy-cli's (extraction + ingest)",
         lambda s: ratio(cpu("minutes", s), plus(cpu("tantivy-cli", s), cpu("extraction", s)))),
        ("build wall from raw files ÷ SQLite FTS5's (extraction + ingest)",
         lambda s: ratio(wall("minutes", s), plus(wall("SQLite FTS5", s), wall("extraction", s)))),
        ("whole-process search p50 ÷ SQLite FTS5's",
         lambda s: ratio(p50s.get(("minutes", s)), p50s.get(("SQLite FTS5", s)))),
    ]
    print("\nThe same run as ratios (`minutes` ÷ peer; below 1 means `minutes` is faster)\n")
    print("| measure | " + " | ".join(f"{s}×" for s in scales) + " |")
    print("|" + "---|" * (len(scales) + 1))
    for name, of in measures:
        print(f"| {name} | " + " | ".join(of(s) for s in scales) + " |")


if __name__ == "__main__":
    sys.exit(main())
