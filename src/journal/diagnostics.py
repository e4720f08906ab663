"""The one diagnostic type: `path:line: message`, for every problem anywhere in the project.

The importer raises one for bad input; the content checks and the MkDocs plugins collect them
and report them all. Every message names the file, the line (when one is known) and what was
expected, so an editor can go straight to the spot.
"""

import os
from dataclasses import dataclass, replace


@dataclass(eq=True)
class Diagnostic(Exception):
    """A problem at path:line. Raise it to stop; collect it to report several at once."""

    path: str
    line: int | None
    message: str

    def __post_init__(self):
        self.path = str(self.path)
        super().__init__(str(self))

    def __str__(self):
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


def report(diagnostics, stream):
    """Print each diagnostic on its own line; return the exit status (1 if any)."""
    for diagnostic in diagnostics:
        print(diagnostic, file=stream)
    return 1 if diagnostics else 0


# --- at the MkDocs plugins' boundary ---------------------------------------------------------
# What leaves a plugin is a PluginError whose message is one `path:line: expected …` per problem
# (MkDocs prints it as "Error: …" and exits 1, without a traceback), paths relative to the
# project: the folder of mkdocs.yml, wherever the package is installed.

def project_root(config_file_path):
    """The project's folder: mkdocs.yml's (the working directory when MkDocs was given none)."""
    return os.path.dirname(os.path.abspath(config_file_path or "mkdocs.yml"))


def shown(path, root):
    """`path` relative to the project `root` when it is inside it (docs/2026/02/x.md), else whole."""
    relative = os.path.relpath(os.path.abspath(path), root)
    return str(path) if relative == os.pardir or relative.startswith(os.pardir + os.sep) else relative.replace(os.sep, "/")


def config_problem(config_file_path, keys, message):
    """A Diagnostic at the line of mkdocs.yml where `keys` are written: a plugin's name, then
    its option (the plugin's own line when the option is left at its default)."""
    path = config_file_path or "mkdocs.yml"
    return Diagnostic(shown(path, project_root(path)), config_line(path, keys), message)


def config_line(path, keys):
    """The line (from 1) of the first `key:` (or `- key`) for each of `keys` in turn, each after
    the previous one's; the last one found, or None. One pass over the file's lines."""
    try:
        with open(path, encoding="utf-8") as file:
            lines = file.read().split("\n")
    except (OSError, UnicodeError):
        return None
    found, wanted = None, list(keys)
    for number, line in enumerate(lines, 1):
        if not wanted:
            break
        name = line.strip().removeprefix("- ").split(":", 1)[0].strip()
        if name == wanted[0]:
            found = number
            wanted.pop(0)
    return found


def plugin_error(problems, root=None, heading=None):
    """The PluginError that carries `problems` (Diagnostics) out of a plugin, one a line, after
    `heading` if given; with `root`, their paths are made relative to the project."""
    from mkdocs.exceptions import PluginError  # here: the importer and the checks use this module without MkDocs

    problems = [problems] if isinstance(problems, Diagnostic) else list(problems)
    if root is not None:
        problems = [replace(problem, path=shown(problem.path, root)) for problem in problems]
    return PluginError("\n".join(([heading] if heading else []) + list(map(str, problems))))
