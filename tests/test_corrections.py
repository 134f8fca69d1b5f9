"""The analyst's corrections: stored with who, when and the previous value; applied to events on every read;
undoable; kept across re-ingests and regrouping; shared between stores; scored against the extractor."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events import corrections as corr
from events.cli import main
from events.corrections import Correction, CorrectionError
from events.evaluate import main as evaluate_main
from events.event_table import corrected_tables
from events.store import Store
from tests.test_group_store import AUG, SUMMIT, _article, _ingest


def tables(store: Store) -> tuple[pd.DataFrame, pd.DataFrame, tuple[Correction, ...]]:
    """The store's corrected reports, events and orphan corrections."""
    return corrected_tables(store.events_frame(), store.corrections())


def summit_store(tmp_path: Path) -> tuple[Store, list]:
    """Three outlets' reports of one summit (one event) and one air attack."""
    store = Store(tmp_path / "s.db")
    pairs = [_article("a", AUG, "Wire", SUMMIT), _article("b", AUG, "Daily", SUMMIT),
             _article("c", AUG, "Herald", SUMMIT),
             _article("d", AUG, "Wire", [("air_attack", "occurred", AUG, ["RUS", "UKR"], "Kyiv")])]
    _ingest(store, *pairs)
    return store, pairs


def rid(pair: tuple, i: int = 0) -> str:
    """The report id of an article's i-th report."""
    return pair[1][i].event_id


def test_set_fields_and_flag(tmp_path: Path) -> None:
    store, pairs = summit_store(tmp_path)
    with store:
        store.add_correction(Correction("set", rid(pairs[1]), "status", "cancelled", "occurred", who="ana"))
        store.add_correction(Correction("set", rid(pairs[1]), "date", {"date": "2025-08-16", "precision": "day"},
                                        who="ana"))
        store.add_correction(Correction("set", rid(pairs[0]), "place", {"name": "Anchorage, Alaska", "country": "USA",
                                                                        "lat": 61.2, "lon": -149.9}, who="ana"))
        _, events, orphans = tables(store)
        summit = events[events["event_type"] == "summit"].iloc[0]
        assert summit["status"] == "cancelled" and summit["date"] == pd.Timestamp("2025-08-16")
        assert summit["location_name"] == "Anchorage, Alaska" and bool(summit["corrected"])
        assert not events.loc[events["event_type"] == "air_attack", "corrected"].item()
        assert orphans == ()
        (first, *_) = store.corrections()
        assert (first.who, first.previous, first.undone_at) == ("ana", "occurred", None) and first.at


def test_not_an_event_merge_split_and_undo(tmp_path: Path) -> None:
    store, pairs = summit_store(tmp_path)
    with store:
        cid = store.add_correction(Correction("not_event", rid(pairs[3]), who="ana"))
        reports, events, _ = tables(store)
        assert list(events["event_type"]) == ["summit"] and len(reports) == 4  # the reports stay: nothing lost
        assert store.undo_correction(cid, "bob") and not store.undo_correction(cid)
        assert len(tables(store)[1]) == 2 and store.corrections()[0].undone_by == "bob"
        store.add_correction(Correction("split", rid(pairs[2]), who="ana"))
        reports, events, _ = tables(store)
        assert sorted(events["n_reports"]) == [1, 1, 2]
        store.add_correction(Correction("merge", rid(pairs[0]), other=rid(pairs[3]), who="ana"))
        reports, events, _ = tables(store)
        assert sorted(events["n_reports"]) == [1, 3]  # the air attack's report joined the summit
        assert reports.groupby("event_id").size().sum() == 4


def test_corrections_survive_reingest_and_regroup_and_orphans_are_reported(tmp_path: Path) -> None:
    store, pairs = summit_store(tmp_path)
    with store:
        store.add_correction(Correction("set", rid(pairs[2]), "status", "planned", who="ana"))
        store.delete_article(pairs[2][0].article_id)
        _, events, orphans = tables(store)
        assert len(orphans) == 1 and orphans[0].anchor == rid(pairs[2])  # reported, not dropped
        assert not events["corrected"].any()
        _ingest(store, pairs[2])  # the same text again: the same report ids
        store.regroup()
        _, events, orphans = tables(store)
        assert orphans == () and events.loc[events["event_type"] == "summit", "status"].item() == "planned"


def test_malformed_corrections_are_refused_with_what_is_wrong(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        for bad, words in [(Correction("rename", "r"), "unknown action"), (Correction("set", "r", "colour", "x"),
                           "unknown field"), (Correction("set", "r", "date", {"date": "15.08.2025", "precision": "day"}),
                           "not YYYY-MM-DD"), (Correction("merge", "r"), "merge needs")]:
            with pytest.raises(CorrectionError, match=words):
                store.add_correction(bad)
        assert store.corrections() == []
    with pytest.raises(CorrectionError, match="team.jsonl, line 2"):
        corr.from_jsonl('{"action": "split", "anchor": "r1"}\n{"action": "split"}\n', "team.jsonl")


def test_a_failed_save_leaves_the_store_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store, pairs = summit_store(tmp_path)
    with store:
        version = store.version()

        def crash(_con: object) -> None:
            raise RuntimeError("killed")

        monkeypatch.setattr(Store, "_bump", staticmethod(crash))
        with pytest.raises(RuntimeError):
            store.add_correction(Correction("split", rid(pairs[0]), who="ana"))
        monkeypatch.undo()
        assert store.corrections() == [] and store.version() == version


def test_cli_exports_and_applies_corrections_to_another_store(tmp_path: Path) -> None:
    store, pairs = summit_store(tmp_path)
    with store:
        store.add_correction(Correction("set", rid(pairs[0]), "event_type", "talks", "summit", who="ana"))
        store.add_correction(Correction("split", rid(pairs[1]), who="ana"))
    other, _ = summit_store(tmp_path / "other")
    other.close()
    team = tmp_path / "team.jsonl"
    out, err = io.StringIO(), io.StringIO()
    assert main(["corrections", "export", "--db", str(tmp_path / "s.db"), "-o", str(team)], out, err) == 0
    assert len(team.read_text().splitlines()) == 2 and "correction_id" not in team.read_text()
    assert main(["corrections", "apply", str(team), "--db", str(tmp_path / "other" / "s.db")], out, err) == 0
    assert "2 corrections added, 0 already" in out.getvalue()
    assert main(["corrections", "apply", str(team), "--db", str(tmp_path / "other" / "s.db")], out, err) == 0
    assert "0 corrections added, 2 already" in out.getvalue()
    exported = io.StringIO()
    assert main(["export", "--db", str(tmp_path / "other" / "s.db"), "--format", "jsonl"], exported, err) == 0
    rows = [json.loads(line) for line in exported.getvalue().splitlines()]
    assert sorted((r["event_type"], r["n_reports"], r["corrected"]) for r in rows) == [
        ("air_attack", 1, False), ("summit", 1, True), ("talks", 2, True)]


def test_evaluate_scores_the_extractor_against_the_corrections(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    store, pairs = summit_store(tmp_path)
    with store:
        store.add_correction(Correction("set", rid(pairs[0]), "status", "planned", who="ana"))
        store.add_correction(Correction("not_event", rid(pairs[3]), who="ana"))
    assert evaluate_main(["--corrections", "--db", str(tmp_path / "s.db")]) == 0
    lines = capsys.readouterr().out.splitlines()
    header, en = lines[1].split(), lines[2].split()
    assert header[:2] == ["language", "reviewed"] and en[:2] == ["en", "2"]
    scores = dict(zip(header[2:], map(float, en[2:]), strict=True))
    assert scores["is_event"] == 0.5 and scores["status"] == 0.5 and scores["event_type"] == 1.0


# ---- every report in exactly one event, whatever the analysts and the ingests did --------------------------------

_action = st.one_of(
    st.tuples(st.just("add"), st.integers(0, 4)),
    st.tuples(st.just("delete"), st.integers(0, 9)),
    st.tuples(st.sampled_from(["split", "not_event"]), st.integers(0, 30)),
    st.tuples(st.just("merge"), st.integers(0, 30), st.integers(0, 30)),
    st.tuples(st.just("undo"), st.integers(0, 9)),
)
_KINDS = [SUMMIT, [("air_attack", "occurred", AUG, ["RUS", "UKR"], "Kyiv")],
          [("talks", "planned", None, ["USA", "RUS"], None), ("summit", "occurred", AUG, ["USA", "RUS"], None)]]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_action, min_size=1, max_size=12))
def test_every_report_in_exactly_one_event_after_any_sequence(steps: list[tuple]) -> None:
    with Store(":memory:") as store:
        stored: list = []
        for n, step in enumerate(steps):
            ids = sorted(store.events_frame()["report_id"])
            if step[0] == "add":
                pair = _article(f"art{n}", AUG, f"outlet {n % 3}", _KINDS[step[1] % len(_KINDS)])
                store.ingest(*pair)
                store.update_groups()
                stored.append(pair[0].article_id)
            elif step[0] == "delete" and stored:
                store.delete_article(stored.pop(step[1] % len(stored)))
            elif step[0] in ("split", "not_event") and ids:
                store.add_correction(Correction(step[0], ids[step[1] % len(ids)], who="t"))
            elif step[0] == "merge" and len(ids) > 1:
                a, b = ids[step[1] % len(ids)], ids[step[2] % len(ids)]
                if a != b:
                    store.add_correction(Correction("merge", a, other=b, who="t"))
            elif step[0] == "undo" and store.corrections():
                live = [c for c in store.corrections() if c.undone_at is None]
                if live:
                    store.undo_correction(live[step[1] % len(live)].correction_id)
            reports, events, orphans = tables(store)
            hidden = {c.anchor for c in store.corrections() if c.action == "not_event" and c.undone_at is None}
            members = [r for ids in events["report_ids"] for r in ids]
            assert len(members) == len(set(members))  # no report in two events
            shown_or_hidden = set(members) | {r for r, e in zip(reports["report_id"], reports["event_id"], strict=True)
                                              if e in set(reports.loc[reports["report_id"].isin(hidden), "event_id"])}
            assert shown_or_hidden == set(reports["report_id"])  # none lost: shown, or in an event marked not one
        store.regroup()  # from scratch: the same events
        again = tables(store)
        assert sorted(map(sorted, again[1]["report_ids"])) == sorted(map(sorted, events["report_ids"]))
