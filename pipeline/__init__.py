"""kbnorm: a multilingual knowledge-base normalizer for scraped allied-health career pages."""
from __future__ import annotations

import sys
from collections.abc import Sequence
from importlib.abc import MetaPathFinder
from importlib.machinery import ModuleSpec
from types import ModuleType

__version__ = "0.1.0"


class _PyTorchHiddenFromThinc(MetaPathFinder):
    """Makes `import torch` fail while thinc.compat runs, and only then.

    spaCy imports thinc, whose compat module imports PyTorch when it is installed, for the
    PyTorch-backed models it can run: two seconds of CPU in every process that loads spaCy.
    kbnorm runs no such model (it uses spaCy's tokenizer and lookup tables), and PyTorch is on
    the machine only because argostranslate depends on it. thinc catches the ImportError and
    records that it has no PyTorch; any later `import torch` finds the real package, as this
    finder steps aside once thinc.compat has set its `has_torch`.
    """

    def find_spec(self, fullname: str, path: Sequence[str] | None = None,
                  target: ModuleType | None = None) -> ModuleSpec | None:
        compat = sys.modules.get("thinc.compat")
        if fullname == "torch" and compat is not None and not hasattr(compat, "has_torch"):
            raise ModuleNotFoundError("kbnorm does not load PyTorch for thinc", name="torch")
        return None


sys.meta_path.insert(0, _PyTorchHiddenFromThinc())


def _check_compiled_builds() -> None:
    from .compiled import check_builds

    check_builds()


_check_compiled_builds()
