"""The wheel carries the theme, the schemas, the catalogs and the default settings as package
data.

They stand at the top of the checkout (the project's layout: templates/, content/schema/,
locale/, pelican.conf.py); build_py copies them to generator/_data/, where generator/resources.py
finds them in an installed package. Everything else is declared in pyproject.toml.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
BUNDLE = {
    "templates": "templates",
    "content/schema": "schema",
    "locale": "locale",
    "pelican.conf.py": "pelican.conf.py",
}


class BuildPyWithData(build_py):
    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "generator" / "_data"
        for source, name in BUNDLE.items():
            src, dst = HERE / source, target / name
            if src.is_dir():
                shutil.copytree(
                    src, dst, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__")
                )
            else:
                dst.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, dst)


setup(cmdclass={"build_py": BuildPyWithData})
