"""Pull the report's particulars (who, where, since when, how often, impact, witnesses) from text.

Everything is regex on the original text so that the values are the resident's own words
(verbatim substrings, only the first letter of a description lower-cased). Choices made:

* names are taken only after a cue ("neighbour John", "called Dave", "his name is Tom",
  "Mr Smith", "Sarah at number 4"), must be capitalised (except after "his/her name is"), and are
  never common words such as "My", "The", "It", months, weekdays or nationalities;
* ``perpetrator`` is the name when given, otherwise the specific reference ("my ex",
  "the man at number 12"); it stays None for unknown people ("some lads"), whose words go to
  ``perpetrator_description`` with ``perpetrator_known=False``;
* ``location`` keeps the preposition ("outside my flat", "in the car park") except the vague
  "around/round/about", which is dropped ("hang around the stairwell" -> "the stairwell");
* "every evening" counts as ``nightly`` (out-of-hours behaviour is what the team triages on);
* ``impact`` is the first run of clauses containing a feeling or health word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from bot.understanding.when import WhenSpan, WhenText, find_when

__all__ = ["FREQUENCIES", "Details", "extract_details"]

FREQUENCIES = (
    "once", "daily", "nightly", "several_times_a_week", "weekly", "monthly", "occasionally",
    "constantly",
)  # fmt: skip
_MAX_CHARS = 5_000


@dataclass(frozen=True)
class Details:
    """What a message says about the behaviour; every field is optional."""

    perpetrator: str | None = None
    perpetrator_known: bool | None = None
    perpetrator_description: str | None = None
    perpetrator_address: str | None = None
    location: str | None = None
    started: WhenText | None = None
    last_incident: WhenText | None = None
    frequency: str | None = None
    ongoing: bool | None = None
    impact: str | None = None
    witnesses: str | None = None


_I = re.IGNORECASE

# --------------------------------------------------------------------------------------------
# Clauses (for impact and witnesses)
# --------------------------------------------------------------------------------------------

_CLAUSE_BREAK = re.compile(
    r"[.!?;:\n]+|,|\s+(?=(?:and|but|so|which|because|cos|as|plus)\s+(?:it|it's|its|i|i'm|im|"
    r"i've|ive|we|we're|we've|my|this|that|the|they|he|she|me|our|is|makes|made|has|have|now|"
    r"everyone|nobody|no|kids|children|us|is|am)\b)",
    _I,
)
_LEADING_CONJ = re.compile(r"(?:and|but|so|which|because|cos|as|plus)\s+", _I)


def _clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) of each clause, whitespace trimmed."""
    spans, pos = [], 0
    for m in _CLAUSE_BREAK.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    out = []
    for a, b in spans:
        chunk = text[a:b]
        stripped = chunk.strip()
        if stripped:
            a += len(chunk) - len(chunk.lstrip())
            out.append((a, a + len(stripped)))
    return out


_IMPACT_RE = re.compile(
    r"\b(anxious|anxiety|scared|scares|scaring|frightened|frightening|terrified|terrifying|afraid|"
    r"petrified|fearful|can'?t sleep|cannot sleep|can'?t get (?:to )?sleep|unable to sleep|"
    r"no sleep|not sleeping|(?:lack|loss) of sleep|sleepless|sleep deprived|"
    r"keep(?:s|ing)? (?:me|us|the kids|my \w+) (?:up|awake)|kept (?:me|us) up|awake|"
    r"up all night|"
    r"stress(?:ed|ful)?|depress(?:ed|ion|ing)|upset(?:ting)?|intimidat(?:ed|ing)|unsafe|"
    r"not safe|don'?t feel safe|on edge|crying|in tears|tearful|worried|worry|worrying|ill|sick|"
    r"poorly|(?:my|our|his|her|mental|physical) health|panic(?: attacks?)?|nervous|exhausted|"
    r"tired|shaking|distress(?:ed|ing)?|miserable|nightmare|can'?t cope|struggling|wits'? end|"
    r"isolated|prisoner in my own|hate living|affect(?:s|ing|ed)? (?:me|us|my|our)|"
    r"impact(?:s|ing|ed)? on|suffer(?:ing)?|angry|furious|fed up|embarrass(?:ed|ing)|"
    r"humiliat(?:ed|ing)|vulnerable|lonely|breaking down|blood pressure|migraines?|headaches?|"
    r"can'?t relax|can'?t concentrate|unbearable|desperate|end of my tether|"
    r"can'?t take (?:it|this|any ?more)|dread(?:ing)?)\b",
    _I,
)
_WITNESS_RE = re.compile(
    r"\b(saw|seen|witnessed|witness|heard (?:it|everything|them|him|her|the|all)|"
    r"can confirm|will confirm|(?:was|were) (?:there|with me) (?:too|as well|at the time)|filmed|"
    r"recorded|caught (?:it|them|him|her) on)"
    r"\b",
    _I,
)
_NOT_A_WITNESS = re.compile(
    r"^\W*(?:(?:and|but|so|also)\s+)?(?:i|i've|ive|i'd|i'm|me|nobody|no one|no-one|noone|"
    r"none|never)\b|\b(?:nobody|no one|no-one|noone|didn'?t|hasn'?t|haven'?t|not)\b"
    r".{0,12}\b(?:saw|seen|witness)",
    _I,
)


def _impact(text: str, clauses: list[tuple[int, int]]) -> str | None:
    run: list[tuple[int, int]] = []
    for a, b in clauses:
        if _IMPACT_RE.search(text, a, b):
            run.append((a, b))
        elif run:
            break
    if not run:
        return None
    start, end = run[0][0], run[-1][1]
    lead = _LEADING_CONJ.match(text, start)
    if lead:
        start = lead.end()
    return text[start:end].strip() or None


def _witnesses(text: str, clauses: list[tuple[int, int]]) -> tuple[str | None, tuple[int, int]]:
    for a, b in clauses:
        if _WITNESS_RE.search(text, a, b) and not _NOT_A_WITNESS.search(text[a:b]):
            lead = _LEADING_CONJ.match(text, a, b)
            return text[lead.end() if lead else a : b].strip(), (a, b)
    return None, (0, 0)


# --------------------------------------------------------------------------------------------
# Perpetrator
# --------------------------------------------------------------------------------------------

_NOT_NAMES = {
    "i", "my", "the", "it", "he", "she", "they", "we", "you", "him", "her", "them", "this", "that",
    "these", "those", "there", "here", "what", "when", "where", "who", "why", "how", "a", "an",
    "and", "but", "so", "then", "now", "also", "at", "on", "in", "from", "of", "to", "by", "for",
    "with", "is", "was", "has", "have", "had", "keeps", "every", "since", "last", "next", "door",
    "number", "no", "flat", "house", "road", "street", "avenue", "lane", "close", "police",
    "council", "housing", "progress", "help", "please", "hi", "hello", "thanks", "thank", "yes",
    "ok", "okay", "downstairs", "upstairs", "across", "opposite", "above", "below", "christmas",
    "easter", "god", "omg", "today", "tonight", "yesterday", "someone", "somebody", "everyone",
    "nobody", "asian", "black", "white", "english", "british", "polish", "muslim", "jewish",
    "irish", "scottish", "welsh", "african", "indian", "pakistani", "romanian", "gay", "trans",
    "lesbian", "disabled", "asb", "cctv", "sky", "amazon", "tesco", "aldi", "lidl", "asda",
    "facebook", "whatsapp", "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "mum", "dad", "sir", "madam", "mate", "lad",
    "always", "never", "just", "really", "again", "lives", "living", "plays", "shouts", "called",
    "said", "says", "block", "estate", "tower", "court",
}  # fmt: skip
_CAP = r"[A-Z][a-z'’]+(?:-[A-Z][a-z]+)?"
_NAME = rf"(?P<name>{_CAP}(?:\s+{_CAP})?)"
_PERSON_NOUN = (
    r"neighbou?rs?|landlord|landlady|ex|ex-partner|ex-husband|ex-wife|ex-boyfriend|ex-girlfriend|"
    r"partner|husband|wife|boyfriend|girlfriend|son|daughter|brother|sister|man|guy|lad|bloke|"
    r"woman|lady|girl|boy|tenant|resident|friend|cousin|uncle|aunt|lodger|carer"
)
_NAME_PATTERNS = [
    re.compile(rf"\b(?i:{_PERSON_NOUN})\s+{_NAME}"),
    re.compile(rf"\b(?i:called|known as|goes by)\s+{_NAME}"),
    re.compile(
        r"\b(?i:named|name is|name's|names)\s+(?P<name>[A-Za-z][a-z'’]+(?:\s+[A-Z][a-z]+)?)"
    ),
    re.compile(r"\b(?P<name>(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+[A-Z][a-z]+(?:-[A-Z][a-z]+)?)"),
    re.compile(rf"{_NAME}\s+(?i:at|from|in|of)\s+(?i:number|no\.?|flat|house|apartment)\s*\d"),
    re.compile(rf"{_NAME}\s+(?i:next door|upstairs|downstairs)\b"),
]
_UNKNOWN_RE = re.compile(
    r"\b(?:(?:i|we)\s+)?(?:don'?t|do not|dont|didn'?t)\s+know\s+(?:who|them|him|her|their names?|"
    r"his name|her name|the (?:person|people|man|woman))\b|\bno idea who\b|\bnot sure who\b|"
    r"\bunknown (?:person|people|man|men|woman|male|female|youths?)\b|\bnever seen (?:them|him|her)"
    r"\b|\bstrangers?\b|\bdon'?t know (?:them|him|her)\b|\bcan'?t see (?:who|their faces)\b",
    _I,
)
_MODIFIERS = (
    r"(?:(?:next[- ]door|upstairs|downstairs|new|old|elderly|young|opposite|nextdoor|"
    r"neighbouring|other|drunk|male|female)\s+)*"
)
_RELATION = (
    r"neighbou?rs?|neighbou?r'?s\s+\w+|landlord|landlady|ex(?:-(?:partner|husband|wife|boyfriend|"
    r"girlfriend))?|partner|husband|wife|boyfriend|girlfriend|brother|sister|son|daughter|dad|"
    r"father|mum|mother|stepdad|uncle|cousin|family|tenants?|lodger|carer|flatmate|housemate"
)
_SPECIFIC_RE = re.compile(
    rf"\b(?P<desc>(?:my|our|the)\s+{_MODIFIERS}(?P<rel>{_RELATION}))\b"
    r"|\b(?P<desc2>next[- ]door(?:'s\s+\w+)?|the\s+(?:people|family|man|woman|lads?|guy|bloke|lady|"
    r"couple|household|kids|tenants?|occupants?)\s+(?:next door|upstairs|downstairs|opposite|"
    r"above|below|above me|below me))\b",
    _I,
)
_PERSON_AT_ADDRESS_RE = re.compile(
    r"\b(?P<desc>(?:the|a|an|some|my|our)\s+(?:\w+\s+)?(?:man|woman|men|women|lad|lads|guy|guys|bloke|"
    r"lady|family|people|kids|children|boys|girls|couple|tenant|tenants|occupants?|household|"
    r"youths?|teenagers?|person|neighbou?rs?))\s+(?:(?:who\s+lives?|living|that\s+lives?)\s+)?"
    r"(?:at|from|in|of)\s+(?=(?:number|no\.?|flat|house|apartment|\d))",
    _I,
)
_INDEFINITE_RE = re.compile(
    r"\b(?P<desc>(?:(?:a group of|a gang of|groups of|gangs of|a crowd of|a bunch of|a load of|"
    r"a couple of|a few|loads of|lots of|several|some|two|three|four|five|six|an|a)\s+"
    r"(?:(?:young|older|teenage|local|drunk|masked|hooded|big|small|unknown|random|different|"
    r"white|black|asian)\s+)*"
    r"(?:lads|lad|boys|boy|girls|girl|men|man|women|woman|kids|youths|youth|teenagers|teens|"
    r"people|guys|guy|blokes|bloke|strangers|stranger|person|individuals|group|gang|"
    r"drug dealers|dealers|druggies|drunks|bikers|students|youngsters|children))"
    r"|(?:someone|somebody|some people|youths|teenagers|gangs?|drug dealers|kids|strangers))\b",
    _I,
)
_SUBJECT_BEFORE = re.compile(
    r"(?:^|[.!?;,\n]|\b(?:and|but|because|cos|that|when|since|by|if|as|so|think|thinks|"
    r"believe|it's|its|it is|is|was)\b)\s*$",
    _I,
)
_NOT_PERP_AFTER = re.compile(r"\s*(?:and (?:i|me|myself|the kids)\b|saw\b|heard\b|'s\s+\w+\s+saw)",
                             _I)  # fmt: skip


def _lower_first(phrase: str) -> str:
    """Lower-case a sentence-initial capital ("A group" -> "a group"), but not "ASB" or names."""
    phrase = phrase.strip()
    first = phrase.split()[0] if phrase.split() else ""
    if first and first[0].isupper() and (len(first) == 1 or not first.isupper()):
        return phrase[0].lower() + phrase[1:]
    return phrase


def _find_name(text: str, masked: tuple[int, int]) -> re.Match[str] | None:
    """The earliest cue-led name that is not a common word (nor inside the witness clause)."""
    best: re.Match[str] | None = None
    for pattern in _NAME_PATTERNS:
        for m in pattern.finditer(text):
            first = m.group("name").split()[0].strip(".").lower()
            if first in _NOT_NAMES or masked[0] <= m.start() < masked[1]:
                continue
            if best is None or m.start() < best.start():
                best = m
            break
    return best


def _clean_name(m: re.Match[str]) -> str:
    """Drop a trailing common word caught by the two-word pattern ("John At")."""
    parts = m.group("name").split()
    if len(parts) == 2 and parts[1].lower() in _NOT_NAMES:
        parts = parts[:1]
    return " ".join(parts)


def _specific_reference(text: str, masked: tuple[int, int]) -> re.Match[str] | None:
    for m in _SPECIFIC_RE.finditer(text):
        if masked[0] <= m.start() < masked[1] or _NOT_PERP_AFTER.match(text, m.end()):
            continue
        rel = (m.group("rel") or "").lower()
        family = rel and not re.match(r"neighbou?r|landlord|landlady|tenant|lodger|flatmate|"
                                      r"housemate|ex\b", rel)  # fmt: skip
        if family and not _SUBJECT_BEFORE.search(text[max(0, m.start() - 30) : m.start()]):
            continue  # "they scare my son": family members count only as the subject
        return m
    return None


# --------------------------------------------------------------------------------------------
# Addresses and locations
# --------------------------------------------------------------------------------------------

_STREET = (
    r"Road|Rd|Street|St|Avenue|Ave|Close|Lane|Ln|Drive|Dr|Way|Court|Ct|Crescent|Grove|Place|Pl|"
    r"Gardens|Terrace|Walk|View|Mews|Square|Row|Hill|Park|Rise|Green|Parade|Vale|Croft|Fold|Brow"
)
_ADDRESS_RE = re.compile(
    r"\b(?P<addr>(?i:number|no\.?|num)\s*\d+[a-zA-Z]?|#\d+[a-zA-Z]?|"
    r"(?i:flat|apartment|apt|unit|house|maisonette)\s+\d+[a-zA-Z]?|"
    rf"\d+[a-zA-Z]?,?\s+(?:[A-Z][a-z]+\s+){{1,2}}(?:{_STREET})\b)"
)
_OWN_ADDRESS_BEFORE = re.compile(
    r"\b(?:i|we)\s+(?:live|am|'m|are|'re)\s+(?:at|in)\s*$|\bmy\s+(?:address\s+is\s+)?$|"
    r"\b(?:i'?m|i am|we'?re)\s+(?:at|in)\s*$|\bmy address is\s*$",
    _I,
)
_RELATIVE_ADDRESS_RE = re.compile(
    r"\b(?:next door|upstairs|downstairs|the flat (?:above|below|opposite|next door)|"
    r"(?:above|below) (?:me|us))\b",
    _I,
)

_LOC_NOUNS = (
    r"stairwell|stairs|staircase|stairway|landing|green|bus stop|car park|carpark|parking area|"
    r"parking|garden|gardens|area|areas|hallway|hall|corridor|corridors|lobby|entrance|foyer|lift|"
    r"lifts|bin store|bin area|bin shed|bins|bike store|alley|alleyway|street|road|park|playground|"
    r"play area|shop|shops|front door|door|doorstep|window|windows|flat|flats|house|block|building|"
    r"balcony|courtyard|garages|garage|field|path|footpath|pavement|driveway|drive|estate|square|"
    r"lane|grass|woods|rec|precinct|underpass|subway|walkway|porch|gate|gates|back|front|"
    r"launderette|laundry|drying area|communal areas?|close|cul-de-sac|school|chippy|pub"
)
_LOCATION_RE = re.compile(
    r"\b(?P<prep>outside|inside|in front of|in|on|at|by|near|behind|around|round|under|"
    r"opposite|next to|across from|along|outside of|underneath|beside)\s+"
    r"(?P<np>(?:my|the|our|their|his|her|this|that|a)\s+"
    r"(?:(?:communal|shared|front|back|rear|main|local|kids'?|children'?s|top|bottom|"
    r"ground floor|first floor|second floor|entrance|residents'?|big|little|same)\s+)*"
    rf"(?:{_LOC_NOUNS}))\b"
    r"|\b(?P<bare>communal (?:garden|gardens|area|areas|hallway|hall|corridor|stairwell|stairs|"
    r"entrance|landing|bin store|car park|lobby))\b",
    _I,
)
_VAGUE_PREP = {"around", "round"}
_INDOORS_OWN = re.compile(r"^(?:in|inside)\s+my\s+(?:flat|house|home|bedroom|room)$", _I)


def _location(text: str, masked: tuple[int, int]) -> str | None:
    found: list[str] = []
    for m in _LOCATION_RE.finditer(text):
        if masked[0] <= m.start() < masked[1]:
            continue
        if m.group("bare"):
            found.append(m.group("bare"))
            continue
        prep = m.group("prep")
        phrase = m.group("np") if prep.lower() in _VAGUE_PREP else m.group(0)
        found.append(phrase)
    for phrase in found:
        if not _INDOORS_OWN.match(phrase):
            return _lower_first(phrase)
    return _lower_first(found[0]) if found else None


def _address(text: str, near: int | None, masked: tuple[int, int]) -> str | None:
    candidates = []
    for m in _ADDRESS_RE.finditer(text):
        before = text[max(0, m.start() - 25) : m.start()]
        if _OWN_ADDRESS_BEFORE.search(before) or masked[0] <= m.start() < masked[1]:
            continue
        candidates.append(m)
    if not candidates:
        return None
    if near is not None:
        close = [m for m in candidates if 0 <= m.start() - near <= 60]
        if close:
            return close[0].group("addr")
    return candidates[0].group("addr")


# --------------------------------------------------------------------------------------------
# Frequency and ongoing
# --------------------------------------------------------------------------------------------

_WD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_FREQUENCY_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("daily", re.compile(r"\ball day,? every day\b", _I)),
    ("constantly", re.compile(
        r"\b(?:all the time|constantly|constant|24/7|24-7|24 7|non[- ]?stop|day and night|"
        r"night and day|day in,? day out|(?:a)?round the clock|continuously|continually|"
        r"all day and (?:all )?night|every (?:single )?day and (?:every )?night|"
        r"every hour|all hours|never stops?)\b", _I)),
    ("several_times_a_week", re.compile(
        r"\b(?:(?:a few|few|several|a couple of|couple of|two|three|four|five|2|3|4|5|twice|"
        r"multiple|many) (?:times|nights|days|evenings) (?:a|per|each|every) week|"
        r"every other (?:day|night)|most weeks|(?:a|per) week(?:,)? (?:several|a few) times)\b",
        _I)),
    ("nightly", re.compile(
        r"\b(?:every (?:single )?(?:night|evening)|each (?:night|evening)|most (?:nights|evenings)|"
        r"nightly|night after night|all night,? every night|every night and|evenings?,? every)\b",
        _I)),
    ("daily", re.compile(
        r"\b(?:every (?:single )?(?:day|morning|afternoon)|everyday|each day|daily|most days|"
        r"day after day|every morning)\b", _I)),
    ("weekly", re.compile(
        r"\b(?:every (?:single )?week(?:end)?|each week(?:end)?|weekly|once a week|"
        rf"(?:most|every|at|on) weekends?|every {_WD}(?: night| evening| morning)?|{_WD}s\b)",
        _I)),
    ("monthly", re.compile(
        r"\b(?:every (?:single )?month|monthly|once a month|(?:a few|few|a couple of|two|2|twice)"
        r" times a month|every fortnight|every other week|fortnightly)\b", _I)),
    ("occasionally", re.compile(
        r"\b(?:occasionally|sometimes|now and (?:then|again)|from time to time|every so often|"
        r"every now and (?:then|again)|on and off|off and on|every few (?:weeks|months)|"
        r"once in a while|(?:a few|a couple of|several) times|once or twice|here and there)\b",
        _I)),
    ("once", re.compile(
        r"\b(?:(?:just|only) (?:the )?once|(?:happened|was) (?:just |only )?once|"
        r"(?:a )?one[- ]off|one time only|(?:the )?first time|only the once|the once)\b"
        r"(?! (?:a|per|every|or|again|more))", _I)),
]  # fmt: skip
_RECURRING = {"daily", "nightly", "several_times_a_week", "weekly", "monthly", "constantly"}
_ONGOING_RE = re.compile(
    r"\b(?:has been|have been|'s been|'ve been|keeps?|keeping|still|ongoing|continues?|"
    r"continuing|again and again|won'?t stop|doesn'?t stop|never stops?|is (?:always|constantly)|"
    r"are (?:always|constantly)|is happening|going on|is getting worse|getting worse)\b",
    _I,
)
_ENDED_RE = re.compile(
    r"\b(?:stopped|has stopped|no longer|not any ?more|moved (?:out|away)|it'?s over|has ended|"
    r"hasn'?t happened since|nothing since|used to|left now|gone now)\b",
    _I,
)


def _frequency(text: str) -> str | None:
    for label, pattern in _FREQUENCY_RULES:
        if pattern.search(text):
            return label
    return None


def _ongoing(text: str, frequency: str | None, started: WhenSpan | None) -> bool | None:
    strong = bool(_ONGOING_RE.search(text))
    if _ENDED_RE.search(text) and not strong:
        return False
    if strong or frequency in _RECURRING or (started and started.role in {"since", "duration"}):
        return True
    if frequency == "occasionally":
        return True
    return False if frequency == "once" else None


# --------------------------------------------------------------------------------------------
# Public entry point
# --------------------------------------------------------------------------------------------


_Perpetrator = tuple[str | None, bool | None, str | None, int | None]


def _perpetrator(text: str, masked: tuple[int, int]) -> _Perpetrator:
    """(perpetrator, known, description, position) for the most specific mention."""
    name = _find_name(text, masked)
    specific = _specific_reference(text, masked)
    at_address = next((m for m in _PERSON_AT_ADDRESS_RE.finditer(text)
                       if not masked[0] <= m.start() < masked[1]), None)  # fmt: skip
    indefinite = next((m for m in _INDEFINITE_RE.finditer(text)
                       if not masked[0] <= m.start() < masked[1]), None)  # fmt: skip
    unknown = _UNKNOWN_RE.search(text)
    description = None
    for m in (specific, at_address):
        if m is not None:
            description = _lower_first(m.group("desc") or m.group("desc2"))
            break
    if name is not None:
        return _clean_name(name), True, description, name.start()
    if unknown is not None:
        desc = _lower_first(indefinite.group("desc")) if indefinite else description
        return None, False, desc, None
    if at_address is not None and (specific is None or at_address.start() <= specific.start()):
        end = _ADDRESS_RE.match(text, at_address.end())
        phrase = text[at_address.start() : end.end() if end else at_address.end()].strip()
        desc = _lower_first(at_address.group("desc"))
        return _lower_first(phrase), True, desc, at_address.start()
    if specific is not None and (indefinite is None or specific.start() <= indefinite.start()):
        desc = _lower_first(specific.group("desc") or specific.group("desc2"))
        return desc, True, desc, specific.start()
    if indefinite is not None:
        return None, False, _lower_first(indefinite.group("desc")), None
    if specific is not None:
        desc = _lower_first(specific.group("desc") or specific.group("desc2"))
        return desc, True, desc, specific.start()
    return None, None, None, None


def extract_details(text: str, now: datetime | None = None) -> Details:
    """Extract who, where, when, how often and the impact from a resident's description."""
    if not isinstance(text, str) or not text.strip():
        return Details()
    text = text[:_MAX_CHARS].replace("\x00", " ")
    clauses = _clauses(text)
    witnesses, witness_span = _witnesses(text, clauses)
    perpetrator, known, description, position = _perpetrator(text, witness_span)
    address = _address(text, position, witness_span) if known is not False else None
    if address is None and known:
        relative = _RELATIVE_ADDRESS_RE.search(text)
        if relative and position is not None and 0 <= relative.start() - position <= 40:
            address = relative.group(0)
    spans = find_when(text, now)
    started_span = next((s for s in spans if s.role in {"since", "duration", "start"}), None)
    points = [s for s in spans if s.role == "point" and s.when.iso_date]
    # The most recent dated incident is the last one ("it started in March ... last night").
    if points:
        last = max(points, key=lambda s: (s.when.iso_date, s.when.iso_datetime or ""))
    else:
        last = next((s for s in spans if s.role == "point"), None)
    frequency = _frequency(text)
    return Details(
        perpetrator=perpetrator,
        perpetrator_known=known,
        perpetrator_description=description,
        perpetrator_address=address,
        location=_location(text, witness_span),
        started=started_span.when if started_span else None,
        last_incident=last.when if last else None,
        frequency=frequency,
        ongoing=_ongoing(text, frequency, started_span),
        impact=_impact(text, clauses),
        witnesses=witnesses,
    )
