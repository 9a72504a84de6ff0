"""`make bench`: deckgen's speed, measured as a user meets it, against pandoc on the same content.

Every case runs as a fresh process (what a user waits for at the prompt), rounds interleaved so a
busy moment of the machine hits every case alike; the first round is a warm-up and is discarded.
Reported per case: median and spread of wall time, peak RSS (largest process, workers included),
and for batches decks per second. pandoc converts the same deck (titles, bullets, tables, notes
and the same chart PNGs) from Markdown; each deckgen case gets a paired ratio against it (the
median of per-round ratios). Results go to bench/results.json; targets are checked at the end.

    python bench/run.py [--runs 10] [--only CASE ...] [--out bench/results.json]
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
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / ".work"
NORTHWIND = ROOT / "examples" / "northwind"
BATCH = 50
EXEC = "Priya Shah"
BLOCKERS = sorted(
    p.stem for p in (ROOT / "decks").glob("*.yaml") if p.stem not in ("default", "fallback", "none")
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


def cases(pandoc: str | None) -> list[Case]:
    out = str(WORK / "out")
    warm = str(WORK / "cache-warm")
    one = ["build", str(NORTHWIND), "--exec", EXEC, "--force", "-q", "-j", "1"]
    batch = ["build", str(WORK / "batch50"), "--force", "-q"]
    listed = [
        Case("help", "deckgen --help", deckgen("--help")),
        Case(
            "cold",
            "1 deck, 4 image charts, empty chart cache",
            deckgen(*one, "-o", out + "/cold", "--cache-dir", "{fresh}"),
            fresh_cache=True,
        ),
        Case(
            "warm",
            "1 deck, 4 image charts, warm chart cache",
            deckgen(*one, "-o", out + "/warm", "--cache-dir", warm),
        ),
        Case(
            "native",
            "1 deck, 4 native (editable) charts",
            deckgen(*one, "-o", out + "/native", "--charts", "native", "--no-cache"),
        ),
        Case(
            "northwind",
            "Northwind workspace, 6 decks, empty cache, default -j",
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
            f"{BATCH} decks, empty cache, -j 1",
            deckgen(*batch, "-o", out + "/b1", "-j", "1", "--cache-dir", "{fresh}"),
            decks=BATCH,
            fresh_cache=True,
        ),
        Case(
            "batch50-j2",
            f"{BATCH} decks, empty cache, -j 2",
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
    if pandoc:
        md = WORK / "pandoc"
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
    return listed


# --- preparation ------------------------------------------------------------------------------


def prepare() -> str | None:
    """The 50-executive workspace, a warm cache, and pandoc's Markdown of the same deck."""
    if WORK.exists():
        shutil.rmtree(WORK)
    (WORK / "out").mkdir(parents=True)
    ws = WORK / "batch50"
    shutil.copytree(NORTHWIND, ws)
    audience = yaml.safe_load((ws / "audience.yaml").read_text(encoding="utf-8"))
    people = audience["executives"]
    audience["executives"] = [
        {
            "name": f"{people[i % len(people)]['name']} {i + 1:02d}",
            "role": people[i % len(people)]["role"],
            "said": people[i % len(people)]["said"],
            "blocker": BLOCKERS[i % len(BLOCKERS)],
        }
        for i in range(BATCH)
    ]
    (ws / "audience.yaml").write_text(yaml.safe_dump(audience, sort_keys=False), encoding="utf-8")
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
    return _pandoc_markdown(WORK / "prep" / "priya-shah.pptx", WORK / "pandoc")


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
    started = time.perf_counter()
    proc = subprocess.Popen(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=child_env()
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"bench: {case.name} failed ({proc.returncode}):\n{err}")
    # ru_maxrss of a waited child covers it and the descendants it waited for (pool workers).
    return wall, usage.ru_maxrss


TARGETS = [  # (case, what, limit, how the value is computed)
    ("help", "deckgen --help <= 80 ms", 0.080, "median"),
    ("cold", "cold single deck, 4 image charts <= 0.8 s", 0.8, "median"),
    ("warm", "single deck, cached charts <= 0.30 s", 0.30, "median"),
    ("native", "single deck, native charts <= 0.30 s", 0.30, "median"),
    ("warm", "cached charts <= 2.1x pandoc", 2.1, "ratio"),
    ("native", "native charts <= 2.1x pandoc", 2.1, "ratio"),
    ("batch50-j2", "50 decks, 2 processes, uncached >= 8 decks/s", 8, "rate"),
    ("batch50-j2-warm", "50 decks, 2 processes, warm cache >= 30 decks/s", 30, "rate"),
    ("cold", "peak RSS, one deck <= 200 MB", 200, "rss"),
    ("warm", "peak RSS, one deck (cached) <= 200 MB", 200, "rss"),
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
        if pandoc and c is not pandoc:
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
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json")
    args = parser.parse_args()

    started = time.perf_counter()
    pandoc = prepare()
    measured = [c for c in cases(pandoc) if not args.only or c.name in args.only]
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
    summary = summarise(measured, args.runs)
    summary["bench_seconds"] = round(time.perf_counter() - started, 1)
    print()
    print(table(summary))
    if not args.only:
        args.out.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
        print(f"\nwrote {args.out.relative_to(ROOT)} ({summary['bench_seconds']:.0f} s in all)")


if __name__ == "__main__":
    main()
