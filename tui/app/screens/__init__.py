"""The reader's screens: library, compare (with its keys and navigation), divergences, the
export dialog and help."""
