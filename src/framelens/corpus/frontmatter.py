"""YAML front matter of native ``.md``/``.txt`` articles.

A native file starts with a line ``---``, then YAML ``key: value`` lines, then a line
``---`` (or ``...``); the article body follows. Values are read as strings (YAML's
``BaseLoader``: ``title: yes`` stays ``"yes"``, ``date: 2020-09-02`` stays a string the
loader parses), so front matter, sidecar CSVs and tables give the same types. Simple
``key: value`` lines are read by a fast path that gives exactly what ``BaseLoader`` gives;
anything else (lists, block scalars, escapes) goes to PyYAML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from framelens.corpus.errors import Problem
from framelens.datafiles import yaml_error_line

_OPEN = re.compile(r"---[ \t]*\r?\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.M)
_SIMPLE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?:[ \t]+(.*?))?[ \t]*")
_PLAIN_BAD_START = set("-?:,[]{}#&*!|>'\"%@`")
_PLAIN_BAD = re.compile(r": |:$|[ \t]#")
_Loader: Any = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


@dataclass(frozen=True)
class FrontMatter:
    """Parsed front matter: fields, the body, and where things are in the file."""

    fields: dict[str, Any]
    body: str
    body_line: int  # 1-based line of the body's first line in the file
    lines: tuple[str, ...]  # the front-matter lines, for locating a key

    def line_of(self, key: str) -> int | None:
        """Return the 1-based file line where ``key`` is set (the last setting), if found."""
        found = None
        for i, line in enumerate(self.lines):
            if line.startswith(key + ":"):
                found = i + 2
        return found


def _fast(lines: list[str]) -> dict[str, Any] | None:
    out: dict[str, Any] = {}
    for line in lines:
        if not line.strip():
            continue
        m = _SIMPLE.fullmatch(line)
        if m is None:
            return None
        v = m.group(2) or ""
        if not v:
            out[m.group(1)] = ""
        elif v[0] == '"':
            if len(v) < 2 or v[-1] != '"' or '"' in v[1:-1] or "\\" in v:
                return None
            out[m.group(1)] = v[1:-1]
        elif v[0] == "'":
            if len(v) < 2 or v[-1] != "'" or "'" in v[1:-1]:
                return None
            out[m.group(1)] = v[1:-1]
        elif v[0] in _PLAIN_BAD_START or _PLAIN_BAD.search(v) or "\t" in v:
            return None
        else:
            out[m.group(1)] = v
    return out


def split_front_matter(text: str) -> FrontMatter | None:
    """Split ``text`` into front matter and body; ``None`` when there is no front matter.

    Raises
    ------
    Problem
        ``malformed_front_matter`` with the file line of the YAML error, an unclosed block,
        or a block that is not a mapping.

    Examples
    --------
    >>> fm = split_front_matter("---\\noutlet: X\\ntitle: yes\\n---\\nBody.\\n")
    >>> fm.fields, fm.body, fm.body_line
    ({'outlet': 'X', 'title': 'yes'}, 'Body.\\n', 5)
    """
    m = _OPEN.match(text)
    if m is None:
        return None
    close = _CLOSE.search(text, m.end())
    if close is None:
        raise Problem(
            "malformed_front_matter", "front matter opened by '---' is never closed", line=1
        )
    block = text[m.end() : close.start()]
    lines = block.replace("\r\n", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    fields = _fast(lines)
    if fields is None:
        try:
            data = yaml.load(block, Loader=_Loader)
        except yaml.YAMLError as exc:
            n = yaml_error_line(exc)
            # clamp to the last front-matter line (YAML may notice an error at the block end);
            # the block starts on file line 2, after the opening "---"
            line = min(1 + n, 1 + max(len(lines), 1)) if n is not None else 1
            problem = getattr(exc, "problem", None) or str(exc)
            raise Problem("malformed_front_matter", f"YAML error: {problem}", line=line) from None
        if data is None:
            data = {}
        if not isinstance(data, dict):
            raise Problem(
                "malformed_front_matter",
                f"front matter must be 'key: value' lines, got a {type(data).__name__}",
                line=2,
            )
        fields = data
    end = close.end()
    if text.startswith("\r\n", end):
        end += 2
    elif text.startswith("\n", end):
        end += 1
    body_line = text.count("\n", 0, end) + 1
    return FrontMatter(fields, text[end:], body_line, tuple(lines))
