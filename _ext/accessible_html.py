"""Sphinx extension: the references page passes an accessibility audit.

docutils writes the bibliography as ``<div role="list">`` holding entries with the
DPUB-ARIA role ``doc-biblioentry``. DPUB-ARIA 1.1 deprecated that role in favour of
plain ``listitem``, and audits (axe-core) report a list without list items as a critical
violation, so each entry gets the role ``listitem``.
"""


def use_listitem_for_bibliography_entries(app, pagename, templatename, context, doctree):
    if "body" in context:
        context["body"] = context["body"].replace('role="doc-biblioentry"', 'role="listitem"')


def setup(app):
    app.connect("html-page-context", use_listitem_for_bibliography_entries)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
