"""The demo cell's candidates and probationary members follow the rules: nothing overdue, nothing blocking
the next vote, and each probationary member is the roster's member with the same dates."""

from __future__ import annotations

from secretary_app.services import admissions as adm
from secretary_app.services import roster
from tests.conftest import DEMO_TODAY


def test_demo_pipeline_fits_the_rules(demo_store):
    rows = adm.list_candidates(demo_store, DEMO_TODAY)
    assert {(r.full_name, r.stage) for r in rows} == {
        ("Nguyễn Thị Minh Châu", "Quần chúng ưu tú"), ("Phạm Đức Thắng", "Quần chúng ưu tú"),
        ("Hồ Thị Yến", "Đảng viên dự bị"), ("Mai Xuân Trường", "Đảng viên dự bị")}
    for row in rows:
        detail = adm.get_candidate(demo_store, row.id, DEMO_TODAY)
        assert [e.label for e in detail.timeline if e.state == "overdue"] == [], row.full_name
        if detail.member_id:
            member = roster.get_member(demo_store, detail.member_id, DEMO_TODAY)
            ceremony = next(e.done for e in detail.timeline if e.kind == "ceremony")
            assert member.data.ceremony_date == ceremony
            assert member.status == "Dự bị"
    chau = next(r for r in rows if r.full_name == "Nguyễn Thị Minh Châu")
    assert adm.get_candidate(demo_store, chau.id, DEMO_TODAY).problems_for_vote == ()
    thang = next(r for r in rows if r.full_name == "Phạm Đức Thắng")
    assert "Cần 2 người giới thiệu, mới có 0." in adm.get_candidate(demo_store, thang.id, DEMO_TODAY).problems_for_vote
