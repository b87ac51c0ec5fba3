"""Enrollment (seeds/000 Part 1): applications, groups of at most 25, reminders, progress and Moodle, certificates
and the ФИС ФРДО export, the letters and the documents of a group. Rules ENR-*, MDL-*."""
