"""The one rule of who owes a return for a period (未报送, the lights and the unit scores)."""

from greentasks.domain.periods import parse_period
from greentasks.services.queries import owes_return

Q1, Q2, Q3 = (parse_period(p) for p in ("2023Q1", "2023Q2", "2023Q3"))


def test_who_owes_a_return():
    assert owes_return("牵头", "区级部门", "推进中", period=Q2)
    assert not owes_return("配合", "区级部门", "推进中", period=Q2)  # reports through the lead unit
    assert not owes_return("牵头", "集合", "推进中", period=Q2)  # 各乡镇（街道） cannot report
    # Work reported done in Q2 owed Q1's and Q2's returns, not Q3's.
    assert owes_return("牵头", "区级部门", "已完成", period=Q1, done_in=Q2)
    assert owes_return("牵头", "区级部门", "已完成", period=Q2, done_in=Q2)
    assert not owes_return("牵头", "区级部门", "已完成", period=Q3, done_in=Q2)
    # Marked done by hand (no report said so): nothing more to report.
    assert not owes_return("牵头", "区级部门", "已完成", period=Q1)


def test_the_rule_lives_in_the_domain_and_queries_only_re_exports_it():
    from greentasks.domain import rules
    from greentasks.services import queries

    assert queries.owes_return is rules.owes_return
