"""Sensitivity estimators on functions whose indices are known."""
import numpy as np
import pytest

from icsim_analysis import sensitivity as sa


def test_sobol_indices_of_ishigami_contain_the_analytic_values():
    a, b, ab = sa.saltelli_matrices(8000, 3, seed=7)
    scale = lambda m: (2 * m - 1) * np.pi  # noqa: E731 - [0,1) -> [-pi, pi)
    res = sa.sobol(sa.ishigami(scale(a)), sa.ishigami(scale(b)), [sa.ishigami(scale(m)) for m in ab],
                   resamples=400, seed=1)
    s1, st = sa.ishigami_indices()
    for est, truth in ((res["first"], s1), (res["total"], st)):
        assert np.all(est.low <= truth) and np.all(truth <= est.high), (est.estimate, truth)
        assert np.all(est.high - est.low < 0.1)  # and the intervals are informative


def test_saltelli_matrices_have_the_documented_structure():
    a, b, ab = sa.saltelli_matrices(50, 4, seed=3)
    assert a.shape == b.shape == (50, 4) and len(ab) == 4
    for i, m in enumerate(ab):
        for j in range(4):
            assert np.array_equal(m[:, j], b[:, j] if j == i else a[:, j])


def _trajectories(r, k, levels=4, seed=0):
    """Morris trajectories on a grid of `levels` over [0, 1]: one factor changes per step."""
    rng = np.random.default_rng(seed)
    delta = levels / (2 * (levels - 1))
    rows = []
    for _ in range(r):
        x = rng.integers(0, levels // 2, k) / (levels - 1)
        rows.append(x.copy())
        for i in rng.permutation(k):
            x[i] = x[i] + delta if x[i] + delta <= 1 else x[i] - delta
            rows.append(x.copy())
    return np.array(rows)


def test_morris_on_a_linear_function_is_exact():
    coef = np.array([3.0, -1.5, 0.0, 0.25])
    design = _trajectories(30, 4)
    res = sa.morris(design, design @ coef, 4, resamples=200)
    assert res["mu_star"].estimate == pytest.approx(np.abs(coef))
    assert res["sigma"].estimate == pytest.approx(np.zeros(4), abs=1e-12)


def test_morris_on_ishigami_finds_the_interaction_of_x3():
    design = _trajectories(200, 3, levels=6, seed=2)
    x = (2 * design - 1) * np.pi
    # Effects per unit of the [0,1] design: evaluate on the scaled inputs.
    res = sa.morris(design, sa.ishigami(x), 3, resamples=300)
    mu, sigma = res["mu_star"], res["sigma"]
    assert np.all(mu.low <= mu.estimate) and np.all(mu.estimate <= mu.high)
    assert mu.estimate[2] > 0 and sigma.estimate[2] > 0  # x3 acts only with x1: sigma > 0
    assert sigma.low[2] > 0


def test_a_step_changing_two_factors_is_rejected():
    design = np.array([[0, 0], [1, 1], [1, 0]], float)
    with pytest.raises(ValueError, match="changes 2 factors"):
        sa.morris_elementary_effects(design, np.zeros(3), 2)


def test_main_effects_rank_the_influential_factor():
    rng = np.random.default_rng(0)
    x = rng.random((2000, 3))
    y = 10 * x[:, 1] + x[:, 0] + rng.normal(0, 0.1, 2000)
    e = sa.main_effects(x, y)
    assert np.argmax(e) == 1 and e[2] < 0.2 * e[1]  # bin-mean noise only
