"""Benchmark: extract a corpus of a few thousand ~3 KB articles in one process, or several (--jobs).

Prints articles/s, MB/s and peak memory of the extractor, and, on the same articles in the same run, the time
of dateparser.search_dates alone as a reference. Usage: .venv/bin/python scripts/bench_extract.py [--n 3000]
[--rounds 5]. The extractor reads and extracts the whole corpus once per round; the median round is the figure
(a shared machine's speed drifts from minute to minute: each round is printed too, and the best). It measures the compiled extractor when scripts/build_native.py has built it; EVENTS_PURE_PYTHON=1 measures the
Python sources.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from events.extract import extractor  # noqa: E402
from events.parallel import resolve_jobs  # noqa: E402
from events.pipeline import extract_articles  # noqa: E402
from events.readers import read_paths, read_text  # noqa: E402
from events.records import Article  # noqa: E402


def corpus(n: int, seed: int = 7) -> list[tuple[str, str, date]]:
    """n articles of ~3 KB made by recombining the paragraphs of the bundled and golden articles."""
    sources = [ROOT / "data" / "corpus", ROOT / "tests" / "data" / "golden" / "dev", ROOT / "seeds"]
    paras: dict[str, list[str]] = {"ro": [], "en": []}
    for item in read_paths([p for p in sources if p.exists()], metadata=ROOT / "data" / "seeds.metadata.yaml"):
        if isinstance(item, Article) and item.language in paras:
            paras[item.language].extend(p for p in item.text.split("\n") if len(p) > 40)
    rng = random.Random(seed)
    out = []
    for i in range(n):
        lang = "ro" if i % 2 else "en"
        parts: list[str] = []
        while sum(len(p) for p in parts) < 3000:
            parts.append(rng.choice(paras[lang]))
        out.append(("\n\n".join(parts), lang, date(2025, 1, 1) + timedelta(days=rng.randrange(330))))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=3000, help="number of articles")
    ap.add_argument("--rounds", type=int, default=5, help="passes over the corpus; the median is reported")
    ap.add_argument("--search-dates-n", type=int, default=0, help="articles for the dateparser reference (0 = all)")
    ap.add_argument("--jobs", type=int, default=1, help="processes that extract (0: one per core); default 1")
    ap.add_argument("--memory", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.memory:
        print(json.dumps({"peak_traced_mb": traced_peak(corpus(300)) / 1e6}))
        return 0
    docs = corpus(args.n)
    mb = sum(len(t.encode("utf-8")) for t, _, _ in docs) / 1e6
    # memory in a child process: tracing slows Python down, and the slowdown outlasts tracemalloc.stop() here
    child = subprocess.run([sys.executable, __file__, "--memory"], capture_output=True, text=True, check=True)
    peak = json.loads(child.stdout.strip().splitlines()[-1])["peak_traced_mb"]

    # speed: everything loaded (300 articles to warm up), no tracing
    ex = extractor()
    for text, _lang, pub in docs[:300]:
        ex.extract(read_text(text, published=pub))
    times: list[float] = []
    n_events = 0
    for _ in range(max(1, args.rounds)):
        t0 = time.perf_counter()
        n_events = 0
        articles = (read_text(text, published=pub) for text, _lang, pub in docs)  # language detected, as for files
        for _article, evs in extract_articles(articles, jobs=args.jobs):
            n_events += len(evs)
        times.append(time.perf_counter() - t0)
    dt = statistics.median(times)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
    import events

    mode = "compiled with mypyc" if events.native_state() == "fresh" and not os.environ.get("EVENTS_PURE_PYTHON") \
        else "pure Python"
    jobs = resolve_jobs(args.jobs)
    mode += f", {jobs} process{'es' if jobs > 1 else ''}"
    rounds = ", ".join(f"{len(docs) / t:,.0f}" for t in times)
    print(f"extractor ({mode}): {len(docs)} articles, {mb:.1f} MB, {n_events} events in {dt:.2f} s (median of "
          f"{len(times)} rounds) -> {len(docs) / dt:,.0f} articles/s, {mb / dt:.2f} MB/s; rounds: {rounds} "
          f"articles/s (best {len(docs) / min(times):,.0f}); peak traced memory {peak:.1f} MB (cold start + 300 "
          f"articles, child process), max RSS {rss:.0f} MB")

    import dateparser.search

    ref = docs[: args.search_dates_n or len(docs)]
    dateparser.search.search_dates("azi 3 septembrie 2025", languages=["ro"])
    t0 = time.perf_counter()
    for text, lang, pub in ref:
        dateparser.search.search_dates(text, languages=[lang], settings={"RELATIVE_BASE": pub_dt(pub)})
    dt_ref = time.perf_counter() - t0
    print(f"dateparser.search_dates alone: {len(ref)} articles in {dt_ref:.2f} s -> {len(ref) / dt_ref:,.0f} articles/s")
    return 0


def traced_peak(docs: list[tuple[str, str, date]]) -> int:
    """Peak traced bytes: vocabularies, gazetteer and the working set of extraction, from a cold start."""
    tracemalloc.start()
    ex = extractor()
    for text, _lang, pub in docs:
        ex.extract(read_text(text, published=pub))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def pub_dt(d: date):
    from datetime import datetime

    return datetime(d.year, d.month, d.day)


if __name__ == "__main__":
    sys.exit(main())
