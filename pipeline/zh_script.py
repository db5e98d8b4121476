"""The characters at which OpenCC's Traditional→Simplified conversion (t2s) can change text.

The translator and the aligner read every Chinese span through its Simplified form, and most
spans are Simplified already. t2s converts by longest match against its dictionaries' keys, so
a text in which no key starts at any character comes back as it is: one search for these
characters tells so without a call into OpenCC. The characters are the first ones of every key
of the dictionaries that t2s.json lists, shipped in pipeline/data/zh_t2s_openings.txt since
OpenCC's Python binding cannot list its dictionaries; `build` writes the file with the
`opencc_dict` tool OpenCC's wheel ships (`python -m pipeline.zh_script`; a test checks it is current).
"""
from __future__ import annotations

import json
import re
import subprocess
import tempfile
from functools import cache
from pathlib import Path

import opencc

OPENINGS_PATH = Path(__file__).resolve().parent / "data" / "zh_t2s_openings.txt"
_OPENCC_DIR = Path(opencc.__file__).resolve().parent / "clib"
_CONFIG = "t2s.json"


@cache
def t2s_openings() -> re.Pattern[str]:
    """A pattern matching any character at which a t2s dictionary key starts."""
    characters = OPENINGS_PATH.read_text(encoding="utf-8").strip()
    return re.compile(f"[{re.escape(characters)}]")


def build(path: Path = OPENINGS_PATH) -> None:
    """Write the first characters of the t2s dictionaries' keys, sorted, on one line."""
    openings = sorted({key[0] for key in _dictionary_keys() if key})
    path.write_text("".join(openings) + "\n", encoding="utf-8")


def _dictionary_keys() -> list[str]:
    """Every key of every dictionary in t2s's normalization and conversion chain."""
    share = _OPENCC_DIR / "share" / "opencc"
    config = json.loads((share / _CONFIG).read_text(encoding="utf-8"))
    keys = []
    with tempfile.TemporaryDirectory() as folder:
        for name in _dictionary_files(config):
            text = Path(folder) / f"{name}.txt"
            command = [str(_OPENCC_DIR / "bin" / "opencc_dict"), "-i", str(share / name), "-o", str(text),
                       "-f", "ocd2", "-t", "text"]
            subprocess.run(command, check=True, capture_output=True)
            keys += [line.split("\t", 1)[0] for line in text.read_text(encoding="utf-8").splitlines()]
    return keys


def _dictionary_files(node: object) -> list[str]:
    """The .ocd2 file names anywhere in an OpenCC config (groups nest their dictionaries)."""
    if isinstance(node, dict):
        found = [node["file"]] if node.get("type") == "ocd2" else []
        return found + [name for value in node.values() for name in _dictionary_files(value)]
    if isinstance(node, list):
        return [name for item in node for name in _dictionary_files(item)]
    return []


if __name__ == "__main__":
    build()
