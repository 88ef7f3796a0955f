"""Widgets the reader's screens are drawn with: the passage panes, article headers, tables,
the overlap heat map and the footer."""
