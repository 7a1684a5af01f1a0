"""Rule-based detection of present danger (the "call 999 now" question) in a resident's message.

Safety comes first: when the wording is ambiguous we err towards ``present=True`` (recall over
precision), but a plainly past, negated or figurative mention ("last year he threatened me",
"nobody's hurt", "the music is killing me") does not trigger it. Behaviour categories are not
decided here (the policy engine does that); this module only answers "is someone in danger now?".

How it works: the text is normalised (lower case; text-speak such as "hes", "im", "gonna", "rn",
"atm", "pls", "helppp", "kickin" expanded), tokenised by a blank spaCy English pipeline (built
lazily, once) and scanned with a spaCy ``Matcher`` whose token patterns list inflections (a blank
pipeline has no lemmatizer). Every pattern carries a cue label and a tense class; each hit is then
judged inside its *segment*, the stretch between sentence punctuation or "but/however/although".

Markers looked for in the segment:

* present: now, right now, at the moment, currently, as we speak, tonight, just now, N minutes /
  seconds / moments ago, asap, quick(ly), immediately, urgent(ly), hurry, still here/outside/...;
* past: last year/month/week/night/<weekday>, N days/weeks/... ago, back in, in <month|year>,
  yesterday, the other day, used to, before, previously, in the past, several/a few times,
  earlier this year, nothing since, when I was;
* habitual: every night/day/week, all the time, always, constantly, keeps, most nights, 24/7;
* negators shortly before the cue in its clause: not, n't, no, never, nobody, no one, nothing,
  none, without ("won't stop hitting me" is not a negation).

Decision table (first matching row wins; a plea anywhere in the message counts as a present marker
for the weak rows):

======================================================  ==========================================
Cue as written                                          present?
======================================================  ==========================================
negated ("not in danger", "nobody's hurt", "no knife")  no -> negated_or_past
"if ... ?" before the cue ("what should I do if ...?"), no -> negated_or_past
or a question about "an emergency"
figurative subject/object ("the music is killing me",   ignored, not a cue
"they're killing me with the noise"), first-person
threats ("I'll kill him"), tools ("nail gun"), fire
alarms/doors, "knife crime", "play fighting"
progressive or state now ("he's hitting me", "at my     YES; was/were -> past; been/keeps/every
door with a knife", "locked in", "trying to break in",  night (habitual) -> weak row
"in danger", "someone is in my flat", "on fire")
near future ("going to/gonna/will/'ll hurt me",         YES even with a past marker: a threat to
"threatening to kill me", "coming back to get me")      kill is live until shown otherwise
strong harm in past/noun form (weapon, stabbed, shot,   YES unless the segment has a past marker
set fire, petrol bomb, overdose, collapsed, bleeding,   and no present marker
self-harm, gas leak, "fear for my life")
weak harm in past form ("he threatened me", "he hit     YES only with a present marker, "just"
me", "broke in", "smashed my window", "has been         before the verb, or a plea; with a past
hitting me", "is violent")                              marker -> negated_or_past; else uncertain
passive past ("I was attacked")                         past, but YES with "minutes ago",
                                                        "just now", "still here/outside"
fear ("I'm scared", "I don't feel safe")                YES only with now/right now/tonight/at the
                                                        moment/currently/as we speak, or a plea
someone at the door ("he's outside my flat", "coming    YES only with another non-negated cue,
back", "on his way", "won't leave", "he's here")        fear, a plea, an ex, or now + he/she/
                                                        someone at the door/window
plea ("HELP", "please help me now", "call 999", "send   YES unless negated ("I don't need help",
the police", "it's an emergency", "sos")                "it's not an emergency"); "help me with
                                                        my report", "can someone help me?" and
                                                        "some help please" are not pleas
======================================================  ==========================================

``cues`` lists the labels that counted (weapon, violence_now, threat_imminent, break_in_now,
crime_in_progress, cannot_escape, self_harm, medical, fire, gas, in_danger, fear_for_life, fear,
at_door, threat, break_in, plea, emergency) in order of appearance. ``negated_or_past`` is True
only when nothing counted but at least one cue was discounted as negated, past or hypothetical;
``discounted`` lists those labels. ``domestic_abuse`` ignores tense: explicit wording ("domestic
abuse", "DV", "coercive control") or a partner/ex/family member named before an abuse cue ("my ex
is threatening me", "I'm being hit by my husband"); a relative who is a witness ("my wife saw")
or victim ("my son is being threatened", "he hit my wife") does not count.

Known misses (kept as tests): a bare trait without a time marker ("he's drunk and violent").
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from typing import Any

__all__ = ["DangerSignal", "detect_danger", "is_plea_for_help", "warm_up"]

# Long messages are cut before tokenising: a cue hidden after 20k characters is very unlikely
# and tokenising megabytes would block the event loop.
_MAX_CHARS = 20_000


@dataclass(frozen=True)
class DangerSignal:
    """What the danger check found in one message."""

    present: bool
    cues: tuple[str, ...] = ()
    domestic_abuse: bool = False
    negated_or_past: bool = False
    discounted: tuple[str, ...] = ()


# --------------------------------------------------------------------------------------------
# Normalisation (cheap regexes so the Matcher sees standard English tokens)
# --------------------------------------------------------------------------------------------

_WORD_MAP = {
    "hes": "he's",
    "shes": "she's",
    "theyre": "they're",
    "theyve": "they've",
    "ive": "i've",
    "im": "i'm",
    "ime": "i'm",
    "dont": "don't",
    "doesnt": "doesn't",
    "didnt": "didn't",
    "cant": "can't",
    "cannot": "can't",
    "wont": "won't",
    "isnt": "isn't",
    "arent": "aren't",
    "wasnt": "wasn't",
    "werent": "weren't",
    "havent": "haven't",
    "hasnt": "hasn't",
    "aint": "ain't",
    "gonna": "going to",
    "gunna": "going to",
    "gona": "going to",
    "goin": "going",
    "wanna": "want to",
    "tryna": "trying to",
    "gotta": "got to",
    "rn": "right now",
    "atm": "at the moment",
    "u": "you",
    "r": "are",
    "pls": "please",
    "plz": "please",
    "plez": "please",
    "plse": "please",
    "pleas": "please",
    "2nite": "tonight",
    "2night": "tonight",
    "tonite": "tonight",
    "nite": "night",
    "ppl": "people",
    "bf": "boyfriend",
    "gf": "girlfriend",
    "hubby": "husband",
    "wiv": "with",
    "wid": "with",
    "knif": "knife",
    "nife": "knife",
    "kinfe": "knife",
    "knifes": "knives",
    "hiting": "hitting",
    "threating": "threatening",
    "thretening": "threatening",
    "theatening": "threatening",
    "threatning": "threatening",
    "kil": "kill",
    "stabed": "stabbed",
    "stabing": "stabbing",
    "breakin": "breaking",
    "halp": "help",
    "hlp": "help",
    "ambulence": "ambulance",
    "emergancy": "emergency",
    "emergeny": "emergency",
    "polic": "police",
}
_WORD_RE = re.compile(r"\b(" + "|".join(sorted(map(re.escape, _WORD_MAP), key=len)[::-1]) + r")\b")
# "hittin'", "kickin" and friends lose their final g in text-speak.
_G_DROPPED = [
    "hitting", "kicking", "smashing", "banging", "fighting", "threatening", "stabbing", "punching",
    "beating", "attacking", "screaming", "shouting", "trying", "going", "coming", "breaking",
    "burning", "bleeding", "killing", "hurting",
]  # fmt: skip
_G_DROPPED_RE = re.compile(r"\b(" + "|".join(w[:-1] for w in _G_DROPPED) + r")'?(?=\W|$)")
_HELP_RE = re.compile(r"\bh+e+l+p+\b")
_PLEASE_RE = re.compile(r"\bp+l+e+a+s+e+\b")
_BRAKE_RE = re.compile(r"\bbrak(e|ing) (in|into)\b")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "“": '"', "”": '"'})
_SPACES_RE = re.compile(r"[ \t\r\f\v]+")
_UNENCODABLE_RE = re.compile("[\x00\ud800-\udfff]")


def _normalise(text: str) -> str:
    """Lower-case and expand text-speak so that one set of patterns covers most spellings."""
    text = unicodedata.normalize("NFKC", text[:_MAX_CHARS]).translate(_APOSTROPHES).lower()
    text = _UNENCODABLE_RE.sub(" ", text)  # NUL and lone surrogates (spaCy cannot hash those)
    text = _HELP_RE.sub("help", text)
    text = _PLEASE_RE.sub("please", text)
    text = _BRAKE_RE.sub(
        lambda m: ("break " if m.group(1) == "e" else "breaking ") + m.group(2), text
    )
    text = _G_DROPPED_RE.sub(lambda m: m.group(1) + "g", text)
    text = _WORD_RE.sub(lambda m: _WORD_MAP[m.group(1)], text)
    return _SPACES_RE.sub(" ", text).strip()


# --------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------

_PERSON_OBJ = ["me", "us", "him", "her", "them", "someone", "somebody", "people", "everyone"]
_OBJ = [*_PERSON_OBJ, "my", "his", "their", "our", "the", "a", "an", "each", "you", "mum", "dad"]
_HARM_BASE = [
    "hit", "punch", "beat", "attack", "stab", "kill", "strangle", "choke", "hurt", "shoot",
    "slap", "batter", "rape", "burn", "torch", "murder", "kick", "smash", "assault", "harm",
    "knife", "glass", "headbutt", "jump", "do", "throw", "push", "drown",
]  # fmt: skip
_VIOLENCE_ING = [
    "hitting", "punching", "beating", "battering", "attacking", "stabbing", "strangling",
    "choking", "assaulting", "hurting", "slapping", "shooting", "raping", "killing", "throttling",
    "headbutting", "pushing", "shoving", "dragging", "strangeling", "murdering", "glassing",
    "pinning", "biting", "spitting",
]  # fmt: skip
_WEAK_PAST = [
    "hit", "punched", "beat", "beaten", "battered", "attacked", "assaulted", "hurt", "slapped",
    "kicked", "pushed", "shoved", "headbutted", "grabbed", "jumped", "glassed", "pinned",
    "dragged", "bit", "bitten", "mauled", "spat", "mugged", "robbed",
]  # fmt: skip
_MISSILES = ["bricks", "brick", "stones", "stone", "rocks", "rock", "bottles", "bottle", "things",
             "stuff", "fireworks", "firework", "glass", "petrol", "acid", "paving"]  # fmt: skip
_STRONG_PAST = ["stabbed", "shot", "killed", "strangled", "choked", "raped", "murdered"]
_BEING_PAST = {
    "violence_now": [*_WEAK_PAST, *_STRONG_PAST],
    "crime_in_progress": ["robbed", "mugged", "burgled", "burglarised", "burglarized"],
    "threat_imminent": ["threatened", "followed", "stalked"],
}
_HOME = ["flat", "house", "home", "room", "bedroom", "kitchen", "garden", "hallway", "property"]
# Verbs aimed *at* a door or window: an act (already reported), not someone standing there.
_AIMED_AT = {"threw", "throw", "throws", "throwing", "thrown", "chucked", "chucking", "chuck",
             "shouted", "shouting", "shouts", "swore", "swearing", "stared", "staring", "looked",
             "looking", "pointed", "pointing", "laughed", "laughing", "spat", "spitting", "aimed",
             "kicked", "kicking", "banged", "banging", "egged", "egging"}  # fmt: skip
_DOOR = ["door", "doors", "front", "back", "window", "windows", "gate", "doorstep", "letterbox"]
_WEAPONS = [
    "knife", "knives", "blade", "blades", "machete", "machetes", "gun", "guns", "handgun",
    "pistol", "shotgun", "rifle", "firearm", "firearms", "axe", "hatchet", "crowbar", "sword",
    "swords", "taser", "weapon", "weapons", "knuckleduster", "cleaver",
]  # fmt: skip
_NOT_WEAPON_BEFORE = {
    "toy", "water", "nerf", "glue", "nail", "staple", "bb", "spray", "paint", "airsoft", "heat",
    "butter", "cake", "pizza", "bread", "pen", "starting", "starter", "replica", "fake",
}  # fmt: skip
_NOT_WEAPON_AFTER = {"crime", "crimes", "amnesty", "law", "laws", "shop", "drawer", "block"}
_FIRE_NOT_AFTER = {"alarm", "alarms", "door", "doors", "escape", "exit", "exits", "safety", "risk",
                   "hazard", "extinguisher", "extinguishers", "blanket", "fighters", "works",
                   "place", "pit", "wall", "drill", "regulations", "check", "officer"}  # fmt: skip
_FIRE_WORDS = re.compile(r"\b(fire|flames?|smoke|burning|alight|arson|blaze)\b")
_FEAR = ["scared", "terrified", "frightened", "afraid", "petrified", "panicking", "fear",
         "fearing", "shaking", "unsafe"]  # fmt: skip
_URGENT = ["now", "asap", "quick", "quickly", "immediately", "urgently", "fast", "hurry",
           "please", "!"]  # fmt: skip
_RELATIONS = {
    "ex", "partner", "husband", "wife", "boyfriend", "girlfriend", "fiance", "fiancé", "fiancee",
    "spouse", "dad", "father", "stepdad", "mum", "mother", "stepmum", "brother", "sister", "son",
    "daughter", "uncle", "aunt", "auntie", "cousin", "grandson", "granddaughter", "nephew",
    "niece", "stepson", "stepdaughter", "exhusband", "exwife", "family",
}  # fmt: skip
_NEGATORS = {"not", "n't", "nt", "no", "never", "nobody", "noone", "nothing", "none", "neither",
             "nor", "without"}  # fmt: skip
# Tokens that start a new clause when scanning backwards for a negator.
_CLAUSE_STOP = {"he", "she", "they", "someone", "somebody", "i", "we", "you", "it", "there",
                "this", "that", "people", "and", "so", "because", ",", "help", "please", "if",
                "when", "but", "now"}  # fmt: skip
_FIGURATIVE = {"music", "noise", "noises", "it", "this", "that", "bass", "sound", "sounds",
               "smell", "stench", "stress", "waiting", "back", "head", "neck", "feet", "heat",
               "cold", "boredom", "suspense", "racket", "dog", "dogs", "barking", "party",
               "parties", "banging", "thumping", "thing", "things", "work", "job", "council",
               "rent", "bills", "drilling", "tv", "telly", "shouting", "place", "flat", "knees",
               "legs", "tooth", "teeth", "hangover", "commute", "kids", "baby"}  # fmt: skip
_FIGURATIVE_OBJ = {
    "noise", "music", "racket", "bass", "parties", "party", "smell", "barking", "banging",
    "drilling", "shouting", "stamping", "nonsense", "kindness",
}  # fmt: skip
_SKIP_FOR_SUBJECT = {"is", "'s", "are", "'re", "am", "'m", "was", "were", "has", "have", "'ve",
                     "had", "been", "will", "'ll", "going", "to", "just", "still", "now",
                     "really", "literally", "actually", "keeps", "keep", "always", "constantly",
                     "be", "about", "trying", "wants", "want", "threatening", "says", "said",
                     "gon", "na", "'d", "would", "could", "might", "definitely", "coming",
                     "proper", "properly"}  # fmt: skip
# Habitual wording turns a progressive ("they are fighting") into a report of a pattern.
_HABITUAL_RE = re.compile(
    r"\b((every|each) (single )?(night|day|evening|morning|week|weekend|time)|all the time|"
    r"most (nights|days|evenings)|always|constantly|regularly|usually|often|24/7|every other|"
    r"nightly|daily)\b"
)
_AUX_NOW = {"is", "'s", "are", "'re", "am", "'m", "s", "re"}
_AUX_PAST = {"was", "were", "had", "used"}
_AUX_PERFECT = {"has", "have", "'ve", "'s", "got", "get", "gets", "getting", "ve"}
_HABITUAL = {"keeps", "keep", "kept", "always", "constantly", "often", "sometimes", "regularly",
             "continually", "forever", "usually", "every"}  # fmt: skip
_ADVERBS = {"just", "still", "now", "really", "literally", "actually", "currently", "right",
            "again", "badly", "seriously", "properly", "proper", "all", "also", "even"}  # fmt: skip

_PRESENT_RE = re.compile(
    r"\b(now|right now|at the moment|at this moment|currently|as we speak|as i (type|write|speak)|"
    r"tonight|this (minute|second|instant)|just now|(a few |few |two |2 |five |5 )?"
    r"(minutes?|mins?|seconds?|secs?|moments?) ago|a (minute|moment|second) ago|asap|quick(ly)?|"
    r"immediately|urgent(ly)?|hurry|happening|in progress|still (here|there|outside|around|in|"
    r"at|on|downstairs|upstairs|about))\b"
)
# Markers that make even a past-tense report present: it has only just happened or the person
# responsible is still there.
_JUST_HAPPENED_RE = re.compile(
    r"\b((a few |few |two |2 |five |5 |ten |10 )?(minutes?|mins?|seconds?|secs?|moments?) ago|"
    r"a (minute|moment|second) ago|just now|still (here|there|outside|around|in|at|on|downstairs|"
    r"upstairs|about|banging|shouting|threatening))\b"
)
_FEAR_NOW_RE = re.compile(
    r"\b(now|right now|at the moment|currently|as we speak|tonight|at this moment)\b"
)
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
)
_PAST_RE = re.compile(
    r"\b(last (year|month|week|weekend|summer|winter|spring|autumn|christmas|time|night|evening|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|few \w+|couple of \w+)|"
    r"(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|few|couple of|several|many)"
    r" (days?|weeks?|months?|years?|nights?) ago|ages ago|a while (ago|back)|years ago|back in|"
    rf"in ({_MONTHS}|(19|20)\d\d)|yesterday|the other (day|night|week)|used to|before|previously|"
    r"in the past|(several|a few|few|many|couple of|a couple of|loads of|lots of|multiple) times|"
    r"earlier this (year|month|week)|nothing since|since then|when i was|over the (summer|years))"
    r"\b"
)
_IF_RE = re.compile(r"\b(if|what if|in case|suppose|supposing|allowed to)\b")
_WHOLE_PLEA_RE = re.compile(
    r"^\W*(?:(?:please|someone|somebody|anyone|anybody|sos|urgent|quick|now)\W+)*"
    r"(?:help|sos|emergency|999|police)"
    r"(?:\W+(?:me|us|please|now|quick|quickly|asap|someone|somebody|anyone|urgently|fast|him|her|"
    r"them|help|sos|right now|police|999|immediately))*\W*$"
)
_EXPLICIT_DA_RE = re.compile(
    r"\b(domestic (abuse|violence)|dv|coercive control|controlling (relationship|behaviour)|"
    r"abusive (relationship|partner|ex|husband|wife|boyfriend|girlfriend))\b"
)
_DA_CUE_RE = re.compile(
    r"\b(abus\w*|control(ling|s)? me|stalk\w*|harass\w*|follow(s|ing|ed) me|won't leave me alone|"
    r"(hit|hits|hitting|beat|beats|beating|hurt|hurts|hurting|punch\w*|slap\w*|kick\w*|push\w*|"
    r"strangl\w*|chok\w*|rap\w*|threat\w*|attack\w*|assault\w*) (me|us|my)|"
    r"(scared|afraid|frightened|terrified) of (him|her|them)|locked me in|won't let me)\b"
)


# --------------------------------------------------------------------------------------------
# Patterns: (cue label, tense class, token pattern)
# --------------------------------------------------------------------------------------------


def _in(words: list[str] | set[str], op: str | None = None) -> dict[str, Any]:
    spec: dict[str, Any] = {"LOWER": {"IN": sorted(words)}}
    if op:
        spec["OP"] = op
    return spec


def _w(word: str, op: str | None = None) -> dict[str, Any]:
    spec: dict[str, Any] = {"LOWER": word}
    if op:
        spec["OP"] = op
    return spec


def _patterns() -> list[tuple[str, str, list[dict[str, Any]]]]:
    """Build the token patterns; tense classes are explained in `_judge`."""
    going = [_in(["going", "about", "gon"]), _in(["to", "na"])]
    pats: list[tuple[str, str, list[dict[str, Any]]]] = [
        # Violence in progress / imminent
        ("violence_now", "ing", [_in(_VIOLENCE_ING), _in(_OBJ)]),
        ("violence_now", "ing", [_in(["kicking", "punching"]), _in(["me", "us", "him", "her"])]),
        ("violence_now", "ing", [_in(["beating", "laying", "kicking"]),
                                 _in(["up", "into", "off"])]),
        ("violence_now", "ing", [_w("fighting")]),
        ("violence_now", "noun", [_in(["fight", "brawl", "scuffle", "punch-up", "punchup"])]),
        ("violence_now", "now", [_w("being"), _in(_BEING_PAST["violence_now"])]),
        ("crime_in_progress", "now", [_w("being"), _in(_BEING_PAST["crime_in_progress"])]),
        ("threat_imminent", "now", [_w("being"), _in(_BEING_PAST["threat_imminent"])]),
        ("violence_now", "strong", [_in(_STRONG_PAST), _in([*_OBJ, "at"])]),
        ("violence_now", "strong", [_in(["been", "got", "get", "getting"]), _in(_STRONG_PAST)]),
        ("violence_now", "weak", [_in(_WEAK_PAST), _in(_OBJ)]),
        ("violence_now", "weak", [_in(["been", "got", "get"]), _in(_WEAK_PAST)]),
        ("violence_now", "now", [_w("getting"), _in([*_WEAK_PAST, *_STRONG_PAST])]),
        ("violence_now", "past", [_in(["was", "were"]), _in([*_WEAK_PAST, *_STRONG_PAST])]),
        ("violence_now", "now", [_in(["getting", "turning", "being", "gone", "went"]),
                                 _w("violent")]),
        ("violence_now", "weak", [_in(["is", "'s", "are", "'re", "and"]), _w("violent")]),
        ("crime_in_progress", "ing", [_in(["throwing", "lobbing", "chucking", "firing"]),
                                      _in(["a", "an", "the", "some"], "?"), _in(_MISSILES)]),
        ("crime_in_progress", "weak", [_in(["threw", "thrown", "lobbed", "chucked"]),
                                       _in(["a", "an", "the", "some"], "?"), _in(_MISSILES)]),
        ("break_in", "weak", [_in(["smashed", "broke", "broken", "kicked", "bashed", "cracked"]),
                              _in(["my", "the", "our", "in"]), _in(_DOOR)]),
        ("violence_now", "weak", [_in(["hits", "beats", "punches", "attacks"]), _in(_PERSON_OBJ)]),
        ("violence_now", "weak", [_w("beat"), _in(_PERSON_OBJ), _w("up")]),
        # Threats
        ("threat_imminent", "fut", [*going, _in(_HARM_BASE), _in(_OBJ)]),
        ("threat_imminent", "fut", [_in(["will", "'ll", "ll"]), _in(_HARM_BASE), _in(_OBJ)]),
        ("threat_imminent", "fut", [_in(["wants", "want", "trying", "coming", "out"]), _w("to"),
                                    _in(_HARM_BASE), _in(_OBJ)]),
        ("threat_imminent", "fut", [_w("coming"), _in(["back", "round", "over"]), _w("to"),
                                    _in([*_HARM_BASE, "get", "sort"])]),
        ("threat_imminent", "fut", [_in(["threatening", "threatens"]), _w("to"),
                                    _in([*_HARM_BASE, "petrol", "firebomb", "come"])]),
        ("threat_imminent", "fut", [_in(["going", "coming"]), _w("to"), _w("get"),
                                    _in(["me", "us"])]),
        ("threat_imminent", "fut", [_w("'ll"), _w("get"), _in(["me", "us"])]),
        ("threat_imminent", "ing", [_w("threatening"), _in([*_OBJ, "with"])]),
        ("threat_imminent", "ing", [_w("making"), _in(["threats", "death"])]),
        ("threat", "weak", [_in(["would", "'d"]), _in(_HARM_BASE), _in(_OBJ)]),
        ("threat", "weak", [_w("threatened"), _in([*_OBJ, "to", "with"])]),
        ("threat", "weak", [_in(["threatens", "threats"])]),
        # Weapons
        ("weapon", "noun", [_in(_WEAPONS)]),
        ("weapon", "noun", [_in(["baseball", "cricket", "broken", "golf"]),
                            _in(["bat", "bats", "bottle", "bottles", "club", "clubs", "glass"])]),
        ("weapon", "noun", [_in(["with", "holding", "waving", "carrying", "brandishing", "got"]),
                            _in(["a", "an", "his", "her", "their"]),
                            _in(["bat", "hammer", "bottle", "screwdriver", "brick", "pole", "stick",
                                 "bar", "chain", "spanner"])]),
        ("weapon", "noun", [_w("acid"), _in(["attack", "attacks", "at"])]),
        ("weapon", "noun", [_in(["throw", "throwing", "threw", "thrown"]), _w("acid")]),
        ("weapon", "noun", [_in(["knifepoint", "gunpoint"])]),
        # Break-ins and crime in progress
        ("break_in_now", "ing", [_w("trying"), _w("to"),
                                 _in(["break", "get", "force", "smash", "kick", "climb"]),
                                 _in(["in", "into", "through", "down", "my", "the", "our"])]),
        ("break_in_now", "ing", [_w("trying"), _in(["my", "the", "our"]),
                                 _in(["door", "doors", "handle", "window", "windows"])]),
        ("break_in_now", "ing", [_in(["breaking", "forcing"]), _in(["in", "down"])]),
        ("break_in_now", "ing", [_w("breaking"), _w("into"), _in(["my", "our", "the"]),
                                 _in([*_HOME, "block", "building"])]),
        ("break_in_now", "ing", [_in(["kicking", "smashing", "breaking", "forcing", "bashing",
                                      "booting", "battering", "banging", "hammering", "pounding",
                                      "ramming"]),
                                 _in(["on", "at"], "?"), _in(["my", "the", "our", "in", "down"]),
                                 _in(_DOOR)]),
        ("break_in_now", "now", [_in(["someone", "somebody", "intruder", "intruders", "stranger",
                                      "man", "men", "people", "burglar", "burglars"]),
                                 _in(["is", "'s", "are", "'re"], "?"), _in(["in", "inside"]),
                                 _in(["my", "our"]), _in(_HOME)]),
        ("break_in_now", "noun", [_in(["intruder", "intruders", "burglar", "burglars"])]),
        ("break_in_now", "strong", [_w("broken"), _in(["in", "into"])]),
        ("break_in", "weak", [_w("broke"), _in(["in", "into"])]),
        ("crime_in_progress", "ing", [_in(["smashing", "robbing", "mugging", "stealing", "nicking",
                                           "vandalising", "vandalizing", "damaging", "torching",
                                           "keying", "slashing", "trashing", "looting", "wrecking",
                                           "breaking"]),
                                      _in(["up", "into", "my", "the", "a", "his", "her", "their",
                                           "our", "cars", "car", "windows", "someone", "people",
                                           "from", "bikes", "everything", "it"])]),
        # Fire and gas
        ("fire", "noun", [_w("fire")]),
        ("fire", "strong", [_in(["set", "sets", "setting", "lit", "started"]),
                            _in(["fire", "alight", "on"])]),
        ("fire", "now", [_w("on"), _w("fire")]),
        ("fire", "ing", [_in(["burning", "spreading", "blazing"])]),
        ("fire", "noun", [_in(["flames", "blaze", "arson", "molotov", "firebomb", "firebombs"])]),
        ("fire", "noun", [_w("petrol"), _in(["bomb", "bombs", "bombed", "bombing"])]),
        # Fire being started: petrol poured, lit fireworks or rags through a door or letterbox.
        ("fire", "ing", [_in(["pouring", "spraying", "splashing", "throwing", "chucking"]),
                         _in(["petrol", "lighter", "accelerant"])]),
        ("fire", "ing", [_in(["pushing", "putting", "posting", "shoving", "throwing", "chucking"]),
                         _in(["lit", "burning", "fireworks", "firework", "bangers", "rags"])]),
        ("fire", "now", [_in(["black", "thick"]), _w("smoke")]),
        ("fire", "now", [_w("smoke"), _in(["everywhere", "pouring", "coming"])]),
        ("fire", "now", [_in(["full", "filling", "filled"]), _in(["of", "with"]), _w("smoke")]),
        ("gas", "strong", [_in(["smell", "smells", "smelling"]), _w("of", "?"), _w("gas")]),
        ("gas", "strong", [_w("gas"), _in(["leak", "leaking"])]),
        # An animal attack nobody can stop
        ("violence_now", "now", [_in(["ca", "can", "cannot"]), _in(["n't", "not"], "?"),
                                 _w("get"), _in(["it", "the", "him", "her"]), _w("dog", "?"),
                                 _w("off")]),
        ("violence_now", "now", [_w("still"), _in(["loose", "attacking", "going"])]),
        # Unable to leave
        ("cannot_escape", "now", [_w("locked"), _in(["me", "us", "in"])]),
        ("cannot_escape", "now", [_in(["wo", "will"]), _in(["n't", "not"]), _w("let"),
                                  _in(["me", "us", "him", "her", "them"]),
                                  _in(["out", "leave", "go", "get"])]),
        ("cannot_escape", "now", [_in(["ca", "can", "could"]), _in(["n't", "not"]), _w("get"),
                                  _w("out")]),
        ("cannot_escape", "now", [_in(["trapped", "barricaded", "cornered"])]),
        ("cannot_escape", "ing", [_in(["holding", "keeping"]), _in(["me", "us"]),
                                  _in(["hostage", "prisoner", "down", "against", "in", "here",
                                       "locked"])]),
        # Self-harm
        ("self_harm", "strong", [_in(["kill", "killing", "killed", "hurt", "hurting", "harm",
                                      "harming", "cut", "cutting", "hang", "hanging", "kil"]),
                                 _in(["myself", "meself"])]),
        ("self_harm", "strong", [_in(["end", "ending", "take", "taking"]), _in(["my", "it"]),
                                 _in(["life", "own", "all"])]),
        ("self_harm", "strong", [_in(["want", "wants", "wanted"]), _w("to"), _w("die")]),
        ("self_harm", "strong", [_in(["suicidal", "suicide", "self-harm", "selfharm"])]),
        ("self_harm", "strong", [_w("self"), _w("-", "?"), _w("harm")]),
        ("self_harm", "strong", [_in(["better"]), _w("off"), _w("dead")]),
        ("self_harm", "strong", [_w("no"), _w("reason"), _w("to"), _w("live")]),
        ("self_harm", "strong", [_w("do"), _w("n't"), _w("want"), _w("to"),
                                 _in(["live", "be", "wake"])]),
        # Medical
        ("medical", "now", [_in(["not", "n't", "stopped"]), _w("breathing")]),
        ("medical", "now", [_in(["ca", "can", "could"]), _in(["n't", "not"]), _w("breathe")]),
        ("medical", "strong", [_in(["unconscious", "unresponsive", "collapsed", "overdosed",
                                    "overdose", "seizure", "fitting", "od'd", "oded"])]),
        ("medical", "strong", [_w("passed"), _w("out")]),
        ("medical", "strong", [_w("heart"), _w("attack")]),
        ("medical", "ing", [_w("bleeding")]),
        ("self_harm", "strong", [_in(["took", "taken", "swallowed", "taking", "take", "had"]),
                                 _in(["a", "an", "the", "all", "my", "whole"], "*"),
                                 _in(["load", "loads", "lots", "handful", "bunch", "packet",
                                      "packets", "box", "boxes", "bottle", "too", "all"]),
                                 _in(["of", "many", "much", "my", "the"], "*"),
                                 _in(["pills", "tablets", "paracetamol", "painkillers", "meds",
                                      "medication"])]),
        ("medical", "now", [_in(["blood"]), _in(["everywhere", "all"])]),
        ("medical", "now", [_in(["covered", "lots", "loads", "pool"]), _in(["in", "of"]),
                            _w("blood")]),
        ("medical", "adj", [_in(["hurt", "injured", "wounded"])]),
        ("medical", "now", [_in(["need", "needs", "call", "get", "send"]),
                            _in(["an", "a", "the"], "?"), _w("ambulance")]),
        # Danger stated outright
        ("in_danger", "now", [_w("in"), _in(["immediate", "real", "serious", "grave"], "?"),
                              _w("danger")]),
        ("in_danger", "fut", [_in(["going", "gon"]), _in(["to", "na"]), _w("die")]),
        ("fear_for_life", "strong", [_in(["scared", "fear", "fearing", "afraid", "frightened",
                                          "terrified", "feared"]),
                                     _in(["for", "of"]), _in(["my", "our", "his", "her"]),
                                     _in(["life", "lives", "safety"])]),
        # Fear (weak on its own)
        ("fear", "fear", [_in(_FEAR)]),
        ("fear", "fear", [_in(["not", "n't"]), _w("feel", "?"), _w("safe")]),
        # Someone at the door / coming back
        ("at_door", "door", [_in(["outside", "at", "on"]),
                             _in(["my", "our", "the", "her", "his", "their"]),
                             _in([*_DOOR, *_HOME, "block", "building"])]),
        ("at_door", "door", [_w("coming"), _in(["back", "round", "over", "for"])]),
        ("at_door", "door", [_w("on"), _in(["his", "her", "their"]), _w("way")]),
        ("at_door", "door", [_in(["following", "watching", "waiting"]), _in(["me", "us", "for"])]),
        ("at_door", "door", [_in(["knocking"]), _in(["on", "at"]), _in(["my", "the", "our"])]),
        ("at_door", "door", [_in(["wo", "will"]), _in(["n't", "not"]), _in(["leave", "go"])]),
        ("at_door", "door", [_in(["is", "'s", "are", "'re"]), _in(["here", "back"])]),
        ("cannot_escape", "ing", [_w("hiding"),
                                  _in(["in", "from", "under", "behind", "upstairs"])]),
        # Pleas
        ("plea", "plea", [_w("help"), _in(["me", "us"], "?"), _in(_URGENT)]),
        ("plea", "plea", [_in(["please", "someone", "somebody", "anyone", "pls"]), _w("help")]),
        ("plea", "plea", [_in(["send", "need", "get"]), _in(["help", "police", "someone", "the"]),
                          _in(["police", "cops", "now", "asap", "quick", "quickly", "here",
                               "immediately", "urgently", "!"])]),
        ("plea", "plea", [_w("call"), _in(["the", "an"], "?"),
                          _in(["police", "999", "ambulance", "cops", "fire"])]),
        ("plea", "plea", [_w("help")]),
        ("plea", "plea", [_w("send"), _in(["someone", "somebody", "help", "police", "cops"])]),
        ("emergency", "plea", [_in(["an", "is"]), _w("emergency")]),
        ("emergency", "plea", [_w("emergency"), _w("!")]),
        ("emergency", "plea", [_w("sos")]),
    ]  # fmt: skip
    return pats


# --------------------------------------------------------------------------------------------
# Lazy spaCy pipeline
# --------------------------------------------------------------------------------------------

_LOCK = threading.Lock()
_PIPELINE: tuple[Any, Any, dict[int, tuple[str, str]]] | None = None


def _pipeline() -> tuple[Any, Any, dict[int, tuple[str, str]]]:
    """Build the blank tokenizer and Matcher once, on first use (spaCy is slow to import)."""
    global _PIPELINE
    if _PIPELINE is None:
        with _LOCK:
            if _PIPELINE is None:
                import spacy
                from spacy.matcher import Matcher

                nlp = spacy.blank("en")
                matcher = Matcher(nlp.vocab)
                keys: dict[int, tuple[str, str]] = {}
                for index, (label, cls, pattern) in enumerate(_patterns()):
                    key = f"{label}|{cls}|{index}"
                    matcher.add(key, [pattern])
                    keys[nlp.vocab.strings[key]] = (label, cls)
                _PIPELINE = (nlp, matcher, keys)
    return _PIPELINE


# --------------------------------------------------------------------------------------------
# Judging each hit
# --------------------------------------------------------------------------------------------

_BOUNDARY_TEXT = {".", "!", "?", ";", "...", "…", "\n", "but", "however", "although", "though",
                  "whereas", "except"}  # fmt: skip


@dataclass(frozen=True)
class _Hit:
    label: str
    verdict: str  # "present", "negated", "past", "hypothetical", "weak", "door", "fear"
    start: int
    end: int


def _segments(words: list[str]) -> list[int]:
    """Segment id for every token; sentence punctuation and contrastive conjunctions split."""
    ids, current = [], 0
    for word in words:
        if word in _BOUNDARY_TEXT or word.strip() == "" or set(word) <= {"!", "?", "."}:
            current += 1
            ids.append(current)
            current += 1
            continue
        ids.append(current)
    return ids


def _is_negated(words: list[str], seg: list[int], start: int) -> bool:
    """True if a negator sits before `start` in the same clause (up to six tokens back)."""
    for i in range(start - 1, max(-1, start - 7), -1):
        if seg[i] != seg[start]:
            return False
        word = words[i]
        if word in _NEGATORS:
            # "won't stop hitting me" / "not only" are not negations of the cue.
            nxt = words[i + 1] if i + 1 < len(words) else ""
            return nxt not in {"stop", "stops", "stopping", "only", "just", "sure"}
        if word in _CLAUSE_STOP:
            return False
    return False


def _subject(words: list[str], seg: list[int], start: int) -> str:
    """The nearest word before the verb group, skipping auxiliaries and adverbs."""
    for i in range(start - 1, max(-1, start - 7), -1):
        if seg[i] != seg[start]:
            return ""
        if words[i] not in _SKIP_FOR_SUBJECT:
            return words[i]
    return ""


def _aux_before(words: list[str], seg: list[int], start: int) -> list[str]:
    """Up to three words before `start` in the same segment, nearest first, adverbs skipped."""
    found: list[str] = []
    i = start - 1
    while i >= 0 and seg[i] == seg[start] and len(found) < 3:
        if words[i] not in _ADVERBS:
            found.append(words[i])
        i -= 1
    return found


def _just_before(words: list[str], start: int) -> bool:
    return any(w == "just" for w in words[max(0, start - 3) : start])


def _is_habitual(segment_text: str) -> bool:
    """The clause describes something that keeps happening, and says nothing of now."""
    lowered = segment_text.lower()
    return bool(
        (_HABITUAL_RE.search(lowered) or set(lowered.split()) & _HABITUAL)
        and not _PRESENT_RE.search(lowered)
    )


def _tense(cls: str, words: list[str], seg: list[int], start: int, segment_text: str) -> str:
    """Map a pattern's tense class plus its auxiliaries to now/recent/weak/past/fear/door/plea."""
    aux = _aux_before(words, seg, start)
    first = aux[0] if aux else ""
    window = set(aux)
    if cls in {"plea", "fear", "door"}:
        if first in _AUX_PAST or (first == "been" and window & {"had"}):
            return "past"
        if cls == "door" and (window & _HABITUAL or _is_habitual(segment_text)):
            # "someone keeps smashing the glass outside my flat" reports a pattern, not a
            # person outside now.
            return "weak"
        return cls
    habitual = bool(window & _HABITUAL) or bool(_HABITUAL_RE.search(segment_text))
    if cls == "ing":
        if first in {"stop", "stopped", "quit"}:
            return "past" if not window & {"n't", "not", "never"} else "now"
        if first in _AUX_PAST:
            return "past"
        if first == "been" or habitual:
            return "now" if _just_before(words, start) else "weak"
        return "now"
    if cls == "fut":
        if first in {"was", "were"} or (len(aux) > 1 and aux[1] in {"was", "were"}):
            return "past"
        return "weak" if window & _HABITUAL else "now"
    if cls in {"strong", "weak"}:
        if _just_before(words, start):
            return "now"
        if first in {"was", "were", "had"} or (first == "been" and window & {"had"}):
            return "past"
        return "recent" if cls == "strong" else "weak"
    if cls == "noun":
        if window & {"had", "was", "were", "used"}:
            return "past" if not window & {"'s", "is", "has"} else "recent"
        return "recent"
    if cls == "adj":
        if not window & (_AUX_NOW | _AUX_PERFECT | _AUX_PAST | {"been", "badly", "seriously"}):
            return "skip"
        if first in _AUX_PAST or (first == "been" and window & {"had"}):
            return "past"
        return "recent"
    if cls == "past":
        return "past"
    if cls == "now":
        if first in {"was", "were"} or (first == "been" and window & {"had"}):
            return "past"
        if window & {"was", "were"} and not window & _AUX_NOW:
            return "past"  # "the bins were set on fire"
        return "now"
    return "now"


def _filtered_out(label: str, cls: str, words: list[str], seg: list[int], start: int,
                  end: int, text: str) -> bool:  # fmt: skip
    """Pattern-specific exclusions: figurative speech, tools that are not weapons, fire alarms."""
    nxt = words[end] if end < len(words) else ""
    prev = words[start - 1] if start > 0 else ""
    first = words[start]
    if label == "at_door" and first == "at" and _AIMED_AT & set(words[max(0, start - 3) : start]):
        return True  # "threw stones at my window" is something done, not someone at the door
    if label in {"violence_now", "threat_imminent", "threat"} and cls not in {"noun"}:
        if first in {"being", "was", "were", "getting", "been", "got", "get"}:
            return False  # passive: the subject is the victim
        subject = _subject(words, seg, start)
        if subject in _FIGURATIVE or subject in {"i", "we"}:
            return True
    if label in {"violence_now", "threat_imminent"} and set(words[end : end + 4]) & _FIGURATIVE_OBJ:
        return True  # "they're killing me with the noise"
    if label == "violence_now" and first == "fighting" and prev in {"play", "pretend"}:
        return True
    if label == "violence_now" and first == "fighting" and nxt in {
        "games", "game", "talk", "chance", "fit", "spirit",
        "this", "for", "against", "it", "the", "council", "case", "claim", "back", "over",
    }:  # fmt: skip
        return True
    if (
        label == "violence_now"
        and cls == "noun"
        and prev in {"food", "pillow", "water", "snowball"}
    ):
        return True
    if label == "weapon" and (
        (prev in _NOT_WEAPON_BEFORE and first in _WEAPONS) or nxt in _NOT_WEAPON_AFTER
    ):
        return True
    if label == "fire":
        if first == "fire" and (nxt in _FIRE_NOT_AFTER or prev in {"open", "camp", "bon", "-"}):
            return True
        if first in {"burning", "spreading"} and not _FIRE_WORDS.search(text):
            return True
        if first == "burning" and nxt in {"smell", "sensation"}:
            return True
    if label == "medical" and cls == "adj" and nxt in {*_OBJ, "myself"}:
        return True
    if label == "plea" and "help" in words[start:end]:
        if prev in {"can", "could", "would", "will"} and not set(words[end : end + 3]) & set(
            _URGENT
        ):
            return True  # "can someone help me?" is a service question
        if first == "help" and prev in _NOT_PLEA_BEFORE:
            return True
        return not _help_is_plea(words, seg, words.index("help", start), end)
    if label == "plea" and first == "send":
        return nxt in {"to", "round", "over", "out", "a", "an", "the", "about", "for", "me", "us"}
    if label == "plea" and first == "call":
        # "call the police" is a plea only as an imperative at the start of its clause.
        return prev not in {"", "please", "someone", "somebody", "quick", "just", "pls", ",",
                            "help", "!"} and seg[start - 1] == seg[start]  # fmt: skip
    if label == "emergency" and prev in {"-", "non"}:
        return True
    return label == "fear" and prev in {"no", "without"} and first == "fear"


_NOT_PLEA_BEFORE = {
    "some", "any", "your", "the", "a", "for", "of", "more", "little", "bit", "extra", "with", "no",
    "without", "get", "getting", "got", "needs", "wants",
}  # fmt: skip


def _help_is_plea(words: list[str], seg: list[int], start: int, end: int) -> bool:
    """A bare "help" is a plea when imperative and not "help with/to report ..."."""
    nxt = words[end] if end < len(words) else ""
    if nxt in {"with", "to", "for", "on", "report", "reporting", "regarding", "about", "please?",
               "understand", "me?", "needed?", "line", "desk", "centre", "page"}:  # fmt: skip
        return False
    if nxt in {"me", "us"}:
        after = words[end + 1] if end + 1 < len(words) else ""
        if after in {"with", "to", "report", "understand", "find", "fill", "make", "get", "sort",
                     "deal", "out", "complain", "file", "log", "please?"}:  # fmt: skip
            return False
    prev = words[start - 1] if start > 0 else ""
    starts_clause = start == 0 or seg[start - 1] != seg[start] or prev in {",", "-", ":"}
    if words[end - 1] != "help":  # "help now", "please help": urgency already in the pattern
        return True
    return starts_clause or prev in {"please", "someone", "somebody", "anyone", "sos"}


def _is_hypothetical(words: list[str], seg: list[int], start: int, segment_text: str) -> bool:
    if "?" not in segment_text:
        return False
    before = " ".join(w for i, w in enumerate(words[:start]) if seg[i] == seg[start])
    return bool(_IF_RE.search(before))


def _segment_texts(words: list[str], seg: list[int]) -> dict[int, str]:
    texts: dict[int, list[str]] = {}
    for word, sid in zip(words, seg, strict=True):
        texts.setdefault(sid, []).append(word)
    # The closing punctuation belongs to the segment before it (for the "?" check).
    out = {sid: " ".join(ws) for sid, ws in texts.items()}
    for sid, joined in list(out.items()):
        if "?" in joined and sid - 1 in out:
            out[sid - 1] = out[sid - 1] + " ?"
    return out


_WITNESS_VERBS = {"saw", "sees", "heard", "witnessed", "noticed", "called", "rang", "phoned",
                  "told", "thinks", "think"}  # fmt: skip
_NOT_THEM_AFTER_S = {"friend", "friends", "mate", "mates", "boyfriend", "girlfriend", "partner",
                     "dog", "kids", "children", "car", "new", "family"}  # fmt: skip


def _domestic_abuse(norm: str, words: list[str], hits: list[_Hit]) -> bool:
    """Explicit DA wording, or a partner/ex/family member named before an abuse cue."""
    if _EXPLICIT_DA_RE.search(norm):
        return True
    abuse_labels = {"violence_now", "threat_imminent", "threat", "cannot_escape", "weapon",
                    "fear_for_life"}  # fmt: skip
    cue_starts = [h.start for h in hits if h.label in abuse_labels and h.verdict != "negated"]
    da_cue = _DA_CUE_RE.search(norm)
    if not cue_starts and not da_cue:
        return False
    first_cue = min(cue_starts) if cue_starts else len(words)
    for i, word in enumerate(words):
        if word not in _RELATIONS or i == 0 or words[i - 1] not in {"my", "our", "by", "ex", "-"}:
            continue
        nxt = words[i + 1] if i + 1 < len(words) else ""
        nxt2 = words[i + 2] if i + 2 < len(words) else ""
        if nxt in _WITNESS_VERBS or (nxt == "and" and nxt2 in {"i", "me", "the"}):
            continue  # a witness or a fellow victim, not the abuser
        if nxt in {"is", "was", "has", "'s", "got", "gets"} and nxt2 in {"being", "been", "got"}:
            continue  # "my son is being threatened": the relative is the victim
        if nxt == "'s" and nxt2 in _NOT_THEM_AFTER_S:
            continue
        by_them = i >= 2 and words[i - 2] == "by"  # "I'm being hit by my husband"
        if by_them or i < first_cue or (da_cue and not cue_starts):
            return True
    return False


def _weak_verdict(segment_text: str, present_re: re.Pattern[str], otherwise: str) -> str:
    """Weak cues count only with a present marker; a past marker makes them explicitly past."""
    if present_re.search(segment_text):
        return "present"
    return "past" if _PAST_RE.search(segment_text) else otherwise


def _analyse(text: str) -> DangerSignal:
    norm = _normalise(text)
    if not norm:
        return DangerSignal(present=False)
    whole_plea = bool(_WHOLE_PLEA_RE.match(norm)) and not re.search(r"\bno\b|n't|\bnot\b", norm)
    nlp, matcher, keys = _pipeline()
    doc = nlp.make_doc(norm)
    words = [t.text for t in doc]
    seg = _segments(words)
    seg_text = _segment_texts(words, seg)
    hits: list[_Hit] = []
    for match_id, start, end in matcher(doc):
        label, cls = keys[match_id]
        if _filtered_out(label, cls, words, seg, start, end, norm):
            continue
        stext = seg_text.get(seg[start], "")
        tense = _tense(cls, words, seg, start, stext)
        if tense == "skip":
            continue
        if _is_negated(words, seg, start):
            verdict = "negated"
        elif _is_hypothetical(words, seg, start, stext) or (label == "emergency" and "?" in stext):
            verdict = "hypothetical"
        elif tense == "recent":
            past = _PAST_RE.search(stext) and not _PRESENT_RE.search(stext)
            verdict = "past" if past else "present"
        elif tense == "weak":
            verdict = _weak_verdict(stext, _PRESENT_RE, "weak")
        elif tense == "fear":
            verdict = _weak_verdict(stext, _FEAR_NOW_RE, "fear")
        elif tense == "past":
            verdict = "present" if _JUST_HAPPENED_RE.search(stext) else "past"
        elif tense == "door":
            verdict = tense
        else:  # now / plea
            verdict = "present"
        hits.append(_Hit(label, verdict, start, end))

    hits.sort(key=lambda h: h.start)
    plea = whole_plea or any(h.label in {"plea", "emergency"} and h.verdict == "present"
                             for h in hits)  # fmt: skip
    # An ex turning up is a classic escalation point; other relatives at the door are not.
    ex_partner = "ex" in words or "exhusband" in words or "exwife" in words
    others = any(h.verdict not in {"negated", "door", "hypothetical"} for h in hits)
    fear = any(h.label == "fear" and h.verdict in {"fear", "present"} for h in hits)
    cues: list[str] = ["plea"] if whole_plea else []
    discounted: list[str] = []
    for h in hits:
        counted = h.verdict == "present"
        if h.verdict in {"weak", "fear"} and plea:
            counted = True
        if h.verdict == "door":
            seg_now = _FEAR_NOW_RE.search(seg_text.get(seg[h.start], ""))
            # "someone is at my door right now" counts; "they're outside my house drinking" not.
            at_the_door = bool(
                set(words[h.start : h.end])
                & {"door", "doorstep", "window", "windows", "letterbox", "gate"}
            )
            subject_known = _subject(words, seg, h.start) in {
                "he", "she", "someone", "somebody", "ex", "man", "men", "gang",
            }  # fmt: skip
            counted = (
                others
                or fear
                or plea
                or ex_partner
                or bool(seg_now and subject_known and at_the_door)
            )
        if counted:
            if h.label not in cues:
                cues.append(h.label)
        elif h.verdict in {"negated", "past", "hypothetical"} and h.label not in discounted:
            discounted.append(h.label)
    present = bool(cues)
    return DangerSignal(
        present=present,
        cues=tuple(cues),
        domestic_abuse=_domestic_abuse(norm, words, hits),
        negated_or_past=not present and bool(discounted),
        discounted=tuple(discounted),
    )


def warm_up() -> None:
    """Load spaCy and build the Matcher now (call at server start to keep the first reply fast)."""
    _pipeline()


def detect_danger(text: str) -> DangerSignal:
    """Say whether a message signals present danger (call 999 now), erring towards yes."""
    if not isinstance(text, str) or not text.strip():
        return DangerSignal(present=False)
    return _analyse(text)


def is_plea_for_help(text: str) -> bool:
    """True if the message is an urgent plea ("HELP", "please help me now", "call 999")."""
    signal = detect_danger(text)
    return any(cue in {"plea", "emergency"} for cue in signal.cues)
