"""Why the system refused to open or write a file, in the writer's language.

The system's own reason (`strerror`) is in English, or in the system's language, whatever the hub speaks: the usual
ones are told again here. Another (a full disk, a name too long) is given as the system wrote it.
"""

from __future__ import annotations

from . import _


def file_reason(error: OSError) -> str:
    """What stopped reading or writing a file, for after a colon: «there is no such file or folder: check its name»."""
    if isinstance(error, FileNotFoundError):
        return _("there is no such file or folder: check its name and where it is")
    if isinstance(error, IsADirectoryError):
        return _("it is a folder, not a file")
    if isinstance(error, (FileExistsError, NotADirectoryError)):
        return _("it is a file, not a folder")
    if isinstance(error, PermissionError):
        return _("your account may not open it")
    return error.strerror or type(error).__name__
