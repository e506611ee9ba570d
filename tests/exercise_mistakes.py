"""Deliberately wrong answers to the graded exercises, and right ones written differently.

Each MISTAKE is (question, code, phrase): ``code`` replaces the learner's answer
(it runs after the solution), the question's tests must then fail, and a failure message
must contain ``phrase``: the checks must say what is wrong, not only that something is.
Each ALTERNATIVE is a correct answer in another style (loops instead of vectorized code,
another random draw); the tests must accept it.
"""

MISTAKES = [
    ("forward_pass", "z1 = x_ = np.array([2.5, 0.0, -0.75])\na1 = np.maximum(z1, 0)", "bias b1 is missing"),
    ("forward_pass", "y_hat = 2.2", "bias b2 = 0.3 is missing"),
    ("forward_pass", "z1 = ...", "not done yet"),
    ("activation_derivatives", """
def derivative(name, z):
    z = np.asarray(z, dtype=float)
    if name == "sigmoid":
        return 1 / (1 + np.exp(-z))
    if name == "tanh":
        return 1 - np.tanh(z) ** 2
    return np.where(z >= 0, 1.0, 0.01 if name == "leaky_relu" else 0.0)""", "the sigmoid itself"),
    ("activation_derivatives", """
def derivative(name, z):
    z = np.asarray(z, dtype=float)
    if name == "sigmoid":
        s = 1 / (1 + np.exp(-z)); return s * (1 - s)
    if name == "tanh":
        return 1 - np.tanh(z)
    return np.where(z >= 0, 1.0, 0.01 if name == "leaky_relu" else 0.0)""", "without the square"),
    ("perceptron", """
def perceptron_update(w, b, x, y, learning_rate):
    prediction = 1 if x @ w + b > 0 else 0
    return w - learning_rate * (y - prediction) * x, b - learning_rate * (y - prediction)""", "sign error"),
    ("perceptron", """
def perceptron_update(w, b, x, y, learning_rate):
    prediction = 1 if x @ w + b > 0 else 0
    return w + learning_rate * (y - prediction) * x, b""", "bias was not updated"),
    ("perceptron", "def neuron(X, w, b):\n    return 1 / (1 + np.exp(-(X @ w)))", "bias b is missing"),
    ("backprop_by_hand", "dW2 = (h @ W2 + b2 - y) * h", "factor 2"),
    ("backprop_by_hand", "dW1 = np.outer(d_z1, x)", "transposed"),
    ("dense_layer", "def dense_forward(x, W, b):\n    return x @ W", "bias b is missing"),
    ("dense_layer", "def dense_forward(x, W, b):\n    return x @ W.T + b", "raised ValueError"),
    ("dense_layer", "def dense_backward(x, W, grad_z):\n    return grad_z @ W.T, x.T @ grad_z, grad_z.mean(axis=0)",
     "averaged instead of summed"),
    ("dense_layer", "def dense_backward(x, W, grad_z):\n    return grad_z @ W.T, grad_z.T @ x, grad_z.sum(axis=0)",
     "transposed"),
    ("softmax_cross_entropy", "def softmax(z):\n    e = np.exp(z)\n    return e / e.sum(axis=0, keepdims=True)",
     "axis 0"),
    ("softmax_cross_entropy", "def softmax(z):\n    e = np.exp(z)\n    return e / e.sum(axis=1, keepdims=True)",
     "NaN or infinity"),
    ("softmax_cross_entropy", "def cross_entropy_gradient(z, Y):\n    return softmax(z) - Y", "not divided by"),
    ("learning_rates", "fastest = 1.0", "fastest is not right"),
    ("learning_rates", "diverged = []", "diverged is not right"),
    ("optimizer_steps", """
def momentum_step(theta, grad, velocity, learning_rate, momentum):
    velocity = momentum * velocity + learning_rate * grad
    return theta + velocity, velocity""", "sign error"),
    ("optimizer_steps", """
def adam_step(theta, grad, m, v, t, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-8):
    m = beta_1 * m + (1 - beta_1) * grad
    v = beta_2 * v + (1 - beta_2) * grad ** 2
    return theta - learning_rate * m / (np.sqrt(v) + epsilon), m, v""", "bias correction is missing"),
    ("optimizer_steps", """
def adam_step(theta, grad, m, v, t, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-8):
    m = beta_1 * m + (1 - beta_1) * grad
    v = beta_2 * v + (1 - beta_2) * grad ** 2
    m_hat, v_hat = m / (1 - beta_1 ** (t + 1)), v / (1 - beta_2 ** (t + 1))
    return theta - learning_rate * m_hat / (np.sqrt(v_hat) + epsilon), m, v""", "theta after the first step is not right"),
    ("early_stopping", """
def early_stopping(val_losses, patience):
    best, best_epoch, waited = float("inf"), 0, 0
    for epoch, loss in enumerate(val_losses, start=1):
        if loss < best:
            best, best_epoch, waited = loss, epoch, 0
        else:
            waited += 1
            if waited > patience:
                return epoch, best_epoch
    return len(val_losses), best_epoch""", "one epoch too late"),
    ("early_stopping", "def early_stopping(val_losses, patience):\n    while True:\n        pass",
     "did not finish within"),
    ("architectures", "mean_accuracy = {name: evaluate(sizes, 0) for name, sizes in architectures.items()}",
     "only seed 0 was used"),
    ("dropout_rates", "gap = {rate: -value for rate, value in gap.items()}", "wrong sign"),
    ("initialization", "saturating = ['uniform [-1, 1]', 'He']", "saturating is not right"),
    ("initialization", "def layer_stds(weights, X):\n    out, a = [], X\n    for W in weights:\n        a = a @ W\n        out.append(a.std())\n    return out",
     "tanh is missing"),
    ("inverted_dropout", """
def dropout_forward(a, rate, rng):
    mask = (rng.random(a.shape) >= rate) * 1.0
    return a * mask, mask""", "not scaled up"),
    ("inverted_dropout", """
def dropout_forward(a, rate, rng):
    mask = (rng.random(a.shape) < rate) / rate
    return a * mask, mask""", "probability to keep"),
    ("inverted_dropout", "def dropout_backward(grad_out, mask):\n    return grad_out", "not applied in the backward pass"),
]

ALTERNATIVES = [
    ("perceptron", """
def neuron(X, w, b):
    out = []
    for row in X:
        total = b
        for xi, wi in zip(row, w):
            total += xi * wi
        out.append(1 / (1 + np.exp(-total)))
    return np.array(out)"""),
    ("dense_layer", """
def dense_backward(x, W, grad_z):
    return np.einsum("nj,ij->ni", grad_z, W), np.einsum("ni,nj->ij", x, grad_z), np.einsum("nj->j", grad_z)"""),
    ("softmax_cross_entropy", """
def softmax(z):
    rows = []
    for row in z:
        e = np.exp(row - max(row))
        rows.append(e / e.sum())
    return np.array(rows)"""),
    ("early_stopping", """
def early_stopping(val_losses, patience):
    for stop in range(1, len(val_losses) + 1):
        seen = val_losses[:stop]
        best_epoch = int(np.argmin(seen)) + 1
        if stop - best_epoch >= patience:
            return stop, best_epoch
    return len(val_losses), int(np.argmin(val_losses)) + 1"""),
    ("inverted_dropout", """
def dropout_forward(a, rate, rng):
    keep = rng.binomial(1, 1 - rate, size=a.shape)
    mask = keep / (1 - rate)
    return a * mask, mask"""),
]

