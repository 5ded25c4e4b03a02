"""Throughput of the statement extractor: seed articles and a synthetic 10,000-word transcript.

    .venv/bin/python bench/extract_bench.py [--seeds DIR] [--seconds 3]

Prints documents per second for the seeds (one core, after warm-up: per CPU second, the
per-core rate, and per wall-clock second), and the time for a
synthetic briefing transcript of 10,000 and 20,000 words (to show the cost is linear). The
synthetic texts use invented speakers and outlets only.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.extraction import extract  # noqa: E402

_SENTENCES = [
    "We continue to work with our partners on border security and information sharing.",
    "I don't have anything to preview on that today.",
    "Our position on this has not changed, and we have been clear about it.",
    "We will stand with the people of the region as they face these threats.",
    "I would refer you to the ministry for more details on that question.",
    "We condemn the attack in the strongest terms.",
]
_QUESTIONS = [
    "On the northern province, are you planning further assistance?",
    "Can you say more about the talks held earlier this week?",
    "Has the department seen the report on last quarter's incidents?",
]


def synthetic_transcript(words: int, seed: int = 7) -> str:
    """Build an invented briefing transcript of about ``words`` words."""
    rng = random.Random(seed)
    parts = ["Department Press Briefing – Halvard Ostby, Spokesperson\nMarch 4, 2031\n"]
    count = 0
    while count < words:
        question = rng.choice(_QUESTIONS)
        answer = " ".join(rng.choice(_SENTENCES) for _ in range(rng.randint(3, 9)))
        parts.append(f"QUESTION: {question}\n\nMR OSTBY: {answer}\n")
        count += len(question.split()) + len(answer.split())
    return "\n".join(parts)


def per_second(texts: list[str], seconds: float) -> tuple[float, float, int]:
    """Run extract over ``texts`` repeatedly for about ``seconds``; return (docs per CPU
    second, docs per wall second, docs). CPU time is the per-core rate; on a shared virtual
    machine the wall clock also counts time the host gave to others."""
    for text in texts:  # warm caches and lazy imports
        extract(text)
    done = 0
    start, cpu = time.perf_counter(), time.process_time()
    while time.perf_counter() - start < seconds:
        for text in texts:
            extract(text)
        done += len(texts)
    wall, used = time.perf_counter() - start, time.process_time() - cpu
    return done / used, done / wall, done


def timed(text: str, repeat: int = 3) -> float:
    """Best wall time in seconds of extracting ``text``."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        extract(text)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "corpus" / "seeds")
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    out = sys.stdout
    seeds = sorted(args.seeds.glob("*.txt")) if args.seeds.exists() else []
    if seeds:
        texts = [p.read_text(encoding="utf-8") for p in seeds]
        rate, wall, done = per_second(texts, args.seconds)
        words = sum(len(t.split()) for t in texts) / len(texts)
        out.write(
            f"seed articles: {rate:.0f} docs/s per core (CPU time), {wall:.0f} docs/s wall"
            f" ({done} docs, {words:.0f} words avg)\n"
        )
    for words in (10_000, 20_000):
        text = synthetic_transcript(words)
        secs = timed(text)
        n = len(extract(text).statements)
        out.write(f"synthetic transcript {words} words: {secs * 1000:.0f} ms ({n} answers)\n")


if __name__ == "__main__":
    main()
