"""Wording of register checks and general errors."""

REGISTER: dict[str, tuple[str, str]] = {
    "error.generic": ("出错了：{detail}", "Error: {detail}"),
    "error.unknown_unit": (
        "单位“{unit}”不在单位登记表中；请使用登记表中的代码、名称或别名（见“目标登记”页）",
        'Unit "{unit}" is not in the unit register; use a code, name or alias from the register (see the Register page)',
    ),
    "error.bad_period": (
        "无法识别期间“{value}”；请写成 2019-06、2019Q2、2019H1 或 2019",
        'Cannot read the period "{value}"; write it as 2019-06, 2019Q2, 2019H1 or 2019',
    ),
    "error.database": ("数据库错误：{detail}", "Database error: {detail}"),
    "error.file_missing": ("找不到文件 {path}", "File not found: {path}"),
    "register.invalid": (
        "登记表有 {count} 处错误，未加载",
        "The register has {count} problem(s) and was not loaded",
    ),
    "register.summary": (
        "登记表有效：{plans} 个规划，{targets} 个目标，{indicators} 个指标，{metrics} 个报送项，{units} 个单位",
        "Registers valid: {plans} plan(s), {targets} targets, {indicators} indicators, {metrics} metrics, {units} units",
    ),
    "register.yaml_syntax": (
        "YAML 语法错误：这里的写法无法识别；请检查缩进、冒号和引号",
        "YAML syntax error: this cannot be read; check indentation, colons and quotes",
    ),
    "register.yaml.quote": ("YAML 语法错误：这一行的引号没有闭合；请补上配对的引号",
                            "YAML syntax error: a quote opened on this line is never closed; add the closing quote"),
    "register.yaml.colon": ("YAML 语法错误：这一行缺少冒号；请写成“名称: 值”",
                            'YAML syntax error: this line lacks its colon; write "name: value"'),
    "register.yaml.bracket": ("YAML 语法错误：这一行的方括号“[”没有闭合，或其中的项之间缺少逗号；请补上“]”或逗号",
                              'YAML syntax error: the "[" on this line is never closed, or a comma is missing between '
                              'its items; add the "]" or the comma'),
    "register.yaml.brace": ("YAML 语法错误：这一行的花括号“{{”没有闭合，或其中的项之间缺少逗号；请补上“}}”或逗号",
                            'YAML syntax error: the "{{" on this line is never closed, or a comma is missing between '
                            'its items; add the "}}" or the comma'),
    "register.yaml.extra_colon": ("YAML 语法错误：这里多了一个冒号；值中含冒号时请给整个值加引号，或检查缩进",
                                  "YAML syntax error: a colon too many here; quote a value that contains a colon, or "
                                  "check the indentation"),
    "register.yaml.tab": ("YAML 语法错误：这一行用了 Tab 键缩进；请改用空格", "YAML syntax error: this line is indented "
                          "with a tab; use spaces"),
    "register.yaml.indent": ("YAML 语法错误：这一行的缩进与上面的行不一致；同一层的项要用空格对齐",
                             "YAML syntax error: this line's indentation does not match the lines above; align items "
                             "of the same level with spaces"),
    "register.yaml.token": ("YAML 语法错误：这一行有无法识别的字符；请检查是否误用了全角符号或特殊字符",
                            "YAML syntax error: a character on this line cannot be read; check for full-width or "
                            "special characters"),
    "register.duplicate_key": (
        "键“{key}”重复出现（第一次在第 {first} 行）；请删除或合并其中一个",
        'Key "{key}" appears twice (first on line {first}); remove or merge one of them',
    ),
    "register.unknown_field": (
        "未知字段“{field}”；允许的字段：{allowed}",
        'Unknown field "{field}"; allowed fields: {allowed}',
    ),
    "register.missing_field": ("缺少必填字段“{field}”", 'Missing required field "{field}"'),
    "register.bad_value": (
        "字段“{field}”的值“{value}”无效：{detail}",
        'Field "{field}" has an invalid value "{value}": {detail}',
    ),
    "register.bad_choice": (
        "字段“{field}”的值“{value}”无效；可选：{allowed}",
        'Field "{field}" has an invalid value "{value}"; choose one of: {allowed}',
    ),
    "register.duplicate_code": (
        "{kind}代码“{code}”重复（第一次在第 {first} 行）；代码必须唯一",
        '{kind} code "{code}" is used twice (first on line {first}); codes must be unique',
    ),
    "register.unknown_ref": (
        "{field} 引用了不存在的{kind}“{code}”；请先在登记表中定义它或更正拼写",
        '{field} refers to an unknown {kind} "{code}"; define it in the register or correct the spelling',
    ),
    "register.percent_range": (
        "百分比指标的阈值 {value} 超出 0–100 范围；请填写 0 到 100 之间的数",
        "Threshold {value} of a percentage indicator is outside 0–100; use a number from 0 to 100",
    ),
    "register.deadline_outside": (
        "截止时间 {value} 不在规划期 {start} 至 {end} 之内；请改为规划期内的日期",
        "Deadline {value} is outside the plan period {start} to {end}; use a date within the plan",
    ),
    "register.milestone_away": (
        "{year} 年的阶段值 {value} 比上一阶段值 {previous} 更远离目标 {threshold}；阶段值应逐年接近目标",
        "Milestone {value} for {year} moves away from the threshold {threshold} (previous {previous}); milestones must approach the target",
    ),
    "register.milestone_year": (
        "阶段值年份 {year} 不在规划期 {start} 至 {end} 之内",
        "Milestone year {year} is outside the plan period {start} to {end}",
    ),
    "register.plan_or_plans": (
        "请写 plan:（一个规划，targets: 与之并列）或 plans:（多个规划，每个规划内写各自的 targets:），二者只能选一",
        "Write either plan: (one plan, with targets: beside it) or plans: (several plans, each with its own targets:), not both",
    ),
    "register.targets_in_plans": (
        "使用 plans: 时，目标应写在各规划的 targets: 之下，不能再写顶层 targets:",
        "With plans:, each plan lists its own targets:; remove the top-level targets:",
    ),
    "register.plans_overlap": (
        "规划“{plan}”的起始月份落在规划“{other}”的期间内；相继的规划不能重叠",
        'Plan "{plan}" starts inside plan "{other}"; successive plans must not overlap',
    ),
    "register.span_backwards": ("起始 {start} 晚于结束 {end}；请更正", "The start {start} is after the end {end}; correct it"),
    "register.duplicate_target": (
        "目标代码“{code}”已在规划“{plan}”中使用；各规划的目标代码须各不相同（例如加上年份）",
        'Target code "{code}" is already used in plan "{plan}"; target codes must differ across plans (add a year, say)',
    ),
    "register.adjustment_outside": (
        "调整生效月份 {value} 不在规划期 {start} 至 {end} 之内",
        "The adjustment's effective month {value} is outside the plan period {start} to {end}",
    ),
    "register.adjustment_empty": (
        "目标调整须写新的 threshold 或 deadline（或两者）",
        "An adjustment needs a new threshold or deadline (or both)",
    ),
    "register.baseline_both": (
        "基期值取自数据（from_data: true）时不能再写 value；请删除其中之一",
        "A baseline taken from the data (from_data: true) has no value of its own; remove one of them",
    ),
    "register.baseline_year": (
        "基期年份 {year} 须早于规划结束（{end}）",
        "The baseline year {year} must lie before the plan's end ({end})",
    ),
    "register.baseline_milestone": ("节点性任务没有基期值；请删除 baseline", "A dated task has no baseline; remove it"),
    "register.lineage_cycle": (
        "单位“{unit}”的沿革（predecessors）形成循环；请更正",
        'The lineage (predecessors) of unit "{unit}" runs in a circle; correct it',
    ),
    "register.clause_translation": (
        "规划原文的英文译文“{translation}”中的数字与原文“{clause}”的数字（{numbers}）不一致；请核对 clause_en",
        'The figures of the English translation "{translation}" are not those ({numbers}) of the clause "{clause}"; check clause_en',
    ),
    "register.clause_threshold": (
        "目标值 {threshold} 与引用的规划原文“{clause}”中的数字（{numbers}）不符，且没有记录调整；请核对，或在 adjustments 中写明调整依据",
        'The threshold {threshold} does not match the figures ({numbers}) of the quoted clause "{clause}" and no adjustment is recorded; check it, or record the adjustment under adjustments',
    ),
    "plans.span": ("{start}–{end}年", "{start}–{end}"),
    "plans.example": ("，示例", ", example"),
    "plans.label": ("{name}（{span}{example}）", "{name} ({span}{example})"),
    "plans.line": ("{code}\t{name}\t{start}–{end}\t{document}\t{n} 项目标{example}",
                   "{code}\t{name}\t{start} – {end}\t{document}\t{n} targets{example}"),
    "plans.chooser": ("规划", "Plan"),
    "plans.unknown": ("没有代码为“{plan}”的规划；现有规划：{plans}", 'There is no plan "{plan}"; the plans are: {plans}'),
    "register.needs_indicator": (
        "比较方式为“{comparison}”的目标必须填写 threshold，以及 indicator 或 metric 二者之一",
        'A target with comparison "{comparison}" needs a threshold and one of indicator or metric',
    ),
    "register.change_needs_both": (
        "变化类目标须写 comparison: change 和 change: {{percent: …}}（当前 comparison 为“{comparison}”）",
        'A change target needs both comparison: change and change: {{percent: …}} (comparison is "{comparison}")',
    ),
    "register.change_needs_baseline": (
        "变化类目标须填写基期值 baseline: {{value: …, year: …}}，目标值由基期值和变化幅度算出",
        "A change target needs a baseline value (baseline: {{value: …, year: …}}): its threshold is worked out from it",
    ),
    "register.change_sets_threshold": (
        "变化类目标的目标值由基期值和 change 算出，不能再写 threshold 或 maintain；请删除",
        "A change target's threshold follows from its baseline and change; remove threshold and maintain",
    ),
    "register.parent_cycle": (
        "单位上级关系形成循环：{cycle}；请更正 parent",
        "The unit tree has a cycle: {cycle}; correct the parent fields",
    ),
    "register.same_metric": (
        "分子和分母都是“{code}”；请改为两个不同的报送项",
        'Numerator and denominator are both "{code}"; use two different metrics',
    ),
    "register.components_mismatch": (
        "分子列了 {numerators} 个报送项、分母列了 {denominators} 个；两边应按顺序一一对应",
        "The numerator lists {numerators} metric(s) and the denominator {denominators}; they must pair up in order",
    ),
    "register.mixed_aggregation": (
        "指标的报送项汇总方式不一致（{kinds}）；同一指标只能全部是流量（sum）或全部是存量（last）",
        "The indicator mixes aggregations ({kinds}); its metrics must all be flows (sum) or all stocks (last)",
    ),
    "pyd.number": ("应为数字", "it must be a number"),
    "pyd.integer": ("应为整数", "it must be a whole number"),
    "pyd.bool": ("应为 true 或 false", "it must be true or false"),
    "pyd.text": ("应为文字", "it must be text"),
    "pyd.list": ("应为列表（如 [a, b]）", "it must be a list (e.g. [a, b])"),
    "pyd.mapping": ("应为键值对（如 {{value: 45, year: 2015}}）", "it must be a mapping (e.g. {{value: 45, year: 2015}})"),
    "pyd.date": ("应为日期，如 2020-12-31 或 2020-12", "it must be a date such as 2020-12-31 or 2020-12"),
    "pyd.month": ("应为年月，如 2016-01", "it must be a year and month such as 2016-01"),
    "pyd.ge": ("应不小于 {limit}", "it must be at least {limit}"),
    "pyd.gt": ("应大于 {limit}", "it must be above {limit}"),
    "pyd.le": ("应不大于 {limit}", "it must be at most {limit}"),
    "pyd.lt": ("应小于 {limit}", "it must be below {limit}"),
    "pyd.invalid": ("不符合要求", "it is not valid here"),
    "register.kind_metric": ("报送项", "metric"),
    "register.kind_plan": ("规划", "plan"),
    "register.kind_count_metric": ("计数类报送项", "count metric"),
    "register.kind_indicator": ("指标", "indicator"),
    "register.kind_target": ("目标", "target"),
    "register.kind_unit": ("单位", "unit"),
    "register.kind_unit_type": ("单位类型", "unit type"),
    "register.kind_unit_or_type": ("单位或单位类型", "unit or unit type"),
    "register.using_last_valid": (
        "目标登记表文件有 {count} 处错误，系统仍在使用上一次有效的登记表（北京时间 {loaded_at} 加载）；修正文件后此提示自动消失",
        "The register files have {count} errors; the last valid register (loaded {loaded_at}, Beijing time) is "
        "still in use. This notice goes away once the files are fixed",
    ),
    "register.see_problems": ("查看全部错误及修改方法", "See every error and how to fix it"),
}
REGISTER.update({
    "demo.real_data_present": (
        "数据库中已有真实数据，不能再加载示例数据；请使用一个空数据库（设置 TRACKER_DATABASE_URL）",
        "The database already holds real data, so the sample was not loaded; use an empty database (set TRACKER_DATABASE_URL)",
    ),
    "demo.loaded": ("已加载示例数据：{count} 个数值（示例数据，非真实统计）", "Sample data loaded: {count} values (示例数据, not real figures)"),
    "demo.skipped_real": ("数据库中已有真实数据，不加载示例数据", "The database holds real data; the sample was not loaded"),
    "demo.skipped_custom": ("使用的不是随附的登记表，不加载示例数据；数据库为空，请在“数据报送”页上传数据，或运行 python -m tracker import 文件名",
                            "The registers are not the shipped ones, so no sample is loaded; the database starts empty: upload data on the Upload page, or run python -m tracker import FILE"),
    "demo.already": ("示例数据已在数据库中，未重复加载", "The sample data is already in the database; nothing loaded"),
    "init.done": ("数据库已就绪（{url}），登记表已同步：{targets} 个目标，{units} 个单位",
                  "Database ready ({url}); registers synced: {targets} targets, {units} units"),
    "init.upgrading": ("正在升级数据库结构（{old} → {new}）：大型数据库可能需要几分钟，请勿中断……",
                       "Upgrading the database schema ({old} → {new}): a large database may take minutes; "
                       "do not interrupt …"),
})
REGISTER.update({
    "error.period_year": ("期间“{value}”的年份不在 {first}–{last} 之间；请检查年份", 'The year of the period "{value}" is not between {first} and {last}; check it'),
    "error.period_ambiguous_number": ("期间“{value}”是数字，无法区分 1 月和 10 月；请写成文本，如 2019-10",
                                      'The period "{value}" is a number and could be January or October; write it as text, e.g. 2019-10'),
})
