"""Everything one `make bench` run measured, for the report and the headline figures."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bench.conversation import ConversationResult
from bench.load import LevelResult
from bench.profiling import Profile
from bench.quality import QualityResult
from bench.resources import MemoryPeak
from bench.server_profile import ServerProfile
from bench.training_time import TrainingTimes


@dataclass
class Run:
    command: str
    started_at: str
    machine: dict[str, str]
    model: Path | None = None
    quick: bool = False
    quality: QualityResult | None = None
    conversation: ConversationResult | None = None
    levels: list[LevelResult] = field(default_factory=list)
    profiled_level: LevelResult | None = None
    server_profiles: list[ServerProfile] = field(default_factory=list)
    memory: MemoryPeak | None = None
    phases: list[tuple[str, float, float]] = field(default_factory=list)
    training: TrainingTimes = field(default_factory=TrainingTimes)
    profiles: list[Profile] = field(default_factory=list)
    experiments: list[dict] = field(default_factory=list)
    steps: dict[str, float] = field(default_factory=dict)
    total_seconds: float = 0.0
    problems: list[str] = field(default_factory=list)

    def level(self, concurrency: int) -> LevelResult | None:
        return next((lv for lv in self.levels if lv.concurrency == concurrency), None)

    def headline(self) -> dict[str, float | None]:
        """The flat figures kept in results.json (see bench/results.py for their labels)."""
        out: dict[str, float | None] = {}
        if self.quality:
            for system, values in self.quality.figures.items():
                for name, value in values.items():
                    if system == "assistant" or name != "exclusion_accuracy":
                        out[f"{name}.{system}"] = value
        if self.conversation:
            out["turns_median"] = self.conversation.turns_median
            out["turns_max"] = self.conversation.turns_max
            out["case_match_share"] = self.conversation.match_share
            out["submitted_share"] = self.conversation.submitted_share
            out["clean_share"] = self.conversation.clean_share
        for level in self.levels:
            for q in (50, 95, 99):
                value = level.percentile(q)
                out[f"latency_p{q}_ms.c{level.concurrency}"] = value * 1000 if value else None
            out[f"errors.c{level.concurrency}"] = level.errors + level.incomplete
            out[f"throughput.c{level.concurrency}"] = level.throughput
            for name, key in (("Rasa server", "rasa"), ("action server", "actions")):
                out[f"cpu_ms_per_message.{key}.c{level.concurrency}"] = level.cpu_ms_per_message(
                    name
                )
        if self.memory:
            for name, key in (("Rasa server", "rasa"), ("action server", "actions")):
                kib = self.memory.peak_kib.get(name)
                out[f"peak_rss_mib.{key}"] = kib / 1024 if kib else None
        out["training_seconds.from_scratch"] = self.training.from_scratch_seconds
        out["training_seconds.unchanged"] = self.training.unchanged_seconds
        out["bench_seconds"] = self.total_seconds
        return out
