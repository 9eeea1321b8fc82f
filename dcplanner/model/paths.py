"""Dotted field paths into a site document: ``halls[H1].rows.*.cabinets.*.design_kw`` (engine).

Used by ``dcplanner solve --set`` and by scenario overrides. A list step is an index, an item
id, ``*`` for every item, or ``key=value`` for the items whose field equals the value
(``servers[model_id=dgx-a100]``); a dict step is a key. Paths work on the JSON form of a site, so an
override goes through exactly the same validation as a file.
"""

from __future__ import annotations

import json
import re
from typing import Any

from dcplanner.model.schema import shown_text

MAX_INDEX_DIGITS = 18  # a list index beyond 10**18 addresses nothing a site can hold


class PathError(ValueError):
    """A path that does not lead anywhere in the document."""


def _shown(text: str) -> str:
    return shown_text(text, 60)


def split_path(path: str) -> list[str]:
    """``"halls[0].rows.*.id"`` -> ``["halls", "0", "rows", "*", "id"]``."""
    steps: list[str] = []
    i, n = 0, len(path)
    expect_step = True
    while i < n:
        ch = path[i]
        if ch == "[":
            close = path.find("]", i)
            if close < 0 or close == i + 1:
                raise PathError(f"malformed path {_shown(path)!r}: unclosed or empty [ ] at character {i + 1}")
            steps.append(path[i + 1 : close])
            i = close + 1
            expect_step = False
        elif ch == ".":
            if expect_step:
                raise PathError(f"malformed path {_shown(path)!r}: empty step at character {i + 1}")
            i += 1
            expect_step = True
        else:
            if not expect_step:
                raise PathError(f"malformed path {_shown(path)!r}: expected '.' or '[' at character {i + 1}")
            j = i
            while j < n and path[j] not in ".[]":
                j += 1
            if j < n and path[j] == "]":
                raise PathError(f"malformed path {_shown(path)!r}: unexpected ']' at character {j + 1}")
            steps.append(path[i:j])
            i = j
            expect_step = False
    if not steps or expect_step:
        raise PathError(f"malformed path {_shown(path)!r}")
    return steps


def _children(node: Any, step: str, where: str) -> list[tuple[Any, Any]]:
    """(container, key) pairs that ``step`` selects inside ``node``."""
    if isinstance(node, list):
        if step == "*":
            return [(node, i) for i in range(len(node))]
        if "=" in step:
            key, _, wanted = step.partition("=")
            return [
                (node, i) for i, item in enumerate(node) if isinstance(item, dict) and _text(item.get(key)) == wanted
            ]
        if re.fullmatch(r"-?\d+", step):
            # more digits than any list can have: out of range without converting the text
            i = int(step) if len(step) <= MAX_INDEX_DIGITS else None
            if i is None or not -len(node) <= i < len(node):
                raise PathError(f"{_shown(where)}: no item at index {_shown(step)} (there are {len(node)})")
            return [(node, i)]
        for i, item in enumerate(node):
            if isinstance(item, dict) and item.get("id") == step:
                return [(node, i)]
        ids = [_shown(str(x.get("id"))) for x in node[:8] if isinstance(x, dict)]
        more = " ..." if len(node) > 8 else ""
        raise PathError(f"{_shown(where)}: no item with id {_shown(step)!r} (ids: {', '.join(ids)}{more})")
    if isinstance(node, dict):
        if step == "*":
            return [(node, k) for k in node]
        return [(node, step)]
    raise PathError(f"{_shown(where)}: cannot step into a {type(node).__name__} with {_shown(step)!r}")


def _text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def resolve(doc: Any, path: str) -> list[tuple[Any, Any]]:
    """Every (container, key) the path addresses; all but the last step must exist."""
    steps = split_path(path)
    frontier: list[tuple[Any, Any]] = [({"": doc}, "")]
    where = ""
    for n, step in enumerate(steps):
        nxt: list[tuple[Any, Any]] = []
        for container, key in frontier:
            node = container[key]
            for c, k in _children(node, step, where or "site"):
                last = n == len(steps) - 1
                if not last and isinstance(c, dict) and k not in c:
                    raise PathError(f"{_shown(where + '.' if where else '')}{_shown(step)}: no such field")
                nxt.append((c, k))
        frontier = nxt
        where = f"{where}.{step}" if where else step
    return frontier


def get_values(doc: Any, path: str) -> list[Any]:
    """Values at the path (missing final dict keys raise PathError)."""
    out = []
    for container, key in resolve(doc, path):
        if isinstance(container, dict) and key not in container:
            raise PathError(f"{_shown(path)}: no such field")
        out.append(container[key])
    return out


def set_values(doc: Any, path: str, value: Any) -> int:
    """Assign ``value`` at every place the path addresses; returns how many were set."""
    targets = resolve(doc, path)
    plain = type(value) in (str, int, float, bool) or value is None  # immutable: the value itself
    for container, key in targets:
        container[key] = value if plain else json.loads(json.dumps(value))  # an independent copy per place
    return len(targets)


def parse_assignment(text: str) -> tuple[str, Any]:
    """``"a.b=30"`` -> ``("a.b", 30)``; the value is JSON if it parses, else plain text."""
    depth = 0
    for i, ch in enumerate(text):
        depth += {"[": 1, "]": -1}.get(ch, 0)
        if ch == "=" and depth == 0:
            path, raw = text[:i].strip(), text[i + 1 :]
            break
    else:
        raise PathError(f"expected dotted.path=value, got {_shown(text)!r}")
    split_path(path)
    try:
        value = json.loads(raw)
    except json.JSONDecodeError:
        value = raw
    except RecursionError:
        raise PathError(f"{_shown(path)}: the value is nested too deeply to read") from None
    except ValueError:  # an integer of more digits than Python converts
        raise PathError(f"{_shown(path)}: the value holds a number with too many digits") from None
    return path, value


def object_trail(root: Any, path: str) -> list[tuple[str, Any]]:
    """(step, object) for each step of ``path`` below ``root``, a live model (dataclasses, lists, dicts).

    The grammar is that of document paths: a field name, then for a list an index or an item id
    (``"buildout.candidates[P1a]"``); each step must name exactly one object. ``""`` gives ``[]``.
    """
    trail: list[tuple[str, Any]] = []
    node, where = root, "site"
    for step in split_path(path) if path else []:
        if isinstance(node, list):
            hits = _children([{"id": getattr(item, "id", None)} for item in node], step, where)
            if len(hits) != 1:
                raise PathError(f"{_shown(where)}[{_shown(step)}]: names {len(hits)} items; give one id or index")
            node = node[hits[0][1]]
        elif isinstance(node, dict) and step in node:
            node = node[step]
        elif step in getattr(node, "__dataclass_fields__", {}):
            node = getattr(node, step)
        else:
            raise PathError(f"{_shown(where)}.{_shown(step)}: no such field")
        trail.append((step, node))
        where = f"{where}.{step}"
    return trail
