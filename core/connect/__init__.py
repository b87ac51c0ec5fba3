"""The staff's own sheet: which of their tabs and columns hold the model's, and reading and writing through that.

propose.py looks at every tab (headers, title rows, values) and proposes a mapping with evidence and confidence;
mapping.py keeps the confirmed mapping with the sheet (an app-owned tab «EduDesk — соответствие»); mapped.py is
the store the rest of the app uses over it, so checks, forms and documents see the model's tabs while every cell
read or written is the staff's own.
"""
