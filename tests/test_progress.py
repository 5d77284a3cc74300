"""The one progress bar: drawn on a terminal, silent when piped, throttled, finished once."""

from __future__ import annotations

import io

from datasheet_kit.progress import Progress


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_bar_only_on_a_terminal():
    shown, hidden = Terminal(), io.StringIO()
    for stream in (shown, hidden):
        bar = Progress(unit="cards", stream=stream)
        for done in range(1, 4):
            bar(done, 3)
    assert "3/3" in shown.getvalue() and hidden.getvalue() == ""
    assert shown.getvalue().endswith(" cards/s\n") and shown.getvalue().startswith("\r[")


def test_redraws_are_throttled_but_the_end_is_always_drawn():
    stream = Terminal()
    bar = Progress("hashing", "files", stream=stream, interval=3600)
    for done in range(1, 101):
        bar(done, 100)
    drawn = stream.getvalue().split("\r")[1:]
    assert len(drawn) == 2  # the first call, then the last
    assert drawn[-1].startswith("hashing [" + "#" * 30 + "] 100/100 ")
    assert stream.getvalue().count("\n") == 1
