"""The one diagnostic type: `path:line: message`, for every problem anywhere in the project.

The importer raises one for bad input; the content checks and the MkDocs plugins collect them
and report them all. Every message names the file, the line (when one is known) and what was
expected, so an editor can go straight to the spot.
"""

from dataclasses import dataclass


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
