"""Reading a git repository through the git command line, never writing to it."""

from __future__ import annotations

import io
import os
import subprocess
import tarfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from incidentlore.errors import LoreError, UsageError

# Settings that would change what `git log` prints; fixed so output is the same for
# every user whatever their own configuration says.
_FIXED_CONFIG = (
    "log.showRoot=true",
    "log.showSignature=false",
    "diff.relative=false",
    "diff.noprefix=false",
    "core.quotepath=false",
)


class NotAGitRepository(LoreError):
    """History needs git; the folder is not inside a git working tree."""


class GitMissing(LoreError):
    """No git program to run."""


class NoCommits(LoreError):
    """The git repository exists but nothing has been committed yet."""


@dataclass(frozen=True, slots=True)
class Git:
    """The git repository that holds a lore repository, maybe in a subfolder."""

    root: Path
    toplevel: Path
    prefix: str  # the lore repository's folder inside the git one: "" or "sub/"

    @classmethod
    def open(cls, root: Path) -> Git:
        try:
            output = _run(root, ["rev-parse", "--show-toplevel", "--show-prefix"])
        except LoreError as error:
            if "not a git repository" not in str(error):
                raise  # no git, or git refuses the folder: its own words say why
            raise NotAGitRepository(
                f"{root} is not inside a git repository, so it has no history; "
                "run 'git init' and commit the incident files "
                "(build and validate work without git)"
            ) from None
        toplevel, prefix = (output.decode("utf-8") + "\n").split("\n")[:2]
        return cls(root, Path(toplevel), prefix)

    def run(self, args: Sequence[str], given: bytes | None = None) -> bytes:
        # From the top, so that paths mean the same in every command.
        return _run(self.toplevel, args, given)

    def path(self, relative: str) -> str:
        """A path inside the lore repository, as git names it from the top."""
        return self.prefix + relative

    def head(self) -> str:
        """The commit at HEAD; NoCommits when there is none yet."""
        commit = self._verify("HEAD")
        if commit is None:
            raise NoCommits(
                f"the git repository at {self.toplevel} has no commits yet; "
                "commit the incident files to start their history"
            )
        return commit

    def resolve(self, revision: str) -> str | None:
        """The commit a revision names, or None when it names none."""
        if revision.startswith("-"):
            return None
        return self._verify(revision)

    def _verify(self, revision: str) -> str | None:
        try:
            output = self.run(
                [
                    "rev-parse",
                    "--verify",
                    "--quiet",
                    "--end-of-options",
                    revision + "^{commit}",
                ]
            )
        except LoreError:
            return None
        return output.decode("ascii").strip() or None

    def shallow_boundary(self) -> frozenset[str]:
        """Commits whose parents this clone does not have (empty unless shallow)."""
        relative = self.run(["rev-parse", "--git-path", "shallow"]).decode().strip()
        path = self.toplevel / relative
        if not path.is_file():
            return frozenset()
        return frozenset(path.read_text("ascii").split())

    def object_ids(self, names: Iterable[str]) -> dict[str, str]:
        """Blob ids by name (`<commit>:<path>`), leaving out names of no blob."""
        wanted = list(dict.fromkeys(names))
        if not wanted:
            return {}
        given = "".join(name + "\n" for name in wanted).encode("utf-8")
        lines = self.run(["cat-file", "--batch-check"], given).decode("utf-8")
        found: dict[str, str] = {}
        for name, line in zip(wanted, lines.splitlines(), strict=True):
            parts = line.split(" ")
            if len(parts) == 3 and parts[1] == "blob":
                found[name] = parts[0]
        return found

    def blobs(self, ids: Iterable[str]) -> dict[str, bytes]:
        """The contents of blobs by id, read through one git process."""
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return {}
        given = "".join(blob + "\n" for blob in wanted).encode("ascii")
        stream = io.BytesIO(self.run(["cat-file", "--batch"], given))
        contents: dict[str, bytes] = {}
        for blob in wanted:
            header = stream.readline().split()
            size = int(header[2])
            contents[blob] = stream.read(size)
            stream.read(1)  # the newline after each object
        return contents

    def extract(self, commit: str, target: Path) -> Path:
        """The lore repository as it was at `commit`, written below `target`."""
        archive = self.run(
            ["archive", "--format=tar", commit, "--", self.prefix or "."]
        )
        with tarfile.open(fileobj=io.BytesIO(archive)) as bundle:
            bundle.extractall(target, filter="data")
        return target / self.prefix if self.prefix else target


def _run(cwd: Path, args: Sequence[str], given: bytes | None = None) -> bytes:
    settings = [part for setting in _FIXED_CONFIG for part in ("-c", setting)]
    command = ["git", *settings, *args]
    try:
        done = subprocess.run(
            command,
            cwd=cwd,
            input=given,
            capture_output=True,
            env=_environment(),
            check=False,
        )
    except FileNotFoundError:
        raise GitMissing(
            "git is not installed or not on PATH; history commands need it "
            "(build and validate work without it)"
        ) from None
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        fatal = [line for line in lines if line.startswith("fatal:")]
        reason = (fatal or lines or [f"exit status {done.returncode}"])[0]
        raise LoreError(f"git {args[0]} failed: {reason}")
    return done.stdout


def _environment() -> dict[str, str]:
    environment = dict(os.environ)
    # Messages in English for the errors we pass on; no lock taken just to read.
    environment.update(LC_ALL="C", GIT_OPTIONAL_LOCKS="0", GIT_TERMINAL_PROMPT="0")
    return environment


def require_revision(git: Git, revision: str) -> str:
    commit = git.resolve(revision)
    if commit is None:
        raise UsageError(
            f"{revision!r} names no commit in {git.toplevel}; give a commit, "
            "branch or tag (see 'git log --oneline')"
        )
    return commit
