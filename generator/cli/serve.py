"""`kaohe serve`: a live preview on localhost (see generator.site.serve)."""

from __future__ import annotations

import errno
import logging
import signal
import socket
import sys

from generator.core.errors import EXIT_PROBLEMS, UsageError
from generator.core.os_words import os_error_words
from generator.project.workspace import project_root
from generator.site.serve import PreviewSession, _QuietDirtyWarning


def cmd_serve(args) -> int:
    from mkdocs.livereload import LiveReloadServer

    # Ctrl-C (or SIGTERM) is how the preview stops, and it must always work: a preview started by a
    # background job of a script inherits SIGINT ignored, and Python then raises no KeyboardInterrupt —
    # the bench's stop went unheard for minutes that way. A script that wants the preview to outlive
    # its Ctrl-C can use setsid.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _interrupt)
    root = project_root(args).resolve()
    host, port = _address(args.addr)  # before a first build of seconds: a busy port is said at once
    session = PreviewSession(root, args.audience)
    session.work.mkdir(parents=True, exist_ok=True)
    logging.getLogger("mkdocs.commands.build").addFilter(_QuietDirtyWarning())
    ok = session.rebuild()  # the first build: full, or from the last session's cache and site
    session.save_cache(background=ok)  # written by a child process while the preview already serves
    if not ok:
        return EXIT_PROBLEMS
    # polled every 0.2 s rather than mkdocs' 0.5 s: an edit shows 0.15 s sooner on average, for a
    # walk of schemes/ and content/ (a few hundred files) five times a second
    server = LiveReloadServer(builder=session.rebuild, host=host, port=port, root=str(session.site), polling_interval=0.2)
    for name in ("schemes", "content", "site_templates", "mkdocs.yml"):
        path = root / name
        if path.exists():
            server.watch(str(path))
    print(f"网站预览地址：http://{host}:{port}/  （修改方案或成绩表后自动刷新；按 Ctrl+C 停止）", flush=True)
    sys.stdout.flush()
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    print("预览已停止。", flush=True)
    session.stop()  # what the edits of this session computed, kept for the next one
    return 0


def _address(text: str) -> tuple[str, int]:
    """--addr as typed: 127.0.0.1:8000, localhost, 8001 or [::1]:8000; a port that is no port, or one
    another program holds, is a usage error here, not an internal error after the first build."""
    host, colon, port = text.strip().rpartition(":")
    if not colon:
        host, port = ("", text.strip()) if text.strip().isdigit() else (text.strip(), "8000")
    host = host.strip("[]") or "127.0.0.1"
    if not (port.isascii() and port.isdigit() and 0 < int(port) < 65536):
        raise UsageError(f"--addr「{text}」的端口「{port}」应是 1—65535 之间的数字；写成 --addr 127.0.0.1:8000 这样的 地址:端口。")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the preview's server binds
            probe.bind((host, int(port)))
    except OSError as exc:
        busy = exc.errno == errno.EADDRINUSE
        why = f"端口 {port} 已被占用（可能另一个 kaohe serve 或其他程序正在使用）" if busy else f"无法使用地址 {host}:{port}（{os_error_words(exc)}）"
        raise UsageError(f"{why}；请换一个端口或地址，如 --addr 127.0.0.1:{int(port) % 65535 + 1}。") from None
    return host, int(port)


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt
