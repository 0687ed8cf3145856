"""Files shipped with the program: the default templates and the JSON Schemas."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def shipped(name: str) -> Path:
    """The folder `name` (templates, schemas) of this installation.

    A wheel carries them inside the package; a source checkout (and an editable
    install of it) keeps them at the top of the project, where people edit them.
    """
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent.parent / name
