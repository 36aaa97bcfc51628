"""``xlperf excel install``: its file and name logic (the registry part needs Windows)."""

from __future__ import annotations

from pathlib import Path

import pytest

from xlperf.excel import install

PYTHON = r"C:\Users\张三\AppData\Local\Programs\Python\Python312\python.exe"


def xlwings_reads(config: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The user config as xlwings itself reads it (its own parser, not ours)."""
    import xlwings
    from xlwings import utils

    monkeypatch.setattr(xlwings, "USER_CONFIG_FILE", str(config))
    return utils.read_user_config()


def test_a_new_config_names_the_interpreter(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / ".xlwings" / "xlwings.conf"
    assert install.set_interpreter(config, PYTHON) == (True, None)
    assert xlwings_reads(config, monkeypatch)["interpreter_win"] == PYTHON


def test_other_settings_are_kept_and_the_old_interpreter_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "xlwings.conf"
    config.write_text('"INTERPRETER_WIN","C:\\old\\python.exe"\n"SHOW CONSOLE","True"\n',
                      encoding="utf-8")
    assert install.set_interpreter(config, PYTHON) == (True, "C:\\old\\python.exe")
    settings = xlwings_reads(config, monkeypatch)
    assert settings == {"interpreter_win": PYTHON, "show console": "True"}
    assert install.set_interpreter(config, PYTHON) == (False, PYTHON)


@pytest.mark.parametrize(
    ("existing", "expected"),
    [
        ({}, "OPEN"),
        ({"OPEN": '"C:\\addins\\other.xlam"'}, "OPEN1"),
        ({"OPEN": '/R "C:\\a.xll"', "OPEN1": '"C:\\b.xlam"'}, "OPEN2"),
        ({"OPEN2": '"C:\\b.xlam"', "DefaultFormat": "51"}, "OPEN"),
        ({"OPEN": '"C:\\Users\\x\\AppData\\Roaming\\Microsoft\\AddIns\\XLPERF.xlam"'}, None),
    ],
)
def test_the_add_in_takes_the_first_free_open_value(existing: dict[str, str],
                                                    expected: str | None) -> None:
    addin = Path("C:/Users/x/AppData/Roaming/Microsoft/AddIns/xlperf.xlam")
    assert install.open_value_name(existing, addin) == expected


def test_folders_follow_appdata(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("APPDATA", str(tmp_path))
    assert install.addin_folder() == tmp_path / "Microsoft" / "AddIns"
    assert install.xlwings_addin_path() == tmp_path / "Microsoft" / "Excel" / "XLSTART" / \
        "xlwings.xlam"
