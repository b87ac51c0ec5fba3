"""The house by area: a rule ID's prefix leads to one package, and the engine runs no checks before the areas load."""

import subprocess
import sys
from pathlib import Path

from core import areas
from core.records.checks import all_rules

ROOT = Path(__file__).resolve().parents[1]

# The package each rule ID's prefix names (README «Устройство»).
PACKAGE_OF_PREFIX = {
    "ASM": "core.assessment", "GOS": "core.assessment",
    "DE": "core.exam",
    "ENR": "core.enrollment", "MDL": "core.enrollment",
    "GEN": "core.records",
    "PAY": "core.paid",
    "RM": "core.roadmap",
    "TT": "core.timetable",
    "ADM": "core.admission",
}


def test_every_rules_prefix_leads_to_one_package():
    """Each registered rule is defined in the package its prefix names, and no prefix is left unnamed."""
    rules = all_rules()
    assert len(rules) >= 79
    misplaced = [(r.id, r.check.__module__) for r in rules
                 if not r.check.__module__.startswith(PACKAGE_OF_PREFIX.get(r.id.split("-")[0], "?") + ".")]
    assert misplaced == []


def test_each_area_registers_rules_of_its_own_prefixes_only():
    """Two packages never share a prefix: the modules of one prefix all lie in one package."""
    packages: dict[str, set[str]] = {}
    for r in all_rules():
        packages.setdefault(r.id.split("-")[0], set()).add(".".join(r.check.__module__.split(".")[:2]))
    assert all(len(found) == 1 for found in packages.values()), packages


def test_loading_again_registers_nothing_new():
    before = [r.id for r in all_rules()]
    areas.load()
    assert [r.id for r in all_rules()] == before


def test_the_checks_refuse_to_run_before_the_areas_are_loaded():
    """Without core.areas.load() only the engine's own rules would run: a false «all clear» is refused instead."""
    code = ("from core.records.checks import run_all\n"
            "try:\n    run_all({})\nexcept RuntimeError as exc:\n    print('refused:', exc)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert "refused: the areas' rules are not loaded" in out.stdout, out.stderr


def test_the_engine_and_the_platform_import_no_area():
    """Importing the engine loads no area module (the registry fills only through core.areas)."""
    code = ("import sys\nimport core.records.checks, core.records.form, core.records.check_sheet, core.platform.mail\n"
            "print(sorted(m for m in sys.modules if m.split('.')[:2] in ([\"core\", a] for a in "
            "('enrollment', 'assessment', 'paid', 'exam', 'roadmap', 'demo', 'cli'))))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr
