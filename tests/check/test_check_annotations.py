"""Hostile text in pages, file names and URLs never becomes a GitHub workflow command."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from generator.check.cli import check

# A link whose href holds a newline and a workflow command (as &#10; in the attribute).
HOSTILE_HREF = "p/x&#10;::warning file=a::pwned&#13;%0A::add-mask::secret.html"
HREF_AS_READ = "p/x\n::warning file=a::pwned\r%0A::add-mask::secret.html"
EVIL_NAME = "::error::a,b:c%.html"  # a page whose very name is a workflow command


@pytest.fixture
def hostile_site(make_site):
    return make_site(
        {
            "index.html": f'<a href="{HOSTILE_HREF}">x</a><a href="missing\x1b[31m.html">y</a>',
            EVIL_NAME: '<a href="gone.html">z</a>',
        }
    )


def commands(output: str) -> list[str]:
    """The lines the Actions runner takes as workflow commands (it ignores leading spaces)."""
    return [line for line in output.splitlines() if line.lstrip().startswith("::")]


def unescape(text: str) -> str:
    return (
        text.replace("%0A", "\n")
        .replace("%0D", "\r")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
    )


def test_text_lines_under_github_actions_hold_no_command(hostile_site, monkeypatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = CliRunner().invoke(check, [str(hostile_site), "--format", "text"])
    assert result.exit_code == 1
    assert commands(result.stdout) == []
    assert "\x1b" not in result.stdout
    lines = result.stdout.splitlines()
    assert len(lines) == 3  # one line per problem, whatever the text holds
    assert f"./{EVIL_NAME}: gone.html: not found: gone.html" in lines
    assert any(line.startswith("index.html: missing\\x1b[31m.html: ") for line in lines)
    assert any("p/x\\n::warning file=a::pwned\\r%0A::add-mask::secret.html" in ln for ln in lines)


def test_annotations_escape_data_and_properties(hostile_site, monkeypatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = CliRunner().invoke(check, [str(hostile_site)])  # --format auto
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 3 and all(line.startswith("::error file=") for line in lines)
    parsed = []
    for line in lines:
        match = re.fullmatch(r"::error ([^:]*)::(.*)", line)
        assert match, line  # properties hold no raw ":", the message no raw newline
        props = dict(item.split("=", 1) for item in match.group(1).split(","))
        parsed.append((unescape(props["file"]), unescape(match.group(2)), props["title"]))
    site = hostile_site.as_posix()
    assert (f"{site}/{EVIL_NAME}", "gone.html: not found: gone.html", "broken link") in parsed
    (hostile,) = [message for _, message, _ in parsed if message.startswith("p/x\n")]
    # The newline comes back as one (%0A); the carriage return is shown as an escape.
    assert hostile.startswith(HREF_AS_READ.replace("\r", "\\r") + ": not found: p/x::warning")
    assert any("missing\\x1b[31m.html" in message for _, message, _ in parsed)


def test_plain_text_outside_github_actions(hostile_site, monkeypatch) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    result = CliRunner().invoke(check, [str(hostile_site)])
    assert result.exit_code == 1
    assert commands(result.stdout) == []
