"""Builders: plain records in (``records.py``), a finished ``exporters.Document`` out.

They know nothing of the database (services load the records) and nothing of files (services render).
Each raises ``secretary_app.errors.ValidationFailed`` naming the missing field, so a half-filled
document is never produced.

=========================================  ==========================  ===============================
Builder                                    Record                      Document
=========================================  ==========================  ===============================
agenda.build_agenda(meeting)               MeetingRecord               CHƯƠNG TRÌNH sinh hoạt chi bộ
minutes.build_minutes(meeting)             MeetingRecord (held: with   BIÊN BẢN (§3), THƯ KÝ / CHỦ TRÌ
                                           attendance, ends_at)
minutes.build_minutes_extract(meeting,     MeetingRecord               TRÍCH BIÊN BẢN, T/M CHI BỘ
    item_positions=None)
resolution.build_resolution(record)        ResolutionRecord            NGHỊ QUYẾT (NQ) / KẾT LUẬN (KL)
report.build_report(record)                NarrativeRecord             BÁO CÁO (BC)
plan.build_plan(record)                    NarrativeRecord             KẾ HOẠCH (KH)
member_list.build_member_list(record)      MemberListRecord            DANH SÁCH đảng viên
dues_ledger.build_dues_ledger(record)      DuesLedgerRecord            SỔ THU NỘP ĐẢNG PHÍ (render with
                                                                       dues_ledger.PROFILE: landscape)
=========================================  ==========================  ===============================

A MeetingRecord holds CellHeader, AgendaEntry (with SpeechEntry and VoteEntry), AttendanceCounts
(Absence, GuestEntry) and TaskEntry. ``report.demo_report`` and ``plan.demo_plan`` give demo records
until the reporting and planning areas exist. The meeting cycle (issue 4) calls the meeting builders;
``secretary_app.services.documents`` loads records from the database, renders and registers the file.
"""
