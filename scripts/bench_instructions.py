"""Instructions per extracted article, counted by valgrind (repeatable where wall-clock time on a shared machine is not).

Runs the extractor under `valgrind --tool=cachegrind` twice, over 0 and over N benchmark articles after the same
warm-up, and prints the difference per article. Needs valgrind (apt-get install valgrind); takes about a minute.
With --regroup N it counts instead one regroup (`Store.regroup`, on one core) of a store of N synthetic reports
(scripts/bench_grouping.py's), as the difference between a process that opens the store and regroups it and one
that only opens it: about three minutes for 20,000.
Usage: .venv/bin/python scripts/bench_instructions.py [--n 400] [--regroup 20000]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(n: int, *child_args: str) -> int:
    """Instructions of one process that warms up and then extracts n articles (the child role of this script), or
    plays another child role."""
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    cmd = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
           sys.executable, __file__, *(child_args or ("--child", str(n)))]
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, check=True)
    found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    if found is None:
        raise SystemExit(f"no instruction count in valgrind's output:\n{done.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def child(n: int) -> None:
    """Warm up (vocabularies, gazetteer, dateparser loaded), then extract n articles."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "scripts"))
    import dateparser
    from bench_extract import corpus

    from events.extract import extractor
    from events.readers import read_text

    docs = corpus(50 + n)
    ex = extractor()
    dateparser.parse("3 septembrie 2025", languages=["ro"])
    for text, _lang, pub in docs[:50]:
        ex.extract(read_text(text, published=pub))
    for text, _lang, pub in docs[50:]:
        ex.extract(read_text(text, published=pub))


def regroup_child(store: str, regroup: bool) -> None:
    """Open a copy of a grouped store on one core, the gazetteer loaded (as after an ingest), and regroup it."""
    import shutil
    import tempfile

    sys.path.insert(0, str(ROOT))
    from events import gazetteer
    from events.store import Store

    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core: the regroup groups in this process
    gazetteer.place_named("Kyiv")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "copy.db"
        shutil.copy(store, path)
        with Store(path) as s:
            if regroup:
                s.regroup()


def count_regroup(n: int) -> int:
    """Instructions of one regroup of a store of n synthetic reports."""
    import tempfile

    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "scripts"))
    from bench_grouping import _articles, synthetic_rows

    from events.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "store.db"
        with Store(path) as store:
            for article, events in _articles(synthetic_rows(n, seed=2)):
                store.ingest(article, events)
            store.update_groups()
        return run(0, "--regroup-child", str(path), "1") - run(0, "--regroup-child", str(path), "0")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=400, help="articles to count over")
    ap.add_argument("--regroup", type=int, default=None, help="count one regroup of a store of this many reports")
    ap.add_argument("--child", type=int, default=None, help=argparse.SUPPRESS)
    ap.add_argument("--regroup-child", nargs=2, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child is not None:
        child(args.child)
        return 0
    if args.regroup_child is not None:
        regroup_child(args.regroup_child[0], args.regroup_child[1] == "1")
        return 0
    if args.regroup is not None:
        print(f"{count_regroup(args.regroup) / 1e9:.2f} billion instructions for one regroup of {args.regroup:,} "
              "reports on one core (PYTHONHASHSEED=0)")
        return 0
    per_article = (run(args.n) - run(0)) / args.n
    print(f"{per_article / 1e6:.2f} million instructions per article ({args.n} articles, PYTHONHASHSEED=0)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
