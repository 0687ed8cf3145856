"""Ids that commands allocate: incidents, notes (N1, N2 ...), action items (AI-1 ...).

Incident ids come from what the working tree holds: the highest sequence number in
use (for the incident's year, when the pattern has one) plus one. Two branches that
each add an incident therefore both take the same id; git merges the two folders
without a conflict (their names differ by slug) and `lore validate` reports the
duplicate id, which one of the authors resolves by renumbering; docs/authoring.md
says how.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from incidentlore.model.catalog import id_regex

SLUG_LENGTH = 40
NOTE_PREFIX = "N"
ACTION_PREFIX = "AI-"


def next_id(pattern: str, year: int, taken: Iterable[str]) -> str:
    """The id after the highest one in use for `year` (or at all, without {year})."""
    regex = id_regex(pattern)
    numbers = [
        int(match.group("seq"))
        for incident_id in taken
        if (match := regex.fullmatch(incident_id)) is not None
        and match.groupdict().get("year", str(year)) == str(year)
    ]
    return pattern.format(year=year, seq=max(numbers, default=0) + 1)


def next_numbered(prefix: str, taken: Iterable[str]) -> str:
    """`prefix` and one more than the highest number in use after it, among all the
    ids in `taken` (those of signals too, so that a signal named N3 is not shadowed)."""
    pattern = re.compile(re.escape(prefix) + r"(\d+)")
    numbers = [int(m.group(1)) for t in taken if (m := pattern.fullmatch(t))]
    return f"{prefix}{max(numbers, default=0) + 1}"


def slugify(title: str) -> str:
    """Lowercase ASCII words of the title joined by '-', at most SLUG_LENGTH long."""
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = ""
    for word in re.findall(r"[a-z0-9]+", plain.lower()):
        joined = f"{slug}-{word}" if slug else word
        if len(joined) > SLUG_LENGTH:
            return slug or word[:SLUG_LENGTH]
        slug = joined
    return slug
