"""Where kbnorm and the libraries it drives may write caches.

jieba, onnxruntime and argostranslate default to the home folder or /tmp; kbnorm points
them at one folder it owns: $KBNORM_CACHE_DIR if set (tests set a temporary one), else
`.cache/` at the top of the project.
"""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def cache_dir(*parts: str) -> Path:
    root = Path(os.environ.get("KBNORM_CACHE_DIR") or PROJECT_ROOT / ".cache")
    folder = root.joinpath(*parts)
    folder.mkdir(parents=True, exist_ok=True)
    return folder
