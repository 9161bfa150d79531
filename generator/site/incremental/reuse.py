"""Pages of the published site reused by the next `chronology build` (another process).

A build records, for every page, a key of what the page shows: the version (path, blake2b of
the bytes, size) of each record it shows, the tallies it prints, all under a fingerprint of
everything else that shapes a page (the bytes of every template in every folder Jinja
searches, THEME_TEMPLATES_OVERRIDES included; the bytes of the catalogs in every locale folder
searched; the generator's code and data; the settings; the gazetteer files' bytes; the
libraries). No key is a modification time. The next build into the same output folder
computes the same keys; a page whose key is unchanged, and whose file in the published
folder is the one that build wrote (same size and mtime), is hard-linked into the new site
instead of being rendered again (a copy where links are refused).
Every writer of the output replaces files (temporary file, rename), never rewrites one in
place, so a link cannot see a later change.

A recycled folder (generator/recycle.py: the site published before the last one, kept as
the next build's staging folder) comes with that site's keys: a file there whose key is
unchanged, and whose size and mtime are those recorded, is left where it is (no link, no
folder to make).

The keys are the in-process signatures (generator/site/incremental/signatures.py) with each incident
replaced by its record's version: the incremental tests hold the signatures to "equal to a
clean build", and tests/test_incremental.py holds reused builds to the same.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from importlib import metadata
from pathlib import Path
from typing import Any

from generator.diskcache import read_sealed, write_sealed
from generator.files import stamp
from generator.site.incremental.rendered import RenderedPages
from generator.site.incremental.signatures import Same

MANIFEST = "pages.marshal"  # the keys of the published site
SPARE = "spare.marshal"  # the keys of the recycled folder (generator/recycle.py)
RENDERED = "rendered"  # pages kept by key (generator/site/incremental/rendered.py)
_VOLATILE = ("OUTPUT_PATH", "CHRONOLOGY_")  # settings that do not shape a page
# Where the content, the project and the templates are, not what they hold (their bytes are
# in the fingerprint): a fresh clone elsewhere with its .cache restored has the same keys.
_PLACES = frozenset({"PATH", "ROOT", "THEME", "THEME_TEMPLATES_OVERRIDES"})
_LIBRARIES = ("Jinja2", "MarkupSafe", "Babel", "cmarkgfm", "nh3", "pelican", "feedgenerator")


def _digest(value: Any) -> bytes:
    return hashlib.blake2b(repr(value).encode("utf-8", "surrogatepass"), digest_size=16).digest()


def content_hash(path: Path) -> str | None:
    """blake2b of a file's bytes (None: missing or unreadable)."""
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, lambda: hashlib.blake2b(digest_size=16)).hexdigest()
    except OSError:
        return None


def template_roots(loader: Any) -> list[Path]:
    """Every folder a Jinja loader searches (ChoiceLoader, PrefixLoader, FileSystemLoader:
    what Pelican builds from THEME, THEME_TEMPLATES_OVERRIDES and its own simple theme)."""
    roots: list[Path] = []
    todo = [loader]
    while todo:
        here = todo.pop(0)
        todo.extend(getattr(here, "loaders", ()))
        todo.extend(getattr(here, "mapping", {}).values())
        roots.extend(Path(p) for p in getattr(here, "searchpath", ()))
    return roots


def fingerprint(
    settings: dict[str, Any],
    code_roots: Iterable[Path],
    gazetteer: Any,
    template_roots: Iterable[Path] = (),
) -> bytes:
    """Everything but the records that a page's bytes depend on."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(sys.version.encode())
    for name in _LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)};".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=?;".encode())
    kept = sorted(
        (k, v) for k, v in settings.items() if not k.startswith(_VOLATILE) and k not in _PLACES
    )
    digest.update(repr(kept).encode("utf-8", "surrogatepass"))
    digest.update(repr(gazetteer).encode("utf-8", "surrogatepass"))
    code = [*code_roots]
    for n, root in enumerate([*code, *template_roots]):
        left_out = NOT_BUILT if n < len(code) else frozenset()  # templates: every folder
        digest.update(f"root {n}\0".encode())
        for folder, _dirs, files in sorted(os.walk(root)):
            for name in sorted(files):
                if name.endswith((".pyc", ".marshal")):
                    continue
                path = os.path.join(folder, name)
                relative = os.path.relpath(path, root)  # the same in a copy of the project
                if relative.split(os.sep, 1)[0] in left_out:
                    continue
                digest.update(relative.encode("utf-8", "surrogatepass") + b"\0")
                try:
                    with open(path, "rb") as handle:
                        digest.update(handle.read())
                except OSError:
                    digest.update(b"\0unreadable")
    return digest.digest()


class _Unknown(Exception):
    pass


def key(page: Any, signature: Any, versions: dict[int, Any]) -> bytes | None:
    """A page's key across processes, or None when it has none (pages always rendered).
    `page` is a Page, or any name for other files (the downloads)."""
    if signature is None:
        return None

    def durable(value: Any) -> Any:
        if isinstance(value, Same):
            out = []
            for item in value.items:
                if item is None:
                    out.append(None)
                    continue
                version = versions.get(id(item))
                if version is None:
                    raise _Unknown
                out.append(version)
            return ("same", tuple(out))
        if isinstance(value, tuple):
            return tuple(durable(v) for v in value)
        return value

    try:
        value = durable(signature)
    except _Unknown:
        return None
    where = (page.kind, page.key, page.lang, page.number) if hasattr(page, "kind") else page
    return _digest((where, value))


class Reuse:
    """The previous build's keys, if it was published at `source` with `fingerprint`; and
    those of the folder being built in, `into`, if it is the recycled site once at `spare`."""

    def __init__(
        self,
        folder: Path,
        source: Path | None,
        print_: bytes,
        into: Path | None = None,
        spare: Path | None = None,
    ):
        self.folder, self.source, self.fingerprint = folder, source, print_
        self.into = into
        self.new: dict[str, bytes] = {}
        self.stamps: dict[str, tuple[int, int]] = {}  # of the files reused: no stat in save()
        self.reused = 0
        self.old = self._load(MANIFEST, source) if source and source.is_dir() else {}
        # Read once, then removed: a build killed from here on leaves no keys for a folder
        # it may have changed.
        self.here = self._load(SPARE, spare, remove=True) if into and spare else {}
        self.rendered = RenderedPages(folder / RENDERED, print_)  # for an empty folder
        self.written: dict[str, tuple[int, bytes]] = {}  # size and digest of each file written

    def _load(
        self, name: str, tree: Path | None, remove: bool = False
    ) -> dict[str, tuple[bytes, int, int]]:
        payload = read_sealed(self.folder / name)  # checked: a changed file is discarded
        try:
            if remove:
                os.unlink(self.folder / name)
            manifest = marshal.loads(payload) if payload is not None else None
        except (OSError, EOFError, ValueError, TypeError):
            return {}
        if (
            isinstance(manifest, dict)
            and manifest.get("source") == os.fspath(tree)
            and manifest.get("fingerprint") == self.fingerprint
        ):
            return manifest.get("files", {})
        return {}

    def take(self, relative: str, page_key: bytes | None, out: Any) -> bool:
        """Keep output/`relative` if it is already right (a recycled folder), else link it
        from the published site if its key is unchanged; False: not there (`restore` may
        still have it from the cache, else it is made)."""
        if page_key is None:
            return False
        self.new[relative] = page_key
        here = self.here.get(relative)
        if here is not None and here[0] == page_key:
            now = stamp(os.path.join(self.into, relative))  # type: ignore[arg-type]
            if now == here[1:]:
                out.leave(relative)
                self.stamps[relative] = now
                self.reused += 1
                return True
        known = self.old.get(relative)
        if known is not None and known[0] == page_key:
            source = os.path.join(self.source, relative)  # type: ignore[arg-type]
            # Only the file that build wrote (same size and mtime) is linked.
            if stamp(source) == known[1:] and out.link(relative, source):
                self.stamps[relative] = known[1:]  # a hard link: the same size and mtime
                self.reused += 1
                return True
        return False

    def restore(self, wanted: list[tuple[str, bytes | None]], out: Any) -> list[bool]:
        """Write the files of `wanted` (path, key) that `take` did not find and the cache
        keeps (rendered.py); True for each written. Two threads: making a file costs the
        kernel more than reading it from the store, and the threads wait on it apart."""

        def one(item: tuple[str, bytes | None]) -> bool:
            relative, page_key = item
            if page_key is None:
                return False
            kept = self.rendered.page(relative, page_key)
            if kept is None:
                return False
            out.restore(relative, kept)
            return True

        if self.rendered.empty:
            return [False] * len(wanted)
        with ThreadPoolExecutor(max_workers=2) as pool:
            done = list(pool.map(one, wanted, chunksize=64))
        self.rendered.close()
        self.reused += sum(done)
        self.rendered.taken += sum(done)
        return done

    def save(self, site: Path, publish_as: Path) -> None:
        """Record the keys of the site built in `site`, once it is published as `publish_as`."""
        files = {}
        for relative, page_key in self.new.items():
            now = self.stamps.get(relative) or stamp(os.path.join(site, relative))
            if now is not None:
                files[relative] = (page_key, *now)
        self._dump(MANIFEST, publish_as, files)

    def retire(self, spare: Path) -> None:
        """The site published before this build is now the recycled folder `spare`: its keys
        go with it."""
        self._dump(SPARE, spare, self.old)

    def _dump(self, name: str, tree: Path, files: dict[str, Any]) -> None:
        manifest = {"source": os.fspath(tree), "fingerprint": self.fingerprint, "files": files}
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_sealed(self.folder / name, marshal.dumps(manifest))
        except OSError:
            pass  # an optimisation: never a reason for a build to fail


_CODE = Path(__file__).resolve().parents[2]  # the generator package: its code shapes pages
# Its subpackages a build never imports (tests/test_rendered_cache.py holds it to that): a change
# to the importer or the editor's commands keeps the pages a cache holds.
NOT_BUILT = frozenset({"importer", "editing", "check", "bench"})
_GAZETTEER = ("bases.yaml", "actors.yaml", "statements.yaml", "chronology.yaml")


def record_versions(cache: Any) -> dict[int, Any]:
    """id() of each incident of the model -> its record's version (path, blake2b, size):
    what stands for an incident in a key (generator.records.cache.FileCache entries)."""
    from generator.model import Incident

    return {
        id(p.built[1]): (p.built[1].file, *p.stamp)
        for p in cache.entries.values()
        if p.built is not None and isinstance(p.built[1], Incident)
    }


def reuse_published(
    state: Any,
    settings: dict[str, Any],
    content: Path,
    loader: Any,
    chron: Any,
    versions: dict[int, Any] | None,
    todo: list[tuple[Any, Any]],
    out: Any,
) -> list[tuple[Any, Any]]:
    """The pages of `todo` left to render once those (and the downloads, feeds) whose
    published file can be reused are taken; only when `chronology build` names the
    published site (CHRONOLOGY_REUSE_FROM). `loader`: the Jinja loader of the templates."""
    from generator import catalogs
    from generator.resources import schema_folder
    from generator.site import outputs, urls
    from generator.site.exports import FILES, FOLDER
    from generator.site.incremental.caches import disk_cache

    source = settings.get("CHRONOLOGY_REUSE_FROM")
    spare = settings.get("CHRONOLOGY_RECYCLED")  # see generator/recycle.py
    if not source or not (out.fresh or spare) or versions is None:
        state.reuse = None
        return todo
    gazetteer = [(name, content_hash(content / name)) for name in _GAZETTEER]
    gazetteer.append(("region", chron.region.digest))  # the outlines the maps draw
    templates = template_roots(loader)  # THEME_TEMPLATES_OVERRIDES too
    templates += catalogs.folders(content)  # the interface's words
    templates.append(schema_folder(content))  # the fields and vocabularies (generator/fields.py)
    print_ = fingerprint(settings, [_CODE], gazetteer, templates)
    cache = disk_cache(content, settings)
    if cache is None:  # CHRONOLOGY_CACHE = False: nowhere to keep the keys
        state.reuse = None
        return todo
    keeper = state.reuse = Reuse(
        cache.root, Path(source), print_, out.output, spare and Path(spare)
    )
    out.digests = keeper.written  # what the build writes, hashed as it writes (rendered.py)
    files: list[tuple[str, bytes | None]] = []  # every file the build may reuse, with its key
    for page, sig in todo:
        files.append((urls.output_file(page.url), key(page, sig, versions)))
    site = settings.get("SITEURL", "")
    data = key("downloads", (site, Same(*chron.incidents)), versions)
    files += [(f"{FOLDER}/{name}", data) for name in FILES]
    for url, lang, members, _ in outputs.feeds(chron):  # all they show is in the key
        files.append(
            (urls.output_file(url), key(("feed", url), (site, lang, Same(*members)), versions))
        )
    found = [keeper.take(relative, file_key, out) for relative, file_key in files]
    missed = [n for n, ok in enumerate(found) if not ok]
    for n, ok in zip(missed, keeper.restore([files[n] for n in missed], out), strict=True):
        found[n] = ok
    state.stats["reused"] = keeper.reused
    state.stats["reused_rendered"] = keeper.rendered.taken  # of them, from the cache's pages
    return [item for item, ok in zip(todo, found, strict=False) if not ok]
