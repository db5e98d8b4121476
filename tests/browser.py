"""Headless Chromium for the report tests: open a local page, dump its DOM after its scripts ran, or
screenshot it.

Plain command-line flags do all the tests need (`--dump-dom` prints the DOM once the page
has loaded and its scripts have run). Each call gets a fresh profile and a temporary HOME,
so Chromium writes nothing outside a temporary folder. The test setup must install
Chromium where it is missing: `apt-get install -y chromium` (Debian).
"""
from __future__ import annotations

import os
import shutil
import struct
import subprocess
import tempfile
from pathlib import Path

NAMES = ("chromium", "chromium-browser", "google-chrome")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
         "--hide-scrollbars")
TIMEOUT = 120


def chromium() -> str:
    """The Chromium binary; fails the test with the install command when there is none."""
    found = next((path for name in NAMES if (path := shutil.which(name))), None)
    assert found, "headless Chromium is needed: apt-get update && apt-get install -y chromium"
    return found


def dump_dom(page: Path, fragment: str = "") -> str:
    """The page's DOM serialised after its scripts ran; `fragment` is appended as #fragment."""
    return _run(("--dump-dom", _url(page, fragment))).stdout


def screenshot(page: Path, png: Path, fragment: str = "",
               size: tuple[int, int] = (1280, 900)) -> tuple[int, int]:
    """Save a screenshot of the page to `png`; returns the image's (width, height)."""
    _run((f"--screenshot={png}", f"--window-size={size[0]},{size[1]}", _url(page, fragment)))
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"not a PNG: {png}"
    return struct.unpack(">II", data[16:24])


def _url(page: Path, fragment: str) -> str:
    return page.resolve().as_uri() + (f"#{fragment}" if fragment else "")


def _run(args: tuple[str, ...]) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory(prefix="kbnorm-chromium-") as home:
        env = {**os.environ, "HOME": home, "XDG_CONFIG_HOME": f"{home}/config",
               "XDG_CACHE_HOME": f"{home}/cache"}
        done = subprocess.run([chromium(), *FLAGS, f"--user-data-dir={home}/profile", *args], env=env,
                              capture_output=True, text=True, timeout=TIMEOUT, check=False)
    assert done.returncode == 0, f"chromium failed ({done.returncode}): {done.stderr[-2000:]}"
    return done
