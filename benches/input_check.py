"""The proof that a benchmark left its input as it found it: every file of
the tree with its size, modification time and content hash (BLAKE2b),
taken before the benchmark and compared after it. Python 3 stdlib only."""
import hashlib
import os


def snapshot(root):
    """{relative path: (size, mtime_ns, hash)} of every file under root."""
    files = {}
    for folder, _, names in os.walk(root):
        for name in names:
            path = os.path.join(folder, name)
            st = os.stat(path)
            digest = hashlib.blake2b()
            with open(path, "rb") as f:
                for block in iter(lambda: f.read(1 << 20), b""):
                    digest.update(block)
            files[os.path.relpath(path, root)] = (st.st_size, st.st_mtime_ns, digest.hexdigest())
    return files


def assert_unchanged(root, before):
    """Exit with an error naming what changed, unless root is as it was."""
    after = snapshot(root)
    changed = sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))
    if changed:
        raise SystemExit(f"the benchmark changed its input {root}: {len(changed)} files, "
                         f"first {changed[:5]}")
    print(f"\ninput unchanged: {len(before)} files under {root} with their sizes, times and "
          "BLAKE2b hashes as before")
