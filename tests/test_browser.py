"""The built book in a real headless browser (Debian's Chromium, driven by Playwright),
with no kernel and no network: the interactive panels must still respond."""

import re

import pytest

from nnlib.panels import activation_panel

pytestmark = pytest.mark.book


def is_live(panel):
    """The page's script ran: the 'run this cell' note (for notebook viewers that strip
    scripts) is hidden."""
    return panel.locator(".nnlib-panel-live-note").is_hidden()


def panel_state(panel):
    image = panel.locator("img")
    return image.get_attribute("src"), image.get_attribute("alt"), \
        panel.locator(".nnlib-panel-description").inner_text()


def test_activation_explorer_responds_without_a_kernel(page, site):
    page.goto(f"{site}/chapters/02_activations.html")
    panel = page.locator(".nnlib-panel")
    assert panel.count() == 1
    src, alt, text = panel_state(panel)
    assert src.startswith("data:image/png;base64,") and "tanh" in alt and text == alt
    assert is_live(panel)
    slider = panel.get_by_label(activation_panel().controls["alpha"].label)
    assert slider.is_disabled()  # tanh takes no α

    panel.locator("select").select_option(label="relu")
    src2, alt2, _ = panel_state(panel)
    assert src2 != src and "relu" in alt2

    panel.locator("select").select_option(label="leaky_relu")
    before = panel_state(panel)
    assert slider.is_enabled()
    slider.focus()
    page.keyboard.press("ArrowRight")  # the controls work from the keyboard too
    after = panel_state(panel)
    assert after[0] != before[0] and "α = 0.3" in after[1]
    assert panel.locator(f"output[for='{slider.get_attribute('id')}']").inner_text() == "0.3"
    assert not page.errors and not page.outside_requests


def test_architecture_visualizer_responds_without_a_kernel(page, site):
    page.goto(f"{site}/chapters/03_architecture.html")
    panel = page.locator(".nnlib-panel")
    src, alt, _ = panel_state(panel)
    assert "2 hidden layers of 4 neurons" in alt and "20 + 20 + 15; 55 in total" in alt  # 4-4-4-3

    layers = panel.get_by_label("hidden layers")
    layers.focus()
    page.keyboard.press("ArrowRight")
    src2, alt2, _ = panel_state(panel)
    assert src2 != src and "3 hidden layers of 4 neurons" in alt2

    panel.locator("select").select_option(label="Iris, chapter 12 (4-20-30-25-3)")
    src3, alt3, _ = panel_state(panel)
    assert src3 != src2 and "20, 30 and 25 neurons" in alt3 and "1,583 in total" in alt3
    assert layers.is_disabled()  # the preset fixes every size
    assert not page.errors and not page.outside_requests


def panels_shown():
    """(panel name, chapter, position on its page) for every panel a chapter shows, in
    the order of ``nnlib.panels.PANELS``, read from the chapters' code cells."""
    from claims import CHAPTERS, notebook_cells
    from nnlib.panels import PANELS

    names = {factory.__name__: name for name, factory in PANELS.items()}
    shown = []
    for path in sorted(CHAPTERS.glob("*.ipynb")):
        calls = [call for cell in notebook_cells(path.stem) if cell["cell_type"] == "code"
                 for call in re.findall(r"nnlib\.widgets\.(\w+_panel)\(", "".join(cell["source"]))]
        shown += [(names[call], path.stem, k) for k, call in enumerate(calls)]
    return sorted(shown, key=lambda entry: list(PANELS).index(entry[0]))


PANELS_SHOWN = panels_shown()


def test_every_panel_of_the_registry_is_on_a_page():
    from nnlib.panels import PANELS

    assert {name for name, _, _ in PANELS_SHOWN} == set(PANELS)


@pytest.mark.parametrize("name, chapter, position", PANELS_SHOWN,
                         ids=[f"{name}-{chapter}" for name, chapter, _ in PANELS_SHOWN])
def test_every_control_of_a_panel_changes_what_is_shown(page, site, name, chapter, position):
    """Every control that is enabled changes the figure, its alt text and its caption."""
    page.goto(f"{site}/chapters/{chapter}.html")
    panel = page.locator(".nnlib-panel").nth(position)
    assert is_live(panel)
    controls = panel.locator("[data-control]")
    assert controls.count() >= 2
    moved = 0
    for k in range(controls.count()):
        control = controls.nth(k)
        if control.is_disabled():  # does nothing for the current setting (e.g. alpha for tanh)
            continue
        before = panel_state(panel)
        if control.evaluate("c => c.tagName") == "SELECT":
            options = control.locator("option").count()
            control.select_option(index=(int(control.input_value()) + 1) % options)
        else:
            control.focus()
            at_end = control.input_value() == control.get_attribute("max")
            page.keyboard.press("ArrowLeft" if at_end else "ArrowRight")
        after = panel_state(panel)
        assert after[0] != before[0], f"control {k} of {name} in {chapter} did not change the figure"
        assert after[1] != before[1] and after[1] == after[2]  # alt text and caption follow
        moved += 1
    assert moved >= 2
    assert not page.errors and not page.outside_requests


def test_playground_says_which_controls_need_a_kernel(page, site):
    page.goto(f"{site}/chapters/12_in_practice.html")
    panel = page.locator(".nnlib-panel")
    assert panel.locator("[data-control]").count() == 3  # data set, hidden layers, activation
    note = panel.locator(".nnlib-panel-fixed").inner_text()
    assert "learning rate 0.03" in note and "Run the notebook" in note
    assert "State: data=moons;noise=0.1;" in panel_state(panel)[2]
    # the state string wraps inside the page's column instead of running off it
    description = panel.locator(".nnlib-panel-description")
    assert description.evaluate("e => e.scrollWidth <= e.clientWidth")


def test_two_panels_on_one_page_respond_independently(page, site):
    # the last chapter brings back both explorations where the source chapter placed them
    page.goto(f"{site}/chapters/13_beyond_the_mlp.html")
    panels = page.locator(".nnlib-panel")
    assert panels.count() == 2
    architecture, activation = panels.nth(0), panels.nth(1)
    untouched = panel_state(activation)
    layers = architecture.get_by_label("hidden layers")
    layers.focus()
    page.keyboard.press("ArrowRight")
    assert "3 hidden layers of 4 neurons" in panel_state(architecture)[1]
    assert panel_state(activation) == untouched
    activation.locator("select").select_option(label="relu")
    assert "relu" in panel_state(activation)[1]
    assert not page.errors and not page.outside_requests
