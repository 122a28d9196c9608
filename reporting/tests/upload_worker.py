"""A worker for the kill test: stores one evidence file and stops at a chosen point, waiting.

`python -m reporting.tests.upload_worker staged` stops inside the transaction, right after the
file is staged; `... committed` stops after the commit, before the staged file is moved into
place. At the stop it prints `AT <point> <file name>` and blocks reading stdin, so the test knows
where it is without a sleep, and kills it there.
"""

import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from core import files  # noqa: E402
from reporting.services import evidence_add_file  # noqa: E402
from reporting.tests.factories import ReportFactory  # noqa: E402

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def stop(point: str, name: str) -> None:
    print(f"AT {point} {name}", flush=True)
    sys.stdin.readline()  # blocks until the test writes a line or kills this process


def main(point: str) -> None:
    report = ReportFactory()
    if point == "staged":
        store = files.store_on_commit

        def store_and_stop(field_file, filename, data):
            name = store(field_file, filename, data)
            stop(point, name)
            return name

        files.store_on_commit = store_and_stop
    else:
        promote = files.promote

        def stop_and_promote(storage, name):
            stop(point, name)
            promote(storage, name)

        files.promote = stop_and_promote
    evidence_add_file(
        obligation=report.obligation,
        period=report.period,
        actor=None,
        filename="протокол.pdf",
        data=PDF,
    )
    print("DONE", flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
