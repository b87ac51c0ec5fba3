"""LibreOffice driven through UNO by Debian's python3 (python3-uno): the scripts here are run, never imported."""

import shutil
import subprocess
from pathlib import Path

import pytest

UNO_PYTHON = "/usr/bin/python3"
HERE = Path(__file__).parent


def _uno() -> bool:
    return shutil.which("soffice") is not None and Path(UNO_PYTHON).exists() and subprocess.run(
        [UNO_PYTHON, "-c", "import uno"], capture_output=True).returncode == 0


needs_uno = pytest.mark.skipif(not _uno(), reason="LibreOffice с python3-uno не установлен (make office)")
