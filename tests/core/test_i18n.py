"""Messages: an English count's word made singular or plural by the count, in the template and nowhere else."""

from __future__ import annotations

from tracker.core.i18n import _plural, msg


def test_a_counted_word_is_singular_for_one_and_plural_otherwise() -> None:
    assert msg("eval.milestones", "en", n=1, states="not due") == "1 dated task (not due)"
    assert msg("eval.milestones", "en", n=3, states="not due") == "3 dated tasks (not due)"
    assert msg("eval.milestones", "en", n=0, states="") == "0 dated tasks ()"
    assert msg("eval.milestones", "zh", n=1, states="未到期") == "1 项节点性任务（未到期）"  # Chinese has no plural
    # the count nearest before the word decides, whatever other counts the sentence holds
    template = "{new} new, {warnings} warning(s) (file {file})"
    assert _plural(template, {"new": 1, "warnings": 2, "file": "a"}) == "{new} new, {warnings} warnings (file {file})"
    assert _plural(template, {"new": 5, "warnings": 1, "file": "a"}) == "{new} new, {warnings} warning (file {file})"
    assert _plural("{n} letter(s) of praise", {"n": "1"}) == "{n} letter of praise"
    assert _plural("{n} letter(s) of praise", {"n": "1,200"}) == "{n} letters of praise"
    # a parameter's own "(s)" is text, and is left as it is
    assert msg("eval.milestones", "en", n=2, states="task(s) pending") == "2 dated tasks (task(s) pending)"
