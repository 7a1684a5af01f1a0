"""The benchmark's metric arithmetic, checked against hand-worked examples."""

from __future__ import annotations

import math

import pytest

from bench import metrics


def test_recall_and_precision_count_true_positives():
    truth = [True, True, True, False, False]
    guess = [True, False, True, True, False]
    assert metrics.recall(truth, guess) == pytest.approx(2 / 3)
    assert metrics.precision(truth, guess) == pytest.approx(2 / 3)


def test_recall_is_undefined_without_positives_and_precision_without_predictions():
    assert metrics.recall([False, False], [True, False]) is None
    assert metrics.precision([True, False], [False, False]) is None


def test_accuracy_treats_none_as_a_label():
    assert metrics.accuracy([1, 2, None, None], [1, 1, None, 2]) == pytest.approx(0.5)
    assert metrics.accuracy([], []) is None


def test_mismatched_lengths_are_an_error():
    with pytest.raises(ValueError):
        metrics.accuracy([1, 2], [1])


def test_macro_f1_averages_per_label_f1_equally():
    truth = ["a", "a", "a", "b"]
    guess = ["a", "a", "b", "b"]
    # a: tp 2, fp 0, fn 1 -> 4/5; b: tp 1, fp 1, fn 0 -> 2/3
    assert metrics.macro_f1(truth, guess) == pytest.approx((4 / 5 + 2 / 3) / 2)


def test_macro_f1_counts_a_listed_label_never_predicted_as_zero():
    assert metrics.macro_f1(["a", "a"], ["a", "a"], labels=["a", "b"]) == pytest.approx(0.5)


def test_macro_f1_matches_scikit_learn():
    from sklearn.metrics import f1_score

    truth = ["x", "y", "z", "x", "y", "x", "z", "z"]
    guess = ["x", "x", "z", "y", "y", "x", "x", "z"]
    assert metrics.macro_f1(truth, guess) == pytest.approx(f1_score(truth, guess, average="macro"))


def test_confusion_matrix_rows_are_truth_columns_predictions():
    matrix = metrics.confusion_matrix(
        ["a", "a", "b", "c"], ["a", "b", "b", "a"], labels=["a", "b", "c"]
    )
    assert matrix == [[1, 1, 0], [0, 1, 0], [1, 0, 0]]


def test_ordered_labels_puts_the_given_order_first_then_sorts_with_none_last():
    assert metrics.ordered_labels(["b", None, "a", "z"], first=["z", "q"]) == ["z", "a", "b", None]


@pytest.mark.parametrize(
    ("q", "expected"), [(0, 1.0), (50, 2.5), (100, 4.0), (95, 3.85), (99, 3.97)]
)
def test_percentile_interpolates_like_numpy(q, expected):
    assert metrics.percentile([4.0, 1.0, 3.0, 2.0], q) == pytest.approx(expected)


def test_percentile_of_nothing_is_none_and_out_of_range_is_an_error():
    assert metrics.percentile([], 50) is None
    with pytest.raises(ValueError):
        metrics.percentile([1.0], 101)


def test_median_of_one_value_is_that_value():
    assert metrics.median([7.0]) == 7.0
    assert not math.isnan(metrics.median([1.0, 2.0]))
