"""Rendering: the computed model → page models → Markdown/HTML + assets → mkdocs build.

Only mkdocs_hooks.py and build.py touch mkdocs; everything else turns plain data into files.
"""
