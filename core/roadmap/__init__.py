"""The status of a regional roadmap (seeds/004): import, deadline phrases, overdue items, the report. Rules RM-*."""
