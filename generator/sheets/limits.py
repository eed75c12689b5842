"""Limits of reading a results file: those that keep a hostile or broken one from exhausting memory or
time, and how far down its header is looked for."""

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_COLUMNS = 1000
MAX_ROWS = 100_000
MAX_CELLS = 2_000_000  # all rows together: 100,000 rows of 999 empty cells is a 50 MB file but 10 GB in memory
HEADER_SEARCH_ROWS = 15  # the header is looked for in a sheet's first rows (header.py; sheet_choice.py among a workbook's sheets)
