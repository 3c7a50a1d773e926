"""Shared test set-up: Hypothesis profiles, the read-only ``shared_dir`` fixture and the
headless browser (``browser``) of the tests that look at pages.

Hypothesis profiles (choose with the environment variable ``HYPOTHESIS_PROFILE``):

* ``ci`` — the default when ``CI`` is set: few examples, derandomized, so runs are reproducible;
* ``dev`` — the default otherwise;
* ``thorough`` — many examples, for a long run before a release.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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


BROWSER_CLIENT = REPO_ROOT / "tools" / "headless_chromium.py"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium (tools/headless_chromium.py), one per test module. Skipped, with the
    reason shown, where no Chromium is installed (``apt-get install chromium``); ``.ci/run``
    installs it and sets ``QD213_REQUIRE_BROWSER``, which turns the skip into a failure."""
    from scripts import load_script

    client = load_script(BROWSER_CLIENT)
    if client.find_chromium() is None:
        reason = "no Chromium installed (apt-get install chromium): the browser tests did not run"
        if os.environ.get("QD213_REQUIRE_BROWSER"):  # .ci/run: CI must run them
            pytest.fail(reason)
        pytest.skip(reason)
    with client.Chromium() as chromium:
        yield chromium
