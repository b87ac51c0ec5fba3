"""Paid educational services (seeds/002): cost, rates, plan, timeline of every service, money and memos. Rules PAY-*."""
