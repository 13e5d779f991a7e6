"""Shared fixtures: the real packaged model, loaded once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent

# `pytest tests/test_fuzz.py --hypothesis-profile fuzz`: the long run outside CI.
settings.register_profile("fuzz", max_examples=5_000, deadline=None, print_blob=True)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        default=False,
        help="rewrite fixtures/<case>/report.* from the current output instead of comparing",
    )


@pytest.fixture(scope="session")
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture(scope="session")
def embedder():
    """The packaged all-MiniLM-L6-v2, verified and loaded once for the whole session; on the
    CPU even where a GPU is present, so golden reports compare the same float32 vectors."""
    from checker.api import default_embedder

    emb = default_embedder(device="cpu")
    emb.encode(["warm up"])
    return emb


@pytest.fixture(autouse=True)
def _repo_root_cwd(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory):
    """Run every test from the repository root with a private cache directory."""
    monkeypatch.chdir(ROOT)
    os.environ.setdefault("CHECKER_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
