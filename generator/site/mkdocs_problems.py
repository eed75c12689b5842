"""What mkdocs and the post-build scan find, said where the office can fix it.

An address written once in mkdocs.yml (a `site_url`, a link under `extra: social`, a script from a CDN)
is on every page: the scan used to report it once per page — hundreds of lines for one line of the
settings — and never named the line. An unknown Markdown extension came back as mkdocs' English
("Config value 'markdown_extensions': Failed to load extension 'x'.") followed by "Aborted with a
configuration error!". Both are now one problem at the line of mkdocs.yml where they are written.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.core.problems import Problems

_LISTED = 3  # pages named in a problem for an address on many pages
_ABORTED = "mkdocs: Aborted with a configuration error!"
_CONFIG_VALUE = re.compile(r"^(?:mkdocs: )?Config value '([^']+)': (.*)$", re.S)
_EXTENSION = re.compile(r"Failed to load extension '([^']+)'")


def _settings(config: Path) -> list[str]:
    try:
        return config.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return []


def _line_of(lines: list[str], text: str) -> int | None:
    """The first line of mkdocs.yml (1-based) that holds `text`, outside a comment."""
    for number, line in enumerate(lines, 1):
        if text in line.split(" #", 1)[0]:
            return number
    return None


def _site_url(lines: list[str]) -> tuple[str, int] | None:
    for number, line in enumerate(lines, 1):
        found = re.match(r"""^site_url\s*:\s*["']?([^"'\s#]+)""", line)
        if found:
            return found.group(1), number
    return None


def report_external_urls(found: list[tuple[str, str]], site_name: str, config: Path, problems: Problems) -> None:
    """The scan's (page, address) pairs: one problem per address. One written in mkdocs.yml is placed
    at its line there; one found on a few pages only is reported on each of them, as the page to look at."""
    lines = _settings(config)
    site_url = _site_url(lines)
    pages: dict[str, list[str]] = {}
    for rel, url in found:
        key = site_url[0] if site_url and url.startswith(site_url[0].rstrip("/")) else url
        pages.setdefault(key, []).append(rel)
    for url, where in pages.items():
        count = f"共 {len(where)} 个页面，如 {'、'.join(where[:_LISTED])}" if len(where) > 1 else where[0]
        if site_url and url == site_url[0]:
            problems.add(config.name, site_url[1], 1, "external-url",
                         f"site_url「{url}」使每个页面都带上以它开头的绝对地址（{count}），打开网页时会去请求它，"
                         "网站搬到别处（另一台服务器、U 盘）就打不开。Kaohe 生成的网站只用相对地址，放在哪里都能打开：请删去 site_url 这一行。")
            continue
        line = _line_of(lines, url)
        if line is not None:
            problems.add(config.name, line, None, "external-url",
                         f"这一行的外部地址 {url} 出现在每个页面上（{count}）；内网站点不能请求外网，请删去这一项。")
        elif len(where) > _LISTED:
            problems.add(f"{site_name}/{where[0]}", None, None, "external-url",
                         f"引用了外部地址 {url}（{count}）；内网站点不能请求外网，请去掉模板或内容中的这个地址。")
        else:
            for rel in where:
                problems.add(f"{site_name}/{rel}", None, None, "external-url", f"引用了外部地址 {url}；内网站点不能请求外网。")


def report_mkdocs_failure(messages: list[str], config: Path, problems: Problems) -> None:
    """mkdocs' warnings or its error, at mkdocs.yml; a setting it could not use said in Chinese at
    its line, and its closing "Aborted" left out when something else says why."""
    lines = _settings(config)
    said = [m for m in messages if m != _ABORTED] or messages
    for message in said:
        setting = _CONFIG_VALUE.match(message)
        extension = _EXTENSION.search(message)
        if extension:
            name = extension.group(1)
            problems.add(config.name, _line_of(lines, name), None, "file-unreadable",
                         f"markdown_extensions 中的「{name}」无法加载：没有安装这个 Markdown 扩展，或名称写错了。"
                         f"请改正名称或删去这一项（{message}）。")
        elif setting:
            key = setting.group(1)
            problems.add(config.name, _line_of(lines, f"{key}:"), None, "file-unreadable",
                         f"mkdocs.yml 中「{key}」的设置不能使用：{setting.group(2).strip()}。请改正，或换回 kaohe init 写出的 mkdocs.yml。")
        else:
            code = "external-url" if "http" in message and "url" in message.lower() else "file-unreadable"
            problems.add(config.name, None, None, code, f"网页生成失败：{message}")
