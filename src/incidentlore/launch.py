"""Where `lore` starts: signals are set up before the (slower) command line loads.

Ctrl-C during the first moments, while modules are still being imported, would
otherwise print a Python traceback; a SIGTERM would end the process without running
the clean-up of temporary folders.
"""

from __future__ import annotations

import gc
import signal
import sys
from types import FrameType

INTERRUPTED = 130  # what shells report for a command ended by Ctrl-C (128 + SIGINT)
TERMINATED = 143  # and for one ended by SIGTERM (128 + 15)


def _terminate(number: int, frame: FrameType | None) -> None:
    # Leaving through SystemExit runs every `finally` and context manager on the way.
    raise SystemExit(TERMINATED)


def main() -> None:
    if hasattr(signal, "SIGPIPE"):
        # Like other command-line tools, stop quietly when the reader goes away
        # (lore timeline ID | head) instead of reporting a broken pipe.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, _terminate)
    try:
        # Imported here, not at the top: the handlers above must already be in place.
        from incidentlore.cli import main as run
    except KeyboardInterrupt:
        sys.stderr.write("lore: interrupted\n")
        sys.exit(INTERRUPTED)
    collect_rarely()
    run()


def collect_rarely() -> None:
    """Make Python's cycle collector run far less often than its defaults.

    lore is a short batch process that makes a few objects per log line or signal,
    almost none of them in reference cycles, so plain reference counting frees them.
    With the defaults the collector rescanned the growing heap so often that it took
    a third of the time of a build with 50,000 signals. What is loaded at start-up
    is frozen out of every scan.
    """
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)
