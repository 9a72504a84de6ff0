"""`make bench`: deckgen's speed, measured as a user meets it, against pandoc on the same content.

Every case runs as a fresh process (what a user waits for at the prompt), rounds interleaved so a
busy moment of the machine hits every case alike; the first round is a warm-up and is discarded.
Reported per case: median and spread of wall time, peak RSS (largest process, workers included),
and for batches decks per second. pandoc converts the same deck (titles, bullets, tables, notes
and the same chart PNGs) from Markdown; each deckgen case gets a paired ratio against it (the
median of per-round ratios). Where node and a Chromium are installed, Marp (@marp-team/marp-cli,
installed into bench/.node/ from the npm registry) converts the same Markdown as a second peer.
Then a scaling table: 1, 10, 50, 200 and 1,000 executives built with -j 2 on a warm cache, decks
per second and peak RSS (one run each; BENCH_SCALE_RUNS=N for more, --no-scale to skip).
Results go to bench/results.json; targets are checked at the end.

    python bench/run.py [--runs 10] [--only CASE ...] [--no-scale] [--out bench/results.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / ".work"
NORTHWIND = ROOT / "examples" / "northwind"
BATCH = 50
EXEC = "Priya Shah"  # her blocker is given in audience.yaml
CLASSIFIED = "Jordan Ellis"  # his is classified from his words
PHRASE = "We tried flexible work last year and productivity dropped in every depot."
SCALE = (1, 10, 50, 200, 1000)
NODE = ROOT / "bench" / ".node"  # where marp-cli is installed (not in the repository)
BLOCKERS = sorted(
    p.stem
    for p in (ROOT / "decks").glob("*.yaml")
    if p.stem not in ("default", "fallback", "none", "board")  # board: the board pack
)


@dataclass
class Case:
    name: str
    what: str
    argv: list[str]
    decks: int = 1
    fresh_cache: bool = False  # each run starts with an empty chart cache
    samples: list[float] = field(default_factory=list)
    rss_kb: list[int] = field(default_factory=list)


def deckgen(*args: str) -> list[str]:
    return [str(Path(sys.executable).parent / "deckgen"), *args]  # the command users run


def cases(pandoc: str | None, marp: list[str] | None) -> list[Case]:
    out = str(WORK / "out")
    warm = str(WORK / "cache-warm")
    one = ["build", str(NORTHWIND), "--exec", EXEC, "--force", "-q", "-j", "1"]
    batch = ["build", str(WORK / "batch50"), "--force", "-q"]
    listed = [
        Case("help", "deckgen --help", deckgen("--help")),
        Case(
            "native-cold",
            "1 deck, native charts (the default), empty caches",
            deckgen(*one, "-o", out + "/native", "--cache-dir", "{fresh}"),
            fresh_cache=True,
        ),
        Case(
            "image-cold",
            "1 deck, 4 image charts, empty caches",
            deckgen(*one, "-o", out + "/cold", "--charts", "image", "--cache-dir", "{fresh}"),
            fresh_cache=True,
        ),
        Case(
            "image-warm",
            "1 deck, 4 image charts, warm cache",
            deckgen(*one, "-o", out + "/warm", "--charts", "image", "--cache-dir", warm),
        ),
        Case(
            "classified-warm",
            "1 deck whose executive is classified from their words, warm cache",
            deckgen(
                "build",
                str(NORTHWIND),
                "--exec",
                CLASSIFIED,
                "--force",
                "-q",
                "-j",
                "1",
                "-o",
                out + "/classified",
                "--cache-dir",
                warm,
            ),
        ),
        Case(
            "classify",
            "deckgen classify of one phrase (the sentence encoder loaded)",
            deckgen("classify", PHRASE, "--cache-dir", warm),
        ),
        Case(
            "northwind",
            "Northwind workspace, 6 decks, empty caches, default -j",
            [
                *deckgen("build", str(NORTHWIND), "--force", "-q", "-o", out + "/nw"),
                "--cache-dir",
                "{fresh}",
            ],
            decks=6,
            fresh_cache=True,
        ),
        Case(
            "batch50-j1",
            f"{BATCH} decks, empty caches, -j 1",
            deckgen(*batch, "-o", out + "/b1", "-j", "1", "--cache-dir", "{fresh}"),
            decks=BATCH,
            fresh_cache=True,
        ),
        Case(
            "batch50-j2",
            f"{BATCH} decks, empty caches, -j 2",
            deckgen(*batch, "-o", out + "/b2", "-j", "2", "--cache-dir", "{fresh}"),
            decks=BATCH,
            fresh_cache=True,
        ),
        Case(
            "batch50-j2-warm",
            f"{BATCH} decks, warm cache, -j 2",
            deckgen(*batch, "-o", out + "/b2w", "-j", "2", "--cache-dir", warm),
            decks=BATCH,
        ),
    ]
    md = WORK / "pandoc"
    if pandoc:
        listed.append(
            Case(
                "pandoc",
                "pandoc: the same deck from Markdown + the same PNGs",
                [
                    pandoc,
                    str(md / "deck.md"),
                    "-o",
                    str(WORK / "out" / "pandoc.pptx"),
                    "--resource-path",
                    str(md),
                ],
            )
        )
    if marp:
        listed.append(
            Case(
                "marp",
                "Marp: the same Markdown (slides split at each title) + the same PNGs",
                [*marp, str(md / "marp.md"), "-o", str(WORK / "out" / "marp.pptx")],
            )
        )
    return listed


# --- preparation ------------------------------------------------------------------------------


def prepare() -> str | None:
    """The 50-executive workspace, a warm cache, and pandoc's Markdown of the same deck; and
    deckgen's modules compiled, as installing a wheel does (PYTHONDONTWRITEBYTECODE, set on
    some machines, would otherwise have every changed module compiled again in every run)."""
    import compileall

    compileall.compile_dir(ROOT / "src" / "deckgen", quiet=1)
    if WORK.exists():
        shutil.rmtree(WORK)
    (WORK / "out").mkdir(parents=True)
    ws = _workspace("batch50", BATCH)
    warm = WORK / "cache-warm"
    for target in (NORTHWIND, ws):
        subprocess.run(
            [
                *deckgen("build", str(target), "-o", str(WORK / "prep"), "--force", "-q"),
                "--cache-dir",
                str(warm),
            ],
            check=True,
            env=child_env(),
        )
    subprocess.run(
        [*deckgen("classify", PHRASE, "--cache-dir", str(warm))],
        check=True,
        env=child_env(),
        stdout=subprocess.DEVNULL,
    )
    return _pandoc_markdown(WORK / "prep" / "priya-shah.pptx", WORK / "pandoc")


def _workspace(name: str, count: int, tag: str = "") -> Path:
    """Northwind with `count` executives (their six, numbered, each with a blocker given);
    `tag` in their names makes decks no earlier build made (none comes from the deck cache)."""
    ws = WORK / name
    shutil.copytree(NORTHWIND, ws)
    audience = yaml.safe_load((ws / "audience.yaml").read_text(encoding="utf-8"))
    people = audience["executives"]
    audience["executives"] = [
        {
            "name": f"{people[i % len(people)]['name']} {tag}{i + 1:04d}",
            "role": people[i % len(people)]["role"],
            "said": people[i % len(people)]["said"],
            "blocker": BLOCKERS[i % len(BLOCKERS)],
        }
        for i in range(count)
    ]
    (ws / "audience.yaml").write_text(yaml.safe_dump(audience, sort_keys=False), encoding="utf-8")
    return ws


def marp_command() -> list[str] | None:
    """marp-cli (installed into bench/.node/ on first use) and the Chromium it draws with, or
    None (with a note) where node, npm or a Chromium is missing."""
    browser = next(
        (
            shutil.which(b)
            for b in ("chromium", "chromium-browser", "google-chrome")
            if shutil.which(b)
        ),
        os.environ.get("CHROME_PATH"),
    )
    if not (shutil.which("node") and shutil.which("npm") and browser):
        print("bench: node, npm or Chromium missing; the Marp peer is skipped")
        return None
    marp = NODE / "node_modules" / ".bin" / "marp"
    if not marp.exists():
        NODE.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(
            ["npm", "install", "--prefix", str(NODE), "--no-audit", "--no-fund",
             "--loglevel=error", "@marp-team/marp-cli"],
            capture_output=True, text=True,
        )  # fmt: skip
        if done.returncode != 0 or not marp.exists():
            print(f"bench: could not install marp-cli; the Marp peer is skipped\n{done.stderr}")
            return None
    os.environ["CHROME_PATH"] = browser
    return [str(marp), "--pptx", "--allow-local-files", "--no-stdin"]


def _marp_markdown(folder: Path) -> None:
    """The pandoc Markdown as Marp reads it: a slide break before each title, notes as
    comments, the same text, tables and pictures."""
    lines, out, notes = (folder / "deck.md").read_text(encoding="utf-8").splitlines(), [], False
    for line in lines:
        if line.startswith("# ") and out:
            out += ["---", ""]
        if line == "::: notes":
            out.append("<!--")
            notes = True
        elif line == ":::" and notes:
            out.append("-->")
            notes = False
        else:
            out.append(line.replace("--", "- -") if notes else line)
    (folder / "marp.md").write_text("\n".join(out), encoding="utf-8")


def _pandoc_markdown(deck: Path, folder: Path) -> str | None:
    """The deck's titles, bullets, tables, notes and chart PNGs as pandoc Markdown."""
    try:
        import pypandoc
    except ImportError:
        print("bench: pypandoc-binary is not installed; the pandoc reference is skipped")
        return None
    from pptx import Presentation

    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for number, slide in enumerate(Presentation(str(deck)).slides, 1):
        title = slide.shapes.title.text_frame.text if slide.shapes.title else ""
        lines += [f"# {title}", ""]
        for shape in slide.shapes:
            if shape == slide.shapes.title:
                continue
            if shape.shape_type == 13:  # picture: the chart PNG, the same bytes deckgen placed
                name = f"chart-{number}.png"
                (folder / name).write_bytes(shape.image.blob)
                lines += [f"![{shape._element.xpath('.//p:cNvPr/@descr')[0]}]({name})", ""]
            elif shape.has_table:
                rows = [[c.text.replace("|", "/") for c in r.cells] for r in shape.table.rows]
                lines.append("| " + " | ".join(rows[0]) + " |")
                lines.append("|" + "---|" * len(rows[0]))
                lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
                lines.append("")
            elif shape.has_text_frame and shape.text_frame.text.strip():
                lines += [f"- {p.text}" for p in shape.text_frame.paragraphs if p.text.strip()]
                lines.append("")
        if slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip():
            lines += ["::: notes", slide.notes_slide.notes_text_frame.text, ":::", ""]
    (folder / "deck.md").write_text("\n".join(lines), encoding="utf-8")
    _marp_markdown(folder)
    return pypandoc.get_pandoc_path()


# --- measuring --------------------------------------------------------------------------------


def child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.pop("DECKGEN_JOBS", None)
    env.pop("DECKGEN_CACHE_DIR", None)
    return env


def run_once(case: Case, round_no: int) -> tuple[float, int]:
    argv = list(case.argv)
    if case.fresh_cache:
        fresh = WORK / "cache-fresh" / f"{case.name}-{round_no}"
        argv = [str(fresh) if a == "{fresh}" else a for a in argv]
    return run_argv(case.name, argv)


def run_argv(name: str, argv: list[str]) -> tuple[float, int]:
    # stderr goes to a file: a pipe read only at the end would fill (a 1,000-deck build's
    # warnings are ~150 kB) and stall the build.
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err, env=child_env())
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            raise SystemExit(f"bench: {name} failed ({proc.returncode}):\n{err.read().decode()}")
    # ru_maxrss of a waited child covers it and the descendants it waited for (pool workers).
    return wall, usage.ru_maxrss


TARGETS = [  # (case, what, limit, how the value is computed): issue 21, ratios to pandoc
    ("help", "deckgen --help <= 0.3x pandoc", 0.3, "ratio"),
    ("native-cold", "cold deck, native charts, empty caches <= 2.5x pandoc", 2.5, "ratio"),
    ("image-cold", "cold deck, image charts, empty caches <= 5x pandoc", 5, "ratio"),
    ("image-warm", "deck, image charts, warm cache <= 2x pandoc", 2, "ratio"),
    ("classified-warm", "warm deck classifying its executive <= 2.5x pandoc", 2.5, "ratio"),
    ("classify", "classify one phrase, fresh process <= 3x pandoc", 3, "ratio"),
    ("batch50-j2", "50 decks, 2 processes, empty caches >= 12 decks/s", 12, "rate"),
    ("batch50-j2-warm", "50 decks, 2 processes, warm cache >= 30 decks/s", 30, "rate"),
    ("native-cold", "peak RSS, one deck <= 200 MB", 200, "rss"),
    ("image-cold", "peak RSS, one deck with image charts <= 200 MB", 200, "rss"),
    ("scale-1000", "1,000 decks, 2 processes < 60 s", 60, "median"),
    ("scale-1000", "peak RSS, 1,000 decks <= 400 MB", 400, "rss"),
]


def summarise(measured: list[Case], runs: int) -> dict:
    by = {c.name: c for c in measured}
    pandoc = by.get("pandoc")
    rows = {}
    for c in measured:
        med = statistics.median(c.samples)
        row = {
            "what": c.what,
            "runs": len(c.samples),
            "median_s": round(med, 4),
            "min_s": round(min(c.samples), 4),
            "max_s": round(max(c.samples), 4),
            "peak_rss_mb": round(max(c.rss_kb) / 1024, 1),
            "decks": c.decks,
            "decks_per_s": round(c.decks / med, 2),
        }
        if pandoc and c is not pandoc and len(c.samples) == len(pandoc.samples):
            ratios = [a / b for a, b in zip(c.samples, pandoc.samples, strict=True)]
            row["x_pandoc"] = round(statistics.median(ratios), 2)
        rows[c.name] = row
    checks = []
    for name, label, limit, how in TARGETS:
        row = rows.get(name)
        if row is None or (how == "ratio" and "x_pandoc" not in row):
            continue
        value = {
            "median": row["median_s"],
            "ratio": row.get("x_pandoc"),
            "rate": row["decks_per_s"],
            "rss": row["peak_rss_mb"],
        }[how]
        met = value >= limit if how == "rate" else value <= limit
        checks.append({"target": label, "value": value, "met": met})
    if "scale-50" in rows and "scale-1000" in rows:  # flat cost per deck: no super-linear step
        ratio = round(rows["scale-1000"]["decks_per_s"] / rows["scale-50"]["decks_per_s"], 2)
        checks.append(
            {
                "target": "no super-linear step: decks/s at 1,000 >= 80% of decks/s at 50",
                "value": ratio,
                "met": ratio >= 0.8,
            }
        )
    if all(f"scale-{n}" in rows for n in (50, 200, 1000)):  # linear: each further deck costs alike
        t50, t200, t1000 = (rows[f"scale-{n}"]["median_s"] for n in (50, 200, 1000))
        early, late = 150 / (t200 - t50), 800 / (t1000 - t200)  # decks/s of the added decks
        checks.append(
            {
                "target": "linear: decks/s added from 200 to 1,000 within 20% of 50 to 200",
                "value": f"{late:.1f} vs {early:.1f} decks/s",
                "met": abs(late / early - 1) <= 0.2,
            }
        )
    return {
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        },
        "commit": _commit(),
        "date": time.strftime("%Y-%m-%d"),
        "runs_per_case": runs,
        "cases": rows,
        "targets": checks,
    }


def _commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        )
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True)
        return out.stdout.strip() + ("+changes" if dirty.stdout.strip() else "")
    except OSError:
        return "?"


def scaling(runs: int, started: float) -> list[Case]:
    """1 to 1,000 executives, -j 2, warm cache (charts, templates, inputs; decks new to it):
    is the cost per deck flat?"""
    warm = str(WORK / "cache-warm")
    measured = []
    for count in SCALE:
        ws = _workspace(f"scale{count}", count, tag=f"s{count}-")  # built, not from the cache
        argv = deckgen(
            "build", str(ws), "--force", "-q", "-j", "2", "-o", str(WORK / "out" / f"s{count}")
        )
        case = Case(f"scale-{count}", f"{count:,} executives, -j 2, warm cache", [*argv, "--cache-dir", warm], decks=count)  # fmt: skip
        for _ in range(runs):
            wall, rss = run_argv(case.name, case.argv)
            case.samples.append(wall)
            case.rss_kb.append(rss)
        print(f"bench: {case.name} done ({time.perf_counter() - started:.0f} s)", flush=True)
        shutil.rmtree(ws)
        measured.append(case)
    return measured


def table(summary: dict) -> str:
    head = f"{'case':<17} {'median':>8} {'min':>7} {'max':>7} {'decks/s':>8} {'x pandoc':>8} {'RSS MB':>7}"
    lines = [head, "-" * len(head)]
    for name, r in summary["cases"].items():
        ratio = f"{r['x_pandoc']:.2f}" if "x_pandoc" in r else "-"
        lines.append(
            f"{name:<17} {r['median_s']:>7.3f}s {r['min_s']:>6.3f}s {r['max_s']:>6.3f}s "
            f"{r['decks_per_s']:>8.1f} {ratio:>8} {r['peak_rss_mb']:>7.0f}"
        )
    lines.append("")
    for check in summary["targets"]:
        mark = "met" if check["met"] else "NOT met"
        lines.append(f"  [{mark:>7}] {check['target']} (measured {check['value']})")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", "10")))
    parser.add_argument("--only", nargs="*", help="case names to run (default: all)")
    parser.add_argument("--no-scale", action="store_true", help="skip the scaling table")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json")
    args = parser.parse_args()

    started = time.perf_counter()
    pandoc = prepare()
    marp = marp_command()
    measured = [c for c in cases(pandoc, marp) if not args.only or c.name in args.only]
    for round_no in range(args.runs + 1):
        for case in measured:
            if round_no == 0 and case.decks > 1:
                continue  # round 0 warms files and .pyc; prepare() already ran the batches
            wall, rss = run_once(case, round_no)
            if round_no:
                case.samples.append(wall)
                case.rss_kb.append(rss)
        shutil.rmtree(WORK / "cache-fresh", ignore_errors=True)
        label = "warm-up" if round_no == 0 else f"round {round_no}/{args.runs}"
        print(f"bench: {label} done ({time.perf_counter() - started:.0f} s)", flush=True)
    if not args.no_scale and not args.only:
        measured += scaling(int(os.environ.get("BENCH_SCALE_RUNS", "1")), started)
    summary = summarise(measured, args.runs)
    summary["bench_seconds"] = round(time.perf_counter() - started, 1)
    print()
    print(table(summary))
    if not args.only:
        args.out.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
        print(f"\nwrote {args.out.relative_to(ROOT)} ({summary['bench_seconds']:.0f} s in all)")


if __name__ == "__main__":
    main()
