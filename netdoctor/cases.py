"""The bundled case studies: small buggy programs, their diagnosis, the fix, the story.

They ship inside the package (package data), so `netdoctor cases` works from an
installed wheel; a source checkout reaches the same folder through `case_studies/`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path


@dataclass(frozen=True)
class CaseStudy:
    name: str
    folder: Path

    @property
    def readme(self) -> str:
        return (self.folder / "README.md").read_text(encoding="utf-8")

    @property
    def title(self) -> str:
        for line in self.readme.splitlines():
            if line.startswith("# "):
                return line[2:].strip()
        return self.name

    @property
    def codes(self) -> list[str]:
        expected = json.loads((self.folder / "expected.json").read_text(encoding="utf-8"))
        return list(expected.get("codes", []))

    def program(self, fixed: bool = False) -> Path:
        return self.folder / ("fixed.py" if fixed else "buggy.py")


def studies_folder() -> Path:
    return Path(str(resources.files("netdoctor") / "case_studies"))


def all_studies() -> list[CaseStudy]:
    folder = studies_folder()
    if not folder.is_dir():
        return []
    return [
        CaseStudy(path.name, path)
        for path in sorted(folder.iterdir())
        if path.is_dir() and (path / "buggy.py").exists() and (path / "README.md").exists()
    ]


def find(name: str) -> CaseStudy | None:
    return next((s for s in all_studies() if s.name == name), None)
