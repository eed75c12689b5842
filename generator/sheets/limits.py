"""Limits that keep a hostile or broken results file from exhausting memory or time."""

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_COLUMNS = 1000
MAX_ROWS = 100_000
MAX_CELLS = 2_000_000  # all rows together: 100,000 rows of 999 empty cells is a 50 MB file but 10 GB in memory
