"""The one error type the importer raises for bad input.

Every message names the file, the line (when one is known) and what was expected,
so an editor can go straight to the spot.
"""


class SourceError(Exception):
    def __init__(self, path, line, message):
        super().__init__(message)
        self.path = str(path)
        self.line = line
        self.message = message

    def __str__(self):
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"
