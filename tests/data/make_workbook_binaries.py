"""Make the two workbook fixtures that openpyxl cannot write.

- old_format.xls: a real Excel 97-2003 file, converted by LibreOffice.
- password_protected.xlsx: a real encrypted OOXML workbook (password "xlperf"):
  an OLE2 compound file holding an EncryptionInfo stream, made with
  msoffcrypto-tool (LibreOffice 7.4 does not encrypt .xlsx on export).

Both hold a small project sheet (项目名称 …), so the reader refuses them for
what they are, not for being empty. Committed because making them needs
LibreOffice and `pip install msoffcrypto-tool`.

Usage: .venv/bin/python tests/data/make_workbook_binaries.py
"""

import shutil
import subprocess
import tempfile
from pathlib import Path

import msoffcrypto
import openpyxl

HERE = Path(__file__).resolve().parent
ROWS = [("项目名称", "重点工作专项督查组工作经费"), ("一级指标", "二级指标", "三级指标", "绩效值"),
        ("1-产出指标", "11-数量指标", "全年督查不少于 50 次", 100)]


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        plain = Path(folder) / "plain.xlsx"
        book = openpyxl.Workbook()
        book.active.title = "项目01"
        for row in ROWS:
            book.active.append(row)
        book.save(plain)
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{folder}/lo",
                        "--convert-to", "xls", "--outdir", folder, str(plain)],
                       check=True, capture_output=True, timeout=180)
        shutil.copyfile(Path(folder) / "plain.xls", HERE / "old_format.xls")
        with plain.open("rb") as source, (HERE / "password_protected.xlsx").open("wb") as target:
            msoffcrypto.OfficeFile(source).encrypt("xlperf", target)


if __name__ == "__main__":
    main()
