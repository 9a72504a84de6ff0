"""What people type or upload, checked by deckgen's own readers before it reaches the workspace:
a KPI or history table (load_org reads it beside a copy of org.yaml, in a staging folder inside
the workspace), and a new workspace typed in the page. Problems come back by field or table row,
in the CLI's words."""

from __future__ import annotations

import os
import re
import secrets
import shutil
from pathlib import Path

import yaml
from msgspec import Struct, field

from deckgen.errors import DeckgenError, InputError, Problem
from deckgen.load.tables import MAX_TABLE_BYTES

TABLES = ("kpis", "history")
SUFFIXES = (".csv", ".xlsx")


class TableCheck(Struct):
    """An uploaded table as read, with each problem beside its row."""

    file: str  # the name it is kept under: kpis.csv, history.xlsx
    header: list[str] = field(default_factory=list)
    rows: list[tuple[int, list[str]]] = field(default_factory=list)  # (line, cells)
    by_line: dict[int, list[str]] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)  # problems with no row of this file

    @property
    def ok(self) -> bool:
        return not self.by_line and not self.general


def _staging(root: Path) -> Path:
    folder = root / f".deckgen-upload-{secrets.token_hex(6)}"
    folder.mkdir()
    return folder


def check_table(root: Path, kind: str, filename: str, data: bytes) -> TableCheck:
    """Read an uploaded `kind` table (kpis or history) as a build would, beside the workspace's
    org.yaml and other table; on success it replaces the workspace's table (the old one kept as
    .<name>.previous)."""
    suffix = Path(filename).suffix.lower()
    if kind not in TABLES:
        raise DeckgenError(f"upload: expected a kpis or history table, got '{kind}'")
    if suffix not in SUFFIXES:
        name = f"{kind}{suffix or ''}"
        return TableCheck(name, general=[f"{filename}: expected a .csv or .xlsx file"])
    check = TableCheck(f"{kind}{suffix}")
    if len(data) > MAX_TABLE_BYTES:
        check.general.append(
            f"{check.file}: the file is {len(data) / 1024 / 1024:.0f} MB; expected a small table "
            "of KPIs (at most 5 MB). Is this the right file?"
        )
        return check
    staging = _staging(root)
    try:
        shutil.copy2(root / "org.yaml", staging / "org.yaml")
        other = _table(root, "history" if kind == "kpis" else "kpis")
        if other is not None:
            shutil.copy2(other, staging / other.name)
        (staging / check.file).write_bytes(data)
        _read_back(staging, check)
        if check.ok:
            _put_in_place(root, staging / check.file, kind)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return check


def _table(root: Path, kind: str) -> Path | None:
    return next(
        (p for p in sorted(root.iterdir()) if p.is_file() and p.name.casefold() in
         (f"{kind}.csv", f"{kind}.xlsx")),
        None,
    )  # fmt: skip


def _read_back(staging: Path, check: TableCheck) -> None:
    from deckgen.load.org import load_org
    from deckgen.load.tables import read_rows

    try:
        rows = read_rows(staging / check.file, check.file, ())
        header = list(dict.fromkeys(k for row in rows for k in row.cells))
        check.header = header
        check.rows = [(row.line, [row.cells.get(h, "") for h in header]) for row in rows]
    except InputError:
        pass  # said by load_org below, in the same words
    try:
        load_org(staging)
    except InputError as exc:
        lines = {line for line, _ in check.rows}
        for p in exc.problems:
            if p.file == check.file and p.line in lines:
                check.by_line.setdefault(p.line, []).append(
                    f"{p.key}: {p.message}" if p.key else p.message
                )
            else:
                check.general.append(str(p))


def _put_in_place(root: Path, upload: Path, kind: str) -> None:
    old = _table(root, kind)
    if old is not None:
        os.replace(old, root / f".{old.name}.previous")
    os.replace(upload, root / upload.name)


# ---- a new workspace typed in the page ------------------------------------------------------

ORG_FIELDS = ("name", "industry", "region", "currency", "locale", "headcount", "average_salary")
KPI_ROWS = 6
EXEC_ROWS = 4


class NewWorkspace(Struct):
    """The form's values as typed (kept when anything is wrong) and the problems by field."""

    values: dict[str, str]
    errors: dict[str, list[str]] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)


def create_workspace(values: dict[str, str], evidence_ids: frozenset[str]) -> Path | None:
    """Write org.yaml and audience.yaml into the new folder `values['folder']` if deckgen reads
    them without a problem; else raise NewWorkspaceError with the problems by field."""
    from deckgen.load.audience import read_audience
    from deckgen.load.org import load_org

    form = NewWorkspace(values)
    folder = Path(values.get("folder", "").strip()).expanduser()
    if not values.get("folder", "").strip():
        form.errors["folder"] = ["expected a folder for the new workspace"]
        raise NewWorkspaceError(form)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        form.errors["folder"] = [f"{folder}: already exists and is not an empty folder"]
        raise NewWorkspaceError(form)
    made = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    staging = _staging(folder)
    try:
        org, audience = _org_yaml(values), _audience_yaml(values)
        (staging / "org.yaml").write_text(_dump(org), encoding="utf-8")
        (staging / "audience.yaml").write_text(_dump(audience), encoding="utf-8")
        problems: list[Problem] = []
        try:
            profile = load_org(staging).profile
            locale, currency = profile.locale, profile.currency
        except InputError as exc:
            problems += exc.problems
            locale, currency = "en-GB", None
        try:
            read_audience(staging / "audience.yaml", locale, currency, evidence_ids)
        except InputError as exc:
            problems += exc.problems
        if problems:
            _sort(form, problems, values)
            raise NewWorkspaceError(form)
        for name in ("org.yaml", "audience.yaml"):
            os.replace(staging / name, folder / name)
        return folder
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if made and not any(folder.iterdir()):
            folder.rmdir()


class NewWorkspaceError(DeckgenError):
    def __init__(self, form: NewWorkspace):
        self.form = form
        super().__init__("the new workspace has problems")


def _org_yaml(v: dict[str, str]) -> dict:
    org: dict = {
        key: v[f"org.{key}"].strip() for key in ORG_FIELDS if v.get(f"org.{key}", "").strip()
    }
    kpis = {}
    for i in range(KPI_ROWS):
        name = v.get(f"kpi.{i}.name", "").strip()
        if not name:
            continue
        entry = {k: v.get(f"kpi.{i}.{k}", "").strip() for k in ("value", "unit", "period")}
        kpis[name] = {k: x for k, x in entry.items() if x}
    if kpis:
        org["kpis"] = kpis
    return org


def _audience_yaml(v: dict[str, str]) -> dict:
    out: dict = {}
    if v.get("presenter.name", "").strip():
        out["presenter"] = {"name": v["presenter.name"].strip()}
        if v.get("presenter.role", "").strip():
            out["presenter"]["role"] = v["presenter.role"].strip()
    ask = {k: v.get(f"ask.{k}", "").strip() for k in ("what", "cost", "decision_by")}
    if any(ask.values()):
        out["ask"] = {k: x for k, x in ask.items() if x}
    executives = []
    for i in range(EXEC_ROWS):
        entry = {k: v.get(f"exec.{i}.{k}", "").strip() for k in ("name", "role", "said")}
        if any(entry.values()):
            executives.append({k: x for k, x in entry.items() if x})
    out["executives"] = executives
    return out


def _dump(data: dict) -> str:
    # Typed text stays text: a headcount typed "2400" is read by the same schema as a file's.
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)


_EXEC = re.compile(r"^executives\[(\d+)\]")


def _sort(form: NewWorkspace, problems: list[Problem], values: dict[str, str]) -> None:
    """Each problem beside the field it concerns; the rest above the form."""
    kpi_rows = {values.get(f"kpi.{i}.name", "").strip(): i for i in range(KPI_ROWS)}
    rows = [i for i in range(EXEC_ROWS) if any(values.get(f"exec.{i}.{k}", "").strip()
                                                for k in ("name", "role", "said"))]  # fmt: skip
    for p in problems:
        said = f"{p.key}: {p.message}" if p.key else p.message
        head = p.key.split(".")[0].split("[")[0]
        where = None
        if p.file == "org.yaml" and head in ORG_FIELDS:
            where = f"org.{head}"
        elif p.file == "org.yaml" and head == "kpis":
            name = p.key.split(".")[1] if "." in p.key else ""
            where = f"kpi.{kpi_rows[name]}" if name in kpi_rows else "kpis"
        elif p.file == "audience.yaml" and (m := _EXEC.match(p.key)):
            index = int(m.group(1))
            where = f"exec.{rows[index]}" if index < len(rows) else "executives"
        elif p.file == "audience.yaml" and head in ("presenter", "ask", "executives"):
            where = head
        if where is None:
            form.general.append(str(p))
        else:
            form.errors.setdefault(where, []).append(said)
