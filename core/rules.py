"""Imports every module that registers rules; the checks engine imports only this."""

from . import (
    assessment,  # noqa: F401
    demo_exam,  # noqa: F401
    enrollment,  # noqa: F401
    exam_reports,  # noqa: F401
    exam_state_reports,  # noqa: F401
    generic_rules,  # noqa: F401
    module_reminders,  # noqa: F401
    moodle,  # noqa: F401
    paid_planning,  # noqa: F401
    paid_services,  # noqa: F401
    roadmap,  # noqa: F401
)
