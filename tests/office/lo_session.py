"""A headless LibreOffice for one script's work, driven through UNO: started with a profile of its own, answered on
a pipe, stopped at the end. Imported by the scripts beside it, which Debian's /usr/bin/python3 runs."""

import os
import subprocess
import tempfile
import time
from contextlib import contextmanager

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


@contextmanager
def desktop():
    """LibreOffice's Desktop, to load documents into."""
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    pipe = f"edudesk{os.getpid()}"
    office = subprocess.Popen(["soffice", "--headless", "--invisible", "--norestore", "--nologo",
                               f"-env:UserInstallation=file://{profile}", f"--accept=pipe,name={pipe};urp;"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(120):
            try:
                context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:  # office still starting
                time.sleep(0.5)
        else:
            raise SystemExit("LibreOffice did not answer")
        yield context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
    finally:
        office.terminate()
        try:
            office.wait(30)
        except subprocess.TimeoutExpired:
            office.kill()


def load(office, path):
    return office.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(path)), "_blank", 0,
                                       (prop("Hidden", True),))
