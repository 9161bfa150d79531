"""Markdown converters on the corpus summaries (French and English): the same texts, each
converter in turn, the order rotated every round; medians. Run in the benchmark's process."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml


def summaries(content: Path) -> list[str]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    texts = []
    for path in sorted((content / "incidents").rglob("*.yaml")):
        record = yaml.load(path.read_text("utf-8"), Loader=loader)
        texts.extend(t for t in record["summary"].values() if t)
    return texts


def converters() -> dict[str, Callable[[], Callable[[str], str]]]:
    """name -> factory of a convert(text) function (a factory so caches start empty)."""

    def python_markdown() -> Callable[[str], str]:
        import markdown

        md = markdown.Markdown()
        return lambda text: md.reset().convert(text)

    def python_markdown_pelican() -> Callable[[str], str]:
        import markdown

        # Pelican's default MARKDOWN setting (it builds one Markdown per file; we reuse one).
        md = markdown.Markdown(
            extensions=[
                "markdown.extensions.codehilite",
                "markdown.extensions.extra",
                "markdown.extensions.meta",
            ],
            extension_configs={"markdown.extensions.codehilite": {"css_class": "highlight"}},
            output_format="html5",
        )
        return lambda text: md.reset().convert(text)

    def cmark() -> Callable[[str], str]:
        import cmarkgfm
        from cmarkgfm.cmark import Options

        options = Options.CMARK_OPT_SMART | Options.CMARK_OPT_VALIDATE_UTF8
        return lambda text: cmarkgfm.github_flavored_markdown_to_html(text, options=options)

    def ours() -> Callable[[str], str]:
        from generator import markup

        markup._cache.clear()  # the first conversion of each text: what a cold build pays
        return markup.render

    def markdown_it() -> Callable[[str], str]:
        from markdown_it import MarkdownIt

        md = MarkdownIt("commonmark")
        return md.render

    return {
        "cmarkgfm": cmark,
        "cmarkgfm + nh3 (generator.markup, uncached)": ours,
        "markdown-it-py": markdown_it,
        "Python-Markdown": python_markdown,
        "Python-Markdown (Pelican's extensions)": python_markdown_pelican,
    }


def run(content: Path, repeat: int) -> dict[str, Any]:
    texts = summaries(content)
    print(f"\n== Markdown: {len(texts):,} summaries, {repeat} round(s) ==", flush=True)
    factories = converters()
    names = list(factories)
    times: dict[str, list[float]] = {name: [] for name in names}
    for r in range(repeat):
        for name in names[r % len(names) :] + names[: r % len(names)]:
            convert = factories[name]()
            started = time.perf_counter()
            for text in texts:
                convert(text)
            times[name].append(time.perf_counter() - started)
    base = statistics.median(times["cmarkgfm"])
    return {
        "texts": len(texts),
        "characters": sum(len(t) for t in texts),
        "rounds": repeat,
        "converters": {
            name: {
                "seconds": statistics.median(values),
                "all_seconds": [round(v, 3) for v in values],
                "per_text_us": statistics.median(values) / len(texts) * 1e6,
                "vs_cmarkgfm": statistics.median(values) / base,
            }
            for name, values in times.items()
        },
    }
