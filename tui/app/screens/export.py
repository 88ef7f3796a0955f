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


class ExportDialog(ModalScreen[Path | None]):
    """Returns the path written, or None when cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="export.cancel"),
        Binding("ctrl+s", "export", "Export", id="export.write",
                tooltip="Write the file (enter in the path box does the same)"),
    ]

    def __init__(self, comparison: Comparison, directory: Path) -> None:
        super().__init__()
        self.comparison = comparison
        self.directory = directory
        self.formats = export_formats()
        self.format = self.formats[0]
        self._confirm: Path | None = None
        """A path the user was told exists; writing it again overwrites."""

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box"):
            yield Label("Export this comparison", id="export-title")
            yield Label("Format (arrow keys, space to choose)", classes="export-label")
            with RadioSet(id="export-format"):
                for n, name in enumerate(self.formats):
                    yield RadioButton(name, value=n == 0, name=name)
            yield Label("Write to (enter writes; an existing file is never replaced unasked)",
                        classes="export-label")
            yield Input(self._default_path(), id="export-path")
            yield Static(id="export-message")
            with Horizontal(id="export-buttons"):
                yield Button("Export", variant="primary", id="export-ok")
                yield Button("Cancel", id="export-cancel")

    def on_mount(self) -> None:
        box = self.query_one("#export-path", Input)
        box.cursor_blink = self.app.blink
        box.focus()

    def _default_path(self) -> str:
        from ...core.export import default_filename

        return str(self.directory / default_filename(self.comparison, self.format))

    def _say(self, message: str, style: str = "") -> None:
        self.query_one("#export-message", Static).update(Text(neutralise(message), style=style))

    @on(RadioSet.Changed, "#export-format")
    def _format_changed(self, event: RadioSet.Changed) -> None:
        box = self.query_one("#export-path", Input)
        was_default = box.value == self._default_path()
        self.format = self.formats[event.index]
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

        raw = self.query_one("#export-path", Input).value.strip()
        if not raw:
            self._say("Give a path to write to.", "bold")
            return
        path = Path(raw).expanduser()
        if not path.is_absolute():
            path = self.directory / path
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
        self.dismiss(path)

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
