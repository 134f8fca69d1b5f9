"""One event and its article: the event's details as escaped HTML, and the article reader, the text with each event's
evidence sentence highlighted (escaped: an article's HTML is shown as text, never run).
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from events.dashboard import i18n
from events.dashboard.charts import style
from events.dashboard.strings import cell_text, iso_day
from events.records import Article


def event_details(row: Mapping[str, Any], lang: str = i18n.DEFAULT) -> list[tuple[str, str]]:
    """(label, value) pairs describing one event: every field a reader needs, as plain text."""
    tr = i18n.strings(lang)
    actors = row.get("actors")
    actor_text = "; ".join(
        f"{a.get('name')} ({', '.join(_actor_part(tr, k, a[k]) for k in ('kind', 'country', 'role') if a.get(k))})"
        for a in (actors if isinstance(actors, list | tuple) else [])
        if isinstance(a, Mapping)
    )
    when = iso_day(row.get("date"))
    if when:
        prec = cell_text(row.get("date_precision"))
        when += f" ({tr.unit_name(prec)})" if prec and prec != "day" else ""
    else:
        when = tr("details.not_stated", published=iso_day(row.get("published")) or tr("details.unknown"))
    written = cell_text(row.get("date_text"))
    if written:
        when += " — " + tr("details.written", text=written)
    place = cell_text(row.get("location_name"))
    if place:
        extra = [cell_text(row.get("location_country"))]
        if cell_text(row.get("lat")) and cell_text(row.get("lon")):
            extra.append(f"{float(row['lat']):.3f}, {float(row['lon']):.3f}")
        extra = [e for e in extra if e]
        place += f" ({'; '.join(extra)})" if extra else ""
    conf = row.get("confidence")
    attributed = row.get("attributed_to")
    status = cell_text(row.get("status"))
    pairs = [
        ("type", style.type_label(cell_text(row.get("event_type")), lang)),
        ("status", tr.status_name(status) if status else ""),
        ("date", when),
        ("actors", actor_text or "—"),
        ("place", place or "—"),
        ("confidence", tr.number(float(conf), 2) if cell_text(conf) else "—"),
        ("attributed_to", ", ".join(map(str, attributed)) if isinstance(attributed, list | tuple) and attributed else "—"),
        ("article", cell_text(row.get("title")) or cell_text(row.get("path"))),
        ("source", cell_text(row.get("source")) or "—"),
        ("published", iso_day(row.get("published")) or "—"),
        ("language", cell_text(row.get("language")) or "—"),
        ("url", cell_text(row.get("url")) or "—"),
        ("report_id", cell_text(row.get("report_id"))),
        ("event_id", cell_text(row.get("event_id"))),
    ]
    return [(tr(f"details.{key}"), value) for key, value in pairs]


def _actor_part(tr: i18n.Strings, key: str, value: Any) -> str:
    """An actor's kind or role in the page's language; its country code as it is."""
    if key == "kind":
        return tr.kind_name(str(value))
    if key == "role":
        return tr.get(f"role.{value}", str(value))
    return str(value)


def details_html(pairs: Sequence[tuple[str, str]], sentence: str = "") -> str:
    """The event details as an escaped HTML definition list, the evidence sentence quoted above it."""
    quote = (
        f'<blockquote style="margin:0 0 .6rem 0;padding:.4rem .8rem;border-left:4px solid #94a3b8;'
        f'background:#f8fafc;color:#1f2933">{html.escape(sentence)}</blockquote>'
        if sentence
        else ""
    )
    rows = "".join(
        f'<dt style="color:#616e7c;font-weight:600">{html.escape(k)}</dt>'
        f'<dd style="margin:0;overflow-wrap:anywhere">{html.escape(v)}</dd>'
        for k, v in pairs
    )
    grid = f'<dl style="display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0">{rows}</dl>'
    return f'<div style="font-size:.92rem;line-height:1.45">{quote}{grid}</div>'


def article_label(title: Any, path: Any, source: Any, published: Any, n_events: int | None = None,
                  lang: str = i18n.DEFAULT) -> str:
    """'Title — Source, 2025-09-03 (6 events)' for the reader's article picker."""
    tr = i18n.strings(lang)
    name = cell_text(title) or cell_text(path).rsplit("/", 1)[-1] or tr("reader.untitled")
    bits = [b for b in (cell_text(source), iso_day(published)) if b]
    label = name if len(name) <= 90 else name[:88].rstrip() + "…"
    if bits:
        label += " — " + ", ".join(bits)
    if n_events is not None:
        label += f" ({tr.plural(n_events, 'n.event')})"
    return label


@dataclass(frozen=True)
class Span:
    """Where one event's evidence sentence sits in the article text."""

    start: int
    end: int
    report_id: str
    event_type: str
    status: str


def locate_events(text: str, events: pd.DataFrame) -> tuple[list[Span], list[str]]:
    """Spans of the events' sentences in the text (stored offsets, else a search); ids not found."""
    spans: list[Span] = []
    missing: list[str] = []
    for row in events.itertuples(index=False):
        eid = cell_text(row.report_id)
        sentence = cell_text(row.sentence)
        start, end = row.start, row.end
        ok = (
            not pd.isna(start)
            and not pd.isna(end)
            and 0 <= int(start) < int(end) <= len(text)
            and (not sentence or text[int(start) : int(end)].strip() == sentence.strip())
        )
        if not ok and sentence:
            found = text.find(sentence.strip())
            if found >= 0:
                start, end, ok = found, found + len(sentence.strip()), True
        if ok:
            spans.append(Span(int(start), int(end), eid, cell_text(row.event_type), cell_text(row.status)))
        else:
            missing.append(eid)
    return spans, missing


def article_html(text: str, events: pd.DataFrame, selected: str | None = None, lang: str = i18n.DEFAULT) -> str:
    """The article text, HTML-escaped, with each event's sentence highlighted and labelled by type.

    `events` needs report_id, event_type, status, sentence, start, end. Overlapping sentences are
    split into segments; a segment takes the colour of the first event type covering it.
    """
    tr = i18n.strings(lang)
    spans, missing = locate_events(text, events)
    order = style.type_order({s.event_type for s in spans})
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    starts: dict[int, list[Span]] = {}
    for s in sorted(spans, key=lambda s: (s.start, order.index(s.event_type), s.report_id)):
        starts.setdefault(s.start, []).append(s)
    parts: list[str] = []
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        for s in starts.get(lo, []):
            color = style.type_color(s.event_type)
            ring = "box-shadow:0 0 0 2px #1f2933;" if s.report_id == selected else ""
            label = style.type_label(s.event_type, lang) + (f" · {tr.status_name(s.status)}"
                                                            if s.status and s.status != "occurred" else "")
            parts.append(
                f'<span class="ev-label" data-event="{html.escape(s.report_id)}" style="display:inline-block;'
                f"background:{color};color:#fff;font-size:.72rem;font-weight:600;border-radius:3px;"
                f'padding:0 .35rem;margin:0 .25rem 0 .1rem;line-height:1.4;vertical-align:.08rem;{ring}">'
                f"{html.escape(label)}</span>"
            )
        chunk = html.escape(text[lo:hi])
        covering = [s for s in spans if s.start <= lo and s.end >= hi]
        if covering and chunk:
            first = min(covering, key=lambda s: order.index(s.event_type))
            color = style.type_color(first.event_type)
            strong = any(s.report_id == selected for s in covering)
            parts.append(
                f'<mark style="background:{style.rgba(color, 0.30 if strong else 0.14)};color:inherit;'
                f'border-bottom:2px solid {color};padding:0 1px">{chunk}</mark>'
            )
        else:
            parts.append(chunk)
    legend = " ".join(
        f'<span style="display:inline-block;width:.8rem;height:.8rem;background:{style.type_color(t)};'
        f'border-radius:2px;vertical-align:-.1rem"></span> {html.escape(style.type_label(t, lang))}'
        for t in order
    )
    notes = ""
    if missing:
        notes = (f'<p style="color:#616e7c;font-size:.85rem">'
                 f'{html.escape(tr.plural(len(missing), "details.not_located"))}</p>')
    head = f'<div style="font-size:.85rem;color:#616e7c;margin-bottom:.5rem">{legend}</div>' if legend else ""
    body = (
        '<div class="article-text" style="white-space:pre-wrap;font-size:1rem;line-height:1.7;'
        "font-family:Georgia,'Times New Roman',serif;color:#1f2933;max-width:48rem;"
        f'overflow-wrap:anywhere">{"".join(parts)}</div>'
    )
    return f"<div>{head}{body}{notes}</div>"


# ---------------------------------------------------------------- the reader's picker and heading


def article_choices(articles: pd.DataFrame, sel: pd.DataFrame, wanted: str | None, limit: int) -> tuple[list[str], int]:
    """(the picker's article ids, how many articles have filtered events): the `limit` most recent of them, and the
    article asked for (a click elsewhere on the page) first when it is not among them.

    `articles` is the store's articles frame indexed by article_id.
    """
    ids = list(pd.unique(sel["article_id"])) if len(sel) else []
    ordered = articles.loc[[i for i in ids if i in articles.index]].sort_values("published", ascending=False)
    options = list(ordered.index[:limit])
    if wanted and wanted in articles.index and wanted not in options:
        options.insert(0, wanted)
    return options, len(ids)


def picker_note(n_articles: int, limit: int, lang: str = i18n.DEFAULT) -> str:
    """' (the 2,000 most recent of 5,123)' when the picker lists only some of the articles, else ''."""
    return " " + i18n.t(lang, "reader.picker_note", limit=limit, n=n_articles) if n_articles > limit else ""


def picker_label(articles: pd.DataFrame, article_id: str, lang: str = i18n.DEFAULT) -> str:
    """The picker's label of one article (`article_label` of its row in the articles frame)."""
    r = articles.loc[article_id]
    return article_label(r["title"], r["path"], r["source"], r["published"], int(r["n_events"]), lang)


def article_title(article: Article) -> str:
    """The reader's heading: the title, else the file name."""
    return article.title or Path(article.path).name


def article_caption(article: Article, n_events: int, lang: str = i18n.DEFAULT) -> str:
    """'Source · 2025-09-03 · ro · path · 6 events highlighted' (plain text: escape it for Markdown)."""
    meta = [b for b in (article.source, article.published and article.published.isoformat(), article.language,
                        article.path) if b]
    return " · ".join(str(m) for m in meta) + " · " + i18n.strings(lang).plural(n_events, "reader.highlighted")
