#!/usr/bin/env python3
"""Kill soak: SIGKILL `minutes index` at random moments and check the index
survives each one.

    python3 scripts/kill-soak.py [--bin target/release/minutes]
                                 [--corpus ../shared/corpora] [--kills 20]

It builds the index of the corpus once, then, --kills times: starts a full
rebuild, kills it with SIGKILL at a random moment of its run, and checks that

  1. the index opens (`stats`) and still holds the last committed build
     (same documents and records, same run number);
  2. a search returns the same total as before the kill;
  3. the next `minutes index` completes with exit 0, finds every document
     unchanged, and leaves no file in the index folder that its commit does
     not use.

Each outcome is printed as one line; the exit status is 1 if any failed.
This is not a CI test: it needs a real corpus and takes a few minutes.
"""

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

QUERY = "council"


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def stats(bin_, index):
    out = run([bin_, "--index", index, "stats", "--format", "json"])
    if out.returncode != 0:
        raise RuntimeError(f"stats failed: {out.stderr.strip()}")
    return json.loads(out.stdout)


def total(bin_, index):
    out = run([bin_, "--index", index, "search", QUERY, "--format", "json", "--limit", "1"])
    if out.returncode != 0:
        raise RuntimeError(f"search failed: {out.stderr.strip()}")
    lines = [json.loads(l) for l in out.stdout.splitlines() if l.strip()]
    summary = [l for l in lines if l.get("type") == "summary"]
    return summary[-1]["total"]


def stray_files(index):
    """Files in the index folder that its committed meta.json does not use."""
    with open(os.path.join(index, "meta.json")) as f:
        meta = json.load(f)
    used = {s["segment_id"].replace("-", "") for s in meta["segments"]}
    keep = {"meta.json", ".managed.json", ".tantivy-meta.lock", ".tantivy-writer.lock"}
    stray = []
    for name in os.listdir(index):
        if name in keep:
            continue
        if name.split(".")[0] not in used:
            stray.append(name)
    return stray


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default="target/release/minutes")
    ap.add_argument("--corpus", default="../shared/corpora")
    ap.add_argument("--kills", type=int, default=20)
    ap.add_argument("--seed", type=int, default=None)
    args = ap.parse_args()
    if not os.path.isdir(args.corpus):
        print(f"kill-soak: no corpus at {args.corpus}; pass --corpus DIR", file=sys.stderr)
        return 2
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    work = tempfile.mkdtemp(prefix="minutes-soak-")
    index = os.path.join(work, "index")
    base = [args.bin, "--corpus", args.corpus, "--index", index]
    try:
        started = time.monotonic()
        first = run(base + ["index", "--quiet"])
        if first.returncode != 0:
            print(f"kill-soak: the first build failed: {first.stderr}", file=sys.stderr)
            return 1
        full_seconds = time.monotonic() - started
        before = stats(args.bin, index)
        expected = (before["documents"], before["records"])
        hits = total(args.bin, index)
        print(
            f"seed {seed}; first build {full_seconds:.1f}s: {expected[0]} documents, "
            f"{expected[1]} records, {hits} hits for '{QUERY}'"
        )
        failures = 0
        for i in range(1, args.kills + 1):
            at = rng.uniform(0.02, 1.0) * full_seconds
            proc = subprocess.Popen(
                base + ["index", "--full", "--quiet"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            time.sleep(at)
            finished = proc.poll() is not None
            if not finished:
                proc.send_signal(signal.SIGKILL)
            proc.wait()
            problems = []
            try:
                after = stats(args.bin, index)
                if (after["documents"], after["records"]) != expected:
                    problems.append(f"holds {after['documents']}/{after['records']} after the kill")
                if total(args.bin, index) != hits:
                    problems.append("search total changed")
                nxt = run(base + ["index", "--json"])
                if nxt.returncode != 0:
                    problems.append(f"next run failed: {nxt.stderr.strip()}")
                else:
                    s = json.loads(nxt.stdout)
                    if (s["documents"], s["records"]) != expected:
                        problems.append(f"next run counts {s['documents']}/{s['records']}")
                    if not finished and s["unchanged"] != expected[0]:
                        problems.append(f"next run re-read {expected[0] - s['unchanged']} files")
                stray = stray_files(index)
                if stray:
                    problems.append(f"{len(stray)} stray files, e.g. {stray[0]}")
            except Exception as e:  # noqa: BLE001 - every failure is an outcome
                problems.append(str(e))
            what = "finished before the kill" if finished else f"killed at {at:.2f}s"
            status = "ok" if not problems else "FAIL: " + "; ".join(problems)
            failures += bool(problems)
            print(f"{i:2}. {what}: {status}", flush=True)
        print(f"{args.kills - failures}/{args.kills} good")
        return 1 if failures else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
