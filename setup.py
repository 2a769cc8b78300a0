"""Ships the top-level ``resources/`` folder inside the wheel as ``greentasks._resources``.

Everything else lives in pyproject.toml; this file exists only because a package directory
mapping onto a folder outside the package tree cannot be expressed there together with
automatic package discovery. Each sub-folder of resources/ is declared too, so that setuptools
installs it as package data without warnings.
"""

from pathlib import Path

from setuptools import find_packages, setup

HERE = Path(__file__).resolve().parent
resource_dirs = sorted(p for p in (HERE / "resources").rglob("*") if p.is_dir())
resource_packages = {"greentasks._resources": "resources"}
for folder in resource_dirs:
    rel = folder.relative_to(HERE / "resources")
    resource_packages["greentasks._resources." + ".".join(rel.parts)] = "resources/" + rel.as_posix()

setup(
    packages=[*find_packages(include=["greentasks*", "ui*"]), *resource_packages],
    package_dir=resource_packages,
    package_data={
        **{name: ["*"] for name in resource_packages},
        "greentasks": ["migrations/*.mako"],
    },
)
