"""The one exception the tool raises on bad input: it always names the file and position."""

from __future__ import annotations


class InputError(Exception):
    """Input the tool cannot read; shown to the user as one line, exit code 2."""

    def __init__(self, path: str, message: str, line: int | None = None, column: int | None = None):
        self.path = path
        self.message = message
        self.line = line
        self.column = column
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"
