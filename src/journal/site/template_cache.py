"""Compiled templates kept between builds (Jinja's bytecode cache).

Every build compiles the theme's and overrides/' templates again (some 60: Material's
base.html, partials, the journal's pages): 0.3-0.5 s of a one-issue build, and of every
`make serve` rebuild, which makes a new template environment each time. Jinja's own bytecode
cache keeps the compiled code, keyed by the template's name and file, and checks the source's
SHA-1 and Jinja's and Python's versions before using it: a changed template is compiled again.
The key here also holds what the environment compiles with (delimiters, extensions), so a
different set-up never reads another's code.

Kept in memory for the process (`make serve`'s rebuilds) and on disk in the project's cache
(publishing.config.cache_root()/jinja, outside the checkout; JOURNAL_JINJA_CACHE= empty turns
the disk part off, a path puts it there).
"""

import hashlib
import os

from jinja2 import FileSystemBytecodeCache

from ..publishing.config import cache_root

# The compiled code in memory: {key: bytes}, for every environment of this process.
_memory = {}


class TemplateCache(FileSystemBytecodeCache):
    def __init__(self, directory, signature):
        if directory:
            os.makedirs(directory, exist_ok=True)
        super().__init__(directory or ".", "%s.jinja-cache")
        self.on_disk = bool(directory)
        self.signature = signature

    def get_cache_key(self, name, filename=None):
        return hashlib.sha1(f"{self.signature}\0{super().get_cache_key(name, filename)}".encode()).hexdigest()

    def load_bytecode(self, bucket):
        code = _memory.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)
        elif self.on_disk:
            try:
                super().load_bytecode(bucket)
            except (OSError, ValueError, EOFError):
                bucket.reset()  # unreadable: compiled again and written anew

    def dump_bytecode(self, bucket):
        _memory[bucket.key] = bucket.bytecode_to_string()
        if self.on_disk:
            try:
                super().dump_bytecode(bucket)
            except OSError:
                pass  # a read-only cache: the build goes on without it


def signature(env):
    """What the environment compiles templates with."""
    return repr((env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
                 env.comment_start_string, env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
                 env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline,
                 sorted(env.extensions), env.optimized, env.is_async))


def install(env):
    """Give `env` the cache (MkDocs' on_env)."""
    value = os.environ.get("JOURNAL_JINJA_CACHE")
    directory = (value or None) if value is not None else str(cache_root() / "jinja")
    env.bytecode_cache = TemplateCache(directory, signature(env))
    return env
