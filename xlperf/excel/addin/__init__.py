"""Build the ribbon add-in on any OS: MS-OVBA compression, MS-CFB, the VBA project, the package.

No tool writes a ``vbaProject.bin`` outside Office, so xlperf writes one per the
public Microsoft specifications. ``build_addin`` (package.py) is the entry point.
"""
