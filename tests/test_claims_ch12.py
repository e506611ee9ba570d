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
