"""Wording of restore, backup and storage faults (read-only, full, locked, unreachable, damaged, NUL)."""

STORAGE: dict[str, tuple[str, str]] = {
    # a form's save refused because someone saved the same text since the form was opened (briefing text,
    # self-evaluation): what they saved stays; the form keeps what this user typed
    "error.edit_conflict": ("{what}已由 {user} 于 {at} 修改（第 {n} 版），在你打开表单之后；你的修改没有保存，仍保留在表单中。"
                            "请先查看对方的修改：再次点击保存将以你的内容覆盖，点击“载入最新内容”则放弃你的修改",
                            "{what} was changed by {user} at {at} (version {n}) after you opened the form; your changes "
                            "were not saved and are still in the form. Look at their changes first: saving again "
                            "replaces them with yours, \"Load the latest\" drops yours"),
    "form.load_latest": ("载入最新内容", "Load the latest"),
    "restore.not_sqlite": ("{path} 不是本系统的 SQLite 备份文件：文件开头不是 SQLite 数据库；当前数据库未作任何改动",
                           "{path} is not a backup of this tracker: it does not start as a SQLite database; the "
                           "database was not changed"),
    "restore.damaged": ("备份文件 {path} 已损坏（完整性检查：{detail}）；当前数据库未作任何改动，请换一个备份文件",
                        "The backup {path} is damaged (integrity check: {detail}); the database was not changed; "
                        "use another backup"),
    "restore.not_tracker": ("{path} 不是本系统的 SQLite 备份文件：没有数据库版本表；当前数据库未作任何改动",
                            "{path} is not a backup of this tracker: it has no schema version; the database was "
                            "not changed"),
    "restore.newer_schema": ("备份 {path} 的数据库版本 {schema} 不是本版本认识的版本（本版本最高为 {head}），可能来自"
                             "更新的版本；请用相应版本的程序恢复。当前数据库未作任何改动",
                             "The backup {path} is at schema {schema}, which this release does not know (its newest "
                             "is {head}): it may come from a newer release; restore it with that release. The "
                             "database was not changed"),
    "restore.cannot_upgrade": ("备份 {path}（数据库版本 {schema}）无法升级到本版本：{detail}；当前数据库未作任何改动",
                               "The backup {path} (schema {schema}) cannot be upgraded to this release: {detail}; "
                               "the database was not changed"),
    "restore.wrong_columns": ("备份 {path} 的表结构与本系统不符，缺少：{columns}；当前数据库未作任何改动",
                              "The backup {path} does not have this tracker's tables and columns; missing: "
                              "{columns}; the database was not changed"),
    "restore.holds": ("备份 {path}：数据库版本 {schema}；{values} 个当前数值（{first} 至 {last}）；{accounts} 个账号；"
                      "{events} 条操作记录（最近一条 {last_event}）",
                      "The backup {path}: schema {schema}; {values} current values ({first} to {last}); {accounts} "
                      "accounts; {events} audit events (the newest {last_event})"),
    "restore.holds_sample": ("备份中是示例数据", "The backup holds the sample data"),
    "restore.loss": ("照原样恢复将丢失当前数据库的 {accounts} 个账号（{names}）和 {events} 条操作记录",
                     "Restoring it as it is would lose {accounts} accounts ({names}) and {events} audit events "
                     "of the current database"),
    "restore.would_lose_both": ("未恢复：备份中没有当前数据库的 {accounts} 个账号（{names}）和 {events} 条操作记录。"
                                "加 --keep-accounts-and-audit 把它们带入恢复后的数据库，或加 "
                                "--drop-accounts-and-audit 照备份原样恢复",
                                "Not restored: the backup lacks {accounts} accounts ({names}) and {events} audit "
                                "events of the current database. Add --keep-accounts-and-audit to carry them into the "
                                "restored database, or --drop-accounts-and-audit to restore the backup as it is"),
    "restore.would_lose_accounts": ("未恢复：备份中没有当前数据库的 {accounts} 个账号（{names}）。加 "
                                    "--keep-accounts-and-audit 把它们带入恢复后的数据库，或加 "
                                    "--drop-accounts-and-audit 照备份原样恢复",
                                    "Not restored: the backup lacks {accounts} accounts ({names}) of the current "
                                    "database. Add --keep-accounts-and-audit to carry them into the restored "
                                    "database, or --drop-accounts-and-audit to restore the backup as it is"),
    "restore.would_lose_events": ("未恢复：备份中没有当前数据库的 {events} 条操作记录（备份之后的操作）。加 "
                                  "--keep-accounts-and-audit 把它们带入恢复后的数据库，或加 "
                                  "--drop-accounts-and-audit 照备份原样恢复",
                                  "Not restored: the backup lacks {events} audit events of the current database "
                                  "(what was done since). Add --keep-accounts-and-audit to carry them into the "
                                  "restored database, or --drop-accounts-and-audit to restore the backup as it is"),
    "restore.checked": ("已检查 {path}：可以恢复（未作任何改动）", "Checked {path}: it can be restored (nothing changed)"),
    "restore.kept": ("被替换的数据库已另存为 {path}", "The replaced database is kept as {path}"),
    "restore.carried": ("已带入当前数据库的 {accounts} 个账号和 {events} 条操作记录",
                        "Carried over {accounts} accounts and {events} audit events of the current database"),
    "cli.opt.restore_check": ("只检查备份并说明其内容，不恢复", "only check the backup and say what it holds"),
    "cli.opt.restore_keep": ("把当前数据库的账号和操作记录带入恢复后的数据库",
                             "carry the current accounts and audit trail into the restored database"),
    "cli.opt.restore_drop": ("照备份原样恢复账号和操作记录（当前的将只保留在另存的文件中）",
                             "restore the backup's accounts and audit trail as they are (the current ones stay only "
                             "in the kept file)"),
    "storage.read_only": ("无法写入数据库 {where}：文件或其所在文件夹是只读的（{detail}）；请让运行本系统的账户可写"
                          "该文件夹，或把 TRACKER_DATABASE_URL 指向可写的位置",
                          "Cannot write to the database {where}: it or its folder is read-only ({detail}); make the "
                          "folder writable for the account running the tracker, or point TRACKER_DATABASE_URL "
                          "elsewhere"),
    "storage.full": ("磁盘已满，无法写入数据库 {where}（{detail}）；未保存任何内容，请清理磁盘空间后重试",
                     "The disk is full; nothing was written to the database {where} ({detail}); free some space "
                     "and try again"),
    "storage.locked": ("数据库正忙：另一个进程长时间占用写入锁（{detail}）；请稍后重试，未保存任何内容",
                       "The database is busy: another process has held its write lock too long ({detail}); "
                       "nothing was written; try again in a while"),
    "storage.nul": ("输入中含有空字符（NUL，\\0），无法保存；请删除后重试",
                    "The input holds a NUL character (\\0), which cannot be stored; remove it and try again"),
    "storage.damaged": ("数据库文件 {where} 已损坏（{detail}）；请用 python -m tracker restore 从备份恢复",
                        "The database file {where} is damaged ({detail}); restore a backup with python -m tracker "
                        "restore"),
    "storage.cannot_open": ("无法打开数据库 {where}（{detail}）：请检查文件夹是否存在、是否可读写",
                            "Cannot open the database {where} ({detail}): check that its folder exists and can be "
                            "read and written"),
    "storage.unavailable": ("数据库服务器没有响应（{detail}）；请稍后重试，或请管理员检查数据库服务",
                            "The database server does not answer ({detail}); try again later, or ask the "
                            "administrator to check it"),
    "job.running": ("正在保存 {file}：已写入 {done}/{total}（可以离开本页，保存会继续完成）",
                    "Storing {file}: {done}/{total} written (you may leave this page; the store carries on)"),
    "job.failed": ("文件 {file} 未能保存：{error}。已保存的数据未受影响，请重新上传",
                   "The file {file} was not stored: {error}. Nothing stored before was affected; upload it again"),
    "job.interrupted": ("文件 {file}（{at} 开始保存）的保存被中断：程序在保存时停止，没有保存任何数值；请重新上传",
                        "Storing the file {file} (started {at}) was interrupted: the program stopped while it "
                        "stored, and no value was stored; upload it again"),
    "job.crashed": ("保存时出错（{detail}）", "An error while storing ({detail})"),
    "audit.action.import_unchanged": ("导入无变更", "import with nothing to store"),
    "audit.action.import_failed": ("导入失败", "import failed"),
    "audit.action.import_interrupted": ("导入被中断", "import interrupted"),
    "audit.detail.unchanged": ("未变", "unchanged"),
    "audit.detail.started": ("开始于", "started"),
    "audit.detail.kept": ("被替换的数据库另存为", "replaced database kept as"),
    "audit.detail.schema": ("备份的数据库版本", "backup's schema"),
    "audit.detail.accounts_kept": ("带入的账号", "accounts carried over"),
    "audit.detail.events_kept": ("带入的操作记录", "audit events carried over"),
}
