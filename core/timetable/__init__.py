"""The timetable (000 §1.5, §3.3, §4.3, §4.5): the curriculum, the classes, their clashes, documents and calendars."""
