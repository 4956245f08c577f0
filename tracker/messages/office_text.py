"""Wording of the briefing's own sections (the office's text per issue): their titles, the ranking sentence, the
refusals, the 导出 page's form and the `briefing-text` command."""

OFFICE_TEXT: dict[str, tuple[str, str]] = {
    "action.briefing_text": ("填写简报文字", "write the briefing's own text"),
    "audit.action.briefing_text": ("填写简报文字", "briefing text written"),
    # the sections, in the order the briefing prints them
    "office.section.assessment": ("考核情况", "Assessment"),
    "office.section.assessment_branches": ("分中心考核情况", "Branch centres' assessment"),
    # 考核情况 titled as seed 000 does when the branch centres have their own: 中心考核情况, 分中心考核情况
    "office.section.assessment_centre": ("中心考核情况", "The centre's assessment"),
    "office.form_assessment": ("考核情况（另填分中心考核情况时，此处为中心考核情况）",
                               "Assessment (the centre's, when the branch centres' is written below)"),
    "office.section.ranking": ("省“好差评”榜单", "Provincial 好差评 ranking"),
    "office.section.hotline_topics": ("12345 投诉热点", "12345 complaint topics"),
    "office.section.supervision": ("效能监察情况", "Efficiency supervision"),
    "office.section.news": ("工作动态", "Work news"),
    "office.section.briefs": ("政务简讯", "News in brief"),
    "office.section.stars": ("服务之星", "Service stars"),
    "office.top": ("{n}、{title}", "{n}. {title}"),
    # seed 001: 根据省“好差评”榜单显示,南沙区2021年5月份政务服务综合评分为9.7分,全市各区排名第7名。
    "office.ranking_both": ("根据省“好差评”榜单显示，{district}{year}年{month}月份政务服务综合评分为 {score} 分，"
                            "全市各区排名第 {rank} 名。",
                            "On the province's 好差评 ranking, {district} scored {score} for government services in "
                            "{label}, ranking No. {rank} among the city's districts."),
    "office.ranking_score": ("根据省“好差评”榜单显示，{district}{year}年{month}月份政务服务综合评分为 {score} 分。",
                             "On the province's 好差评 ranking, {district} scored {score} for government services in "
                             "{label}."),
    "office.ranking_rank": ("根据省“好差评”榜单显示，{district}{year}年{month}月份政务服务综合评分全市各区排名第 "
                            "{rank} 名。",
                            "On the province's 好差评 ranking, {district} ranked No. {rank} among the city's districts "
                            "for government services in {label}."),
    # refusals: what, where, the value, the fix; nothing is stored
    "office.rejected": ("简报文字未保存", "The briefing's text was not saved"),
    "office.unknown_section": ("没有名为“{name}”的简报栏目，未保存；可用的栏目：{known}",
                               'There is no briefing section called "{name}"; nothing was saved. The sections: '
                               "{known}"),
    "office.not_month": ("“{period}”不是一个月份，未保存：简报按月编写，请写成 2017-10 这样的月份",
                         '"{period}" is not a month; nothing was saved. Briefings are monthly: write the month as '
                         "2017-10"),
    "office.nul": ("{month}简报【{section}】第 {line} 行含有空字符（NUL，\\0），未保存；请删除该字符后重试",
                   'Line {line} of "{section}" for the {month} briefing holds a NUL character (\\0); nothing was '
                   "saved. Remove it and try again"),
    "office.control": ("{month}简报【{section}】第 {line} 行含有不可打印的控制字符（{code}），未保存；请删除该字符后重试"
                       "（多见于从终端或网页复制的文字）",
                       'Line {line} of "{section}" for the {month} briefing holds an unprintable control character '
                       "({code}); nothing was saved. Remove it and try again (it often comes with text copied from a "
                       "terminal or a web page)"),
    "office.too_long": ("{month}简报【{section}】有 {chars} 字，超过上限 {limit} 字，未保存；请删减后重试",
                        '"{section}" for the {month} briefing has {chars} characters, more than the {limit} allowed; '
                        "nothing was saved. Shorten it and try again"),
    "office.numbers_ranking_only": ("综合评分和排名只能填在【省“好差评”榜单】，不能填在{month}简报【{section}】中；未保存",
                                    'A score and a rank belong to the "Provincial 好差评 ranking" section only, not to '
                                    '"{section}" of the {month} briefing; nothing was saved'),
    "office.bad_score": ("{month}简报的综合评分“{value}”无效，未保存：应为 0 到 100 之间的数（如 9.7 或 92.5）",
                         'The score "{value}" for the {month} briefing is not valid; nothing was saved. Give a number '
                         "from 0 to 100 (e.g. 9.7 or 92.5)"),
    "office.bad_rank": ("{month}简报的排名“{value}”无效，未保存：应为 1 或更大的整数（第 1 名最前）",
                        'The rank "{value}" for the {month} briefing is not valid; nothing was saved. Give a whole '
                        "number of 1 or more (1 is first)"),
    # the 导出 page's form
    "office.form_title": ("本期简报文字：考核情况、工作动态、政务简讯等（{month}）",
                          "The briefing's own text: assessment, news, news in brief … ({month})"),
    "office.form_help": ("这些栏目由办公室填写，按月保存，每次修改都保留修订记录；留空的栏目不出现在简报中。每行为一段；"
                         "在效能监察、工作动态、政务简讯、服务之星中，以“（一）”等开头的短行作为小标题，从表格粘贴的多行"
                         "（以制表符分隔）作为表格，第一行为表头。",
                         "The office writes these sections; they are kept per month, every edit with its history. An "
                         "empty section is left out of the briefing. Each line is a paragraph; in supervision, news, "
                         "news in brief and service stars a short line beginning with （一） etc. is a subheading, and lines "
                         "pasted from a spreadsheet (tab-separated) are a table, the first line its header."),
    "office.score": ("省“好差评”综合评分（0–100）", "Provincial 好差评 score (0–100)"),
    "office.rank": ("全市各区排名（第几名）", "Rank among the city's districts (1 = first)"),
    "office.ranking_comment": ("省“好差评”榜单：说明（可不填）", "Provincial 好差评 ranking: comment (optional)"),
    "office.by": ("{user} 于 {at} 保存（第 {n} 次修订）", "Saved by {user} at {at} (revision {n})"),
    "office.empty": ("未填写：简报中不出现此栏目", "Not written: the briefing leaves this section out"),
    "office.save": ("保存简报文字", "Save the briefing's text"),
    "office.saved": ("已保存：{sections}", "Saved: {sections}"),
    "office.unchanged": ("内容未改变，没有保存新的修订", "Nothing changed; no new revision was saved"),
    "office.history": ("简报文字修订记录（{n} 次）", "Revisions of the briefing's text ({n})"),
    "office.history_line": ("{section}：{user} 于 {at}（第 {n} 次修订）", "{section}: {user} at {at} (revision {n})"),
    "office.readonly": ("只有规划员可以填写简报文字；已填写的内容见下方预览。",
                        "Only planners write the briefing's own text; what is written shows in the preview below."),
    "office.numbers": ("综合评分 {score}，排名第 {rank} 名", "score {score}, rank {rank}"),
    # python -m tracker briefing-text
    "cli.cmd.briefing_text": ("简报中由办公室填写的栏目（考核情况、工作动态、政务简讯等）：set 保存，show 查看",
                              "the briefing's own sections written by the office (assessment, news, news in brief …): "
                              "set saves, show shows"),
    "cli.cmd.briefing_text_set": ("保存某月简报一个栏目的文字（新修订，旧的保留）",
                                  "save one section's text for a month's briefing (a new revision; the old ones stay)"),
    "cli.cmd.briefing_text_show": ("查看某月简报各栏目的文字", "show the text of each section of a month's briefing"),
    "cli.opt.office_section": ("栏目：考核情况（或中心考核情况）、分中心考核情况、好差评榜单、投诉热点、效能监察情况、工作动态、"
                               "政务简讯、服务之星（或英文代码）",
                               "section: assessment (the centre's), assessment_branches, ranking, hotline_topics, "
                               "supervision, news, briefs, stars (or its Chinese title)"),
    "cli.opt.office_file": ("文字所在的文本文件（UTF-8 或 GBK；- 为标准输入），每行一段",
                            "the text file (UTF-8 or GBK; - for standard input), a paragraph a line"),
    "cli.opt.office_clear": ("清空该栏目（简报中不再出现；修订记录保留）",
                             "empty the section (the briefing leaves it out; its history stays)"),
    "cli.opt.office_score": ("省“好差评”综合评分（0–100，仅好差评榜单栏目）",
                             "the provincial 好差评 score (0–100; ranking section only)"),
    "cli.opt.office_rank": ("全市各区排名（1 或更大，仅好差评榜单栏目）",
                            "the rank among the city's districts (1 or more; ranking section only)"),
    "cli.opt.office_history": ("列出每次修订", "list every revision"),
    "office.cli.need_something": ("请给出 --file、--score、--rank 或 --clear 之一",
                                  "give --file, --score, --rank or --clear"),
    "office.cli.unreadable": ("无法读取文件 {path}：{reason}", "Cannot read the file {path}: {reason}"),
    "office.cli.saved": ("已保存{month}简报【{section}】（{chars} 字）", 'Saved "{section}" of the {month} briefing '
                         "({chars} characters)"),
    "office.cli.unchanged": ("{month}简报【{section}】与已保存的相同，没有保存新的修订",
                             '"{section}" of the {month} briefing is as stored; no new revision was saved'),
    "office.cli.none": ("{month}简报尚无办公室填写的栏目", "No section of the {month} briefing has been written"),
    "office.cli.header": ("==【{section}】{by}", "== {section}: {by}"),
}
