"""A catalogue of submissions to grade, as an instructor would try the grader before a course.

Each entry is a student notebook with some cells changed: right answers written in other
styles, the typical learner mistakes for each question, and hostile or fragile cases
(a hang, an exit, a crash, patched helpers, an edited set-up, inputs modified in place,
the ``rng`` ignored, nnlib's own version called, float32, the book's row layout, a list
for a tuple). ``expect`` is what grading must give it:

- ``"full"``: full marks;
- ``"fail"``: less than full marks, and ``phrase`` in a failure message or the error;
- ``"zero"``: no marks, and ``phrase`` in a failure message or the error.

``absent`` is a phrase that must not appear (a misdiagnosis the grader used to make).
Changes: ``answer`` replaces the answer cell, ``after`` adds a cell after it (it runs
after the right answer), ``setup`` replaces the cell that sets up the data, ``last`` adds
a final cell.
"""

import pathlib
import re
from dataclasses import dataclass, field

import nbformat

ROOT = pathlib.Path(__file__).resolve().parents[1]
EXERCISES = ROOT / "exercises"


@dataclass
class Submission:
    label: str
    exercise: str
    expect: str
    phrase: str = ""
    changes: dict = field(default_factory=dict)
    absent: str = ""
    hangs: bool = False

    @property
    def filename(self):
        return f"{self.exercise}-{self.label}.ipynb"


def exercises():
    return sorted(p.stem for p in (EXERCISES / "source").glob("*.ipynb"))


def solution(exercise):
    """The master's answer cell with its solution filled in (what ``otter assign`` keeps)."""
    master = nbformat.read(EXERCISES / "source" / f"{exercise}.ipynb", as_version=4)
    cells = master.cells
    start = next(i for i, c in enumerate(cells) if c.source.strip() == "# BEGIN SOLUTION")
    lines = [line for line in cells[start + 1].source.splitlines()
             if not re.match(r"\s*# (BEGIN|END) SOLUTION", line)]
    return "\n".join(re.sub(r"\s*# SOLUTION$", "", line) for line in lines)


def write(submission, folder):
    """The student notebook of the exercise with the submission's changes, in ``folder``."""
    notebook = nbformat.read(EXERCISES / f"{submission.exercise}.ipynb", as_version=4)
    cells = notebook.cells
    answer = next(i for i, c in enumerate(cells) if "otter_answer_cell" in c.metadata.get("tags", []))
    changes = submission.changes
    if "last" in changes:
        cells.append(nbformat.v4.new_code_cell(changes["last"]))
    if "after" in changes:
        cells.insert(answer + 1, nbformat.v4.new_code_cell(changes["after"]))
    if "answer" in changes:
        cells[answer].source = changes["answer"]
    if "setup" in changes:
        setup = [i for i, c in enumerate(cells) if c.cell_type == "code"][1]
        cells[setup].source = changes["setup"](cells[setup].source)
    path = pathlib.Path(folder) / submission.filename
    nbformat.write(notebook, path)
    return path


def solved(exercise, label, expect="full", phrase="", after=None, absent="", **changes):
    """A submission: the right answer, then (optionally) ``after`` run after it."""
    changes.setdefault("answer", solution(exercise))
    if after is not None:
        changes["after"] = after
    return Submission(label, exercise, expect, phrase, changes, absent)


E1, E2, E3, E4, E5, E6, E7, E8, E9, E10, E11, E12, E13 = exercises()

CORRECT = [solved(name, "solution") for name in exercises()]
UNFILLED = [Submission("unfilled", name, "zero", "not done yet") for name in exercises()]

# right answers written in other styles, or in forms the statement allows
OTHER_STYLES = [
    solved(E1, "typed-numbers", answer="z1 = [2.6, 0.2, -1.05]\na1 = [2.6, 0.2, 0]\ny_hat = 2.5"),
    solved(E1, "row-layout", answer="x = np.array([[1.0, 2.0]])\n"
           "W1 = np.array([[0.5, -1.0, 0.25], [1.0, 0.5, -0.5]])\nz1 = x @ W1 + np.array([[0.1, 0.2, -0.3]])\n"
           "a1 = np.maximum(z1, 0)\ny_hat = a1 @ np.array([[1.0], [-2.0], [0.5]]) + 0.3"),
    solved(E1, "column-layout", answer="z1 = np.array([[2.6], [0.2], [-1.05]])\na1 = np.maximum(z1, 0)\n"
           "y_hat = np.array([2.5])"),
    solved(E1, "float32", answer="z1 = np.array([2.6, 0.2, -1.05], dtype=np.float32)\n"
           "a1 = np.maximum(z1, 0)\ny_hat = np.float32(a1 @ np.array([1, -2, 0.5], dtype=np.float32) + 0.3)"),
    solved(E2, "loops-and-float32", answer="""
import math
def derivative(name, z):
    z = np.asarray(z, dtype=np.float32)
    out = np.empty_like(z)
    for i, v in np.ndenumerate(z):
        if name == "sigmoid":
            s = 1 / (1 + math.exp(-v)) if v > -700 else 0.0
            out[i] = s * (1 - s)
        elif name == "tanh":
            out[i] = 1 - math.tanh(v) ** 2
        else:
            out[i] = 1.0 if v >= 0 else (0.01 if name == "leaky_relu" else 0.0)
    return out
sigmoid_flat = 4.59
tanh_flat = 2.99"""),
    solved(E3, "by-the-chain-rule-in-floats", answer="""
import math
h1 = 1 / (1 + math.exp(-(0.5 * 0.2 - 1.0 * 0.7 + 0.0)))
h2 = 1 / (1 + math.exp(-(0.5 * -0.4 - 1.0 * 0.1 + 0.1)))
g = 2 * (0.6 * h1 - 0.3 * h2 + 0.05 - 1.0)
dW2, db2 = [g * h1, g * h2], g
d1, d2 = g * 0.6 * h1 * (1 - h1), g * -0.3 * h2 * (1 - h2)
dW1 = [[0.5 * d1, 0.5 * d2], [-1.0 * d1, -1.0 * d2]]
db1 = (d1, d2)"""),
    solved(E4, "loops", answer="""
rates = [0.0001, 0.001, 0.01, 0.1, 1.0]
final_loss, diverged = {}, []
for rate in rates:
    losses, blew_up = train(rate)
    if blew_up:
        diverged.append(rate)
    else:
        final_loss[rate] = float(losses[-1])
fastest = sorted(final_loss.items(), key=lambda item: item[1])[0][0]"""),
    solved(E4, "targets-clobbered-after", after="for x, y in zip(X, X):\n    pass  # rebinds the set-up's y"),
    solved(E5, "statistics-mean", answer="""
import statistics
architectures = {"4-50-3": (50,), "4-25-25-3": (25, 25), "4-20-20-20-3": (20, 20, 20)}
mean_accuracy = {}
for name, sizes in architectures.items():
    mean_accuracy[name] = statistics.mean(evaluate(sizes, seed) for seed in [0, 1, 2, 3, 4])
best = sorted(mean_accuracy, key=lambda k: -mean_accuracy[k])[0]"""),
    solved(E6, "explicit-loop", answer="""
rates = [0.0, 0.2, 0.5, 0.8]
gap = {}
for rate in rates:
    train_accuracy, val_accuracy = train_with_dropout(rate)
    gap[rate] = train_accuracy - val_accuracy
smallest_gap = min(rates, key=lambda r: gap[r])"""),
    solved(E7, "names-as-numpy-array", after="""
def layer_stds(weights, X):
    return [float(np.std(a)) for a in __import__("itertools").accumulate(weights, lambda a, W: np.tanh(a @ W),
                                                                          initial=X)][1:]
saturating = np.array(saturating)
vanishing = tuple(vanishing)"""),
    solved(E7, "float32", after="""
def layer_stds(weights, X):
    a, out = X.astype(np.float32), []
    for W in weights:
        a = np.tanh(a @ W.astype(np.float32))
        out.append(a.std())
    return np.array(out)"""),
    solved(E8, "loops-and-list", answer="""
def neuron(X, w, b):
    out = []
    for row in X:
        total = b
        for xi, wi in zip(row, w):
            total += xi * wi
        out.append(1 / (1 + np.exp(-total)))
    return np.array(out)


def perceptron_update(w, b, x, y, learning_rate):
    y_hat = int(np.dot(x, w) + b > 0)
    return [np.array(w) + learning_rate * (y - y_hat) * np.array(x), b + learning_rate * (y - y_hat)]"""),
    solved(E9, "einsum-list-float32", answer="""
def dense_forward(x, W, b):
    return (x.astype(np.float32) @ W.astype(np.float32) + b.astype(np.float32))


def dense_backward(x, W, grad_z):
    return [np.einsum("nj,ij->ni", grad_z, W), np.einsum("ni,nj->ij", x, grad_z), np.einsum("nj->j", grad_z)]"""),
    solved(E9, "keepdims-bias", answer="""
def dense_forward(x, W, b):
    return np.dot(x, W) + b.reshape(1, -1)


def dense_backward(x, W, grad_z):
    return grad_z.dot(W.T), x.T.dot(grad_z), grad_z.sum(axis=0, keepdims=True)"""),
    solved(E10, "loops", answer="""
def softmax(z):
    rows = []
    for row in z:
        e = np.exp(row - max(row))
        rows.append(e / e.sum())
    return np.array(rows)


def cross_entropy(z, Y):
    total = 0.0
    for row, target in zip(z, Y):
        m = max(row)
        log_sum = m + np.log(np.sum(np.exp(row - m)))
        total += -np.sum(target * (row - log_sum))
    return total / len(z)


def cross_entropy_gradient(z, Y):
    return (softmax(z) - Y) / len(z)"""),
    solved(E10, "float32", answer="""
def softmax(z):
    z = np.asarray(z, dtype=np.float32)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def cross_entropy(z, Y):
    z = np.asarray(z, dtype=np.float32)
    shifted = z - z.max(axis=1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return -(Y * log_p).sum(axis=1).mean(dtype=np.float32)


def cross_entropy_gradient(z, Y):
    return (softmax(z) - Y) / np.float32(len(z))"""),
    solved(E11, "other-algebra-list", answer="""
def momentum_step(theta, grad, velocity, learning_rate, momentum):
    new_velocity = np.subtract(momentum * velocity, learning_rate * grad)
    return theta + new_velocity, new_velocity


def adam_step(theta, grad, m, v, t, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-8):
    m = m + (1 - beta_1) * (grad - m)
    v = v + (1 - beta_2) * (grad * grad - v)
    step = learning_rate * (m / (1 - beta_1 ** t)) / (np.sqrt(v / (1 - beta_2 ** t)) + epsilon)
    return [theta - step, m, v]"""),
    solved(E12, "prefix-argmin-list", answer="""
def early_stopping(val_losses, patience):
    for stop in range(1, len(val_losses) + 1):
        seen = val_losses[:stop]
        best_epoch = int(np.argmin(seen)) + 1
        if stop - best_epoch >= patience:
            return [stop, best_epoch]
    return [len(val_losses), int(np.argmin(val_losses)) + 1]"""),
    solved(E13, "binomial-list", answer="""
def dropout_forward(a, rate, rng):
    keep = rng.binomial(1, 1 - rate, size=a.shape)
    mask = keep / (1 - rate)
    return [a * mask, mask]


def dropout_backward(grad_out, mask):
    return np.multiply(grad_out, mask)"""),
]

# the typical mistakes, each run after the right answer so that only it is wrong
MISTAKES = [
    solved(E1, "bias-b1-missing", "fail", "bias b1 is missing",
           after="z1 = np.array([2.5, 0.0, -0.75])\na1 = np.maximum(z1, 0)"),
    solved(E1, "output-bias-missing", "fail", "bias b2 = 0.3 is missing", after="y_hat = 2.2"),
    solved(E1, "relu-forgotten", "fail", "ReLU was not applied", after="a1 = z1"),
    solved(E1, "nan-typed", "fail", "contains NaN or infinity", absent="subtract",
           after="z1 = np.array([np.nan, 0.2, -1.05])"),
    solved(E1, "raised-before-assigning", "zero", "raised an error before defining it",
           answer="z1 = np.array([2.6, 0.2, -1.05]) / undefined_scale\na1 = np.maximum(z1, 0)\ny_hat = 2.5"),
    solved(E2, "sigmoid-itself", "fail", "the sigmoid itself", after="""
def derivative(name, z):
    z = np.asarray(z, dtype=float)
    if name == "sigmoid":
        return 1 / (1 + np.exp(-z))
    if name == "tanh":
        return 1 - np.tanh(z) ** 2
    return np.where(z >= 0, 1.0, 0.01 if name == "leaky_relu" else 0.0)"""),
    solved(E2, "tanh-without-square", "fail", "without the square", after="""
def derivative(name, z):
    z = np.asarray(z, dtype=float)
    if name == "sigmoid":
        s = 1 / (1 + np.exp(-z)); return s * (1 - s)
    if name == "tanh":
        return 1 - np.tanh(z)
    return np.where(z >= 0, 1.0, 0.01 if name == "leaky_relu" else 0.0)"""),
    solved(E2, "relu-left-slope-at-zero", "fail", "right-hand slope", after="""
_right = derivative
def derivative(name, z):
    z = np.asarray(z, dtype=float)
    return np.where(z > 0, 1.0, 0.0) if name == "relu" else _right(name, z)"""),
    solved(E2, "saturation-of-the-value", "fail", "tanh(z) itself reaches 0.99", after="tanh_flat = np.arctanh(0.99)"),
    solved(E3, "factor-2-missing", "fail", "factor 2", after="dW2 = (h @ W2 + b2 - y) * h"),
    solved(E3, "dW1-transposed", "fail", "transposed", after="dW1 = np.outer(d_z1, x)"),
    solved(E3, "sigmoid-derivative-missing", "fail", "h(1 - h), is missing", after="db1 = d_out * W2"),
    solved(E4, "fastest-wrong", "fail", "fastest is not right", after="fastest = 1.0"),
    solved(E4, "diverged-empty", "fail", "diverged is not right", after="diverged = []"),
    solved(E4, "first-not-last", "fail", "the first loss, not the last",
           after="final_loss = {rate: losses[0] for rate, (losses, blew_up) in runs.items() if not blew_up}"),
    solved(E4, "setup-30-epochs", "fail", "is not right",
           setup=lambda source: source.replace("epochs=50", "epochs=30")),
    solved(E4, "setup-data-subset", "fail", "is not right",
           setup=lambda source: source.replace('X = rng.normal(size=(200, 3))',
                                               'X = rng.normal(size=(200, 3))\nX = X[:100]').replace(
               "0.1 * rng.normal(size=(200, 1))", "0.1 * rng.normal(size=(100, 1))")),
    solved(E4, "targets-clobbered-before", "zero", "raised an error before defining it",
           answer="for x, y in zip(X, X):\n    pass\n" + solution(E4)),
    solved(E5, "only-seed-0", "fail", "only seed 0 was used",
           after="mean_accuracy = {name: evaluate(sizes, 0) for name, sizes in architectures.items()}"),
    solved(E5, "median", "fail", "the median over the seeds", after="""
mean_accuracy = {name: float(np.median([evaluate(sizes, seed) for seed in range(5)]))
                 for name, sizes in architectures.items()}"""),
    solved(E5, "setup-unscaled", "fail", "mean_accuracy[",
           setup=lambda source: source.replace("X_train, X_test = scaler.transform(X_train), scaler.transform(X_test)",
                                               "")),
    solved(E5, "setup-fewer-epochs", "fail", "mean_accuracy[",
           setup=lambda source: source.replace("max_iter=300", "max_iter=30")),
    solved(E6, "gap-negated", "fail", "wrong sign", after="gap = {rate: -value for rate, value in gap.items()}"),
    solved(E6, "setup-fewer-epochs", "fail", "gap[",
           setup=lambda source: source.replace("epochs=300", "epochs=30")),
    solved(E7, "saturating-wrong", "fail", "saturating is not right", after="saturating = ['uniform [-1, 1]', 'He']"),
    solved(E7, "tanh-missing", "fail", "tanh is missing", after="""
def layer_stds(weights, X):
    out, a = [], X
    for W in weights:
        a = a @ W
        out.append(a.std())
    return out"""),
    solved(E7, "setup-inputs-redefined", "fail", "is not right",
           setup=lambda source: source + "\nX_deep = np.zeros((500, 64))"),
    solved(E8, "sign-error", "fail", "sign error", after="""
def perceptron_update(w, b, x, y, learning_rate):
    prediction = 1 if x @ w + b > 0 else 0
    return w - learning_rate * (y - prediction) * x, b - learning_rate * (y - prediction)"""),
    solved(E8, "bias-not-updated", "fail", "bias was not updated", after="""
def perceptron_update(w, b, x, y, learning_rate):
    prediction = 1 if x @ w + b > 0 else 0
    return w + learning_rate * (y - prediction) * x, b"""),
    solved(E8, "label-instead-of-error", "fail", "uses the label y instead of the error", after="""
def perceptron_update(w, b, x, y, learning_rate):
    return w + learning_rate * y * x, b + learning_rate * y"""),
    solved(E8, "greater-or-equal", "fail", "not ≥", after="""
def perceptron_update(w, b, x, y, learning_rate):
    prediction = 1 if x @ w + b >= 0 else 0
    return w + learning_rate * (y - prediction) * x, b + learning_rate * (y - prediction)"""),
    solved(E8, "neuron-without-bias", "fail", "bias b is missing",
           after="def neuron(X, w, b):\n    return 1 / (1 + np.exp(-(X @ w)))"),
    solved(E9, "forward-without-bias", "fail", "bias b is missing",
           after="def dense_forward(x, W, b):\n    return x @ W"),
    solved(E9, "forward-W-transposed", "fail", "raised ValueError",
           after="def dense_forward(x, W, b):\n    return x @ W.T + b"),
    solved(E9, "bias-gradient-averaged", "fail", "averaged instead of summed", after="""
def dense_backward(x, W, grad_z):
    return grad_z @ W.T, x.T @ grad_z, grad_z.mean(axis=0)"""),
    solved(E9, "grad-W-transposed", "fail", "grad_W is transposed", after="""
def dense_backward(x, W, grad_z):
    return grad_z @ W.T, grad_z.T @ x, grad_z.sum(axis=0)"""),
    solved(E10, "softmax-axis-0", "fail", "axis 0",
           after="def softmax(z):\n    e = np.exp(z)\n    return e / e.sum(axis=0, keepdims=True)"),
    solved(E10, "softmax-overflow", "fail", "overflows",
           after="def softmax(z):\n    e = np.exp(z)\n    return e / e.sum(axis=1, keepdims=True)"),
    solved(E10, "gradient-not-divided", "fail", "not divided by",
           after="def cross_entropy_gradient(z, Y):\n    return softmax(z) - Y"),
    solved(E10, "loss-summed", "fail", "summed over the samples", after="""
def cross_entropy(z, Y):
    shifted = z - z.max(axis=1, keepdims=True)
    return float(-(Y * (shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True)))).sum())"""),
    solved(E11, "momentum-sign-error", "fail", "sign error", after="""
def momentum_step(theta, grad, velocity, learning_rate, momentum):
    velocity = momentum * velocity + learning_rate * grad
    return theta + velocity, velocity"""),
    solved(E11, "adam-no-bias-correction", "fail", "bias correction is missing", after="""
def adam_step(theta, grad, m, v, t, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-8):
    m = beta_1 * m + (1 - beta_1) * grad
    v = beta_2 * v + (1 - beta_2) * grad ** 2
    return theta - learning_rate * m / (np.sqrt(v) + epsilon), m, v"""),
    solved(E11, "adam-t-off-by-one", "fail", "theta after the first step is not right", after="""
def adam_step(theta, grad, m, v, t, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-8):
    m = beta_1 * m + (1 - beta_1) * grad
    v = beta_2 * v + (1 - beta_2) * grad ** 2
    m_hat, v_hat = m / (1 - beta_1 ** (t + 1)), v / (1 - beta_2 ** (t + 1))
    return theta - learning_rate * m_hat / (np.sqrt(v_hat) + epsilon), m, v"""),
    solved(E11, "adam-t-from-0", "fail", "is t counted from 1", absent="subtract", after="""
def adam_step(theta, grad, m, v, t, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-8):
    m = beta_1 * m + (1 - beta_1) * grad
    v = beta_2 * v + (1 - beta_2) * grad ** 2
    m_hat, v_hat = m / (1 - beta_1 ** (t - 1)), v / (1 - beta_2 ** (t - 1))
    return theta - learning_rate * m_hat / (np.sqrt(v_hat) + epsilon), m, v"""),
    solved(E12, "one-epoch-too-late", "fail", "one epoch too late", after="""
def early_stopping(val_losses, patience):
    best, best_epoch, waited = float("inf"), 0, 0
    for epoch, loss in enumerate(val_losses, start=1):
        if loss < best:
            best, best_epoch, waited = loss, epoch, 0
        else:
            waited += 1
            if waited > patience:
                return epoch, best_epoch
    return len(val_losses), best_epoch"""),
    solved(E12, "tie-improves", "fail", "equal loss counts as an improvement", after="""
def early_stopping(val_losses, patience):
    best, best_epoch, waited = float("inf"), 0, 0
    for epoch, loss in enumerate(val_losses, start=1):
        if loss <= best:
            best, best_epoch, waited = loss, epoch, 0
        else:
            waited += 1
            if waited == patience:
                return epoch, best_epoch
    return len(val_losses), best_epoch"""),
    solved(E12, "numbered-from-0", "fail", "numbered from 0", after="""
def early_stopping(val_losses, patience):
    best, best_epoch, waited = float("inf"), 0, 0
    for epoch, loss in enumerate(val_losses):
        if loss < best:
            best, best_epoch, waited = loss, epoch, 0
        else:
            waited += 1
            if waited == patience:
                return epoch, best_epoch
    return len(val_losses) - 1, best_epoch"""),
    solved(E12, "loop-never-ends", "fail", "did not finish within",
           after="def early_stopping(val_losses, patience):\n    while True:\n        pass"),
    solved(E12, "loop-swallows-the-timeout", "fail", "did not finish within", after="""
def early_stopping(val_losses, patience):
    while True:
        try:
            sum(range(1000))
        except Exception:
            continue"""),
    solved(E13, "not-scaled", "fail", "not scaled up", after="""
def dropout_forward(a, rate, rng):
    mask = (rng.random(a.shape) >= rate) * 1.0
    return a * mask, mask"""),
    solved(E13, "rate-as-keep-probability", "fail", "probability to keep", after="""
def dropout_forward(a, rate, rng):
    mask = (rng.random(a.shape) < rate) / rate
    return a * mask, mask"""),
    solved(E13, "backward-without-mask", "fail", "not applied in the backward pass",
           after="def dropout_backward(grad_out, mask):\n    return grad_out"),
    solved(E13, "mask-per-feature", "fail", "drops whole columns", absent="expected shape", after="""
def dropout_forward(a, rate, rng):
    mask = (rng.random(a.shape[1]) >= rate) / (1 - rate)
    return a * mask, mask"""),
]

# what each statement forbids: modifying the inputs, ignoring rng, calling nnlib's own version
FORBIDDEN = [
    solved(E8, "in-place", "fail", "modified its input w in place", after="""
def perceptron_update(w, b, x, y, learning_rate):
    error = y - (1 if x @ w + b > 0 else 0)
    w += learning_rate * error * x
    return w, b + learning_rate * error"""),
    solved(E11, "in-place", "fail", "modified its input theta in place", after="""
def momentum_step(theta, grad, velocity, learning_rate, momentum):
    velocity = momentum * velocity - learning_rate * grad
    theta += velocity
    return theta, velocity"""),
    solved(E13, "in-place", "fail", "modified its input a in place", after="""
def dropout_forward(a, rate, rng):
    mask = (rng.random(a.shape) >= rate) / (1.0 - rate)
    a *= mask
    return a, mask"""),
    solved(E13, "global-random", "fail", "another mask for the same seed", after="""
def dropout_forward(a, rate, rng):
    mask = (np.random.random(a.shape) >= rate) / (1.0 - rate)
    return a * mask, mask"""),
    solved(E13, "own-generator", "fail", "same mask whatever the rng", after="""
def dropout_forward(a, rate, rng):
    mask = (np.random.default_rng(0).random(a.shape) >= rate) / (1.0 - rate)
    return a * mask, mask"""),
    solved(E10, "nnlib-softmax", "fail", "calls nnlib.functional", after="""
from nnlib.functional import softmax as library_softmax
def softmax(z):
    return library_softmax(z, axis=1)"""),
    solved(E11, "nnlib-sgd", "fail", "calls nnlib", after="""
import nnlib
def momentum_step(theta, grad, velocity, learning_rate, momentum):
    theta = theta.copy()
    velocity = momentum * velocity - learning_rate * grad
    nnlib.SGD(learning_rate).step([theta], [-velocity / learning_rate])
    return theta, velocity"""),
    solved(E13, "nnlib-dropout", "fail", "calls nnlib", after="""
import nnlib
def dropout_forward(a, rate, rng):
    layer = nnlib.Dropout(rate, random_state=rng)
    out = layer.forward(a, training=True)
    return out, np.where(a != 0, out / np.where(a == 0, 1, a), 0)"""),
]

# hostile or fragile: hangs, exits, crashes, patched checks
HOSTILE = [
    Submission("endless-search", E12, "zero", "timed out after", {"last": "def search():\n    while True:\n        pass\n\n\nsearch()"},
               hangs=True),
    Submission("loop-swallowing-errors", E4, "zero", "timed out after", {"after": """
import time
while True:
    try:
        time.sleep(0.01)
        raise ValueError("again")
    except Exception:
        continue"""}, hangs=True),
    Submission("sleeps-forever-in-the-check", E9, "zero", "timed out after", {"answer": """
import signal, time
def dense_forward(x, W, b):
    signal.signal(signal.SIGALRM, signal.SIG_IGN)  # the per-call limit cannot stop it: the wall-clock one does
    while True:
        time.sleep(1)
def dense_backward(x, W, grad_z):
    return grad_z @ W.T, x.T @ grad_z, grad_z.sum(axis=0)"""}, hangs=True),
    solved(E1, "sys-exit-at-the-end", "full", last="import sys\nsys.exit()"),
    solved(E6, "prints-without-end", "full", last="while True:\n    print('spam ' * 1000)"),
    solved(E2, "sys-exit-in-the-function", "fail", "raised SystemExit",
           after="import sys\ndef derivative(name, z):\n    sys.exit('no more')"),
    solved(E3, "os-exit", "zero", "exited with code 3", after="import os\nos._exit(3)"),
    solved(E9, "os-exit-in-the-check", "zero", "exit",
           after="import os\ndef dense_forward(x, W, b):\n    os._exit(0)"),
    solved(E10, "segfault", "zero", "killed by signal", after="import ctypes\nctypes.string_at(0)"),
    solved(E2, "patched-helpers", "zero", "is not right", after="""
import nnlib.grading
nnlib.grading.same = lambda *args, **kwargs: None
nnlib.grading.call = lambda function, *args, **kwargs: 0
nnlib.grading.choose = lambda *args, **kwargs: None
def derivative(name, z):
    return 0 * z
sigmoid_flat = tanh_flat = 0.0"""),
    solved(E1, "patched-numpy", "zero", "is not right", after="""
np.allclose = lambda *args, **kwargs: True
z1 = a1 = np.zeros(3)
y_hat = 0.0"""),
    solved(E8, "patched-otter", "zero", "is not right", after="""
import otter.test_files.exception_test as exception_test
exception_test.ExceptionTestFile.run = lambda self, env: setattr(self, "test_case_results", [])
def neuron(X, w, b):
    return X[:, 0]
def perceptron_update(w, b, x, y, learning_rate):
    return w, b"""),
    solved(E10, "patches-when-called", "zero", "changed the checking code", after="""
def softmax(z):
    import nnlib.grading
    nnlib.grading.same = lambda *args, **kwargs: None
    return z"""),
    solved(E12, "forged-reduce", "zero", "changed the checking code", after="""
class Sneaky:
    def __reduce__(self):
        return (exec, ("import nnlib.grading; nnlib.grading.same = lambda *a, **k: None",))
early_stopping = Sneaky()"""),
]

CATALOGUE = CORRECT + UNFILLED + OTHER_STYLES + MISTAKES + FORBIDDEN + HOSTILE
