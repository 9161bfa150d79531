"""One import run: each file read, its incidents extracted and saved, one line of report.

A file that cannot be read is reported (naming the file and why) and the run goes on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.importer.article import Article, ArticleError
from generator.importer.drafts import Outcome, Store, evidence_contract, seed_name, source_of
from generator.importer.evidence import basis_of, quotes_of
from generator.importer.extract import extract
from generator.importer.gazetteer import DEFAULT_CONTENT, Gazetteer
from generator.importer.published import Published, from_url
from generator.importer.reader import read_article
from generator.records.text import normalise_quote

PROJECT_SEEDS = DEFAULT_CONTENT.parent / "seeds"


@dataclass
class ArticleResult:
    file: Path
    error: str | None = None
    article: Article | None = None
    outcomes: list[Outcome] = field(default_factory=list)
    review: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def line(self) -> str:
        """The one-line report of this article."""
        if self.error:
            return f"{self.file}: error: {self.error}; no draft written"
        n = len(self.outcomes)
        parts = [f"{self.file}: {n} incident{'s' if n != 1 else ''} found"]
        if self.outcomes:
            items = []
            for o in self.outcomes:
                what = {
                    "new": "new draft",
                    "cited": "source added to",
                    "unchanged": "already cited in",
                    "skipped": "not written",
                }[o.action]
                item = f"{what} {o.record_id}" if o.record_id else what
                if o.action == "skipped":
                    item += f" ({o.message})"
                if o.review:
                    item += f" [review: {', '.join(o.review)}]"
                items.append(item)
            parts.append("; ".join(items))
        if self.review:
            parts.append("needs review: " + ", ".join(self.review))
        if self.notes:
            parts.append("; ".join(self.notes))
        return " — ".join(parts)


def import_file(
    file: Path,
    store: Store,
    gaz: Gazetteer,
    *,
    published: Published | None,
    today: dt.date,
    url: str | None = None,
) -> ArticleResult:
    result = ArticleResult(file)
    try:
        return _import_file(result, file, store, gaz, published=published, today=today, url=url)
    except Exception as err:  # one bad article is reported and the batch goes on
        result.error = f"the importer failed on this article ({type(err).__name__}: {err})"
        return result


def _import_file(
    result: ArticleResult,
    file: Path,
    store: Store,
    gaz: Gazetteer,
    *,
    published: Published | None,
    today: dt.date,
    url: str | None,
) -> ArticleResult:
    try:
        article = read_article(file)
    except ArticleError as err:
        result.error = str(err)
        return result
    except RecursionError:
        result.error = "the page is nested too deeply to be read"
        return result
    if url:
        article.url = article.url or url
        if article.published is None:
            article.set_published(from_url(url, today))
    if published:
        article.set_published(published)
    result.article = article
    try:
        extraction = extract(article, gaz, today)
    except Exception as err:  # a bug must not stop the run; the file is reported
        result.error = f"the importer failed on this article ({type(err).__name__}: {err})"
        return result
    result.notes += extraction.notes
    result.review += article.warnings
    if not article.outlet:
        result.review.append("outlet unknown")
    if not article.published and extraction.incidents:
        result.review.append(
            "no publication date: weekdays and 'yesterday' are left as windows to set "
            "(give --published YYYY-MM-DD or YYYY-MM)"
        )
    elif article.published_precision == "month" and extraction.incidents:
        result.review.append("only the publication month is known: check the days")
    seed = seed_name(file, store.root, PROJECT_SEEDS)
    contract = evidence_contract()  # the schema drafts are validated against
    stored = normalise_quote(article.raw_text)
    claimed: set[Path] = set()
    for draft in extraction.incidents:
        if contract and draft.date_precision == "approximate" and draft.date_window:
            # the contract's window starts on the record's date: show its first day
            draft = replace(draft, date=draft.date_window[0])
        review = list(draft.review)
        draft_seed, quote = seed, draft.quote
        if seed:  # the validator checks the quote against the stored file itself
            quote = next(
                (q for q in [draft.quote, *draft.other_quotes] if normalise_quote(q) in stored), ""
            )
            if not quote:  # an HTML seed whose sentences all span markup
                draft_seed, quote = None, draft.quote
                review.append("quote not verbatim in the stored file, seed left out")
        day = article.published if article.published_precision == "day" else None
        quotes = quotes_of(replace(draft, quote=quote), draft.evidence, gaz)
        if draft_seed:  # every quote of a seed must be verbatim in the stored file
            quotes = [q for q in quotes if normalise_quote(q["text"]) in stored]
        basis = basis_of(draft, quotes)
        source = source_of(article, quote, draft_seed, day, quotes if contract else None)
        if not article.outlet:
            review.append("outlet")
        evidence = [
            f"quote {n} supports {', '.join(q['supports']) or 'nothing by itself'}"
            for n, q in enumerate(quotes, 1)
        ] + [f"{name} {b['how']}: {b['note']['en']}" for name, b in basis.items()]
        result.outcomes.append(
            store.save(draft, article, source, claimed, review, basis=basis, evidence=evidence)
        )
    return result


def import_files(
    files: list[Path],
    out: Path,
    *,
    published: Published | None = None,
    content: Path | None = None,
    today: dt.date | None = None,
    url: str | None = None,
    force: bool = False,
) -> list[ArticleResult]:
    """Import every file into `out` (DIR/YYYY/<id>.yaml); one result per file, in order."""
    today = today or dt.date.today()
    gaz = Gazetteer.load(content or _content_for(out))
    store = Store(out, gaz, today=today, force=force)
    return [
        import_file(file, store, gaz, published=published, today=today, url=url) for file in files
    ]


def _content_for(out: Path) -> Path:
    """The content folder whose gazetteer applies: the one holding `out`, else the project's."""
    parent = out.resolve().parent
    return parent if (parent / "bases.yaml").is_file() else DEFAULT_CONTENT
