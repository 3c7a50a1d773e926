"""Regenerate the screenshots of the HTML report in docs/images/ (docs/html-report.md).

    make screenshots          # or: python tools/report_screenshot.py [--out docs/images]

Renders the example ward's report (as ``qd213 demo --output html=…`` does) and photographs it
in headless Chromium (tools/headless_chromium.py; Debian's ``chromium`` package): the top of
the page at desktop width, the organisation tree, and one cell's sheet as it prints. Needs the
``html`` extra (Jinja2).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from headless_chromium import Chromium  # noqa: E402

from qd213_rules.cli import main as qd213  # noqa: E402

SHOTS = (
    # file name, address fragment, width, height, media
    ("html-report.png", "", 1280, 1500, ""),
    ("html-report-tree.png", "#tree", 1280, 1300, ""),
    ("html-report-sheet.png", "#sheet-CB-KP3", 1000, 1000, "print"),
    ("html-report-phone.png", "", 390, 844, ""),
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE.parent / "docs" / "images")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.html"
        with contextlib.redirect_stdout(io.StringIO()):  # the demo's text report
            code = qd213(["demo", "--output", f"html={report}", "--lang", "vi"])
        if code != 0:
            return 1
        with Chromium() as browser:
            for name, fragment, width, height, media in SHOTS:
                page = browser.page(width, height, mobile=width < 600)
                page.open(report.as_uri() + fragment)
                if media:
                    page.emulate_media(media)
                if fragment:
                    page.evaluate(f"document.querySelector({fragment!r}).scrollIntoView()")
                page.screenshot(args.out / name, full_page=False)
                if page.console_errors:
                    print(f"{name}: console errors: {page.console_errors}", file=sys.stderr)
                    return 1
                print(args.out / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
