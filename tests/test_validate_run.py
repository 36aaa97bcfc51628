"""How much of a batch ``xlperf validate`` holds at once: bounded, whatever the batch's size.

A city's 3 000 submissions must validate in the memory that 250 take: a
worker's group of files, and the departments held for one engine call, do
not grow with the number of files.
"""

from __future__ import annotations

import shutil
import weakref
from pathlib import Path

import pytest

from xlperf.cli import validate_run
from xlperf.sources.text.reader import read_text
from xlperf.writers.workbook.writer import write_department

SEED = Path(__file__).parent / "data" / "seed_notice.txt"


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Six copies of the seed workbook."""
    folder = tmp_path_factory.mktemp("inbox")
    first = folder / "0.xlsx"
    write_department(read_text(SEED), first)
    for index in range(1, 6):
        shutil.copy(first, folder / f"{index}.xlsx")
    return sorted(folder.iterdir())


def test_departments_are_validated_and_let_go_in_bounded_batches(
        inbox: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """With room for two departments' rows, no engine call sees more than two, and those of
    earlier calls are gone by then: the group's files are never all held at once."""
    rows = validate_run.indicator_rows(read_text(SEED))
    monkeypatch.setattr(validate_run, "ENGINE_ROWS", 2 * rows)
    read: list[weakref.ref] = []
    read_one = validate_run.read_one

    def reading(path: Path):
        department, error = read_one(path)
        read.append(weakref.ref(department))
        return department, error

    engine = validate_run._engine()
    validate = engine.validate
    calls: list[tuple[int, int]] = []

    def validating(departments, config=None):
        alive = sum(1 for ref in read if ref() is not None)
        calls.append((len(departments), alive))
        return validate(departments, config)

    monkeypatch.setattr(validate_run, "read_one", reading)
    monkeypatch.setattr(engine, "validate", validating)
    results = validate_run.check_files(inbox, validate_run.RunOptions(),
                                       validate_run.Configs(None), lambda files: None)
    assert calls == [(2, 2), (2, 2), (2, 2)]
    assert [len(result.findings) for result in results] == [len(results[0].findings)] * 6
    assert {f.rule for f in results[-1].findings} >= {"C001", "W001"}


@pytest.mark.parametrize("files", [1_000, 3_000, 30_000])
def test_a_workers_group_does_not_grow_with_the_batch(files: int) -> None:
    groups = validate_run._groups(list(range(files)), jobs=2)
    assert max(len(group) for group in groups) <= validate_run.GROUP_FILES
    assert [index for group in groups for index in group] == list(range(files))


def test_small_batches_are_still_spread_over_every_worker() -> None:
    groups = validate_run._groups(list(range(20)), jobs=2)
    assert len(groups) >= 2
