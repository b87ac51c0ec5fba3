"""A1 cell references: column letters and quoted tab names."""


def column_letter(index: int) -> str:
    """1 → A, 26 → Z, 27 → AA."""
    if index < 1:
        raise ValueError(index)
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_index(letters: str) -> int:
    """A → 1, AA → 27."""
    index = 0
    for ch in letters.upper():
        index = index * 26 + (ord(ch) - 64)
    return index


def cell(col: int, row: int) -> str:
    return f"{column_letter(col)}{row}"


def quoted(tab: str) -> str:
    """A tab name as a range prefix: 'Дорожная_карта' with inner quotes doubled."""
    return "'" + tab.replace("'", "''") + "'"
