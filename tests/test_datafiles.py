from __future__ import annotations

from pathlib import Path

import pytest

from framelens.datafiles import read_yaml


def test_read_yaml_parses_and_names_file_and_line(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text("version: '1'\nitems: [a, b]\n", encoding="utf-8")
    assert read_yaml(good) == {"version": "1", "items": ["a", "b"]}
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: '1'\nitems: [a, b\nnext: 1\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.yaml: line 3: invalid YAML"):
        read_yaml(bad)
