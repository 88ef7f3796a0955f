"""The help screen, generated from the bindings active on the screen it was opened from."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from ..widgets.lines import KIND_MARKERS


def binding_rows(screen: Screen) -> list[tuple[str, list[tuple[str, str, str, bool]]]]:
    """Sections of (keys, description, binding id, enabled), one section per owner.

    Keys of the same action and description are joined ("j, down").
    """
    app = screen.app
    sections: dict[str, dict[tuple[str, str], list]] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        if binding.system or not binding.description:
            continue
        rows = sections.setdefault(_owner_name(active, screen), {})
        action, description = binding.action, binding.description
        if action.startswith("open_related("):
            action, description = "open_related", "Compare with the related article of that number"
        row = rows.setdefault((action, description), [[], description, "", False])
        display = app.get_key_display(binding)
        if display not in row[0]:
            row[0].append(display)
        row[2] = row[2] or binding.id or ""
        row[3] = row[3] or active.enabled
    return [
        (owner, [(", ".join(keys), text, ident, enabled) for keys, text, ident, enabled
                 in rows.values()])
        for owner, rows in sections.items()
    ]


def _owner_name(active: ActiveBinding, screen: Screen) -> str:
    node = active.node
    if node is screen:
        return "This screen"
    if node is screen.app:
        return "Everywhere"
    return f"In the focused {type(node).__name__}"


class HelpScreen(ModalScreen[None]):
    """Every key of the screen below, from its bindings."""

    BINDINGS = [
        Binding("escape,question_mark,q,f1", "close", "Close", id="help.close"),
    ]

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.sections = binding_rows(screen)
        self.legend = type(screen).__name__ == "CompareScreen"

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(self._table(), id="help-keys")

    def _table(self) -> Table:
        table = Table(box=None, show_header=False, padding=(0, 1), expand=True)
        table.add_column("Keys", style="bold", no_wrap=True)
        table.add_column("What it does", ratio=1)
        table.add_column("Binding id", style="dim", no_wrap=True)
        for owner, rows in self.sections:
            table.add_row(Text(owner, style="bold underline"), "", "")
            for keys, text, ident, enabled in rows:
                style = "" if enabled else "dim"
                table.add_row(Text(keys, style=style), Text(text, style=style), Text(ident))
            table.add_row("", "", "")
        if self.legend:
            table.add_row(Text("Gutter", style="bold underline"), "", "")
            for kind, marker in KIND_MARKERS.items():
                table.add_row(Text(marker), Text(f"{kind} divergence"), "")
            table.add_row(Text("\u258c"), Text("linked passage (same colour in both panes; two "
                                               "colours: it belongs to two links)"), "")
            table.add_row(Text("\u250a"), Text("passage found in this article only"), "")
            table.add_row(Text("\u25b8"), Text("cursor"), "")
            table.add_row(Text("4/5"), Text("in a story of 3 articles or more: 4 of its 5 "
                                            "articles tell this passage (u: only this one; o: "
                                            "what all the others tell and this one leaves out)"),
                          "")
        table.add_row("", Text("ctrl+p opens the command palette; escape closes this help.",
                               style="italic"), "")
        return table

    def action_close(self) -> None:
        self.dismiss(None)
