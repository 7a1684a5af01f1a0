"""Pure figures: recall, precision, accuracy, macro-F1, confusion matrices, percentiles."""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence


def _pairs(truth: Sequence, predicted: Sequence) -> list[tuple]:
    if len(truth) != len(predicted):
        raise ValueError(f"{len(truth)} labels but {len(predicted)} predictions")
    return list(zip(truth, predicted, strict=True))


def recall(truth: Sequence[bool], predicted: Sequence[bool]) -> float | None:
    """Share of the true positives found; None when there are no positives to find."""
    pairs = _pairs(truth, predicted)
    positives = [p for t, p in pairs if t]
    return sum(bool(p) for p in positives) / len(positives) if positives else None


def precision(truth: Sequence[bool], predicted: Sequence[bool]) -> float | None:
    """Share of the positive predictions that were right; None when nothing was predicted."""
    pairs = _pairs(truth, predicted)
    flagged = [t for t, p in pairs if p]
    return sum(bool(t) for t in flagged) / len(flagged) if flagged else None


def accuracy(truth: Sequence, predicted: Sequence) -> float | None:
    """Share of exact matches; None for an empty set."""
    pairs = _pairs(truth, predicted)
    return sum(t == p for t, p in pairs) / len(pairs) if pairs else None


def f1(truth: Sequence, predicted: Sequence, label: Hashable) -> float:
    """F1 of one label treated as the positive class (0 when it is never right)."""
    pairs = _pairs(truth, predicted)
    tp = sum(t == label and p == label for t, p in pairs)
    fp = sum(t != label and p == label for t, p in pairs)
    fn = sum(t == label and p != label for t, p in pairs)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def macro_f1(truth: Sequence, predicted: Sequence, labels: Sequence | None = None) -> float | None:
    """Unweighted mean F1 over `labels` (default: every label seen in truth or predictions)."""
    pairs = _pairs(truth, predicted)
    if labels is None:
        labels = ordered_labels([t for t, _ in pairs] + [p for _, p in pairs])
    if not labels:
        return None
    return sum(f1(truth, predicted, label) for label in labels) / len(labels)


def ordered_labels(values: Sequence, first: Sequence = ()) -> list:
    """Distinct values: those in `first` (in its order) that occur, then the rest sorted."""
    seen = set(values)
    head = [v for v in first if v in seen]
    rest = sorted((v for v in seen if v not in head), key=lambda v: (v is None, str(v)))
    return head + rest


def confusion_matrix(truth: Sequence, predicted: Sequence, labels: Sequence) -> list[list[int]]:
    """Counts by [true label row][predicted label column]; unlisted labels are not counted."""
    index = {label: i for i, label in enumerate(labels)}
    matrix = [[0] * len(labels) for _ in labels]
    for t, p in _pairs(truth, predicted):
        if t in index and p in index:
            matrix[index[t]][index[p]] += 1
    return matrix


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th percentile (0-100) with linear interpolation, as numpy's default; None if empty."""
    if not 0 <= q <= 100:
        raise ValueError(f"percentile must be between 0 and 100, got {q}")
    ordered = sorted(values)
    if not ordered:
        return None
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def median(values: Sequence[float]) -> float | None:
    return percentile(values, 50)
