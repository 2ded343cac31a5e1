"""``secretary-app demo``: create the demo cell in the data folder."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from secretary_app.store import Store


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("demo", help="tạo chi bộ mẫu (25 đảng viên, 3 kỳ sinh hoạt, đảng phí)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, store: Store) -> int:
    from secretary_app.demo import create_demo_cell

    create_demo_cell(store)
    print(f"Đã tạo chi bộ mẫu trong {store.paths.data_dir}")
    return 0
