"""Build deckgen's bundled font data (src/deckgen/_fonts/) from open, metric-compatible fonts.

Two things come out, so that decks never depend on the fonts of the machine that builds them:

- `metrics/<family>.json`: each style's advance widths per code point, which the text-fit
  measure (deckgen/textfit.py) sums. Widths only; no font file is read at build time.
- `chart/*.ttf`: Regular and Bold of Carlito and Liberation Sans, renamed (the SIL Open Font
  License reserves their names for unmodified fonts), without hinting, for vl-convert to draw
  chart text with. A renamed family is one no machine has installed, so a chart looks the same
  everywhere: vl-convert prefers an installed font over a registered one of the same name.

Run once after changing the fonts (needs fontTools: `pip install -e ".[fonts]"`):

    python tools/make_fonts.py --from /usr/share/fonts/truetype

`--from` is searched for the source files (Debian: fonts-crosextra-carlito, fonts-liberation2,
fonts-crosextra-caladea). NOTICE.md in the output lists each source file's SHA-256.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "deckgen" / "_fonts"

STYLES = {"regular": "Regular", "bold": "Bold", "italic": "Italic", "bold-italic": "BoldItalic"}
# metrics family -> source file stem (the files are <stem>-<Style>.ttf)
FAMILIES = {
    "carlito": "Carlito",
    "liberation-sans": "LiberationSans",
    "liberation-serif": "LiberationSerif",
    "liberation-mono": "LiberationMono",
    "caladea": "Caladea",
}
# chart face -> (metrics family it is cut from, the new family name)
CHART_FACES = {"carlito": "Deckgen Sans", "liberation-sans": "Deckgen Grotesk"}


def find(source: Path, stem: str, style: str) -> Path:
    hits = sorted(source.rglob(f"{stem}-{style}.ttf"))
    # Prefer Liberation 2.x (liberation2/) over 1.x when both are installed.
    hits.sort(key=lambda p: "liberation2" not in str(p))
    if not hits:
        sys.exit(f"make_fonts: {stem}-{style}.ttf not found under {source}")
    return hits[0]


def runs(advances: dict[int, int]) -> list[list]:
    """{code point: width} -> [[first code point, [widths of consecutive code points]], ...]."""
    out: list[list] = []
    for cp in sorted(advances):
        if out and out[-1][0] + len(out[-1][1]) == cp:
            out[-1][1].append(advances[cp])
        else:
            out.append([cp, [advances[cp]]])
    return out


def metrics(path: Path) -> dict:
    from fontTools.ttLib import TTFont

    font = TTFont(path)
    hmtx, cmap = font["hmtx"], font.getBestCmap()
    advances = {cp: hmtx[glyph][0] for cp, glyph in cmap.items()}
    return {
        "source": path.name,
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "version": font["name"].getDebugName(5),
        "units_per_em": font["head"].unitsPerEm,
        "average": font["OS/2"].xAvgCharWidth,
        "advances": runs(advances),
    }


def chart_face(path: Path, family: str, style: str, target: Path) -> None:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(path, recalcTimestamp=False)
    options = subset.Options()
    options.hinting = False  # vl-convert rasterises without hints; they are most of the size
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=font.getBestCmap().keys())
    subsetter.subset(font)
    full = f"{family} {style}" if style != "Regular" else family
    postscript = f"{family.replace(' ', '')}-{style}"
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 3, 4, 6, 16, 17, 21, 22):
            names.removeNames(nameID=record.nameID)
    names.setName(family, 1, 3, 1, 0x409)
    names.setName(style, 2, 3, 1, 0x409)
    names.setName(f"deckgen: {postscript}", 3, 3, 1, 0x409)
    names.setName(full, 4, 3, 1, 0x409)
    names.setName(postscript, 6, 3, 1, 0x409)
    font["head"].created = font["head"].modified = 0x7C259DC0  # a fixed date: same bytes each run
    font.save(target)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--from", dest="source", type=Path, default=Path("/usr/share/fonts"))
    args = parser.parse_args()
    (OUT / "metrics").mkdir(parents=True, exist_ok=True)
    (OUT / "chart").mkdir(parents=True, exist_ok=True)
    notice: list[str] = []
    for family, stem in FAMILIES.items():
        data = {"family": family, "styles": {}}
        for style, suffix in STYLES.items():
            path = find(args.source, stem, suffix)
            data["styles"][style] = metrics(path)
            notice.append(
                f"- `{path.name}` ({data['styles'][style]['version'].split(';')[0]}): "
                f"`{data['styles'][style]['sha256']}`"
            )
        text = json.dumps(data, separators=(",", ":"), sort_keys=True)
        (OUT / "metrics" / f"{family}.json").write_text(text + "\n", encoding="utf-8")
    for family, name in CHART_FACES.items():
        for style in ("Regular", "Bold"):
            target = OUT / "chart" / f"{name.replace(' ', '')}-{style}.ttf"
            chart_face(find(args.source, FAMILIES[family], style), name, style, target)
    print("source files and their SHA-256 (for NOTICE.md):")
    print("\n".join(notice))


if __name__ == "__main__":
    main()
