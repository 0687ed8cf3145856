"""The `lore` command: a thin layer that parses options and calls the library."""

from __future__ import annotations

import sys
import tempfile
import traceback
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import click

from incidentlore import __version__
from incidentlore.cli.author import (
    init_command,
    new_command,
    set_command,
    status_command,
)
from incidentlore.cli.check import check_command
from incidentlore.cli.completion import completion_command
from incidentlore.cli.enrich import (
    action_group,
    hide_command,
    link_command,
    note_command,
    star_command,
)
from incidentlore.cli.history import blame_command, diff_command, history_command
from incidentlore.cli.ingest import ingest_command
from incidentlore.cli.options import LoreContext
from incidentlore.cli.query import query_command, sql_command
from incidentlore.cli.reference import reference_command
from incidentlore.cli.repo import (
    build_command,
    schemas_command,
    timeline_command,
    validate_command,
)
from incidentlore.errors import ExitCode, LoreError, ProblemsFound
from incidentlore.launch import INTERRUPTED
from incidentlore.wording import plural, printable

HELP = """Post-incident learning as code.

Compiles a git repository of incident YAML into ordered timelines, Markdown
post-mortems, JSON exports and a DuckDB index.

\b
Example:
  lore init incidents && cd incidents
  lore new "Checkout errors after deploy" --severity SEV2 --service checkout
  lore -C sample-repo build
  lore -C sample-repo query --since 2018-01-01 --severity SEV1
"""


@click.group(help=HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "-C",
    "directory",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Run as if started in this folder (like git -C).",
)
@click.version_option(__version__, prog_name="lore")
@click.pass_context
def cli(context: click.Context, directory: Path | None) -> None:
    context.obj = LoreContext(directory or Path.cwd())


for command in (
    init_command,
    new_command,
    set_command,
    status_command,
    note_command,
    link_command,
    action_group,
    hide_command,
    star_command,
    validate_command,
    build_command,
    timeline_command,
    query_command,
    sql_command,
    schemas_command,
    completion_command,
    reference_command,
    ingest_command,
    history_command,
    blame_command,
    diff_command,
    check_command,
):
    cli.add_command(command)


def main(argv: list[str] | None = None) -> None:
    """Run `lore`; the one place where failures become messages and exit codes."""
    arguments = sys.argv[1:] if argv is None else argv
    for number, argument in enumerate(arguments, start=1):
        if not _is_text(argument):
            click.echo(f"lore: {_not_text(number, argument)}", err=True)
            sys.exit(ExitCode.MISUSE)
    try:
        cli.main(args=arguments, prog_name="lore", standalone_mode=False)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.Abort:  # click's form of Ctrl-C
        click.echo("lore: interrupted", err=True)
        sys.exit(INTERRUPTED)
    except click.ClickException as error:
        error.show()
        sys.exit(ExitCode.MISUSE)
    except ProblemsFound as found:
        for diagnostic in found.diagnostics:
            click.echo(str(diagnostic), err=True)
        click.echo(plural(len(found.diagnostics), "error"), err=True)
        sys.exit(found.exit_code)
    except LoreError as error:
        click.echo(f"lore: {printable(str(error))}", err=True)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        click.echo("lore: interrupted", err=True)
        sys.exit(INTERRUPTED)
    except BrokenProcessPool:
        click.echo(
            "lore: a build worker stopped unexpectedly (killed, or out of memory); "
            "nothing was written; run the command again",
            err=True,
        )
        sys.exit(ExitCode.PROBLEMS)
    except OSError as error:
        # The machine said no (permissions, a full disk, a missing folder): the
        # user can act on that, so it is a plain error, not a bug.
        click.echo(f"lore: {_os_problem(error)}", err=True)
        sys.exit(ExitCode.PROBLEMS)
    except Exception:
        report = _save_crash_report()
        click.echo(
            f"lore: internal error; this is a bug in lore, not in your files. "
            f"Details are in {report}",
            err=True,
        )
        sys.exit(ExitCode.BUG)
    sys.exit(ExitCode.OK)


def _is_text(argument: str) -> bool:
    # Python keeps bytes that are not UTF-8 as lone surrogates, which no file
    # lore writes can hold.
    try:
        argument.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _not_text(number: int, argument: str) -> str:
    raw = argument.encode("utf-8", "surrogateescape")
    shown = raw.decode("utf-8", "backslashreplace")
    return (
        f"argument {number} ({printable(shown)}) is not UTF-8 text; lore reads its "
        "arguments as UTF-8: type it again in a UTF-8 terminal, or rename the file"
    )


def _save_crash_report() -> str:
    with tempfile.NamedTemporaryFile(
        "w", prefix="lore-crash-", suffix=".txt", delete=False
    ) as handle:
        handle.write(f"lore {__version__}, argv: {sys.argv!r}\n\n")
        handle.write(traceback.format_exc())
        return handle.name


def _os_problem(error: OSError) -> str:
    reason = error.strerror or str(error)
    if error.filename is None:
        return reason
    return f"{error.filename}: {reason}"
