"""HTML pages: the main article text, title and publication date, with trafilatura."""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)

# The publication date from the page's markup only (`<meta property="article:published_time">`,
# JSON-LD, `<time>`, a dated URL), never guessed from dates in the text: the original date,
# not the last modification, so an update is dated when it was first published.
_DATE_CONFIG = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"}


def html_main_text(html: str) -> tuple[str, str, str]:
    """An HTML page's main article text, title and publication date (`YYYY-MM-DD` or "")
    with trafilatura."""
    import trafilatura

    text = trafilatura.extract(
        html, include_comments=False, include_tables=False, include_links=False, deduplicate=False
    )
    title = published = ""
    try:
        meta = trafilatura.extract_metadata(html, date_config=dict(_DATE_CONFIG))
        if meta is not None:
            title, published = meta.title or "", meta.date or ""
    except Exception:  # metadata is optional
        log.debug("no HTML metadata", exc_info=True)
    if not text or not text.strip():
        raise ValueError("no article text found in the HTML page")
    return text, title, published
