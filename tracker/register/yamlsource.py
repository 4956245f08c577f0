"""Read YAML safely, keeping the line and column of every key and reporting duplicate keys."""

from __future__ import annotations

import re
from typing import Any

import yaml

from tracker.core.errors import Problem
from tracker.core.i18n import Ref


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


ALIAS_BUDGET = 10_000  # nodes an alias may stand for, in all: a register needs a few; "billion laughs" billions
MAX_DEPTH = 64  # nesting a register never needs (it has four levels)
MAX_BYTES = 50_000_000


class _Walk:
    """One conversion of a document's nodes: the nodes already built (a second visit is an alias), the nodes on
    the current path (an alias to one of them is a recursion), and what aliases have cost so far."""

    def __init__(self, loader: yaml.SafeLoader, file: str, problems: list[Problem]) -> None:
        self.loader, self.file, self.problems = loader, file, problems
        self.seen: set[int] = set()
        self.path: list[int] = []
        self.spent = 0
        self.stopped = False  # a crafted structure: nothing more is built
        self.failed = False  # a value that does not convert: the rest is read for its problems, then refused

    def refuse(self, node: yaml.Node, key: str, **params: object) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.file, key, params, mark.line + 1, mark.column + 1))

    def scalar(self, node: yaml.Node) -> Any:
        """The scalar's value; None with a located problem when it does not convert (2019-06-31, a 5,000-digit
        number, 25:00)."""
        try:
            return self.loader.construct_object(node)
        except (ValueError, OverflowError, TypeError, yaml.YAMLError):
            tag = str(getattr(node, "tag", ""))
            number = tag.endswith(("int", "float"))
            long = number and len(str(getattr(node, "value", ""))) > 15
            detail = Ref("pyd.date" if tag.endswith("timestamp") else "register.too_many_digits" if long
                         else "pyd.number" if number else "pyd.invalid")
            self.refuse(node, "register.bad_scalar", value=str(getattr(node, "value", ""))[:40], detail=detail)
            self.failed = True
            return None

    def convert(self, node: yaml.Node) -> Any:
        if self.stopped:
            return None
        if id(node) in self.path:
            self.refuse(node, "register.yaml_recursive")
            self.stopped = True
            return None
        if len(self.path) >= MAX_DEPTH:
            self.refuse(node, "register.yaml_too_deep", limit=MAX_DEPTH)
            self.stopped = True
            return None
        if id(node) in self.seen:
            self.spent += 1
            if self.spent > ALIAS_BUDGET:
                self.refuse(node, "register.yaml_aliases", limit=f"{ALIAS_BUDGET:,}")
                self.stopped = True
                return None
        self.seen.add(id(node))
        self.path.append(id(node))
        try:
            return self._build(node)
        finally:
            self.path.pop()

    def _build(self, node: yaml.Node) -> Any:
        if isinstance(node, yaml.MappingNode):
            out = LocatedDict()
            out.line, out.column = node.start_mark.line + 1, node.start_mark.column + 1
            out.key_pos = {}
            for key_node, value_node in node.value:
                key = str(self.scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else key_node.tag)
                pos = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                if key in out.key_pos:
                    self.problems.append(
                        Problem(self.file, "register.duplicate_key", {"key": key, "first": out.key_pos[key][0]}, *pos)
                    )
                    continue
                out.key_pos[key] = pos
                out[key] = self.convert(value_node)
            return out
        if isinstance(node, yaml.SequenceNode):
            seq = LocatedList()
            seq.line, seq.column = node.start_mark.line + 1, node.start_mark.column + 1
            seq.item_pos = []
            for item in node.value:
                seq.item_pos.append((item.start_mark.line + 1, item.start_mark.column + 1))
                seq.append(self.convert(item))
            return seq
        return self.scalar(node)


# The parser's own English, by what it was reading (its context) or what it found (its problem): each said in the
# reader's language. For an unclosed quote, bracket or brace, or a key without its colon, the parser notices only
# lines later; the place it started reading is where the mistake is.
_AT_START = {"while scanning a quoted scalar": "register.yaml.quote", "while scanning a simple key": "register.yaml.colon",
             "while parsing a flow sequence": "register.yaml.bracket", "while parsing a flow mapping": "register.yaml.brace"}
_FOUND = (("mapping values are not allowed", "register.yaml.extra_colon"), ("that cannot start any token",
          "register.yaml.token"), ("expected <block end>", "register.yaml.indent"),
          ("could not find expected ':'", "register.yaml.colon"))


def syntax_problem(exc: yaml.MarkedYAMLError) -> tuple[str, yaml.Mark | None]:
    """The message key for a YAML syntax error and the place the mistake is."""
    context, problem = exc.context or "", exc.problem or ""
    if context in _AT_START and exc.context_mark is not None:
        return _AT_START[context], exc.context_mark
    if "'\\t'" in problem or "\t" in problem:
        return "register.yaml.tab", exc.problem_mark
    key = next((k for words, k in _FOUND if words in problem), "register.yaml_syntax")
    return key, exc.problem_mark or exc.context_mark


_OPENS_QUOTE = re.compile(r"""^\s*(?:-\s+)?(?:[^\s:#][^:#]*:\s+)?(["'])""")


def unclosed_quote(text: str, before: int) -> tuple[int, int] | None:
    """The nearest line, up to line `before`, whose value opens a quote it never closes (line, column)."""
    lines = text.splitlines()
    for number in range(min(before, len(lines)), 0, -1):
        line = lines[number - 1]
        found = _OPENS_QUOTE.match(line)
        if not found:
            continue
        quote, rest = found.group(1), line[found.end():]
        rest = rest.replace('\\\\', "").replace('\\"', "") if quote == '"' else rest.replace("''", "")
        if quote not in rest:
            return number, found.start(1) + 1
    return None


def load_located(text: str, file: str) -> tuple[Any, list[Problem]]:
    """Parse YAML text with the safe loader; return the data and every syntax, duplicate-key and conversion
    problem. Aliases are allowed within a small budget (ALIAS_BUDGET nodes in all), never recursively; nesting
    is bounded: a crafted file is refused in milliseconds, never expanded."""
    problems: list[Problem] = []
    if len(text) > MAX_BYTES:
        problems.append(Problem(file, "register.too_large", {"limit": f"{MAX_BYTES // 1_000_000} MB"}))
        return None, problems
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return LocatedDict(), problems
        walk = _Walk(loader, file, problems)
        data = walk.convert(node)
        return (None if walk.stopped or walk.failed else data), problems
    except yaml.MarkedYAMLError as exc:
        key, mark = syntax_problem(exc)
        line = mark.line + 1 if mark else None
        col = mark.column + 1 if mark else None
        opened = unclosed_quote(text, line) if key != "register.yaml.quote" and line else None
        if opened is not None:  # a quote left open: the parser read on until a later quote closed it
            key, line, col = "register.yaml.quote", *opened
        problems.append(Problem(file, key, {}, line, col))
        return None, problems
    except (yaml.YAMLError, RecursionError, ValueError) as exc:  # nesting beyond the parser's own stack
        problems.append(Problem(file, "register.yaml_too_deep" if isinstance(exc, RecursionError)
                                else "register.yaml_syntax", {"limit": MAX_DEPTH, "detail": str(exc)[:120]}))
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
