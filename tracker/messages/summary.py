"""Wording of the figures kept ready (the summary table) on the command line."""

SUMMARY: dict[str, tuple[str, str]] = {
    "cli.cmd.summary": ("预先计算的数字（汇总表和首次报送时间）：rebuild 从原始数据重新生成，check 与原始数据逐一核对",
                        "The figures kept ready (the summary table and when each value first came): rebuild makes "
                        "them afresh from the raw values, check compares each with a recomputation"),
    "cli.opt.summary_action": ("rebuild（重新生成）或 check（核对）", "rebuild or check"),
    "summary.rebuilt": ("已重新生成汇总表：{scopes} 个范围的趋势数字 {rows} 个，各单位逐期配对数字 {pairs} 个，"
                        "各单位年初至今窗口数字 {windows} 个；首次报送时间 {firsts} 条，按日归集 {days} 条",
                        "Summary table rebuilt: {rows} trend figures of {scopes} scopes, {pairs} unit pairs by "
                        "period, {windows} unit figures of year-to-date windows; {firsts} first-received times, {days} "
                        "first-received days"),
    "summary.same": ("汇总表与原始数据一致：核对 {compared} 个数字，均相同",
                     "The summary table agrees with the raw values: {compared} figures compared, all the same"),
    "summary.differs": ("汇总表与原始数据不一致：{compared} 个数字中 {differ} 个不同；请运行 "
                        "python -m tracker summary rebuild",
                        "The summary table disagrees with the raw values: {differ} of {compared} figures differ; "
                        "run python -m tracker summary rebuild"),
}
