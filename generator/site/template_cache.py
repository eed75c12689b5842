"""The theme's templates compiled once a process, not once a build.

mkdocs makes a new Jinja environment for every build, and compiling mkdocs-material's templates
again is about a third of a second: a tenth of a preview's rebuild after a one-cell edit (and of
every test that builds a site). Jinja's bytecode cache keeps the compiled code keyed by template
and file name, and checks a hash of the source before using it: an edited template compiles
afresh. One cache per environment's settings, since they shape the compiled code.
"""

from __future__ import annotations

import jinja2


class _Kept(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self._store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)  # refused by the bucket itself if the source changed

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()


_CACHES: dict[tuple, _Kept] = {}


def keep_compiled(env: jinja2.Environment) -> None:
    """Give `env` the process's compiled templates for environments set up as it is."""
    settings = (
        env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
        env.comment_start_string, env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
        env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline, env.optimized,
        env.is_async, env.autoescape if isinstance(env.autoescape, bool) else id(env.autoescape),
        tuple(sorted(env.extensions)), env.undefined, env.finalize is None,
    )
    env.bytecode_cache = _CACHES.setdefault(settings, _Kept())
