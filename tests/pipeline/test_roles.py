"""D-1 roles: who sees what."""

from __future__ import annotations

import pytest

from pipeline.errors import AccessDenied, PoeReviewError
from pipeline.roles import SYSTEM, Actor, Role, require_role, require_visible


def test_partner_users_need_an_organisation() -> None:
    with pytest.raises(ValueError):
        Actor("ola", Role.INCENTIVE_USER)
    assert Actor("ola", Role.INCENTIVE_ADMIN, "4412093").is_partner


def test_partner_sees_only_own_org() -> None:
    ola = Actor("ola", Role.INCENTIVE_USER, "4412093")
    assert ola.can_see("4412093")
    assert not ola.can_see("9990001")
    with pytest.raises(AccessDenied):
        require_visible(ola, "9990001", "1")
    require_visible(ola, "4412093", "1")


def test_reviewer_analyst_system_see_all() -> None:
    for actor in (Actor("rev", Role.REVIEWER), Actor("ana", Role.ANALYST), SYSTEM):
        assert actor.can_see("anything")
    assert not Actor("ana", Role.ANALYST).sees_personal_data
    assert Actor("rev", Role.REVIEWER).sees_personal_data


def test_role_strings_are_accepted() -> None:
    actor = Actor("rev", "reviewer")  # type: ignore[arg-type]
    assert actor.role is Role.REVIEWER


def test_require_role_message_names_actor_and_action() -> None:
    with pytest.raises(AccessDenied, match="ana \\(analyst\\) may not decide") as err:
        require_role(Actor("ana", Role.ANALYST), {Role.REVIEWER}, "decide")
    assert isinstance(err.value, PoeReviewError)
