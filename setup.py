"""Ships the top-level ``resources/`` folder inside the wheel as ``greentasks._resources``.

Everything else lives in pyproject.toml; this file exists only because a package directory
mapping onto a folder outside the package tree cannot be expressed there together with
automatic package discovery.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["greentasks*", "ui*"]), "greentasks._resources"],
    package_dir={"greentasks._resources": "resources"},
    package_data={
        "greentasks._resources": ["**/*"],
        "greentasks": ["migrations/*.mako", "migrations/*.ini"],
    },
)
