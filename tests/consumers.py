"""Running the programs that read `lore build` outputs, for tests/emit/test_external.py.

Markdown goes through cmark-gfm (the Markdown library GitHub renders with), Mermaid
blocks through tools/mermaid-check (the Mermaid package in headless Chromium). A test
that needs a program that is not installed is skipped with the reason and the fix.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from support import PROJECT

MERMAID_CHECK = PROJECT / "tools" / "mermaid-check"
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
INSTALL = "`make external-tools` installs it"
# The extensions github.com turns on, and raw HTML kept so that <br> can be counted;
# GitHub's own sanitiser runs after this and keeps <br>.
CMARK_OPTIONS = (
    "--unsafe",
    *("--extension", "table"),
    *("--extension", "strikethrough"),
    *("--extension", "autolink"),
    *("--extension", "tagfilter"),
)
MERMAID_FENCE = re.compile(r"^```mermaid\n(.*?)^```$", re.DOTALL | re.MULTILINE)


def cmark(markdown: str) -> str:
    program = shutil.which("cmark-gfm")
    if program is None:
        pytest.skip(f"cmark-gfm is not installed; {INSTALL} with apt-get")
    done = subprocess.run(
        [program, *CMARK_OPTIONS],
        input=markdown,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return done.stdout


class Html(HTMLParser):
    """The tables, list items and code blocks of a rendered page, as plain text."""

    CAPTURED = ("td", "th", "li", "code")

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.items: list[str] = []
        self.code: dict[str, list[str]] = {}
        # Elements being read, innermost last: (tag, class, text so far).
        self._open: list[tuple[str, str, list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in self.CAPTURED:
            self._open.append((tag, dict(attrs).get("class") or "", []))
        elif tag == "br":
            self.handle_data("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.CAPTURED:
            return
        opened, language, parts = self._open.pop()
        assert opened == tag, f"<{opened}> closed by </{tag}>"
        text = "".join(parts)
        if tag in ("td", "th"):
            self.tables[-1][-1].append(text)
        elif tag == "li":
            self.items.append(text.strip())
        else:
            self.code.setdefault(language, []).append(text)

    def handle_data(self, data: str) -> None:
        for _, _, parts in self._open:
            parts.append(data)


def rendered(page: Path) -> Html:
    parsed = Html()
    parsed.feed(cmark(page.read_text(encoding="utf-8")))
    parsed.close()
    return parsed


def mermaid_blocks(page: Path) -> list[str]:
    return MERMAID_FENCE.findall(page.read_text(encoding="utf-8"))


def mermaid(diagrams: dict[str, str], folder: Path, zone: str) -> list[dict[str, Any]]:
    """Mermaid's verdict on each diagram, drawn in a browser whose clock is in `zone`."""
    if shutil.which("node") is None:
        pytest.skip(f"node is not installed; {INSTALL} (Debian nodejs)")
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed; {INSTALL} (Debian chromium)")
    if not (MERMAID_CHECK / "node_modules" / ".installed").exists():
        pytest.skip(f"{MERMAID_CHECK}/node_modules is missing; {INSTALL} with npm ci")
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for name, text in diagrams.items():
        path = folder / f"{name}.mmd"
        path.write_text(text, encoding="utf-8")
        files.append(str(path))
    done = subprocess.run(
        ["node", str(MERMAID_CHECK / "check.mjs"), *files],
        capture_output=True,
        text=True,
        timeout=300,
        env=os.environ | {"TZ": zone},
    )
    assert done.returncode in (0, 1), done.stderr
    results: list[dict[str, Any]] = json.loads(done.stdout)
    return results


def svg_texts(svg: str, kind: str) -> list[str]:
    """The text of each SVG <text> element whose class starts with `kind`."""
    found = re.findall(rf'<text[^>]*class="{kind}[^"]*"[^>]*>(.*?)</text>', svg)
    return [html.unescape(text).strip() for text in found]
