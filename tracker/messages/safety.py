"""Wording of the register's safe loading (aliases, recursion, values that do not convert) and of the
cross-metric consistency rules."""

SAFETY: dict[str, tuple[str, str]] = {
    "register.bad_scalar": ("值“{value}”无法读取：{detail}", 'The value "{value}" cannot be read: {detail}'),
    "register.too_many_digits": ("数字位数过多（最多 15 位）", "it has too many digits (15 at most)"),
    "register.yaml_aliases": ("YAML 别名（*名称）展开超过 {limit} 个节点，文件未读取；登记表不需要这样的别名，请删除",
                              "YAML aliases (*name) would expand beyond {limit} nodes; the file was not read. A "
                              "register needs no such aliases: remove them"),
    "register.yaml_recursive": ("YAML 别名引用了它自身所在的结构（递归），文件未读取；请删除该别名",
                                "A YAML alias refers to the structure it is in (recursion); the file was not read. "
                                "Remove the alias"),
    "register.yaml_too_deep": ("YAML 嵌套超过 {limit} 层，文件未读取；登记表只有几层，请检查缩进和括号",
                               "The YAML nests deeper than {limit} levels; the file was not read. A register has a "
                               "few levels: check the indentation and brackets"),
    "register.too_large": ("登记表文件超过 {limit}，未读取", "The register file is larger than {limit} and was not read"),
    "register.kind_consistency": ("一致性规则", "consistency rule"),
    "import.inconsistent": ("{unit} {period} 的 {left}（{left_value}）{relation} {right}（{right_value}），不符合"
                            "“{rule}”；请核对这几个数",
                            "{unit} {period}: {left} ({left_value}) {relation} {right} ({right_value}), against "
                            '"{rule}"; check these figures'),
    "import.warn_inconsistent": ("{unit} {period} 的 {left}（{left_value}）{relation} {right}（{right_value}），不符合"
                                 "“{rule}”：已接收并标记，请核对",
                                 "{unit} {period}: {left} ({left_value}) {relation} {right} ({right_value}), against "
                                 '"{rule}": accepted and flagged; check these figures'),
    "consistency.exceeds": ("超过", "exceeds"),
    "consistency.differs": ("不等于", "differs from"),
    "register.unreadable": ("登记表无法读取：{detail}", "The register cannot be read: {detail}"),
}
