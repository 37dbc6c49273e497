"""Safe YAML reading that remembers where each field is, so errors can name a line."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import yaml

MAX_DEPTH = 12


@cache
def _loader() -> Any:
    """SafeLoader that leaves dates as text, so the data model checks them with a field name.

    Made on first use: answering from a built index never reads YAML, so `ask` does not pay
    for importing PyYAML (about 40 ms of a loaded start)."""
    import yaml

    try:
        # libyaml's parser (in PyYAML's wheels) reads the knowledge about 18 times faster than
        # the pure-Python one; the same safe constructor and resolvers sit on top of either.
        from yaml import CSafeLoader as safe_loader
    except ImportError:  # a PyYAML built without libyaml
        from yaml import SafeLoader as safe_loader  # type: ignore[assignment]

    class Loader(safe_loader):
        pass

    Loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers
                if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return Loader


class YamlProblem(Exception):
    """A YAML text that cannot be used; `line` is 1-based."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass(frozen=True)
class LocatedYaml:
    data: Any
    root: yaml.Node | None

    def line_of(self, loc: tuple[int | str, ...]) -> int:
        """The 1-based line of the deepest node that `loc` (a pydantic error path) reaches."""
        node = self.root
        line = node.start_mark.line + 1 if node is not None else 1
        for part in loc:
            child = _child(node, part)
            if child is None:
                break
            node, line = child
        return line


def _child(node: yaml.Node | None, part: int | str) -> tuple[yaml.Node, int] | None:
    import yaml

    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if str(key.value) == str(part):
                return value, key.start_mark.line + 1
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
        item = node.value[part]
        return item, item.start_mark.line + 1
    return None


def load_located(text: str) -> LocatedYaml:
    """Parse `text`; refuse aliases, deep nesting and duplicate keys with a line number."""
    import yaml

    try:
        _check_events(text)
        # One composed tree serves both the line numbers and the data (yaml.load would parse
        # the text again to build the same tree).
        loader = _loader()(text)  # a safe loader's subclass
        try:
            root = loader.get_single_node()
            if root is not None:
                _check_duplicate_keys(root)
            data = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else 1
        raise YamlProblem(line, f"the YAML is not valid: {error.problem or error}") from None
    except yaml.YAMLError as error:
        raise YamlProblem(1, f"the YAML is not valid: {error}") from None
    return LocatedYaml(data=data, root=root)


def _check_events(text: str) -> None:
    import yaml

    depth = 0
    for event in yaml.parse(text, Loader=_loader()):
        line = event.start_mark.line + 1 if event.start_mark is not None else 1
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise YamlProblem(line, "YAML anchors and aliases (& and *) are not allowed")
        if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlProblem(line, f"the YAML is nested more than {MAX_DEPTH} levels deep")
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            depth -= 1


def _check_duplicate_keys(node: yaml.Node) -> None:
    import yaml

    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            name = str(key.value)
            if name in seen:
                raise YamlProblem(key.start_mark.line + 1, f'the field "{name}" appears twice')
            seen.add(name)
            _check_duplicate_keys(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _check_duplicate_keys(item)
