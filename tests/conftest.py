"""Shared test set-up: Hypothesis profiles and the read-only ``shared_dir`` fixture.

Hypothesis profiles (choose with the environment variable ``HYPOTHESIS_PROFILE``):

* ``ci`` — the default when ``CI`` is set: few examples, derandomized, so runs are reproducible;
* ``dev`` — the default otherwise;
* ``thorough`` — many examples, for a long run before a release.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

TESTS_DIR = Path(__file__).resolve().parent
REPO_ROOT = TESTS_DIR.parent

# ``import strategies`` works from any test module, whether or not tests/ is a package
if str(TESTS_DIR) not in sys.path:
    sys.path.insert(0, str(TESTS_DIR))

settings.register_profile(
    "ci",
    deadline=None,
    max_examples=25,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.register_profile("dev", deadline=None, max_examples=50)
settings.register_profile("thorough", deadline=None, max_examples=500)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The read-only reference material (``../shared`` beside the repository); tests never write there."""
    path = REPO_ROOT.parent / "shared"
    if not path.is_dir():
        pytest.skip("the shared reference material (../shared) is not present")
    return path
