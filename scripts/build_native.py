"""Compile the extractor's hot modules with mypyc (optional: the pure Python modules give the same events, ~1.5x slower).

The compiled modules sit next to their sources (events/*.so, plus one shared events_native__mypyc*.so at the top
level) with events/_native.json, the hashes of the sources they were built from: `events` uses them only while
those sources are unchanged, and falls back to the Python sources (with a warning) once one is edited.

Usage: .venv/bin/python scripts/build_native.py [--clean]
Needs a C compiler and `pip install -r requirements-build.txt`; scripts/setup.sh does both when it can.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["EVENTS_PURE_PYTHON"] = "1"  # a rebuild is for stale modules: no warning that they are stale

from events import NATIVE_MODULES, source_hashes  # noqa: E402

MANIFEST = ROOT / "events" / "_native.json"
GROUP = "events_native"


def clean() -> None:
    """Remove the compiled modules and their manifest: `events` runs on its Python sources again."""
    for path in [*ROOT.glob("events/*.so"), *ROOT.glob(f"{GROUP}__mypyc*.so"), MANIFEST]:
        path.unlink(missing_ok=True)
    # mypyc's generated C sources and setuptools' staging folders
    build = ROOT / "build"
    for path in [*build.glob("__native*"), *build.glob("lib.*"), *build.glob("temp.*"), build / "native", build / "events",
                 build / "ops.txt"]:
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


def build() -> int:
    """Compile NATIVE_MODULES in place and write the manifest; 0 on success."""
    clean()
    hashes = source_hashes()
    sources = [f"events/{name}.py" for name in NATIVE_MODULES]
    # setup() runs in a child process from a scratch directory, so that the project's pyproject.toml (which
    # declares no package) does not steer setuptools, and a failed build leaves nothing half-written behind
    script = f"""
import sys
from setuptools import setup
from mypyc.build import mypycify
setup(name="{GROUP}", py_modules=[], packages=[],
      ext_modules=mypycify(["--ignore-missing-imports", *{sources!r}], opt_level="3", group_name="{GROUP}"))
"""
    with tempfile.TemporaryDirectory() as tmp:
        setup_py = Path(tmp) / "setup_native.py"
        setup_py.write_text(script, encoding="utf-8")
        cmd = [sys.executable, str(setup_py), "build_ext", "--inplace", "--build-temp", str(ROOT / "build" / "native")]
        done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env={**os.environ, "MYPYC_OPT_LEVEL": "3"})
    if done.returncode != 0:
        sys.stderr.write(done.stdout[-3000:] + done.stderr[-3000:])
        clean()
        return 1
    if source_hashes() != hashes:
        print("sources changed during the build; run it again", file=sys.stderr)
        clean()
        return 1
    MANIFEST.write_text(json.dumps({"sources": hashes}, indent=1) + "\n", encoding="utf-8")
    print(f"compiled {len(sources)} modules with mypyc: {', '.join(NATIVE_MODULES)}")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clean", action="store_true", help="remove the compiled modules instead")
    args = ap.parse_args()
    if args.clean:
        clean()
        print("removed the compiled modules; events runs on its Python sources")
        return 0
    return build()


if __name__ == "__main__":
    sys.exit(main())
