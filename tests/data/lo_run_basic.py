"""Run one Basic function in LibreOffice (run by the system python3 with uno).

Usage: python3 lo_run_basic.py PIPE_NAME MODULE_FILE FUNCTION
Puts the module (ASCII Basic source, e.g. with ``Option VBASupport 1``) into a
new hidden Calc document, calls FUNCTION without arguments, prints its result
as JSON, then shuts LibreOffice down. Used by tests/test_excel_libreoffice.py:
LibreOffice's VBA-compatible Basic runs the ribbon module's text helper.
"""

import contextlib
import json
import sys

from lo_list_basic import connect, prop


def main():
    pipe, path, function = sys.argv[1:4]
    with open(path, encoding="ascii") as handle:
        source = handle.read()
    ctx = connect(pipe)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    doc = desktop.loadComponentFromURL("private:factory/scalc", "_blank", 0,
                                       (prop("Hidden", True),))
    doc.BasicLibraries.createLibrary("Check")
    doc.BasicLibraries.getByName("Check").insertByName("Probe", source)
    url = f"vnd.sun.star.script:Check.Probe.{function}?language=Basic&location=document"
    result = doc.getScriptProvider().getScript(url).invoke((), (), ())[0]
    doc.close(True)
    print(json.dumps(result, ensure_ascii=False))
    with contextlib.suppress(Exception):  # the bridge drops as LibreOffice exits
        desktop.terminate()


main()
