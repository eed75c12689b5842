"""The title of each scheme's handbook page: what a browser's tab and a search result show."""

from __future__ import annotations

from generator.scheme.model import Scheme


def page_titles(schemes: list[Scheme]) -> dict[str, str]:
    """Each handbook's page title (the browser's tab, search results): the scheme's name, and where two
    schemes share a name (a revision keeps its title) their version, else their code, so that a search
    result says which one it is: 公务员平时考核实施方案（2026 版）."""
    by_name: dict[str, list[Scheme]] = {}
    for scheme in schemes:
        by_name.setdefault(scheme.name, []).append(scheme)
    titles = {}
    for name, same in by_name.items():
        versions = [str(s.version or "") for s in same]
        for scheme, version in zip(same, versions):
            if len(same) == 1:
                titles[scheme.code] = name
            elif version and versions.count(version) == 1:
                titles[scheme.code] = f"{name}（{version} 版）" if version.isdigit() else f"{name}（{version}）"
            else:
                titles[scheme.code] = f"{name}（{scheme.code}）"
    return titles
