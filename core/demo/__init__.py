"""The demo workbook of the first run, in one place: its fixed content, its rows and its marks of deadlines."""
