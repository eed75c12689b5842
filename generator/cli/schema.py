"""`kaohe schema`: print or write the scheme JSON Schema."""

from __future__ import annotations

import sys
from pathlib import Path

from generator.core.errors import EXIT_OK
from generator.scheme.json_schema import scheme_json_schema


def cmd_schema(args) -> int:
    text = scheme_json_schema(getattr(args, "which", None) or "scheme")
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"已写出 {args.out}")
    else:
        sys.stdout.write(text)
    return EXIT_OK
