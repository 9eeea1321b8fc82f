"""Compiled gettext catalogs, one per domain and language, read once (engine layer).

``resources/i18n/<domain>/<lang>.po`` is the source; ``<lang>.mo`` beside it is compiled at
set-up and rebuilt here (with Babel) when it is missing or older than its ``.po``. A domain with
no catalog for a language falls back to the English source text.
"""

from __future__ import annotations

import contextlib
import gettext
import io
from functools import cache
from pathlib import Path

from resources import resource_path

CATALOG_ROOT = resource_path("i18n")


def po_path(domain: str, lang: str) -> Path:
    """Where the ``.po`` source of ``domain`` in ``lang`` lives."""
    return CATALOG_ROOT / domain / f"{lang}.po"


def compile_po(po: Path, mo: Path | None = None) -> bytes:
    """The ``.mo`` bytes of ``po`` (written to ``mo`` when given and writable)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as f:
        catalog = read_po(f)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    data = buffer.getvalue()
    if mo is not None:
        with contextlib.suppress(OSError):  # a read-only install compiles in memory each run
            mo.write_bytes(data)
    return data


@cache
def translations(domain: str, lang: str) -> gettext.NullTranslations:
    """The catalog of ``domain`` in ``lang``; English source text where there is none."""
    po = po_path(domain, lang)
    if not po.is_file():
        return gettext.NullTranslations()
    mo = po.with_suffix(".mo")
    fresh = mo.is_file() and mo.stat().st_mtime >= po.stat().st_mtime
    data = mo.read_bytes() if fresh else compile_po(po, mo)
    return gettext.GNUTranslations(io.BytesIO(data))
