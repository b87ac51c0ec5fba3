"""Imports every module that registers rules; the checks engine imports only this."""

from . import generic_rules  # noqa: F401
