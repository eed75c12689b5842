"""Stage 3, compute: grading every person (grade), quotas, committee decisions, roll-ups, the results
model and explanations. Pure Python over the scheme and sheets; nothing here writes a file."""
