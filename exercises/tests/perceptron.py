from otter.test_files import test_case

OK_FORMAT = False

name = "perceptron"
points = 3

@test_case(points=None, hidden=False)
def test_neuron(neuron):
    import numpy as np
    from nnlib.grading import call, same
    X = np.array([[1.0, 2.0], [-1.0, 0.5], [0.0, 0.0]])
    w, b = (np.array([0.5, -0.25]), 0.1)
    same(call(neuron, X, w, b, own_code=True), 1 / (1 + np.exp(-(X @ w + b))), 'neuron(X, w, b)', mistakes=[('the bias b is missing', 1 / (1 + np.exp(-(X @ w)))), ('the sigmoid is missing (x·w + b itself)', X @ w + b), ('the sign inside the sigmoid is flipped: σ(z) = 1 / (1 + e^(-z))', 1 / (1 + np.exp(X @ w + b)))])

@test_case(points=None, hidden=False)
def test_perceptron_update(perceptron_update):
    import numpy as np
    from nnlib.grading import call, same, unpack
    x = np.array([1.0, 1.0])
    w, w2 = (np.array([0.5, -1.0]), np.array([1.0, -0.5]))
    cases = [(w, 1, 'after a mistake on a positive sample', w + 0.1 * x, 0.1, [('the update went the wrong way (sign error)', w - 0.1 * x)]), (w, 0, 'after a correct prediction (label 0)', w, 0.0, []), (w2, 0, 'after a mistake on a negative sample', w2 - 0.1 * x, -0.1, [('the update uses the label y instead of the error y - ŷ', w2), ('the update went the wrong way (sign error)', w2 + 0.1 * x)]), (w2, 1, 'after a correct prediction (label 1)', w2, 0.0, [('the update uses the label y instead of the error y - ŷ: a correct prediction must change nothing', w2 + 0.1 * x)])]
    for start, label, what, right_w, right_b, mistakes in cases:
        new_w, new_b = unpack(call(perceptron_update, start, 0.0, x, label, 0.1, own_code=True), 2, 'perceptron_update')
        same(new_w, right_w, f'w {what}', mistakes=mistakes, hint='w ← w + η (y - ŷ) x; a correct prediction changes nothing.')
        same(new_b, right_b, f'b {what}', mistakes=[('the bias was not updated', 0.0)] if right_b else [], hint='b ← b + η (y - ŷ).')
    w0 = np.array([0.5, -0.5])
    new_w, new_b = unpack(call(perceptron_update, w0, 0.0, x, 1, 0.1, own_code=True), 2, 'perceptron_update')
    same(new_w, w0 + 0.1 * x, 'w when x·w + b = 0 and the label is 1', mistakes=[('x·w + b = 0 was predicted as 1: the rule predicts 1 only when x·w + b > 0 (not ≥)', w0)])

