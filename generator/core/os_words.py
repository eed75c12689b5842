"""An operating-system error in the office's words: the file names and the numbers stay, the
English of strerror ("No such file or directory") does not reach a user who reads Chinese."""

from __future__ import annotations

import errno

_WORDS = {  # getattr: a name some platform's errno lacks (Kaohe runs on office Windows machines too)
    errno.ENOENT: "文件或目录不存在",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.ENOSPC: "磁盘空间不足",
    getattr(errno, "EDQUOT", errno.ENOSPC): "磁盘空间不足",
    getattr(errno, "EISDIR", -1): "这是一个目录，不是文件",
    getattr(errno, "ENOTDIR", -1): "路径中有一段不是目录",
    getattr(errno, "EROFS", -1): "磁盘是只读的",
    getattr(errno, "EBUSY", -1): "文件正被占用（可能在 Excel 或 WPS 中打开着）",
    getattr(errno, "ETXTBSY", -1): "文件正被占用（可能在 Excel 或 WPS 中打开着）",
    getattr(errno, "ENAMETOOLONG", -1): "文件名太长",
    errno.EEXIST: "已有同名的文件或目录",
    getattr(errno, "ENOTEMPTY", -1): "目录不是空的",
    getattr(errno, "EIO", -1): "磁盘读写出错",
}


def os_error_words(exc: BaseException) -> str:
    """Why an OSError happened, in Chinese where the reason is a common one, else as the system says it."""
    if getattr(exc, "winerror", None) in (32, 33):  # Windows: a sharing or lock violation, shown as EACCES
        return "文件正被占用（可能在 Excel 或 WPS 中打开着）"
    number = getattr(exc, "errno", None)
    if number in _WORDS:
        return _WORDS[number]
    return getattr(exc, "strerror", None) or str(exc)
