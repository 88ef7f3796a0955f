"""The reader: the Textual app over the engine in ``tui.core``.

``reader`` builds and runs the app (``make_app``, ``run_app``); ``screens`` are the library,
compare, divergences, export and help screens; ``widgets`` what they are drawn with;
``messages`` what workers and screens tell each other; ``commands`` the command palette;
``styles`` the Textual CSS.
"""
