"""Wording of what a unit adds to its own self-evaluation (seed 003): its sections, per-item approvals, 即办即走,
锦旗 and complaints — in the document, on the 导出 page's form, on the command line, and their refusals."""

SELFEVAL_ITEMS: dict[str, tuple[str, str]] = {
    "action.self_text": ("填写本单位自评报告内容", "write a unit's own self-evaluation text"),
    "audit.action.self_text": ("填写自评报告内容", "self-evaluation text saved"),
    # the sections, headed as seed 003 heads them
    "selftext.section.opening": ("开头（导语）", "Opening"),
    "selftext.section.reform": ("行政审批事项改革及实施情况", "Reform and handling of administrative approvals"),
    "selftext.section.efficiency": ("优化政务服务效能情况", "Improving service efficiency"),
    "selftext.section.mechanisms": ("推进机制建立情况", "Mechanisms established"),
    "selftext.section.innovation": ("创新方式情况", "New ways of working"),
    "selftext.section.problems": ("存在问题", "Shortcomings"),
    "selftext.section.plan": ("下一步工作计划", "Plans for next year"),
    "selftext.items": ("事项审批情况", "Approvals per item"),
    "selftext.field.name": ("事项名称", "item"),
    "selftext.field.applications": ("收到申请（件）", "applications (cases)"),
    "selftext.field.accepted": ("受理（件）", "accepted (cases)"),
    "selftext.field.on_time": ("按时办结（件）", "completed on time (cases)"),
    "selftext.field.approved": ("审批同意（件）", "approved (cases)"),
    "selftext.field.on_the_spot_share": ("即办即走比例（%）", "handled on the spot (%)"),
    "selftext.field.on_the_spot_count": ("即办即走件数（件）", "handled on the spot (cases)"),
    "selftext.field.banners": ("锦旗（面）", "banners of thanks"),
    "selftext.field.praise_letters": ("表扬信（封）", "letters of praise"),
    "selftext.field.complaints": ("举报投诉案件（件）", "complaints (cases)"),
    # refusals: the field (and item), the value, the fix
    "selftext.invalid": ("{source}：自评报告内容有 {count} 处问题，未保存任何内容",
                         "{source}: {count} problem(s) in the self-evaluation text; nothing was saved"),
    "selftext.control": ("“{field}”含有空字符（NUL）或其他控制字符，无法保存；请删除后重试",
                         '"{field}" holds a NUL or another control character and cannot be saved; remove it'),
    "selftext.too_long": ("“{field}”有 {value} 个字符，超过上限 {limit}；请删减或分段写入其他部分",
                          '"{field}" has {value} characters, over the limit of {limit}; shorten it'),
    "selftext.not_whole": ("{item_name}“{field}”应为整数件数，收到“{value}”；请填写整数",
                           '{item_name}"{field}" must be a whole number, got "{value}"; enter a whole number'),
    "selftext.negative": ("{item_name}“{field}”不能为负数（{value}）；请填写 0 或正整数",
                          '{item_name}"{field}" cannot be negative ({value}); enter 0 or more'),
    "selftext.too_large": ("{item_name}“{field}”为 {value}，超过上限 {limit}；请核对数字",
                           '{item_name}"{field}" is {value}, over the limit of {limit}; check the figure'),
    "selftext.not_number": ("“{field}”应为 0–100 之间的数字，收到“{value}”；请填写如 70",
                            '"{field}" must be a number between 0 and 100, got "{value}"; enter e.g. 70'),
    "selftext.share_range": ("“{field}”为 {value}，应在 0–100 之间；请填写百分数，如 70 表示 70%",
                             '"{field}" is {value}, outside 0–100; enter a percentage, e.g. 70 for 70%'),
    "selftext.share_and_count": ("同时填写了即办即走比例（{value}%）和件数（{count}）；请只填其一：件数可由受理业务量算出比例",
                                 "Both a share ({value}%) and a count ({count}) of cases handled on the spot; enter "
                                 "one: the share is computed from the count and the volume"),
    "selftext.too_many_items": ("事项有 {value} 项，超过上限 {limit}；请只列报告所需事项",
                                "{value} items, over the limit of {limit}; list those the report needs"),
    "selftext.item_no_name": ("第 {n} 项事项没有名称；请填写事项名称，或删除该行",
                              "Item {n} has no name; name it or remove the row"),
    "selftext.of_item": ("事项“{name}”的", 'item "{name}": '),
    "selftext.item_bad_name": ("事项名称“{value}”过长（上限 {limit} 字）或含控制字符；请改短",
                               'The item name "{value}" is too long (limit {limit}) or holds control characters; '
                               "shorten it"),
    "selftext.item_twice": ("事项“{value}”列了两次；请合并为一行", 'The item "{value}" is listed twice; merge the rows'),
    "selftext.item_no_applications": ("事项“{item_name}”没有填写收到申请件数；请填写（没有申请填 0）",
                                      'The item "{item_name}" has no number of applications; enter it (0 if none)'),
    "selftext.item_above": ("事项“{item_name}”的{field}为 {value}，大于{whole} {bound}；{field}不能多于{whole}，请核对后改正",
                            'For the item "{item_name}", {field} is {value}, more than {whole} {bound}; {field} '
                            "cannot exceed {whole}: check and correct the figures"),
    "selftext.unknown_key": ("不认识的键“{key}”；可用：{allowed}", 'Unknown key "{key}"; use one of: {allowed}'),
    "selftext.item_not_mapping": ("items 的第 {n} 项应为“键: 值”形式（name、applications …）",
                                  "Item {n} of items must be a mapping (name, applications …)"),
    "selftext.bad_yaml": ("不是有效的 YAML：{detail}；请检查缩进和冒号", "Not valid YAML: {detail}; check indentation and colons"),
    "selftext.not_mapping": ("文件应为“键: 值”形式（sections、items、banners …），请参照 README 的示例",
                             "The file must be a mapping (sections, items, banners …); see the example in the README"),
    "selftext.items_not_list": ("items 应为列表（每项以“- name: …”开头）", 'items must be a list (each item "- name: …")'),
    # the document, in seed 003's wording
    "selftext.doc.items": ("{year}年全年，{parts}。", "In {year}: {parts}."),
    "selftext.doc.item": ("收到“{name}”申请{n}", 'applications for "{name}": {n}'),
    "selftext.doc.item_accepted": ("受理{n}", "accepted {n}"),
    "selftext.doc.item_on_time": ("按时办结{n}", "completed on time {n}"),
    "selftext.doc.item_approved": ("其中审批同意{n}", "of which approved {n}"),
    "selftext.doc.item_refused": ("审批不同意{n}", "not approved {n}"),
    "selftext.doc.item_sep": ("，", ", "),
    "selftext.doc.items_sep": ("；", "; "),
    "selftext.doc.share": ("{share}受理事项达到即办即走。", "{share} of cases were handled on the spot."),
    "selftext.doc.count_share": ("即办即走业务{n}，占受理业务量的{share}。",
                                 "{n} handled on the spot, {share} of the cases accepted."),
    "selftext.doc.count": ("即办即走业务{n}。", "{n} handled on the spot."),
    "selftext.doc.no_complaints": ("{year}年全年，没有收到相关举报投诉案件。", "In {year} no complaint was received."),
    "selftext.doc.complaints": ("{year}年全年，收到相关举报投诉案件{n}。", "Complaints received in {year}: {n}."),
    "selftext.doc.thanks": ("全年共收到{parts}。", " Received during the year: {parts}."),
    "selftext.doc.banners": ("锦旗{n}面", "{n} banner(s) of thanks"),
    "selftext.doc.letters": ("表扬信{n}封", "{n} letter(s) of praise"),
    "selftext.doc.thanks_sep": ("、", ", "),
    "selftext.doc.cases": ("{n} 件", "{n} cases"),
    # the 导出 page's form
    "selftext.form_title": ("本单位填写的自评内容", "What the unit adds to its self-evaluation"),
    "selftext.form_help": ("以下内容按街道年度自评报告的惯例（如南华西街道2016年度自评报告）的顺序印入报告；未填写的部分不出现在"
                           "报告中。每次保存都是新的版本，旧版本保留。",
                           "Printed in the self-evaluation in the order street reports use (e.g. Nanhuaxi's 2016 "
                           "report); whatever is left empty is left out. Each save is a new version; earlier ones "
                           "are kept."),
    "selftext.saved_by": ("当前版本：{user} 于 {at} 保存（第 {n} 版，共 {total} 版）",
                          "Current version: saved by {user} at {at} (version {n} of {total})"),
    "selftext.none_saved": ("{unit}{year}年尚未保存任何自评内容；报告只含系统数据和起草的部分。",
                            "Nothing saved yet for {unit}, {year}: the report holds the figures and the drafted "
                            "sections only."),
    "selftext.save": ("保存自评内容", "Save the self-evaluation text"),
    "selftext.saved": ("已保存（第 {n} 版）", "Saved (version {n})"),
    "selftext.read_only": ("您的账号可查看但不能修改本单位的自评内容。", "Your account may read but not change this text."),
    "selftext.clerk_caption": ("本单位年度自评报告中由单位填写的内容；报告由规划员或领导导出。",
                               "What your unit adds to its annual self-evaluation; planners and leaders make the "
                               "report."),
    "selftext.no_units": ("您的账号没有分配可填写自评报告的单位（中心、大厅或街道）；如需填写请联系管理员",
                          "Your account has no unit (centre, hall or street) whose self-evaluation it may write; ask "
                          "an administrator"),
    "selftext.history": ("历史版本", "Earlier versions"),
    "selftext.history_row": ("{at} · {user}", "{at} · {user}"),
    "selftext.items_help": ("每行一个事项；空行不保存。审批同意、按时办结不能多于受理，受理不能多于收到申请。",
                            "One item a row; empty rows are not saved. Approved and on time cannot exceed accepted, "
                            "accepted cannot exceed applications."),
    "selftext.counts": ("即办即走、锦旗和投诉", "On the spot, thanks and complaints"),
    "selftext.share_help": ("填比例（如 70）或件数之一；填件数时按受理业务量计算比例。",
                            "Enter the share (e.g. 70) or the count; a count is turned into a share of the volume."),
    # the command line
    "selftext.cli_saved": ("已保存 {unit} {year} 年的自评内容（第 {n} 版）：{sections} 个部分，{items} 个事项",
                           "Saved the self-evaluation text of {unit}, {year} (version {n}): {sections} section(s), "
                           "{items} item(s)"),
    "selftext.cli_none": ("{unit} {year} 年没有保存的自评内容", "No self-evaluation text saved for {unit}, {year}"),
    "selftext.cli_header": ("# {unit} {year} 年自评内容，第 {n} 版，{user} 于 {at} 保存",
                            "# {unit}, {year}: version {n}, saved by {user} at {at}"),
    "selftext.cli_unreadable": ("无法读取 {file}：{detail}", "Cannot read {file}: {detail}"),
    "selftext.cli_too_big": ("文件 {file} 超过 {limit} KB，未读取；自评内容文件应为几 KB 的 YAML，请检查是否选错了文件",
                             "{file} is over {limit} KB and was not read; a self-evaluation file is a YAML of a few "
                             "KB: check that it is the right file"),
}
SELFEVAL_ITEMS.update({
    "selftext.h.numbered": ("{n}、{text}", "{n}. {text}"),
    "selftext.h.targets": ("规划目标完成情况", "The plan's targets"),
})
SELFEVAL_ITEMS.update({
    "cli.cmd.selftext": ("单位自评报告中由单位填写的内容（各部分文字、事项审批、即办即走、锦旗、投诉）",
                         "What a unit adds to its self-evaluation (sections, per-item approvals, on the spot, "
                         "thanks, complaints)"),
    "cli.cmd.selftext_set": ("从 YAML 文件保存（新版本，旧版本保留）", "Save from a YAML file (a new version; earlier "
                                                                  "ones are kept)"),
    "cli.cmd.selftext_show": ("以 YAML 显示当前版本（可修改后再 set）", "Show the current version as YAML (edit it "
                                                                 "and set it again)"),
    "cli.opt.selftext_file": ("YAML 文件（UTF-8），格式见 examples/selfeval_nanhuaxi_2016.yaml",
                              "a YAML file (UTF-8), as examples/selfeval_nanhuaxi_2016.yaml"),
    "cli.opt.selftext_history": ("显示全部版本（最新在前）", "show every version, newest first"),
})
