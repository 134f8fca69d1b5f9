"""Full-text search: the query language (events/search.py) and the store's FTS5 index kept in step with ingest."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from events import search
from events.dashboard import filters as flt
from events.records import Actor, Article, Event
from events.store import Store
from tests.test_store import make_article

RUSSIA = Actor("Russia", "country", "RUS", "initiator")


def article_with(path: str, title: str, sentences: list[str], **meta: object) -> tuple[Article, tuple[Event, ...]]:
    """An article of these sentences, each one the evidence sentence of an event."""
    text = " ".join(sentences)
    art = make_article(path, text, title=title, **meta)
    events, at = [], 0
    for i, s in enumerate(sentences):
        events.append(Event(f"{art.article_id}-{i}", "talks", "occurred", (RUSSIA,), s, at, at + len(s),
                            art.article_id, 0.8))
        at += len(s) + 1
    return art, tuple(events)


# Romanian written with and without diacritics, with cedilla and comma-below letters
BRASOV = article_with("ro/brasov.txt", "Ședința de la Brașov", [
    "Delegațiile s-au întâlnit la Brașov pentru negocierile de pace.",
    "Drona a lovit un depozit, au anunțat autoritățile.",
])  # fmt: skip
PLAIN = article_with("ro/plain.txt", "Sedinta guvernului", [
    "Guvernul a discutat la Constanta despre securitate.",
])  # fmt: skip
CEDILLA = article_with("ro/cedilla.txt", "Ştiri", [
    "Şedinţa consiliului a avut loc la Timişoara.",
])  # fmt: skip
ENGLISH = article_with("en/kremlin.txt", "Kremlin rejects talks", [
    "The Kremlin said on Monday that talks with Kyiv were not planned.",
    "Drones hit Odesa overnight.",
])  # fmt: skip
PAIRS = (BRASOV, PLAIN, CEDILLA, ENGLISH)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "events.db")
    for art, evs in PAIRS:
        s.ingest(art, evs)
    yield s
    s.close()


def aid(pair: tuple[Article, tuple[Event, ...]]) -> str:
    return pair[0].article_id


def eid(pair: tuple[Article, tuple[Event, ...]], i: int) -> str:
    return pair[1][i].event_id


def integrity(db: Path) -> None:
    """FTS5's own check of the index against the text it was built from (raises when they differ)."""
    con = sqlite3.connect(db)
    try:
        con.execute("INSERT INTO search (search, rank) VALUES ('integrity-check', 1)")
        docs = con.execute("SELECT count(*) FROM search_docs").fetchone()[0]
        rows = con.execute("SELECT (SELECT count(*) FROM articles) + (SELECT count(*) FROM events)").fetchone()[0]
        assert docs == rows
    finally:
        con.close()


# ---------------------------------------------------------------- the query language


@pytest.mark.parametrize(
    ("typed", "fts", "plain"),
    [
        ("Brasov", '"Brasov"*', '"Brasov"*'),
        ("Casa Albă", '"Casa"* "Albă"*', '"Casa"* "Albă"*'),
        ('"Casa Albă"', '"Casa Albă"*', '"Casa Albă"*'),
        ("drone OR rachete", '"drone"* OR "rachete"*', '"drone"* "OR"* "rachete"*'),
        ("(Kiev OR Kyiv) NOT Odesa", '( "Kiev"* OR "Kyiv"* ) NOT "Odesa"*', '"Kiev"* "OR"* "Kyiv"* "NOT"* "Odesa"*'),
        ("drone*", '"drone"*', '"drone"*'),
        ("or and", '"or"* "and"*', '"or"* "and"*'),  # operators only in capitals, as in FTS5
        ('say "hi', '"say"* "hi"*', '"say"* "hi"*'),  # an unclosed quote closes at the end
        ("title:Kremlin", '"title:Kremlin"*', '"title:Kremlin"*'),  # no column filters: the colon is text
        ("^Kremlin", '"^Kremlin"*', '"^Kremlin"*'),
        ('a""b', '"a"* "b"*', '"a"* "b"*'),
        ("AND", "", '"AND"*'),  # no word to search for but the operator: searched as a plain word
        ('"', "", ""),
        ("* - ()", "", ""),
        ("", "", ""),
    ],
)
def test_query_language(typed: str, fts: str, plain: str) -> None:
    assert search.fts_query(typed) == fts
    assert search.plain_query(typed) == plain


# ---------------------------------------------------------------- the store's index


@pytest.mark.parametrize(
    ("typed", "articles", "sentences"),
    [
        ("Brasov", {BRASOV}, {(BRASOV, 0)}),  # diacritics folded: Brasov finds Brașov
        ("BRAȘOV", {BRASOV}, {(BRASOV, 0)}),
        ("sedinta", {BRASOV, PLAIN, CEDILLA}, {(CEDILLA, 0)}),  # ... in titles too, and the cedilla letters
        ("ședința", {BRASOV, PLAIN, CEDILLA}, {(CEDILLA, 0)}),  # and both ways: ședința finds Sedinta
        ("şedinţa", {BRASOV, PLAIN, CEDILLA}, {(CEDILLA, 0)}),  # cedilla typed, comma-below stored
        ("Constanța", {PLAIN}, {(PLAIN, 0)}),
        ("timisoara", {CEDILLA}, {(CEDILLA, 0)}),
        ("negocieri", {BRASOV}, {(BRASOV, 0)}),  # words match at their start: negocieri finds negocierile
        ("drone", {ENGLISH}, {(ENGLISH, 1)}),  # "drone" finds "Drones", not "Drona" (another word)
        ("dron", {BRASOV, ENGLISH}, {(BRASOV, 1), (ENGLISH, 1)}),
        ('"talks with Kyiv"', {ENGLISH}, {(ENGLISH, 0)}),
        ('"talks Kyiv"', set(), set()),  # a phrase is its words in a row
        ("Kremlin Odesa", {ENGLISH}, set()),  # every word, anywhere in the article: no one sentence has both
        ("Brasov OR Odesa", {BRASOV, ENGLISH}, {(BRASOV, 0), (ENGLISH, 1)}),
        ("Kremlin NOT Odesa", set(), {(ENGLISH, 0)}),  # the article mentions Odesa; one of its sentences does not
        ("Moscova", set(), set()),
    ],
)
def test_search_folds_diacritics_and_finds_titles_texts_and_sentences(
    store: Store, typed: str, articles: set, sentences: set
) -> None:
    hits = store.search(typed)
    assert hits is not None and hits.searched and hits.notice == ""
    assert hits.articles == {aid(p) for p in articles}
    assert hits.events == {eid(p, i) for p, i in sentences}


@pytest.mark.parametrize("typed", ["AND", "Russia OR", "(Kiev", "Kremlin)", "NOT", "OR OR", "NEAR(a b)", "a AND"])
def test_an_incomplete_query_is_searched_as_plain_words(store: Store, typed: str) -> None:
    hits = store.search(typed)
    assert hits is not None and hits.searched
    assert hits.notice == (f"Searched {typed!r} as plain words: it is not a complete search (AND, OR and NOT need "
                           "words on both sides, and brackets must pair).")


def test_plain_words_fallback_still_finds(store: Store) -> None:
    assert store.search("(Brasov").articles == {aid(BRASOV)}
    assert store.search("Kremlin AND").articles == set()  # "AND" is then a word the article lacks


@pytest.mark.parametrize("typed", ['"', "*", "()", " - ", '""'])
def test_a_search_without_words_restricts_nothing(store: Store, typed: str) -> None:
    hits = store.search(typed)
    assert hits is not None and not hits.searched and "no words" in hits.notice
    df = store.events_frame()
    assert len(flt.apply(df, flt.Filters(text=typed), hits)) == len(df)


def test_index_follows_ingest_replace_and_delete(tmp_path: Path) -> None:
    db = tmp_path / "events.db"
    with Store(db) as s:
        s.ingest(*BRASOV)
        assert s.search("Brasov").articles == {aid(BRASOV)}
        # the same path with a new text replaces the article: its old words go, the new ones come
        new = article_with("ro/brasov.txt", "Ședința de la Sibiu", ["Delegațiile s-au întâlnit la Sibiu."])
        assert s.ingest(*new).status == "replaced"
        assert s.search("Brasov").articles == set() and s.search("Brasov").events == set()
        assert s.search("Sibiu").articles == {aid(new)} and s.search("Sibiu").events == {eid(new, 0)}
        integrity(db)
        s.ingest(*ENGLISH)
        assert s.delete_article(aid(ENGLISH))
        assert s.search("Kremlin").articles == set() and s.search("Kremlin").events == set()  # events cascade
        integrity(db)
        # an edit behind the store's back (another program, a repair by hand) is followed too
        con = sqlite3.connect(db)
        con.execute("UPDATE articles SET title = 'Consiliul de la Cluj' WHERE article_id = ?", (aid(new),))
        con.execute("UPDATE events SET sentence = 'Întâlnire la Cluj.' WHERE event_id = ?", (eid(new, 0),))
        con.commit()
        con.close()
        assert s.search("Cluj").articles == {aid(new)} and s.search("Cluj").events == {eid(new, 0)}
        assert s.search("Sedinta").articles == set()
        integrity(db)


def drop_index(db: Path) -> None:
    """Make the store look like one written before the full-text index."""
    con = sqlite3.connect(db)
    for name in ("articles_search_insert", "articles_search_delete", "articles_search_update",
                 "events_search_insert", "events_search_delete", "events_search_update"):  # fmt: skip
        con.execute(f"DROP TRIGGER {name}")
    con.execute("DROP TABLE search")
    con.execute("DROP VIEW search_text")
    con.execute("DROP TABLE search_docs")
    con.commit()
    con.close()


def test_an_older_store_gets_its_index_once_opened_for_writing(tmp_path: Path) -> None:
    db = tmp_path / "events.db"
    with Store(db) as s:
        for pair in PAIRS:
            s.ingest(*pair)
        version = s.version()
    drop_index(db)
    with Store(db, readonly=True) as s:  # read-only: nothing is built, search says it cannot answer
        assert not s.searchable and s.search("Brasov") is None
        df = s.events_frame()
        # the frame's own fallback: the evidence sentences, case and diacritics aside
        assert set(flt.apply(df, flt.Filters(text="brasov"))["report_id"]) == {eid(BRASOV, 0)}
    with Store(db) as s:
        assert s.searchable
        assert s.search("sedinta").articles == {aid(BRASOV), aid(PLAIN), aid(CEDILLA)}
        assert s.version() == version  # the stored events did not change
    integrity(db)
    with Store(db) as s:  # opening again builds nothing twice
        assert s.search("Brasov").articles == {aid(BRASOV)}
    integrity(db)


def test_an_event_matches_by_its_article_or_its_sentence(store: Store) -> None:
    df = store.events_frame()
    hits = store.search("Brasov")
    sel = flt.apply(df, flt.Filters(text="Brasov"), hits)
    # the drone sentence does not name Brașov, its article does: both events of the article
    assert set(sel["report_id"]) == {eid(BRASOV, 0), eid(BRASOV, 1)}
    hits = store.search("Kremlin NOT Odesa")
    sel = flt.apply(df, flt.Filters(text="Kremlin NOT Odesa"), hits)
    assert set(sel["report_id"]) == {eid(ENGLISH, 0)}  # by its sentence alone
    # hits of another text are not used for this one: the frame's own search of the sentences
    assert set(flt.apply(df, flt.Filters(text="odesa"), hits)["report_id"]) == {eid(ENGLISH, 1)}


def test_a_read_only_store_searches(store: Store) -> None:
    with Store(store.path, readonly=True) as ro:
        assert ro.searchable and ro.search("timisoara").articles == {aid(CEDILLA)}
