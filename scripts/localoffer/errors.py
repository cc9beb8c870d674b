"""Errors the tool reports to a person, in plain words, instead of a traceback."""

from __future__ import annotations


class UserError(Exception):
    """Something the editor or council can fix. Exit status 2.

    ``what`` says what is wrong, ``where`` says where (a file, with a line when
    there is one), ``fix`` says what to do. Each is plain text, already in the
    reader's language (see ``messages.t``).
    """

    def __init__(self, what: str, where: str | None = None, fix: str | None = None):
        super().__init__(what)
        self.what = what
        self.where = where
        self.fix = fix

    def render(self) -> str:
        parts = []
        if self.where:
            parts.append(f"{self.where}: {self.what}")
        else:
            parts.append(self.what)
        if self.fix:
            parts.append(f"  {self.fix}")
        return "\n".join(parts)
