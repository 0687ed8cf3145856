"""Finding adapters: entry points in `incidentlore.adapters`, and lore.yaml mappings.

A package adds a source by declaring, in its pyproject.toml:

```toml
[project.entry-points."incidentlore.adapters"]
statuspage = "lore_statuspage:StatuspageAdapter"
```

The entry point's name is the source's name; it must name an `Adapter` subclass (or
an instance), whose `name` is the same.
"""

from __future__ import annotations

import functools
from importlib.metadata import EntryPoint, entry_points

from incidentlore.errors import LoreError, UsageError
from incidentlore.model.ingest import IngestSettings
from incidentlore.normalise.adapter import Adapter
from incidentlore.normalise.mapping import MappingAdapter

GROUP = "incidentlore.adapters"


@functools.cache
def installed() -> dict[str, EntryPoint]:
    """Entry points by name; where two packages claim a name, the first by value."""
    found: dict[str, EntryPoint] = {}
    for point in sorted(entry_points(group=GROUP), key=lambda p: (p.name, p.value)):
        found.setdefault(point.name, point)
    return found


class Registry:
    """The adapters one repository can use."""

    def __init__(self, settings: IngestSettings | None = None) -> None:
        self.mappings = dict(settings.mappings) if settings else {}
        self.loaded: dict[str, Adapter] = {}

    def names(self) -> list[str]:
        return sorted({*installed(), *self.mappings})

    def get(self, name: str) -> Adapter:
        if name not in self.loaded:
            self.loaded[name] = self._load(name)
        return self.loaded[name]

    def everything(self) -> tuple[list[Adapter], list[str]]:
        """Every adapter that loads, and a message for each one that does not."""
        adapters, problems = [], []
        for name in self.names():
            try:
                adapters.append(self.get(name))
            except LoreError as error:
                problems.append(str(error))
        return adapters, problems

    def _load(self, name: str) -> Adapter:
        point = installed().get(name)
        mapping = self.mappings.get(name)
        if mapping is not None and point is not None:
            raise LoreError(
                f"lore.yaml: ingest.mappings.{name}: {name!r} is already the name of "
                f"an installed adapter ({point.value}); choose another name"
            )
        if mapping is not None:
            return MappingAdapter(name, mapping)
        if point is None:
            known = ", ".join(self.names())
            raise UsageError(
                f"no adapter named {name!r}; known: {known} (add a mapping under "
                "ingest.mappings in lore.yaml, or install a package that provides one)"
            )
        return _instance(point)


def _instance(point: EntryPoint) -> Adapter:
    where = f"the adapter {point.name!r} ({point.value})"
    try:
        found = point.load()
        adapter = found() if isinstance(found, type) else found
    except Exception as error:  # third-party code: any failure means it cannot be used
        raise LoreError(f"{where} cannot be loaded: {error!r}") from error
    if not isinstance(adapter, Adapter):
        raise LoreError(f"{where} is not an incidentlore.normalise.adapter.Adapter")
    if adapter.name != point.name:
        raise LoreError(
            f"{where} calls itself {adapter.name!r}; the entry point and the adapter "
            "must use the same name"
        )
    return adapter
