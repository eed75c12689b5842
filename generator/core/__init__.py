"""The bottom layer: problems (every reported input problem) and exact numbers. Imports nothing of Kaohe."""
