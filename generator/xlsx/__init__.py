"""Spreadsheets Kaohe writes: the template an office fills in, annotated problem reports, and
deterministic XLSX bytes (same inputs, same file)."""
