"""CLI behaviour: help, version, and bad input answered with a clear message and exit 1."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import NORTHWIND, run


def test_help_lists_build():
    result = run("--help")
    assert result.exit_code == 0
    assert "build" in result.output


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert result.output.startswith("deckgen, version ")


def test_python_dash_m_works():
    proc = subprocess.run(
        [sys.executable, "-m", "deckgen", "--help"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0 and "Usage:" in proc.stdout


def test_exit_codes_and_output_survive_the_fast_exit(tmp_path):
    """main() leaves with os._exit: streams must be flushed and the code kept."""
    ok = subprocess.run(
        [sys.executable, "-m", "deckgen", "evidence", "list", "--json"],
        capture_output=True,
        text=True,
    )
    assert ok.returncode == 0 and ok.stdout.rstrip().endswith("]")
    bad = subprocess.run(
        [sys.executable, "-m", "deckgen", "build", str(tmp_path / "nope")],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 1
    assert bad.stderr.startswith("Error: ") and "workspace folder not found" in bad.stderr
    usage = subprocess.run(
        [sys.executable, "-m", "deckgen", "build", "--charts", "3d"],
        capture_output=True,
        text=True,
    )
    assert usage.returncode == 2 and "Invalid value for '--charts'" in usage.stderr


def test_help_does_not_import_heavy_libraries():
    code = (
        "import sys; from deckgen.cli import cli; sys.argv=['deckgen','--help'];\n"
        "try: cli(prog_name='deckgen')\nexcept SystemExit: pass\n"
        "heavy=[m for m in ('pandas','altair','pptx','vl_convert','pydantic','numpy') if m in sys.modules]\n"
        "print('HEAVY', heavy)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert "HEAVY []" in proc.stdout, proc.stdout + proc.stderr


def test_missing_workspace(tmp_path):
    result = run("build", str(tmp_path / "nope"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "workspace folder not found" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_theme(tmp_path):
    result = run("build", str(NORTHWIND), "-o", str(tmp_path), "--theme", "neon")
    assert result.exit_code == 1
    assert "unknown theme 'neon'; available themes: boardroom, clean" in result.stderr
    assert not list(tmp_path.glob("*.pptx"))


def test_unknown_exec(tmp_path):
    result = run("build", str(NORTHWIND), "-o", str(tmp_path), "--exec", "Nobody")
    assert result.exit_code == 1
    assert (
        "--exec: no executive named 'Nobody' in audience.yaml; known: Jordan Ellis" in result.stderr
    )


def test_unknown_blocker_flag(tmp_path):
    result = run("build", str(NORTHWIND), "-o", str(tmp_path), "--blocker", "too-expensiv")
    assert result.exit_code == 1
    assert "unknown blocker 'too-expensiv'; did you mean 'too-expensive'?" in result.stderr


def test_bad_kpi_value_names_file_line_key(workspace, tmp_path):
    org = workspace / "org.yaml"
    org.write_text(
        org.read_text().replace("{value: 29, unit: percent", "{value: high, unit: percent")
    )
    result = run("build", str(workspace), "-o", str(tmp_path))
    assert result.exit_code == 1
    assert "org.yaml:14: kpis.engagement.value: expected a number, got 'high'" in result.stderr
    assert not list(tmp_path.glob("*.pptx"))


def test_all_problems_reported_at_once(workspace, tmp_path):
    org = workspace / "org.yaml"
    text = org.read_text().replace(
        "voluntary_attrition: {value: 17.5", "voluntary_attrition: {value: 140"
    )
    text = text.replace("engagment", "x").replace("  engagement:", "  engagment:")
    org.write_text(text)
    result = run("build", str(workspace), "-o", str(tmp_path))
    assert result.exit_code == 1
    assert "2 problems in the input:" in result.stderr
    assert "kpis.voluntary_attrition.value: expected 0 to 100 percent, got 140" in result.stderr
    assert "kpis.engagment: unknown KPI 'engagment'; did you mean 'engagement'?" in result.stderr


def test_missing_audience_says_what_to_do(workspace, tmp_path):
    (workspace / "audience.yaml").unlink()
    result = run("build", str(workspace), "-o", str(tmp_path))
    assert result.exit_code == 1
    assert "audience.yaml: not found in" in result.stderr
    assert "--objection TEXT or --blocker SLUG" in result.stderr
