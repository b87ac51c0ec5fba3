"""The demonstration exam (seeds/003): schedule, experts, grades, cost norms, the cap and the reports. Rules DE-*."""
