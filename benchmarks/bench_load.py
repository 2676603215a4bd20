"""Load throughput on a generated 20,000-article native-format folder (issue #2).

Generates articles with YAML front matter (about 3.3 KB each, 2% of them syndicated copies
with one word changed, so near-duplicate detection has work to do) in a temporary folder,
then in the same process, pinned to one core:

* baseline: a plain read of the same files (walk, read bytes, decode UTF-8);
* ``load_corpus`` (default ``duplicates="near"``): decoding, front matter, native cleaning,
  registry join, content hashes, exact + MinHash-LSH near-duplicate flags, the DataFrame;
* ``load_corpus(duplicates="exact")``: the same with exact-copy flags only.

Prints MB/s, articles/s, peak RSS and the load/baseline time ratio, on wall-clock time and
on this process's CPU time (the two differ when other work shares the core). Target:
>= 20 MB/s (wall-clock, on an otherwise idle core).

Run: ``.venv/bin/python benchmarks/bench_load.py [--n 20000]``
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import tempfile
import time
from pathlib import Path

from framelens.corpus import load_corpus

OUTLETS = ["teleSUR English", "Daily Example", "Wire Service", "Public Broadcaster"]


def _vocabulary(rng: random.Random, n: int = 5000) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(2, 9))) for _ in range(n)]


def generate(root: Path, n: int, seed: int = 7) -> int:
    """Write ``n`` native articles under ``root`` (100 per folder); return total bytes."""
    rng = random.Random(seed)
    vocab = _vocabulary(rng)
    total = 0
    previous = ""
    for i in range(n):
        if i and rng.random() < 0.02:  # a syndicated copy of the previous article
            words = previous.split(" ")
            words[rng.randrange(len(words))] = "changed"
            body = " ".join(words)
        else:
            paras = []
            for _ in range(6):
                sent = [" ".join(rng.choices(vocab, k=rng.randint(8, 20))) for _ in range(5)]
                paras.append(". ".join(s.capitalize() for s in sent) + ".")
            body = "\n\n".join(paras)
        previous = body
        text = (
            "---\n"
            f"outlet: {OUTLETS[i % len(OUTLETS)]}\n"
            f"title: Generated article {i}\n"
            f"date: 2020-{1 + i % 12:02d}-{1 + i % 28:02d}\n"
            f"url: https://example.org/{i}\n"
            "language: en\n"
            f"section: Section {i % 7}\n"
            "---\n"
            f"{body}\n"
        ).encode()
        folder = root / f"part{i // 100:03d}"
        folder.mkdir(exist_ok=True)
        (folder / f"article{i:05d}.md").write_bytes(text)
        total += len(text)
    return total


def baseline(root: Path) -> int:
    """Plain read of every file: walk, read bytes, decode UTF-8. Returns files read."""
    n = 0
    for dirpath, _dirs, files in os.walk(root):
        for name in sorted(files):
            (Path(dirpath) / name).read_bytes().decode("utf-8")
            n += 1
    return n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000, help="articles to generate")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per mode (median)")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    with tempfile.TemporaryDirectory(prefix="framelens-bench-") as tmp:
        root = Path(tmp)
        size = generate(root, args.n)
        mb = size / 1e6
        baseline(root)  # warm the page cache so both runs read from memory
        t0, c0 = time.perf_counter(), time.process_time()
        n_files = baseline(root)
        t_base, c_base = time.perf_counter() - t0, time.process_time() - c0
        # Warm-up on a small sample: imports, compiled patterns and hash tables are built
        # once per process and are not part of per-article throughput.
        sample = root / "_warmup"
        sample.mkdir()
        for path in sorted(root.glob("*/*.md"))[:300]:
            (sample / path.name).write_bytes(path.read_bytes())
        load_corpus(sample, progress=False)
        shutil.rmtree(sample)
        runs = {}
        for mode in ("near", "exact"):
            times = []
            for _ in range(args.repeat):
                t0, c0 = time.perf_counter(), time.process_time()
                corpus = load_corpus(root, strict=True, progress=False, duplicates=mode)
                times.append((time.perf_counter() - t0, time.process_time() - c0))
                assert len(corpus) == n_files == args.n
            times.sort()
            median = times[len(times) // 2]
            n_dup = int(corpus.to_frame()["duplicate_of"].notna().sum())
            runs[mode] = (median[0], median[1], n_dup, times[0][0])
            del corpus
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"framelens load benchmark: {args.n} native articles, {mb:.1f} MB, one core")
    print("                              wall time                  | CPU time of this process")
    print(
        f"baseline (read + decode):     {t_base:6.2f} s {mb / t_base:6.1f} MB/s"
        f"                | {c_base:6.2f} s {mb / c_base:6.1f} MB/s"
    )
    print(f"load_corpus: median of {args.repeat} runs after a warm-up (best wall time in brackets)")
    for mode, (t_load, c_load, n_dup, best) in runs.items():
        print(
            f"load_corpus duplicates={mode + ':':6s} {t_load:6.2f} s {mb / t_load:6.1f} MB/s "
            f"{args.n / t_load:6.0f} art/s [{mb / best:5.1f} MB/s] | {c_load:6.2f} s "
            f"{mb / c_load:6.1f} MB/s | ratio {t_load / t_base:5.1f}x wall, "
            f"{c_load / c_base:5.1f}x CPU | {n_dup} duplicates flagged"
        )
    print(f"peak RSS:                     {peak_mb:6.0f} MB")
    print(f"load average (1 min):         {os.getloadavg()[0]:.2f} (other work on the machine)")
    target = 20.0
    for mode, (t_load, *_rest) in runs.items():
        verdict = "met" if mb / t_load >= target else "NOT met"
        print(f"target >= {target:.0f} MB/s wall (median), duplicates={mode}: {verdict}")


if __name__ == "__main__":
    main()
