"""`make prebuilt`: write prebuilt/ (deckgen's own tables, evidence library and storyline
templates, validated and compiled once; see src/deckgen/load/prebuild.py). Run it after editing
data/, evidence/ or decks/; tests/load/test_prebuilt.py says when it is due."""

from __future__ import annotations

import shutil
import sys
from datetime import date

from deckgen.load.prebuild import prebuilt_files
from deckgen.resources import data_root


def main() -> int:
    folder = data_root() / "prebuilt"
    files = prebuilt_files(date.today().year)
    shutil.rmtree(folder, ignore_errors=True)
    for name, blob in sorted(files.items()):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(blob)
    size = sum(len(b) for b in files.values())
    print(f"prebuilt: {len(files)} files, {size / 1024:.0f} kB -> {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
