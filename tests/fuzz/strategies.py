"""Broken inputs for the fuzz tests: mutated JSON documents, text lines and byte strings."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import strategies as st

# values that have broken readers before: huge numbers, deep nesting, text that is not Unicode
ODD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([10**400, -(10**400), 2**53 + 1, 0, -1]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([1e308, -1e308, 5e-324, 1e400]),
    st.text(max_size=20),
    st.sampled_from(["\ud800", "a\udfffb", "\x00", "‮", "𝕏" * 5, "", " " * 3, "../../etc/passwd", "/etc/passwd"]),
    st.just([]),
    st.just({}),
    st.integers(min_value=65, max_value=1200).map(lambda n: _nested(n)),
)


def _nested(depth: int) -> Any:
    value: Any = 0
    for k in range(depth):
        value = [value] if k % 2 else {"x": value}
    return value


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    """Every (key or index) path to a node of a JSON document."""
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node[:3]):  # the first items stand for the rest
            out += _paths(v, (*prefix, i))
    return out


def _at(doc: Any, path: tuple) -> Any:
    for step in path:
        doc = doc[step]
    return doc


@st.composite
def mutated_document(draw: st.DrawFn, base: dict[str, Any]) -> Any:
    """``base`` with one to three mutations: a value replaced, a key dropped or added."""
    doc = copy.deepcopy(base)
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(doc)
        path = draw(st.sampled_from(paths))
        kind = draw(st.sampled_from(["replace", "drop", "add"]))
        if not path:
            if kind == "replace":
                return draw(ODD_VALUES)
            continue
        parent, key = _at(doc, path[:-1]), path[-1]
        if kind == "replace":
            parent[key] = draw(ODD_VALUES)
        elif kind == "drop":
            del parent[key]
        elif isinstance(parent, dict):
            parent[draw(st.sampled_from(["extra", "\ud800", "id", "x" * 300]))] = draw(ODD_VALUES)
        else:
            parent.append(draw(ODD_VALUES))
    return doc


@st.composite
def mutated_lines(draw: st.DrawFn, lines: list[str], fields: int) -> list[str]:
    """``lines`` with a few lines or fields replaced by odd text."""
    lines = list(lines)
    odd_text = st.one_of(
        st.text(max_size=12),
        st.sampled_from(["", "nan", "inf", "-1e400", "1e400", "9" * 5000, '"' + "x" * 140_000 + '"', "\x00", "2,5"]),
        st.sampled_from(["9999-01-01 00:00", "0001-01-01 00:00", "2023-13-01 00:00", "2023-01-01T00:00+14:00"]),
    )
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["field", "line", "drop", "duplicate"]))
        if kind == "field":
            parts = lines[i].split(",")
            parts[draw(st.integers(0, max(fields, len(parts)) - 1)) % len(parts)] = draw(odd_text)
            lines[i] = ",".join(parts)
        elif kind == "line":
            lines[i] = draw(odd_text)
        elif kind == "drop":
            del lines[i]
        else:
            lines.insert(i, lines[i])
    return lines


@st.composite
def mutated_bytes(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` with a few bytes flipped, a slice cut out or the file cut short."""
    blob = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["flip", "cut", "truncate", "splice"]))
        if not blob:
            break
        i = draw(st.integers(0, len(blob) - 1))
        if kind == "flip":
            blob[i] = draw(st.integers(0, 255))
        elif kind == "cut":
            del blob[i : i + draw(st.integers(1, 64))]
        elif kind == "truncate":
            del blob[i:]
        else:
            blob[i:i] = draw(st.binary(min_size=1, max_size=16))
    return bytes(blob)
