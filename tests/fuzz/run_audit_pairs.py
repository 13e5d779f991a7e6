"""Long fuzz run of whole audits (real model) over pairs of hostile texts, outside pytest.

    PYTHONPATH=$PWD python tests/fuzz/run_audit_pairs.py 300

Runs `test_fuzz_whole_audit_of_hostile_pairs` for the given number of examples (the pytest
profile's share would not fit a 10-minute run) and prints how many ran and how long it took.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import test_fuzz  # noqa: E402 (the tests folder is put on the path first)

from checker.api import default_embedder  # noqa: E402


def main(examples: int) -> None:
    embedder = default_embedder()
    embedder.encode(["warm up"])
    inner = test_fuzz.test_fuzz_whole_audit_of_hostile_pairs.hypothesis.inner_test  # type: ignore[attr-defined]
    count = 0

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(test_fuzz.hostile_text(), test_fuzz.hostile_text())
    def run(a: str, b: str) -> None:
        nonlocal count
        count += 1
        inner(embedder, a, b)

    t0 = time.perf_counter()
    run()
    print(f"{count} examples in {time.perf_counter() - t0:.1f} s, no failure")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 300)
