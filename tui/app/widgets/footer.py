"""Textual's footer, rebuilt only when the keys it shows change.

Textual's ``Footer`` recomposes (unmounts and mounts every key) after each change of bindings:
a focus change, ``refresh_bindings()``, a screen pushed or popped.  Starting the library makes
about seven of them in a row, each a dozen milliseconds and most showing the same keys.  This
footer folds the changes made before the next refresh into one and skips it when the keys,
labels, tooltips and greyed-out states are the ones already shown. Its keys are also made
in the footer's style (compact or not) instead of being restyled twice once mounted.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey


class Footer(TextualFooter):
    """A ``Footer`` that recomposes at most once per refresh, and only for a visible change."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._pending = False
        self._shown: tuple | None = None

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey) and "compact" in (widget._reactive_connect or {}):
                # A key bound to the footer's style starts compact and takes that style once
                # mounted, a style update each way: start it in the footer's style instead
                widget.set_reactive(FooterKey.compact, self.compact)
                widget.set_class(self.compact, "-compact", update=False)
            yield widget

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._pending:
            self._pending = True
            self.call_after_refresh(self._recompose_if_changed)

    def _keys_shown(self) -> tuple:
        """Everything ``Footer.compose`` reads, for the bindings it would show."""
        app = self.app
        shown = []
        for key, (_node, binding, enabled, tooltip) in self.screen.active_bindings.items():
            if binding.show or key == app.COMMAND_PALETTE_BINDING:
                shown.append((key, binding.key, binding.action, binding.description,
                               binding.group, binding.tooltip, app.get_key_display(binding),
                               enabled, tooltip))
        return (self.show_command_palette, app.ENABLE_COMMAND_PALETTE, self.compact,
                tuple(shown))

    async def _recompose_if_changed(self) -> None:
        self._pending = False
        if not self.is_attached:
            return
        shown = self._keys_shown()
        if shown == self._shown:
            return
        self._shown = shown
        await self.recompose()
