"""The listener's file (000 §1.7–1.8): consent, contract and documents that come back before the enrollment order."""
