"""Stage 1, the scheme: the YAML source with its marks, the pydantic model (items and their rule kinds,
bands, policy, adjustments), the formula language, loading with problems at file:line:col, and checking.

Rule kinds live here, not in the engine: each is the scheme's vocabulary (its YAML shape and its handbook
words) together with how it computes, one module per kind (yamllint's way), so the handbook and the grade
come from the same class.
"""
