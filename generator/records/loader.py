"""Read one YAML file safely: the edge where bytes from editors become Python data.

PyYAML's C loader does the parsing (fast); this module adds what PyYAML lets through
silently or handles badly: duplicate keys, aliases (billion laughs), tabs, byte-order
marks, other encodings, huge files, and timestamps turned into `datetime` objects.
Every refusal is a `Problem` with a line and column.
"""

from __future__ import annotations

import hashlib
import math
import os
import re
import stat
from pathlib import Path
from typing import Any

import yaml

from generator.records.problems import Problem, display_path

MAX_BYTES = 1_000_000  # a record is ~1-10 KB; refuse before reading anything bigger
MAX_BYTES_LIST = 20_000_000  # bases.yaml / actors.yaml / statements.yaml
# Records nest 4 levels deep. libyaml's composer recurses in C: ~50,000 nested `[` (50 KB)
# overflow the C stack and kill the process, so deeper nesting is refused before composing.
MAX_DEPTH = 100

_CLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# What XML 1.0 (the feeds) cannot hold. libyaml refuses these as raw bytes, but a
# double-quoted escape ("\e", "\x1b", "\0") still puts them in a value.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# YAML 1.1 (what PyYAML implements) reads 010 as 8, 0x10 as 16, 1:30 as 90 and 1_000 as
# 1000: only plain decimal numbers are taken, the rest is refused with what to write.
_DECIMAL_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)\Z")
_DECIMAL_FLOAT = re.compile(r"[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?\Z")
_WORD_BOOLS = {"yes", "no", "on", "off"}
_MERGE = "tag:yaml.org,2002:merge"


def _at(node: yaml.Node, message: str, rule: str = "bad-value") -> YamlError:
    return YamlError(node.start_mark.line + 1, node.start_mark.column + 1, message, rule)


def _yaml11_number(text: str, value: Any) -> str:
    """What to say about a number written in a YAML 1.1 form other than plain decimal."""
    bare = text.lstrip("+-").replace("_", "")
    sign = "-" if text.startswith("-") else ""
    if ":" in text:
        return (
            f"'{text}' is read by YAML as {value} (base 60); write the number itself, "
            "or put it in quotes if it is text"
        )
    if "_" in text:
        return f"write {sign}{bare}, not {text} (no '_' in numbers)"
    if bare[:2].lower() in ("0x", "0b", "0o"):
        return f"'{text}' is read by YAML as {value}; write the number in decimal ({value})"
    return f"write {sign}{bare.lstrip('0') or '0'}, not {text} (YAML reads {text} as {value})"


_ALIAS_MESSAGE = "YAML aliases (*name) are not allowed in records; write the value out"


class YamlError(Exception):
    def __init__(self, line: int, column: int, message: str, rule: str):
        super().__init__(message)
        self.line, self.column, self.rule = line, column, rule


class StrictLoader(_CLoader):  # type: ignore[misc, valid-type]
    """Safe loader that refuses duplicate keys and aliases, and keeps dates as strings."""

    # Dates stay ISO strings: the schema checks their shape, the validator their calendar.
    yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in _CLoader.yaml_implicit_resolvers.items()
    }

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        # The composer hands back the same node for every alias of an anchor; seeing a node
        # twice means an alias. Records never need them, and they are how YAML bombs work.
        if node in self.constructed_objects or node in self.recursive_objects:
            raise YamlError(
                node.start_mark.line + 1,
                node.start_mark.column + 1,
                _ALIAS_MESSAGE,
                "yaml-alias",
            )
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, OverflowError) as err:  # int("9" * 5000) refuses to convert
            raise YamlError(
                node.start_mark.line + 1,
                node.start_mark.column + 1,
                f"value cannot be read ({str(err).split(';')[0]})",
                "bad-value",
            ) from None

    def construct_yaml_int(self, node: yaml.Node) -> int:
        value = super().construct_yaml_int(node)
        if not _DECIMAL_INT.match(node.value):
            raise _at(node, _yaml11_number(node.value, value))
        return value

    def construct_yaml_bool(self, node: yaml.Node) -> bool:
        value = super().construct_yaml_bool(node)
        if node.value.lower() in _WORD_BOOLS:  # NO (Norway), off, yes... are text
            raise _at(
                node,
                f"'{node.value}' is read by YAML as {str(value).lower()}; put it in quotes "
                f'("{node.value}") if it is text, or write {str(value).lower()}',
            )
        return value

    def construct_yaml_float(self, node: yaml.Node) -> float:
        value = super().construct_yaml_float(node)
        if math.isfinite(value) and not _DECIMAL_FLOAT.match(node.value):
            raise _at(node, _yaml11_number(node.value, value))
        if not math.isfinite(value):  # .nan passes every minimum/maximum check
            raise YamlError(
                node.start_mark.line + 1,
                node.start_mark.column + 1,
                f"'{node.value}' is not a number a record can hold; write a number",
                "bad-value",
            )
        return value

    def construct_mapping(self, node: yaml.Node, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, yaml.Node] = {}
        for key_node, _ in node.value:
            if key_node.tag == _MERGE:  # `<<: {...}` can hide a duplicate key
                raise _at(
                    key_node,
                    "merge keys (<<) are not allowed in records; write the keys out",
                    "merge-key",
                )
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else id(key_node)
            if key in seen:
                first = seen[key].start_mark.line + 1
                raise YamlError(
                    key_node.start_mark.line + 1,
                    key_node.start_mark.column + 1,
                    f"duplicate key {key!r} (first given on line {first}); keep one",
                    "duplicate-key",
                )
            seen[key] = key_node
        return super().construct_mapping(node, deep=deep)


StrictLoader.add_constructor("tag:yaml.org,2002:float", StrictLoader.construct_yaml_float)
StrictLoader.add_constructor("tag:yaml.org,2002:int", StrictLoader.construct_yaml_int)
StrictLoader.add_constructor("tag:yaml.org,2002:bool", StrictLoader.construct_yaml_bool)


class EscapesLoader(StrictLoader):
    """StrictLoader that also checks every string: used only for texts with a backslash,
    the only way (a double-quoted escape) a control character gets into a value."""

    def construct_yaml_str(self, node: yaml.Node) -> str:
        value = super().construct_yaml_str(node)
        if (bad := _CONTROL.search(value)) is not None:
            raise YamlError(
                node.start_mark.line + 1,
                node.start_mark.column + 1,
                f"text holds U+{ord(bad[0]):04X}, a control character that web pages and "
                "feeds cannot carry (written as an escape such as \\x1b); remove it",
                "bad-value",
            )
        return value


EscapesLoader.add_constructor("tag:yaml.org,2002:str", EscapesLoader.construct_yaml_str)


def digest(data: bytes) -> int:
    """The content hash that caches key a file's bytes by (never its path, size or mtime)."""
    return int.from_bytes(hashlib.blake2b(data, digest_size=16).digest(), "big")


_OPEN = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
_OPEN |= getattr(os, "O_CLOEXEC", 0)


def read_bytes(path: Path, limit: int = MAX_BYTES, root: Path | None = None) -> bytes:
    """At most `limit` bytes of a regular file, or YamlError. A symbolic link is followed only
    when it stays inside `root` (the content folder); FIFOs and devices are never opened for
    reading (O_NONBLOCK: opening a FIFO does not wait for a writer)."""
    target = os.fspath(path)
    if root is not None and os.path.islink(target):
        real = os.path.realpath(target)
        inside = os.path.realpath(root)
        if os.path.commonpath([real, inside]) != inside:
            raise YamlError(
                0,
                0,
                "file is a symbolic link to something outside the content folder; "
                "records must be plain files inside it",
                "symlink",
            )
        target = real
    try:
        fd = os.open(target, _OPEN)
    except OSError:
        if os.path.islink(target):  # O_NOFOLLOW: ELOOP
            raise YamlError(
                0, 0, "file is a symbolic link; a record must be a plain file", "symlink"
            ) from None
        raise
    try:
        info = os.fstat(fd)  # of what was opened, not of a name that may change meanwhile
        if not stat.S_ISREG(info.st_mode):
            raise YamlError(
                0,
                0,
                "not a regular file (a folder, FIFO or device); a record is a plain text file",
                "not-a-file",
            )
        if info.st_size > limit:
            raise _too_large(info.st_size, limit)
        chunks, left = [], limit + 1  # one byte over the limit says the file grew past it
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise _too_large(len(data), limit)
    return data


def _too_large(size: int, limit: int) -> YamlError:
    return YamlError(
        0, 0, f"file is {size:,} bytes; a file here is at most {limit:,} bytes", "too-large"
    )


def read_text(path: Path, limit: int = MAX_BYTES, root: Path | None = None) -> str:
    """Decode a file as UTF-8 without BOM, or raise YamlError saying what is wrong."""
    return decode(read_bytes(path, limit, root))


def decode(data: bytes) -> str:
    """UTF-8 text without BOM, or YamlError (saying which encoding it looks like)."""
    if data.startswith(b"\xef\xbb\xbf"):
        raise YamlError(
            1, 1, "file starts with a byte-order mark; save it as UTF-8 without BOM", "encoding"
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise YamlError(1, 1, "file is UTF-16; save it as UTF-8", "encoding")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise YamlError(
            data.count(b"\n", 0, nul) + 1,
            nul - (data.rfind(b"\n", 0, nul) + 1) + 1,
            "file holds NUL bytes: it looks like UTF-16 without a byte-order mark, "
            "or not a text file; save it as UTF-8",
            "encoding",
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        raise YamlError(
            line,
            column,
            f"byte 0x{data[err.start]:02x} is not UTF-8; "
            "save the file as UTF-8 (it looks like Latin-1 or Windows-1252)",
            "encoding",
        ) from None


def _check_tabs(text: str) -> None:
    for number, line in enumerate(text.splitlines(), 1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            raise YamlError(
                number, indent.index("\t") + 1, "tab in indentation; indent with spaces", "tab"
            )


def _check_depth(text: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH before libyaml's recursive composer sees it."""
    # Each level needs one of these characters: a count below the limit proves the file safe
    # (every real record) without parsing it twice.
    if sum(text.count(c) for c in "[{-:?") <= MAX_DEPTH:
        return
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_CLoader):  # libyaml's parser does not recurse
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise _too_deep(event.start_mark)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as err:
        # libyaml 0.2.5 as bundled by PyYAML >= 6.0.4 stops deep flow nesting in its scanner,
        # which reads ahead of the events above: the same refusal, reported the same way.
        if "nesting depth" in (err.problem or "") and err.problem_mark is not None:
            raise _too_deep(err.problem_mark) from None
        raise


def _too_deep(mark: yaml.Mark) -> YamlError:
    return YamlError(
        mark.line + 1,
        mark.column + 1,
        f"nested more than {MAX_DEPTH} levels deep; a record needs a few",
        "too-deep",
    )


def _reader_error(text: str, err: yaml.reader.ReaderError) -> YamlError:
    # libyaml reports a byte offset into the UTF-8 text, without line or column.
    before = text.encode("utf-8", "surrogatepass")[: err.position].decode("utf-8", "replace")
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    return YamlError(
        line,
        column,
        f"character U+{err.character:04X} is not allowed in YAML ({err.reason}); remove it",
        "yaml-syntax",
    )


def parse(text: str) -> Any:
    """Parse YAML text with StrictLoader, turning every failure into a YamlError."""
    _check_tabs(text)
    loader = EscapesLoader(text) if "\\" in text else StrictLoader(text)
    try:
        _check_depth(text)
        return loader.get_single_data()
    except YamlError as err:
        if err.rule in ("yaml-alias", "merge-key"):  # the constructor sees the anchored node
            events = yaml.parse(text, Loader=_CLoader)
            first = next((e for e in events if isinstance(e, yaml.AliasEvent)), None)
            if first is not None:  # `<<: *name` is reported as the alias it is
                err.line, err.column = first.start_mark.line + 1, first.start_mark.column + 1
                err.rule, err.args = "yaml-alias", (_ALIAS_MESSAGE,)
        raise
    except yaml.reader.ReaderError as err:
        raise _reader_error(text, err) from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        what = err.problem or "malformed YAML"
        if err.context:
            what = f"{err.context}, {what}"
            start = err.context_mark
            if start and mark and start.line != mark.line:  # an unclosed [ or " far above
                what += f" (it starts on line {start.line + 1}, column {start.column + 1})"
        raise YamlError(
            mark.line + 1 if mark else 0,
            mark.column + 1 if mark else 0,
            f"malformed YAML: {what}",
            "yaml-syntax",
        ) from None
    except yaml.YAMLError as err:
        raise YamlError(0, 0, f"malformed YAML: {err}", "yaml-syntax") from None
    finally:
        loader.dispose()


def load_file(
    path: Path, limit: int = MAX_BYTES, root: Path | None = None, raw: bytes | None = None
) -> tuple[Any, str, list[Problem]]:
    """(data, text, problems) of one file (or of its bytes `raw`, already read with
    read_bytes); data is None when problems is not empty."""
    text = ""
    try:
        text = decode(raw if raw is not None else read_bytes(path, limit, root))
        return parse(text), text, []
    except YamlError as err:
        # Not for too-deep (composing it is the crash) nor yaml-alias (nothing to gain).
        located = err.rule in ("duplicate-key", "merge-key", "bad-value", "yaml-syntax")
        key = err.rule in ("duplicate-key", "merge-key")
        field = _path_at(text, err.line, err.column, key) if located else ""
        return (
            None,
            "",
            [Problem(display_path(path), err.line, err.column, field, str(err), err.rule)],
        )
    except OSError as err:
        return (
            None,
            "",
            [Problem(display_path(path), 0, 0, "", f"cannot read: {err.strerror}", "io")],
        )


def _path_at(text: str, line: int, column: int, keys: bool) -> str:
    """Field path ("casualties.killed.min") of the scalar, or with `keys` the key, that starts
    at line:column; "" when there is none (syntax errors, whole-file problems)."""
    if not text or not line:
        return ""
    try:
        root = yaml.compose(text, Loader=_CLoader)  # error path only; never for too-deep
    except yaml.YAMLError:
        return ""
    stack: list[tuple[Any, str]] = [(root, "")]
    seen: set[int] = set()  # aliases share nodes: a YAML bomb is a small graph, a huge tree
    while stack:
        node, path = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        at = node is not None and (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.ScalarNode) and not keys and at == (line, column):
            return path
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                name = str(key.value) if isinstance(key, yaml.ScalarNode) else "?"
                child = f"{path}.{name}" if path else name
                if keys and (key.start_mark.line + 1, key.start_mark.column + 1) == (line, column):
                    return child
                if not keys and isinstance(key, yaml.ScalarNode):
                    stack.append((key, child))
                stack.append((value, child))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, f"{path}[{n}]") for n, item in enumerate(node.value))
    return ""


def locate(text: str, path: tuple[str | int, ...], key: bool = False) -> tuple[int, int]:
    """1-based (line, column) of the node at `path` in YAML `text` (deepest existing node).

    Only called when a problem is reported, so the second parse costs nothing on clean runs.
    For a missing key it points at the mapping that should hold it; with `key`, at the key
    of the last step rather than its value (an unknown field is its name).
    """
    try:
        node = yaml.compose(text, Loader=_CLoader)
    except yaml.YAMLError:
        return 0, 0
    if node is None:
        return 1, 1
    for n, step in enumerate(path):
        child = None
        if isinstance(node, yaml.MappingNode):
            pair = next(((k, v) for k, v in node.value if k.value == step), None)
            if pair is not None:
                child = pair[0] if key and n == len(path) - 1 else pair[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
            child = node.value[step] if 0 <= step < len(node.value) else None
        if child is None:
            break
        node = child
    return node.start_mark.line + 1, node.start_mark.column + 1
