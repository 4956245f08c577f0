"""The file picker's wording as a style rule: the text can never close the string or the style element."""

from __future__ import annotations

from webapp.uploader import css_string, style


def test_a_css_string_escapes_everything_that_could_end_it() -> None:
    # quote, backslash, brace, angle bracket and semicolon each become a six-digit hex escape and the space
    # that ends it (CSS consumes one whitespace after an escape, so a space of the text itself is kept)
    assert css_string('a"\\}<;') == '"a\\000022 \\00005c \\00007d \\00003c \\00003b "'
    assert css_string("浏览文件 20") == '"浏览文件 20"'  # letters (any script), digits and spaces as they are


def test_the_style_names_our_words_and_hides_streamlits() -> None:
    css = style("浏览文件", "单个文件不超过 20 MB · XLSX", "将文件拖放到此处")
    assert css.startswith("<style>") and css.endswith("</style>") and css.count("<") == 2
    assert 'content: "浏览文件"' in css
    assert 'content: "单个文件不超过 20 MB \\0000b7  XLSX"' in css  # the dot escaped; the text's space kept
    assert 'div:not([data-testid]) > span::after {content: "将文件拖放到此处"' in css  # the drag-over prompt
    assert css.count("font-size: 0}") == 3
