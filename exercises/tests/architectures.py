from otter.test_files import test_case

OK_FORMAT = False

name = "architectures"
points = 3

@test_case(points=None, hidden=False)
def test_architectures(mean_accuracy, best, evaluate):
    import numpy as np
    from nnlib.feedback import answered, choose, same
    sizes = {'4-50-3': (50,), '4-25-25-3': (25, 25), '4-20-20-20-3': (20, 20, 20)}
    answered(mean_accuracy, 'mean_accuracy')
    choose(sorted(mean_accuracy), sorted(sizes), 'the keys of mean_accuracy')
    expected = {name: np.mean([evaluate(s, seed) for seed in range(5)]) for name, s in sizes.items()}
    for name in sizes:
        same(mean_accuracy[name], expected[name], f"mean_accuracy['{name}']", mistakes=[('only seed 0 was used', evaluate(sizes[name], 0))], hint='average over the seeds 0, 1, 2, 3 and 4.')
    choose(best, max(expected, key=expected.get), 'best', options=list(sizes))

