"""The engine's languages: English source text, Simplified Chinese from gettext catalogs (no Qt).

Every user-visible sentence the engine makes (validation issues, findings, compliance results,
solver notes, workbook sheets and headers, the command line) is English source text passed
through :func:`tr` or :func:`message`. The translations live in gettext ``.po`` files under
``resources/i18n/<domain>/<language>.po`` (one domain per area, e.g. ``engine`` and
``workbook``); their compiled ``.mo`` files are built at set-up (``scripts/build_translations.py``)
and rebuilt here from the ``.po`` when missing or older, so a fresh checkout always speaks both.

A message with a stable code uses the code as its gettext context (``msgctxt``) and named
``{placeholders}`` for its figures, so the English and Chinese templates carry the same
parameters: ``message("engine", "capacity.over_limit", "{what}: {use} over", what=..., use=...)``.

The language is process-wide: :func:`set_language` (``--lang``, the window's preference),
else ``DCPLANNER_LANG``, else the system locale (``LC_ALL`` / ``LC_MESSAGES`` / ``LANG``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from dcplanner.i18n.catalog import translations

LANGUAGES: tuple[str, ...] = ("en", "zh_CN")
"""The languages dcplanner speaks; ``en`` is the source language."""

_current: str | None = None


def normalise(lang: str) -> str:
    """``zh``, ``zh-CN``, ``zh_CN.UTF-8`` -> ``zh_CN``; ``en_US``, ``C``, ``POSIX`` -> ``en``.

    Raises ``ValueError`` naming the allowed languages for anything else.
    """
    tag = lang.strip().split(".")[0].split("@")[0].replace("-", "_")
    low = tag.lower()
    if low in ("zh", "zh_cn", "zh_hans", "zh_hans_cn", "zh_sg"):
        return "zh_CN"
    if low in ("", "c", "posix") or low == "en" or low.startswith("en_"):
        return "en"
    raise ValueError(f"language {lang!r} is not available; choose one of {', '.join(LANGUAGES)}")


def system_language() -> str:
    """The language of the environment: ``DCPLANNER_LANG``, else the locale variables, else English."""
    for var in ("DCPLANNER_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            try:
                return normalise(value)
            except ValueError:
                return "en"
    return "en"


def language() -> str:
    """The language the engine speaks now."""
    global _current
    if _current is None:
        _current = system_language()
    return _current


def set_language(lang: str) -> str:
    """Speak ``lang`` from now on (normalised); returns it. Raises ``ValueError`` if unknown."""
    global _current
    _current = normalise(lang)
    return _current


@contextmanager
def speaking(lang: str | None) -> Iterator[str]:
    """Speak ``lang`` inside the block (``None``: keep the current one), then restore."""
    global _current
    before = _current
    now = set_language(lang) if lang else language()
    try:
        yield now
    finally:
        _current = before


def tr(domain: str, text: str, context: str | None = None, lang: str | None = None) -> str:
    """``text`` (English source) in the current language, or in ``lang``."""
    lang = lang or language()
    if lang == "en":
        return text
    catalog = translations(domain, lang)
    return catalog.pgettext(context, text) if context else catalog.gettext(text)


def N_(domain: str, text: str, context: str | None = None) -> str:
    """Mark ``text`` for the ``domain`` catalog without translating it (tables built at import).

    Translate it where it is shown: ``tr(domain, text, context)``. The catalog extractor
    (:mod:`dcplanner.i18n.extract`) finds these marks as it finds ``tr`` and ``message``.
    """
    return text


def message(domain: str, code: str, template: str, /, lang: str | None = None, **params: object) -> str:
    """The sentence of ``code`` in the current language, its ``{placeholders}`` filled from ``params``."""
    return tr(domain, template, context=code, lang=lang).format_map(params)
