"""The outlet registry: canonical outlet names, aliases, web domains, country, ownership.

``outlets.yaml`` (also accepted as a CSV with the same columns, aliases and domains
``;``-separated)::

    version: "1"
    description: provenance of the entries
    outlets:
      - name: teleSUR English          # canonical name used in Corpus.outlet
        aliases: [teleSUR]             # other spellings (matched case-insensitively)
        domains: [telesurenglish.net]  # URL hosts (subdomains match too)
        country: VE                    # ISO 3166-1 alpha-2
        ownership: state               # state | public-service | private | ...
        language: en                   # default article language (ISO 639-1)

The registry is joined to the corpus as ``outlet_country``, ``outlet_ownership`` and
``outlet_language`` columns (plus ``outlet_<key>`` for any other scalar key).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pandas as pd
import yaml

from framelens.datafiles import field_message, parse_yaml_lines, yaml_syntax_message

#: Registry keys that are not joined as ``outlet_<key>`` columns.
_NOT_JOINED = ("name", "aliases", "domains", "note")

OutletsArg = str | Path | Sequence[Mapping[str, Any]] | None


def _key(name: str) -> str:
    return " ".join(name.casefold().split())


def _host(url: str) -> str:
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


def _as_list(value: Any) -> list[str]:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(";") if v.strip()]
    return [str(v) for v in value]


@dataclass
class OutletRegistry:
    """Outlets by canonical name with alias and domain look-up.

    Examples
    --------
    >>> reg = read_outlets()
    >>> reg.resolve("telesur"), reg.resolve(None, "https://www.telesurenglish.net/news/x")
    ('teleSUR English', 'teleSUR English')
    >>> reg.columns("teleSUR English")["outlet_ownership"]
    'state'
    """

    outlets: dict[str, dict[str, Any]] = field(default_factory=dict)
    sources: list[dict[str, str]] = field(default_factory=list)
    _alias: dict[str, str] = field(default_factory=dict, repr=False)
    _domain: dict[str, str] = field(default_factory=dict, repr=False)

    def add(self, entry: Mapping[str, Any], where: str) -> None:
        """Add (or replace, by canonical name) one outlet entry."""
        name = str(entry.get("name") or "").strip()
        if not name:
            raise ValueError(f"{where}: field 'name': an outlet needs a non-empty name")
        rec = {k: v for k, v in entry.items() if k not in ("aliases", "domains")}
        rec["name"] = name
        rec["aliases"] = _as_list(entry.get("aliases"))
        rec["domains"] = [d.casefold().removeprefix("www.") for d in _as_list(entry.get("domains"))]
        self.outlets[name] = rec
        for alias in [name, *rec["aliases"]]:
            self._alias[_key(alias)] = name
        for dom in rec["domains"]:
            self._domain[dom] = name

    def resolve(self, outlet: str | None, url: str | None = None) -> str | None:
        """Return the canonical name for ``outlet`` (name or alias) or, failing that, for the
        host of ``url``; an outlet not in the registry is returned as given (stripped)."""
        if outlet is not None and str(outlet).strip():
            name = str(outlet).strip()
            return self._alias.get(_key(name), name)
        if url:
            host = _host(str(url))
            while host:
                if host in self._domain:
                    return self._domain[host]
                host = host.partition(".")[2] if "." in host else ""
        return None

    def columns(self, outlet: str | None) -> dict[str, Any]:
        """Return the ``outlet_<key>`` columns for a canonical outlet (empty if unknown)."""
        rec = self.outlets.get(outlet or "")
        if rec is None:
            return {}
        return {
            f"outlet_{k}": v
            for k, v in rec.items()
            if k not in _NOT_JOINED and not isinstance(v, list | dict)
        }

    def to_frame(self) -> pd.DataFrame:
        """One row per outlet: name, aliases and domains (``;``-joined), other keys."""
        rows = [
            {**r, "aliases": ";".join(r["aliases"]), "domains": ";".join(r["domains"])}
            for r in self.outlets.values()
        ]
        return pd.DataFrame(rows)


def _read_one(reg: OutletRegistry, path: Path) -> None:
    # Errors read "<path>: line <n>: field '<name>': <message>" (datafiles.field_message).
    text = path.read_text("utf-8-sig")
    if path.suffix.lower() == ".csv":
        reader = csv.DictReader(io.StringIO(text))
        entries: list[Any] = []
        row_lines: list[int] = []
        for row in reader:
            entries.append(row)
            row_lines.append(reader.line_num)
        version = "csv"

        def line_of(i: int, key: str | None = None) -> int | None:
            return row_lines[i]

    else:
        try:
            data, lines = parse_yaml_lines(text)
        except yaml.YAMLError as exc:
            raise ValueError(yaml_syntax_message(path, exc, text)) from exc
        if not isinstance(data, Mapping) or not isinstance(data.get("outlets"), list):
            raise ValueError(
                field_message(
                    path,
                    lines.line("outlets"),
                    "field 'outlets'",
                    "expected a mapping with an 'outlets' list",
                )
            )
        entries = data["outlets"]
        version = str(data.get("version", ""))

        def line_of(i: int, key: str | None = None) -> int | None:
            return lines.line("outlets", i) if key is None else lines.line("outlets", i, key)

    for i, e in enumerate(entries):
        if not isinstance(e, Mapping):
            raise ValueError(
                field_message(path, line_of(i), "field 'outlets'", "each outlet must be a mapping")
            )
        if not str(e.get("name") or "").strip():
            raise ValueError(
                field_message(
                    path, line_of(i, "name"), "field 'name'", "an outlet needs a non-empty name"
                )
            )
        reg.add(e, f"{path}: outlets[{i}]")
    reg.sources.append({"source": path.name, "version": version})


def read_outlets(outlets: OutletsArg = None, *, default: bool = True) -> OutletRegistry:
    """Read the outlet registry.

    Parameters
    ----------
    outlets : path or list of mappings, optional
        A user registry (``outlets.yaml`` or ``.csv``) or entries; they add to and override
        (by canonical name) the packaged registry.
    default : bool, default True
        Start from the registry shipped with framelens (``corpus/data/outlets.yaml``).

    Raises
    ------
    ValueError
        Naming the file, the line and the field that is malformed, as
        ``"<path>: line <n>: field 'name': an outlet needs a non-empty name"``; a YAML syntax
        error as :func:`framelens.datafiles.yaml_syntax_message` words it.
    """
    reg = OutletRegistry()
    if default:
        packaged = resources.files("framelens.corpus").joinpath("data/outlets.yaml")
        data = yaml.safe_load(packaged.read_text("utf-8"))
        for i, e in enumerate(data["outlets"]):
            reg.add(e, f"framelens:outlets.yaml: outlets[{i}]")
        reg.sources.append({"source": "framelens:outlets.yaml", "version": str(data["version"])})
    if outlets is None:
        return reg
    if isinstance(outlets, str | Path):
        _read_one(reg, Path(outlets))
    else:
        for i, e in enumerate(outlets):
            reg.add(e, f"outlets[{i}]")
        reg.sources.append({"source": "<entries>", "version": ""})
    return reg
