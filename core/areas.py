"""Every area of the regulations, loaded once, above them, by whoever runs the checks (the CLI, the pages, tests).

Loading a module registers what it brings: its rules (@rule, in the engine's registry) and the tabs whose keys
the store hands out inside a write. The engine imports no area; it refuses to run until load() was called.
"""

from __future__ import annotations

import importlib

from core.records.checks import areas_loaded

# The modules that register something, in the order the rules are listed («Справка»). A rule ID's prefix names
# its package: ASM/GOS assessment, DE exam, ENR/MDL enrollment, GEN the engine's own, PAY paid, RM roadmap,
# TT the timetable, ADM the listener's file.
REGISTERING = (
    "core.paid.rules",
    "core.exam.rules",
    "core.roadmap.rules",
    "core.assessment.rules",
    "core.enrollment.rules",
    "core.exam.reports",
    "core.exam.state_reports",
    "core.records.generic_rules",
    "core.enrollment.module_reminders",
    "core.enrollment.moodle",
    "core.paid.planning",
    "core.enrollment.application_form",  # the numbers of «Заявки»
    "core.timetable.rules",
    "core.admission.rules",
    "core.timetable.generate",  # the numbers of «Занятия»
)


def load() -> None:
    """Register every area's rules and numberings (a second call does nothing new)."""
    for name in REGISTERING:
        importlib.import_module(name)
    areas_loaded()
