"""The whole message catalogue: both languages, NFC, same placeholders; reason codes; errors."""

from __future__ import annotations

import re
import string
import unicodedata

import pytest

from qd213_rules import messages
from qd213_rules.errors import ErrorCode
from qd213_rules.messages import catalogue, t
from qd213_rules.messages.reasons import REASON_CODES, REASON_PARAMS, SEVERITIES, STATUSES
from qd213_rules.policy import POLICY_FIELDS

CATALOGUE = catalogue()

# semantics §12, in its order: the closed list
DESIGN_REASON_CODES = (
    "fulfilled", "fulfilled_late", "no_evidence", "recipients_missing", "overdue_beyond_limit",
    "completed_before_in_force", "completed_before_start", "not_yet_registered",
    "insufficient_residence_time", "front_committee_absent", "form_received_by_review",
    "no_comment_received", "review_not_recorded", "review_held_without_report",
    "review_held_without_communication", "attended", "excused_absence", "attendance_unknown",
    "absent_without_excuse", "decided_without_consultation", "action_cancelled", "not_written",
    "cells_not_directed", "conduct_ongoing", "breach_recorded", "subject_ended", "waived",
    "category_exempt_from_activities", "category_exempt_from_introduction", "before_in_force",
    "outside_observation", "discretionary", "derived", "one_off_pending",
)  # fmt: skip

ENGINE_PLACEHOLDERS = {"due_date", "fulfilled_on", "missing", "evidence", "policy", "overridden_status", "period",
                       "recorded_by", "recorded_on", "granted_by", "granted_on", "waiver_reason", "sources"}

# message ids whose two languages may be the same text (codes, names); keep it empty if possible
SAME_IN_BOTH = frozenset[str]()


def placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


@pytest.mark.parametrize("msg_id", sorted(CATALOGUE))
def test_message_is_well_formed(msg_id: str) -> None:
    entry = CATALOGUE[msg_id]
    assert isinstance(entry, tuple) and len(entry) == 2
    vi, en = entry
    for text in (vi, en):
        assert isinstance(text, str) and text.strip(), msg_id
        assert unicodedata.is_normalized("NFC", text), msg_id
        assert text == text.strip(), msg_id
    if msg_id not in SAME_IN_BOTH:
        assert vi != en, msg_id
    assert placeholders(vi) == placeholders(en), msg_id
    # named placeholders only: "{}" or "{0}" cannot be filled by keyword
    assert all(name and not name.isdigit() for name in placeholders(vi)), msg_id


def test_message_ids_are_dotted_snake_case() -> None:
    for msg_id in CATALOGUE:
        assert re.fullmatch(r"[a-z0-9_]+(\.[A-Za-z0-9_]+)*", msg_id), msg_id


def test_reason_codes_are_the_closed_list() -> None:
    assert REASON_CODES == DESIGN_REASON_CODES
    assert set(REASON_PARAMS) == set(REASON_CODES)


@pytest.mark.parametrize("code", DESIGN_REASON_CODES)
def test_every_reason_has_its_messages(code: str) -> None:
    vi, en = CATALOGUE[f"reason.{code}"]
    assert placeholders(vi) == set(REASON_PARAMS[code]) <= ENGINE_PLACEHOLDERS
    assert f"reason.{code}.label" in CATALOGUE
    assert placeholders(CATALOGUE[f"reason.{code}.label"][0]) == set()
    params = {name: f"<{name}>" for name in ENGINE_PLACEHOLDERS}
    for lang in ("vi", "en"):
        text = t(f"reason.{code}", lang, **params)
        assert "{" not in text and text.endswith(".")
        assert all(f"<{name}>" in text for name in REASON_PARAMS[code])


def test_reason_docstring_table_matches_the_params() -> None:
    from qd213_rules.messages import reasons

    doc = reasons.__doc__ or ""
    table: dict[str, tuple[str, ...]] = {}
    for line in doc.splitlines():
        match = re.fullmatch(r"([a-z_]+)\s{2,}(.+)", line.strip())
        if match and match[1] in REASON_PARAMS:
            cell = match[2].strip()
            table[match[1]] = () if cell == "—" else tuple(p.strip() for p in cell.split(","))
    assert table == REASON_PARAMS


def test_statuses_and_severities() -> None:
    assert STATUSES == (
        "not_applicable", "ongoing", "due", "overdue", "violated", "fulfilled", "fulfilled_late", "waived",
    )  # fmt: skip
    for status in STATUSES:
        assert f"status.{status}" in CATALOGUE
    for severity in SEVERITIES:
        assert f"severity.{severity}" in CATALOGUE
    assert set(SEVERITIES) == {"error", "warning", "notice", "none"}
    assert t("status.not_applicable", "en") == "Not applicable"


@pytest.mark.parametrize("name", POLICY_FIELDS)
def test_every_policy_parameter_has_label_and_rationale(name: str) -> None:
    assert f"policy.{name}.label" in CATALOGUE
    assert f"policy.{name}.rationale" in CATALOGUE


def test_vietnamese_is_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QD213_LANG", raising=False)
    assert t("status.overdue") == "Quá hạn"
    monkeypatch.setenv("QD213_LANG", "en")
    assert t("status.overdue") == "Overdue"


def test_families_are_plain_dicts() -> None:
    import importlib

    for family in ("reasons", "policy"):
        module = importlib.import_module(f"qd213_rules.messages.{family}")
        assert isinstance(module.MESSAGES, dict) and module.MESSAGES
    assert "reasons" in messages._FAMILIES and "policy" in messages._FAMILIES


def test_every_error_code_has_its_message() -> None:
    missing = [code.value for code in ErrorCode if f"errors.{code.value}" not in CATALOGUE]
    assert missing == []
