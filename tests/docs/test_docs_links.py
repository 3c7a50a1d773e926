"""No broken link in README.md and docs/: every relative link names a file of the repository, and
every ``#anchor`` a heading (or an ``id``) of the page it points to — what ``make docs`` checks in
strict mode (mkdocs.yml), here without ProperDocs installed, and for README.md too, which the
site does not include."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PAGES = ["README.md", *sorted(f"docs/{p.name}" for p in (REPO / "docs").glob("*.md"))]
LINK = re.compile(r"\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
FENCE = re.compile(r"^```.*?^```", re.S | re.M)


def _slug(heading: str) -> str:
    """Python-Markdown's toc slug: the heading's text, ASCII, lower case, runs of blanks as '-'."""
    text = re.sub(r"`([^`]*)`", r"\1", heading)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>]+>", "", text).replace("*", "")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


@cache
def anchors(path: Path) -> frozenset[str]:
    text = FENCE.sub("", path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for heading in re.findall(r"^#{1,6}\s+(.*?)\s*#*\s*$", text, re.M):
        slug = _slug(heading)
        candidate, n = slug, 0
        while candidate in found:   # duplicates get _1, _2, … as in Python-Markdown
            n += 1
            candidate = f"{slug}_{n}"
        found.add(candidate)
    found.update(re.findall(r"""\b(?:id|name)=["']([^"']+)["']""", text))
    return frozenset(found)


def links(page: str) -> list[str]:
    text = FENCE.sub("", (REPO / page).read_text(encoding="utf-8"))
    text = re.sub(r"`[^`\n]*`", "", text)   # code spans are not links
    return LINK.findall(text)


@pytest.mark.parametrize("page", PAGES)
def test_links_and_anchors_resolve(page: str) -> None:
    source = REPO / page
    broken = []
    for target in links(page):
        if re.match(r"[a-z][a-z0-9+.-]*:", target):   # http:, mailto:, …
            continue
        path_part, _, anchor = target.partition("#")
        path = (source.parent / path_part).resolve() if path_part else source
        if not path.exists():
            broken.append(f"{target}: no such file")
        elif REPO not in path.parents and path != REPO:
            broken.append(f"{target}: outside the repository")
        elif anchor and path.suffix == ".md" and anchor not in anchors(path):
            broken.append(f"{target}: no heading or id '{anchor}' in {path.relative_to(REPO)}")
    assert not broken, f"{page}: " + "; ".join(broken)


def test_anchor_check_can_fail() -> None:
    assert _slug("`check`") == "check"
    assert _slug("Q1. What does “kịp thời” mean?") == "q1-what-does-kip-thoi-mean"
    assert "exit-codes" in anchors(REPO / "docs" / "cli.md")
    assert "no-such-heading" not in anchors(REPO / "docs" / "cli.md")


def test_site_build_is_strict() -> None:
    """`make docs` fails on a broken link or anchor: mkdocs.yml builds in strict mode and warns on both."""
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^strict: true\b", config, re.M)
    for check in ("unrecognized_links", "anchors", "omitted_files"):
        assert re.search(rf"^  {check}: warn$", config, re.M), check
