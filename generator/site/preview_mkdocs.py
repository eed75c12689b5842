"""What the preview's dirty mkdocs build need not find out again, because the session knows it.

mkdocs' dirty build rebuilds only modified pages, but to find them it still, on every rebuild:
- walks the whole docs tree and makes a File for each file (12,700 on a city's internal edition,
  each through pathlib);
- compares the times of each page's source and built page, twice (in reading and in writing), and
  of each static file: 23,000 pairs of stat calls;
- lists every file of the theme (its icons: thousands) to find its static files;
- dates every page again (a lookup of SOURCE_DATE_EPOCH per page).
That is about a second of a one-cell edit in which five docs files changed.

The session knows what changed: DocsWriter.finish() reports every docs file it wrote or removed, and
nothing else writes the docs tree. So once the session has built the site itself (its first build,
full or dirty by file times, checked everything), a rebuild inside `KnownChanges.build(changed)`:
- counts a file as modified when its docs file is in `changed`, or when its content is made in the
  build (as mkdocs does); a theme file is not, it is on the site since that first build;
- reuses the File objects of the last walk (copies, without the page mkdocs attached), unless a
  changed file is new: then the tree is walked again;
- lists the theme's files once a session (the theme does not change while the preview runs: the
  next session checks it, serve._site_state);
- dates every page with one reading of the build date.
A removed docs file never gets here: the session builds everything then (serve._rebuild). Every
other build of the session (`judge=False`: full, or dirty by file times) walks the tree afresh and
keeps the walk and the theme's list, so that the first edit after it finds them ready.

Everything is put back when the build ends, whichever way it ends: publishing builds (build.py)
run mkdocs untouched.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Iterator
from contextlib import contextmanager


class KnownChanges:
    """Kept by a preview session: the last walk of the docs tree and the theme's file list."""

    def __init__(self) -> None:
        self._walk: tuple[tuple, list, set[str]] | None = None  # ((docs_dir, site_dir, urls), pristine Files, their src_uris)
        self._theme: tuple[tuple, list] | None = None  # ((theme dirs, static templates, site dir), pristine Files)

    @contextmanager
    def build(self, changed: set[str], judge: bool = True) -> Iterator[None]:
        """mkdocs' build within this block decides what is modified from `changed` (docs paths).
        Not `judge`: a build that must find out for itself (a full one, or a dirty one by file
        times): the tree is walked afresh and the walk kept, so that the next edit need not."""
        import mkdocs.commands.build as mkdocs_build
        import mkdocs.structure.pages as mkdocs_pages
        from mkdocs.structure.files import File, Files

        walk_files = mkdocs_build.get_files
        theme_files = Files.add_files_from_theme
        is_modified = File.is_modified
        build_date = mkdocs_pages.get_build_date
        docs_dirs: set[str] = set()

        def get_files(config):
            docs_dirs.add(config["docs_dir"])
            key = (config["docs_dir"], config["site_dir"], config["use_directory_urls"])
            if judge and self._walk is not None and self._walk[0] == key and changed <= self._walk[2]:
                return Files([_fresh(f) for f in self._walk[1]])
            files = walk_files(config)
            self._walk = (key, [_fresh(f) for f in files], {f.src_uri for f in files})
            return files

        def add_files_from_theme(files, env, config):
            key = (tuple(config.theme.dirs), tuple(sorted(config.theme.static_templates)), config.site_dir, config.use_directory_urls)
            if self._theme is None or self._theme[0] != key:
                found = Files([])
                theme_files(found, env, config)  # a collection without docs: every theme file the theme would add
                self._theme = (key, [_fresh(f) for f in found])
            for file in self._theme[1]:
                if files.get_file_from_path(file.src_uri) is None:  # theme files do not override docs files
                    files.append(_fresh(file))

        def known_is_modified(file) -> bool:
            if file._content is not None:
                return True  # made in the build (as mkdocs has it)
            return file.src_dir in docs_dirs and file.src_uri in changed

        mkdocs_build.get_files = get_files
        Files.add_files_from_theme = add_files_from_theme
        if judge:
            File.is_modified = known_is_modified
        mkdocs_pages.get_build_date = functools.cache(build_date)
        try:
            yield
        finally:
            mkdocs_build.get_files = walk_files
            Files.add_files_from_theme = theme_files
            File.is_modified = is_modified
            mkdocs_pages.get_build_date = build_date


def _fresh(file):
    """A copy of a File as the walk made it: what mkdocs attaches later (its page) is not carried over."""
    twin = copy.copy(file)
    twin.page = None
    return twin
