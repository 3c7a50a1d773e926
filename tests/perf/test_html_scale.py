"""The HTML report of a 1,000-member ward (issue 15): rendered in under 5 s into under 5 MB,
with the members beyond the page cap summarised, not dropped."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from qd213_rules import evaluate, load_facts
from qd213_rules.evaluation.results import SEVERITY_RANK
from qd213_rules.render import HTML_MEMBER_PAGES
from qd213_rules.render.html import render_html

pytestmark = pytest.mark.perf

MAX_SECONDS = 5.0
MAX_BYTES = 5_000_000


def test_a_thousand_member_ward(synth_file: Callable[..., Path]) -> None:
    facts = load_facts(synth_file(1000))
    report = evaluate(facts, as_of=dt.date(2025, 12, 10), trace=True)
    started = time.process_time()  # CPU time: the bound is the renderer's, not the machine's load
    page = render_html(report, "vi", facts=facts, source="synth-1000.jsonl")
    spent = time.process_time() - started
    size = len(page.encode("utf-8"))
    assert spent < MAX_SECONDS, f"rendered in {spent:.1f} s"
    assert size < MAX_BYTES, f"{size:,} bytes"
    owing = {r.subject_id for r in report.results if r.subject_type == "member" and SEVERITY_RANK[r.severity] > 0}
    assert len(owing) > HTML_MEMBER_PAGES, "the workload must exceed the cap to test it"
    assert page.count('<article class="member"') == HTML_MEMBER_PAGES
    assert 'id="summarised-note"' in page
    missing = [m for m in owing if f'id="m-{m}"' not in page]
    assert not missing, f"{len(missing)} members with findings neither have a page nor a summary row"
