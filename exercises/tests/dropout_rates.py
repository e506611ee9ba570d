from otter.test_files import test_case

OK_FORMAT = False

name = "dropout_rates"
points = 3

@test_case(points=None, hidden=False)
def test_dropout_gap(gap, smallest_gap):
    import numpy as np
    import nnlib
    from nnlib import Adam, fit, mlp
    from nnlib.grading import answered, choose, same
    X, y = nnlib.datasets.moons(n_samples=100, noise=0.3, random_state=0)
    X_val, y_val = nnlib.datasets.moons(n_samples=1000, noise=0.3, random_state=1)
    rates = [0.0, 0.2, 0.5, 0.8]
    answered(gap, 'gap')
    assert isinstance(gap, dict), f'gap should be a dict rate -> gap, got a {type(gap).__name__}.'
    choose(sorted(gap), rates, 'the rates in gap')
    expected = {}
    for rate in rates:
        net = mlp([2, 128, 128, 2], 'relu', dropout=rate, weight_init='he_uniform', random_state=0)
        fit(net, X, np.eye(2)[y], loss='categorical_cross_entropy', optimizer=Adam(0.005), epochs=300, batch_size=20, random_state=0)
        train_accuracy = float(np.mean(np.argmax(net.forward(X), axis=1) == y))
        val_accuracy = float(np.mean(np.argmax(net.forward(X_val), axis=1) == y_val))
        expected[rate] = train_accuracy - val_accuracy
        same(gap[rate], expected[rate], f'gap[{rate}]', mistakes=[('the gap has the wrong sign: training minus validation', -expected[rate]), ('the training accuracy alone, not the gap', train_accuracy), ('the validation accuracy alone, not the gap', val_accuracy)], hint='gap = training accuracy - validation accuracy from train_with_dropout(rate), with the set-up cell as given.')
    choose(smallest_gap, min(expected, key=expected.get), 'smallest_gap', options=rates)

