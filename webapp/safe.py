"""Text from users and registers shown as text in every Streamlit element that renders Markdown (titles,
captions, alerts, st.markdown, tooltips): `plain` escapes it (tracker.core.safecells.markdown_text). A block of
user text (a narrative) is shown with st.text instead, which parses nothing."""

from __future__ import annotations

from tracker.core.safecells import markdown_text


def plain(text: object) -> str:
    """The text as itself in Markdown: no emphasis, link, image, HTML, heading, list, directive or autolink."""
    return markdown_text(text)


def multiline(text: object) -> str:
    """Plain text with its line breaks kept, for st.markdown."""
    return plain(text).replace("\n", "  \n")
