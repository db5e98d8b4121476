"""Argos Translate packages on this machine: which are installed, installing and removing them.

kbnorm keeps argostranslate's own package folder and format (a `.argosmodel` zip of one
folder holding `metadata.json`, a CTranslate2 `model/` and `sentencepiece.model`), so a
package installed with `argospm` is seen here and the other way round. The folder is
argostranslate's: `$ARGOS_PACKAGES_DIR`, else `$XDG_DATA_HOME/argos-translate/packages`
(`~/.local/share/...`). The package index is never read: it needs the network, and offline
argostranslate's index calls hang and then fail. Packages come as files, downloaded wherever
a machine is online.

argostranslate is imported inside the functions, never at module level: it reads its
settings (the folders above) when first imported, and tests point those at temporary folders
and drop its modules between tests.
"""
from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

ENGINE = "argos"  # the engine name documents carry
TARGET = "en"
SOURCES = ("zh", "id")  # the languages kbnorm translates into English
_REQUIRED = ("metadata.json", "sentencepiece.model", "model/model.bin")


class ModelsError(Exception):
    """A package cannot be installed, found or removed; the message says what to do."""


@dataclass(frozen=True, slots=True)
class ArgosPackage:
    """One installed translation package, as argostranslate describes it."""

    from_code: str
    to_code: str
    version: str
    path: Path

    @property
    def code(self) -> str:
        """How commands name the package: 'zh-en'."""
        return f"{self.from_code}-{self.to_code}"

    @property
    def usable(self) -> bool:
        """Whether kbnorm can run it: a CTranslate2 model and a SentencePiece model (not BPE)."""
        return (self.path / "model" / "model.bin").is_file() and (self.path / "sentencepiece.model").is_file()


def packages_dir() -> Path:
    """Where argostranslate installs packages (and kbnorm looks for them). Its settings' own Path
    when they hold one: translation looks its router up by this on every page, and that Path
    keeps its hash where a new one would compute it again."""
    from argostranslate import settings

    folder = settings.package_data_dir
    return folder if isinstance(folder, Path) else Path(folder)


def installed() -> list[ArgosPackage]:
    """Every installed translation package, by code then folder."""
    from argostranslate import package

    found = [ArgosPackage(p.from_code, p.to_code, p.package_version or "", Path(p.package_path))
             for p in package.get_installed_packages() if p.type == "translate" and p.from_code and p.to_code]
    return sorted(found, key=lambda p: (p.code, p.path.name))


def find(from_code: str, to_code: str = TARGET) -> ArgosPackage | None:
    """The usable package translating `from_code` into `to_code`, if one is installed."""
    return next((p for p in installed() if (p.from_code, p.to_code) == (from_code, to_code) and p.usable),
                None)


def install(archive: Path) -> tuple[ArgosPackage, list[ArgosPackage]]:
    """Install a `.argosmodel` file; returns it and the packages for the same pair it replaced.

    The archive is checked first (one top folder, the files kbnorm needs, readable metadata)
    so a wrong file never half-installs; then argostranslate unpacks it.
    """
    from argostranslate import package

    folder, meta = _check_archive(archive)
    replaced = [p for p in installed() if (p.from_code, p.to_code) == (meta["from_code"], meta["to_code"])
                or p.path.name == folder]
    _uninstall(replaced)
    package.install_from_path(archive)
    new = next((p for p in installed() if p.path.name == folder), None)
    if new is None:
        raise ModelsError(f"{archive}: unpacked, but argostranslate does not list it in {packages_dir()}")
    return new, replaced


def remove(code: str) -> list[ArgosPackage]:
    """Remove the packages with this code ('zh-en'); raises ModelsError when none is installed."""
    matching = [p for p in installed() if p.code == code]
    if not matching:
        have = ", ".join(p.code for p in installed()) or "none"
        raise ModelsError(f"no package {code!r} is installed (installed: {have})")
    _uninstall(matching)
    return matching


def _uninstall(packages: list[ArgosPackage]) -> None:
    """Remove packages through argostranslate, which also forgets them in its language cache."""
    from argostranslate import package

    paths = {p.path for p in packages}
    for found in package.get_installed_packages():
        if Path(found.package_path) in paths:
            package.uninstall(found)


def _check_archive(archive: Path) -> tuple[str, dict[str, str]]:
    """The archive's top folder and metadata, or ModelsError saying what is wrong with it."""
    if not archive.is_file():
        raise ModelsError(f"{archive}: no such file")
    if not zipfile.is_zipfile(archive):
        raise ModelsError(f"{archive}: not an Argos package (a .argosmodel file is a zip archive)")
    with zipfile.ZipFile(archive) as zipped:
        names = [PurePosixPath(name) for name in zipped.namelist()]
        tops = {name.parts[0] for name in names if name.parts}
        if len(tops) != 1 or any(name.is_absolute() or ".." in name.parts for name in names):
            raise ModelsError(f"{archive}: an Argos package holds exactly one folder")
        folder = tops.pop()
        missing = [part for part in _REQUIRED if PurePosixPath(folder, part) not in set(names)]
        if missing:
            raise ModelsError(f"{archive}: not a package kbnorm can run, it lacks {', '.join(missing)}")
        try:
            meta = json.loads(zipped.read(f"{folder}/metadata.json"))
        except (ValueError, UnicodeDecodeError) as err:
            raise ModelsError(f"{archive}: metadata.json is not valid JSON ({err})") from None
    if not isinstance(meta, dict) or not all(isinstance(meta.get(k), str) for k in ("from_code", "to_code")):
        raise ModelsError(f"{archive}: metadata.json needs from_code and to_code")
    if meta.get("type", "translate") != "translate":
        raise ModelsError(f"{archive}: a {meta['type']!r} package, not a translation package")
    return folder, meta
