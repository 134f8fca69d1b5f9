"""events/dashboard/actor_names.py: actors found by any name the gazetteer knows, in both languages; suggestions otherwise."""

from __future__ import annotations

import pytest

from events import gazetteer
from events.dashboard.actor_names import (
    ActorLookup,
    KnownName,
    build_index,
    fold_name,
    gazetteer_index,
    gazetteer_names,
)

# the actors of a small store: what the dashboard and CLI resolve names against
PRESENT = (
    "Russia", "Ukraine", "United States", "France", "EU", "NATO", "Kyiv", "Odesa", "Volodymyr Zelensky",
    "Vladimir Putin", "Donald Trump", "Recep Tayyip Erdoğan", "Viktor Orbán", "Oana Țoiu", "Nicușor Dan",
    "Peter Sørensen", "United States (leader)", "Emmanuel Macron",
)  # fmt: skip


@pytest.fixture(scope="module")
def lookup() -> ActorLookup:
    return ActorLookup(PRESENT)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Casa Albă", "casa alba"),
        ("CASA ALBĂ", "casa alba"),
        ("casa alba", "casa alba"),
        ("Şedinţa", "sedinta"),  # cedilla letters (U+015F, U+0163)
        ("Ședința", "sedinta"),  # comma-below letters (U+0219, U+021B)
        ("Élysée", "elysee"),
        ("Erdoğan", "erdogan"),
        ("Peter Sørensen", "peter sorensen"),  # a letter with no combining mark to drop
        ("Straße", "strasse"),
        ("U.S.", "u s"),
        ("  Volodymyr   Zelensky ", "volodymyr zelensky"),
        ("Зеленський", "зеленський"),  # Cyrillic keeps its letters (й is not и) but is casefolded
        ("ЗЕЛЕНСЬКИЙ", "зеленський"),
        ("Quai d'Orsay", "quai d orsay"),
        ("", ""),
    ],
)
def test_fold_name(name: str, key: str) -> None:
    assert fold_name(name) == key


@pytest.mark.parametrize(
    ("typed", "actors"),
    [
        # a person by the spellings of the English and Romanian press, and in Cyrillic
        ("Zelenski", ("Volodymyr Zelensky",)),
        ("Zelenskyy", ("Volodymyr Zelensky",)),
        ("ZELENSKI", ("Volodymyr Zelensky",)),
        ("Zelenskii", ("Volodymyr Zelensky",)),
        ("zelenskiy", ("Volodymyr Zelensky",)),
        ("Volodimir Zelenski", ("Volodymyr Zelensky",)),
        ("Зеленський", ("Volodymyr Zelensky",)),
        ("зеленский", ("Volodymyr Zelensky",)),
        ("Путин", ("Vladimir Putin",)),
        ("Erdogan", ("Recep Tayyip Erdoğan",)),
        ("orban", ("Viktor Orbán",)),
        ("Toiu", ("Oana Țoiu",)),
        ("Sorensen", ("Peter Sørensen",)),  # a surname the gazetteer does not give alone: the one actor so named
        # seats of power stand for their government, in both languages
        ("Kremlin", ("Russia",)),
        ("Kremlinului", ("Russia",)),
        ("Кремль", ("Russia",)),
        ("Casa Albă", ("United States",)),
        ("casa alba", ("United States",)),
        ("CASEI ALBE", ("United States",)),
        ("White House", ("United States",)),
        ("Élysée", ("France",)),
        ("Elysee", ("France",)),
        ("Palatul Élysée", ("France",)),
        # countries and organisations by their Romanian names, forms and adjectives
        ("Rusia", ("Russia",)),
        ("Rusiei", ("Russia",)),
        ("rusă", ("Russia",)),
        ("SUA", ("United States",)),
        ("Uniunea Europeană", ("EU",)),
        ("UE", ("EU",)),
        ("Alianța Nord-Atlantică", ("NATO",)),
        ("Odessa", ("Odesa",)),
        ("Odesei", ("Odesa",)),  # the Romanian articled form the extractor knows too
        # an actor's own name wins over an alias of another: Kyiv the city, not Ukraine's seat of government
        ("Kyiv", ("Kyiv",)),
        ("united states (leader)", ("United States (leader)",)),
        # one name for two actors: both, and it says so
        ("Kiev", ("Ukraine", "Kyiv")),
    ],
)
def test_names_resolve_to_the_actors_of_the_events(lookup: ActorLookup, typed: str, actors: tuple[str, ...]) -> None:
    found = lookup.resolve(typed)
    assert found.actors == actors
    assert found.problem() == ""


def test_notes_say_how_a_name_was_read(lookup: ActorLookup) -> None:
    assert lookup.resolve("Kremlin").note() == "Read actor 'Kremlin' as 'Russia'."
    assert lookup.resolve("russia").note() == ""  # the name itself, another case: nothing to say
    assert lookup.resolve("Vladimir Putin").note() == ""
    kiev = lookup.resolve("Kiev")
    assert kiev.ambiguous
    assert kiev.note() == "Read actor 'Kiev' as 2 actors, 'Ukraine' and 'Kyiv': it names each of them."


@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("Zelenskee", "Volodymyr Zelensky"),
        ("Volodymyr Zelenskee", "Volodymyr Zelensky"),
        ("Putn", "Vladimir Putin"),
        ("Trmp", "Donald Trump"),
        ("Mcron", "Emmanuel Macron"),
        ("Casa Alb", "United States"),  # close to an alias: its actor is offered
        ("Erdogn", "Recep Tayyip Erdoğan"),
    ],
)
def test_an_unknown_name_gets_the_closest_names(lookup: ActorLookup, typed: str, first: str) -> None:
    found = lookup.resolve(typed)
    assert found.actors == () and found.suggestions[0] == first and len(found.suggestions) <= 3
    assert found.problem().startswith(f"actor {typed!r}: not in the loaded events. Did you mean {first!r}")


def test_suggestions_are_three_names_at_most_and_never_empty_for_a_word(lookup: ActorLookup) -> None:
    found = lookup.resolve("Nobody Atall")
    assert 1 <= len(found.suggestions) <= 3 and set(found.suggestions) <= set(PRESENT)
    assert "Did you mean" in found.problem() and " or " in found.problem()
    assert lookup.resolve("   ").problem() == "actor '': not in the loaded events."


def test_a_known_name_with_no_event_is_said_so(lookup: ActorLookup) -> None:
    found = lookup.resolve("Kim Jong Un")
    assert found.actors == () and found.absent == ("Kim Jong Un",)
    assert found.problem() == "actor 'Kim Jong Un': no loaded event has this actor."
    assert lookup.resolve("Lavrov").problem() == "actor 'Lavrov' ('Sergei Lavrov'): no loaded event has this actor."


def test_actors_outside_the_gazetteer_resolve_by_their_own_name() -> None:
    own = ActorLookup(["Russia official 2", "Actor 7"])
    assert own.resolve("russia OFFICIAL 2").actors == ("Russia official 2",)
    assert own.resolve("Kremlin").absent == ("Russia", "Kremlin")  # the seat and the venue: no event has them


def test_an_index_of_two_actors_for_one_name() -> None:
    index = build_index([KnownName("Georgia", "Georgia", "country"), KnownName("Georgia", "Georgia (US)", "city"),
                         KnownName("Tbilisi", "Georgia", "country")])
    assert index.actors("GEORGIA") == ("Georgia", "Georgia (US)")
    found = ActorLookup(["Georgia (US)", "Tbilisi"], index).resolve("georgia")
    assert found.actors == ("Georgia (US)",)  # only the actors of the loaded events


def test_every_gazetteer_name_stands_for_what_the_extractor_records() -> None:
    """The index reads the data files itself: each name must give the actor the extractor's gazetteer gives."""
    gaz = gazetteer.load()
    names = list(gazetteer_names())
    assert len(names) > 10_000 and len(gazetteer_index().names) > 8_000
    wrong = []
    for known in names:
        key = gazetteer.key_of(known.form)
        index = gaz.places if known.kind == "city" else gaz.entities
        if key in index and known.actor not in {v.name for _, v in index[key]}:
            wrong.append(f"{known.form!r} -> {known.actor!r}, the extractor: {[v.name for _, v in index[key]]}")
        elif key not in index and key not in gaz.places and key not in gaz.entities:
            wrong.append(f"{known.form!r}: not a name the extractor knows")
    assert not wrong, "\n".join(wrong[:20])
