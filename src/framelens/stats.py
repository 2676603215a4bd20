"""Uncertainty for per-article measures: cluster bootstrap, permutation tests, FDR.

Words inside one article are not independent draws, so every interval here resamples
*articles* (the cluster) and recomputes a ratio estimator ``sum(numerator) /
sum(denominator)``: a rate per 1,000 words is ``matches / words``; a share of voice is
``official quotes / all quotes``. All functions take an explicit ``seed`` and give the
same numbers on every run.

References
----------
Efron, B. & Tibshirani, R. (1993). *An Introduction to the Bootstrap*, ch. 13 (percentile
intervals). Field, C. A. & Welsh, A. H. (2007). Bootstrapping clustered data. *JRSS B* 69(3).
Benjamini, Y. & Hochberg, Y. (1995). Controlling the false discovery rate. *JRSS B* 57(1).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

#: Columns of :func:`ratio_table`.
RATIO_SCHEMA = ["n_docs", "numerator", "denominator", "estimate", "ci_low", "ci_high"]

_CHUNK = 200  # bootstrap replicates drawn per chunk, bounding memory at chunk * n_docs


def bootstrap_ratio(
    numerator: Sequence[float] | np.ndarray,
    denominator: Sequence[float] | np.ndarray,
    *,
    n_boot: int = 2000,
    seed: int = 0,
) -> np.ndarray:
    """Return ``n_boot`` cluster-bootstrap replicates of ``sum(num) / sum(den)``.

    Articles (array positions) are resampled with replacement. Replicates whose resampled
    denominator is 0 are NaN.

    Examples
    --------
    >>> reps = bootstrap_ratio([1, 0, 3], [10, 10, 10], n_boot=5, seed=1)
    >>> reps.shape
    (5,)
    """
    num = np.asarray(numerator, dtype=float)
    den = np.asarray(denominator, dtype=float)
    if num.shape != den.shape or num.ndim != 1:
        raise ValueError("numerator and denominator must be 1-D arrays of equal length")
    n = len(num)
    if n == 0:
        return np.full(n_boot, np.nan)
    rng = np.random.default_rng(seed)
    out = np.empty(n_boot)
    for lo in range(0, n_boot, _CHUNK):
        hi = min(n_boot, lo + _CHUNK)
        idx = rng.integers(0, n, size=(hi - lo, n))
        d = den[idx].sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            out[lo:hi] = np.where(d > 0, num[idx].sum(axis=1) / d, np.nan)
    return out


def ratio_ci(
    numerator: Sequence[float] | np.ndarray,
    denominator: Sequence[float] | np.ndarray,
    *,
    scale: float = 1.0,
    n_boot: int = 2000,
    level: float = 0.95,
    seed: int = 0,
) -> tuple[float, float, float]:
    """Point estimate and percentile cluster-bootstrap interval of ``scale * sum(num)/sum(den)``.

    Returns ``(estimate, ci_low, ci_high)``; NaNs when the denominator sums to 0.
    """
    num = np.asarray(numerator, dtype=float)
    den = np.asarray(denominator, dtype=float)
    total = den.sum()
    if total <= 0:
        return (float("nan"), float("nan"), float("nan"))
    est = scale * num.sum() / total
    reps = bootstrap_ratio(num, den, n_boot=n_boot, seed=seed)
    reps = reps[~np.isnan(reps)]
    alpha = (1.0 - level) / 2.0
    lo, hi = np.quantile(reps, [alpha, 1.0 - alpha]) if len(reps) else (np.nan, np.nan)
    return (float(est), float(scale * lo), float(scale * hi))


def ratio_table(
    df: pd.DataFrame,
    *,
    by: str | list[str],
    numerator: str,
    denominator: str,
    scale: float = 1.0,
    n_boot: int = 2000,
    level: float = 0.95,
    seed: int = 0,
) -> pd.DataFrame:
    """Ratio estimate with a cluster-bootstrap CI for every group of a per-article table.

    Parameters
    ----------
    df : DataFrame
        One row per article (the cluster) with numeric ``numerator`` and ``denominator``.
    by : str or list of str
        Grouping columns, e.g. ``"outlet"``.
    scale : float, default 1.0
        Multiplier, e.g. ``1000`` for rates per 1,000 words, ``100`` for percentages.

    Returns
    -------
    DataFrame
        ``by`` columns then :data:`RATIO_SCHEMA`, sorted by group.
    """
    keys = [by] if isinstance(by, str) else list(by)
    rows = []
    for key, g in df.groupby(keys, sort=True, observed=True):
        est, lo, hi = ratio_ci(
            g[numerator].to_numpy(),
            g[denominator].to_numpy(),
            scale=scale,
            n_boot=n_boot,
            level=level,
            seed=seed,
        )
        kt = key if isinstance(key, tuple) else (key,)
        rows.append(
            (
                *kt,
                len(g),
                float(g[numerator].sum()),
                float(g[denominator].sum()),
                est,
                lo,
                hi,
            )
        )
    return pd.DataFrame(rows, columns=[*keys, *RATIO_SCHEMA])


def permutation_test_ratio(
    num_a: Sequence[float] | np.ndarray,
    den_a: Sequence[float] | np.ndarray,
    num_b: Sequence[float] | np.ndarray,
    den_b: Sequence[float] | np.ndarray,
    *,
    n_perm: int = 2000,
    seed: int = 0,
) -> tuple[float, float]:
    """Two-sided article-level permutation test for a difference of two ratio estimates.

    Article labels are shuffled between the groups; the statistic is
    ``sum(num_a)/sum(den_a) - sum(num_b)/sum(den_b)``. Returns ``(difference, p)`` with the
    add-one correction ``p = (1 + #|perm| >= |obs|) / (1 + n_perm)`` (Phipson & Smyth 2010).
    """
    na, da = np.asarray(num_a, float), np.asarray(den_a, float)
    nb, db = np.asarray(num_b, float), np.asarray(den_b, float)
    if da.sum() <= 0 or db.sum() <= 0:
        return (float("nan"), float("nan"))
    obs = na.sum() / da.sum() - nb.sum() / db.sum()
    num = np.concatenate([na, nb])
    den = np.concatenate([da, db])
    n_a = len(na)
    rng = np.random.default_rng(seed)
    hits = 0
    done = 0
    while done < n_perm:
        k = min(_CHUNK, n_perm - done)
        perms = np.argsort(rng.random((k, len(num))), axis=1)
        ia, ib = perms[:, :n_a], perms[:, n_a:]
        dsa, dsb = den[ia].sum(axis=1), den[ib].sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            diff = num[ia].sum(axis=1) / dsa - num[ib].sum(axis=1) / dsb
        diff = np.where((dsa > 0) & (dsb > 0), diff, 0.0)
        hits += int(np.sum(np.abs(diff) >= abs(obs) - 1e-12))
        done += k
    return (float(obs), (1 + hits) / (1 + n_perm))


def bh_adjust(pvalues: Sequence[float] | np.ndarray) -> np.ndarray:
    """Benjamini–Hochberg adjusted p-values (q-values); NaNs pass through.

    Examples
    --------
    >>> bh_adjust([0.01, 0.04, 0.03]).round(3).tolist()
    [0.03, 0.04, 0.04]
    """
    p = np.asarray(pvalues, dtype=float)
    out = np.full_like(p, np.nan)
    ok = ~np.isnan(p)
    q = p[ok]
    m = len(q)
    if m == 0:
        return out
    order = np.argsort(q)
    ranked = q[order] * m / np.arange(1, m + 1)
    ranked = np.minimum.accumulate(ranked[::-1])[::-1]
    adj = np.empty(m)
    adj[order] = np.minimum(ranked, 1.0)
    out[ok] = adj
    return out


def pairwise_ratio_tests(
    df: pd.DataFrame,
    *,
    by: str,
    numerator: str,
    denominator: str,
    scale: float = 1.0,
    n_perm: int = 2000,
    seed: int = 0,
) -> pd.DataFrame:
    """All pairwise group comparisons of a ratio with permutation p-values and BH q-values.

    Returns columns ``group_a, group_b, estimate_a, estimate_b, difference, p, q`` where
    estimates and difference are multiplied by ``scale``.
    """
    groups = sorted(df[by].dropna().unique())
    rows = []
    for i, a in enumerate(groups):
        for b in groups[i + 1 :]:
            ga, gb = df[df[by] == a], df[df[by] == b]
            diff, p = permutation_test_ratio(
                ga[numerator],
                ga[denominator],
                gb[numerator],
                gb[denominator],
                n_perm=n_perm,
                seed=seed,
            )
            ea = ga[numerator].sum() / ga[denominator].sum() if ga[denominator].sum() else np.nan
            eb = gb[numerator].sum() / gb[denominator].sum() if gb[denominator].sum() else np.nan
            rows.append((a, b, scale * ea, scale * eb, scale * diff, p))
    out = pd.DataFrame(
        rows, columns=["group_a", "group_b", "estimate_a", "estimate_b", "difference", "p"]
    )
    out["q"] = bh_adjust(out["p"].to_numpy()) if len(out) else pd.Series(dtype=float)
    return out
