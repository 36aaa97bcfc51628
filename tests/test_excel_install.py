"""``xlperf excel install``: the settings file, where the add-in goes (registry: Windows only)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from xlperf.errors import InputError
from xlperf.excel import install
from xlperf.excel.addin import xlwings_vba
from xlperf.excel.addin.package import build_addin

PYTHON = r"C:\Users\张三\AppData\Local\xlperf\venv\Scripts\python.exe"


def xlwings_reads(config: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The config as xlwings itself reads it (its own parser, not ours)."""
    import xlwings
    from xlwings import utils

    monkeypatch.setattr(xlwings, "USER_CONFIG_FILE", str(config))
    return utils.read_user_config()


@pytest.fixture
def user_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user profile of its own: %APPDATA% and %USERPROFILE% under tmp_path."""
    monkeypatch.setenv("APPDATA", str(tmp_path / "AppData" / "Roaming"))
    monkeypatch.setenv("USERPROFILE", str(tmp_path))
    return tmp_path


@pytest.fixture(scope="module")
def addin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_addin(tmp_path_factory.mktemp("bundle") / "xlperf.xlam")


def test_the_config_is_where_the_embedded_xlwings_module_looks(user_folders: Path) -> None:
    # GetConfigFilePath: Environ("USERPROFILE") & "\." & PROJECT_NAME & "\" & PROJECT_NAME & ".conf"
    name = xlwings_vba.PROJECT_NAME
    assert install.config_path() == user_folders / f".{name}" / f"{name}.conf"


def test_a_new_config_names_the_python_and_keeps_it_running(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / ".xlperf" / "xlperf.conf"
    changed = install.write_settings(config, install.button_settings(PYTHON), "utf-8")
    assert changed == {"INTERPRETER_WIN": None, "USE UDF SERVER": None}
    assert xlwings_reads(config, monkeypatch) == {"interpreter_win": PYTHON,
                                                  "use udf server": "True"}


def test_other_settings_are_kept_and_the_old_interpreter_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "xlperf.conf"
    config.write_bytes(b'"INTERPRETER_WIN","C:\\old\\python.exe"\r\n"SHOW CONSOLE","True"\r\n')
    changed = install.write_settings(config, install.button_settings(PYTHON), "utf-8")
    assert changed == {"INTERPRETER_WIN": "C:\\old\\python.exe", "USE UDF SERVER": None}
    assert xlwings_reads(config, monkeypatch) == {
        "interpreter_win": PYTHON, "show console": "True", "use udf server": "True"}
    assert install.write_settings(config, install.button_settings(PYTHON), "utf-8") == {}


def test_a_user_who_turned_the_udf_server_off_is_told_it_is_on_again(tmp_path: Path) -> None:
    config = tmp_path / "xlperf.conf"
    config.write_bytes(b'"USE UDF SERVER","False"\r\n')
    changed = install.write_settings(config, install.button_settings(PYTHON), "utf-8")
    assert changed["USE UDF SERVER"] == "False"
    assert install.read_settings(config, "utf-8")["USE UDF SERVER"] == "True"


def test_the_config_is_written_in_the_ansi_code_page(tmp_path: Path) -> None:
    # VBA's Input # reads the file in the PC's ANSI code page: 936 on Chinese Windows.
    config = tmp_path / "xlperf.conf"
    install.write_settings(config, {"INTERPRETER_WIN": PYTHON}, "gbk")
    assert config.read_bytes() == f'"INTERPRETER_WIN","{PYTHON}"\r\n'.encode("gbk")
    assert install.read_settings(config, "gbk") == {"INTERPRETER_WIN": PYTHON}


def test_a_path_the_code_page_cannot_hold_is_refused(tmp_path: Path) -> None:
    config = tmp_path / "xlperf.conf"
    with pytest.raises(InputError, match="代码页"):
        install.write_settings(config, {"INTERPRETER_WIN": "C:\\Users\\\U0001F600\\python.exe"},
                               "gbk")
    assert not config.exists()


def test_install_puts_the_bundles_addin_into_xlstart(user_folders: Path, addin: Path) -> None:
    old = install.addin_folder() / install.ADDIN_NAME  # where xlperf put it before
    old.parent.mkdir(parents=True)
    old.write_bytes(addin.read_bytes())
    target, lines = install.install_for_user(PYTHON, addin, encoding="utf-8")
    assert target == user_folders / "AppData" / "Roaming" / "Microsoft" / "Excel" / "XLSTART" / \
        "xlperf.xlam"
    assert target.read_bytes() == addin.read_bytes()  # the SHA-256 IT whitelisted
    assert not old.exists()  # two copies would load the tab twice
    settings = install.read_settings(install.config_path(), "utf-8")
    assert settings == {"INTERPRETER_WIN": PYTHON, "USE UDF SERVER": "True"}
    assert any(str(target) in line for line in lines)
    assert any(str(old) in line for line in lines)


def test_trust_location_puts_it_into_the_addins_folder(user_folders: Path, addin: Path) -> None:
    target, _ = install.install_for_user(PYTHON, addin, trust_location=True, encoding="utf-8")
    assert target == install.addin_folder() / "xlperf.xlam"
    assert not (install.xlstart_folder() / "xlperf.xlam").exists()


def test_without_a_bundle_the_addin_is_built_in_place(user_folders: Path) -> None:
    target, _ = install.install_for_user(PYTHON, None, encoding="utf-8")
    with zipfile.ZipFile(target) as archive:
        assert "xl/vbaProject.bin" in archive.namelist()


@pytest.mark.parametrize("content", [b"not a zip", None])
def test_a_file_that_is_not_an_addin_is_refused(user_folders: Path, tmp_path: Path,
                                                content: bytes | None) -> None:
    fake = tmp_path / "fake.xlam"
    if content is None:  # a zip, but a plain workbook without VBA
        with zipfile.ZipFile(fake, "w") as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
    else:
        fake.write_bytes(content)
    with pytest.raises(InputError, match="加载项"):
        install.install_for_user(PYTHON, fake, encoding="utf-8")
    assert not (install.xlstart_folder() / "xlperf.xlam").exists()


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


def test_unticking_finds_every_open_value_of_the_addin() -> None:
    existing = {"OPEN": '"C:\\a\\other.xlam"', "OPEN1": '"C:\\AddIns\\xlperf.xlam"',
                "OPEN3": '/R "D:\\old\\XLPERF.XLAM"', "xlperf.xlam": "x"}
    assert install.open_values_of(existing, "xlperf.xlam") == ["OPEN1", "OPEN3"]


def test_folders_follow_appdata(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("APPDATA", str(tmp_path))
    assert install.addin_folder() == tmp_path / "Microsoft" / "AddIns"
    assert install.xlstart_folder() == tmp_path / "Microsoft" / "Excel" / "XLSTART"


def test_the_udf_server_key_is_the_one_runpython_reads() -> None:
    source = xlwings_vba.source_path().read_text(encoding="ascii")
    assert re.search(rf'GetConfig\("{install.UDF_SERVER_KEY}", False\)', source)
    assert re.search(rf'GetConfig\("{install.INTERPRETER_KEY}", ""\)', source)
