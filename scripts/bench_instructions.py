"""Instructions per extracted article, counted by valgrind (repeatable where wall-clock time on a shared machine is not).

Runs the extractor under `valgrind --tool=cachegrind` twice, over 0 and over N benchmark articles after the same
warm-up, and prints the difference per article. Needs valgrind (apt-get install valgrind); takes about a minute.
Usage: .venv/bin/python scripts/bench_instructions.py [--n 400]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(n: int) -> int:
    """Instructions of one process that warms up and then extracts n articles (the child role of this script)."""
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    cmd = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
           sys.executable, __file__, "--child", str(n)]
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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=400, help="articles to count over")
    ap.add_argument("--child", type=int, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child is not None:
        child(args.child)
        return 0
    per_article = (run(args.n) - run(0)) / args.n
    print(f"{per_article / 1e6:.2f} million instructions per article ({args.n} articles, PYTHONHASHSEED=0)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
