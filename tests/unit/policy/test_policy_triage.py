"""Triage decisions. Each case names the published policy sentence it checks.

Completeness tests make sure every category, exclusion, aggravating factor, risk answer and
published priority bullet has a case here, so adding a rule to the data without a test fails.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest

from bot.policy import Report, triage

# -- every category -------------------------------------------------------------------------

# (category key, what a resident writes, expected level, policy sentence it checks)
CATEGORY_CASES = [
    ("domestic_abuse", "my partner hits me", 1, "Domestic abuse"),
    ("hate_crime", "they shout racist abuse at me", 1, "Hate crime"),
    (
        "mate_crime",
        "my new friends keep borrowing money and never pay it back and eat all my food",
        1,
        "A mate crime is when somebody befriends someone in order to take advantage of them.",
    ),
    (
        "dangerous_dogs",
        "a pit bull attacked my dog",
        1,
        "Dangerous dogs (breed defined by the Dangerous Dog Act 1991).",
    ),
    ("violence", "he punched me outside the shop", 1, "Violence or threats of violence."),
    (
        "harassment",
        "my neighbour swears at me every time I go out",
        2,
        "Harassment that does not involve threats to the victim",
    ),
    (
        "criminal_damage",
        "someone smashed my car windscreen",
        2,
        "Criminal damage (including the removal of graffiti)",
    ),
    ("graffiti", "there is graffiti on the garages", 2, "graffiti"),
    (
        "drugs",
        "they are dealing drugs from the flat",
        2,
        "Drug use, dealing or storage/cultivation",
    ),
    ("criminal_activity", "they sell stolen goods from the flat", 2, "Criminal activity"),
    ("alcohol", "he comes home drunk and causes trouble", 2, "Alcohol-related ASB"),
    ("youth_nuisance", "a gang of youths hang around the flats every night", 2, "Youth ASB."),
    ("dogs", "dog barking all day", 2, "Nuisance caused by dogs"),
    (
        "noise",
        "my neighbour plays loud music every night",
        2,
        "Noise nuisance, such as shouting and playing loud music",
    ),
    ("communal_areas", "someone keeps propping the fire door open", 2, "ASB in communal areas"),
    (
        "environmental",
        "someone has dumped a mattress by the garages",
        2,
        "litter and dumped rubbish",
    ),
]


def test_every_category_in_the_policy_has_a_case(policy: Any) -> None:
    assert {case[0] for case in CATEGORY_CASES} == {c.key for c in policy.categories}


@pytest.mark.parametrize(
    ("key", "text", "level", "sentence"), CATEGORY_CASES, ids=[c[0] for c in CATEGORY_CASES]
)
def test_each_category_is_recognised_at_its_published_level(
    policy: Any, monday_10am: datetime, key: str, text: str, level: int, sentence: str
) -> None:
    category = policy.category(key)
    assert sentence in category.source
    result = triage(Report(description=text, reported_at=monday_10am), policy)
    assert (result.category, result.priority) == (key, level)
    assert result.category_label == category.label
    assert result.exclusion is None
    assert result.response_due is not None


@pytest.mark.parametrize("key", [c[0] for c in CATEGORY_CASES])
def test_a_category_the_resident_chooses_gets_its_level_without_any_description(
    policy: Any, monday_10am: datetime, key: str
) -> None:
    result = triage(Report(behaviour_type=key, reported_at=monday_10am), policy)
    assert result.category == key
    assert result.priority == policy.category(key).priority
    assert result.scope == policy.category(key).scope


def test_every_example_phrase_in_the_policy_is_triaged_to_its_own_category(
    policy: Any, monday_10am: datetime
) -> None:
    wrong = [
        (category.key, example, triage(Report(example, reported_at=monday_10am), policy).category)
        for category in policy.categories
        for example in category.examples
        if triage(Report(example, reported_at=monday_10am), policy).category != category.key
    ]
    assert wrong == []


# -- every exclusion ------------------------------------------------------------------------

# (exclusion key, what a resident writes, the council's sentence, a signpost to show)
EXCLUSION_CASES = [
    (
        "normal_living_noise",
        "the couple next door have normal arguments and hoover at 8pm",
        "normal domestic living noise",
        "mediation",
    ),
    ("cctv", "their CCTV camera points at my garden", "domestic/commercial CCTV systems", "ico"),
    (
        "children_playing",
        "kids playing football on the green",
        "children playing – including football games in public open spaces",
        "mediation",
    ),
    (
        "boundary_dispute",
        "my neighbour moved the fence onto my side",
        "access/egress and boundary disputes",
        "mediation",
    ),
    (
        "parking_bays",
        "someone keeps parking in my bay",
        "disputes over allocated parking bays",
        "mediation",
    ),
    (
        "parking_highway",
        "parents park on the pavement at school time",
        "parking outside schools, on pavements or parking on the highway",
        "police_101",
    ),
    (
        "transport_noise",
        "the noise from the trains is unbearable",
        "noise created by transport systems, aeroplanes, trains, boats and buses",
        "local_council",
    ),
    (
        "animals_urinating",
        "next door's cat wees in my garden",
        "animals urinating",
        "local_council",
    ),
    (
        "cannabis_smell",
        "smell of weed from next door",
        "odour, smoke or fume from cannabis or other illegal substances,",
        "police_101",
    ),
    (
        "invasive_plants",
        "Japanese knotweed in next door's garden",
        "invasive plant species (such as Japanese Knotweed/Giant Hogweed)",
        "local_council",
    ),
    (
        "non_environmental_crime",
        "someone stole my bike",
        "criminal offences (which are not Environmental Crime)",
        "police_101",
    ),
]


def test_every_exclusion_in_the_policy_has_a_case(policy: Any) -> None:
    assert {case[0] for case in EXCLUSION_CASES} == {e.key for e in policy.exclusions}


@pytest.mark.parametrize(
    ("key", "text", "sentence", "signpost"), EXCLUSION_CASES, ids=[c[0] for c in EXCLUSION_CASES]
)
def test_each_exclusion_is_explained_kindly_with_where_to_go_instead(
    policy: Any, monday_10am: datetime, key: str, text: str, sentence: str, signpost: str
) -> None:
    exclusion = policy.exclusion(key)
    assert sentence in exclusion.source
    result = triage(Report(description=text, reported_at=monday_10am), policy)
    assert (result.scope, result.exclusion, result.priority) == ("excluded", key, None)
    assert result.category is None
    assert result.response_due is None
    assert not result.urgent
    assert signpost in [s.key for s in result.signposts]
    assert any(exclusion.explanation in r for r in result.reasons)
    assert any(exclusion.where_to_go in r for r in result.reasons)


def test_every_exclusion_example_in_the_policy_is_excluded_as_itself(
    policy: Any, monday_10am: datetime
) -> None:
    for exclusion in policy.exclusions:
        for example in exclusion.examples:
            result = triage(Report(example, reported_at=monday_10am), policy)
            assert result.exclusion == exclusion.key, example


def test_smell_of_weed_points_to_police_101_as_the_council_excludes_it(
    policy: Any, monday_10am: datetime
) -> None:
    """Council: "odour, smoke or fume from cannabis or other illegal substances"."""
    result = triage(Report("smell of weed from next door", reported_at=monday_10am), policy)
    assert [s.contact for s in result.signposts] == ["101", "0800 555 111"]


def test_an_exclusion_the_resident_chose_is_excluded(policy: Any, monday_10am: datetime) -> None:
    result = triage(Report(behaviour_type="parking_bays", reported_at=monday_10am), policy)
    assert result.exclusion == "parking_bays"


def test_choosing_noise_for_everyday_sounds_is_still_excluded_and_says_why(
    policy: Any, monday_10am: datetime
) -> None:
    """Council: "normal domestic living noise"."""
    result = triage(
        Report("I can hear them walking about upstairs", "noise", reported_at=monday_10am), policy
    )
    assert result.exclusion == "normal_living_noise"
    assert result.reasons[0].startswith("You chose noise nuisance, but")


# -- escalation beats exclusion -------------------------------------------------------------

# (aggravating factor, text combining an excluded topic with it, scope, category, level, sentence)
ESCALATION_CASES = [
    (
        "threats",
        "kids playing football on the green keep throwing stones at my window and threatened me",
        "in_scope",
        "violence",
        1,
        "Threats of violence",
    ),
    (
        "missiles",
        "kids playing football on the green keep throwing stones at my window",
        "in_scope",
        "criminal_damage",
        2,
        "Damage to property",
    ),
    (
        "threats",
        "we have a boundary dispute and he threatened to kill me",
        "in_scope",
        "violence",
        1,
        "Threats of violence",
    ),
    (
        "violence",
        "the kids playing football punched my son",
        "in_scope",
        "violence",
        1,
        "Violence",
    ),
    (
        "weapons",
        "he parked in my bay and came at me with a machete",
        "in_scope",
        "violence",
        1,
        "Violence or threats of violence.",
    ),
    (
        "severe_harassment",
        "since the boundary dispute he stalks me",
        "in_scope",
        "harassment",
        1,
        "Severe harassment",
    ),
    (
        "serious_crime",
        "the smell of weed comes from a county lines flat",
        "in_scope",
        "criminal_activity",
        1,
        "Serious criminal activity which is causing harm to a person(s) or community where "
        "action has to be coordinated with other agencies",
    ),
]


def test_every_aggravating_factor_has_an_escalation_case(policy: Any) -> None:
    assert {case[0] for case in ESCALATION_CASES} == {a.key for a in policy.aggravating_factors}


@pytest.mark.parametrize(
    ("factor", "text", "scope", "category", "level", "sentence"),
    ESCALATION_CASES,
    ids=[f"{c[0]}-{i}" for i, c in enumerate(ESCALATION_CASES)],
)
def test_an_aggravating_factor_beats_an_exclusion(
    policy: Any,
    monday_10am: datetime,
    factor: str,
    text: str,
    scope: str,
    category: str,
    level: int,
    sentence: str,
) -> None:
    aggravator = policy.aggravating_factor(factor)
    assert sentence in aggravator.source
    result = triage(Report(description=text, reported_at=monday_10am), policy)
    assert result.signals.exclusions, "the case must involve an excluded topic"
    assert (result.scope, result.exclusion) == (scope, None)
    assert (result.category, result.priority) == (category, level)
    assert factor in result.aggravating_factors
    assert any("on its own is not something we treat as ASB" in r for r in result.reasons)


@pytest.mark.parametrize(
    "text",
    [
        "he parked in my bay and called me the n word",
        "he parked in my bay and said go back to your own country",
        "he parked in my bay and called me a paki",
    ],
)
def test_a_parking_row_with_racist_abuse_is_a_race_hate_crime(
    policy: Any, monday_10am: datetime, text: str
) -> None:
    """Landlord: "If you suffer from abuse due to your race ... this is a hate crime."."""
    result = triage(Report(description=text, reported_at=monday_10am), policy)
    assert (result.scope, result.category, result.priority) == ("hate_crime", "hate_crime", 1)
    assert result.hate_strands == ("race",)
    assert result.exclusion is None


def test_mate_crime_beats_an_exclusion(policy: Any, monday_10am: datetime) -> None:
    """Landlord: "A mate crime is when somebody befriends someone ..."."""
    text = "my so-called friends smoke weed in my flat and never pay back the money I lend them"
    result = triage(Report(description=text, reported_at=monday_10am), policy)
    assert (result.scope, result.priority) == ("mate_crime", 1)


def test_an_exclusion_yields_when_the_text_also_describes_asb_it_yields_to(
    policy: Any, monday_10am: datetime
) -> None:
    """Landlord: "Noise nuisance, such as shouting and playing loud music"."""
    text = "they hoover and also play loud music until 3am"
    result = triage(Report(description=text, reported_at=monday_10am), policy)
    assert (result.scope, result.category) == ("in_scope", "noise")
    assert any("Normal everyday living noise on its own" in r for r in result.reasons)


def test_asb_found_alongside_two_excluded_topics_is_still_asb(
    policy: Any, monday_10am: datetime
) -> None:
    text = "their cat wees on my step, they hoover late and play loud music until 3am"
    result = triage(Report(description=text, reported_at=monday_10am), policy)
    assert set(result.signals.exclusions) == {"normal_living_noise", "animals_urinating"}
    assert (result.scope, result.category, result.exclusion) == ("in_scope", "noise", None)


# -- every priority rule --------------------------------------------------------------------

LEVEL_ONE_BULLETS = [
    "Domestic abuse",
    "Hate crime",
    "Violence",
    "Threats of violence",
    "Severe harassment",
    "Serious criminal activity which is causing harm to a person(s) or community where action "
    "has to be coordinated with other agencies",
    "Dangerous dogs (breed defined by the Dangerous Dog Act 1991).",
]
LEVEL_TWO_BULLETS = [
    "Alcohol-related ASB",
    "ASB in communal areas",
    "Criminal activity",
    "Nuisance caused by dogs",
    "Acts of intimidation",
    "Noise nuisance",
    "Drug use, dealing or storage/cultivation",
    "Youth ASB.",
    "Juvenile nuisance",
    "Criminal damage (including the removal of graffiti)",
    "Harassment that does not involve threats to the victim",
    "Alcohol-related incidents that may need a multi-agency response",
    "Clash of lifestyle.",
]

# (published bullet, what a resident writes, expected category, expected level)
PRIORITY_CASES = [
    ("Domestic abuse", "my ex keeps turning up and threatening me", "domestic_abuse", 1),
    ("Hate crime", "they are homophobic and shout at us", "hate_crime", 1),
    ("Violence", "he punched me", "violence", 1),
    ("Threats of violence", "he said he would stab me", "violence", 1),
    ("Severe harassment", "he stalks me and follows me home", "harassment", 1),
    (LEVEL_ONE_BULLETS[5], "they run county lines from the flat", "criminal_activity", 1),
    (LEVEL_ONE_BULLETS[6], "there is a pit bull next door", "dangerous_dogs", 1),
    ("Alcohol-related ASB", "people drinking on the benches all day", "alcohol", 2),
    ("ASB in communal areas", "rubbish left in the corridor", "communal_areas", 2),
    ("Criminal activity", "they sell counterfeit cigarettes", "criminal_activity", 2),
    ("Nuisance caused by dogs", "their dog is always loose on the estate", "dogs", 2),
    ("Acts of intimidation", "he stands at his window to intimidate me", "harassment", 2),
    ("Noise nuisance", "parties until 4am every weekend", "noise", 2),
    ("Drug use, dealing or storage/cultivation", "they are growing cannabis", "drugs", 2),
    ("Youth ASB.", "teenagers riding motorbikes on the green", "youth_nuisance", 2),
    ("Juvenile nuisance", "juvenile nuisance on the estate", "youth_nuisance", 2),
    (LEVEL_TWO_BULLETS[9], "they slashed my tyres", "criminal_damage", 2),
    (LEVEL_TWO_BULLETS[10], "they keep calling me names", "harassment", 2),
    (LEVEL_TWO_BULLETS[11], "street drinkers by the shops", "alcohol", 2),
    ("Clash of lifestyle.", "it is a clash of lifestyles, they are up all night", "noise", 2),
]


def test_every_published_priority_bullet_has_a_case() -> None:
    assert {c[0] for c in PRIORITY_CASES} == set(LEVEL_ONE_BULLETS) | set(LEVEL_TWO_BULLETS)


def test_every_priority_bullet_is_quoted_in_the_policy_data(policy: Any) -> None:
    quoted = [q for c in policy.categories for q in c.source]
    quoted += [q for a in policy.aggravating_factors for q in a.source]
    missing = [b for b in LEVEL_ONE_BULLETS + LEVEL_TWO_BULLETS if b not in quoted]
    assert missing == []


@pytest.mark.parametrize(
    ("bullet", "text", "category", "level"), PRIORITY_CASES, ids=[c[0][:40] for c in PRIORITY_CASES]
)
def test_each_published_priority_bullet_gets_its_level(
    policy: Any, monday_10am: datetime, bullet: str, text: str, category: str, level: int
) -> None:
    result = triage(Report(description=text, reported_at=monday_10am), policy)
    assert (result.category, result.priority) == (category, level)
    assert result.urgent is (level == 1)


def test_level_one_is_one_working_day_and_level_two_five(policy: Any) -> None:
    """Landlord: "within five working days (or one working day for domestic abuse, hate crime,
    violence or threats of violence)"."""
    assert policy.priority(1).working_days == 1
    assert policy.priority(2).working_days == 5


def test_a_level_one_report_is_urgent_and_due_the_next_working_day(
    policy: Any, at: Callable
) -> None:
    """Landlord: "Level one complaints are urgent and warrant a response within 24 working hours."""
    result = triage(Report("my partner hits me", reported_at=at(2026, 11, 20, 17)), policy)
    assert result.urgent
    assert result.response_due.text == "by the end of Monday 23 November"


def test_a_level_two_report_is_due_within_five_working_days(policy: Any, at: Callable) -> None:
    """Landlord: "Level two complaints warrant a response within five working days."""
    result = triage(Report("dog barking all day", reported_at=at(2026, 11, 23, 10)), policy)
    assert not result.urgent
    assert result.response_due.text == "by the end of Monday 30 November"


def test_a_report_we_cannot_classify_gets_the_general_five_working_days(
    policy: Any, monday_10am: datetime
) -> None:
    """Landlord: "one of our community safety officers will contact you within five working
    days"."""
    result = triage(Report("I need to talk to someone", reported_at=monday_10am), policy)
    assert (result.scope, result.category, result.priority) == ("in_scope", None, 2)


# -- risk answers ---------------------------------------------------------------------------

RISK_CASES = [
    ("feels_unsafe", {"feels_safe": False}),
    ("vulnerable_household", {"vulnerable_household": True}),
    ("health_affected", {"health_affected": True}),
    ("targeted_repeatedly", {"targeted_repeatedly": True}),
]


def test_every_risk_factor_has_a_case(policy: Any) -> None:
    assert {c[0] for c in RISK_CASES} == {r.key for r in policy.risk_factors}


@pytest.mark.parametrize(("key", "answers"), RISK_CASES, ids=[c[0] for c in RISK_CASES])
def test_a_risk_answer_raises_level_two_to_level_one(
    policy: Any, monday_10am: datetime, key: str, answers: dict[str, bool]
) -> None:
    """Landlord: "Ask questions to enable us to assess the risk and vulnerability of you and your
    household or others affected by the ASB."""
    result = triage(Report("dog barking all day", reported_at=monday_10am, **answers), policy)
    assert (result.category, result.priority, result.urgent) == ("dogs", 1, True)
    assert result.risk_factors == (key,)
    assert any("raises the priority to level one" in r for r in result.reasons)


def test_reassuring_or_missing_risk_answers_do_not_raise_the_level(
    policy: Any, monday_10am: datetime
) -> None:
    report = Report(
        "dog barking all day",
        feels_safe=True,
        vulnerable_household=False,
        health_affected=None,
        reported_at=monday_10am,
    )
    assert triage(report, policy).priority == 2


def test_risk_answers_never_lower_level_one(policy: Any, monday_10am: datetime) -> None:
    report = Report(
        "my partner hits me",
        feels_safe=True,
        vulnerable_household=False,
        health_affected=False,
        targeted_repeatedly=False,
        reported_at=monday_10am,
    )
    assert triage(report, policy).priority == 1


def test_saying_you_feel_unsafe_in_the_description_raises_the_level(
    policy: Any, monday_10am: datetime
) -> None:
    """Council: "their perceived safety in their own home"."""
    text = "loud music every night and I don't feel safe in my own home"
    assert triage(Report(text, reported_at=monday_10am), policy).priority == 1


def test_risk_answers_do_not_bring_an_exclusion_back_in_scope_but_add_help(
    policy: Any, monday_10am: datetime
) -> None:
    result = triage(
        Report("smell of weed from next door", health_affected=True, reported_at=monday_10am),
        policy,
    )
    assert result.exclusion == "cannabis_smell"
    assert "wellbeing" in [s.key for s in result.signposts]


# -- help shown -----------------------------------------------------------------------------


def test_domestic_abuse_shows_the_domestic_abuse_helplines_as_published(
    policy: Any, monday_10am: datetime
) -> None:
    """Landlord: "please call Key’s confidential domestic abuse helpline on 01772 435865"."""
    result = triage(Report("my partner hits me", reported_at=monday_10am), policy)
    assert [(h.number, h.text_number) for h in result.helplines] == [
        ("01772 435865", "07790 971237"),
        ("0808 2000 247", None),
        ("0808 801 0327", None),
    ]
    assert result.helplines[0].hours == "The line is open 24 hours a day, seven days a week."


def test_hate_crime_offers_to_report_to_the_police_with_consent(
    policy: Any, monday_10am: datetime
) -> None:
    """Landlord: "We will act as a third party and report the incident to the police ..."."""
    result = triage(Report("they shout racist abuse at me", reported_at=monday_10am), policy)
    offer = result.signposts[0]
    assert offer.key == "police_report_offer"
    assert "if you consent to us reporting the hate crime on your behalf" in offer.text
    assert "crimestoppers" in [s.key for s in result.signposts]


def test_a_resident_who_believes_it_was_hate_motivated_is_taken_at_their_word(
    policy: Any, monday_10am: datetime
) -> None:
    """Landlord: "We will take a ‘victim-centred’ approach when responding to hate crime"."""
    result = triage(
        Report(
            "they keep banging on my door",
            hate_motivation=("unspecified",),
            reported_at=monday_10am,
        ),
        policy,
    )
    assert (result.scope, result.priority, result.hate_strands) == (
        "hate_crime",
        1,
        ("unspecified",),
    )


def test_a_chosen_hate_strand_makes_any_report_a_hate_crime(
    policy: Any, monday_10am: datetime
) -> None:
    result = triage(
        Report("loud music", hate_motivation=("disability",), reported_at=monday_10am), policy
    )
    assert (result.scope, result.hate_strands) == ("hate_crime", ("disability",))
    assert result.other_categories == ("noise",)


def test_a_swastika_sprayed_on_a_door_is_a_hate_crime_with_the_24_hour_removal_promise(
    policy: Any, monday_10am: datetime
) -> None:
    """Landlord: "If you report offensive graffiti to us, we will remove this within 24 hours."""
    result = triage(
        Report("someone sprayed a swastika on the door", reported_at=monday_10am), policy
    )
    assert (result.scope, result.priority) == ("hate_crime", 1)
    assert "graffiti" in result.other_categories
    assert [p.key for p in result.promises] == ["offensive_graffiti_removal"]


def test_offensive_graffiti_gets_the_removal_promise_and_plain_graffiti_does_not(
    policy: Any, monday_10am: datetime
) -> None:
    rude = triage(Report("rude graffiti on my fence", reported_at=monday_10am), policy)
    plain = triage(Report("graffiti on the garages", reported_at=monday_10am), policy)
    assert [p.key for p in rude.promises] == ["offensive_graffiti_removal"]
    assert plain.promises == ()


def test_mediation_is_not_offered_when_there_are_threats_or_violence(
    policy: Any, monday_10am: datetime
) -> None:
    """Landlord: "If the case does not involve threats, violence or serious harassment then we
    may suggest ... a mediator"."""
    calm = triage(Report("loud music every night", reported_at=monday_10am), policy)
    unsafe = triage(
        Report("loud music every night", feels_safe=False, reported_at=monday_10am), policy
    )
    assert "mediation" in [s.key for s in calm.signposts]
    assert "mediation" not in [s.key for s in unsafe.signposts]


def test_danger_right_now_puts_999_first_and_is_urgent(policy: Any, monday_10am: datetime) -> None:
    """Landlord: "Is someone in immediate danger? ... If so, please call 999 now."""
    result = triage(
        Report("he is outside my door now with a knife", reported_at=monday_10am), policy
    )
    assert result.emergency and result.urgent
    assert result.signposts[0].contact == "999"
    assert "call 999 now" in result.reasons[0]


def test_danger_right_now_is_urgent_even_when_the_topic_is_excluded(
    policy: Any, monday_10am: datetime
) -> None:
    text = "someone stole my bike and they are still outside right now"
    result = triage(Report(text, reported_at=monday_10am), policy)
    assert (result.scope, result.urgent, result.signposts[0].key) == (
        "excluded",
        True,
        "emergency_999",
    )


# -- mate crime -----------------------------------------------------------------------------


def test_mate_crime_is_level_one_with_safeguarding(policy: Any, monday_10am: datetime) -> None:
    """Landlord: "A mate crime is when somebody befriends someone in order to take advantage of
    them." (level one: see the mate_crime_priority decision)."""
    text = "my new friends keep borrowing money and never pay it back and eat all my food"
    result = triage(Report(text, reported_at=monday_10am), policy)
    assert (result.scope, result.category, result.priority) == ("mate_crime", "mate_crime", 1)
    assert result.mate_crime_signs == ("money_not_returned", "home_used")
    assert "safeguarding" in [s.key for s in result.signposts]


def test_one_sign_reported_on_someone_elses_behalf_is_treated_as_mate_crime(
    policy: Any, monday_10am: datetime
) -> None:
    """Landlord: "If you notice or learn of any of these changes then it might be a sign that
    somebody is being taken advantage of"."""
    text = "my brother has lost a lot of weight recently"
    alone = triage(Report(text, reported_at=monday_10am), policy)
    for_him = triage(Report(text, on_behalf_of_someone=True, reported_at=monday_10am), policy)
    assert alone.scope == "in_scope"
    assert for_him.scope == "mate_crime"
    assert policy.mate_crime.on_behalf_note in for_him.reasons


def test_one_sign_with_a_befriending_relationship_is_mate_crime(
    policy: Any, monday_10am: datetime
) -> None:
    """Landlord: "Lending somebody money all the time and never getting it back"."""
    result = triage(Report("my mate keeps borrowing money off me", reported_at=monday_10am), policy)
    assert result.scope == "mate_crime"


# -- reasons, inputs and the resident's choice ----------------------------------------------


def test_reasons_quote_the_policy_for_the_category_and_the_priority(
    policy: Any, monday_10am: datetime
) -> None:
    result = triage(
        Report("my neighbour plays loud music every night", reported_at=monday_10am), policy
    )
    assert result.reasons[0] == (
        "Noise nuisance: you mentioned “loud”. "
        "Policy: “Noise nuisance, such as shouting and playing loud music”"
    )
    assert result.reasons[1].startswith("Level two: A community safety officer will contact you")


def test_an_out_of_hours_report_says_when_the_clock_starts(policy: Any, at: Callable) -> None:
    result = triage(Report("dog barking all day", reported_at=at(2026, 11, 21, 14)), policy)
    assert result.reasons[-1] == (
        "You contacted us outside our opening hours, so the response time starts at 8am on "
        "Monday 23 November."
    )


def test_the_most_urgent_category_wins_whatever_the_resident_chose(
    policy: Any, monday_10am: datetime
) -> None:
    result = triage(
        Report("he punched me", behaviour_type="noise", reported_at=monday_10am), policy
    )
    assert (result.category, result.priority) == ("violence", 1)
    assert result.other_categories == ("noise",)


def test_the_residents_choice_wins_a_tie_at_the_same_level(
    policy: Any, monday_10am: datetime
) -> None:
    result = triage(
        Report("they shout abuse and play loud music", "noise", reported_at=monday_10am), policy
    )
    assert result.category == "noise"
    assert "harassment" in result.other_categories


def test_a_denied_threat_does_not_raise_the_level(policy: Any, monday_10am: datetime) -> None:
    text = "he didn't threaten me but his music is loud"
    assert triage(Report(text, reported_at=monday_10am), policy).priority == 2


def test_a_report_without_a_time_is_dated_now(policy: Any) -> None:
    assert triage(Report("dog barking"), policy).response_due.at > datetime.now().astimezone()


def test_a_naive_report_time_is_refused(policy: Any) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        triage(Report("dog barking", reported_at=datetime(2026, 11, 23, 10)), policy)


def test_an_unknown_behaviour_type_is_refused(policy: Any) -> None:
    with pytest.raises(ValueError, match="unknown behaviour_type 'noize'"):
        triage(Report(behaviour_type="noize"), policy)


def test_an_unknown_hate_strand_is_refused(policy: Any) -> None:
    with pytest.raises(ValueError, match="unknown hate_motivation 'age'"):
        triage(Report(hate_motivation=("age",)), policy)


# -- how residents really write --------------------------------------------------------------

# (what a resident writes, expected category or exclusion, expected level)
EVERYDAY_WRITING = [
    ("next door r blastin music til 4am every nite", "noise", 2),
    ("lads on mopeds doing wheelies round the estate", "youth_nuisance", 2),
    ("the fella upstairs is always off his face on spice", "drugs", 2),
    ("people shooting up in the stairwell", "drugs", 2),
    ("my neighbour called me a fat cow", "harassment", 2),
    ("the woman next door says i am a paedo and tells everyone", "harassment", 2),
    ("my ex husband keeps texting me threatening messages", "domestic_abuse", 1),
    ("neighbour's kids kick their ball against my wall all day", "children_playing", None),
    ("my car was broken into last night", "non_environmental_crime", None),
    ("helicopter flying over all night", "transport_noise", None),
    ("there was no violence, just noise", "noise", 2),
    ("my neighbour is harrasing me", "harassment", 2),
    ("I think the man downstairs is being taken advantage of", "mate_crime", 1),
]


@pytest.mark.parametrize(("text", "expected", "level"), EVERYDAY_WRITING)
def test_slang_typos_and_everyday_phrasing_are_triaged_sensibly(
    policy: Any, monday_10am: datetime, text: str, expected: str, level: int | None
) -> None:
    result = triage(Report(description=text, reported_at=monday_10am), policy)
    assert (result.category or result.exclusion, result.priority) == (expected, level)
