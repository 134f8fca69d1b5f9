"""Text normalisation, language detection and diacritic folding for Romanian and English news."""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from events.lexicon import fold

# --- normalize ---------------------------------------------------------------------------------

# Characters deleted outright: C0 controls except \t and \n (NUL bytes, escape sequences and
# similar debris from scrapers and legacy editors), DEL, the C1 range (these only appear when
# a legacy file was decoded with the wrong code page) and the BOM / zero-width no-break space.
# Every U+FEFF goes, not only a leading one: concatenated files carry BOMs in the middle, and
# removing only the first would make normalize() not idempotent ("\ufeff\ufeffx").
_CONTROLS: Final = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufeff]")
# Windows and old-Mac line endings, vertical tab, form feed, NEL and the Unicode line/paragraph
# separators all end a line: mapping them to "\n" (rather than deleting them) keeps the words on
# either side apart. "\r\n" is one alternative so it becomes one newline, not two.
_LINE_BREAKS: Final = re.compile("\r\n?|[\x0b\x0c\x85\u2028\u2029]")
# Romanian s/t with cedilla (legacy code pages, old keyboards) -> the correct comma-below
# letters, so that "Bucureşti" and "București" are the same string for every later stage.
_CEDILLA: Final = re.compile("[şŞţŢ]")
# Lone surrogates (possible in JSON "\\ud800" escapes) cannot be encoded as UTF-8, so the
# article id could not be computed: they become U+FFFD, the usual replacement character.
_SURROGATES: Final = re.compile("[" + chr(0xD800) + "-" + chr(0xDFFF) + "]")
_COMMA_BELOW: Final = {"ş": "ș", "Ş": "Ș", "ţ": "ț", "Ţ": "Ț"}


def _plain_lines(text: str) -> bool:
    """Is the text free of every character the three cleaning regexes replace?"""
    # \n and \t are the only non-printable characters normal text has; the rest (controls, CR,
    # U+2028, surrogates, the BOM) make isprintable() false, as do harmless ones such as U+00A0,
    # which only send the text through the regexes.
    # (replaced by spaces rather than deleted: a one-for-one replacement is the faster kind, and a space is printable)
    return text.replace("\n", " ").replace("\t", " ").isprintable()


def _has_cedilla(text: str) -> bool:
    """Any of ş Ş ţ Ţ? (four substring searches in C beat one regex character class ~5x)"""
    return not text.isascii() and ("ş" in text or "ţ" in text or "Ş" in text or "Ţ" in text)


def normalize(text: str) -> str:
    """Return text in the one canonical form every stored offset refers to."""
    # Regex passes rather than str.translate: translate walks every character of non-ASCII text
    # through a dict (~0.15 ms per 3 KB), the regexes only touch the rare matches. Each regex
    # scan still costs 10-30 us per 3 KB; controls, line breaks other than "\n" and surrogates are
    # all non-printable, so one printable check in C (~3 us) skips the three scans for most text.
    if not _plain_lines(text):
        text = _LINE_BREAKS.sub("\n", _CONTROLS.sub("", text))
        text = _SURROGATES.sub("\ufffd", text)
    # NFC after deleting controls: a deleted NUL between a letter and a combining mark would
    # otherwise leave an uncomposed pair behind (and a second call would compose it).
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    # After NFC, since NFC is what turns "s" + U+0327 into ş.
    if _has_cedilla(text):
        text = _CEDILLA.sub(lambda m: _COMMA_BELOW[m.group()], text)
    if "\u0327" in text and not unicodedata.is_normalized("NFC", text):
        # A combining cedilla that NFC cannot put on the letter ("Ș" + U+0327: the marks reorder and compose a
        # new Ş). Replacing one per round and composing again took a pass over the text per mark (minutes
        # for a 40 KB run of them); in decomposed form every such cedilla on s/t becomes a comma below at once.
        text = unicodedata.normalize("NFC", _CEDILLA_MARKS.sub(_comma_marks, unicodedata.normalize("NFD", text)))
    return text


# s or t and the combining marks after it, in decomposed text
_CEDILLA_MARKS: Final = re.compile("[sStT][\u0300-\u036f]*\u0327[\u0300-\u036f]*")


def _comma_marks(m: re.Match[str]) -> str:
    return m.group().replace("\u0327", "\u0326")


# --- strip_diacritics ---------------------------------------------------------------------------


def _build_fold_table() -> dict[int, str]:
    """Map every precomposed Latin letter whose base is an ASCII letter to that letter."""
    table: dict[int, str] = {}
    # Latin-1 Supplement, Latin Extended-A/B and Latin Extended Additional: beyond the Romanian
    # letters this also folds names such as Erdoğan, Babiš or Orbán, one character for one.
    for cp in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        decomposed = unicodedata.normalize("NFD", chr(cp))
        base = decomposed[0]
        if (
            len(decomposed) > 1
            and base.isascii()
            and base.isalpha()
            and all(unicodedata.combining(m) for m in decomposed[1:])
        ):
            table[cp] = base
    # The Romanian letters explicitly (both spellings), whatever the loop above decided.
    table.update({ord(a): b for a, b in zip("ăâîșțşţĂÂÎȘȚŞŢ", "aaistst" + "AAISTST", strict=True)})
    return table


_FOLD_TABLE: Final = _build_fold_table()


_ROMANIAN_PAIRS: Final = tuple((ch, _FOLD_TABLE[ord(ch)]) for ch in "ăâîșțşţĂÂÎȘȚŞŢ")
_FOLDABLE: Final = re.compile("[" + "".join(sorted(map(chr, _FOLD_TABLE))) + "]")


def strip_diacritics(text: str) -> str:
    """Fold diacritics (ă â î ș ț and other Latin letters) to ASCII, keeping the length."""
    # A 1:1 character map, so offsets found in the folded text are valid in the original.
    # re.sub on the few accented letters is ~5x faster than str.translate over the whole text.
    # The Romanian letters, most of the accented ones, go first through str.replace (in C, no callback per letter).
    if text.isascii():
        return text
    for marked, plain in _ROMANIAN_PAIRS:
        if marked in text:
            text = text.replace(marked, plain)
    return text if text.isascii() else _FOLDABLE.sub(_unmark, text)


def _unmark(m: re.Match[str]) -> str:
    return _FOLD_TABLE[ord(m.group())]


# --- detect_language ---------------------------------------------------------------------------

_SAMPLE_CHARS: Final = 2000
_FIRST_SAMPLE_CHARS: Final = 500


def _words(spaced: str) -> frozenset[str]:
    """A word set from a whitespace-separated literal."""
    return frozenset(spaced.split())


_TOKEN: Final = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_ASCII_TOKEN: Final = re.compile(r"[a-zA-Z]+(?:-[a-zA-Z]+)*")  # _TOKEN on ASCII text

# Frequent function words, compared after strip_diacritics() so that Romanian typed without
# diacritics ("si", "ca", "dupa") counts the same as "și", "că", "după". Words that are
# common in both languages are left out: "a", "in"/"în", "an", "are", "am", "un" (the UN),
# "era", "on".
_RO_WORDS: Final = _words(
    """
    si sau ca cu de din la pe pentru este sunt fost fi fie care dupa intr intr-un intr-o intre
    dintr dintr-un dintr-o printr printr-un printr-o dintre spre catre asupra despre fara prin
    iar dar insa ci o unei unui unor lui al ale ai nu mai se sa s-a s-au si-a isi le li ii
    acest aceasta acesta aceste acestei acestui acestor cel cea cei cele va vor ar sa fost
    deja doar inca cand unde cum daca foarte toate toti tot potrivit anul luni marti miercuri
    joi vineri sambata duminica ieri astazi
    """
)
_EN_WORDS: Final = _words(
    """
    the and of to is was were that for with by said from has have had it its this which would
    will be been at as after not but their they he she his her who or also than there these
    those what when while about into over could should been being did does do
    monday tuesday wednesday thursday friday saturday sunday yesterday
    """
)
# ă ș ț (either spelling) are decisive for Romanian; â and î also occur in French.
_RO_LETTER_LIST: Final = "ăĂșȘțȚşŞţŢ"
# a word's side, True for Romanian (which wins where a word is in both lists), in one lookup
_FUNCTION_WORDS: Final[dict[str, bool]] = {**dict.fromkeys(_EN_WORDS, False), **dict.fromkeys(_RO_WORDS, True)}


def letter_words(text: str) -> list[str]:
    """The words of letters (joined by hyphens) in the text: what _TOKEN.findall gives, ~4x faster."""
    # Split on spaces in C; most pieces are a word as they stand or with one mark after or before it ("war,",
    # "(nato"); only the rest go through the regex (on ASCII text the letters are a-z, a cheaper class).
    out: list[str] = []
    for part in text.split():
        if part.isalpha():
            out.append(part)
        elif len(part) > 1 and part[:-1].isalpha() and not part[-1].isalnum():
            out.append(part[:-1])
        elif len(part) > 1 and part[1:].isalpha() and not part[0].isalnum():
            out.append(part[1:])
        else:
            out.extend((_ASCII_TOKEN if part.isascii() else _TOKEN).findall(part))
    return out


def _function_word_scores(sample: str, folded: str | None = None) -> tuple[float, float]:
    """Romanian and English evidence from function words and Romanian letters (`folded`: the sample folded)."""
    ro = en = 0.0
    # The function words are ASCII: lexicon.fold() gives the same ASCII words as strip_diacritics() of the
    # lower-cased text (a test compares them on every character), faster, and the caller may have it already;
    # only "İ" differs, as it lowers to two characters.
    if folded is None or "\u0130" in sample:
        folded = fold(sample) if "\u0130" not in sample else strip_diacritics(sample.lower())
    for token in letter_words(folded):
        side = _FUNCTION_WORDS.get(token)
        if side is not None:
            if side:
                ro += 1
            else:
                en += 1
    # Half weight: an English report still names Iași or Bălcescu now and then.
    if not sample.isascii():
        ro += 0.5 * sum([sample.count(letter) for letter in _RO_LETTER_LIST])  # a count in C per letter
    return ro, en


def detect_language(text: str, folded: str | None = None) -> str:
    """Return "ro" or "en" for text (English when there is no evidence either way); `folded`: fold(text)."""
    # Running text has dozens of function words per 2,000 characters: when they agree clearly
    # the answer is known without simplemma (which also costs ~0.4 s to load on first use). The
    # opening sentences usually settle it; the longer sample is read only when they do not.
    for size in (_FIRST_SAMPLE_CHARS, _SAMPLE_CHARS):
        sample = text[:size]
        ro, en = _function_word_scores(sample, None if folded is None else folded[:size])
        if ro + en >= 8 and (ro >= 3 * en or en >= 3 * ro) or (
            size == _SAMPLE_CHARS and ro + en >= 4 and (ro >= 2 * en or en >= 2 * ro)
        ):
            return "ro" if ro > en else "en"
        if len(text) <= size:
            break
    if not sample.strip():
        return "en"
    import simplemma  # deferred: only short or mixed samples reach this point

    scores = dict(simplemma.langdetect(sample, lang=("ro", "en")))
    # simplemma's scores are shares of known tokens (0-1); worth up to three function words,
    # so that "Putin si Trump s-au intalnit in Alaska." is not outvoted by the English-looking
    # names (simplemma reads Romanian without diacritics badly).
    ro += 3 * scores.get("ro", 0.0)
    en += 3 * scores.get("en", 0.0)
    return "ro" if ro > en else "en"
