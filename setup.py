"""Builds kbnorm with the page steps' modules compiled to C by mypyc (pipeline/compiled.py).

KBNORM_PURE=1 installs every module as plain Python, which is what to use while editing the
compiled modules: each change to one of them would otherwise need a rebuild (`make build`).
Everything else about the package is in pyproject.toml.
"""
import os
import runpy
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent
PACKAGE_DIR = ROOT / "pipeline"
compiled = runpy.run_path(str(PACKAGE_DIR / "compiled.py"))


def _remove_builds() -> None:
    """Compiled modules left in the source tree by an earlier in-place build would shadow the sources."""
    for path in [*PACKAGE_DIR.glob("*.so"), *ROOT.glob("*__mypyc*.so"), PACKAGE_DIR / compiled["RECORD"]]:
        path.unlink(missing_ok=True)


class RecordingBuildExt(build_ext):
    """build_ext that records which sources the compiled modules were built from."""

    def run(self) -> None:
        super().run()
        compiled["write_record"](PACKAGE_DIR)
        if not self.inplace:
            self.copy_file(str(PACKAGE_DIR / compiled["RECORD"]),
                           os.path.join(self.build_lib, "pipeline", compiled["RECORD"]))


# Every build starts from the sources alone: in-place builds of another kind, or of modules no
# longer listed, would shadow them.
_remove_builds()
if os.environ.get("KBNORM_PURE") == "1":
    setup()
else:
    from mypyc.build import mypycify

    sources = [f"pipeline/{module}.py" for module in compiled["COMPILED_MODULES"]]
    setup(
        ext_modules=mypycify(["--ignore-missing-imports", "--follow-imports=silent", "--no-site-packages",
                              *sources], group_name="pipeline"),
        cmdclass={"build_ext": RecordingBuildExt},
    )
