"""Domain exceptions. Every message names the file, row or parameter at fault."""

from __future__ import annotations


class IndicatorsError(Exception):
    """Base class for every error the `indicators` package raises on purpose."""


class SourceFormatError(IndicatorsError):
    """A raw or processed file is not in the format its reader expects."""

    def __init__(self, path: object, message: str, *, line: int | None = None) -> None:
        where = f"{path}" if line is None else f"{path}, line {line}"
        super().__init__(f"{where}: {message}")
        self.path = str(path)
        self.line = line


class SchemaError(IndicatorsError):
    """A tidy indicator frame breaks the schema."""

    def __init__(self, origin: object, message: str, *, row: int | None = None) -> None:
        where = f"{origin}" if row is None else f"{origin}, row {row}"
        super().__init__(f"{where}: {message}")
        self.origin = str(origin)
        self.row = row
        self.message = message
        self.record: dict | None = None


class UnknownIndicatorError(IndicatorsError, KeyError):
    """An indicator id that the catalogue does not know."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])
