"""The export dialog: a format, a path with a default name, an atomic write that never
overwrites without asking, and where it wrote."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

from ...core.ingest.safety import neutralise
from ...core.model import Comparison


def export_formats() -> list[str]:
    from ...core.export import FORMATS

    return list(FORMATS)


class FormatChoice(RadioSet):
    """The formats in a row: the arrow keys choose at once (space too), enter writes."""

    BINDINGS = [Binding("enter", "screen.export", "Export", show=False)]

    _ready = False
    """Set once the highlight is on the chosen format: before, moving it chooses nothing
    (``RadioSet`` moves it to the first button when mounted)."""

    @property
    def chosen(self) -> str | None:
        """The name of the pressed button, as it is now (its Changed message may be queued)."""
        return next((b.name for b in self.query(RadioButton) if b.value), None)

    def highlight(self, name: str) -> None:
        """Move the highlight (not the choice) to the button ``name``."""
        for _ in range(len(self.children)):
            if self._selected is not None and self.children[self._selected].name == name:
                break
            super().action_next_button()
        self._ready = True

    def _press_highlighted(self) -> None:
        if not self._ready:
            return
        button = self.children[self._selected] if self._selected is not None else None
        if isinstance(button, RadioButton) and not button.value:
            button.value = True

    def action_next_button(self) -> None:
        super().action_next_button()
        self._press_highlighted()

    def action_previous_button(self) -> None:
        super().action_previous_button()
        self._press_highlighted()

    def action_toggle_button(self) -> None:
        self._press_highlighted()  # (a pressed radio button stays pressed)


class ExportDialog(ModalScreen[Path | None]):
    """Returns the path written, or None when cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="export.cancel"),
        Binding("ctrl+s", "export", "Export", id="export.write",
                tooltip="Write the file (enter in the path box does the same)"),
    ]

    def __init__(self, comparison: Comparison, directory: Path, fmt: str | None = None) -> None:
        super().__init__()
        self.comparison = comparison
        self.directory = directory
        self.formats = export_formats()
        self.format = fmt if fmt in self.formats else self.formats[0]
        """The format chosen (``fmt``, the one last exported, to start with)."""
        self._confirm: Path | None = None
        """A path the user was told exists; writing it again overwrites."""

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box"):
            yield Label("Export this comparison", id="export-title")
            yield Label("Format (arrow keys choose, enter writes, tab to the path)",
                        classes="export-label")
            with FormatChoice(id="export-format"):
                for name in self.formats:
                    yield RadioButton(name, value=name == self.format, name=name)
            yield Label("Write to (enter writes; an existing file is never replaced unasked)",
                        classes="export-label")
            yield Input(self._default_path(), id="export-path")
            yield Static(id="export-message")
            with Horizontal(id="export-buttons"):
                yield Button("Export", variant="primary", id="export-ok")
                yield Button("Cancel", id="export-cancel")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).cursor_blink = self.app.blink
        formats = self.query_one("#export-format", FormatChoice)
        formats.focus()  # the label says arrow keys: they work at once
        self.call_after_refresh(formats.highlight, self.format)  # (once the set is mounted)

    def _default_path(self) -> str:
        from ...core.export import default_filename

        return str(self.directory / default_filename(self.comparison, self.format))

    def _say(self, message: str, style: str = "") -> None:
        self.query_one("#export-message", Static).update(Text(neutralise(message), style=style))

    @on(RadioSet.Changed, "#export-format")
    def _format_changed(self, event: RadioSet.Changed) -> None:
        self._use_format(self.formats[event.index])

    def _use_format(self, fmt: str) -> None:
        if fmt == self.format:
            return
        box = self.query_one("#export-path", Input)
        was_default = box.value == self._default_path()
        self.format = fmt
        if was_default:
            box.value = self._default_path()
        self._confirm = None

    @on(Input.Changed, "#export-path")
    def _path_changed(self) -> None:
        if self._confirm is not None:
            self._confirm = None
            self._say("")

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export-ok")
    def action_export(self) -> None:
        from ...core.export import render
        from ...core.export.atomic import write_atomic

        chosen = self.query_one("#export-format", FormatChoice).chosen
        if chosen:  # (enter right after an arrow key: before its Changed message arrives)
            self._use_format(chosen)
        raw = self.query_one("#export-path", Input).value.strip()
        if not raw:
            self._say("Give a path to write to.", "bold")
            return
        path = Path(raw).expanduser()
        if not path.is_absolute():
            path = self.directory / path
        if path.is_dir():  # a folder: the default name inside it
            from ...core.export import default_filename

            path = path / default_filename(self.comparison, self.format)
        overwrite = self._confirm == path
        try:
            write_atomic(path, render(self.comparison, self.format), overwrite=overwrite)
        except FileExistsError:
            self._confirm = path
            self._say(f"{path} exists. Press enter again to replace it, or change the path.",
                      "bold")
            return
        except OSError as error:
            self._say(f"Could not write {path}: {error.strerror or error}", "bold")
            return
        self.app.export_format = self.format
        self.dismiss(path)

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
