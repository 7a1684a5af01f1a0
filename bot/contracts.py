"""The fixed keys every part of the assistant shares (docs/contracts.md).

The policy data, the case store, the conversation and the benchmarks all speak in these keys;
a test checks that the default policy defines exactly these categories and exclusions.
"""

from __future__ import annotations

SCOPES = frozenset({"in_scope", "excluded", "hate_crime", "mate_crime"})

CATEGORIES = frozenset(
    {
        "noise",
        "harassment",
        "violence",
        "criminal_damage",
        "graffiti",
        "drugs",
        "alcohol",
        "dogs",
        "dangerous_dogs",
        "youth_nuisance",
        "communal_areas",
        "criminal_activity",
        "domestic_abuse",
        "hate_crime",
        "mate_crime",
        "environmental",
    }
)

EXCLUSIONS = frozenset(
    {
        "normal_living_noise",
        "cctv",
        "children_playing",
        "boundary_dispute",
        "parking_bays",
        "parking_highway",
        "transport_noise",
        "animals_urinating",
        "cannabis_smell",
        "invasive_plants",
        "non_environmental_crime",
    }
)

HATE_CRIME_STRANDS = frozenset(
    {"race", "religion", "disability", "sexual_orientation", "transgender_identity"}
)

CHANNELS = frozenset({"rest", "webchat", "sms", "telegram", "shell"})

PRIORITIES = frozenset({1, 2})
