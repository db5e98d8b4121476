"""What a run remembers for the next one, in `<out>/.kbnorm/state.json`.

- per page: the cache key its document was written under, so an unchanged page (same
  bytes, glossary, settings, kbnorm version and site-level signal) is not redone, and the
  document's `source`, so the manifest needs no document read back;
- per page bytes: digests of its block keys, so the first pass need not parse an unchanged
  page again to count lines repeated across pages (the workers know a repeated line by the
  digest of its key too).

The file is written atomically after every run, complete or interrupted. Losing it (or a
SIGKILL before it is written) only costs time: every page is then redone.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .write import write_json

STATE_SCHEMA = "kbnorm.state/1"


def cache_key(*, page_sha256: str, doc_id: str, path: str, url: str | None, record: str | None,
              glossary_sha256: str, settings: dict[str, object], repeated: list[str]) -> str:
    """Everything a page's document depends on, hashed; `repeated` are its block keys seen site-wide."""
    material = json.dumps({"kbnorm": __version__, "page": page_sha256, "doc_id": doc_id, "path": path,
                           "url": url, "record": record, "glossary": glossary_sha256, "settings": settings,
                           "repeated": sorted(repeated)}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


@dataclass
class RunState:
    # doc_id -> {"key": cache key its document was written under, "source": that document's `source`}
    pages: dict[str, dict[str, object]] = field(default_factory=dict)
    block_keys: dict[str, list[str]] = field(default_factory=dict)  # "<format>:<sha256>" -> key digests

    @staticmethod
    def path(out: Path) -> Path:
        return out / ".kbnorm" / "state.json"

    @classmethod
    def load(cls, out: Path) -> RunState:
        """The last run's state; an absent, unreadable or foreign file means start afresh."""
        try:
            data = json.loads(cls.path(out).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        foreign = (not isinstance(data, dict) or data.get("schema") != STATE_SCHEMA
                   or data.get("kbnorm") != __version__)
        if foreign:
            return cls()
        return cls(pages=data.get("pages", {}), block_keys=data.get("block_keys", {}))

    def key_of(self, doc_id: str) -> object:
        return self.pages.get(doc_id, {}).get("key")

    def save(self, out: Path) -> None:
        write_json(self.path(out), {"schema": STATE_SCHEMA, "kbnorm": __version__,
                                    "pages": dict(sorted(self.pages.items())),
                                    "block_keys": dict(sorted(self.block_keys.items()))})
