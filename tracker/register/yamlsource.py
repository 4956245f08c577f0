"""Read YAML safely, keeping the line and column of every key and reporting duplicate keys."""

from __future__ import annotations

from typing import Any

import yaml

from tracker.errors import Problem


class LocatedDict(dict[str, Any]):
    """A mapping that remembers where each of its keys was written (1-based line, column)."""

    line: int = 0
    column: int = 0
    key_pos: dict[str, tuple[int, int]]


class LocatedList(list[Any]):
    """A sequence that remembers where it and each item started."""

    line: int = 0
    column: int = 0
    item_pos: list[tuple[int, int]]


def _convert(node: yaml.Node, loader: yaml.SafeLoader, file: str, problems: list[Problem]) -> Any:
    if isinstance(node, yaml.MappingNode):
        out = LocatedDict()
        out.line, out.column = node.start_mark.line + 1, node.start_mark.column + 1
        out.key_pos = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node)
            key = str(key)
            pos = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in out.key_pos:
                problems.append(
                    Problem(file, "register.duplicate_key", {"key": key, "first": out.key_pos[key][0]}, *pos)
                )
                continue
            out.key_pos[key] = pos
            out[key] = _convert(value_node, loader, file, problems)
        return out
    if isinstance(node, yaml.SequenceNode):
        seq = LocatedList()
        seq.line, seq.column = node.start_mark.line + 1, node.start_mark.column + 1
        seq.item_pos = []
        for item in node.value:
            seq.item_pos.append((item.start_mark.line + 1, item.start_mark.column + 1))
            seq.append(_convert(item, loader, file, problems))
        return seq
    return loader.construct_object(node)


def load_located(text: str, file: str) -> tuple[Any, list[Problem]]:
    """Parse YAML text with the safe loader; return the data and any syntax or duplicate-key problems."""
    problems: list[Problem] = []
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return LocatedDict(), problems
        return _convert(node, loader, file, problems), problems
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        detail = exc.problem or exc.context or "?"
        line = mark.line + 1 if mark else None
        col = mark.column + 1 if mark else None
        problems.append(Problem(file, "register.yaml_syntax", {"detail": detail}, line, col))
        return None, problems
    finally:
        loader.dispose()


def position(data: Any, path: tuple[str | int, ...]) -> tuple[int | None, int | None]:
    """Line and column of the item at `path` (keys and list indexes), as close as the path allows."""
    line: int | None = getattr(data, "line", None)
    col: int | None = getattr(data, "column", None)
    node = data
    for step in path:
        if isinstance(node, LocatedDict) and isinstance(step, str) and step in node.key_pos:
            line, col = node.key_pos[step]
            node = node[step]
        elif isinstance(node, LocatedList) and isinstance(step, int) and step < len(node):
            line, col = node.item_pos[step]
            node = node[step]
        else:
            break
    return line, col
