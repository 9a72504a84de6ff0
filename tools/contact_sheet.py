"""Draw a contact sheet of a rendered deck: its pages side by side, four to a row.

    python tools/contact_sheet.py out/shots/jordan-ellis docs/img/jordan-ellis-after.png

reads `<prefix>-<n>.png` (pdftoppm's names) and writes one PNG; `make screenshots` runs it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image

COLUMNS, GAP = 4, 8


def contact_sheet(pages: list[Path], out: Path, limit: int | None = None) -> None:
    images = [Image.open(p).convert("RGB") for p in pages[:limit]]
    width, height = images[0].size
    rows = (len(images) + COLUMNS - 1) // COLUMNS
    sheet = Image.new(
        "RGB",
        (COLUMNS * width + (COLUMNS + 1) * GAP, rows * height + (rows + 1) * GAP),
        "#9CA3AF",
    )
    for i, image in enumerate(images):
        row, col = divmod(i, COLUMNS)
        sheet.paste(image, (GAP + col * (width + GAP), GAP + row * (height + GAP)))
    sheet.save(out, optimize=True)


if __name__ == "__main__":
    prefix, target = Path(sys.argv[1]), Path(sys.argv[2])
    limit = int(sys.argv[3]) if len(sys.argv) > 3 else None
    found = sorted(
        prefix.parent.glob(f"{prefix.name}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1])
    )
    contact_sheet(found, target, limit)
    print(target)
