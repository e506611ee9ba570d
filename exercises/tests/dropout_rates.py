from otter.test_files import test_case

OK_FORMAT = False

name = "dropout_rates"
points = 3

@test_case(points=None, hidden=False)
def test_dropout_gap(gap, smallest_gap, train_with_dropout):
    import numpy as np
    from nnlib.feedback import answered, choose, same
    rates = [0.0, 0.2, 0.5, 0.8]
    answered(gap, 'gap')
    choose(sorted(gap), rates, 'the rates in gap')
    expected = {}
    for rate in rates:
        train_accuracy, val_accuracy = train_with_dropout(rate)
        expected[rate] = train_accuracy - val_accuracy
        same(gap[rate], expected[rate], f'gap[{rate}]', mistakes=[('the gap has the wrong sign: training minus validation', -expected[rate])])
    choose(smallest_gap, min(expected, key=expected.get), 'smallest_gap', options=rates)

