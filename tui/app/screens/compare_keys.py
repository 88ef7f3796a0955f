"""Every key of the compare screen, declared once with a stable id.

The help screen, the command palette and the footer are generated from these; users remap them
by id (``make_app(keymap={"compare.next_divergence": "ctrl+n"})``).
"""

from __future__ import annotations

from textual.binding import Binding

COMPARE_BINDINGS: list[Binding] = [
    Binding("j,down", "move(1)", "Next passage", id="compare.next_passage", show=False),
    Binding("k,up", "move(-1)", "Previous passage", id="compare.prev_passage", show=False),
    Binding("pagedown,space", "page(1)", "Page down", id="compare.page_down", show=False),
    Binding("pageup", "page(-1)", "Page up", id="compare.page_up", show=False),
    Binding("home,g", "edge(-1)", "First passage", id="compare.first", show=False),
    Binding("end,G", "edge(1)", "Last passage", id="compare.last", show=False),
    Binding("tab,shift+tab", "switch_pane", "Other pane", id="compare.switch_pane",
            tooltip="Move the cursor to the other article"),
    Binding("n", "divergence(1)", "Next divergence", id="compare.next_divergence"),
    Binding("N", "divergence(-1)", "Previous divergence", id="compare.prev_divergence",
            show=False),
    Binding("t", "cycle_kind", "Kind for n/N", id="compare.cycle_kind", show=False,
            tooltip="Make n/N visit one kind of divergence (cycles through the kinds)"),
    Binding("right_square_bracket", "only(1)", "Next one-side passage",
            id="compare.next_only", show=False),
    Binding("left_square_bracket", "only(-1)", "Previous one-side passage",
            id="compare.prev_only", show=False),
    Binding("u", "own(1)", "Next own passage", id="compare.next_own", show=False,
            tooltip="Next passage that no other outlet of the story reports"),
    Binding("U", "own(-1)", "Previous own passage", id="compare.prev_own", show=False),
    Binding("o", "left_out(1)", "Next left out", id="compare.next_left_out", show=False,
            tooltip="Next passage every other outlet of the story reports but this one "
            "leaves out (shown in the other pane)"),
    Binding("O", "left_out(-1)", "Previous left out", id="compare.prev_left_out",
            show=False),
    Binding("s", "swap", "Swap", id="compare.swap", tooltip="Swap the two panes"),
    Binding("w", "toggle_marks", "Word marks", id="compare.word_marks",
            tooltip="Show or hide the word differences of the focused link"),
    Binding("plus", "threshold(1)", "Stricter", id="compare.raise_threshold",
            show=False, tooltip="Raise the alignment threshold and re-align"),
    Binding("minus", "threshold(-1)", "Looser", id="compare.lower_threshold",
            show=False, tooltip="Lower the alignment threshold and re-align"),
    Binding("e", "export", "Export", id="compare.export"),
    Binding("slash", "search", "Search", id="compare.search", priority=True,
            tooltip="Find words in both articles"),
    Binding("escape", "back", "Back", id="compare.back"),
]
