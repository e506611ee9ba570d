from otter.test_files import test_case

OK_FORMAT = False

name = "learning_rates"
points = 3

@test_case(points=None, hidden=False)
def test_experiment(final_loss, diverged, fastest):
    import warnings
    import numpy as np
    from nnlib import SGD, fit, mlp
    from nnlib.grading import answered, choose, same
    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, 3))
    y = X @ np.array([[2.0], [-1.0], [0.5]]) + 0.1 * rng.normal(size=(200, 1))
    rates, runs = ([0.0001, 0.001, 0.01, 0.1, 1.0], {})
    for rate in rates:
        net = mlp([3, 16, 1], 'tanh', random_state=0)
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            history = fit(net, X, y, loss='mse', optimizer=SGD(rate), epochs=50, batch_size=20, random_state=0, on_divergence='warn')
        runs[rate] = (history['loss'], history.diverged)
    answered(final_loss, 'final_loss')
    assert isinstance(final_loss, dict), f'final_loss should be a dict rate -> loss, got a {type(final_loss).__name__}.'
    choose(sorted(answered(diverged, 'diverged')), sorted((r for r in rates if runs[r][1])), 'diverged', options=rates, hint='a run diverged when train(rate) returns True as its second value.')
    expected = {r: runs[r][0][-1] for r in rates if not runs[r][1]}
    choose(sorted(final_loss), sorted(expected), 'the rates in final_loss', options=rates, hint='include every rate whose run did not diverge, and no other.')
    for rate in expected:
        same(final_loss[rate], expected[rate], f'final_loss[{rate}]', mistakes=[('the first loss, not the last', runs[rate][0][0]), ('the lowest loss, not the last', min(runs[rate][0]))], hint='take the last entry of the loss list of train(rate), with the set-up cell as given (50 epochs, all 200 samples).')
    choose(fastest, min(expected, key=expected.get), 'fastest', options=rates, hint='the rate with the lowest final loss among the runs that did not diverge.')

