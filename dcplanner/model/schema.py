"""Typed dataclass <-> JSON dict conversion with field-path validation (engine layer).

Every model dataclass declares its fields with :func:`num`, :func:`text` or a plain default;
this module turns a JSON-like dict into those dataclasses and back, and reports every bad value
with its exact path (``halls[0].rows[3].cabinets[2].design_kw``) and the allowed range.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import math
import re
import sys
import types
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Literal, TypeVar, get_args, get_origin

T = TypeVar("T")

_RANGE = "range"
# Whole numbers beyond 2**53 lose their value in a JSON reader that holds numbers as doubles
# (I-JSON, RFC 7493 §2.2); no field of a site needs more.
MAX_WHOLE_NUMBER = 2**53
_SURROGATE = re.compile("[\ud800-\udfff]")


def surrogate_problem(text: str) -> str | None:
    """Why ``text`` cannot be saved as UTF-8 (a lone surrogate code point), or None."""
    m = _SURROGATE.search(text)
    if m is None:
        return None
    return (
        f"holds the lone surrogate U+{ord(m.group()):04X} at character {m.start() + 1}, which is not "
        "Unicode text and cannot be saved"
    )


def shown_text(text: str, limit: int = 40) -> str:
    """``text`` for a message: shortened, surrogates escaped, so printing it never fails."""
    shown = text if len(text) <= limit else text[: limit - 3] + "..."
    return shown.encode("utf-8", "backslashreplace").decode("utf-8")


@dataclass(frozen=True, slots=True)
class Range:
    """Allowed numeric interval of a field, with its unit for messages."""

    min: float | None = None
    max: float | None = None
    unit: str = ""
    min_exclusive: bool = False

    def describe(self) -> str:
        unit = f" {self.unit}" if self.unit else ""
        lo = "" if self.min is None else f"{_fmt(self.min)}"
        hi = "" if self.max is None else f"{_fmt(self.max)}"
        if self.min is not None and self.max is not None:
            left = "above" if self.min_exclusive else "from"
            return f"{left} {lo} to {hi}{unit}"
        if self.min is not None:
            return f"{'above' if self.min_exclusive else 'at least'} {lo}{unit}"
        return f"at most {hi}{unit}"

    def contains(self, value: float) -> bool:
        if self.min is not None and (value < self.min or (self.min_exclusive and value == self.min)):
            return False
        return not (self.max is not None and value > self.max)


def _fmt(x: float) -> str:
    return f"{x:g}" if isinstance(x, float) else str(x)


_LABEL, _DOC, _COLUMN, _ALIASES = "label", "doc", "column", "aliases"


def _metadata(label: str, doc: str, column: str, aliases: tuple[str, ...]) -> dict[str, Any]:
    return {_LABEL: label, _DOC: doc, _COLUMN: column, _ALIASES: tuple(aliases)}


def num(
    default: Any = dataclasses.MISSING,
    *,
    min: float | None = None,
    max: float | None = None,
    unit: str = "",
    min_exclusive: bool = False,
    doc: str = "",
    label: str = "",
    column: str = "",
    aliases: tuple[str, ...] = (),
) -> Any:
    """A numeric field with an allowed range (checked on load and on every edit).

    ``label``, ``doc``, ``column`` and ``aliases`` describe it to people (see :class:`FieldInfo`).
    """
    meta = {_RANGE: Range(min, max, unit, min_exclusive), **_metadata(label, doc, column, aliases)}
    if default is dataclasses.MISSING:
        return dataclasses.field(metadata=meta)
    return dataclasses.field(default=default, metadata=meta)


def text(
    default: Any = dataclasses.MISSING,
    *,
    doc: str = "",
    label: str = "",
    column: str = "",
    aliases: tuple[str, ...] = (),
) -> Any:
    """A text, id or choice field, described to people (see :class:`FieldInfo`)."""
    meta = _metadata(label, doc, column, aliases)
    if default is dataclasses.MISSING:
        return dataclasses.field(metadata=meta)
    return dataclasses.field(default=default, metadata=meta)


def items(
    factory: Callable[[], Any] = list,
    *,
    doc: str = "",
    label: str = "",
    column: str = "",
    aliases: tuple[str, ...] = (),
) -> Any:
    """A list or dict field with a fresh default container."""
    return dataclasses.field(default_factory=factory, metadata=_metadata(label, doc, column, aliases))


@dataclass(frozen=True, slots=True)
class Issue:
    """One validation finding: where, what, and whether it blocks loading."""

    path: str
    message: str
    severity: Literal["error", "warning"] = "error"
    code: str = ""  # stable id of the check (e.g. "layout.narrow_aisle"); "" = generic

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class ValidationError(ValueError):
    """Raised when a document or an edit breaks the model's rules."""

    def __init__(self, issues: list[Issue]):
        self.issues = [i for i in issues if i.severity == "error"] or issues
        lines = [str(i) for i in self.issues[:20]]
        more = len(self.issues) - 20
        if more > 0:
            lines.append(f"... and {more} more")
        super().__init__("\n".join(lines))


def join(path: str, key: str | int) -> str:
    """Extend a field path: ``join("halls", 0) == "halls[0]"``."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


# ---------------------------------------------------------------------------------------------
# Compiled field specs (type hints resolved once per class)


@dataclass(frozen=True, slots=True)
class _FieldSpec:
    name: str
    hint: Any
    required: bool
    range: Range | None


_SPECS: dict[type, tuple[_FieldSpec, ...]] = {}


def field_specs(cls: type) -> tuple[_FieldSpec, ...]:
    """Resolved field specs of a model dataclass (cached)."""
    specs = _SPECS.get(cls)
    if specs is None:
        hints = typing.get_type_hints(cls)
        specs = tuple(
            _FieldSpec(
                f.name,
                hints[f.name],
                f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING,
                f.metadata.get(_RANGE),
            )
            for f in dataclasses.fields(cls)
        )
        _SPECS[cls] = specs
    return specs


def field_range(cls: type, name: str) -> Range | None:
    """The allowed range of ``cls.name`` (for inline editors and messages)."""
    for spec in field_specs(cls):
        if spec.name == name:
            return spec.range
    raise KeyError(f"{cls.__name__} has no field {name!r}")


# ---------------------------------------------------------------------------------------------
# Field descriptions (what forms, workbook sheets and list imports show and accept)


@dataclass(frozen=True, slots=True)
class FieldInfo:
    """What people read about one model field, declared once beside it in the model.

    ``label`` names it in forms (``"Design power"``); ``header`` heads its column in tables
    (the workbook and the cabinet lists it imports: ``"Design (kW)"``, from the shorter
    ``column`` word when one is declared); ``help`` is one line on what it means; ``aliases``
    are further column headers an import accepts (``"design kW"``, ``"设计功率"``).
    ``described`` is False for a field the model gives no label (``label`` is then its name in words).
    """

    name: str
    label: str
    unit: str
    help: str
    header: str
    aliases: tuple[str, ...]
    range: Range | None
    hint: Any
    required: bool
    default: Any  # dataclasses.MISSING when required or built by a factory
    described: bool

    @property
    def value_type(self) -> Any:
        """The field's type without ``None`` (``str`` for ``str | None``)."""
        if get_origin(self.hint) in (types.UnionType, typing.Union):
            return next(a for a in get_args(self.hint) if a is not type(None))
        return self.hint

    @property
    def headers(self) -> tuple[str, ...]:
        """Every column header that names the field: its own header, then the aliases."""
        return (self.header, *self.aliases)


def _name_in_words(name: str) -> str:
    return name.replace("_", " ").capitalize()


_INFOS: dict[type, tuple[FieldInfo, ...]] = {}


def describe_fields(cls: type) -> tuple[FieldInfo, ...]:
    """The descriptions of every field of a model dataclass, in declaration order (cached)."""
    infos = _INFOS.get(cls)
    if infos is None:
        specs = {s.name: s for s in field_specs(cls)}
        out = []
        for f in dataclasses.fields(cls):
            spec, meta = specs[f.name], f.metadata
            label = meta.get(_LABEL, "")
            unit = spec.range.unit if spec.range is not None else ""
            word = meta.get(_COLUMN, "") or label or _name_in_words(f.name)
            out.append(
                FieldInfo(
                    name=f.name,
                    label=label or _name_in_words(f.name),
                    unit=unit,
                    help=meta.get(_DOC, ""),
                    header=f"{word} ({unit})" if unit else word,
                    aliases=tuple(meta.get(_ALIASES, ())),
                    range=spec.range,
                    hint=spec.hint,
                    required=spec.required,
                    default=f.default,
                    described=bool(label),
                )
            )
        infos = _INFOS[cls] = tuple(out)
    return infos


def field_info(cls: type, name: str) -> FieldInfo:
    """The description of ``cls.name``; KeyError naming the class if it has no such field."""
    for info in describe_fields(cls):
        if info.name == name:
            return info
    raise KeyError(f"{cls.__name__} has no field {name!r}")


# ---------------------------------------------------------------------------------------------
# dict -> dataclass


class _Collector:
    def __init__(self) -> None:
        self.issues: list[Issue] = []

    def error(self, path: str, message: str) -> None:
        self.issues.append(Issue(path, message))


_MISSING = object()


def from_dict(cls: type[T], data: Any, path: str = "") -> T:
    """Build ``cls`` from JSON data, raising :class:`ValidationError` listing every bad field.

    A valid document takes one pass through converters compiled per type (no paths built, the
    garbage collector paused while the objects are made); at the first bad value the document
    is converted again by the checking pass, which names every bad field and its range.
    """
    try:
        with gc_paused():
            return typing.cast(T, _fast(cls, None)(data))
    except _Bad:
        pass
    out = _Collector()
    obj = _convert(cls, data, path, out)
    if out.issues:
        raise ValidationError(out.issues)
    return typing.cast(T, obj)


def _fast_field(spec: _FieldSpec, raw: Any) -> Any:
    if raw is None:
        raise _Bad
    return _fast(spec.hint, spec.range)(raw)


class _Bad(Exception):
    """A value the fast pass does not accept; the checking pass then says why."""


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """No garbage collection while a document becomes objects: bulk construction makes no
    cycles, and the collector's passes over the growing heap cost about a quarter of the time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_FAST: dict[tuple[Any, Range | None], Callable[[Any], Any]] = {}


def _fast(hint: Any, rng: Range | None) -> Callable[[Any], Any]:
    """The converter of ``hint`` that accepts exactly what :func:`_convert` accepts without an
    issue, builds the same value, and raises :class:`_Bad` for anything else (compiled once)."""
    key = (hint, rng)
    fn = _FAST.get(key)
    if fn is None:
        fn = _FAST[key] = _compile(hint, rng)
    return fn


def _compile(hint: Any, rng: Range | None) -> Callable[[Any], Any]:
    origin = get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        inner_hint = next(a for a in get_args(hint) if a is not type(None))
        inner: list[Callable[[Any], Any]] = []  # compiled on first use: hints may be recursive

        def optional(value: Any) -> Any:
            if value is None:
                return None
            if not inner:
                inner.append(_fast(inner_hint, rng))
            return inner[0](value)

        return optional
    if dataclasses.is_dataclass(hint):
        return _compile_dataclass(typing.cast(type, hint))
    if origin is list:
        (item_hint,) = get_args(hint)
        items_fn: list[Callable[[Any], Any]] = []

        def as_list(value: Any) -> Any:
            if not isinstance(value, list):
                raise _Bad
            if not items_fn:
                items_fn.append(_fast(item_hint, None))
            conv = items_fn[0]
            return [conv(v) for v in value]

        return as_list
    if origin is dict:
        _, val_hint = get_args(hint)
        vals_fn: list[Callable[[Any], Any]] = []

        def as_dict(value: Any) -> Any:
            if not isinstance(value, dict):
                raise _Bad
            if not vals_fn:
                vals_fn.append(_fast(val_hint, None))
            conv = vals_fn[0]
            converted = {}
            for k, v in value.items():
                key = str(k)
                if _SURROGATE.search(key) is not None:
                    raise _Bad
                converted[key] = conv(v)
            return converted

        return as_dict
    if origin is Literal:
        allowed = get_args(hint)

        def literal(value: Any) -> Any:
            if value not in allowed:
                raise _Bad
            return value

        return literal
    if hint is Any:
        return _identity
    if hint is bool:

        def as_bool(value: Any) -> Any:
            if not isinstance(value, bool):
                raise _Bad
            return value

        return as_bool
    if hint is str:

        def as_str(value: Any) -> Any:
            if not isinstance(value, str) or _SURROGATE.search(value) is not None:
                raise _Bad
            return value

        return as_str
    if hint in (int, float):
        return _compile_number(hint, rng)
    raise TypeError(f"unsupported field type {hint!r}")


def _identity(value: Any) -> Any:
    return value


def _compile_number(hint: Any, rng: Range | None) -> Callable[[Any], Any]:
    """What :func:`_convert_number` does to a value it accepts, refusing the rest."""
    whole = hint is int
    limit = MAX_WHOLE_NUMBER if whole else sys.float_info.max
    lo = None if rng is None else rng.min
    hi = None if rng is None else rng.max
    lo_open = rng is not None and rng.min_exclusive
    isfinite = math.isfinite

    def number(value: Any) -> Any:
        kind = type(value)
        if kind is float:
            if not isfinite(value):
                raise _Bad
            if whole:
                if not value.is_integer():
                    raise _Bad
                value = int(value)
                if abs(value) > MAX_WHOLE_NUMBER:
                    raise _Bad
        elif kind is int:
            if abs(value) > limit:
                raise _Bad
            if not whole:
                value = float(value)
        elif isinstance(value, bool) or not isinstance(value, (int, float)):
            raise _Bad
        else:  # a subclass of int or float: the checking pass's own rules
            return _checked_number(hint, value, rng)
        if lo is not None and (value < lo or (lo_open and value == lo)):
            raise _Bad
        if hi is not None and value > hi:
            raise _Bad
        return value

    return number


def _checked_number(hint: Any, value: Any, rng: Range | None) -> Any:
    out = _Collector()
    converted = _convert_number(hint, value, "", out, rng)
    if out.issues:
        raise _Bad
    return converted


def _compile_dataclass(cls: type) -> Callable[[Any], Any]:
    compiled: list[tuple[str, Callable[[Any], Any], bool, bool]] = []
    known: set[str] = set()

    def build(value: Any) -> Any:
        if not isinstance(value, dict):
            raise _Bad
        if not compiled:
            for spec in field_specs(cls):
                compiled.append((spec.name, _fast(spec.hint, spec.range), spec.required, _optional(spec.hint)))
                known.add(spec.name)
        if not known.issuperset(value):
            raise _Bad
        kwargs: dict[str, Any] = {}
        for name, conv, required, optional in compiled:
            raw = value.get(name, _MISSING)
            if raw is _MISSING:
                if required:
                    raise _Bad
                continue
            if raw is None and not optional:
                raise _Bad
            kwargs[name] = conv(raw)
        return cls(**kwargs)

    return build


def convert_fields(cls: type, data: dict[str, Any], path: str = "") -> dict[str, Any]:
    """Convert only the fields of ``cls`` present in ``data``, exactly as :func:`from_dict` does
    them (same checks and messages); raises :class:`ValidationError`. Unknown names are refused."""
    specs = {s.name: s for s in field_specs(cls)}
    if set(data) <= set(specs):
        try:
            with gc_paused():
                return {
                    name: None if raw is None and _optional(specs[name].hint) else _fast_field(specs[name], raw)
                    for name, raw in data.items()
                }
        except _Bad:
            pass
    out = _Collector()
    converted: dict[str, Any] = {}
    for name, raw in data.items():
        spec = specs.get(name)
        fpath = join(path, shown_text(str(name)) if spec is None else name)
        if spec is None:
            out.error(fpath, f"unknown field; {cls.__name__} has: {', '.join(sorted(specs))}")
        elif raw is None and not _optional(spec.hint):
            out.error(fpath, f"must be {_type_name(spec.hint)}, got null" + _range_hint(spec.range))
        else:
            converted[name] = _convert(spec.hint, raw, fpath, out, spec.range)
    if out.issues:
        raise ValidationError(out.issues)
    return converted


def _type_name(hint: Any) -> str:
    origin = get_origin(hint)
    if hint is float:
        return "a number"
    if hint is int:
        return "a whole number"
    if hint is str:
        return "text"
    if hint is bool:
        return "true or false"
    if origin is list:
        return "a list"
    if origin is dict:
        return "an object"
    if origin is Literal:
        return "one of " + ", ".join(repr(a) for a in get_args(hint))
    if dataclasses.is_dataclass(hint):
        return "an object"
    return str(hint)


def _convert(hint: Any, value: Any, path: str, out: _Collector, rng: Range | None = None) -> Any:
    origin = get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        args = [a for a in get_args(hint) if a is not type(None)]
        if value is None:
            return None
        return _convert(args[0], value, path, out, rng)
    if dataclasses.is_dataclass(hint):
        return _convert_dataclass(typing.cast(type, hint), value, path, out)
    if origin is list:
        if not isinstance(value, list):
            out.error(path, f"must be a list, got {_json_kind(value)}")
            return []
        (item_hint,) = get_args(hint)
        return [_convert(item_hint, v, join(path, i), out) for i, v in enumerate(value)]
    if origin is dict:
        if not isinstance(value, dict):
            out.error(path, f"must be an object, got {_json_kind(value)}")
            return {}
        _, val_hint = get_args(hint)
        converted = {}
        for k, v in value.items():
            key = str(k)
            problem = surrogate_problem(key)
            if problem is not None:
                out.error(join(path, shown_text(key)), f"the key {problem}")
                continue
            converted[key] = _convert(val_hint, v, join(path, key), out)
        return converted
    if origin is Literal:
        allowed = get_args(hint)
        if value not in allowed:
            got = repr(shown_text(value)) if isinstance(value, str) else _json_kind(value)
            out.error(path, f"must be one of {', '.join(repr(a) for a in allowed)}; got {got}")
            return allowed[0]
        return value
    if hint is Any:
        return value
    if hint is bool:
        if not isinstance(value, bool):
            out.error(path, f"must be true or false, got {_json_kind(value)}")
            return False
        return value
    if hint is str:
        if not isinstance(value, str):
            out.error(path, f"must be text, got {_json_kind(value)}")
            return ""
        problem = surrogate_problem(value)
        if problem is not None:
            out.error(path, problem)
            return ""
        return value
    if hint in (int, float):
        return _convert_number(hint, value, path, out, rng)
    raise TypeError(f"unsupported field type {hint!r} at {path}")


def _convert_number(hint: Any, value: Any, path: str, out: _Collector, rng: Range | None) -> Any:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        out.error(path, f"must be {_type_name(hint)}, got {_json_kind(value)}" + _range_hint(rng))
        return 0
    if isinstance(value, float) and not math.isfinite(value):
        out.error(path, f"must be a finite number, got {value!r}" + _range_hint(rng))
        return 0
    if isinstance(value, int) and abs(value) > (MAX_WHOLE_NUMBER if hint is int else sys.float_info.max):
        out.error(path, f"a number of {len(str(abs(value))):,} digits is out of range" + _range_hint(rng))
        return 0
    if hint is int:
        if isinstance(value, float):
            if not value.is_integer():
                out.error(path, f"must be a whole number, got {value!r}" + _range_hint(rng))
                return 0
            value = int(value)
        if abs(value) > MAX_WHOLE_NUMBER:
            out.error(path, f"{float(value):g} is out of range" + _range_hint(rng))
            return 0
    else:
        value = float(value)
    if rng is not None and not rng.contains(value):
        out.error(path, f"{_fmt(value)} is out of range; allowed {rng.describe()}")
    return value


def _range_hint(rng: Range | None) -> str:
    return f" (allowed {rng.describe()})" if rng is not None else ""


def _json_kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, int) and abs(value) > MAX_WHOLE_NUMBER:
        return f"a number of {len(str(abs(value))):,} digits"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"the text {shown_text(value)!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _convert_dataclass(cls: type, value: Any, path: str, out: _Collector) -> Any:
    if not isinstance(value, dict):
        out.error(path, f"must be an object, got {_json_kind(value)}")
        value = {}
    specs = field_specs(cls)
    known = {s.name for s in specs}
    for key in value:
        if key not in known:
            fields = ", ".join(sorted(known))
            out.error(join(path, shown_text(str(key))), f"unknown field; {cls.__name__} has: {fields}")
    kwargs: dict[str, Any] = {}
    for spec in specs:
        raw = value.get(spec.name, _MISSING)
        fpath = join(path, spec.name)
        if raw is _MISSING:
            if spec.required:
                extra = f" ({spec.range.describe()})" if spec.range else ""
                out.error(fpath, f"required field is missing; expected {_type_name(spec.hint)}{extra}")
                kwargs[spec.name] = _placeholder(spec.hint)
            continue
        if raw is None and not _optional(spec.hint):
            out.error(fpath, f"must be {_type_name(spec.hint)}, got null" + _range_hint(spec.range))
            kwargs[spec.name] = _placeholder(spec.hint)
            continue
        kwargs[spec.name] = _convert(spec.hint, raw, fpath, out, spec.range)
    return cls(**kwargs)


def _optional(hint: Any) -> bool:
    return get_origin(hint) in (types.UnionType, typing.Union) and type(None) in get_args(hint)


def _placeholder(hint: Any) -> Any:
    origin = get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        return None
    if origin is list:
        return []
    if origin is dict:
        return {}
    if origin is Literal:
        return get_args(hint)[0]
    if dataclasses.is_dataclass(hint):
        return _placeholder_dataclass(typing.cast(type, hint))
    return {str: "", int: 0, float: 0.0, bool: False}.get(hint)


def _placeholder_dataclass(cls: type) -> Any:
    kwargs = {s.name: _placeholder(s.hint) for s in field_specs(cls) if s.required}
    return cls(**kwargs)


# ---------------------------------------------------------------------------------------------
# dataclass -> dict

_FLOAT_HINTS = (float, float | None)


_PLAIN = frozenset({str, int, float, bool, type(None)})
_DUMP_PLANS: dict[type, tuple[tuple[str, bool], ...] | None] = {}


def to_dict(obj: Any) -> Any:
    """JSON-ready form of a model object; field order follows the dataclass."""
    kind = type(obj)
    if kind in _PLAIN:
        return obj
    if kind is list:
        return [to_dict(v) for v in obj]
    plan = _DUMP_PLANS.get(kind, ())
    if plan == ():
        is_model = dataclasses.is_dataclass(kind) and not isinstance(obj, type)
        plan = _DUMP_PLANS[kind] = (
            tuple((s.name, s.hint in _FLOAT_HINTS) for s in field_specs(kind)) if is_model else None
        )
    if plan is not None:
        out = {}
        for name, floating in plan:
            value = getattr(obj, name)
            kind = type(value)
            if kind is int and floating:
                value = float(value)  # canonical form: 12 and 12.0 save alike
            elif kind not in _PLAIN:
                value = to_dict(value)
            out[name] = value
        return out
    return _to_dict_any(obj)


def _to_dict_any(obj: Any) -> Any:
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        out = {}
        for spec in field_specs(type(obj)):
            value = getattr(obj, spec.name)
            if type(value) is int and spec.hint in _FLOAT_HINTS:
                value = float(value)  # canonical form: 12 and 12.0 save alike
            out[spec.name] = to_dict(value)
        return out
    if isinstance(obj, list):
        return [to_dict(v) for v in obj]
    if isinstance(obj, dict):
        return {k: to_dict(v) for k, v in obj.items()}
    return obj


# ---------------------------------------------------------------------------------------------
# Range checks on live objects (used by edit commands before they mutate the model)


def check_value(cls: type, name: str, value: Any, path: str = "") -> Any:
    """Convert and range-check one field value; raise ValidationError naming the field."""
    for spec in field_specs(cls):
        if spec.name == name:
            out = _Collector()
            converted = _convert(spec.hint, value, join(path, name), out, spec.range)
            if out.issues:
                raise ValidationError(out.issues)
            return converted
    raise ValidationError([Issue(join(path, name), f"unknown field of {cls.__name__}")])


def iter_ranges(obj: Any, path: str = "") -> Iterator[tuple[str, Range, Any]]:
    """Yield (path, range, value) for every ranged numeric field below ``obj``."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for spec in field_specs(type(obj)):
            value = getattr(obj, spec.name)
            if spec.range is not None and value is not None:
                yield join(path, spec.name), spec.range, value
            yield from iter_ranges(value, join(path, spec.name))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from iter_ranges(v, join(path, i))
