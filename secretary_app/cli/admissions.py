"""``secretary-app admissions deadlines [--today YYYY-MM-DD]``: every open deadline of the admission
pipeline, soonest first, one line each: ``dd/mm/yyyy<TAB>full name<TAB>step<TAB>state``, the state in the words
the Phát triển đảng viên page uses (Quá hạn, Sắp đến hạn, Chưa đến hạn)."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from secretary_app.store import Store


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"ngày \u201c{text}\u201d không hợp lệ; hãy ghi dạng 2026-12-01") from None


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("admissions", help="phát triển đảng viên: các thời hạn kết nạp và công nhận")
    actions = parser.add_subparsers(dest="admissions_command", metavar="LỆNH", required=True)
    deadlines = actions.add_parser("deadlines", help="các thời hạn còn mở, sớm nhất trước")
    deadlines.add_argument("--today", metavar="YYYY-MM-DD", type=_day, help="tính như hôm nay là ngày này")
    deadlines.set_defaults(handler=run_deadlines)


def run_deadlines(args: argparse.Namespace, store: Store) -> int:
    from models.rules.dates import format_vn
    from secretary_app.services.admissions import STATE_LABELS, open_deadlines
    from secretary_app.settings import load_settings

    if not store.has_cell():
        return 0
    unconfirmed = load_settings(store.paths.settings_file).count_unconfirmed_holidays
    for deadline in open_deadlines(store, args.today, include_uncertain=unconfirmed):
        print(f"{format_vn(deadline.due)}\t{deadline.full_name}\t{deadline.step}\t{STATE_LABELS[deadline.state]}")
    return 0
