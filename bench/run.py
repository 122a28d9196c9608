"""`make bench`: every benchmark under bench/ (`*_bench.py`), one after another, each in its own
process (each sets up Django on its own database). Every figure printed is measured in that run,
beside a floor measured in the same run on the same data; nothing is quoted from elsewhere.

    import_bench     the importer on a 1,000-activity DOCX  vs  python-docx reading the same file
    export_bench     the plan written as DOCX, XLSX, PDF  vs  python-docx, openpyxl, WeasyPrint
                     writing the same table bare
    reporting_bench  execution pages and the consolidated report
    pages_bench      plan, organization, dashboard and API pages and one edit at 10,000 activities
                     and at national scale, over HTTP  vs  bare views running the minimal SQL

`BENCH=pages make bench` runs only the benchmarks whose names contain «pages».
"""

import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    wanted = os.environ.get("BENCH", "")
    scripts = sorted(path for path in HERE.glob("*_bench.py") if wanted in path.stem)
    failed = []
    for script in scripts:
        print(f"\n=== {script.name} ===", flush=True)
        started = time.perf_counter()
        result = subprocess.run([sys.executable, str(script)], cwd=HERE.parent)
        print(f"=== {script.name}: {time.perf_counter() - started:.0f} s, exit {result.returncode}")
        if result.returncode:
            failed.append(script.name)
    if failed:
        print("Failed: " + ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
