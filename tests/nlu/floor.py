"""Fail `make test` when NLU quality on the held-out set drops below its floor.

Usage: python -m tests.nlu.floor RESULTS_DIR (the --out folder of `rasa test nlu`).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

# Floors sit a little under the figures measured on 2026-11-21 (intent accuracy 0.89-0.92,
# danger recall 1.00, entity F1 0.65-0.68: behaviour phrases are free-form, references are
# regex-exact) so that noise between trainings does not fail the build but a regression does.
INTENT_ACCURACY_FLOOR = 0.85
DANGER_RECALL_FLOOR = 0.95
ENTITY_F1_FLOOR = 0.60


def read(results: Path) -> dict[str, float]:
    intents = json.loads((results / "intent_report.json").read_text())
    figures = {
        "intent accuracy": intents["accuracy"],
        "report_danger recall": intents.get("report_danger", {}).get("recall", 0.0),
    }
    entity_reports = sorted(results.glob("*Extractor*_report.json")) + sorted(
        results.glob("DIETClassifier_report.json")
    )
    best = 0.0
    for report in entity_reports:
        data = json.loads(report.read_text())
        best = max(best, data.get("micro avg", data.get("weighted avg", {})).get("f1-score", 0.0))
    figures["entity F1 (micro avg)"] = best
    return figures


def main(results: str) -> int:
    figures = read(Path(results))
    floors = {
        "intent accuracy": INTENT_ACCURACY_FLOOR,
        "report_danger recall": DANGER_RECALL_FLOOR,
        "entity F1 (micro avg)": ENTITY_F1_FLOOR,
    }
    failed = False
    for name, value in figures.items():
        ok = value >= floors[name]
        failed |= not ok
        print(
            f"{name:24s} {value:6.3f}  (floor {floors[name]:.2f}) {'ok' if ok else 'BELOW FLOOR'}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
