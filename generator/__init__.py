"""Kaohe (考核): appraisal schemes and results published as an offline intranet site.

The core (load → validate → compute) imports nothing from mkdocs; generator.site renders.
"""

ENGINE_VERSION = "0.1.0"
