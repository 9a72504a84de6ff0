"""The local web app behind `deckgen serve`: pages over the same pipeline as the CLI (load,
build, write), a token in the URL and CSRF-checked forms, bound to loopback."""
