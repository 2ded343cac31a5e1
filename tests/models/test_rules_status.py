"""Member status from dated events (rules.md §3.2–3.4)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from models.rules.status import (
    DisciplineForm,
    EventKind,
    LeftReason,
    MemberEvent,
    Membership,
    MemberStatus,
    ProblemCode,
    status_label,
    status_labels,
    status_on,
    validate_events,
)

E = MemberEvent
K = EventKind

LIFE = [
    E(K.ADMISSION, date(2020, 3, 10), ceremony=date(2020, 3, 25)),
    E(K.RECOGNITION, date(2021, 3, 25)),
    E(K.EXEMPTION, date(2024, 1, 1), reason="Tuổi cao, sức yếu"),
    E(K.EXEMPTION_END, date(2025, 6, 1)),
    E(K.TRANSFER_OUT_TEMPORARY, date(2025, 9, 1), end=date(2026, 3, 1), reason="Đi học"),
    E(K.DEATH, date(2026, 4, 10)),
]


def test_life_of_a_member() -> None:
    assert status_on(LIFE, date(2020, 3, 9)) == MemberStatus(Membership.NONE)
    probation = status_on(LIFE, date(2020, 3, 10))
    assert probation.membership is Membership.PROBATIONARY and probation.in_cell
    assert status_label(probation) == "Dự bị"
    assert status_on(LIFE, date(2021, 3, 24)).membership is Membership.PROBATIONARY
    assert status_label(status_on(LIFE, date(2021, 3, 25))) == "Chính thức"
    exempt = status_on(LIFE, date(2024, 1, 1))
    assert exempt.exempt and exempt.in_cell
    assert status_label(exempt) == "Chính thức · Miễn công tác và sinh hoạt đảng"
    assert status_label(exempt, short=True) == "Chính thức · Miễn sinh hoạt"
    assert not status_on(LIFE, date(2025, 6, 1)).exempt
    away = status_on(LIFE, date(2025, 9, 1))
    assert away.temporarily_away and away.in_cell  # still in this cell's list and head-count
    assert status_labels(away) == ("Chính thức", "Chuyển sinh hoạt tạm thời")
    assert not status_on(LIFE, date(2026, 3, 1)).temporarily_away  # end date = back
    dead = status_on(LIFE, date(2026, 4, 10))
    assert dead == MemberStatus(Membership.LEFT, LeftReason.DIED)
    assert status_label(dead) == "Từ trần"
    assert validate_events(LIFE) == ()


def test_official_transfer_out_and_back() -> None:
    events = [
        E(K.ADMISSION, date(2010, 5, 1), ceremony=date(2010, 5, 19)),
        E(K.RECOGNITION, date(2011, 5, 19)),
        E(K.TRANSFER_OUT_OFFICIAL, date(2015, 1, 10)),
        E(K.TRANSFER_IN_OFFICIAL, date(2018, 2, 1)),
    ]
    gone = status_on(events, date(2016, 1, 1))
    assert gone == MemberStatus(Membership.LEFT, LeftReason.TRANSFERRED_OUT)
    assert status_label(gone) == "Đã chuyển đi"
    back = status_on(events, date(2018, 2, 1))
    assert back.membership is Membership.OFFICIAL and back.in_cell


def test_member_who_arrived_from_elsewhere_is_not_counted_before_arrival() -> None:
    events = [
        E(K.ADMISSION, date(2000, 1, 5), ceremony=date(2000, 2, 3)),
        E(K.RECOGNITION, date(2001, 2, 3)),
        E(K.TRANSFER_IN_OFFICIAL, date(2022, 7, 1)),
    ]
    before = status_on(events, date(2020, 1, 1))
    assert before.membership is Membership.OFFICIAL and not before.in_cell
    assert status_label(before) == "Chính thức · Không sinh hoạt tại chi bộ"
    assert status_on(events, date(2022, 7, 1)).in_cell


def test_temporary_attendance_from_elsewhere_is_not_in_head_count() -> None:
    events = [
        E(K.ADMISSION, date(2012, 1, 5), ceremony=date(2012, 2, 3)),
        E(K.RECOGNITION, date(2013, 2, 3)),
        E(K.TRANSFER_IN_TEMPORARY, date(2025, 10, 1), end=date(2026, 4, 1)),
    ]
    guest = status_on(events, date(2025, 12, 1))
    assert guest.temporarily_here and not guest.in_cell and guest.is_member
    assert status_label(guest) == "Chính thức · Sinh hoạt tạm thời"
    assert not status_on(events, date(2026, 4, 1)).temporarily_here


def test_open_ended_periods_closed_by_end_events() -> None:
    events = [
        E(K.ADMISSION, date(2015, 1, 5), ceremony=date(2015, 2, 3)),
        E(K.RECOGNITION, date(2016, 2, 3)),
        E(K.TRANSFER_OUT_TEMPORARY, date(2024, 1, 1)),
        E(K.TEMPORARY_TRANSFER_END, date(2024, 6, 1)),
        E(K.DISCIPLINE, date(2025, 1, 1), end=date(2025, 7, 1), discipline=DisciplineForm.SUSPENSION),
    ]
    assert status_on(events, date(2024, 5, 31)).temporarily_away
    assert not status_on(events, date(2024, 6, 1)).temporarily_away
    suspended = status_on(events, date(2025, 3, 1))
    assert suspended.suspended and status_label(suspended) == "Chính thức · Đình chỉ sinh hoạt"
    assert not status_on(events, date(2025, 7, 1)).suspended
    assert validate_events(events) == ()


def test_terminal_labels_and_readmission() -> None:
    base = [E(K.ADMISSION, date(1990, 1, 1), ceremony=date(1990, 2, 3)), E(K.RECOGNITION, date(1991, 2, 3))]
    labels = {
        K.REMOVAL: "Xóa tên",
        K.EXPULSION: "Khai trừ",
        K.RESIGNATION: "Xin ra khỏi Đảng",
    }
    for kind, label in labels.items():
        assert status_label(status_on([*base, E(kind, date(2000, 1, 1))], date(2001, 1, 1))) == label
    readmitted = [*base, E(K.EXPULSION, date(2000, 1, 1)), E(K.READMISSION, date(2005, 1, 1))]
    assert status_on(readmitted, date(2005, 1, 1)).membership is Membership.PROBATIONARY
    assert validate_events(readmitted) == ()


def test_same_day_order_is_documented_and_stable() -> None:
    day = date(2020, 6, 1)
    # Admitted and transferred out officially on the same day: arrival first, departure last.
    events = [E(K.TRANSFER_OUT_OFFICIAL, day), E(K.ADMISSION, day, ceremony=day)]
    assert status_on(events, day) == MemberStatus(Membership.LEFT, LeftReason.TRANSFERRED_OUT)
    # Death is always the last word on its day.
    events = [E(K.DEATH, day), E(K.EXEMPTION, day), E(K.ADMISSION, date(2000, 1, 1))]
    assert status_on(events, day).left_reason is LeftReason.DIED
    # End of one exemption and start of a new one on the same day leaves the new one on.
    events = [E(K.ADMISSION, date(2000, 1, 1)), E(K.EXEMPTION, day), E(K.EXEMPTION_END, day)]
    assert status_on(events, day).exempt


def codes(events: list[MemberEvent]) -> set[ProblemCode]:
    return {p.code for p in validate_events(events)}


def test_validation_messages() -> None:
    problems = validate_events([E(K.RECOGNITION, date(2021, 1, 1))])
    assert problems[0].code is ProblemCode.RECOGNITION_WITHOUT_ADMISSION
    assert (
        problems[0].message
        == "Công nhận chính thức ngày 01/01/2021 nhưng chưa có quyết định kết nạp trước đó."
    )

    early = validate_events(
        [E(K.ADMISSION, date(2020, 3, 10), ceremony=date(2020, 3, 25)), E(K.RECOGNITION, date(2021, 3, 24))]
    )
    assert [p.code for p in early] == [ProblemCode.RECOGNITION_BEFORE_PROBATION_END]
    assert early[0].message == (
        "Công nhận chính thức ngày 24/03/2021 trước khi hết 12 tháng dự bị (25/03/2021)."
    )

    assert ProblemCode.EVENT_AFTER_DEATH in codes(
        [E(K.ADMISSION, date(2000, 1, 1)), E(K.DEATH, date(2010, 1, 1)), E(K.EXEMPTION, date(2011, 1, 1))]
    )
    assert ProblemCode.CEREMONY_BEFORE_DECISION in codes(
        [E(K.ADMISSION, date(2020, 3, 10), ceremony=date(2020, 3, 1))]
    )
    assert ProblemCode.ADMISSION_WHILE_MEMBER in codes(
        [E(K.ADMISSION, date(2000, 1, 1)), E(K.ADMISSION, date(2003, 1, 1))]
    )
    assert ProblemCode.READMISSION_WITHOUT_EXIT in codes(
        [E(K.ADMISSION, date(2000, 1, 1)), E(K.READMISSION, date(2003, 1, 1))]
    )
    assert ProblemCode.EVENT_AFTER_EXIT in codes(
        [E(K.ADMISSION, date(2000, 1, 1)), E(K.REMOVAL, date(2003, 1, 1)), E(K.EXEMPTION, date(2004, 1, 1))]
    )
    assert ProblemCode.END_NOT_AFTER_START in codes(
        [E(K.ADMISSION, date(2000, 1, 1)), E(K.EXEMPTION, date(2004, 1, 1), end=date(2004, 1, 1))]
    )
    assert ProblemCode.END_WITHOUT_START in codes(
        [E(K.ADMISSION, date(2000, 1, 1)), E(K.EXEMPTION_END, date(2004, 1, 1))]
    )
    assert ProblemCode.DISCIPLINE_WITHOUT_FORM in codes(
        [E(K.ADMISSION, date(2000, 1, 1)), E(K.DISCIPLINE, date(2004, 1, 1))]
    )
    assert ProblemCode.PROBATIONARY_DISMISSAL in codes(
        [
            E(K.ADMISSION, date(2000, 1, 1)),
            E(K.DISCIPLINE, date(2000, 6, 1), discipline=DisciplineForm.DISMISSAL),
        ]
    )
    assert ProblemCode.EVENT_BEFORE_ADMISSION in codes([E(K.EXEMPTION, date(2004, 1, 1))])
    assert ProblemCode.RECOGNITION_TWICE in codes(
        [
            E(K.ADMISSION, date(2000, 1, 1)),
            E(K.RECOGNITION, date(2001, 1, 1)),
            E(K.RECOGNITION, date(2002, 1, 1)),
        ]
    )
    assert ProblemCode.TRANSFER_OUT_WHILE_AWAY in codes(
        [
            E(K.ADMISSION, date(2000, 1, 1)),
            E(K.TRANSFER_OUT_OFFICIAL, date(2001, 1, 1)),
            E(K.TRANSFER_OUT_OFFICIAL, date(2002, 1, 1)),
        ]
    )


# --- properties ---------------------------------------------------------------------------------

_START = date(1990, 1, 1)


@st.composite
def histories(draw: st.DrawFn) -> list[MemberEvent]:
    """Random (possibly inconsistent) histories whose events all fall on different days."""
    offsets = draw(st.lists(st.integers(0, 15000), min_size=1, max_size=12, unique=True))
    events = []
    for offset in offsets:
        kind = draw(st.sampled_from(list(EventKind)))
        day = _START + timedelta(days=offset)
        end = draw(st.none() | st.integers(1, 800).map(lambda n, d=day: d + timedelta(days=n)))  # type: ignore[misc]  # mypy cannot type a lambda's default argument
        form = draw(st.sampled_from(list(DisciplineForm))) if kind is EventKind.DISCIPLINE else None
        events.append(MemberEvent(kind, day, end=end, discipline=form))
    return events


@given(histories(), st.randoms(use_true_random=False), st.integers(0, 16000))
def test_status_is_independent_of_input_order_for_events_on_different_days(
    events: list[MemberEvent], rnd: random.Random, offset: int
) -> None:
    shuffled = list(events)
    rnd.shuffle(shuffled)
    day = _START + timedelta(days=offset)
    assert status_on(shuffled, day) == status_on(events, day)
    assert validate_events(shuffled) == validate_events(events)


@given(histories(), st.integers(0, 16000))
def test_status_invariants(events: list[MemberEvent], offset: int) -> None:
    status = status_on(events, _START + timedelta(days=offset))
    assert (status.membership is Membership.LEFT) == (status.left_reason is not None)
    if status.in_cell:
        assert status.is_member and not status.temporarily_here
    if not status.is_member:
        assert not (status.exempt or status.temporarily_away or status.temporarily_here or status.suspended)
    assert status_labels(status)  # always at least one label
