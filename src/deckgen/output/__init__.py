"""Write a build's files into the output folder: under a lock, staged, then moved into place all
at once (a crash is finished by the next build), with the user's umask."""

from deckgen.output.folder import OutputFolder, check_targets

__all__ = ["OutputFolder", "check_targets"]
