"""Shared fixtures: the Northwind example built once per test session, and small workspaces."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from deckgen.cli import cli

ROOT = Path(__file__).resolve().parent.parent
NORTHWIND = ROOT / "examples" / "northwind"

# Tests never touch the user's chart cache, and build in-process (so monkeypatches reach the
# build) unless a test asks for workers with -j. Subprocesses inherit both.
os.environ["DECKGEN_CACHE_DIR"] = tempfile.mkdtemp(prefix="deckgen-test-cache-")
os.environ["DECKGEN_JOBS"] = "1"


@pytest.fixture(autouse=True)
def _default_cache_settings():
    """Each test starts with the cache settings of a fresh process (a build's --cache-dir or
    --no-cache lasts for that process, which in-process CLI tests share)."""
    from deckgen.resources import use_cache

    use_cache(None, True)
    yield


def run(*args: str, env: dict[str, str] | None = None):
    """Invoke the CLI in-process; stderr is kept apart from stdout."""
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


@pytest.fixture(scope="session")
def northwind_decks(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("northwind-out")
    result = run("build", str(NORTHWIND), "-o", str(out))
    assert result.exit_code == 0, result.output + result.stderr
    return out


@pytest.fixture(scope="session")
def blocker_decks(tmp_path_factory) -> Path:
    """Northwind's figures with one executive per blocker (each given, not classified)."""
    import yaml

    from deckgen.blockers import SLUGS

    ws = tmp_path_factory.mktemp("blockers")
    shutil.copy(NORTHWIND / "org.yaml", ws / "org.yaml")
    shutil.copy(NORTHWIND / "history.csv", ws / "history.csv")
    audience = yaml.safe_load((NORTHWIND / "audience.yaml").read_text())
    audience["executives"] = [
        {"name": f"Exec {slug}", "role": "Director", "blocker": slug} for slug in SLUGS
    ]
    (ws / "audience.yaml").write_text(yaml.safe_dump(audience, sort_keys=False))
    out = ws / "out"
    result = run("build", str(ws), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    return out


@pytest.fixture
def workspace(tmp_path) -> Path:
    """A copy of Northwind that a test may edit."""
    target = tmp_path / "ws"
    shutil.copytree(NORTHWIND, target)
    return target
