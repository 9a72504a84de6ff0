"""Readers for the user's files: YAML, CSV and XLSX, with file and line in every message."""
