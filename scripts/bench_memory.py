"""Memory over a long run: extract 100,000 varied texts in one process and print the resident size as it goes.

Each text mixes sentences of the bundled and golden articles with fuzz: random words in Latin, Cyrillic, Greek,
Arabic, CJK and emoji, invented names, numbers and date-like tokens — what a long ingest of unknown sources, or
a fuzz run, feeds the extractor. A cache without a bound shows here as a curve that keeps rising; the bounded
memo tables (the table at the end gives their sizes) level off. Usage:

    .venv/bin/python scripts/bench_memory.py [--n 100000] [--every 10000] [--seed 1]

Runs on the compiled extractor when it is built (EVENTS_PURE_PYTHON=1 for the Python sources). ~4 minutes for
100,000 texts compiled.
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from events import dates, lexicon  # noqa: E402
from events.extract import extract  # noqa: E402
from events.readers import read_paths, read_text  # noqa: E402
from events.records import Article  # noqa: E402

# Code point ranges the fuzz words are drawn from: Latin with diacritics, Greek, Cyrillic, Arabic, CJK, emoji.
SCRIPTS = [(0x61, 0x7A), (0xC0, 0x17F), (0x391, 0x3C9), (0x410, 0x44F), (0x621, 0x64A), (0x4E00, 0x9FFF),
           (0x1F300, 0x1F64F), (0xAC00, 0xD7A3)]


def rss_mb() -> float:
    """Resident set size of this process now (Linux), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def sentences() -> list[str]:
    """The sentences of the bundled and golden articles: real vocabulary for the texts."""
    sources = [ROOT / "data" / "corpus", ROOT / "tests" / "data" / "golden" / "dev", ROOT / "seeds"]
    out: list[str] = []
    for item in read_paths([p for p in sources if p.exists()], metadata=ROOT / "data" / "seeds.metadata.yaml"):
        if isinstance(item, Article):
            out.extend(s.strip() + "." for s in item.text.replace("\n", " ").split(". ") if len(s) > 20)
    return out


def fuzz_word(rng: random.Random) -> str:
    """A random word in a random script, sometimes capitalised like a name."""
    lo, hi = rng.choice(SCRIPTS)
    word = "".join(chr(rng.randint(lo, hi)) for _ in range(rng.randint(2, 12)))
    return word.capitalize() if rng.random() < 0.3 else word


def text(rng: random.Random, real: list[str]) -> str:
    """One text of a few sentences: real ones with words swapped for fuzz, fuzz ones, numbers and dates."""
    parts = []
    for _ in range(rng.randint(1, 8)):
        words = rng.choice(real).split()
        for i in range(len(words)):
            roll = rng.random()
            if roll < 0.25:
                words[i] = fuzz_word(rng)
            elif roll < 0.30:
                words[i] = str(rng.randint(0, 10**rng.randint(1, 9)))
            elif roll < 0.32:
                words[i] = f"{rng.randint(1, 31)}.{rng.randint(1, 12)}.{rng.randint(1900, 2100)}"
        parts.append(" ".join(words))
    return " ".join(parts)


def memo_sizes() -> dict[str, int]:
    """Entries in the extractor's memo tables (all bounded; listed to show where memory goes)."""
    sizes = {"fold: characters": len(lexicon._FOLD_CACHE), "dates: keys": len(dates._KEY_OF)}
    for lang in ("ro", "en"):
        for name in ("triggers", "cues"):
            matcher = getattr(lexicon.load(lang), name)
            for attr in ("_cache", "_starts_phrase", "_pairs"):
                table = getattr(matcher, attr, None)
                if isinstance(table, dict):
                    pairs = sum(len(v) for v in table.values()) if attr == "_pairs" else len(table)
                    sizes[f"{lang} {name}.{attr}"] = pairs
    return sizes


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000, help="texts to extract")
    ap.add_argument("--every", type=int, default=10_000, help="print the resident size every so many texts")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    real = sentences()
    for sentence in real:  # warm-up: the imports (dateparser) and the memos of real vocabulary, before the baseline
        extract(read_text(sentence, published=date(2025, 8, 16)))
    gc.collect()
    start, t0 = rss_mb(), time.perf_counter()
    print(f"{'texts':>8} {'RSS MB':>8} {'growth':>8} {'s':>6}")
    print(f"{0:>8,} {start:>8.1f} {0:>8.1f} {0:>6.0f}")
    events = 0
    for i in range(1, args.n + 1):
        lang = rng.choice(("ro", "en", None))
        published = date(2022, 1, 1) + timedelta(days=rng.randrange(1800))
        events += len(extract(read_text(text(rng, real), published=published, language=lang)))
        if i % args.every == 0:
            now = rss_mb()
            print(f"{i:>8,} {now:>8.1f} {now - start:>+8.1f} {time.perf_counter() - t0:>6.0f}", flush=True)
    print(f"{events:,} events from {args.n:,} texts")
    for name, n in memo_sizes().items():
        print(f"  {name:<28} {n:>9,}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
