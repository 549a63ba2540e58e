"""Ingest: read bytes, decode them losslessly, split lines, repair mojibake."""
