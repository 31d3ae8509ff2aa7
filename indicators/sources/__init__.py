"""One reader per official file format. Each returns a validated tidy frame.

Readers take the path of the file (so tests can pass fixtures) and know nothing about the
app. A reader that meets a value it cannot read raises :class:`SourceFormatError` naming the
file and line.
"""
