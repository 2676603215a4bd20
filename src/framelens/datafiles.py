"""Reading the YAML data files users edit: lexicons, registries, rules, concept sets.

A leaf module (it imports nothing of framelens), so every layer can use it. Each reader keeps
its own exception type; what they share is the wording of their messages, one format for
every data file:

- a YAML syntax error: ``"<path>: line <n>: invalid YAML: <problem>"``, followed by
  ``" (<context> at line <l>, column <c>)"`` when the parser says where the construct it was
  reading began (:func:`yaml_syntax_message`);
- a field (schema) error: ``"<path>: line <n>: field '<name>': <message>"``, the field part
  naming an entry the way the file shows it where that helps (``"cue 'say' field 'class'"``);
  without ``line <n>`` when the data came from a Python mapping, which has no lines
  (:func:`field_message`).

:func:`read_yaml_lines` parses a file once into its data and a :class:`YamlLines`, which
gives the line where a field or list item is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


def yaml_error_line(exc: yaml.YAMLError) -> int | None:
    """1-based line of a YAML syntax error, or ``None`` when the parser gives no position.

    Examples
    --------
    >>> try:
    ...     yaml.safe_load("a: [1, 2\\nb: 3\\n")
    ... except yaml.YAMLError as exc:
    ...     yaml_error_line(exc)
    2
    """
    mark = getattr(exc, "problem_mark", None)
    return None if mark is None else int(mark.line) + 1


def yaml_syntax_message(path: str | Path, exc: yaml.YAMLError, text: str | None = None) -> str:
    """The message for a YAML syntax error in ``path``.

    It reads ``"<path>: line <n>: invalid YAML: <problem>"``, followed by
    ``" (<context> at line <l>, column <c>)"`` when the parser reports the construct it was
    reading (a flow sequence left open, a quoted scalar never closed); ``line ?`` when the
    parser gives no position. A character YAML does not allow is located in ``text`` (the
    parsed text), when given. The parser's own rendering, which quotes its input as
    ``"<unicode string>"`` with a second line number, is not used.

    Examples
    --------
    >>> try:
    ...     yaml.safe_load('version: "1"\\ncues: [1, 2\\nb: 3\\n')
    ... except yaml.YAMLError as exc:
    ...     print(yaml_syntax_message("cues.yaml", exc))
    cues.yaml: line 3: invalid YAML: expected ',' or ']', but got ':' (while parsing a flow sequence at line 2, column 7)
    """  # noqa: E501
    line = yaml_error_line(exc)
    if isinstance(exc, yaml.MarkedYAMLError):
        problem = exc.problem or exc.context or "syntax error"
        context = exc.context if exc.problem else None
        if context:
            mark = exc.context_mark
            if mark is not None:
                context = f"{context} at line {mark.line + 1}, column {mark.column + 1}"
            problem = f"{problem} ({context})"
        if exc.note:
            problem = f"{problem}; {exc.note}"
    elif isinstance(exc, yaml.reader.ReaderError):
        problem = str(exc.reason)
        if isinstance(exc.character, int):
            problem = f"unacceptable character #x{exc.character:04x}: {problem}"
        if text is not None and 0 <= exc.position <= len(text):
            line = text.count("\n", 0, exc.position) + 1
    else:
        problem = str(exc)
    where = "line ?" if line is None else f"line {line}"
    return f"{path}: {where}: invalid YAML: {problem}"


def field_message(source: str | Path, line: int | None, what: str, message: str) -> str:
    """The message for a field (schema) error: ``"<source>: line <n>: <what>: <message>"``.

    ``what`` names the field as the file shows it: ``"field 'version'"``, or for a field of
    an entry ``"cue 'say' field 'class'"``; empty for an error of a whole line (a CSV row
    with too many values). Without a line (data given as a Python mapping) the message reads
    ``"<source>: <what>: <message>"``.

    Examples
    --------
    >>> field_message("cues.yaml", 4, "cue 'say' field 'class'", "'polite' is not a class")
    "cues.yaml: line 4: cue 'say' field 'class': 'polite' is not a class"
    >>> field_message("<mapping>", None, "field 'version'", "missing or empty")
    "<mapping>: field 'version': missing or empty"
    """
    parts = [str(source)]
    if line is not None:
        parts.append(f"line {line}")
    if what:
        parts.append(what)
    parts.append(message)
    return ": ".join(parts)


@dataclass(frozen=True)
class YamlLines:
    """Where the fields and items of a parsed YAML document are written.

    ``root`` is the document's node tree (``None`` for an empty document); ``known`` is False
    for data that did not come from a file (:data:`NO_LINES`), whose lines are all ``None``.
    """

    root: yaml.Node | None = None
    known: bool = True

    def line(self, *keys: Any) -> int | None:
        """1-based line of the value at ``keys`` (mapping keys and list indices from the top).

        A mapping key gives the line of the key itself (where the field is named), a list
        index the line where the item starts. When a key is not in the document (a missing
        field), the line of the deepest one that is; line 1 for an empty document; ``None``
        when the lines are not known.

        Examples
        --------
        >>> _, lines = parse_yaml_lines("version: '1'\\ncues:\\n  say:\\n    forms: [said]\\n")
        >>> lines.line("cues", "say"), lines.line("cues", "say", "forms", 0)
        (3, 4)
        >>> lines.line("cues", "say", "class"), lines.line()
        (3, 1)
        """
        if not self.known:
            return None
        node = self.root
        if node is None:
            return 1
        line = int(node.start_mark.line) + 1
        for key in keys:
            if isinstance(node, yaml.MappingNode):
                want = str(key)
                found = None
                for k, v in node.value:  # the last of duplicate keys wins, as in the data
                    if isinstance(k, yaml.ScalarNode) and k.value == want:
                        found = (k, v)
                if found is None:
                    break
                line, node = int(found[0].start_mark.line) + 1, found[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
                if not 0 <= key < len(node.value):
                    break
                node = node.value[key]
                line = int(node.start_mark.line) + 1
            else:
                break
        return line


#: The lines of data given as a Python mapping: unknown.
NO_LINES = YamlLines(None, known=False)


def compose_yaml(text: str) -> yaml.Node | None:
    """The node tree of YAML ``text`` (``yaml.compose`` with the safe loader), refusing a key
    written twice in one mapping: YAML parsers keep the last one silently, so an entry a user
    added again ("talk:" twice in the cue lexicon) would replace the first without a word.

    Raises ``yaml.YAMLError`` on a syntax error or a duplicate key (``"duplicate key 'talk'
    (first at line 45)"`` at the second one's line; see :func:`yaml_syntax_message`).

    Examples
    --------
    >>> try:
    ...     compose_yaml("cues:\n  say: 1\n  tell: 2\n  say: 3\n")
    ... except yaml.YAMLError as exc:
    ...     print(yaml_syntax_message("cues.yaml", exc))
    cues.yaml: line 4: invalid YAML: duplicate key 'say' (first at line 2)
    """
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    todo = [root] if root is not None else []
    while todo:
        node = todo.pop()
        if isinstance(node, yaml.MappingNode):
            first: dict[str, int] = {}
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.tag != "tag:yaml.org,2002:merge":
                    line = int(key.start_mark.line) + 1
                    if key.value in first:
                        raise yaml.constructor.ConstructorError(
                            None,
                            None,
                            f"duplicate key {key.value!r} (first at line {first[key.value]})",
                            key.start_mark,
                        )
                    first[key.value] = line
                todo.append(value)
        elif isinstance(node, yaml.SequenceNode):
            todo.extend(node.value)
    return root


def parse_yaml_lines(text: str) -> tuple[Any, YamlLines]:
    """Parse YAML ``text`` once into its data (as ``yaml.safe_load`` gives it) and its lines.

    Raises ``yaml.YAMLError`` on a syntax error or a key written twice in one mapping (see
    :func:`compose_yaml` and :func:`yaml_syntax_message`).
    """
    root = compose_yaml(text)
    loader = yaml.SafeLoader("")
    try:
        data = None if root is None else loader.construct_document(root)
    finally:
        loader.dispose()
    return data, YamlLines(root)


def read_yaml_lines(path: str | Path, *, encoding: str = "utf-8") -> tuple[Any, YamlLines]:
    """Read and parse a YAML file: its data and its :class:`YamlLines`.

    A syntax error raises ``ValueError`` with the message of :func:`yaml_syntax_message`.
    """
    p = Path(path)
    text = p.read_text(encoding=encoding)
    try:
        return parse_yaml_lines(text)
    except yaml.YAMLError as exc:
        raise ValueError(yaml_syntax_message(p, exc, text)) from exc


def read_yaml(path: str | Path) -> Any:
    """Parse a UTF-8 YAML file; a syntax error raises ``ValueError`` naming file and line.

    The message reads ``"<path>: line <n>: invalid YAML: <problem>"`` (see
    :func:`yaml_syntax_message`).
    """
    return read_yaml_lines(path)[0]
