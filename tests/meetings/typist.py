"""Crash-test helper (run as a subprocess by test_crash_recovery.py): types minutes one character at a time
into the first agenda item and autosaves through the same service the live editor uses, printing each text
right after its autosave returned — so the parent knows what must survive a SIGKILL.

    python tests/meetings/typist.py DATA_DIR MEETING_ID
"""

from __future__ import annotations

import json
import sys
import time
import uuid
from pathlib import Path

from secretary_app.paths import resolve_paths
from secretary_app.services import minutes as mn
from secretary_app.store import Store

SENTENCE = "Đồng chí Hường đề nghị tổ chức dọn vệ sinh ngõ 12 vào sáng Chủ nhật; mọi nhà cùng tham gia. "


def main() -> None:
    store = Store(resolve_paths(Path(sys.argv[1])))
    meeting_id = uuid.UUID(sys.argv[2])
    item = mn.minutes_view(store, meeting_id).items[0]
    typed = ""
    for n in range(100_000):  # runs until killed
        typed += SENTENCE[n % len(SENTENCE)]
        time.sleep(0.002)  # a fast typist; the editor saves on a timer, here every few keystrokes
        if n % 5 == 4:
            draft = mn.MinutesDraft(items=(mn.ItemDraft(item.id, presenter="Nguyễn Thị Hường",
                                                        speeches=(mn.SpeechDraft("Trần Văn An", typed),)),))
            mn.autosave_minutes(store, meeting_id, draft)
            print(json.dumps(typed), flush=True)


if __name__ == "__main__":
    main()
