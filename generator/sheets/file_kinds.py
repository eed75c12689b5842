"""What a results file really is, from its first bytes, when its name says otherwise.

Offices rename files, and OA systems export 「Excel」 files that are web pages: an HTML table or a
single-file web page (.mht) named .xls or .xlsx, an Excel 2003 XML spreadsheet, a workbook renamed
.csv. Read as the name says, such a file gave a misleading word (编码无法识别 for a workbook, 找不到表头
for a web page); it is named for what it is, with how to save it properly. Only called for a file
that cannot be read as its name says, or (a CSV) before reading it.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

XLSX = "Excel 工作簿（.xlsx）"
XLS = "Excel 97-2003（.xls）或 WPS 表格（.et）"
ODS = "OpenDocument（.ods，WPS/LibreOffice）"
HTML = "网页（HTML）"
MHT = "单个文件网页（.mht）"
XML_2003 = "XML 电子表格 2003（.xml）"
TEXT = "文本（CSV）"
EMPTY = "空的"
ENCRYPTED = "加密的 Excel 工作簿"  # an .xlsx with a password to open is an OLE file holding the encrypted package
_ENCRYPTED_NAME = "EncryptedPackage".encode("utf-16-le")


# Spreadsheet formats offices save in that Kaohe does not read (project/discover.py refuses them by name).
FOREIGN_FORMATS = {".xls": "Excel 97-2003（.xls）", ".ods": "OpenDocument（.ods，WPS/LibreOffice）", ".et": "WPS 表格（.et）",
                   ".numbers": "Numbers（.numbers）", ".xlsb": "Excel 二进制（.xlsb）", ".xlsm": "启用宏的 Excel 工作簿（.xlsm）",
                   ".xltx": "Excel 模板（.xltx）", ".ett": "WPS 表格模板（.ett）",
                   ".txt": "文本文件（.txt，多半是 Excel「另存为」的「Unicode 文本」或「文本文件（制表符分隔）」，把扩展名改为 .csv 也能读取）"}


def tab_separated(path: Path) -> bool:
    """Whether a .txt file is a sheet Excel saved as text (「Unicode 文本」, 「文本文件（制表符分隔）」), not a
    note: a tab in its first line."""
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return b"\t" in head.split(b"\n", 1)[0]


# Excel's 另存为「Strict Open XML 电子表格」: the same parts under the ISO standard's namespaces, which
# openpyxl (like many programs) does not know; saving it again the same way changes nothing.
STRICT_WORDS = ("这是「Strict Open XML 电子表格」格式的工作簿（另存为时选了这种保存类型），无法读取。"
                "请用 Excel 打开后「文件 → 另存为」，保存类型选「Excel 工作簿（*.xlsx）」（不是「Strict Open XML 电子表格」），"
                "保存后替换这个文件。")


def strict_open_xml(archive: zipfile.ZipFile) -> bool:
    """Whether an .xlsx archive is Strict Open XML: its package relationships name the workbook with the
    ISO namespace (purl.oclc.org/ooxml) rather than the transitional one every other program writes."""
    try:
        return b"purl.oclc.org/ooxml/" in archive.read("_rels/.rels")[:8192]
    except KeyError:
        return False


def real_kind(path: Path) -> str | None:
    """The format the file's bytes are (one of the words above), or None when they tell nothing."""
    try:
        with path.open("rb") as handle:
            head = handle.read(2048)
            kind = kind_of(head)
            if kind == XLS and _ENCRYPTED_NAME in head + handle.read(4 * 1024 * 1024):  # its directory names the package
                return ENCRYPTED
    except OSError:
        return None
    return kind


def kind_of(head: bytes) -> str | None:
    if not head.strip():
        return EMPTY
    if head.startswith(b"PK\x03\x04"):
        return ODS if b"opendocument" in head[:200] else XLSX
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return XLS
    text = _text_of(head)
    if text is None:
        return None
    start = text.lstrip().lower()
    if start.startswith("mime-version:") or "content-type: multipart/related" in start[:400]:
        return MHT
    if "urn:schemas-microsoft-com:office:spreadsheet" in start or 'progid="excel.sheet"' in start:
        return XML_2003
    if start.startswith(("<!doctype html", "<html", "<table", "<meta", "<head", "<body", "<style")):  # a CSV's first cell is never a tag
        return HTML
    return TEXT


def _text_of(head: bytes) -> str | None:
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom):].decode(codec, "ignore")
    try:
        return head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 3:  # a character cut by the 2048 bytes read
            return head[: exc.start].decode("utf-8")
    try:
        return head.decode("gb18030")
    except UnicodeDecodeError:
        return None


def renamed_words(kind: str, suffix: str) -> str:
    """What to tell about a file named `suffix` (.xlsx, .csv) whose bytes are `kind`."""
    if kind == EMPTY:
        return "文件是空的（没有任何内容），多半是保存、下载或复制时出了错；请重新保存或复制这个文件。"
    if kind == ENCRYPTED:
        return ("文件设置了打开密码（加密），无法读取。请在 Excel 中打开后「文件 → 信息 → 保护工作簿 → 用密码进行加密」，删去密码后保存"
                "（WPS：「文件 → 文档加密 → 密码加密」，清除打开密码后保存）；只设了「保护工作表」的不影响读取。")
    if kind == XLSX and suffix == ".csv":
        return f"这是 {XLSX} 文件，只是名字改成了 .csv；把文件名改回 .xlsx 即可（同名的 .csv 不要留着）。"
    if kind == TEXT and suffix == ".xlsx":
        return (f"这是{TEXT}文件，只是名字改成了 .xlsx；把文件名改回 .csv，"
                "或用 Excel 或 WPS 打开后「另存为」→「Excel 工作簿（*.xlsx）」。")
    origin = "（多半是 OA 或业务系统导出的「Excel」文件）" if kind in (HTML, MHT, XML_2003) else ""
    return f"这是 {kind} 文件{origin}，只是名字是 {suffix}；请用 Excel 或 WPS 打开后「另存为」→「Excel 工作簿（*.xlsx）」。"
