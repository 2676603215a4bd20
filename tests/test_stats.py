"""Oracle tests for framelens.stats: BH by hand, bootstrap vs numpy, exact permutation odds."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from framelens.stats import (
    bh_adjust,
    bootstrap_ratio,
    pairwise_ratio_tests,
    permutation_test_ratio,
    ratio_ci,
    ratio_table,
)


@pytest.mark.parametrize(
    ("p", "q"),
    [
        # q_(i) = min_{j >= i} p_(j) m / j, by hand
        ([0.01, 0.02, 0.03, 0.04, 0.05, 0.5], [0.06, 0.06, 0.06, 0.06, 0.06, 0.5]),
        ([0.04, 0.01, 0.03], [0.04, 0.03, 0.04]),
        ([0.2, np.nan, 0.9], [0.4, np.nan, 0.9]),
        ([0.9, 0.95], [0.95, 0.95]),
        ([], []),
    ],
)
def test_bh_adjust_by_hand(p: list[float], q: list[float]) -> None:
    np.testing.assert_allclose(bh_adjust(p), q)


def test_ratio_ci_equals_numpy_percentile_bootstrap() -> None:
    num = np.array([3.0, 0.0, 1.0, 5.0])
    den = np.array([100.0, 50.0, 80.0, 120.0])
    idx = np.random.default_rng(7).integers(0, 4, size=(3000, 4))
    reps = num[idx].sum(axis=1) / den[idx].sum(axis=1)
    lo, hi = 1000 * np.quantile(reps, [0.05, 0.95])
    est, got_lo, got_hi = ratio_ci(num, den, scale=1000, n_boot=3000, level=0.9, seed=7)
    assert est == pytest.approx(1000 * 9 / 350)
    assert (got_lo, got_hi) == (pytest.approx(lo), pytest.approx(hi))


def test_ratio_ci_degenerate_cases() -> None:
    assert ratio_ci([2], [8], scale=100, n_boot=50) == (25.0, 25.0, 25.0)  # one article
    assert all(np.isnan(ratio_ci([1, 2], [0, 0])))
    reps = bootstrap_ratio([1, 0], [0, 4], n_boot=400, seed=1)
    assert np.isnan(reps).any() and set(np.round(reps[~np.isnan(reps)], 4)) <= {0.0, 0.25}


def test_ratio_table_groups_and_seed() -> None:
    df = pd.DataFrame({"g": ["b", "a", "a"], "n": [1, 2, 0], "w": [10, 10, 30]})
    t = ratio_table(df, by="g", numerator="n", denominator="w", scale=1000, n_boot=100)
    assert t[["g", "n_docs", "numerator", "denominator", "estimate"]].values.tolist() == [
        ["a", 2, 2.0, 40.0, 50.0],
        ["b", 1, 1.0, 10.0, 100.0],
    ]
    t2 = ratio_table(df, by="g", numerator="n", denominator="w", scale=1000, n_boot=100)
    pd.testing.assert_frame_equal(t, t2)


def test_permutation_exact_odds() -> None:
    # a = [1, 1], b = [0, 0], all denominators 1: of the 6 ways to split 4 articles into
    # 2 + 2, exactly 2 give |difference| >= 1, so p -> 1/3.
    diff, p = permutation_test_ratio([1, 1], [1, 1], [0, 0], [1, 1], n_perm=20000, seed=3)
    assert diff == 1.0
    assert abs(p - 1 / 3) < 0.015
    # single articles: both labelings give the same |difference|, p = 1
    assert permutation_test_ratio([3], [4], [0], [4], n_perm=99)[1] == 1.0


def test_pairwise_q_is_bh_of_p() -> None:
    df = pd.DataFrame({"o": list("AAABBBCCC"), "n": [1, 2, 1, 0, 0, 1, 5, 4, 6], "w": [10] * 9})
    t = pairwise_ratio_tests(df, by="o", numerator="n", denominator="w", n_perm=300)
    assert t[["group_a", "group_b"]].values.tolist() == [["A", "B"], ["A", "C"], ["B", "C"]]
    np.testing.assert_allclose(t["difference"], t["estimate_a"] - t["estimate_b"])
    np.testing.assert_allclose(t["q"], bh_adjust(t["p"].to_numpy()))
