#!/usr/bin/env python3
"""What a station would otherwise use, timed on the same files as loupan, in one run.

    cargo build --release --example gen && python3 bench/compare.py

Needs (each comparison is skipped, and says so, when its tool is missing):
openpyxl and pandas from PyPI, LibreOffice (`soffice`, Debian: libreoffice-calc-nogui).
Prints a Markdown table of medians for BENCHMARKS.md.
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LOUPAN = os.path.join(ROOT, "target", "release", "loupan")
GEN = os.path.join(ROOT, "target", "release", "examples", "gen")


def timed(fn, runs):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def sh(*args, **kw):
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)


def loupan(d, *args):
    sh(LOUPAN, "--dir", d, *args)


def ms(s):
    return f"{s * 1000:,.0f} ms" if s < 10 else f"{s:,.1f} s"


def main():
    for exe in (LOUPAN, GEN):
        if not os.path.exists(exe):
            sys.exit(f"missing {exe}: cargo build --release --example gen")
    tmp = tempfile.mkdtemp(prefix="loupan-compare-")
    district = os.path.join(tmp, "district")
    ledger = os.path.join(tmp, "ledger")
    sh(GEN, "--preset", "district", "--out", district)
    sh(GEN, "--buildings", "40", "--floors", "25", "--units", "10", "--out", ledger)
    x_district = os.path.join(tmp, "district.xlsx")
    csv_district = os.path.join(tmp, "district.csv")
    x_ledger = os.path.join(tmp, "ledger.xlsx")
    html = os.path.join(tmp, "district.html")
    loupan(district, "export", "--format", "csv", "--reveal", "--out", csv_district)
    loupan(ledger, "export", "--format", "xlsx", "--reveal", "--out", x_ledger)
    rows = []

    # 1. the district as an Excel ledger
    t = timed(lambda: loupan(district, "export", "--format", "xlsx", "--out", x_district), 5)
    rows.append(("XLSX export of the district (6,600 rows + 33 chart sheets)", ms(t), "loupan export"))
    try:
        import openpyxl

        def write_openpyxl():
            import csv
            wb = openpyxl.Workbook(write_only=True)
            ws = wb.create_sheet("ledger")
            with open(csv_district, encoding="utf-8-sig") as f:
                for r in csv.reader(f):
                    ws.append(r)
            wb.save(os.path.join(tmp, "openpyxl.xlsx"))
        t = timed(write_openpyxl, 5)
        rows.append(("", ms(t), "openpyxl script writing the ledger sheet only (no charts, no colours)"))
    except ImportError:
        rows.append(("", "—", "openpyxl not installed"))
    soffice = shutil.which("soffice")
    lo_profile = "-env:UserInstallation=file://" + os.path.join(tmp, "lo-profile")
    if soffice:
        out = os.path.join(tmp, "lo")
        t = timed(lambda: sh(soffice, lo_profile, "--headless", "--convert-to", "xlsx", "--outdir", out,
                             csv_district), 3)
        rows.append(("", ms(t), "LibreOffice headless: the exported CSV saved as XLSX (no charts)"))

    # 2. a 10,000-row ledger read and compared
    t = timed(lambda: loupan(ledger, "import", x_ledger), 5)
    rows.append(("10,000-row XLSX ledger read, placed, compared (import plan)", ms(t), "loupan import"))
    try:
        import openpyxl

        def read_openpyxl():
            wb = openpyxl.load_workbook(x_ledger, read_only=True)
            n = sum(1 for _ in wb.worksheets[0].iter_rows(values_only=True))
            wb.close()
            return n
        t = timed(read_openpyxl, 5)
        rows.append(("", ms(t), "openpyxl (read-only mode) only reading the rows"))
    except ImportError:
        rows.append(("", "—", "openpyxl not installed"))
    try:
        import pandas
        t = timed(lambda: pandas.read_excel(x_ledger, sheet_name=0), 5)
        rows.append(("", ms(t), "pandas.read_excel only reading the rows"))
    except ImportError:
        rows.append(("", "—", "pandas not installed"))
    if soffice:
        out = os.path.join(tmp, "lo2")
        t = timed(lambda: sh(soffice, lo_profile, "--headless", "--convert-to", "csv", "--outdir", out,
                             x_ledger), 3)
        rows.append(("", ms(t), "LibreOffice headless only opening it (converted to CSV)"))

    # 3. the printable chart
    t = timed(lambda: loupan(district, "render", "--format", "html", "--out", html), 10)
    rows.append(("HTML of the district (33 printable charts)", ms(t), "loupan render --format html"))
    if soffice:
        out = os.path.join(tmp, "lo3")
        t = timed(lambda: sh(soffice, lo_profile, "--headless", "--convert-to", "pdf", "--outdir", out,
                             x_district), 3)
        rows.append(("", ms(t), "LibreOffice headless printing loupan's XLSX to PDF"))
    chromium = shutil.which("chromium")
    if chromium:
        pdf = os.path.join(tmp, "page.pdf")
        t = timed(lambda: sh(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                             "--disable-background-networking", "--disable-component-update",
                             "--disable-sync", f"--user-data-dir={tmp}/chrome",
                             f"--print-to-pdf={pdf}", "--no-pdf-header-footer", "file://" + html), 3)
        rows.append(("", ms(t), "Chromium headless printing that page to PDF (the browser's part)"))

    print("| task | median | what |")
    print("|---|---|---|")
    for task, t, what in rows:
        print(f"| {task} | {t} | {what} |")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
