"""Wording of the documents' details (issue 18): the dated printed overview, the briefing's issue-number rule."""

DOCUMENT_DETAILS: dict[str, tuple[str, str]] = {
    "print.date_help": ("打印版上注明的日期（如会议日期）；留空则注明生成时间",
                        "The date printed on the page (a meeting's, say); left empty, the time it is made"),
    "print.line_dated": ("截至 {as_of} · {window} · 内容版本 {version} · {date}",
                         "As of {as_of} · {window} · content version {version} · {date}"),
}
DOCUMENT_DETAILS.update({
    "issue.published": ("{month} 的简报已按〔{year}〕第{number}期（总第{total}期）印发，已印发的期号不能更改；重新导出时沿用该期号",
                        "The briefing of {month} went out as No. {number} of {year} (No. {total} overall); a "
                        "published number never changes: export it again with those numbers"),
    "issue.taken": ("期号已被 {other} 的简报使用（〔{year}〕第{number}期，总第{total}期），{month} 的简报不能重复使用；"
                    "请用 --issue/--total（或在导出页）另定期号",
                    "Those numbers belong to the briefing of {other} (No. {number} of {year}, No. {total} overall); "
                    "the briefing of {month} cannot repeat them: give others with --issue/--total (or on the "
                    "export page)"),
})
