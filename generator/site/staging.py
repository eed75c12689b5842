"""The staging side of publishing: a new site is built in `.site.building-*` beside the target,
swapped in atomically, and whatever a failed, killed or interrupted build leaves behind — the
staging folder, the previous site set aside by a two-rename swap — is removed: at the end of the
failed build itself, and again by the next build (a full disk can make the first attempt fail)."""

from __future__ import annotations

import ctypes
import errno
import glob
import os
import re
import shutil
import stat
import uuid
from pathlib import Path

from generator.core.os_words import os_error_words
from generator.core.problems import Problems


def discard(path: Path) -> bool:
    """Remove a folder left by a build, read-only parts included; True if it is gone."""
    def writable_then_retry(function, name, _info):
        try:
            os.chmod(os.path.dirname(name) or ".", stat.S_IRWXU)
            os.chmod(name, stat.S_IRWXU)
            function(name)
        except OSError:
            pass

    if path.is_symlink() or path.is_file():
        try:
            path.unlink()
        except OSError:
            return False
        return True
    shutil.rmtree(path, onerror=writable_then_retry)
    return not path.exists()


def swap_in(new: Path, target: Path) -> None:
    """Replace `target` by `new` atomically: renameat2(RENAME_EXCHANGE) on Linux, else two renames
    (and if the second fails, the first is undone: the published site is never left missing)."""
    if not target.exists():
        os.replace(new, target)
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
        renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
        at_fdcwd, rename_exchange = -100, 2
        if renameat2(at_fdcwd, os.fsencode(new), at_fdcwd, os.fsencode(target), rename_exchange) == 0:
            discard(new)  # `new` now holds the old site
            return
    except (AttributeError, OSError):
        pass
    old = target.with_name(f".{target.name}.old-{uuid.uuid4().hex[:8]}")
    os.replace(target, old)
    try:
        os.replace(new, target)
    except OSError:
        os.replace(old, target)
        raise
    discard(old)


def leftovers(site_dir: Path) -> list[Path]:
    """What builds of this site left beside it: named exactly as a build names them (uuid4().hex[:8] above
    and in build.py). The site's parent may be any folder of the user's (--out), and a backup they called
    .site.old-2024 is theirs: a glob's * would have deleted it."""
    own = re.compile(rf"\.{re.escape(site_dir.name)}\.(?:building|old)-[0-9a-f]{{8}}")
    return sorted(p for p in site_dir.parent.glob(f".{glob.escape(site_dir.name)}.*-*") if own.fullmatch(p.name))


def remove_stale_staging(site_dir: Path, started: float) -> int:
    """Remove what earlier builds of this site left behind (builds of one edition hold a lock, so
    nothing older than this build is in use)."""
    removed = 0
    for old in leftovers(site_dir):
        try:
            if old.is_symlink() or old.lstat().st_mtime < started:
                removed += discard(old)
        except OSError:
            pass
    return removed


def write_failed(problems: Problems, shown: str, exc: OSError) -> None:
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        message = "磁盘空间不足，网站未能写出；请清理磁盘空间后重新运行 kaohe build。"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        message = f"没有写入权限，网站未能写出（{os_error_words(exc)}）；请检查目录权限。"
    else:
        message = f"读写文件失败，网站未能写出（{os_error_words(exc)}）。"
    where = f"（{exc.filename}）" if getattr(exc, "filename", None) else ""
    problems.add(shown, None, None, "write-failed", message + where)
