"""`commands/output.print_line`: whatever a caller passes, the terminal gets plain, inert text."""

from __future__ import annotations

import io
import json

from explainer.commands.output import print_line


def test_print_line_removes_control_sequences_and_keeps_markup_as_typed() -> None:
    out = io.StringIO()
    print_line("[bold]x[/bold] [@click=app.quit]q[/] \x1b[31mred\x1b[0m\x1b]0;owned\x07 \x9b2J"
               "\x07bell\u202eevil", out)
    assert out.getvalue() == "[bold]x[/bold] [@click=app.quit]q[/] red 2Jbellevil\n"


def test_print_line_keeps_lines_tabs_and_json() -> None:
    out = io.StringIO()
    payload = json.dumps({"question": "what is \x1b[2J ICE?", "n": "a\tb"})
    print_line("first\n\tsecond", out)
    print_line(payload, out)
    first, second, line = out.getvalue().splitlines()
    assert (first, second) == ("first", "\tsecond")
    assert json.loads(line) == {"question": "what is \x1b[2J ICE?", "n": "a\tb"}
