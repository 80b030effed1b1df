#!/usr/bin/env python3
"""Sizing: how `minutes` grows with the corpus, for the "one machine" note in
BENCHMARKS.md. For each scale (the corpus hard-linked again under distinct
paths in a temporary folder, read only, deleted afterwards) it builds a fresh
index and reports build wall time, peak RSS, index size, records, whole-process
search latency p50/p95 over a fixed query mix, and the full export's time.

    cargo build --release
    python3 benches/sizing.py [--scales 1,4,16,32] [--runs 10] [--corpus ../shared/corpora]
"""
import argparse
import input_check
import os
import shutil
import statistics
import subprocess
import tempfile
import time

QUERIES = ["caseload", "planning application", "\"annual governance statement\"", "ofsted inadequate", "153-18"]


def linked_copy(corpus, dest, n):
    for i in range(n):
        for d, _, files in os.walk(corpus):
            rel = os.path.relpath(d, corpus)
            target = os.path.join(dest, f"copy{i}", rel)
            os.makedirs(target, exist_ok=True)
            for f in files:
                os.link(os.path.join(d, f), os.path.join(target, f))


def size_mb(path):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs) / 1e6


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--scales", default="1,4,16,32")
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--corpus", default="../shared/corpora")
    ap.add_argument("--bin", default="target/release/minutes")
    args = ap.parse_args()
    binary = os.path.abspath(args.bin)
    before = input_check.snapshot(args.corpus)
    print("| scale | records | build s | build peak RSS MB | index MB | search p50 / p95 ms | search peak RSS MB | export s |")
    print("|---|---|---|---|---|---|---|---|")
    for scale in [int(s) for s in args.scales.split(",")]:
        work = tempfile.mkdtemp(prefix="minutes-sizing-")
        try:
            corpus, index = os.path.join(work, "corpus"), os.path.join(work, "index")
            linked_copy(os.path.abspath(args.corpus), corpus, scale)
            # RUSAGE_CHILDREN keeps the largest child so far: measure each
            # kind of process in its own child interpreter.
            build = subprocess.run(
                ["python3", "-c", f"import resource,subprocess,time,sys;s=time.perf_counter();subprocess.run({[binary, '--index', index, '--corpus', corpus, 'index', '--quiet']!r},check=True);print(time.perf_counter()-s, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1024)"],
                check=True, capture_output=True, text=True).stdout.split()
            stats = subprocess.run([binary, "--index", index, "stats", "--format", "json"], check=True, capture_output=True, text=True).stdout
            records = __import__("json").loads(stats)["records"]
            latencies = []
            search_rss = 0.0
            for _ in range(args.runs):
                for q in QUERIES:
                    out = subprocess.run(
                        ["python3", "-c", f"import resource,subprocess,time;s=time.perf_counter();subprocess.run({[binary, '--index', index, 'search', q, '--format', 'json']!r},check=True,stdout=subprocess.DEVNULL);print(time.perf_counter()-s, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1024)"],
                        check=True, capture_output=True, text=True).stdout.split()
                    latencies.append(float(out[0]) * 1000)
                    search_rss = max(search_rss, float(out[1]))
            latencies.sort()
            p50 = statistics.median(latencies)
            p95 = latencies[int(len(latencies) * 0.95) - 1]
            start = time.perf_counter()
            subprocess.run([binary, "--index", index, "export", "--quiet"], check=True, stdout=subprocess.DEVNULL)
            export_s = time.perf_counter() - start
            print(f"| {scale}× | {records:,} | {float(build[0]):.1f} | {float(build[1]):.0f} | {size_mb(index):.0f} | {p50:.1f} / {p95:.1f} | {search_rss:.0f} | {export_s:.1f} |", flush=True)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    input_check.assert_unchanged(args.corpus, before)


if __name__ == "__main__":
    main()
