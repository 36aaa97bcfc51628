"""List the Basic modules of a document with LibreOffice (run by the system python3 with uno).

Usage: python3 lo_list_basic.py PIPE_NAME DOCUMENT_PATH
Prints {library: {module: source}} as JSON, then shuts LibreOffice down.
Used by tests/test_excel_libreoffice.py: an independent implementation reads
the VBA project xlperf writes.
"""

import contextlib
import json
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    item = PropertyValue()
    item.Name = name
    item.Value = value
    return item


def connect(pipe, seconds=60.0):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + seconds
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.25)


def main():
    pipe, path = sys.argv[1], sys.argv[2]
    ctx = connect(pipe)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    # MacroExecutionMode 0 (NEVER_EXECUTE): load the code, run none of it.
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(path), "_blank", 0,
                                       (prop("Hidden", True), prop("MacroExecutionMode", 0)))
    libraries = {}
    for name in doc.BasicLibraries.getElementNames():
        doc.BasicLibraries.loadLibrary(name)
        library = doc.BasicLibraries.getByName(name)
        libraries[name] = {m: library.getByName(m) for m in library.getElementNames()}
    doc.close(True)
    print(json.dumps(libraries, ensure_ascii=False))
    with contextlib.suppress(Exception):  # the bridge drops as LibreOffice exits
        desktop.terminate()


if __name__ == "__main__":
    main()
