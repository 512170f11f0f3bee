"""What a briefing leaves behind, for everyone: outcome documents, the pledge register, GCM coverage.

Routes live under ``/b/<slug>/`` and answer 404 for a draft briefing, a
draft document or anything of another briefing. A document is addressed by
its slug and language: ``/b/<slug>/outcomes/<doc-slug>?lang=fr`` (the PDF at
``/b/<slug>/outcomes/<doc-slug>.pdf?lang=fr``). Without ``lang`` the version
in the reader's language is shown if there is one, else English, French,
Arabic in that order; a ``lang`` the document's translation group has under
another slug redirects there.
"""
from flask import Blueprint

from .labels import template_helpers

bp = Blueprint("published", __name__)


@bp.context_processor
def _labels():
    return template_helpers()


from . import routes  # noqa: E402,F401
