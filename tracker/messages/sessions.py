"""Wording of browser sessions (sign-in that survives a reload, sign-out), API tokens and the HTTP API."""

SESSIONS: dict[str, tuple[str, str]] = {
    "nav.home": ("首页", "Home"),
    "signin.out_all": ("在所有设备上退出", "Sign out everywhere"),
    "signin.out_all_help": ("结束本账号在所有浏览器和设备上的登录", "End this account's sign-in in every browser and device"),
    "signin.signed_out": ("已退出登录", "Signed out"),
    "signin.ended.sign_out": ("已在另一个标签页或窗口中退出登录；请重新登录",
                              "Signed out in another tab or window; sign in again"),
    "signin.ended.sign_out_all": ("已在所有设备上退出登录；请重新登录", "Signed out everywhere; sign in again"),
    "signin.ended.disabled": ("账号已停用，已退出登录", "The account was disabled; signed out"),
    "signin.ended.password_set": ("账号密码已重设，请用新密码重新登录", "The account's password was set anew; sign in with it"),
    "signin.ended.idle": ("长时间未操作，已自动退出；请重新登录", "Signed out after a while without activity; sign in again"),
    "audit.action.token_add": ("创建接口令牌", "API token created"),
    "audit.action.token_revoke": ("吊销接口令牌", "API token revoked"),
    "audit.action.api_call": ("接口调用", "API call"),
    "audit.reason.sign_out": ("本人退出", "signed out"),
    "audit.reason.sign_out_all": ("在所有设备上退出", "signed out everywhere"),
    "audit.reason.idle": ("长时间未操作", "idle too long"),
    "audit.reason.password_set": ("密码被重设", "password set"),
    "audit.detail.by": ("操作人", "by"),
    "audit.detail.sessions": ("会话数", "sessions"),
    "audit.detail.last_seen": ("最后活动", "last active"),
    "audit.detail.query": ("参数", "query"),
    "audit.detail.status": ("结果", "status"),
    "token.bad": ("缺少接口令牌，或令牌无效、已吊销", "No API token, or an unknown or revoked one"),
    "token.bad_name": ("令牌名“{name}”无效：请用 2–64 个字母、数字、下划线、点、@ 或减号",
                       'Invalid token name "{name}": use 2–64 letters, digits, _ . @ or -'),
    "token.exists": ("令牌“{name}”已存在", 'A token named "{name}" exists already'),
    "token.unknown": ("没有名为“{name}”的令牌；用 python -m tracker token list 查看全部令牌",
                      'No token named "{name}"; python -m tracker token list shows them all'),
    "token.created": ("已创建令牌 {name}（{role}）。令牌只显示这一次，请妥善保存：",
                      "Created token {name} ({role}). It is shown this once only; keep it safe:"),
    "token.revoked": ("已吊销令牌 {name}", "Revoked token {name}"),
    "token.none": ("还没有接口令牌", "No API tokens yet"),
    "token.state_revoked": ("已吊销 {at}（{by}）", "revoked {at} by {by}"),
    "token.state_live": ("有效", "live"),
    "token.never_used": ("未使用", "never used"),
    "api.bad_param": ("参数 {name} 的值“{value}”无效：{fix}", 'Parameter {name}: "{value}" is not valid; {fix}'),
    "api.missing_param": ("缺少参数 {name}", "The parameter {name} is missing"),
    "api.fix_month": ("请写成 2018-06", "write it as 2018-06"),
    "api.fix_choice": ("可选：{allowed}", "choose one of: {allowed}"),
    "api.fix_period": ("请写成 2019-06、2019Q2、2019H1 或 2019", "write it as 2019-06, 2019Q2, 2019H1 or 2019"),
    "api.not_found": ("没有这个接口；接口说明见 /api/v1/openapi.json", "No such endpoint; see /api/v1/openapi.json"),
}
SESSIONS.update({
    "feeds.bad_type": ("没有“{value}”这类单位；可选：{allowed}", 'No unit type "{value}"; choose one of: {allowed}'),
    "cli.cmd.scorecard": ("单位记分卡：各单位 × 各目标的数值、状态和环比（表格、JSON 或 CSV）",
                          "the unit scorecard: each unit × each target, its value, status and change (table, JSON or CSV)"),
    "cli.cmd.values": ("已保存的当前数值（按单位、报送项和期间筛选；CSV 或 JSON）",
                       "the current stored values, by unit, metric and periods (CSV or JSON)"),
    "cli.opt.from": ("起始期间，如 2019-01", "first period, e.g. 2019-01"),
    "cli.opt.to": ("截止期间，如 2019-06", "last period, e.g. 2019-06"),
    "cli.cmd.token": ("管理接口令牌：add、list、revoke", "manage API tokens: add, list, revoke"),
    "cli.cmd.token_add": ("为一个角色创建接口令牌（只显示一次）", "create an API token for a role (shown once)"),
    "cli.cmd.token_list": ("列出接口令牌（不显示令牌本身）", "list the API tokens (never the secret)"),
    "cli.cmd.token_revoke": ("吊销接口令牌", "revoke an API token"),
    "scorecard.line": ("{unit}：{items}", "{unit}: {items}"),
})
SESSIONS.update({
    "plan.col_column": ("列", "Column"),
    "remind.title": ("催报名单", "Reminder list"),
    "remind.caption": ("未报齐或逾期报送的单位及其联系方式（来自单位登记表），可复制后逐一催报，或下载催报通知。",
                       "Units that have not reported in full, or reported late, with their contact lines from the unit "
                       "register: copy the table, or download the reminder notice."),
    "remind.none": ("{period} 没有需要催报的单位", "No unit to remind for {period}"),
    "remind.col_state": ("情况", "State"),
    "remind.col_lacking": ("未报项目", "Values missing"),
    "remind.col_late": ("逾期项数", "Late values"),
    "remind.col_contact": ("联系方式", "Contact"),
    "remind.state_missing": ("{n} 项未报", "{n} values missing"),
    "remind.state_late": ("已报齐，{n} 项逾期", "in full, {n} late"),
    "remind.no_contact": ("单位登记表中未填联系方式", "no contact line in the unit register"),
    "remind.download": ("下载催报通知（Word）", "Download the reminder notice (Word)"),
    "remind.download_csv": ("下载催报名单（CSV）", "Download the reminder list (CSV)"),
    "remind.doc_title": ("关于报送{period}政务服务数据的催报通知", "Reminder: government-service figures for {period}"),
    "remind.doc_to": ("各有关单位：", "To the units concerned:"),
    "remind.doc_body": ("{period}政务服务数据应于{deadline}前报送。截至{today}，全区应报 {expected} 项、已报 {received} 项，下列 {n} 个单位尚未报齐或逾期报送：",
                        "The figures for {period} are due by {deadline}. As of {today}, {received} of {expected} values "
                        "are in; the {n} units below have not reported in full, or reported late:"),
    "remind.doc_body_overdue": ("{period}政务服务数据报送截止日期（{deadline}）已过。截至{today}，全区应报 {expected} 项、已报 {received} 项，下列 {n} 个单位尚未报齐或逾期报送：",
                                "The deadline for the figures for {period} ({deadline}) has passed. As of {today}, "
                                "{received} of {expected} values are in; the {n} units below have not reported in "
                                "full, or reported late:"),
    "remind.doc_ask": ("请上述单位尽快通过系统“数据报送”页补报，报送前可下载报送模板；逾期报送的单位请注意按时报送。",
                       "Please report the missing values on the Upload page as soon as possible (a template can be "
                       "downloaded there); units that reported late, please keep to the deadline."),
    "remind.doc_contact": ("联系人：{office}，{contact}。", "Contact: {office}, {contact}."),
    "export.tab_reminder": ("催报通知", "Reminder notice"),
})
SESSIONS["remind.make"] = ("生成催报通知", "Make the reminder notice")
SESSIONS.update({
    "upload.tab": ("{kind}（{n}）", "{kind} ({n})"),
    "upload.file_help": ("选择 Excel（.xlsx、.xls）、WPS/LibreOffice（.ods）或 CSV 文件，单个文件不超过 {mb} MB；"
                         "也可以把文件拖到下面的框里。",
                         "Choose an Excel (.xlsx, .xls), WPS/LibreOffice (.ods) or CSV file of at most {mb} MB, or "
                         "drop it on the box below."),
    "upload.browse": ("浏览文件", "Browse files"),
    "upload.drop": ("将文件拖放到此处", "Drop the file here"),
    "upload.limits": ("单个文件不超过 {mb} MB · {types}", "At most {mb} MB per file · {types}"),
    "mine.title": ("我的单位 · {period}", "My units · {period}"),
    "mine.month": ("报送月份", "Month"),
    "mine.all_in": ("{period}的数据已全部报送", "Everything for {period} is in"),
    "mine.missing": ("{period}还有 {n} 项未报，截止日期 {deadline}", "{n} values for {period} still missing; due {deadline}"),
    "mine.overdue": ("{period}还有 {n} 项未报，已过截止日期 {deadline}", "{n} values for {period} still missing; the deadline {deadline} has passed"),
    "mine.template": ("下载本月报送模板（{unit}）", "Download this month's template ({unit})"),
    "mine.rejected": ("最近被拒收的文件", "Files rejected lately"),
    "mine.rejected_caption": ("每个文件的全部问题在上传时列出；修改后重新上传即可。", "Every problem of a file is listed when it is uploaded; fix them and upload it again."),
    "mine.col_at": ("时间", "When"),
    "mine.col_file": ("文件", "File"),
    "mine.col_problems": ("问题数", "Problems"),
    "mine.col_first": ("第一个问题", "First problem"),
})
SESSIONS.update({
    "print.title": ("规划目标总览", "Plan progress overview"),
    "print.line": ("截至 {as_of} · {window} · 内容版本 {version} · 生成于 {at}（北京时间）",
                   "As of {as_of} · {window} · content version {version} · made {at} (Beijing time)"),
    "print.footer": ("{plan} · {issuer}", "{plan} · {issuer}"),
    "print.make": ("生成打印版（A4 横向）", "Make the printable page (A4 landscape)"),
    "print.pdf": ("下载 PDF", "Download PDF"),
    "print.png": ("下载 PNG", "Download PNG"),
    "print.no_font": ("找不到中文字体 {font}；请安装 fonts-noto-cjk（Debian/Ubuntu：apt install fonts-noto-cjk）",
                      "The CJK font {font} is missing; install fonts-noto-cjk (Debian/Ubuntu: apt install fonts-noto-cjk)"),
    "export.tab_overview": ("总览打印版", "Printable overview"),
    "cli.cmd.export_overview": ("总览打印版：一页 A4 横向（PDF 或 PNG）", "the printable overview: one A4 landscape page (PDF or PNG)"),
    "cli.opt.overview_out": ("输出文件 .pdf 或 .png", "output file .pdf or .png"),
})
SESSIONS.update({
    "units.rank_alone": ("同类仅此一个单位，不排名", "the only unit of its type: not ranked"),
    "units.legend_arrows": ("▲▼＝ 与上一期比较；点列标题可排序", "▲▼＝ against the previous period; click a column header to sort"),
    "units.page": ("页码", "Page"),
    "units.page_of": ("第 {first}–{last} 个单位，共 {total} 个", "Units {first}–{last} of {total}"),
    "units.page_one": ("第 {first} 个单位，共 {total} 个", "Unit {first} of {total}"),
    "units.legend_paged": ("▲▼＝ 与上一期比较；点列标题只排本页，要在全部单位中比较，请用上方“{filter}”",
                           "▲▼＝ against the previous period; a column header sorts this page only: to compare every "
                           "unit, use “{filter}” above"),
    "units.sorted_by": ("按“{target}”排序，该列固定在最左侧", "Sorted by “{target}”, kept as the first column"),
})
SESSIONS["accounts.units_placeholder"] = ("选择单位（填报员必选）", "Choose units (a reporter needs one)")
SESSIONS.update({
    "change.judged": ("{change}（{judgement}）", "{change} ({judgement})"),
    "change.better": ("向好", "better"),
    "change.worse": ("变差", "worse"),
})
SESSIONS["sentence.no_data_only"] = ("{name}：所选期间无数据", "{name}: no data in the selected window")
SESSIONS.update({
    "ui.no_rows": ("（没有记录）", "(nothing to show)"),
    "audit.all_users": ("全部账号", "Every account"),
})
