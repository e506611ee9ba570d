"""scikit-learn's own estimator checks, run on nnlib's estimators.

No check is expected to fail or is skipped by us. scikit-learn itself skips three:
its two array-API checks unless SCIPY_ARRAY_API=1 is set (nnlib's array-API support
is tested in test_backends.py) and the decision_function check, as neither
MLPClassifier has that method.
"""

import pytest
from sklearn.utils.estimator_checks import parametrize_with_checks

from nnlib import MLPClassifier, MLPRegressor


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")
@parametrize_with_checks([
    # the settings scikit-learn runs these checks with on its own MLPs
    MLPClassifier(max_iter=100, random_state=0),
    MLPRegressor(max_iter=100, random_state=0),
])
def test_sklearn_compatible(estimator, check):
    check(estimator)
