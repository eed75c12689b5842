"""Safe codes. A code ends up in URLs, file names, HTML ids and Markdown heading anchors, so it may
hold nothing that could end an attribute or start markup: no space, quote, angle bracket, brace,
equals sign or slash. Scheme and assessment codes and agency folders: lowercase letters, digits,
- and _ (they are URLs). Item codes are also formula names: letters (Chinese included), digits, _ -.
"""

from __future__ import annotations

import re

URL_CODE = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
ITEM_CODE = re.compile(r"[^\W_][\w-]{0,63}")

URL_CODE_WORDS = "只能用小写字母、数字、- 和 _，以字母或数字开头（它会出现在网址和网页中）"
ITEM_CODE_WORDS = "只能用字母（可以是汉字）、数字、- 和 _，不能有空格、引号、尖括号、花括号或等号"


def url_code_ok(value: str) -> bool:
    return bool(URL_CODE.fullmatch(value))


def item_code_ok(value: str) -> bool:
    return bool(ITEM_CODE.fullmatch(value))
