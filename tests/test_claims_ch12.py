"""Chapter 12's conclusions, re-checked on other seeds (splits and initial weights) with
the chapter's own experiment code."""


import numpy as np
import pytest
from sklearn.metrics import confusion_matrix

import claims
from claims import SEEDS, chapter_namespace

CHAPTER = "12_in_practice"


def figure_metadata(name):
    return claims.figure_metadata(CHAPTER, name)


@pytest.fixture(scope="module")
def ns():
    return chapter_namespace(CHAPTER)


def test_confusion_caption_matches_the_chapter_split(ns):
    """The caption's 'every count on the diagonal' and its counts, for the chapter's split."""
    models, (_, X_test, _, y_test) = ns["fit_both"](42)
    model = models["nnlib"]
    matrix = confusion_matrix(y_test, model.predict(X_test), labels=model.classes_)
    figure = figure_metadata("fig-confusion")
    assert np.count_nonzero(matrix - np.diag(np.diag(matrix))) == 0
    assert f"all {len(y_test)} test flowers are classified correctly" in figure["figure"]["caption"]
    counts = ", ".join(f"{n} {s}" for n, s in zip(np.diag(matrix)[:2], model.classes_[:2]))
    assert counts in figure["image"]["alt"]
    assert f"and {np.diag(matrix)[2]} {model.classes_[2]} on the diagonal" in figure["image"]["alt"]


@pytest.mark.parametrize("seed", SEEDS)
def test_the_two_libraries_agree(ns, seed):
    models, (_, X_test, _, _) = ns["fit_both"](seed)
    np.testing.assert_array_equal(models["nnlib"].predict(X_test),
                                  models["scikit-learn"].predict(X_test))


@pytest.mark.parametrize("seed", SEEDS)
def test_repeated_runs_spread_by_several_points(ns, seed):
    """'A difference of a point or two between two models trained once each means
    little': even ten other splits and initializations spread over more than that."""
    runs = range(20 * seed, 20 * seed + 10)  # ten are enough to show the spread
    scores, _ = ns["repeated_runs"](ns["nnlib"].MLPClassifier, seeds=runs)
    assert scores.max() - scores.min() >= 0.03, scores


@pytest.fixture(scope="module")
def searches(ns):
    _, (X_train, _, y_train, _) = ns["fit_both"](42)  # the chapter's training flowers
    return {seed: ns["grid_search"](X_train, y_train, seed) for seed in SEEDS}


@pytest.mark.parametrize("seed", SEEDS)
def test_grid_ranking_is_within_the_noise(ns, searches, seed):
    """A tie at the top, every configuration within the fold-to-fold spread, and many
    fits stopped at the epoch limit."""
    search, unconverged = searches[seed]
    table = ns["ranking"](search)
    means = table["mean accuracy"].to_numpy()
    assert np.isclose(means[0], means[1]), table
    assert means[0] - means[-1] < table["std over folds"].mean(), table
    assert unconverged > 10


def test_grid_winner_changes_with_the_seed(searches):
    winners = {str(search.best_params_) for search, _ in searches.values()}
    assert len(winners) >= 2, winners


@pytest.fixture(scope="module")
def scaling(ns):
    return ns["compare_scaling"](SEEDS)


def test_scaling_removes_the_units(scaling):
    """'the scaled one gives exactly the numbers it gives in centimetres'."""
    scaled = scaling[scaling["scaled"]].pivot(index="seed", columns="features",
                                              values=["accuracy", "epochs"])
    for values in ("accuracy", "epochs"):
        np.testing.assert_array_equal(scaled[values]["cm"], scaled[values]["mixed units"])


def test_scaling_barely_matters_in_centimetres(scaling):
    cm = scaling[scaling["features"] == "cm"].pivot(index="seed", columns="scaled",
                                                   values="accuracy")
    assert ((cm[True] - cm[False]).abs() <= 0.05).all(), cm


def test_unscaled_mixed_units_collapse_on_some_seeds(scaling):
    """'In mixed units the unscaled network collapses on some seeds' and 'the failed fits
    also stopped early': at least one seed drops by 20 points or more, and every such
    fit stopped long before max_iter."""
    mixed = scaling[scaling["features"] == "mixed units"].pivot(
        index="seed", columns="scaled", values=["accuracy", "epochs"])
    failed = mixed["accuracy"][True] - mixed["accuracy"][False] >= 0.2
    assert failed.any(), mixed
    assert (mixed["epochs"][False][failed] < 200).all(), mixed


@pytest.mark.parametrize("seed", SEEDS)
def test_stopping_rule_gives_n_iter(ns, seed):
    """The stopping rule replayed on loss_curve_ gives back n_iter_ (None at max_iter)."""
    for units in ns["UNITS"].values():
        for scaled in (False, True):
            _, network = ns["fit_scaling"](seed, units, scaled)
            stop = ns["stopping_epoch"](network.loss_curve_, network.tol,
                                        network.n_iter_no_change)
            expected = None if network.n_iter_ == network.max_iter else network.n_iter_
            assert stop == expected, (seed, units, scaled, network.n_iter_)


def test_stopping_epoch_counts_stalls():
    """The rule itself: it fires at the 12th epoch after 11 epochs without improvement."""
    ns = chapter_namespace(CHAPTER)
    assert ns["stopping_epoch"]([1.0] + [1.0] * 11) == 12
    assert ns["stopping_epoch"]([1.0] + [1.0] * 10) is None
    assert ns["stopping_epoch"](np.linspace(1, 0, 50)) is None


def test_a_stalled_fit_stops_without_a_warning(ns):
    """'the rule ... ended it there without a warning': the collapsed mixed-units fit of
    seed 0 stops early, its loss high, and raises no ConvergenceWarning."""
    import warnings
    X_tr, _, y_tr, _ = ns["train_test_split"](ns["X"] * ns["UNITS"]["mixed units"],
                                              ns["y"], test_size=0.3, random_state=0)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        network = ns["nnlib"].MLPClassifier(**ns["SETTINGS"], random_state=0).fit(X_tr, y_tr)
    assert network.n_iter_ < 100 and network.loss_ > 0.5, network.n_iter_
    assert not caught, [str(w.message) for w in caught]
