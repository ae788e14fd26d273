"""Reading a YAML file (content, layout, brand) safely: PyYAML's safe loader, composing in
Python so that it can refuse hostile or mistaken YAML before building anything, each
refusal a coded problem naming the field and the line. The only module that imports
yaml; `poster.spec` imports it when a file is not already known (see poster.cache).
"""

from __future__ import annotations

import math
import re
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent, MappingEndEvent, MappingStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode
from yaml.resolver import Resolver

from poster import limits
from poster.errors import PosterError, problem

MAX_YAML_DEPTH = limits.YAML_DEPTH
MAX_YAML_NODES = limits.YAML_NODES
_UNQUOTED_COLOUR = re.compile(r"[{,]\s*\w+\s*:\s*#")

try:  # libyaml's parser when PyYAML has it: the same events, several times faster
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)


class _Refused(Exception):
    def __init__(self, field: str, code: str, mark: Any, **params: Any):
        super().__init__(code)
        self.field, self.code, self.params = field, code, params
        self.line: int | None = mark.line + 1 if mark is not None else None


def _too_deep_ahead(e: yaml.MarkedYAMLError, steps: list[str]) -> Exception:
    """libyaml (PyYAML ≥ 6.0.3) refuses flow collections nested over 1,000 deep while it
    reads ahead, before the node where our own limit applies: the same refusal, at the
    deepest field known. Any other YAML error is left as it is."""
    if "maximum nesting depth" not in str(e.problem):
        return e
    return _Refused(
        ".".join([*steps[:4], "…"]), "yaml.too-deep", e.problem_mark, limit=MAX_YAML_DEPTH
    )


class _Loader(Composer, _Parser, SafeConstructor, Resolver):
    """PyYAML's safe loader, composing in Python so that it can refuse, before building
    anything: aliases (`*name`: a few lines of them expand to billions of values), nesting
    deeper than MAX_YAML_DEPTH (libyaml's composer recurses in C and would crash), more
    than MAX_YAML_NODES values (a megabyte of tiny ones takes seconds to build), a key
    given twice in one mapping (the last would silently win), and a number that is not
    finite (.inf, .nan). Each refusal names the field and the line."""

    def __init__(self, text: str) -> None:
        _Parser.__init__(self, text)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)
        Composer.__init__(self)
        self._path: list[str] = []
        self._nodes = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        # a mapping's value comes with its key node, a sequence's item with its index
        if parent is None:
            steps = self._path
        elif isinstance(index, ScalarNode):
            steps = [*self._path, str(index.value)]
        elif isinstance(index, int):
            steps = [*self._path, str(index)]
        else:  # a key
            steps = [*self._path, "(key)"]
        try:
            event = self.peek_event()
        except yaml.MarkedYAMLError as e:
            raise _too_deep_ahead(e, steps) from None
        assert event is not None  # a node is coming: the composer checked
        if isinstance(event, AliasEvent):
            raise _Refused(
                ".".join(steps),
                "yaml.alias",
                event.start_mark,
                anchor=event.anchor,
            )
        self._nodes += 1
        if self._nodes > MAX_YAML_NODES:  # building a million small values takes seconds
            raise _Refused(
                ".".join(steps),
                "yaml.too-many",
                event.start_mark,
                limit=MAX_YAML_NODES,
            )
        if len(steps) > MAX_YAML_DEPTH:
            raise _Refused(
                ".".join([*steps[:4], "…"]),
                "yaml.too-deep",
                event.start_mark,
                limit=MAX_YAML_DEPTH,
            )
        outer, self._path = self._path, steps
        try:
            node = super().compose_node(parent, index)
        except yaml.MarkedYAMLError as e:
            raise _too_deep_ahead(e, steps) from None
        finally:
            self._path = outer
        if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:float":
            try:
                number = self.construct_yaml_float(node)
            except (ValueError, IndexError):  # `!!float abc`, `!!float ""`
                raise _Refused(
                    ".".join(steps), "yaml.not-number", node.start_mark, value=node.value
                ) from None
            if not math.isfinite(number):
                raise _Refused(
                    ".".join(steps), "yaml.not-finite", node.start_mark, value=node.value
                )
        return node

    def compose_mapping_node(self, anchor: Any) -> MappingNode:
        # PyYAML's, plus the check of repeated keys
        start = self.get_event()
        assert isinstance(start, MappingStartEvent)
        tag = start.tag
        if tag is None or tag == "!":
            tag = self.resolve(MappingNode, None, start.implicit)  # type: ignore[no-untyped-call]
        mark: Any = start.start_mark  # libyaml's Mark or PyYAML's: the same fields
        node = MappingNode(tag, [], mark, None, flow_style=start.flow_style)
        if anchor is not None:
            self.anchors[anchor] = node
        seen: dict[tuple[str, object], int] = {}
        while not self.check_event(MappingEndEvent):
            key = self.compose_node(node, None)
            assert key is not None  # a mapping's key is a node, if only an empty one
            if isinstance(key, ScalarNode):
                first = seen.get((key.tag, key.value))
                if first is not None:
                    raise _Refused(
                        ".".join([*self._path, str(key.value)]),
                        "yaml.duplicate",
                        key.start_mark,
                        first=first,
                    )
                seen[key.tag, key.value] = key.start_mark.line + 1
            value = self.compose_node(node, key)
            assert value is not None
            node.value.append((key, value))
        end = self.get_event()
        assert end is not None
        node.end_mark = end.end_mark
        return node


def parse(text: str, path: str) -> Any:
    """The YAML `text` of the file `path` as Python values, or PosterError."""
    loader = _Loader(text)
    try:
        return loader.get_single_data()
    except _Refused as e:
        raise PosterError.of(e.code, path, e.field, e.line, **e.params) from None
    except yaml.MarkedYAMLError as e:
        line = e.problem_mark.line + 1 if e.problem_mark else None
        column = e.problem_mark.column + 1 if e.problem_mark else None
        code = "yaml.invalid"
        lines = text.splitlines()
        for n in reversed(range(min(len(lines), line or len(lines)))):
            if "{" in lines[n] and _UNQUOTED_COLOUR.search(lines[n]):
                code, line = "yaml.unquoted-colour", n + 1  # `{primary: #B3261E}`
                column = lines[n].index("#") + 1
                break
        else:
            if "expected ',' or '}'" in str(e.problem):
                code = "yaml.unclosed"
        raise PosterError(problem(code, path, "", line, column, problem=e.problem)) from None
    except yaml.YAMLError as e:
        raise PosterError.of("yaml.invalid", path, problem=str(e)) from None
    except (ValueError, TypeError, OverflowError, IndexError, KeyError, AttributeError) as e:
        # a value PyYAML's constructors do not take: `!!timestamp 2026-13-45`, `!!binary é`
        raise PosterError.of("yaml.bad-value", path, reason=str(e)) from None
    finally:
        loader.dispose()
