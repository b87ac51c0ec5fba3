"""The documents of one group (000 Part 1): orders, classroom sheets, certificates, letters, letters for СЭД."""
