"""`lore check` and `lore build --check`: everything CI needs, in one verdict.

Strict validation (warnings fail too), a build rendered in memory, and generated
files that the repository keeps in git compared with what lore would write now.
"""

from __future__ import annotations

import difflib
import tempfile
from dataclasses import dataclass
from pathlib import Path

from incidentlore.author.workspace import SCHEMA_FOLDER
from incidentlore.build import INCIDENT_PAGES, Compiled, compile_repository, output_dir
from incidentlore.emit.index import INDEX_FILE, write_index
from incidentlore.errors import Diagnostic, LoreError, ProblemsFound
from incidentlore.history.git import Git
from incidentlore.model.catalog import Catalog
from incidentlore.schemas import generate

# Where repositories keep lore's JSON Schemas: lore init writes .lore/schemas; some
# keep them in schemas/ at the top.
SCHEMA_FOLDERS = (SCHEMA_FOLDER, "schemas")


@dataclass(frozen=True, slots=True)
class Drift:
    """A checked-in generated file that differs from what lore writes now."""

    path: str  # relative to the repository root
    kind: str  # changed | missing | stale
    diff: str  # unified diff, checked-in version first
    remedy: str


@dataclass(frozen=True, slots=True)
class CheckResult:
    problems: tuple[Diagnostic, ...]
    drift: tuple[Drift, ...]
    steps: tuple[str, ...]  # what was checked, in order
    prefix: str  # the repository's folder inside its git repository, for annotations

    @property
    def ok(self) -> bool:
        return not self.problems and not self.drift


def run_check(root: Path) -> CheckResult:
    prefix = _git_prefix(root)
    # Validation and rendering are one pass (the build's own), so a problem in either
    # stops here; only a clean repository goes on to the index and the comparisons.
    steps = ["validation", "build"]
    try:
        compiled = _build_in_memory(root)
    except ProblemsFound as found:
        return CheckResult(tuple(found.diagnostics), (), tuple(steps), prefix)
    problems = list(compiled.warnings)  # strict: warnings fail the check too
    drift: list[Drift] = []
    if _outputs_committed(root, compiled.catalog):
        steps.append("checked-in build outputs")
        drift.extend(output_drift(root, compiled.catalog, compiled.outputs))
    if _schema_folders(root):
        steps.append("checked-in schemas")
        drift.extend(schema_drift(root))
    return CheckResult(tuple(sorted(problems)), tuple(drift), tuple(steps), prefix)


def build_drift(root: Path, output: Path | None = None) -> list[Drift]:
    """`lore build --check`: outputs (and kept schemas) that a build would change."""
    compiled = compile_repository(root)
    drift = output_drift(root, compiled.catalog, compiled.outputs, output)
    drift.extend(schema_drift(root))
    return drift


def output_drift(
    root: Path, catalog: Catalog, outputs: dict[str, str], output: Path | None = None
) -> list[Drift]:
    target = output_dir(root, catalog, output)
    remedy = "run 'lore build' and commit the result"
    drift = [
        found
        for name, text in sorted(outputs.items())
        if (found := _compare(root, target / name, text, remedy))
    ]
    pages = target / INCIDENT_PAGES
    if pages.is_dir():
        for path in sorted(pages.iterdir()):
            name = f"{INCIDENT_PAGES}/{path.name}"
            if path.suffix in (".md", ".json") and name not in outputs:
                old = _read(path)
                drift.append(
                    Drift(
                        _shown(root, path),
                        "stale",
                        _unified(old, "", _shown(root, path)),
                        "its incident no longer exists; " + remedy,
                    )
                )
    return drift


def schema_drift(root: Path) -> list[Drift]:
    """Kept schemas that differ from what lore writes now, in every folder kept."""
    generated = generate()
    return [
        found
        for folder in _schema_folders(root)
        for name, text in generated.items()
        if (
            found := _compare(
                root,
                root / folder / name,
                text,
                f"run 'lore schemas --output {folder}' and commit the result",
            )
        )
    ]


def _compare(root: Path, path: Path, text: str, remedy: str) -> Drift | None:
    shown = _shown(root, path)
    if not path.is_file():
        return Drift(shown, "missing", _unified("", text, shown), remedy)
    # Line endings are git's business (core.autocrlf), not a drift.
    old = _read(path)
    if old == text:
        return None
    return Drift(shown, "changed", _unified(old, text, shown), remedy)


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8", "replace").replace("\r\n", "\n")


def _unified(old: str, new: str, name: str) -> str:
    lines = difflib.unified_diff(
        old.splitlines(keepends=True),
        new.splitlines(keepends=True),
        fromfile=f"{name} (checked in)",
        tofile=f"{name} (lore would write)",
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def _shown(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _build_in_memory(root: Path) -> Compiled:
    compiled = compile_repository(root)
    with tempfile.TemporaryDirectory(prefix="lore-check-") as folder:
        write_index(Path(folder) / INDEX_FILE, compiled.catalog, compiled.tables)
    return compiled


def _outputs_committed(root: Path, catalog: Catalog) -> bool:
    """Whether git tracks any file in the build folder (then it must be current)."""
    try:
        git = Git.open(root)
        tracked = git.run(
            ["ls-files", "--", git.path(catalog.build_dir.rstrip("/") + "/")]
        )
    except LoreError:
        return False
    return bool(tracked.strip())


def _schema_folders(root: Path) -> list[str]:
    """The folders where this repository keeps any of lore's schemas."""
    names = generate()
    return [
        folder
        for folder in SCHEMA_FOLDERS
        if (root / folder).is_dir()
        and any((root / folder / n).is_file() for n in names)
    ]


def _git_prefix(root: Path) -> str:
    try:
        return Git.open(root).prefix
    except LoreError:
        return ""
