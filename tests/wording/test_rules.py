"""A target's quoted clause in the reader's language: the plan's own Chinese words, the register's English
translation with the original after it, or the original said to be untranslated."""

from __future__ import annotations

from tracker.register import Target
from tracker.wording.rules import quoted_clause


def _target(clause_en: str | None) -> Target:
    return Target.model_validate({"code": "t", "name_zh": "满意率", "name_en": "Satisfaction", "clause": "满意率保持90%以上",
                                  "clause_en": clause_en, "indicator": "satisfaction_rate", "comparison": ">=",
                                  "threshold": 90, "deadline": "2020-12-31"})


def test_chinese_quotes_the_plan_as_written_whatever_the_translation() -> None:
    assert quoted_clause(_target("Satisfaction kept above 90%"), "zh") == "满意率保持90%以上"
    assert quoted_clause(_target(None), "zh") == "满意率保持90%以上"


def test_english_gives_the_translation_and_the_original() -> None:
    assert quoted_clause(_target("Satisfaction kept above 90%"), "en") == (
        "Satisfaction kept above 90% (original: 满意率保持90%以上)")


def test_english_without_a_translation_says_the_clause_is_chinese() -> None:
    assert quoted_clause(_target(None), "en") == "满意率保持90%以上 (in Chinese; the register has no translation)"
    assert quoted_clause(_target(""), "en") == "满意率保持90%以上 (in Chinese; the register has no translation)"
