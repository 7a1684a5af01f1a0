"""Example drafts: how the actions fill a `CaseDraft`, and test data for every suite.

The people and places here are invented.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from bot.cases.model import (
    CaseDraft,
    Consents,
    Evidence,
    HateCrimeDetails,
    Incident,
    Perpetrator,
    Reporter,
    Risk,
    Signpost,
    Witness,
)


def example_draft(**overrides) -> CaseDraft:
    """An in-scope noise report with every part filled in; keyword arguments replace fields."""
    due = overrides.pop("response_due", datetime.now(timezone.utc) + timedelta(days=7))
    values = {
        "channel": "webchat",
        "scope": "in_scope",
        "category": "noise",
        "priority": 2,
        "response_due": due,
        "description": "The man upstairs plays loud music every night until 3am.",
        "reporter": Reporter(
            role="victim",
            name="Alex Example",
            phone="07700 900123",
            email="Alex@Example.org",
            tenancy_reference="4123 456 789",
            preferred_contact="phone",
            safe_times="weekdays after 6pm",
        ),
        "perpetrators": [
            Perpetrator(known=True, name="unknown name", address="Flat 7", description="tall")
        ],
        "incidents": [
            Incident(
                what_happened="Loud bass music and shouting.",
                first_occurred="2025-10-01",
                last_occurred="2025-11-19T23:30:00+00:00",
                original_words="every night since the start of October, last night too",
                frequency="nightly",
                ongoing=True,
                location="Flat 7, above my bedroom",
            )
        ],
        "witnesses": [Witness(name="Sam Neighbour", contact="flat 5", notes="hears it too")],
        "impact": "I can't sleep and I'm exhausted at work.",
        "risk": Risk(
            immediate_danger=False,
            violence_or_threats=False,
            feels_unsafe_at_home=True,
            vulnerable_household=False,
            health_affected=True,
            other={"children_in_household": True},
        ),
        "consents": Consents(contact_perpetrator=True, share_with_partners=True),
        "evidence": Evidence(photos=False, video=True, recordings=True, diary=False),
        "signposts": [
            Signpost(
                key="noise_app",
                label="The Noise App",
                text="You can record noise with The Noise App.",
            )
        ],
        "case_review_eligible": False,
    }
    values.update(overrides)
    return CaseDraft(**values)


def example_hate_crime_draft(**overrides) -> CaseDraft:
    """A priority-1 hate crime report where the resident agreed to a police report."""
    values = {
        "scope": "hate_crime",
        "category": "hate_crime",
        "priority": 1,
        "response_due": datetime.now(timezone.utc) + timedelta(days=1),
        "description": "Someone wrote abuse about my religion on my door.",
        "hate_crime": HateCrimeDetails(
            strands=["religion"], types=["verbal_abuse"], consent_to_report_to_police=True
        ),
        "case_review_eligible": True,
    }
    values.update(overrides)
    return example_draft(**values)


def example_excluded_draft(**overrides) -> CaseDraft:
    """An anonymous report the policy turns away, recorded with its reason and signpost."""
    values = {
        "channel": "sms",
        "scope": "excluded",
        "category": None,
        "exclusion_reason": "parking_highway",
        "priority": None,
        "response_due": None,
        "description": "People park across the road all day.",
        "reporter": Reporter(role="witness", anonymous=True),
        "perpetrators": [],
        "incidents": [],
        "witnesses": [],
        "impact": None,
        "signposts": [
            Signpost(
                key="council_parking",
                label="Council parking enforcement",
                text="Parking on the road is a matter for the council.",
            )
        ],
    }
    values.update(overrides)
    return example_draft(**values)
