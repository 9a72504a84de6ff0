"""`python -m deckgen` runs the command-line interface."""

from deckgen.cli import main

main()
