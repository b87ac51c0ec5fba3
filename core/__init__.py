"""EduDesk's work: stores, reading, rules, deadlines, calculators and documents (no streamlit here)."""
