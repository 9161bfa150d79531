"""`chronology serve --search` keeps search honest: after an edit, the shard holding the edited
record is indexed again and the new word is found in it."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import cbor2

from tests.editing.test_serve import Server, project, until  # noqa: F401 (a fixture)


def words(shard: Path) -> set[str]:
    found = set()
    for chunk in (shard / "index").glob("fr_*.pf_index"):
        data = gzip.decompress(chunk.read_bytes())
        found.update(w[0] for w in cbor2.loads(data[len(b"pagefind_dcd") :])[0])
    return found


def entry(shard: Path) -> str:
    return (shard / "pagefind-entry.json").read_text("utf-8")


def test_an_edit_updates_only_its_shard(project: Path) -> None:  # noqa: F811
    server = Server(project, "--search")
    index = project / "output" / "pagefind"
    try:
        until("the search index", lambda: (index / "shards.json").is_file())
        before = {"2024": entry(index / "2024")}
        assert not any(w.startswith("zanzibar") for w in words(index / "2024"))
        record = sorted((project / "content" / "incidents" / "2024").glob("*.yaml"))[0]
        text = record.read_text("utf-8")
        edited = re.sub(
            r"(?m)^summary:\n  fr: >-\n", "summary:\n  fr: >-\n    Zanzibarique.\n", text
        )
        assert edited != text
        record.write_text(edited, "utf-8")

        def updated() -> bool:
            try:
                return entry(index / "2024") != before["2024"]
            except OSError:
                return False

        until("the 2024 shard indexed again", updated)
        assert any(w.startswith("zanzibar") for w in words(index / "2024"))
        listing = json.loads((index / "shards.json").read_text("utf-8"))
        assert [s["name"] for s in listing["shards"]] == ["2023", "2024"]
    finally:
        server.stop()
