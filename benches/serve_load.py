#!/usr/bin/env python3
"""Load on `minutes serve`: wrk on loopback against the search page and the
JSON API over an index of ../shared/corpora, for SECONDS at CONNECTIONS, then
the search page again while `minutes index --full` rebuilds the same index.
Reports requests per second, p50 / p99 latency and errors (socket errors and
non-2xx answers) as a Markdown table for BENCHMARKS.md.

    cargo build --release
    python3 benches/serve_load.py [--seconds 30] [--connections 50] [--corpus ../shared/corpora]

Needs wrk (Debian: apt-get install wrk). The corpus is only read; the index
is built in a temporary folder and deleted afterwards.
"""
import argparse
import input_check
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

QUERIES = ["caseload", "planning application", "\"annual governance statement\"",
           "ofsted inadequate", "153-18", "section 183", "budget", "care leavers"]

LUA = """
local paths = {%s}
local pause = %d
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1])
end
if pause > 0 then
  delay = function() return pause end
end
"""


def quote(q):
    from urllib.parse import quote_plus
    return quote_plus(q)


def wrk(base, paths, seconds, connections, threads, rate=0):
    """wrk as fast as it can go, or near `rate` requests per second in all:
    each connection pauses a little under connections/rate seconds before its next request
    (wrk times a request from when it is sent, so the pause is not counted)."""
    pause = int(connections * 1000 / rate * 0.95) if rate else 0
    script = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
    script.write(LUA % (", ".join(f'"{p}"' for p in paths), pause))
    script.close()
    try:
        out = subprocess.run(
            ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s",
             "--timeout", "10s", "--latency", "-s", script.name, base],
            check=True, capture_output=True, text=True).stdout
    finally:
        os.unlink(script.name)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    lat = dict(re.findall(r"^\s+(50|99)(?:\.000)?%\s+([\d.]+\w+)", out, re.M))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = (int(non2xx.group(1)) if non2xx else 0) + (sum(map(int, sock.groups())) if sock else 0)
    total = int(re.search(r"(\d+) requests in", out).group(1))
    return rps, lat.get("50", "?"), lat.get("99", "?"), errors, total


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=int, default=30)
    ap.add_argument("--connections", type=int, default=50)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--corpus", default="../shared/corpora")
    ap.add_argument("--bin", default="target/release/minutes")
    ap.add_argument("--rate", type=int, default=300,
                    help="requests per second of the paced rows (the acceptance figure)")
    args = ap.parse_args()
    if not os.path.isdir(args.corpus):
        print(f"skipped: {args.corpus} is not here (the load benchmark reads ../shared/corpora)")
        return
    if shutil.which("wrk") is None:
        print("skipped: wrk is not installed (Debian: apt-get install wrk)")
        return
    binary = os.path.abspath(args.bin)
    corpus = os.path.abspath(args.corpus)
    before = input_check.snapshot(corpus)
    work = tempfile.mkdtemp(prefix="minutes-load-")
    index = os.path.join(work, "index")
    server = None
    try:
        subprocess.run([binary, "--index", index, "--corpus", corpus, "index", "--quiet"], check=True)
        server = subprocess.Popen(
            [binary, "--index", index, "--corpus", corpus, "--quiet", "serve", "--bind", "127.0.0.1:0"],
            stdout=subprocess.PIPE, text=True)
        base = server.stdout.readline().strip().rstrip("/")
        pages = [f"/?q={quote(q)}" for q in QUERIES]
        api = [f"/api/search?q={quote(q)}" for q in QUERIES]
        print(f"{args.seconds} s at {args.connections} connections ({args.threads} wrk threads), "
              f"{len(QUERIES)} queries in turn, on {os.cpu_count()} cores shared by wrk and the server\n")
        print("| target | requests/s | p50 | p99 | errors / requests |")
        print("|---|---|---|---|---|")
        rows = [("search page, as fast as it goes", pages, False, 0),
                (f"search page, paced at {args.rate}/s", pages, False, args.rate),
                ("JSON API /api/search, as fast as it goes", api, False, 0),
                (f"JSON API /api/search, paced at {args.rate}/s", api, False, args.rate),
                ("search page while `index --full` rebuilds", pages, True, 0),
                (f"search page paced at {args.rate}/s while `index --full` rebuilds", pages, True, args.rate)]
        for name, paths, rebuild, rate in rows:
            builder = None
            if rebuild:
                builder = subprocess.Popen(
                    [binary, "--index", index, "--corpus", corpus, "index", "--full", "--quiet"])
            rps, p50, p99, errors, total = wrk(base, paths, args.seconds, args.connections, args.threads, rate)
            note = ""
            if builder is not None:
                finished = builder.poll() is not None
                builder.wait()
                note = " (rebuild finished within the run)" if finished else " (rebuild still running at the end)"
            print(f"| {name}{note} | {rps:,.0f} | {p50} | {p99} | {errors} / {total:,} |", flush=True)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)
    input_check.assert_unchanged(corpus, before)


if __name__ == "__main__":
    sys.exit(main())
