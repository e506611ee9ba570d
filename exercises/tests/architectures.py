from otter.test_files import test_case

OK_FORMAT = False

name = "architectures"
points = 3

@test_case(points=None, hidden=False)
def test_architectures(mean_accuracy, best):
    import warnings
    import numpy as np
    import nnlib
    from sklearn.model_selection import train_test_split
    from sklearn.preprocessing import StandardScaler
    from nnlib.grading import answered, choose, same
    X, y = nnlib.datasets.iris()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=0, stratify=y)
    scaler = StandardScaler().fit(X_train)
    X_train, X_test = (scaler.transform(X_train), scaler.transform(X_test))
    sizes = {'4-50-3': (50,), '4-25-25-3': (25, 25), '4-20-20-20-3': (20, 20, 20)}
    answered(mean_accuracy, 'mean_accuracy')
    assert isinstance(mean_accuracy, dict), f'mean_accuracy should be a dict, got a {type(mean_accuracy).__name__}.'
    choose(sorted(mean_accuracy), sorted(sizes), 'the keys of mean_accuracy')
    accuracies = {}
    for name, hidden in sizes.items():
        accuracies[name] = []
        for seed in range(5):
            with warnings.catch_warnings():
                warnings.simplefilter('ignore')
                model = nnlib.MLPClassifier(hidden_layer_sizes=hidden, max_iter=300, random_state=seed).fit(X_train, y_train)
            accuracies[name].append(model.score(X_test, y_test))
    for name, values in accuracies.items():
        same(mean_accuracy[name], np.mean(values), f"mean_accuracy['{name}']", mistakes=[('the median over the seeds, not the mean', np.median(values)), ('only seed 0 was used', values[0]), ('the sum over the seeds, not the mean', np.sum(values)), ('the seeds 0 to 3 only (range(4) stops before 4)', np.mean(values[:4]))], hint='average evaluate(sizes, seed) over the seeds 0, 1, 2, 3 and 4, with the set-up cell as given.')
    means = {name: np.mean(values) for name, values in accuracies.items()}
    choose(best, max(means, key=means.get), 'best', options=list(sizes))

