from otter.test_files import test_case

OK_FORMAT = False

name = "learning_rates"
points = 3

@test_case(points=None, hidden=False)
def test_experiment(final_loss, diverged, fastest, train):
    import numpy as np
    from nnlib.feedback import answered, choose, same
    rates = [0.0001, 0.001, 0.01, 0.1, 1.0]
    runs = {rate: train(rate) for rate in rates}
    answered(final_loss, 'final_loss')
    assert isinstance(final_loss, dict), f'final_loss should be a dict rate -> loss, got a {type(final_loss).__name__}'
    choose(sorted(answered(diverged, 'diverged')), sorted((r for r in rates if runs[r][1])), 'diverged', options=rates, hint='a run diverged when train(rate) returns True as its second value.')
    expected = {r: runs[r][0][-1] for r in rates if not runs[r][1]}
    choose(sorted(final_loss), sorted(expected), 'the rates in final_loss', options=rates, hint='include every rate whose run did not diverge, and no other.')
    for rate in expected:
        same(final_loss[rate], expected[rate], f'final_loss[{rate}]', hint='take the last entry of the loss list.')
    choose(fastest, min(expected, key=expected.get), 'fastest', options=rates, hint='the rate with the lowest final loss among the runs that did not diverge.')

