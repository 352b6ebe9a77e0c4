"""Every public name of every public module has a docstring."""

import importlib
import inspect
import pkgutil

import pmi_workflow

SKIP_PREFIXES = ("pmi_workflow.cli", "pmi_workflow.__main__")


def _public_modules() -> list[str]:
    names = ["pmi_workflow"]
    for info in pkgutil.walk_packages(pmi_workflow.__path__, "pmi_workflow."):
        if any(part.startswith("_") for part in info.name.split(".")[1:]):
            continue
        if info.name.startswith(SKIP_PREFIXES):
            continue
        names.append(info.name)
    return names


def test_every_public_module_has_a_docstring() -> None:
    missing = [name for name in _public_modules() if not importlib.import_module(name).__doc__]
    assert missing == []


def test_every_public_name_has_a_docstring() -> None:
    missing = []
    for module_name in _public_modules():
        module = importlib.import_module(module_name)
        for name in getattr(module, "__all__", ()):
            value = getattr(module, name)
            documentable = inspect.isclass(value) or inspect.isfunction(value)
            if documentable and not inspect.getdoc(value):
                missing.append(f"{module_name}.{name}")
    assert missing == []
