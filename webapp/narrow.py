"""On a narrow screen the sidebar lies over the page: close it once a page is chosen there.

Streamlit closes it only for a phone's user agent (it reads `navigator.userAgent`), so a desktop browser at a
phone's width, a tablet in portrait or a phone asking for the desktop site kept the sidebar open over the page just
chosen (issue 17, finding 11). This script closes it by the screen's width instead; it is installed once per browser
tab and does nothing on a wide screen or when Streamlit has closed the sidebar already.
"""

from __future__ import annotations

import streamlit as st

NARROW_PX = 768  # below this width Streamlit lays the sidebar over the page instead of beside it

SCRIPT = """<script>
(() => {
  if (window.trackerClosesNav) return;
  window.trackerClosesNav = true;
  document.addEventListener('click', (event) => {
    if (!(event.target instanceof Element) || !event.target.closest('[data-testid="stSidebarNavLink"]')) return;
    if (window.innerWidth >= NARROW_PX) return;
    setTimeout(() => {
      const close = document.querySelector('[data-testid="stSidebarCollapseButton"] button');
      if (close && close.getAttribute('aria-expanded') === 'true') close.click();
    }, 50);
  });
})();
</script>""".replace("NARROW_PX", str(NARROW_PX))


def close_sidebar_when_narrow() -> None:
    """Install the script (a fixed text of ours, nothing from users or registers in it)."""
    st.html(SCRIPT, unsafe_allow_javascript=True, width="content")
