"""Make untrusted article text safe to show in a terminal.

Control characters (C0 but tab and newline, DEL, C1), and the bidi override and isolate
characters used by the Trojan Source trick are replaced by visible stand-ins, so nothing in an
article can move the cursor, change colours, write the clipboard or reorder what a reader sees.
"""

from __future__ import annotations

import re

# Bidi embedding/override/isolate controls: shown, never obeyed.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"

_CONTROL_RE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f" + BIDI_CONTROLS + "]"
)


def _visible(match: re.Match[str]) -> str:
    ch = match.group()
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # control pictures: ␛ for ESC, ␇ for BEL, ␍ for CR
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def neutralise(text: str) -> str:
    """Return ``text`` with every control character shown as a visible stand-in.

    Tabs and newlines are kept. The result has the same number of lines as the input.
    """
    return _CONTROL_RE.sub(_visible, text)


def has_controls(text: str) -> bool:
    return _CONTROL_RE.search(text) is not None


# In JSON written with ensure_ascii=False, the characters a terminal or an editor would obey.
# json.dumps already escapes C0 controls inside strings and writes only spaces and newlines
# between tokens, so every match below sits inside a string, where ``\uXXXX`` means the same.
_JSON_UNSAFE_RE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029" + BIDI_CONTROLS + "]"
)


def escape_json_controls(text: str) -> str:
    """Return JSON ``text`` (from ``json.dumps(..., ensure_ascii=False)``) with C1, DEL, bidi
    and line/paragraph separator characters written as ``\\uXXXX`` escapes.

    The document decodes to the same value; printed, it holds nothing a terminal would act on.
    """
    return _JSON_UNSAFE_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
