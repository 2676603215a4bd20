"""Reading the YAML data files users edit: lexicons, registries, rules, concept sets.

A leaf module (it imports nothing of framelens), so every layer can use it. Each reader keeps
its own exception type; what they share is how a YAML syntax error becomes a line number.
"""

from __future__ import annotations

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


def read_yaml(path: str | Path) -> Any:
    """Parse a UTF-8 YAML file; a syntax error raises ``ValueError`` naming file and line.

    The message reads ``"<path>: line <n>: invalid YAML: <parser message>"``.
    """
    p = Path(path)
    try:
        return yaml.safe_load(p.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        line = yaml_error_line(exc)
        where = f"line {line}" if line is not None else "unknown line"
        raise ValueError(f"{p}: {where}: invalid YAML: {exc}") from exc
