"""The admission pipeline through the services, with the shipped holiday calendar (resources/rules):
deadlines, the meeting's vote refused when the rules forbid it, the roster effects, failure paths."""

from __future__ import annotations

import datetime as dt

import pytest

from secretary_app.errors import ValidationFailed
from secretary_app.services import admissions as adm
from secretary_app.services import roster, votes
from tests.admissions.conftest import admitted, applicant, meeting_on, vote


def _entry(detail: adm.CandidateDetail, kind: str) -> adm.TimelineEntry:
    return next(e for e in detail.timeline if e.kind == kind)


def test_ceremony_deadline_for_a_decision_received_just_before_tet_2027(store, cell):
    today = dt.date(2027, 2, 2)
    cid = applicant(store, cell, certificate=dt.date(2026, 6, 1), today=today)
    assert vote(store, dt.date(2026, 12, 10), cid, "admission").passed
    adm.record_step(store, cid, adm.StepInput("decision", dt.date(2027, 1, 28), "QĐ 12-QĐ/ĐU"), today)
    adm.record_step(store, cid, adm.StepInput("decision_received", dt.date(2027, 2, 1)), today)
    # Received Monday 01/02/2027. With the estimated Tết Đinh Mùi (05–11/02) counted as days off the 30
    # working days end on Monday 22/03/2027; without estimated holidays (the default) on 15/03/2027.
    with_tet = adm.get_candidate(store, cid, today, include_uncertain=True)
    assert (_entry(with_tet, "ceremony").due, _entry(with_tet, "ceremony").state) == (dt.date(2027, 3, 22), "open")
    assert _entry(adm.get_candidate(store, cid, today), "ceremony").due == dt.date(2027, 3, 15)
    # The decision came within 60 working days of the cell's resolution: done, no alert.
    assert _entry(with_tet, "decision").state == "done"


def test_ceremony_at_30_working_days_across_the_tet_2026_holiday_week(store, cell):
    today = dt.date(2026, 3, 31)
    cid = applicant(store, cell, certificate=dt.date(2025, 6, 1), today=today)
    vote(store, dt.date(2026, 1, 8), cid, "admission")
    adm.record_step(store, cid, adm.StepInput("decision", dt.date(2026, 2, 9)), today)
    # Received Monday 09/02/2026; Tết 16–20/02 is a week off → Monday 30/03/2026 (not 23/03).
    entry = _entry(adm.get_candidate(store, cid, dt.date(2026, 3, 30)), "ceremony")
    assert (entry.due, entry.state) == (dt.date(2026, 3, 30), "due")
    late = _entry(adm.get_candidate(store, cid, today), "ceremony")
    assert late.state == "overdue"
    assert [(d.due, d.full_name, d.step, d.state) for d in adm.open_deadlines(store, today)] == [
        (dt.date(2026, 3, 30), "Lê Thị Hoa", "Lễ kết nạp", "overdue")]


def test_probation_ending_on_a_sunday(store, cell):
    today = dt.date(2026, 11, 1)
    cid = admitted(store, cell, vote_day=dt.date(2025, 10, 2), decision=dt.date(2025, 11, 20),
                   ceremony=dt.date(2025, 11, 29), today=today)
    detail = adm.get_candidate(store, cid, today)
    # Ceremony Saturday 29/11/2025 → 12 months end on Sunday 29/11/2026: the day is not moved.
    assert _entry(detail, "probation").due == dt.date(2026, 11, 29)
    assert any("Còn 28 ngày hết thời hạn dự bị (29/11/2026) — mốc T-30" in a for a in detail.alerts)
    # The cell reviews within 30 working days after it, New Year's Day 01/01/2027 (set by law) being a
    # day off: Monday 11/01/2027.
    after = adm.get_candidate(store, cid, dt.date(2026, 12, 1))
    entry = _entry(after, "recognition_vote")
    # 41 days off: open, not yet "Sắp đến hạn" (the overview's 30 days); 22 days off it is due soon.
    assert (entry.due, entry.state) == (dt.date(2027, 1, 11), "open")
    assert _entry(adm.get_candidate(store, cid, dt.date(2026, 12, 20)), "recognition_vote").state == "due"
    assert adm.STATE_LABELS["open"] == "Chưa đến hạn" and adm.STATE_LABELS["due"] == "Sắp đến hạn"


@pytest.mark.parametrize(("birth", "refused"), [(dt.date(1966, 10, 20), True), (dt.date(1966, 11, 25), False)])
def test_applicant_60_years_and_1_month_at_the_review_is_refused(store, cell, birth, refused):
    today = dt.date(2026, 11, 25)
    cid = applicant(store, cell, birth=birth, certificate=dt.date(2026, 3, 1), today=today)
    if refused:
        with pytest.raises(ValidationFailed, match=r"đã quá 60 tuổi \(60 tuổi 1 tháng\) tại ngày xét"):
            vote(store, today, cid, "admission")
        assert adm.get_candidate(store, cid, today).problems_for_vote
    else:  # 60 years 0 months: still within "18 to 60 full years"
        assert vote(store, today, cid, "admission").passed


def test_expired_certificate_refuses_the_vote_and_saves_nothing(store, cell):
    today = dt.date(2026, 11, 25)
    cid = applicant(store, cell, certificate=dt.date(2021, 11, 20), today=today)
    meeting = meeting_on(store, today)
    with pytest.raises(ValidationFailed) as caught:
        votes.record_vote(store, meeting, "Đề nghị kết nạp Lê Thị Hoa", "admission", 8, 0, 0, candidate_id=cid)
    assert str(caught.value) == (
        "Chưa thể biểu quyết đề nghị kết nạp Lê Thị Hoa: Giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng "
        "(cấp ngày 20/11/2021) đã hết hạn ngày 20/11/2026 (60 tháng); người xin vào Đảng phải học lại trước "
        "khi chi bộ xét.")
    assert votes.list_votes(store, meeting) == []
    assert _entry(adm.get_candidate(store, cid, today), "cell_vote").state == "overdue"


def test_introducer_seniority_short_refuses_the_vote(store, cell):
    today = dt.date(2026, 11, 25)
    cid = applicant(store, cell, certificate=dt.date(2026, 3, 1), known_since=dt.date(2026, 3, 1), today=today)
    with pytest.raises(ValidationFailed, match="mới cùng công tác, học tập với người xin vào Đảng 8 tháng"):
        vote(store, today, cid, "admission")


def test_recognition_meeting_held_late_still_dates_official_status_at_the_end_of_12_months(store, cell):
    today = dt.date(2026, 9, 10)
    cid = admitted(store, cell, vote_day=dt.date(2025, 4, 3), decision=dt.date(2025, 5, 20),
                   ceremony=dt.date(2025, 6, 2), today=today)
    member_id = adm.get_candidate(store, cid, today).member_id
    assert member_id is not None
    probationary = roster.get_member(store, member_id, dt.date(2026, 1, 1))
    assert probationary.data.admission_decision_date == dt.date(2025, 5, 20)
    assert probationary.data.ceremony_date == dt.date(2025, 6, 2)
    # The cell met on 20/08/2026, past the 30 working days after 02/06/2026 (14/07/2026).
    assert _entry(adm.get_candidate(store, cid, dt.date(2026, 8, 1)), "recognition_vote").state == "overdue"
    with pytest.raises(ValidationFailed, match="đến ngày 02/06/2026 mới hết 12 tháng"):
        vote(store, dt.date(2026, 5, 28), cid, "recognition")
    assert vote(store, dt.date(2026, 8, 20), cid, "recognition").passed
    adm.record_step(store, cid, adm.StepInput("recognition_decision", dt.date(2026, 9, 8), "QĐ 77-QĐ/ĐU"), today)
    official = roster.get_member(store, member_id, today)
    assert official.data.official_date == dt.date(2026, 6, 2)
    rows = {r.id: r for r in roster.list_members(store, dt.date(2026, 6, 3))}
    assert rows[member_id].membership == "official"
    assert adm.open_deadlines(store, today) == []


def test_not_recognised_three_times_is_reported_upward(store, cell):
    today = dt.date(2026, 9, 30)
    cid = admitted(store, cell, vote_day=dt.date(2025, 4, 3), decision=dt.date(2025, 5, 20),
                   ceremony=dt.date(2025, 6, 2), today=today)
    for day in (dt.date(2026, 6, 10), dt.date(2026, 7, 10), dt.date(2026, 8, 10)):
        assert not vote(store, day, cid, "recognition", yes=5).passed
    kinds = [(e.kind, e.state) for e in adm.get_candidate(store, cid, today).timeline]
    assert ("removal", "waiting") in kinds
    assert ("report_upward", "due") in kinds
    with pytest.raises(ValidationFailed, match="chưa biểu quyết đề nghị công nhận"):
        adm.record_step(store, cid, adm.StepInput("recognition_decision", today), today)


def test_committee_steps_wait_for_the_cells_vote(store, cell):
    today = dt.date(2026, 11, 25)
    cid = applicant(store, cell, certificate=dt.date(2026, 3, 1), today=today)
    with pytest.raises(ValidationFailed, match="Chi bộ chưa biểu quyết đề nghị kết nạp"):
        adm.record_step(store, cid, adm.StepInput("decision", today), today)
    with pytest.raises(ValidationFailed, match="sau hôm nay"):
        adm.record_step(store, cid, adm.StepInput("application", today + dt.timedelta(days=1)), today)


def test_decision_overdue_is_listed_soonest_first(store, cell):
    today = dt.date(2026, 11, 25)
    late = applicant(store, cell, certificate=dt.date(2025, 6, 1), today=today)
    vote(store, dt.date(2026, 6, 4), late, "admission")
    soon = admitted(store, cell, vote_day=dt.date(2025, 10, 2), decision=dt.date(2025, 11, 20),
                    ceremony=dt.date(2025, 11, 29), today=today)
    lines = [(d.full_name, d.step, d.state, d.due) for d in adm.next_deadlines(store, today)]
    # 60 working days after Thursday 04/06/2026 (02/09 is estimated, so not counted) → 27/08/2026.
    assert lines[0][1:] == ("Quyết định kết nạp", "overdue", dt.date(2026, 8, 27))
    assert lines[1][1:] == ("Hết 12 tháng dự bị", "due", dt.date(2026, 11, 29))
    assert {r.id for r in adm.list_candidates(store, today)} == {late, soon}
    assert "Quá hạn ra quyết định kết nạp" in " ".join(adm.get_candidate(store, late, today).alerts)


def test_cli_lists_open_deadlines_soonest_first(store, cell, data_dir, capsys):
    from secretary_app.cli import main

    today = dt.date(2026, 11, 25)
    late = applicant(store, cell, certificate=dt.date(2025, 6, 1), today=today)
    vote(store, dt.date(2026, 6, 4), late, "admission")
    admitted(store, cell, vote_day=dt.date(2025, 10, 2), decision=dt.date(2025, 11, 20),
             ceremony=dt.date(2025, 11, 29), today=today, name="Trần Văn Sơn")
    store.close()
    assert main(["--data-dir", str(data_dir), "admissions", "deadlines", "--today", "2026-11-25"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "27/08/2026\tLê Thị Hoa\tQuyết định kết nạp\tQuá hạn",
        "29/11/2026\tTrần Văn Sơn\tHết 12 tháng dự bị\tSắp đến hạn",
        "11/01/2027\tTrần Văn Sơn\tChi bộ xét công nhận đảng viên chính thức\tChưa đến hạn",
    ]
    with pytest.raises(SystemExit):
        main(["--data-dir", str(data_dir), "admissions", "deadlines", "--today", "25/11/2026"])
    assert "không hợp lệ" in capsys.readouterr().err


def test_a_step_is_recorded_once_and_in_order(store, cell):
    today = dt.date(2026, 11, 25)
    cid = admitted(store, cell, vote_day=dt.date(2025, 10, 2), decision=dt.date(2025, 11, 20),
                   ceremony=dt.date(2025, 11, 29), today=today)
    with pytest.raises(ValidationFailed, match=r"Lễ kết nạp.*đã được ghi"):
        adm.record_step(store, cid, adm.StepInput("ceremony", dt.date(2025, 12, 1)), today)
    assert len([m for m in roster.list_members(store, today) if m.full_name == "Lê Thị Hoa"]) == 1
    other = applicant(store, cell, certificate=dt.date(2026, 3, 1), today=today, name="Đỗ Văn Khang")
    vote(store, dt.date(2026, 11, 5), other, "admission")
    with pytest.raises(ValidationFailed, match="trước bước cần có trước nó"):
        adm.record_step(store, other, adm.StepInput("decision", dt.date(2026, 11, 1)), today)
    with pytest.raises(ValidationFailed, match="Chưa ghi quyết định kết nạp"):
        adm.record_step(store, other, adm.StepInput("decision_received", dt.date(2026, 11, 20)), today)


def test_a_named_vote_on_a_candidate_is_checked_and_linked_too(store, cell):
    today = dt.date(2026, 11, 25)
    expired = applicant(store, cell, certificate=dt.date(2021, 11, 20), today=today, name="Vũ Văn Lâm")
    ready = applicant(store, cell, certificate=dt.date(2026, 3, 1), today=today)
    meeting = meeting_on(store, today)
    ballots = dict.fromkeys(cell.members, "yes")
    with pytest.raises(ValidationFailed, match="Chưa thể biểu quyết đề nghị kết nạp Vũ Văn Lâm: Giấy chứng nhận"):
        votes.record_named_vote(store, meeting, "Đề nghị kết nạp", "admission", ballots, candidate_id=expired)
    row, changes = votes.record_named_vote(store, meeting, "Đề nghị kết nạp", "admission", ballots,
                                           candidate_id=ready)
    assert (row.passed, row.candidate_id) == (True, ready)
    assert "admission" in changes
    assert _entry(adm.get_candidate(store, ready, today), "cell_vote").done == today
    assert [c.full_name for c in adm.vote_choices(store, "admission", today)] == ["Vũ Văn Lâm"]


def test_cli_counts_unconfirmed_holidays_only_when_the_setting_says_so(store, cell, data_dir, capsys):
    from secretary_app.cli import main
    from secretary_app.settings import Settings, save_settings

    today = dt.date(2027, 2, 2)
    cid = applicant(store, cell, certificate=dt.date(2026, 6, 1), today=today)
    vote(store, dt.date(2026, 12, 10), cid, "admission")
    adm.record_step(store, cid, adm.StepInput("decision", dt.date(2027, 1, 28)), today)
    adm.record_step(store, cid, adm.StepInput("decision_received", dt.date(2027, 2, 1)), today)
    settings_file = store.paths.settings_file
    store.close()
    command = ["--data-dir", str(data_dir), "admissions", "deadlines", "--today", "2027-02-02"]
    assert main(command) == 0
    assert "15/03/2027\tLê Thị Hoa\tLễ kết nạp\tChưa đến hạn" in capsys.readouterr().out.splitlines()
    save_settings(Settings(count_unconfirmed_holidays=True), settings_file)  # the estimated Tết week counts
    assert main(command) == 0
    assert "22/03/2027\tLê Thị Hoa\tLễ kết nạp\tChưa đến hạn" in capsys.readouterr().out.splitlines()
