"""How fast a department is read from each container, against its library alone.

Run: ``.venv/bin/python benchmarks/sources.py [--rounds 5]``. One synthetic
department (30 projects, benchmarks/synthetic.py) is written as xlperf's
published text (.txt), its workbook (.xlsx), and the notice ``xlperf notice``
writes (.html, .docx, and .pdf through LibreOffice). Each file is then read
by ``xlperf.sources.read_department`` and, as the baseline, by the
container's library alone doing the least any reader must: every cell's text.

- txt: decode and split into lines and tab cells;
- xlsx: python-calamine, every sheet's values;
- html: lxml.html parse, every ``td``/``th``'s text;
- docx: python-docx open, every table cell's text (``row.cells``);
- pdf: pdfplumber, every page's tables extracted and its words.

Rounds alternate which of the two goes first (the machine drifts ±30 %); the
table gives medians and xlperf/library (how much the table reading costs on
top of the library).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def library_txt(path: Path) -> int:
    text = path.read_bytes().decode("utf-8-sig")
    return sum(len(line.split("\t")) for line in text.splitlines())


def library_xlsx(path: Path) -> int:
    import python_calamine

    with python_calamine.CalamineWorkbook.from_path(str(path)) as book:
        return sum(len(book.get_sheet_by_name(name).to_python()) for name in book.sheet_names)


def library_html(path: Path) -> int:
    import lxml.html

    root = lxml.html.document_fromstring(path.read_bytes())
    return sum(len(cell.text_content()) for cell in root.iter("td", "th"))


def library_docx(path: Path) -> int:
    import docx

    document = docx.Document(str(path))
    return sum(len(cell.text) for table in document.tables for row in table.rows
               for cell in row.cells)


def library_pdf(path: Path) -> int:
    import pdfplumber

    count = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            count += sum(len(t.extract()) for t in page.find_tables())
            count += len(page.extract_words())
            page.close()
    return count


LIBRARIES: dict[str, tuple[str, Callable[[Path], int]]] = {
    "txt": ("str.split", library_txt), "xlsx": ("python-calamine", library_xlsx),
    "html": ("lxml", library_html), "docx": ("python-docx", library_docx),
    "pdf": ("pdfplumber", library_pdf),
}


def write_files(folder: Path) -> dict[str, Path]:
    from synthetic import department

    from xlperf.writers.text import format_text
    from xlperf.writers.workbook.writer import write_department

    source = department(0)
    files = {"txt": folder / "部门.txt", "xlsx": folder / "部门.xlsx"}
    files["txt"].write_text(format_text(source), encoding="utf-8")
    write_department(source, files["xlsx"])
    subprocess.run([sys.executable, "-c", "from xlperf.cli import main; main()", "notice",
                    str(files["xlsx"]), "-o", str(folder / "notice"), "--draft",
                    "--format", "html,docx,pdf", "--allow-font-substitution"],
                   check=True, capture_output=True)  # the GB/T 9704 fonts are rarely installed
    for suffix in ("html", "docx", "pdf"):  # the department's notice, not the index page
        files[suffix] = next(path for path in (folder / "notice").rglob(f"*.{suffix}")
                             if path.parent != folder / "notice")
    return files


def timed(func: Callable[[Path], object], path: Path) -> float:
    start = time.perf_counter()
    func(path)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    from xlperf.sources import read_department

    with tempfile.TemporaryDirectory(prefix="xlperf-bench-") as work:
        files = write_files(Path(work))
        projects = {kind: len(read_department(path).projects) for kind, path in files.items()}
        times: dict[str, dict[str, list[float]]] = {k: {"lib": [], "xlperf": []} for k in files}
        for index in range(rounds):
            for kind, path in files.items():
                library = LIBRARIES[kind][1]
                runs = [("lib", library), ("xlperf", read_department)]
                for key, func in runs if index % 2 == 0 else runs[::-1]:
                    times[kind][key].append(timed(func, path))
    print(f"{'container':<10}{'projects':>9}{'library':>17}{'library (s)':>13}"
          f"{'xlperf (s)':>12}{'ratio':>8}")
    for kind in files:
        library = statistics.median(times[kind]["lib"])
        ours = statistics.median(times[kind]["xlperf"])
        print(f"{kind:<10}{projects[kind]:>9}{LIBRARIES[kind][0]:>17}{library:>13.3f}"
              f"{ours:>12.3f}{ours / library:>8.2f}")
    print(f"medians of {rounds} rounds, order alternating; ratio = xlperf / library alone")


if __name__ == "__main__":
    main()
