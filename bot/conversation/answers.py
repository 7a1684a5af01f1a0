"""Turn a resident's answer to one question into slot values and what to say back."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.conversation import corrections
from bot.conversation.opening import details_from_words, noted_summary, when_slot
from bot.conversation.plan import SKIPPED
from bot.conversation.triage_slots import triage_slots


@dataclass(frozen=True)
class Say:
    """A response from the domain, with values for its {placeholders}."""

    response: str
    values: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Outcome:
    """Slot values to set (None re-asks the question) and what to say."""

    updates: dict[str, Any]
    say: tuple[Say, ...] = ()


@dataclass(frozen=True)
class Context:
    policy: Any
    now: datetime | None = None


Slots = Mapping[str, Any]

_NOTHING = re.compile(r"^\s*(no|none|nobody|no one|noone|nothing|nope|nah|not really)\b", re.I)
_ANONYMOUS = re.compile(r"anonym|don'?t want to give|rather not give|no details|stay hidden", re.I)
_GIVE_DETAILS = re.compile(r"give (you )?my details|my details|^\s*(yes|yeah|yep|ok|sure)\b", re.I)
_ON_BEHALF = re.compile(
    r"someone else|somebody else|on behalf|for (my|a|an|the) \w+|support worker|carer|"
    r"my (son|daughter|mum|mom|dad|brother|sister|client|friend|neighbour|neighbor)",
    re.I,
)
_WITNESS = re.compile(r"\b(saw|witness|seen|heard)\b", re.I)
_MYSELF = re.compile(r"\b(myself|me|for me|my own|i am the victim|it'?s me)\b", re.I)
_EVIDENCE_KINDS = {
    "photos": re.compile(r"photo|picture|pic\b|pics\b|image", re.I),
    "video": re.compile(r"video|footage|cctv|ring doorbell|doorbell", re.I),
    "recordings": re.compile(r"record|audio|noise app|voice", re.I),
    "diary": re.compile(r"diary|log|notes|wrote|written|writing", re.I),
}
_STRAND_WORDS = {
    "race": re.compile(r"\b(race|racis\w*|colou?r|skin|ethnic\w*|nationality|black|asian)\b", re.I),
    "religion": re.compile(
        r"\b(religio\w*|belief|faith|muslim|islam\w*|jew\w*|christian|sikh|hindu|hijab|"
        r"turban)\b",
        re.I,
    ),
    "disability": re.compile(r"\b(disab\w*|autis\w*|learning difficult\w*|wheelchair)\b", re.I),
    "sexual_orientation": re.compile(
        r"\b(sexual\w*|orientation|gay|lesbian|bisexual|homophob\w*)\b", re.I
    ),
    "transgender_identity": re.compile(r"\b(trans\w*|gender)\b", re.I),
}


def _u():
    from bot import understanding

    return understanding


def _yes_no(text: str) -> bool | None:
    return _u().parse_yes_no(text)


def _skip(text: str) -> bool:
    return _u().is_skip(text)


def _reask(slot: str, problem: str) -> Outcome:
    return Outcome({slot: None}, (Say("utter_invalid_answer", {"problem": problem}),))


_LEADING_NO = re.compile(r"^\s*(no|not|nah|never|nope|don'?t|do not|dont)\b", re.I)


def _yes_no_question(
    slot: str, statement_means: bool | None = None
) -> Callable[[str, Slots, Context], Outcome]:
    """A yes/no question; `statement_means` is how a plain statement answers it.

    "Is anyone in your household vulnerable?" answered "my son is 9" means yes; "not really when
    they're there" means no. Asking again would be a turn the resident should not need.
    """

    def interpret(text: str, slots: Slots, ctx: Context) -> Outcome:
        answer = _yes_no(text)
        if answer is None and _skip(text):
            return Outcome({slot: SKIPPED})
        if answer is None and _LEADING_NO.match(text):
            answer = False
        if answer is None and statement_means is not None and len(text.split()) >= 2:
            answer = statement_means
        if answer is None:
            return Outcome({slot: None}, (Say("utter_could_not_understand_yes_no"),))
        return Outcome({slot: answer})

    return interpret


# Optional details where a plain "no" / "no thanks" means the resident would rather not say.
_NO_MEANS_SKIP = {"perpetrator_details", "location", "reporter_name", "contact_phone",
                  "contact_email", "tenancy_reference", "contact_preference", "impact"}  # fmt: skip


def _free_text(
    slot: str, none_value: str | None = None
) -> Callable[[str, Slots, Context], Outcome]:
    def interpret(text: str, slots: Slots, ctx: Context) -> Outcome:
        if _skip(text):
            return Outcome({slot: SKIPPED})
        if none_value and _NOTHING.match(text) and len(text.split()) <= 3:
            return Outcome({slot: none_value})
        return Outcome({slot: text})

    return interpret


def _date(slot: str) -> Callable[[str, Slots, Context], Outcome]:
    def interpret(text: str, slots: Slots, ctx: Context) -> Outcome:
        if _skip(text):
            return Outcome({slot: SKIPPED})
        when = _u().parse_when(text, now=ctx.now)
        if when is None or not when.iso_date:
            return _reask(
                slot, "Sorry, I couldn't work out that date. You could say 'last Friday' or '3/10'."
            )
        return Outcome({slot: when_slot(when)})

    return interpret


def in_danger(text: str, slots: Slots, ctx: Context) -> Outcome:
    answer = _yes_no(text)
    if answer is None and _u().detect_danger(text).present:
        answer = True
    if answer is True:
        return Outcome({"in_danger": True, "paused": True}, emergency_messages(text, slots, ctx))
    if answer is False or _skip(text):
        opening = slots.get("opening")
        if opening and slots.get("description") is None:
            # The story they opened with is read only now: safety comes first.
            told = describe(opening, slots, ctx)
            return Outcome({**told.updates, "in_danger": False}, told.say)
        return Outcome({"in_danger": False})
    return Outcome({"in_danger": None}, (Say("utter_could_not_understand_yes_no"),))


def emergency_messages(text: str, slots: Slots, ctx: Context) -> tuple[Say, ...]:
    """The 999 message, and the domestic abuse helplines at once when abuse is signalled."""
    say = [Say("utter_emergency")]
    triage = slots.get("triage") or {}
    if _u().detect_danger(text).domestic_abuse or triage.get("category") == "domestic_abuse":
        say.append(domestic_abuse_helplines(ctx))
    return tuple(say)


def domestic_abuse_helplines(ctx: Context) -> Say:
    lines = " ".join(helpline_sentence(h) for h in ctx.policy.helplines)
    return Say("utter_domestic_abuse_helplines", {"domestic_abuse_helplines": lines})


def helpline_sentence(helpline: Any) -> str:
    """The helpline exactly as the policy publishes it."""
    return helpline.published


def description(text: str, slots: Slots, ctx: Context) -> Outcome:
    from bot.conversation.opening import is_just_an_opener

    if (slots.get("triage") or {}).get("description") == text:
        return Outcome({"description": text})  # already read (the form was resumed)
    if _skip(text) or is_just_an_opener(text):
        return Outcome({"description": None}, (Say("utter_description_needed"),))
    return describe(text, slots, ctx)


def describe(text: str, slots: Slots, ctx: Context) -> Outcome:
    """Everything the resident's own words give us, the triage, and what to say about it."""
    found = {k: v for k, v in details_from_words(text, ctx.now).items() if slots.get(k) is None}
    updates: dict[str, Any] = {"description": text, **found}
    triage = {**triage_slots({**slots, **updates}, ctx.policy, ctx.now), "description": text}
    updates["triage"] = triage
    if triage["category"] and slots.get("behaviour_type") is None:
        updates["behaviour_type"] = triage["category"]
    return Outcome(updates, _triage_messages(triage, found, ctx))


def _triage_messages(triage: dict[str, Any], found: dict[str, Any], ctx: Context) -> tuple:
    if triage["scope"] == "excluded":
        return (Say("utter_excluded", exclusion_values(triage, ctx.policy)),)
    say = []
    if triage["category"] == "domestic_abuse":
        say.append(domestic_abuse_helplines(ctx))
    noted = noted_summary(found, triage["category_label"])
    if noted:
        say.append(Say("utter_acknowledge_details", {"noted": noted}))
    return tuple(say)


def exclusion_values(triage: dict[str, Any], policy: Any) -> dict[str, str]:
    """The policy's kind explanation of an exclusion and where to go instead, with signposts."""
    exclusion = policy.exclusion(triage["exclusion"])
    signposts = " ".join(s["text"] for s in triage.get("signposts") or [] if s.get("text"))
    return {
        "explanation": exclusion.explanation,
        "where_instead": f"{exclusion.where_to_go} {signposts}".strip(),
    }


def excluded_more(text: str, slots: Slots, ctx: Context) -> Outcome:
    answer = _yes_no(text)
    if answer is False or (_skip(text) and answer is None):
        return Outcome({"excluded_more": False})
    if answer is True and len(text.split()) <= 3:
        return Outcome({"excluded_more": None}, (Say("utter_ask_excluded_more_details"),))
    combined = f"{slots.get('description') or ''} {text}".strip()
    outcome = describe(combined, {**slots, "description": None}, ctx)
    if outcome.updates["triage"]["scope"] == "excluded":
        return Outcome({**outcome.updates, "excluded_more": False})
    return Outcome(
        {**outcome.updates, "excluded_more": True},
        (Say("utter_escalated"), *outcome.say),
    )


def behaviour_type(text: str, slots: Slots, ctx: Context) -> Outcome:
    if _skip(text):
        return Outcome({"behaviour_type": SKIPPED})
    key = category_from_answer(text, ctx.policy)
    if key is None:
        return _reask("behaviour_type", "Sorry, I didn't recognise that type of behaviour.")
    updates = {"behaviour_type": key}
    updates["triage"] = triage_slots({**slots, **updates}, ctx.policy, ctx.now)
    return Outcome(updates)


def category_from_answer(text: str, policy: Any) -> str | None:
    """A category key from a button title, a key, or the resident's own words."""
    wanted = text.strip().lower()
    for category in policy.categories:
        if wanted in (category.key.lower(), category.label.lower()):
            return category.key
    from bot.policy import classify_text

    matched = classify_text(text, policy).categories
    return matched[0] if matched else None


def perpetrator_known(text: str, slots: Slots, ctx: Context) -> Outcome:
    answer = _yes_no(text)
    if answer is None and _skip(text):
        return Outcome({"perpetrator_known": SKIPPED})
    if answer is None:
        # "It's John from number 14" answers both questions at once.
        return Outcome({"perpetrator_known": True, "perpetrator_details": text})
    return Outcome({"perpetrator_known": answer})


def frequency(text: str, slots: Slots, ctx: Context) -> Outcome:
    if _skip(text):
        return Outcome({"frequency": SKIPPED})
    normalised = _u().extract_details(text, now=ctx.now).frequency
    return Outcome({"frequency": normalised or text})


def hate_motivation(text: str, slots: Slots, ctx: Context) -> Outcome:
    if _skip(text):
        return Outcome({"hate_motivation": SKIPPED})
    strands = [key for key, pattern in _STRAND_WORDS.items() if pattern.search(text)]
    if not strands:
        from bot.policy import classify_text

        strands = list(classify_text(text, ctx.policy).hate_strands)
    if not strands and _yes_no(text) is True:
        strands = ["unspecified"]
    updates: dict[str, Any] = {"hate_motivation": strands}
    updates["triage"] = triage_slots({**slots, **updates}, ctx.policy, ctx.now)
    return Outcome(updates)


def evidence(text: str, slots: Slots, ctx: Context) -> Outcome:
    if _skip(text):
        return Outcome({"evidence": SKIPPED})
    if _NOTHING.match(text) and len(text.split()) <= 3:
        return Outcome({"evidence": {"kinds": [], "words": text}})
    kinds = [kind for kind, pattern in _EVIDENCE_KINDS.items() if pattern.search(text)]
    return Outcome({"evidence": {"kinds": kinds, "words": text}})


def reporter_role(text: str, slots: Slots, ctx: Context) -> Outcome:
    if _skip(text):
        return Outcome({"reporter_role": SKIPPED})
    if _ON_BEHALF.search(text):
        role = "on_behalf"
    elif _WITNESS.search(text):
        role = "witness"
    elif _MYSELF.search(text) or _yes_no(text) is not None:
        role = "victim"
    else:
        role = "victim"
    updates: dict[str, Any] = {"reporter_role": role}
    updates["triage"] = triage_slots({**slots, **updates}, ctx.policy, ctx.now)
    return Outcome(updates)


def anonymous(text: str, slots: Slots, ctx: Context) -> Outcome:
    if _ANONYMOUS.search(text) or _skip(text):
        return Outcome({"anonymous": True})
    if _GIVE_DETAILS.search(text):
        return Outcome({"anonymous": False})
    if _yes_no(text) is False:
        return Outcome({"anonymous": True})
    return Outcome({"anonymous": None}, (Say("utter_could_not_understand_yes_no"),))


def contact_phone(text: str, slots: Slots, ctx: Context) -> Outcome:
    if _skip(text):
        return Outcome({"contact_phone": SKIPPED})
    check = _u().parse_phone(text)
    if not check.valid:
        return _reask("contact_phone", check.reason or "That doesn't look like a phone number.")
    return Outcome({"contact_phone": check.e164})


def contact_email(text: str, slots: Slots, ctx: Context) -> Outcome:
    if _skip(text):
        return Outcome({"contact_email": SKIPPED})
    check = _u().parse_email(text)
    if not check.valid:
        return _reask("contact_email", check.reason or "That doesn't look like an email address.")
    return Outcome({"contact_email": check.normalised})


def tenancy_reference(text: str, slots: Slots, ctx: Context) -> Outcome:
    if _skip(text):
        return Outcome({"tenancy_reference": SKIPPED})
    from bot.policy import check_tenancy_reference

    check = check_tenancy_reference(text, ctx.policy)
    if not check.valid:
        return _reask("tenancy_reference", check.reason or "That isn't a tenancy reference.")
    return Outcome({"tenancy_reference": check.normalised})


def confirm_report(text: str, slots: Slots, ctx: Context) -> Outcome:
    answer = _yes_no(text)
    if answer is True and not corrections.names_a_part(text):
        return Outcome({"confirm_report": True})
    fix = corrections.correction(text, slots, ctx.now)
    if fix is None:
        return Outcome({"confirm_report": None}, (Say("utter_ask_which_part"),))
    updates = {**fix, "confirm_report": None}
    return Outcome(updates, (Say("utter_correcting"),))


INTERPRETERS: dict[str, Callable[[str, Slots, Context], Outcome]] = {
    "in_danger": in_danger,
    "description": description,
    "excluded_more": excluded_more,
    "behaviour_type": behaviour_type,
    "perpetrator_known": perpetrator_known,
    "perpetrator_details": _free_text("perpetrator_details"),
    "location": _free_text("location"),
    "started": _date("started"),
    "last_incident": _date("last_incident"),
    "frequency": frequency,
    "witnesses": _free_text("witnesses", none_value="none"),
    "impact": _free_text("impact"),
    "feels_safe": _yes_no_question("feels_safe"),
    "vulnerable_household": _yes_no_question("vulnerable_household", statement_means=True),
    "hate_motivation": hate_motivation,
    "police_consent": _yes_no_question("police_consent"),
    "evidence": evidence,
    "contact_perpetrator_consent": _yes_no_question("contact_perpetrator_consent"),
    "reporter_role": reporter_role,
    "anonymous": anonymous,
    "reporter_name": _free_text("reporter_name"),
    "contact_phone": contact_phone,
    "contact_email": contact_email,
    "tenancy_reference": tenancy_reference,
    "contact_preference": _free_text("contact_preference"),
    "confirm_report": confirm_report,
}


def interpret(slot: str, text: Any, slots: Slots, ctx: Context) -> Outcome:
    """Interpret the resident's answer to `slot`; unknown slots keep the value as given."""
    handler = INTERPRETERS.get(slot)
    if handler is None or not isinstance(text, str):
        return Outcome({slot: text})
    cleaned = _u().clean_text(text)
    if not cleaned.strip():
        return Outcome({slot: None}, (Say("utter_empty_answer"),))
    if slot != "in_danger" and _u().detect_danger(cleaned).present:
        # Inside the report, danger is judged by the rule-based cues, which read tense and
        # negation: the classifier takes ordinary answers ("yes please report it to the police
        # for me") for danger. Errs towards 999 all the same: any present cue interrupts.
        return Outcome(
            {slot: None, "in_danger": True, "paused": True},
            emergency_messages(cleaned, slots, ctx),
        )
    if slot in _NO_MEANS_SKIP and _yes_no(cleaned) is False and len(cleaned.split()) <= 3:
        return Outcome({slot: SKIPPED})
    return handler(cleaned, slots, ctx)
