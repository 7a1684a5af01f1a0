"""Read British, past-tense time expressions ("since March", "3/10", "last night at 11pm").

Regexes find the phrase and decide its role; ``dateparser`` (DMY order, dates from the past,
relative to ``now``) reads explicit calendar dates; relative phrases (weekdays, "N weeks ago",
"for 3 weeks", "last night") are computed here because dateparser 1.2 misses many of them.
A past event never gets a future date: month or day-month readings in the future move back a
year, weekdays are the most recent one before today, and an explicit future year gives no date.

``approximate`` is True when the *date* is an estimate: month-, season- or year-only dates,
durations ("for 3 weeks"), "N weeks/months ago", "the other day", "last weekend", hedges
("about", "around", "roughly", "-ish"), and recurring phrases ("every night around 11"), which
carry no date at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

__all__ = ["WhenSpan", "WhenText", "find_when", "parse_when", "warm_up"]

LONDON = "Europe/London"

# Shared dateparser settings; RELATIVE_BASE is added per call.
DATEPARSER_SETTINGS: dict[str, Any] = {
    "DATE_ORDER": "DMY",
    "PREFER_DATES_FROM": "past",
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
}
_LANGUAGES = ["en"]
# Longer texts are scanned only at their start: time phrases in a report come early and the
# regexes must stay fast on pasted essays.
_MAX_CHARS = 5_000


@dataclass(frozen=True)
class WhenText:
    """A time expression as typed, with its reading (dates are YYYY-MM-DD, local wall time)."""

    original: str
    iso_date: str | None
    iso_datetime: str | None
    approximate: bool
    time: str | None = None  # "HH:MM" when a clock time was given


@dataclass(frozen=True)
class WhenSpan:
    """Where a time expression sits in the text and what it says about the incident."""

    start: int
    end: int
    role: str  # "since", "duration", "start", "point", "recurring", "clock" (a bare time)
    when: WhenText


# --------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}  # fmt: skip
_MONTH_FULL = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
)
_MONTH_ANY = _MONTH_FULL + "|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAY = "|".join(_WEEKDAYS)
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "couple": 2, "a couple": 2,
    "a couple of": 2, "couple of": 2, "few": 3, "a few": 3, "several": 3, "a fortnight": 2,
}  # fmt: skip
_NUM = (
    r"(?:\d{1,3}|a couple of|couple of|a couple|a few|few|several|an?|one|two|three|four|five|"
    r"six|seven|eight|nine|ten|eleven|twelve)"
)
_UNIT = r"(?:minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|wks?|fortnights?|months?|years?|yrs?)"
_HEDGE = (
    r"(?:about|around|roughly|approximately|approx\.?|nearly|almost|over|more than|at least|"
    r"just over|just under|maybe|probably|like|some|perhaps)"
)
_HEDGE_RE = re.compile(rf"\b{_HEDGE}\b|ish\b|\bor so\b", re.I)
_FLAGS = re.I


def _after_words(*words: str) -> str:
    """Fixed-width look-behinds for "preceded by one of these words and a space"."""
    return "(?:" + "|".join(rf"(?<=\b{w}\s)" for w in words) + ")"


_TIME = (
    r"(?P<clock>(?:\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|a\.m\.?|p\.m\.?)(?![a-z])|\d{1,2}:\d{2}|"
    r"midnight|midday|noon|lunchtime|\d{1,2}\s*o'?clock|"
    + _after_words("at", "around", "about", "gone", "after", "till", "until", "by", "roughly")
    + r"\d{1,2}(?:ish)?"
    r"(?![\d/:.])(?!\s*(?:st|nd|rd|th|weeks?|days?|months?|years?|times|people|of|minutes|hours|"
    r"mins|flats?|houses?|number|[a-z]+\s+(?:road|rd|street|st|avenue|close|lane|drive|way|"
    r"court|crescent|grove|place|gardens|terrace|walk))\b)))"
)
_TIME_RE = re.compile(
    r"\b(?:(?:at|around|about|approx(?:imately)?|roughly|just after|just before|gone|after|"
    r"till|until|by)\s+)?" + _TIME,
    _FLAGS,
)
_NIGHT_CONTEXT = re.compile(r"\b(night|nights|evening|evenings|tonight|late|pm)\b", re.I)


@dataclass(frozen=True)
class _Reading:
    day: date | None
    approximate: bool
    clock: time | None = None
    exact_datetime: datetime | None = None
    explicit_year: bool = False


# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------


def _number(word: str) -> int:
    word = word.lower().strip()
    if word.isdigit():
        return int(word)
    return _NUMBERS.get(word, 1)


def _minus(base: datetime, count: int, unit: str) -> datetime:
    unit = unit.lower()
    if unit.startswith(("min",)):
        return base - timedelta(minutes=count)
    if unit.startswith(("hour", "hr")):
        return base - timedelta(hours=count)
    if unit.startswith(("day", "night")):
        return base - timedelta(days=count)
    if unit.startswith(("week", "wk")):
        return base - timedelta(weeks=count)
    if unit.startswith("fortnight"):
        return base - timedelta(weeks=2 * count)
    if unit.startswith("month"):
        return _months_back(base, count)
    return _months_back(base, 12 * count)


def _months_back(base: datetime, months: int) -> datetime:
    month_index = base.year * 12 + base.month - 1 - months
    year, month = divmod(month_index, 12)
    day = min(base.day, 28)
    return base.replace(year=max(1, year), month=month + 1, day=day)


def _previous_weekday(today: date, weekday: int) -> date:
    """The most recent `weekday` strictly before today (a week ago if today is that day)."""
    delta = (today.weekday() - weekday) % 7 or 7
    return today - timedelta(days=delta)


def _clock(match: re.Match[str], context: str) -> time | None:
    """Read a clock time; a bare hour gets pm only in a night/evening context."""
    raw = match.group("clock").lower().replace(" ", "")
    if raw in {"midnight"}:
        return time(0, 0)
    if raw in {"midday", "noon"}:
        return time(12, 0)
    if raw == "lunchtime":
        return time(13, 0)
    digits = re.match(r"(\d{1,2})(?:[:.](\d{2}))?", raw)
    if not digits:
        return None
    hour, minute = int(digits.group(1)), int(digits.group(2) or 0)
    if hour > 23 or minute > 59:
        return None
    is_pm = "pm" in raw or "p.m" in raw
    is_am = "am" in raw or "a.m" in raw
    if is_pm and hour < 12:
        hour += 12
    elif is_am and hour == 12:
        hour = 0
    elif not (is_am or is_pm) and ":" not in raw and "." not in raw:
        if _NIGHT_CONTEXT.search(context) and 5 <= hour <= 11:
            hour += 12
        elif (
            "o'clock" not in raw
            and "oclock" not in raw
            and hour <= 12
            and not (_NIGHT_CONTEXT.search(context))
        ):
            return None  # "around 11" alone could be morning or night
    return time(hour, minute)


def _dateparse(phrase: str, base: datetime) -> datetime | None:
    """Parse an explicit date with dateparser (imported lazily: it is slow to load)."""
    try:
        import dateparser

        return dateparser.parse(
            phrase, languages=_LANGUAGES, settings={**DATEPARSER_SETTINGS, "RELATIVE_BASE": base}
        )
    except Exception:  # dateparser raises odd errors on odd input; a miss is fine here
        return None


def _season_start(name: str, today: date, last: bool) -> tuple[date, bool] | None:
    """Most recent start of a season or date of a holiday at or before today."""
    name = name.lower().replace("the ", "").replace("'", "")
    fixed = {
        "christmas": (12, 25), "xmas": (12, 25), "christmas day": (12, 25),
        "christmas eve": (12, 24), "boxing day": (12, 26), "new year": (1, 1),
        "new years day": (1, 1), "new years eve": (12, 31), "halloween": (10, 31),
        "bonfire night": (11, 5), "valentines day": (2, 14),
    }  # fmt: skip
    seasons = {"spring": (3, 1), "summer": (6, 1), "summer holidays": (7, 20),
               "autumn": (9, 1), "winter": (12, 1)}  # fmt: skip
    if name == "easter":
        from dateutil.easter import easter

        year = today.year
        day = easter(year)
        while day > today or (last and day.year == today.year and today - day < timedelta(300)):
            year -= 1
            day = easter(year)
            last = False
        return day, False
    if name in fixed:
        month, dom = fixed[name]
        approximate = False
    elif name in seasons:
        month, dom = seasons[name]
        approximate = True
    else:
        return None
    day = date(today.year, month, dom)
    if day > today:
        day = day.replace(year=today.year - 1)
    if last and name in seasons and today - day < timedelta(days=92):
        day = day.replace(year=day.year - 1)
    return day, approximate


# --------------------------------------------------------------------------------------------
# Point phrases: each pattern has a reader returning a _Reading (or None when it cannot)
# --------------------------------------------------------------------------------------------

_Reader = Callable[[re.Match[str], datetime], "_Reading | None"]


def _read_last_night(m: re.Match[str], base: datetime) -> _Reading:
    return _Reading(base.date() - timedelta(days=1), False)


def _read_yesterday(m: re.Match[str], base: datetime) -> _Reading:
    return _Reading(base.date() - timedelta(days=1), False)


def _read_today(m: re.Match[str], base: datetime) -> _Reading:
    text = m.group(0).lower()
    if "just now" in text or "right now" in text:
        return _Reading(base.date(), False, exact_datetime=base)
    return _Reading(base.date(), False)


def _read_weekday(m: re.Match[str], base: datetime) -> _Reading:
    weekday = _WEEKDAYS.index(m.group("wd").lower())
    day = _previous_weekday(base.date(), weekday)
    if (m.group("which") or "").lower().strip() in {"this", "this past"} and (
        weekday == base.weekday()
    ):
        day = base.date()
    return _Reading(day, False)


def _read_weekend(m: re.Match[str], base: datetime) -> _Reading:
    """Saturday of the weekend meant: "last weekend" on a Sunday is eight days back."""
    today = base.date()
    if today.weekday() == 5:
        saturday = today
    elif today.weekday() == 6:
        saturday = today - timedelta(days=1)
    else:
        saturday = _previous_weekday(today, 5)
    if m.group(0).lower().startswith("last") and today.weekday() in {5, 6}:
        saturday -= timedelta(days=7)
    return _Reading(saturday, True)


def _read_other_day(m: re.Match[str], base: datetime) -> _Reading:
    return _Reading(base.date() - timedelta(days=2), True)


def _read_ago(m: re.Match[str], base: datetime) -> _Reading:
    count_word = m.group("n") or "a"
    unit = m.group("u")
    count = _number(count_word) * (2 if unit.lower().startswith("fortnight") else 1)
    unit = "week" if unit.lower().startswith("fortnight") else unit
    moment = _minus(base, count, unit)
    vague = not count_word.strip().isdigit() and count_word.lower().strip() in {
        "few", "a few", "several", "couple of", "a couple of", "a couple", "couple",
    }  # fmt: skip
    coarse = not unit.lower().startswith(("min", "hour", "hr", "day", "night"))
    approximate = bool(m.group("hedge")) or vague or coarse
    if unit.lower().startswith(("min", "hour", "hr")):
        return _Reading(moment.date(), approximate, exact_datetime=moment)
    return _Reading(moment.date(), approximate)


def _read_last_unit(m: re.Match[str], base: datetime) -> _Reading:
    unit = m.group("lu").lower()
    moment = {"week": base - timedelta(weeks=1), "month": _months_back(base, 1),
              "year": _months_back(base, 12)}[unit]  # fmt: skip
    return _Reading(moment.date(), True)


def _read_numeric(m: re.Match[str], base: datetime) -> _Reading | None:
    day, month, year = int(m.group("d")), int(m.group("m")), m.group("y")
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    return _read_calendar(m.group(0), base, explicit_year=bool(year), approximate=False)


def _read_named(m: re.Match[str], base: datetime) -> _Reading | None:
    return _read_calendar(m.group(0), base, explicit_year=bool(m.group("y")), approximate=False)


def _read_iso(m: re.Match[str], base: datetime) -> _Reading | None:
    try:
        day = date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    except ValueError:
        return None
    return _Reading(day, False, explicit_year=True)


def _read_month(m: re.Match[str], base: datetime) -> _Reading | None:
    groups = m.groupdict()
    month = _MONTHS[groups["mon"].lower()]
    year = int(groups["y"]) if groups.get("y") else None
    part = (groups.get("part") or "").lower()
    dom = 1
    if "mid" in part or "middle" in part:
        dom = 15
    elif "end" in part or "late" in part:
        dom = 25 if "late" in part else 28
    elif "early" in part or "start" in part or "beginning" in part:
        dom = 1
    today = base.date()
    if year is None:
        candidate = date(today.year, month, dom)
        if candidate > today:
            candidate = candidate.replace(year=today.year - 1)
        if groups.get("last") and candidate.year == today.year and month == today.month:
            candidate = candidate.replace(year=today.year - 1)
        return _Reading(candidate, True)
    return _Reading(date(year, month, dom), True, explicit_year=True)


def _read_ordinal(m: re.Match[str], base: datetime) -> _Reading | None:
    dom = int(m.group("dom"))
    today = base.date()
    year, month = today.year, today.month
    for _ in range(3):
        try:
            candidate = date(year, month, dom)
        except ValueError:
            candidate = None
        if candidate and candidate <= today:
            return _Reading(candidate, False)
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return None


def _read_year(m: re.Match[str], base: datetime) -> _Reading:
    return _Reading(date(int(m.group("year")), 1, 1), True, explicit_year=True)


def _read_season(m: re.Match[str], base: datetime) -> _Reading | None:
    found = _season_start(m.group("season"), base.date(), bool(m.group("slast")))
    return _Reading(found[0], found[1]) if found else None


def _read_calendar(
    phrase: str, base: datetime, *, explicit_year: bool, approximate: bool
) -> _Reading | None:
    cleaned = re.sub(r"\bthe\b|\bof\b|,|\b(?:" + _WEEKDAY + r")\b", " ", phrase, flags=_FLAGS)
    parsed = _dateparse(cleaned.strip(), base)
    if parsed is None:
        return None
    day = parsed.date()
    if day > base.date() and not explicit_year:
        try:
            day = day.replace(year=day.year - 1)
        except ValueError:  # 29 February
            day = day.replace(year=day.year - 1, day=28)
    return _Reading(day, approximate, explicit_year=explicit_year)


_PART = r"(?:\s+(?:morning|afternoon|evening|night|lunchtime|teatime))?"
_POINT_PATTERNS: list[tuple[re.Pattern[str], _Reader]] = [
    (re.compile(r"\b(?:last|yesterday)\s+(?:night|evening)\b|\bovernight\b", _FLAGS),
     _read_last_night),
    (re.compile(r"\byesterday" + _PART + r"\b", _FLAGS), _read_yesterday),
    (re.compile(r"\b(?:this\s+(?:morning|afternoon|evening)|earlier\s+today|today|tonight|"
                r"just now|right now|this lunchtime)\b", _FLAGS), _read_today),
    (re.compile(r"\b(?P<hedge>" + _HEDGE + r"\s+)?(?P<n>" + _NUM + r")\s+(?P<u>" + _UNIT
                + r")\s+ago\b", _FLAGS), _read_ago),
    (re.compile(r"\b(?P<hedge>" + _HEDGE + r"\s+)?(?P<n>a)?\s*(?P<u>fortnight)\s+ago\b", _FLAGS),
     _read_ago),
    (re.compile(r"\b(?:the\s+)?(?:last|past)\s+(?P<lu>week|month|year)\b", _FLAGS),
     _read_last_unit),
    (re.compile(r"\b(?:last|this|over the|at the|on the)\s+weekend\b", _FLAGS), _read_weekend),
    (re.compile(r"\bthe\s+other\s+(?:day|night|evening|morning)\b", _FLAGS), _read_other_day),
    (re.compile(r"\b(?P<y>(?:19|20)\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b", _FLAGS), _read_iso),
    (re.compile(r"\b(?<![/\d])(?!24/7\b|50/50\b)(?P<d>\d{1,2})[/\-.](?P<m>\d{1,2})(?:[/\-.](?P<y>\d{4}|\d{2}))?\b"
                r"(?!\s*(?:am|pm|a\.m|p\.m))(?![/:.]?\d)", _FLAGS), _read_numeric),
    (re.compile(r"\b(?:(?:" + _WEEKDAY + r"),?\s+)?(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?\s+"
                r"(?:of\s+)?(?:" + _MONTH_ANY
                + r")\b\.?(?:,?\s+(?P<y>(?:19|20)\d{2}))?", _FLAGS), _read_named),
    (re.compile(r"\b(?:(?:" + _WEEKDAY + r"),?\s+)?(?:" + _MONTH_ANY + r")\.?\s+(?:the\s+)?"
                r"\d{1,2}(?:st|nd|rd|th)?\b"
                r"(?!\s*(?:am|pm|:|\.\d|years?|weeks?|days?|months?|times?))"
                r"(?:,?\s+(?P<y>(?:19|20)\d{2}))?", _FLAGS), _read_named),
    (re.compile(r"\b(?:(?P<last>last)\s+|(?P<part>early|mid|late|the\s+end\s+of|end\s+of|"
                r"the\s+start\s+of|start\s+of|the\s+beginning\s+of|beginning\s+of|"
                r"the\s+middle\s+of|middle\s+of)[\s-]+|(?:in|during|around|about|until|till)\s+)"
                r"(?P<mon>" + _MONTH_FULL + r"|jan|feb|apr|jun|jul|aug|sept|oct|nov|dec)\b"
                r"(?:\s+(?P<y>(?:19|20)\d{2}))?", _FLAGS), _read_month),
    (re.compile(r"\b(?P<mon>" + _MONTH_FULL + r")\s+(?P<y>(?:19|20)\d{2})\b",
                _FLAGS), _read_month),
    (re.compile(r"\b(?:on\s+)?the\s+(?P<dom>\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?(?:"
                + _MONTH_ANY + r"))", _FLAGS), _read_ordinal),
    (re.compile(_after_words("in", "since", "from", "during") + r"(?P<year>(?:19|20)\d{2})\b",
                _FLAGS), _read_year),
    (re.compile(r"\b(?P<slast>last\s+)?(?P<season>christmas eve|christmas day|christmas|xmas|"
                r"boxing day|new year'?s? eve|new year'?s? day|new year|easter|halloween|"
                r"bonfire night|valentine'?s day|(?:the\s+)?summer holidays|(?:the\s+)?summer|"
                r"(?:the\s+)?spring|(?:the\s+)?autumn|(?:the\s+)?winter)\b", _FLAGS),
     _read_season),
    (re.compile(r"\b(?P<which>last|this past|this|on|on a)?\s*(?P<wd>" + _WEEKDAY + r")"
                r"(?:\s+just\s+gone)?" + _PART + r"\b", _FLAGS), _read_weekday),
]  # fmt: skip

_MONTH_AT_RE = re.compile(r"(?P<mon>" + _MONTH_FULL + r")\b(?:\s+(?P<y>(?:19|20)\d{2}))?", _FLAGS)
_BARE_MONTH_RE = re.compile(r"^\W*(?P<mon>" + _MONTH_FULL + r")\W*$", _FLAGS)
_SINCE_RE = re.compile(r"\b(?:ever\s+)?since\s+", _FLAGS)
_FROM_RE = re.compile(r"\bfrom\s+", _FLAGS)
_DURATION_RE = re.compile(
    r"\b(?:for|over)\s+(?:(?:the\s+)?(?:last|past)\s+)?(?P<hedge>" + _HEDGE + r"\s+)?"
    r"(?P<n>" + _NUM + r")\s+(?P<u>" + _UNIT + r")\b(?!\s+(?:a|per|each|every)\s)"
    r"|\b(?:for|over)\s+(?:the\s+)?(?:(?:last|past)\s+)?(?P<vague>years|months|weeks|ages|"
    r"a long time|a while|some time|a bit|donkey'?s years)\b",
    _FLAGS,
)
_VAGUE_AGO_RE = re.compile(
    r"\b(?:ages|years|months|weeks|a (?:long )?while|a long time|donkey'?s years)\s+(?:ago|back)\b",
    _FLAGS,
)
_RECURRING_RE = re.compile(
    r"\b(?:every|each)\s+(?:single\s+|other\s+)?(?:night|day|evening|morning|afternoon|week|"
    r"weekend|month|(?:" + _WEEKDAY + r")s?(?:\s+(?:night|morning|evening|afternoon))?)\b"
    r"|\b(?:most|all)\s+(?:nights|days|evenings|weekends|mornings)\b|\bnightly\b|\bdaily\b"
    r"|\b(?:on|at)\s+weekends\b|\b(?:" + _WEEKDAY + r")s\b(?:\s+and\s+(?:" + _WEEKDAY + r")s\b)?"
    r"|\b(?:night|day)\s+after\s+(?:night|day)\b",
    _FLAGS,
)
_START_CUE_RE = re.compile(
    r"\b(?:start(?:ed|s|ing)?|began|begun|begin|kicked off|first\s+(?:happened|started|noticed)|"
    r"moved in|going on|been happening|has been|have been|'s been|'ve been)\b"
    r"(?:(?!\band\b|\bbut\b|,)[^.!?;]){0,25}$",
    _FLAGS,
)
_PREFIX_RE = re.compile(
    r"^\W*(?:(?:it|this|that|they|he|she)\s+)?(?:(?:all\s+)?(?:started|began|happened|was|were|"
    r"on|at|in|since|from|about|around|roughly|approximately|maybe|probably|i think|"
    r"i'd say|erm|um|err)\s+)+",
    _FLAGS,
)


def _iso_datetime(day: date, clock: time, tz: tzinfo | None) -> str:
    moment = datetime.combine(day, clock)
    if tz is not None:
        moment = moment.replace(tzinfo=tz)
    return moment.isoformat()


def _to_text(original: str, reading: _Reading, base: datetime, tz: tzinfo | None,
             hedged: bool) -> WhenText:  # fmt: skip
    """Turn a reading into WhenText, refusing future dates for past events."""
    day, clock = reading.day, reading.clock
    approximate = reading.approximate or hedged
    if reading.exact_datetime is not None:
        moment = reading.exact_datetime
        iso_dt = moment.replace(tzinfo=tz).isoformat() if tz else moment.isoformat()
        return WhenText(original, moment.date().isoformat(), iso_dt, approximate,
                        moment.strftime("%H:%M"))  # fmt: skip
    if day is None:
        return WhenText(original, None, None, True, clock.strftime("%H:%M") if clock else None)
    if day > base.date():
        return WhenText(original, None, None, True, clock.strftime("%H:%M") if clock else None)
    if clock is not None and day == base.date() and clock > base.time():
        day = day - timedelta(days=1)  # "at 11pm" said at 10pm means yesterday
    iso_dt = _iso_datetime(day, clock, tz) if clock else None
    return WhenText(original, day.isoformat(), iso_dt, approximate,
                    clock.strftime("%H:%M") if clock else None)  # fmt: skip


def _point_at(text: str, pos: int, base: datetime) -> tuple[int, _Reading] | None:
    """Read a point phrase that starts exactly at `pos` (used after "since"/"from")."""
    for pattern, reader in _POINT_PATTERNS:
        m = pattern.match(text, pos)
        if m and m.end() > pos:
            reading = reader(m, base)
            if reading is not None:
                return m.end(), reading
    bare = _MONTH_AT_RE.match(text, pos)
    if bare:
        reading = _read_month(bare, base)
        if reading is not None:
            return bare.end(), reading
    return None


def _attach_clock(text: str, start: int, end: int, reading: _Reading,
                  night: bool) -> tuple[int, int, _Reading]:  # fmt: skip
    """Widen a day phrase to include an adjacent clock time ("on Friday at 11pm")."""
    after = re.compile(r"[\s,]*(?:at\s+|around\s+|about\s+|from\s+|just\s+after\s+|gone\s+)?"
                       + _TIME, _FLAGS).match(text, end)  # fmt: skip
    context = text[max(0, start - 20) : end + 30] + (" night" if night else "")
    if after:
        clock = _clock(after, context)
        if clock is not None:
            return start, after.end(), _with_clock(reading, clock)
    before = None
    for m in _TIME_RE.finditer(text, max(0, start - 25), start):
        if re.fullmatch(r"[\s,]*(?:on\s+|on\s+the\s+)?", text[m.end() : start], _FLAGS):
            before = m
    if before:
        clock = _clock(before, context)
        if clock is not None:
            return before.start(), end, _with_clock(reading, clock)
    return start, end, reading


def _with_clock(reading: _Reading, clock: time) -> _Reading:
    return replace(reading, clock=clock, exact_datetime=None)


def _spans(text: str, base: datetime, tz: tzinfo | None) -> list[WhenSpan]:
    spans: list[WhenSpan] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    def add(a: int, b: int, role: str, reading: _Reading, night: bool = False) -> None:
        a, b, reading = _attach_clock(text, a, b, reading, night)
        if night and reading.clock and reading.clock.hour < 6 and reading.day:
            reading = replace(reading, day=reading.day + timedelta(days=1))  # "last night at 2am"
        original = text[a:b].strip(" ,")
        hedged = bool(_HEDGE_RE.search(original))
        spans.append(WhenSpan(a, b, role, _to_text(original, reading, base, tz, hedged)))
        taken.append((a, b))

    for m in _RECURRING_RE.finditer(text):
        if free(m.start(), m.end()):
            add(m.start(), m.end(), "recurring", _Reading(None, True), night=True)
    for m in _SINCE_RE.finditer(text):
        found = _point_at(text, m.end(), base)
        if found and free(m.start(), found[0]):
            add(m.start(), found[0], "since", found[1])
    for m in _FROM_RE.finditer(text):
        found = _point_at(text, m.end(), base)
        if found and free(m.start(), found[0]):
            add(m.start(), found[0], "since", found[1])
    for m in _DURATION_RE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        if m.group("vague"):
            add(m.start(), m.end(), "duration", _Reading(None, True))
            continue
        count = _number(m.group("n"))
        moment = _minus(base, count, m.group("u"))
        add(m.start(), m.end(), "duration", _Reading(moment.date(), True))
    for pattern, reader in _POINT_PATTERNS:
        for m in pattern.finditer(text):
            if not free(m.start(), m.end()) or not m.group(0).strip():
                continue
            reading = reader(m, base)
            if reading is None:
                continue
            started = _START_CUE_RE.search(text[max(0, m.start() - 60) : m.start()])
            role = "start" if started else "point"
            night = "night" in m.group(0).lower() or "evening" in m.group(0).lower()
            start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
            add(start, m.end(), role, reading, night=night)
    for m in _VAGUE_AGO_RE.finditer(text):
        if free(m.start(), m.end()):
            add(m.start(), m.end(), "point", _Reading(None, True))
    bare = _BARE_MONTH_RE.match(text)
    if bare and not spans:
        reading = _read_month(bare, base)
        if reading:
            add(bare.start("mon"), bare.end("mon"), "point", reading)
    for m in _TIME_RE.finditer(text):
        if free(m.start(), m.end()):
            clock = _clock(m, text[max(0, m.start() - 30) : m.end() + 30])
            if clock is not None:
                add(m.start(), m.end(), "clock", _Reading(base.date(), False, clock=clock))
    spans.sort(key=lambda s: s.start)
    return spans


def _base(now: datetime | None) -> tuple[datetime, tzinfo | None]:
    """Wall-clock time in London (residents are in the UK) and the zone for iso_datetime."""
    from zoneinfo import ZoneInfo

    if now is None:
        now = datetime.now(ZoneInfo(LONDON))
    elif now.tzinfo is not None:
        now = now.astimezone(ZoneInfo(LONDON))
    return now.replace(tzinfo=None, microsecond=0), now.tzinfo


def warm_up() -> None:
    """Import and initialise dateparser now (its first parse costs a few hundred ms)."""
    _dateparse("3rd of October", datetime(2026, 1, 1))


def find_when(text: str, now: datetime | None = None) -> tuple[WhenSpan, ...]:
    """Every time expression in `text`, in order, with its role and reading."""
    if not isinstance(text, str) or not text.strip():
        return ()
    text = text[:_MAX_CHARS].replace("\x00", " ")
    base, tz = _base(now)
    return tuple(_spans(text, base, tz))


def parse_when(text: str, now: datetime | None = None) -> WhenText | None:
    """Read the main time expression in a short answer; None when there is none."""
    spans = find_when(text, now)
    if spans:
        dated = [s for s in spans if s.when.iso_date]
        return (dated or list(spans))[0].when
    if not isinstance(text, str):
        return None
    cleaned = _PREFIX_RE.sub("", text[:80].strip()).strip(" .,!?")
    if (
        not cleaned
        or len(cleaned) > 40
        or cleaned.lower() in {"24/7", "24-7", "50/50", "365"}
        or not re.search(r"\d|[a-z]{3,}", cleaned, _FLAGS)
    ):
        return None
    base, tz = _base(now)
    parsed = _dateparse(cleaned, base)
    if parsed is None:
        return None
    reading = _Reading(parsed.date(), bool(_HEDGE_RE.search(text)),
                       explicit_year=bool(re.search(r"\b(19|20)\d\d\b", cleaned)))  # fmt: skip
    if reading.day and reading.day > base.date() and not reading.explicit_year:
        reading = replace(reading, day=reading.day.replace(year=reading.day.year - 1))
    return _to_text(text.strip(), reading, base, tz, False)
