"""Shared set-up of the performance-path tests (issue 7): the ``perf`` marker and synth workloads.

``perf`` marks the tests that run a synthetic province of thousands of members. They run in the
default suite (they guard the backends, the workers and streaming against drifting apart);
deselect them with ``-m "not perf"`` for a quick run.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from qd213_rules.synth import write_synth


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "perf: synthetic provinces of thousands of members (issue 7)")


@pytest.fixture(scope="session")
def synth_file(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """``synth_file(members, seed)``: a synth workload written once per session."""
    made: dict[tuple[int, int], Path] = {}
    folder = tmp_path_factory.mktemp("synth")

    def make(members: int, seed: int = 7) -> Path:
        if (members, seed) not in made:
            path = folder / f"synth-{members}-{seed}.jsonl"
            write_synth(path, members, seed)
            made[(members, seed)] = path
        return made[(members, seed)]

    yield make
